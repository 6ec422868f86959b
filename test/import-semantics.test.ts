/**
 * What an import means (contract.md §1): the later record of an identity wins, counts tell inserted
 * from updated from unchanged, the identities of transitions with and without id, and references
 * that may arrive before their targets and are reported when they stay unresolved.
 */
import { expect, it } from 'vitest';
import { importFiles } from '../src/ingest/index.js';
import type { Store } from '../src/store/index.js';
import { writeNdjson } from './support/files.js';
import {
  createTestStore,
  describeEachStore,
  dumpDatabase,
  type TestDatabase,
  useTestStore,
} from './support/stores.js';

const item = (id: string, status: string, extra: object = {}) => ({
  kind: 'workItem',
  source: 'jira:PAY',
  id,
  type: 'Story',
  status,
  createdAt: '2025-01-06T09:30:00Z',
  ...extra,
});
const transition = (item: string, at: string, extra: object = {}) => ({
  kind: 'transition',
  source: 'jira:PAY',
  item,
  at,
  from: 'To Do',
  to: 'In Progress',
  ...extra,
});

describeEachStore('import semantics', (kind) => {
  let store: Store;
  let database: TestDatabase;
  useTestStore(kind, (opened) => ({ store, database } = opened));

  const statuses = async () => (await dumpDatabase(store)).work_items?.map((r) => [r.id, r.status]);

  it('stores the later of two records of one identity, in one batch or across batches', async () => {
    const lines = [
      item('PAY-1', 'To Do'),
      item('PAY-2', 'To Do'),
      item('PAY-1', 'Done'),
      item('PAY-2', 'Blocked'),
    ];
    const file = writeNdjson(database.dir, 'twice.ndjson', lines);
    const oneBatch = await importFiles(store, [file]);

    expect(await statuses()).toEqual([
      ['PAY-1', 'Done'],
      ['PAY-2', 'Blocked'],
    ]);
    expect(oneBatch.totals.records).toBe(4);
    expect(oneBatch.totals.counts.workItem?.inserted).toBe(2);
    expect(oneBatch.totals.counts.workItem?.updated).toBe(0);

    const other = await createTestStore(kind);
    try {
      const perLine = await importFiles(other.store, [file], { batchSize: 1 });
      expect((await dumpDatabase(other.store)).work_items).toEqual((await dumpDatabase(store)).work_items);
      expect(perLine.totals.counts.workItem).toEqual({ inserted: 2, updated: 2, unchanged: 0 });
    } finally {
      await other.database.destroy();
    }
  });

  it('counts a changed record as updated and an identical one as unchanged', async () => {
    const first = writeNdjson(database.dir, 'first.ndjson', [item('PAY-1', 'To Do'), item('PAY-2', 'To Do')]);
    const second = writeNdjson(database.dir, 'second.ndjson', [
      item('PAY-1', 'Done'),
      item('PAY-2', 'To Do'),
    ]);

    expect((await importFiles(store, [first])).totals.counts).toEqual({
      workItem: { inserted: 2, updated: 0, unchanged: 0 },
    });
    expect((await importFiles(store, [second])).totals.counts).toEqual({
      workItem: { inserted: 0, updated: 1, unchanged: 1 },
    });
    expect(await statuses()).toEqual([
      ['PAY-1', 'Done'],
      ['PAY-2', 'To Do'],
    ]);
    expect((await importFiles(store, [second])).totals.counts).toEqual({
      workItem: { inserted: 0, updated: 0, unchanged: 2 },
    });
  });

  it('updates every field of the later record, and clears optional fields it leaves out', async () => {
    const first = writeNdjson(database.dir, 'first.ndjson', [
      item('PAY-1', 'To Do', { title: 'Old', labels: ['a'], estimate: 3, team: 't-1' }),
    ]);
    const second = writeNdjson(database.dir, 'second.ndjson', [
      item('PAY-1', 'To Do', { type: 'Bug', title: 'New', createdAt: '2025-01-07T00:00:00+01:00' }),
    ]);
    await importFiles(store, [first]);
    await importFiles(store, [second]);

    expect((await dumpDatabase(store)).work_items).toEqual([
      {
        source: 'jira:PAY',
        id: 'PAY-1',
        type: 'Bug',
        status: 'To Do',
        created_at: Date.UTC(2025, 0, 6, 23, 0),
        title: 'New',
        team: null,
        parent: null,
        url: null,
        labels: null,
        estimate: null,
        product: null,
      },
    ]);
  });

  it('identifies a transition with an id by its id: a later record moves it', async () => {
    const first = writeNdjson(database.dir, 'first.ndjson', [
      transition('PAY-1', '2025-01-06T10:00:00Z', { id: 'h-1', by: 'u-ada' }),
    ]);
    const second = writeNdjson(database.dir, 'second.ndjson', [
      transition('PAY-1', '2025-01-06T11:00:00+01:00', { id: 'h-1', by: 'u-grace', to: 'Done' }),
    ]);
    await importFiles(store, [first]);
    const summary = await importFiles(store, [second]);

    expect(summary.totals.counts).toEqual({ transition: { inserted: 0, updated: 1, unchanged: 0 } });
    expect((await dumpDatabase(store)).transitions).toEqual([
      {
        source: 'jira:PAY',
        item: 'PAY-1',
        at: Date.UTC(2025, 0, 6, 10, 0),
        from_status: 'To Do',
        to_status: 'Done',
        id: 'h-1',
        by: 'u-grace',
      },
    ]);
  });

  it('keeps two transitions with different ids at the same instant (a same-second flip-flop)', async () => {
    const at = '2025-01-06T10:00:00Z';
    const file = writeNdjson(database.dir, 'flip-flop.ndjson', [
      transition('PAY-1', at, { id: 'h-1' }),
      transition('PAY-1', at, { id: 'h-2', from: 'In Progress', to: 'To Do' }),
      transition('PAY-1', at, { id: 'h-3' }),
    ]);
    const summary = await importFiles(store, [file]);

    expect(summary.totals.counts).toEqual({ transition: { inserted: 3, updated: 0, unchanged: 0 } });
    expect((await dumpDatabase(store)).transitions?.map((t) => t.id).sort()).toEqual(['h-1', 'h-2', 'h-3']);
  });

  it('keeps a transition without id apart from one with an id at the same instant, in either order', async () => {
    const at = '2025-01-06T10:00:00Z';
    const withId = transition('PAY-1', at, { id: 'h-1' });
    const withoutId = transition('PAY-1', at);
    const a = writeNdjson(database.dir, 'a.ndjson', [withId, withoutId]);
    await importFiles(store, [a]);
    const forward = (await dumpDatabase(store)).transitions;

    const other = await createTestStore(kind);
    try {
      const b = writeNdjson(other.database.dir, 'b.ndjson', [withoutId, withId]);
      await importFiles(other.store, [b]);
      expect((await dumpDatabase(other.store)).transitions).toEqual(forward);
    } finally {
      await other.database.destroy();
    }
    // Two rows: the one with id h-1, and the one without ('' is how "no id" is stored).
    expect(forward?.map((t) => t.id).sort()).toEqual(['', 'h-1']);
  });

  it('keeps records apart whose identity fields differ only in where a control character falls', async () => {
    // Identities are compared as a whole, never as joined strings: "a␟b" + "c" is not "a" + "b␟c".
    const file = writeNdjson(database.dir, 'separators.ndjson', [
      item('c', 'To Do', { source: 'a\u001fb' }),
      item('b\u001fc', 'Done', { source: 'a' }),
      transition('x', '2025-01-06T10:00:00Z', { from: 'A\u001fB', to: 'C' }),
      transition('x', '2025-01-06T10:00:00Z', { from: 'A', to: 'B\u001fC' }),
    ]);
    const summary = await importFiles(store, [file]);

    expect(summary.totals.counts).toEqual({
      workItem: { inserted: 2, updated: 0, unchanged: 0 },
      transition: { inserted: 2, updated: 0, unchanged: 0 },
    });
    const dump = await dumpDatabase(store);
    expect(dump.work_items?.map((r) => [r.source, r.id, r.status])).toEqual([
      ['a', 'b\u001fc', 'Done'],
      ['a\u001fb', 'c', 'To Do'],
    ]);
    expect(dump.transitions).toHaveLength(2);
  });

  it('resolves references to records that arrive later, in the same file or a later one', async () => {
    const first = writeNdjson(database.dir, 'first.ndjson', [
      transition('PAY-7', '2025-01-06T10:00:00Z'),
      transition('PAY-8', '2025-01-06T10:00:00Z'),
      transition('PAY-7', '2025-01-07T10:00:00Z', { from: 'In Progress', to: 'Done' }),
      item('PAY-8', 'In Progress'),
    ]);
    const second = writeNdjson(database.dir, 'second.ndjson', [item('PAY-7', 'Done')]);

    const together = await importFiles(store, [first, second]);
    expect(together.unresolved).toEqual([]);
    expect((await dumpDatabase(store)).transitions).toHaveLength(3);
  });

  it('reports a transition of an item never imported, until the item comes', async () => {
    const transitions = writeNdjson(database.dir, 'transitions.ndjson', [
      transition('PAY-7', '2025-01-06T10:00:00Z'),
      transition('PAY-7', '2025-01-07T10:00:00Z', { from: 'In Progress', to: 'Done' }),
      transition('PAY-8', '2025-01-06T10:00:00Z'),
      // The same id in another source is another item.
      transition('PAY-9', '2025-01-06T10:00:00Z', { source: 'jira:OPS' }),
      item('PAY-8', 'In Progress'),
      item('PAY-9', 'In Progress'),
    ]);
    const alone = await importFiles(store, [transitions]);
    expect(alone.unresolved).toEqual([
      {
        reference: 'transition.item',
        missingKind: 'workItem',
        records: 3,
        missing: 2,
        examples: ['jira:OPS PAY-9', 'jira:PAY PAY-7'],
      },
    ]);

    const items = writeNdjson(database.dir, 'items.ndjson', [item('PAY-7', 'Done')]);
    const later = await importFiles(store, [items]);
    expect(later.unresolved).toEqual([
      {
        reference: 'transition.item',
        missingKind: 'workItem',
        records: 1,
        missing: 1,
        examples: ['jira:OPS PAY-9'],
      },
    ]);
  });

  it('reports unresolved references of the organisation and delivery records', async () => {
    const file = writeNdjson(database.dir, 'dangling.ndjson', [
      { kind: 'team', id: 't-1', name: 'One', valueStream: 'vs-missing' },
      { kind: 'service', id: 'svc-1', team: 't-1' },
      item('PAY-1', 'Done', { team: 't-missing', parent: 'PAY-0' }),
      {
        kind: 'deployment',
        source: 'ci',
        id: 'd-1',
        service: 'svc-1',
        environment: 'production',
        at: '2025-01-06T10:00:00Z',
        status: 'success',
        changes: ['PR-1', 'PR-404'],
      },
      {
        kind: 'change',
        source: 'github',
        id: 'PR-1',
        createdAt: '2025-01-05T10:00:00Z',
        items: ['PAY-1', 'PAY-404'],
      },
      {
        kind: 'incident',
        source: 'pd',
        id: 'i-1',
        service: 'svc-gone',
        openedAt: '2025-01-06T11:00:00Z',
        causedBy: 'd-1',
      },
    ]);
    const summary = await importFiles(store, [file]);

    const byReference = Object.fromEntries(
      summary.unresolved.map((u) => [u.reference, [u.records, u.examples]]),
    );
    expect(byReference).toEqual({
      'team.valueStream': [1, ['vs-missing']],
      'workItem.team': [1, ['t-missing']],
      'workItem.parent': [1, ['jira:PAY PAY-0']],
      'change.items': [1, ['PAY-404']],
      'deployment.changes': [1, ['PR-404']],
      'incident.service': [1, ['svc-gone']],
    });
  });
});
