/**
 * Moved or renamed items (hostile-input.md §30, migration 0012): identity is the immutable source id
 * (`sourceId`), not the key. On both stores:
 *
 * - an NDJSON import that re-keys an item (PROJ-1 → NEW-7, same sourceId) renames the stored item:
 *   its history, its children's parent, the changes naming it move with it, it is counted once, an
 *   `item.rekey` audit entry is written, and the metrics equal those of a from-scratch import of the
 *   final state;
 * - both names in one file are stored once; a later record naming the former id lands on the
 *   renamed item; a tombstone asked for under the former id deletes the renamed item;
 * - a re-key onto the id of another stored item is refused with an error naming both, and nothing
 *   valid is lost;
 * - a Jira sync against a local server where issue 10001 is PROJ-1 on the first sync and NEW-7 on
 *   the second (the changelog kept, with its `Key` and `project` entries and the same history ids):
 *   one item NEW-7 with the full history, PROJ-1 gone, the audit entry written; a late webhook about
 *   PROJ-1 lands on NEW-7.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { syncSources } from '../src/connectors/index.js';
import { translateWebhook } from '../src/connectors/webhooks.js';
import { MetricsEngine } from '../src/engine/index.js';
import { importFiles, isTombstoned, RecordImport, tombstoneItem } from '../src/ingest/index.js';
import type { Store } from '../src/store/index.js';
import { configWith, FAST_POLICY, rows } from './support/connectors.js';
import { writeNdjson } from './support/files.js';
import { type ReplayRequest, ReplayServer } from './support/replay-server.js';
import { createTestStore, describeEachStore, type TestStore, useTestStore } from './support/stores.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6);
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const PERIOD = { fromMs: T0, toMs: T0 + 14 * DAY };
const SOURCE = 'jira:acme';

const ORG = [
  { kind: 'team', id: 't-a', name: 'Team A' },
  {
    kind: 'mapping',
    source: SOURCE,
    statuses: {
      Backlog: { stage: 'ideate', state: 'new' },
      'In Progress': { stage: 'create', state: 'active' },
      Review: { stage: 'create', state: 'waiting' },
      Done: { stage: 'release', state: 'done' },
    },
    types: { Story: 'feature', Epic: 'feature' },
  },
];
const item = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  kind: 'workItem',
  source: SOURCE,
  id,
  type: 'Story',
  status,
  createdAt: at(0),
  team: 't-a',
  ...extra,
});
const move = (id: string, day: number, from: string, to: string, extra: Record<string, unknown> = {}) => ({
  kind: 'transition',
  source: SOURCE,
  item: id,
  at: at(day),
  from,
  to,
  ...extra,
});
const change = (id: string, items: string[]) => ({
  kind: 'change',
  source: 'github:acme',
  id,
  createdAt: at(2),
  mergedAt: at(3),
  items,
});

/** Before the move: PROJ-1 in progress, with a child and a change naming it. */
const BEFORE = [
  ...ORG,
  item('PROJ-1', 'In Progress', { sourceId: '10001', type: 'Epic', title: 'Checkout' }),
  move('PROJ-1', 1, 'Backlog', 'In Progress'),
  move('PROJ-1', 2, 'In Progress', 'Review', { id: 'h-2' }),
  move('PROJ-1', 3, 'Review', 'In Progress', { id: 'h-3' }),
  item('PROJ-2', 'Done', { sourceId: '10002', parent: 'PROJ-1' }),
  move('PROJ-2', 1, 'Backlog', 'In Progress'),
  move('PROJ-2', 4, 'In Progress', 'Done'),
  change('c-1', ['PROJ-1', 'PROJ-2']),
];
/** After the move: the same issue as NEW-7, done; its history as the source gives it again. */
const AFTER = [
  item('NEW-7', 'Done', { sourceId: '10001', type: 'Epic', title: 'Checkout' }),
  move('NEW-7', 2, 'In Progress', 'Review', { id: 'h-2' }),
  move('NEW-7', 3, 'Review', 'In Progress', { id: 'h-3' }),
  move('NEW-7', 5, 'In Progress', 'Done', { id: 'h-5' }),
];
/** The final state written from scratch. */
const FINAL = [
  ...ORG,
  item('NEW-7', 'Done', { sourceId: '10001', type: 'Epic', title: 'Checkout' }),
  move('NEW-7', 1, 'Backlog', 'In Progress'),
  move('NEW-7', 2, 'In Progress', 'Review', { id: 'h-2' }),
  move('NEW-7', 3, 'Review', 'In Progress', { id: 'h-3' }),
  move('NEW-7', 5, 'In Progress', 'Done', { id: 'h-5' }),
  item('PROJ-2', 'Done', { sourceId: '10002', parent: 'NEW-7' }),
  move('PROJ-2', 1, 'Backlog', 'In Progress'),
  move('PROJ-2', 4, 'In Progress', 'Done'),
  change('c-1', ['NEW-7', 'PROJ-2']),
];

async function load(store: Store, dir: string, name: string, records: readonly object[]) {
  return importFiles(store, [writeNdjson(dir, name, records)]);
}

async function itemsOf(store: Store) {
  return (await rows(store, 'work_items')).map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    status: r.status,
    parent: r.parent,
  }));
}

async function historyOf(store: Store) {
  const list = await rows(store, 'transitions', 'at');
  return list
    .sort((a, b) => Number(a.at) - Number(b.at) || String(a.item).localeCompare(String(b.item)))
    .map((t) => [t.item, t.from_status, t.to_status, t.id]);
}

async function auditOf(store: Store, action: string) {
  return (
    await sql<{
      action: string;
      target: string;
      before_json: string | null;
      after_json: string | null;
      summary: string;
    }>`select action, target, before_json, after_json, summary from audit_log where action = ${action} order by seq`.execute(
      store.db,
    )
  ).rows;
}

async function factKeys(store: Store) {
  return (await rows(store, 'item_facts', 'item')).map((r) => [r.item, r.lead_ms, r.flow_ms, r.completed_at]);
}

describeEachStore('Item identity across renames (NDJSON)', (kind) => {
  let t: TestStore;
  useTestStore(kind, (opened) => {
    t = opened;
  });

  it('re-keys an item: its history, children and changes move with it, and it is counted once', async () => {
    const first = await load(t.store, t.database.dir, 'before.ndjson', BEFORE);
    expect(first.totals.rejected).toBe(0);
    const second = await load(t.store, t.database.dir, 'after.ndjson', AFTER);
    expect(second.totals.rejected).toBe(0);
    // The renamed item is updated, not inserted; the history already stored is unchanged.
    expect(second.totals.counts.workItem).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(second.totals.counts.transition).toEqual({ inserted: 1, updated: 0, unchanged: 2 });

    expect(await itemsOf(t.store)).toEqual([
      { id: 'NEW-7', sourceId: '10001', status: 'Done', parent: null },
      { id: 'PROJ-2', sourceId: '10002', status: 'Done', parent: 'NEW-7' },
    ]);
    expect(await historyOf(t.store)).toEqual([
      ['NEW-7', 'Backlog', 'In Progress', ''],
      ['PROJ-2', 'Backlog', 'In Progress', ''],
      ['NEW-7', 'In Progress', 'Review', 'h-2'],
      ['NEW-7', 'Review', 'In Progress', 'h-3'],
      ['PROJ-2', 'In Progress', 'Done', ''],
      ['NEW-7', 'In Progress', 'Done', 'h-5'],
    ]);
    const changes = await rows(t.store, 'changes');
    expect(JSON.parse(String(changes[0]!.items))).toEqual(['NEW-7', 'PROJ-2']);
    expect(await rows(t.store, 'item_aliases', 'old_id')).toMatchObject([
      { source: SOURCE, old_id: 'PROJ-1', new_id: 'NEW-7', source_id: '10001' },
    ]);

    const audit = await auditOf(t.store, 'item.rekey');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target).toBe(`${SOURCE}/NEW-7`);
    expect(JSON.parse(audit[0]!.before_json!)).toEqual({ source: SOURCE, id: 'PROJ-1', sourceId: '10001' });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({
      id: 'NEW-7',
      sourceId: '10001',
      transitions: 3,
      children: 1,
      changes: 1,
    });
    // The same file again changes nothing and renames nothing.
    const again = await load(t.store, t.database.dir, 'after-again.ndjson', AFTER);
    expect(again.totals.counts.workItem).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await auditOf(t.store, 'item.rekey')).toHaveLength(1);
  });

  it('gives the metrics and facts of a from-scratch import of the final state', async () => {
    await load(t.store, t.database.dir, 'before.ndjson', BEFORE);
    const engine = await MetricsEngine.open(t.store);
    try {
      const before = engine.metrics(PERIOD);
      await load(t.store, t.database.dir, 'after.ndjson', AFTER);
      await engine.refresh();
      const renamed = engine.metrics(PERIOD);
      const renamedFacts = await factKeys(t.store);
      expect(renamedFacts.map((f) => f[0])).toEqual(['NEW-7', 'PROJ-2']);

      const fresh = await createTestStore(kind);
      try {
        const summary = await load(fresh.store, fresh.database.dir, 'final.ndjson', FINAL);
        expect(summary.totals.rejected).toBe(0);
        const scratch = await MetricsEngine.open(fresh.store);
        try {
          // Everything measured is the same. The one difference is the import history: the two
          // status changes the source gave again after the move are counted as records imported twice.
          const { duplicateRecords, ...quality } = renamed.dataQuality;
          expect(duplicateRecords).toBe(2);
          const expected = scratch.metrics(PERIOD);
          expect({ ...renamed, dataQuality: quality }).toEqual({
            ...expected,
            dataQuality: { ...expected.dataQuality, duplicateRecords: undefined },
          });
          // Not vacuous: the move changed what is measured (NEW-7 is done now).
          expect(renamed).not.toEqual(before);
        } finally {
          await scratch.close();
        }
        expect(renamedFacts).toEqual(await factKeys(fresh.store));
      } finally {
        await fresh.database.destroy();
      }
    } finally {
      await engine.close();
    }
  });

  it('stores both names of one sourceId in one file once, under the later name', async () => {
    const summary = await load(t.store, t.database.dir, 'both.ndjson', [...BEFORE, ...AFTER]);
    expect(summary.totals.rejected).toBe(0);
    expect((await itemsOf(t.store)).map((i) => i.id)).toEqual(['NEW-7', 'PROJ-2']);
    expect((await historyOf(t.store)).filter((h) => h[0] === 'NEW-7')).toHaveLength(4);
    expect((await historyOf(t.store)).some((h) => h[0] === 'PROJ-1')).toBe(false);
    expect(await rows(t.store, 'item_aliases', 'old_id')).toMatchObject([
      { old_id: 'PROJ-1', new_id: 'NEW-7' },
    ]);
    expect(await auditOf(t.store, 'item.rekey')).toHaveLength(1);
  });

  it('lands a later record naming the former id on the renamed item', async () => {
    await load(t.store, t.database.dir, 'before.ndjson', BEFORE);
    await load(t.store, t.database.dir, 'after.ndjson', AFTER);
    // A late copy of the item as it was before the move, a status change under the old key, and a
    // new child naming the old key as its parent.
    const late = await load(t.store, t.database.dir, 'late.ndjson', [
      item('PROJ-1', 'In Progress', { sourceId: '10001', type: 'Epic', title: 'Checkout' }),
      move('PROJ-1', 6, 'Done', 'Review', { id: 'h-6' }),
      item('NEW-9', 'Backlog', { sourceId: '10009', parent: 'PROJ-1' }),
      change('c-2', ['PROJ-1', 'NEW-7', 'PROJ-2']),
    ]);
    expect(late.totals.rejected).toBe(0);
    // The late copy is an older record of NEW-7: counted unchanged, NEW-7 keeps its newer fields.
    expect(late.totals.counts.workItem).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect(await itemsOf(t.store)).toEqual([
      { id: 'NEW-7', sourceId: '10001', status: 'Done', parent: null },
      { id: 'NEW-9', sourceId: '10009', status: 'Backlog', parent: 'NEW-7' },
      { id: 'PROJ-2', sourceId: '10002', status: 'Done', parent: 'NEW-7' },
    ]);
    expect((await historyOf(t.store)).at(-1)).toEqual(['NEW-7', 'Done', 'Review', 'h-6']);
    // A change naming the former key (a branch named before the move) links the renamed item, once.
    const c2 = (await rows(t.store, 'changes')).find((c) => c.id === 'c-2')!;
    expect(JSON.parse(String(c2.items))).toEqual(['NEW-7', 'PROJ-2']);
    // A record with the former id but another sourceId is another item reusing the name.
    const reuse = await load(t.store, t.database.dir, 'reuse.ndjson', [
      item('PROJ-1', 'Backlog', { sourceId: '20001' }),
    ]);
    expect(reuse.totals.counts.workItem).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect((await itemsOf(t.store)).map((i) => [i.id, i.sourceId])).toContainEqual(['PROJ-1', '20001']);
    expect(await rows(t.store, 'item_aliases', 'old_id')).toEqual([]);
  });

  it('deletes the renamed item when its source reports the former id deleted', async () => {
    await load(t.store, t.database.dir, 'before.ndjson', BEFORE);
    await load(t.store, t.database.dir, 'after.ndjson', AFTER);
    const done = await tombstoneItem(t.store, {
      source: SOURCE,
      id: 'PROJ-1',
      via: 'webhook:jira',
      reason: 'PROJ-1 was deleted in Jira',
      at: T0 + 10 * DAY,
    });
    expect(done).toEqual({ removed: true, transitions: 4 });
    expect((await itemsOf(t.store)).map((i) => i.id)).toEqual(['PROJ-2']);
    expect(await isTombstoned(t.store, SOURCE, 'NEW-7')).toBe(true);
    expect(await isTombstoned(t.store, SOURCE, 'PROJ-1')).toBe(true);
    expect(await isTombstoned(t.store, SOURCE, 'PROJ-2')).toBe(false);
  });

  it('refuses a re-key onto the id of another stored item, naming both, and keeps everything valid', async () => {
    await load(t.store, t.database.dir, 'before.ndjson', [
      ...BEFORE,
      item('NEW-7', 'Backlog', { sourceId: '30007', title: 'Another item' }),
    ]);
    const itemsBefore = await itemsOf(t.store);
    const historyBefore = await historyOf(t.store);
    const summary = await load(t.store, t.database.dir, 'collide.ndjson', [
      item('X-1', 'Backlog', { sourceId: '40001' }),
      ...AFTER,
    ]);
    // The re-keyed item and its three status changes in the batch are refused; X-1 is stored.
    expect(summary.totals.rejected).toBe(4);
    expect(summary.totals.records).toBe(1);
    const error = summary.files[0]!.errors[0]!;
    expect(error.line).toBe(2);
    expect(error.field).toBe('sourceId');
    expect(error.message).toContain('PROJ-1');
    expect(error.message).toContain('NEW-7');
    expect(error.message).toContain('sourceId 30007');
    expect(await itemsOf(t.store)).toEqual(
      [...itemsBefore, { id: 'X-1', sourceId: '40001', status: 'Backlog', parent: null }].sort((a, b) =>
        String(a.id).localeCompare(String(b.id)),
      ),
    );
    expect(await historyOf(t.store)).toEqual(historyBefore);
    expect(await auditOf(t.store, 'item.rekey')).toEqual([]);
    // The import log keeps the error.
    const logged = await rows(t.store, 'import_errors', 'line');
    expect(logged.some((e) => String(e.message).includes('is already another stored item'))).toBe(true);
  });
});

// ── Jira ────────────────────────────────────────────────────────────────────────────────────────

const EMAIL = 'ana@example.com';
const TOKEN = 'jira-secret-token-1234';
const ENV = { JIRA_EMAIL: EMAIL, JIRA_TOKEN: TOKEN };
const jiraTime = (days: number) => new Date(T0 + days * DAY).toISOString().replace('Z', '+0000');
const status = (name: string, id: string) => ({ name, id, statusCategory: { key: 'indeterminate' } });

interface History {
  id: string;
  created: string;
  author: { accountId: string };
  items: Record<string, string | null>[];
}
const statusChange = (id: string, days: number, from: [string, string], to: [string, string]): History => ({
  id,
  created: jiraTime(days),
  author: { accountId: 'u-ana' },
  items: [
    {
      field: 'status',
      fieldtype: 'jira',
      fieldId: 'status',
      from: from[1],
      fromString: from[0],
      to: to[1],
      toString: to[0],
    },
  ],
});
/** What Jira's changelog says of a move: the key and the project changed (and the history is kept). */
const moveEntry: History = {
  id: '50004',
  created: jiraTime(4),
  author: { accountId: 'u-ana' },
  items: [
    { field: 'Key', fieldtype: 'jira', from: null, fromString: 'PROJ-1', to: null, toString: 'NEW-7' },
    {
      field: 'project',
      fieldtype: 'jira',
      fieldId: 'project',
      from: '10000',
      fromString: 'Project',
      to: '10100',
      toString: 'New',
    },
  ],
};
const H1 = statusChange('50001', 1, ['To Do', '1'], ['In Progress', '3']);
const H2 = statusChange('50002', 2, ['In Progress', '3'], ['In Review', '4']);
const H5 = statusChange('50005', 5, ['In Review', '4'], ['Done', '5']);

function jiraIssue(key: string, project: string, current: string, histories: History[], updated: number) {
  return {
    id: '10001',
    key,
    self: 'https://acme.atlassian.net/rest/api/3/issue/10001',
    fields: {
      summary: 'Checkout',
      status: status(current, current === 'Done' ? '5' : '4'),
      issuetype: { name: 'Story' },
      created: jiraTime(0),
      updated: jiraTime(updated),
      labels: [],
      project: { key: project },
    },
    changelog: { startAt: 0, maxResults: 100, total: histories.length, histories },
  };
}

describeEachStore('Item identity across renames (Jira)', (kind) => {
  let t: TestStore;
  useTestStore(kind, (opened) => {
    t = opened;
  });
  let server: ReplayServer;
  let issues: unknown[] = [];
  beforeEach(async () => {
    server = await ReplayServer.start((request: ReplayRequest) => {
      const path = request.path;
      if (path === '/rest/api/3/myself')
        return { status: 200, body: { accountId: 'u-ana', timeZone: 'UTC' } };
      if (path === '/rest/api/3/field' || path === '/rest/api/3/status') return { status: 200, body: [] };
      if (path === '/rest/api/3/search/jql') return { status: 200, body: { issues, isLast: true } };
      return { status: 404, body: { errorMessages: [`${path} does not exist`] } };
    });
  });
  afterEach(async () => {
    await server.close();
  });

  const config = () =>
    configWith({
      kind: 'jira',
      name: 'acme',
      url: server.url,
      projects: ['PROJ', 'NEW'],
      team: 't-a',
      credentials: { user: 'JIRA_EMAIL', token: 'JIRA_TOKEN' },
    });
  const sync = async () => {
    const summary = await syncSources(t.store, config(), { env: ENV, policy: FAST_POLICY });
    const source = summary.sources[0]!;
    expect(source.status, source.error).toBe('done');
    return source;
  };

  it('keeps one item with its whole history when an issue moves to another project, and a late webhook about the old key lands on it', async () => {
    issues = [jiraIssue('PROJ-1', 'PROJ', 'In Review', [H1, H2], 2)];
    await sync();
    expect(await itemsOf(t.store)).toEqual([
      { id: 'PROJ-1', sourceId: '10001', status: 'In Review', parent: null },
    ]);

    // Moved to NEW: the same issue id, the changelog kept with the same history ids, plus the move.
    issues = [jiraIssue('NEW-7', 'NEW', 'Done', [H1, H2, moveEntry, H5], 5)];
    const second = await sync();
    expect(second.counts.workItem).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(second.counts.transition).toEqual({ inserted: 1, updated: 0, unchanged: 2 });
    expect(await itemsOf(t.store)).toEqual([
      { id: 'NEW-7', sourceId: '10001', status: 'Done', parent: null },
    ]);
    expect(await historyOf(t.store)).toEqual([
      ['NEW-7', 'To Do', 'In Progress', '50001'],
      ['NEW-7', 'In Progress', 'In Review', '50002'],
      ['NEW-7', 'In Review', 'Done', '50005'],
    ]);
    const audit = await auditOf(t.store, 'item.rekey');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('PROJ-1 of jira:acme is now NEW-7');
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ id: 'PROJ-1', sourceId: '10001' });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ id: 'NEW-7', transitions: 2 });

    // A webhook sent before the move, delivered late: it names PROJ-1.
    const outcome = await translateWebhook(
      'jira',
      'jira:issue_updated',
      {
        webhookEvent: 'jira:issue_updated',
        timestamp: T0 + 3 * DAY,
        user: { accountId: 'u-ana' },
        issue: jiraIssue('PROJ-1', 'PROJ', 'In Progress', [], 3),
        changelog: {
          id: '50003',
          items: [
            {
              field: 'status',
              fieldtype: 'jira',
              fieldId: 'status',
              from: '4',
              fromString: 'In Review',
              to: '3',
              toString: 'In Progress',
            },
          ],
        },
      },
      { config: config(), env: ENV, store: t.store, now: () => T0 + 10 * DAY, policy: FAST_POLICY },
    );
    expect(outcome.status).toBe('records');
    const records = outcome.status === 'records' ? outcome.records : [];
    const delivery = await RecordImport.start(t.store, { name: 'webhook:jira', format: 'webhook' });
    const result = await delivery.commit(records, undefined, true);
    expect(result.rejectedCount).toBe(0);
    expect(await itemsOf(t.store)).toEqual([
      { id: 'NEW-7', sourceId: '10001', status: 'Done', parent: null },
    ]);
    expect((await historyOf(t.store)).map((h) => [h[0], h[3]])).toEqual([
      ['NEW-7', '50001'],
      ['NEW-7', '50002'],
      ['NEW-7', '50003'],
      ['NEW-7', '50005'],
    ]);

    // A third sync of NEW-7 stores nothing twice.
    const third = await sync();
    expect(third.counts.workItem).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await rows(t.store, 'transitions', 'at')).toHaveLength(4);
  });
});
