/**
 * The metric engine on both stores: facts stored and kept up to date (an import recomputes only
 * the items it touched, a mapping change the items of its source, `rebuild` all), and the metrics of
 * a small organisation computed by hand, through the engine and through `flowlens metrics`.
 *
 * The organisation: portfolio p1 → value stream vs1 → teams t-a (owns svc-a) and t-b; one Jira-like
 * source jira:A. Days d0…d13 from Monday 2025-01-06 00:00 UTC.
 * - A-1 (t-a, Story→feature): Backlog d0 → Ready d1 → In Progress d2 → Done d4: lead 4d, flow 3d,
 *   active 2d; ideate 1d, create 3d.
 * - A-2 (t-a, Bug→defect): Backlog d0 → In Progress d3 → Done d5: lead 5d, flow 2d, active 2d;
 *   ideate 3d, create 2d.
 * - B-1 (t-b): created d1 in Backlog → In Progress d2, still in progress.
 * - X-1 (no team, type Task unmapped): Backlog d0 → Parked d2 (unmapped status).
 * - svc-a: dep1 to prod-eu (production) d4 12:00 with change c1 (first commit d3 00:00); dep2 to
 *   staging d5; dep3 to prod-eu d6, failed. Incident i1 on svc-a opened d7 00:00, resolved 02:00,
 *   naming no deployment → attributed to dep1.
 */

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultSnapshotPath,
  MetricsEngine,
  pendingFactCount,
  readFactsVersion,
  rebuildFacts,
  refreshFacts,
  type SnapshotEvent,
} from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import type { Store } from '../src/store/index.js';
import { cli } from './support/cli.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

const DAY_S = 86_400;
const T0 = Date.UTC(2025, 0, 6);
const at = (days: number, hours = 0) => new Date(T0 + days * DAY_S * 1000 + hours * 3_600_000).toISOString();
const PERIOD = { fromMs: T0, toMs: T0 + 14 * DAY_S * 1000 };

const MAPPING = {
  kind: 'mapping',
  source: 'jira:A',
  statuses: {
    Backlog: { stage: 'ideate', state: 'new' },
    Ready: { stage: 'create', state: 'waiting' },
    'In Progress': { stage: 'create', state: 'active' },
    Done: { stage: 'release', state: 'done' },
    "Won't Do": { stage: 'create', state: 'cancelled' },
  },
  types: { Story: 'feature', Bug: 'defect' },
};
/** The deployments' source maps its environments. */
const DEPLOY_MAPPING = {
  kind: 'mapping',
  source: 'github:a',
  statuses: {},
  types: {},
  environments: { 'prod-eu': 'production', staging: 'staging' },
};

const item = (id: string, type: string, status: string, createdDay: number, team?: string) => ({
  kind: 'workItem',
  source: 'jira:A',
  id,
  type,
  status,
  createdAt: at(createdDay),
  ...(team === undefined ? {} : { team }),
});
const move = (id: string, day: number, from: string, to: string) => ({
  kind: 'transition',
  source: 'jira:A',
  item: id,
  at: at(day),
  from,
  to,
});

const ORG = [
  { kind: 'portfolio', id: 'p1', name: 'Retail' },
  { kind: 'valueStream', id: 'vs1', name: 'Checkout', portfolio: 'p1' },
  { kind: 'team', id: 't-a', name: 'Team A', valueStream: 'vs1' },
  { kind: 'team', id: 't-b', name: 'Team B', valueStream: 'vs1' },
  { kind: 'service', id: 'svc-a', team: 't-a' },
  MAPPING,
  DEPLOY_MAPPING,
  item('A-1', 'Story', 'Done', 0, 't-a'),
  move('A-1', 1, 'Backlog', 'Ready'),
  move('A-1', 2, 'Ready', 'In Progress'),
  move('A-1', 4, 'In Progress', 'Done'),
  item('A-2', 'Bug', 'Done', 0, 't-a'),
  move('A-2', 3, 'Backlog', 'In Progress'),
  move('A-2', 5, 'In Progress', 'Done'),
  item('B-1', 'Story', 'In Progress', 1, 't-b'),
  move('B-1', 2, 'Backlog', 'In Progress'),
  item('X-1', 'Task', 'Parked', 0),
  move('X-1', 2, 'Backlog', 'Parked'),
  { kind: 'change', source: 'github:a', id: 'c1', createdAt: at(3, 6), firstCommitAt: at(3), items: ['A-1'] },
  {
    kind: 'deployment',
    source: 'github:a',
    id: 'dep1',
    service: 'svc-a',
    environment: 'prod-eu',
    at: at(4, 12),
    status: 'success',
    changes: ['c1'],
  },
  {
    kind: 'deployment',
    source: 'github:a',
    id: 'dep2',
    service: 'svc-a',
    environment: 'staging',
    at: at(5),
    status: 'success',
  },
  {
    kind: 'deployment',
    source: 'github:a',
    id: 'dep3',
    service: 'svc-a',
    environment: 'prod-eu',
    at: at(6),
    status: 'failed',
  },
  {
    kind: 'incident',
    source: 'pagerduty',
    id: 'i1',
    service: 'svc-a',
    openedAt: at(7),
    resolvedAt: at(7, 2),
  },
];

async function load(store: Store, dir: string, name: string, records: readonly object[]) {
  const summary = await importFiles(store, [writeNdjson(dir, name, records)]);
  expect(summary.totals.rejected).toBe(0);
}

async function factsTable(store: Store) {
  return store.db.selectFrom('item_facts').selectAll().orderBy('source').orderBy('item').execute();
}

describeEachStore('the metric engine', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await createTestStore(kind);
    await load(t.store, t.database.dir, 'org.ndjson', ORG);
  });
  afterEach(async () => {
    await t.database.destroy();
  });

  it('computes the flow and DORA metrics of a team as computed by hand', async () => {
    const engine = await MetricsEngine.open(t.store);
    const m = engine.metrics({ ...PERIOD, team: 't-a' });
    expect(m.period).toEqual({ from: '2025-01-06T00:00:00.000Z', to: '2025-01-20T00:00:00.000Z' });
    expect(m.scope).toEqual({ team: 't-a' });
    expect(m.flow.velocity).toEqual({ total: 2, byType: { feature: 1, defect: 1, risk: 0, debt: 0 } });
    // flow times 3d, 2d → nearest-rank median 2d, p85 3d; lead 4d, 5d
    expect(m.flow.flowTime).toEqual({ median: 2 * DAY_S, p85: 3 * DAY_S, count: 2 });
    expect(m.flow.leadTime).toEqual({ median: 4 * DAY_S, p85: 5 * DAY_S, count: 2 });
    expect(m.flow.efficiency).toBe(4 / 5);
    // daily samples d0…d13: 0, 1, 1, 2, 1, then 0 → 5/14
    expect(m.flow.load).toEqual({ average: 5 / 14, atEnd: 0 });
    expect(m.flow.distribution).toEqual({ feature: 0.5, defect: 0.5, risk: 0, debt: 0 });
    expect(m.flow.stages).toEqual({ ideate: 4 / 9, create: 5 / 9, release: 0, operate: 0 });
    expect(m.flow.waitByStatus).toEqual([{ status: 'Ready', seconds: DAY_S, items: 1 }]);

    expect(m.dora.deploymentFrequency).toEqual({ count: 1, perWeek: 0.5, tier: 'low' });
    expect(m.dora.leadTimeForChanges).toEqual({ median: 1.5 * DAY_S, count: 1, tier: 'high' });
    expect(m.dora.changeFailureRate).toEqual({ value: 1, tier: 'low' });
    // dep1 d4 12:00 → resolved d7 02:00
    expect(m.dora.recoveryTime).toEqual({ median: 2 * DAY_S + 14 * 3600, count: 1, tier: 'medium' });
    expect(m.dora.timeToRestore).toEqual({ median: 2 * 3600, count: 1 });
  });

  it('scopes by team, value stream and portfolio, and reports data quality', async () => {
    const engine = await MetricsEngine.open(t.store);
    const b = engine.metrics({ ...PERIOD, team: 't-b' });
    expect(b.flow.velocity.total).toBe(0);
    expect(b.flow.load).toEqual({ average: 12 / 14, atEnd: 1 });
    expect(b.dora.deploymentFrequency.count).toBe(0);

    const stream = engine.metrics({ ...PERIOD, valueStream: 'vs1' });
    expect(stream.flow.velocity.total).toBe(2);
    expect(stream.flow.load.atEnd).toBe(1);
    expect(engine.metrics({ ...PERIOD, portfolio: 'p1' }).flow).toEqual(stream.flow);

    const org = engine.metrics(PERIOD);
    expect(org.scope).toEqual({});
    // X-1 waits in the unmapped "Parked" from d2 on: in the load from its start
    expect(org.flow.load.atEnd).toBe(2);
    expect(org.dataQuality).toMatchObject({
      unmappedStatuses: [{ source: 'jira:A', status: 'Parked', items: 1 }],
      unmappedTypes: [{ source: 'jira:A', type: 'Task', items: 1 }],
      itemsWithoutTeam: 1,
      unlinkedChanges: { count: 0, examples: [] },
      deploymentsWithoutChanges: { count: 0, examples: [] },
      unattributedIncidents: { count: 0, examples: [] },
      pendingItems: 0,
    });
    expect(stream.dataQuality.itemsWithoutTeam).toBe(0);
    expect(stream.dataQuality.unmappedStatuses).toEqual([]);
  });

  it('rejects an empty period and unknown or several scopes with errors that name them', async () => {
    const engine = await MetricsEngine.open(t.store);
    expect(() => engine.metrics({ fromMs: PERIOD.toMs, toMs: PERIOD.fromMs })).toThrow(/the period is empty/);
    expect(() => engine.metrics({ ...PERIOD, team: 'nope' })).toThrow(
      '--team: there is no team "nope" (known: t-a, t-b)',
    );
    expect(() => engine.metrics({ ...PERIOD, valueStream: 'vs9' })).toThrow(
      /--value-stream: there is no value stream "vs9"/,
    );
    expect(() => engine.metrics({ ...PERIOD, team: 't-a', portfolio: 'p1' })).toThrow(
      /one scope at most: --team and --portfolio/,
    );
  });

  it('stores every item’s facts, and an import recomputes only the items it touched', async () => {
    const engine = await MetricsEngine.open(t.store);
    expect(await pendingFactCount(t.store)).toBe(0);
    expect((await factsTable(t.store)).map((f) => f.item)).toEqual(['A-1', 'A-2', 'B-1', 'X-1']);

    await load(t.store, t.database.dir, 'more.ndjson', [move('B-1', 6, 'In Progress', 'Done')]);
    expect(await pendingFactCount(t.store)).toBe(1);
    const report = await engine.refresh();
    expect(report).toMatchObject({ computed: 1, removed: 0 });
    const b = engine.metrics({ ...PERIOD, team: 't-b' });
    expect(b.flow.velocity.total).toBe(1);
    // B-1: started d2, done d6
    expect(b.flow.flowTime.median).toBe(4 * DAY_S);

    // Importing the same again changes nothing and queues nothing.
    await load(t.store, t.database.dir, 'more-again.ndjson', [move('B-1', 6, 'In Progress', 'Done')]);
    expect(await pendingFactCount(t.store)).toBe(0);
  });

  it('a mapping change recomputes the items of its source; rebuild gives the same facts', async () => {
    const engine = await MetricsEngine.open(t.store);
    await load(t.store, t.database.dir, 'mapping.ndjson', [
      { ...MAPPING, statuses: { ...MAPPING.statuses, Parked: { stage: 'create', state: 'active' } } },
    ]);
    expect(await pendingFactCount(t.store)).toBe(4);
    expect(await engine.refresh()).toMatchObject({ computed: 4 });
    expect(engine.metrics(PERIOD).dataQuality.unmappedStatuses).toEqual([]);

    const incremental = await factsTable(t.store);
    await sql`update item_facts set flow_ms = 1`.execute(t.store.db);
    expect(await rebuildFacts(t.store)).toMatchObject({ computed: 4, removed: 0 });
    expect(await factsTable(t.store)).toEqual(incremental);
  });

  it('an item another names as its parent is a container, not a flow item, from the moment it is named', async () => {
    const engine = await MetricsEngine.open(t.store);
    expect(engine.metrics({ ...PERIOD, team: 't-a' }).flow.velocity.total).toBe(2);
    // A-3 names A-2 as its parent: A-2 becomes an epic, and is queued with A-3.
    await load(t.store, t.database.dir, 'child.ndjson', [
      { ...item('A-3', 'Story', 'Backlog', 2, 't-a'), parent: 'A-2' },
    ]);
    expect(
      (await t.store.db.selectFrom('facts_pending').select('item').orderBy('item').execute()).map(
        (r) => r.item,
      ),
    ).toEqual(['A-2', 'A-3']);
    await engine.refresh();
    const m = engine.metrics({ ...PERIOD, team: 't-a' });
    // Only A-1 is left: velocity 1, its flow time 3 days; A-3 is new (not in the load).
    expect(m.flow.velocity).toEqual({ total: 1, byType: { feature: 1, defect: 0, risk: 0, debt: 0 } });
    expect(m.flow.flowTime).toEqual({ median: 3 * DAY_S, p85: 3 * DAY_S, count: 1 });
    expect(m.flow.distribution).toEqual({ feature: 1, defect: 0, risk: 0, debt: 0 });
    // An engine loading everything afresh agrees with the incremental one.
    expect((await MetricsEngine.open(t.store)).metrics({ ...PERIOD, team: 't-a' })).toEqual(m);
    // The item view says so.
    expect((await engine.item('jira:A', 'A-2')).item).toMatchObject({ container: true, children: ['A-3'] });
    expect((await engine.item('jira:A', 'A-1')).item).toMatchObject({ container: false, children: [] });

    // A-3 moves to another parent (one that does not exist): A-2 is a flow item again.
    await load(t.store, t.database.dir, 'moved.ndjson', [
      { ...item('A-3', 'Story', 'Backlog', 2, 't-a'), parent: 'A-99' },
    ]);
    await engine.refresh();
    expect(engine.metrics({ ...PERIOD, team: 't-a' }).flow.velocity.total).toBe(2);
  });

  it('a team override changes only that team’s items', async () => {
    await load(t.store, t.database.dir, 'override.ndjson', [
      {
        kind: 'mapping',
        source: 'jira:A',
        team: 't-a',
        statuses: { Ready: { stage: 'create', state: 'active' } },
        types: {},
      },
    ]);
    const engine = await MetricsEngine.open(t.store);
    // A-1's day in Ready is now active: efficiency (3 + 2) / (3 + 2)
    expect(engine.metrics({ ...PERIOD, team: 't-a' }).flow.efficiency).toBe(1);
    expect(engine.metrics({ ...PERIOD, team: 't-a' }).flow.waitByStatus).toEqual([]);
  });
});

describeEachStore('the facts snapshot', (kind) => {
  let t: TestStore;
  let path: string;
  beforeEach(async () => {
    t = await createTestStore(kind);
    await load(t.store, t.database.dir, 'org.ndjson', ORG);
    path = join(t.database.dir, 'facts.snapshot');
  });
  afterEach(async () => {
    await t.database.destroy();
  });

  /** Opens an engine with the snapshot, recording what it did with it. */
  async function open(events: SnapshotEvent[] = []) {
    const engine = await MetricsEngine.open(t.store, {
      snapshotPath: path,
      onSnapshot: (e) => events.push(e),
    });
    return { engine, events };
  }
  const answers = (engine: MetricsEngine) => ({
    org: engine.metrics(PERIOD),
    a: engine.metrics({ ...PERIOD, team: 't-a' }),
    b: engine.metrics({ ...PERIOD, team: 't-b' }),
  });
  /** What an engine that reads every fact from the database answers. */
  const fromDatabase = async () => answers(await MetricsEngine.open(t.store));

  it('is written after a load from the database, and the next start loads it with the same answers', async () => {
    const first = await open();
    await first.engine.close();
    expect(first.events.map((e) => e.kind)).toEqual(['not-used', 'saved']);
    expect(first.events[0]).toEqual({ kind: 'not-used', reason: 'no snapshot yet' });
    expect(statSync(path).size).toBe((first.events[1] as { bytes: number }).bytes);

    const second = await open();
    expect(second.events).toEqual([{ kind: 'loaded', items: 4, ms: expect.any(Number) }]);
    expect(answers(second.engine)).toEqual(await fromDatabase());
    await second.engine.close();
    // Nothing changed: the snapshot is not written again.
    expect(second.events.map((e) => e.kind)).toEqual(['loaded']);
  });

  it('after an import it is loaded and the imported items are applied, then written anew', async () => {
    await (await open()).engine.close();
    await load(t.store, t.database.dir, 'more.ndjson', [
      move('B-1', 6, 'In Progress', 'Done'),
      item('B-2', 'Bug', 'In Progress', 3, 't-b'),
      move('B-2', 4, 'Backlog', 'In Progress'),
    ]);
    expect(await pendingFactCount(t.store)).toBe(2);
    const after = await open();
    expect(after.events.map((e) => e.kind)).toEqual(['loaded']);
    expect(after.engine.index.live).toBe(5);
    expect(answers(after.engine)).toEqual(await fromDatabase());
    expect(after.engine.metrics({ ...PERIOD, team: 't-b' }).flow.velocity.total).toBe(1);
    await after.engine.close();
    expect(after.events.map((e) => e.kind)).toEqual(['loaded', 'saved']);

    const third = await open();
    expect(third.events.map((e) => e.kind)).toEqual(['loaded']);
    expect(third.engine.index.live).toBe(5);
    expect(answers(third.engine)).toEqual(await fromDatabase());
  });

  it('is not used once the facts were rewritten (rebuild), nor when it is damaged', async () => {
    await (await open()).engine.close();
    await rebuildFacts(t.store);
    const rebuilt = await open();
    expect(rebuilt.events[0]).toEqual({ kind: 'not-used', reason: 'the snapshot is of other facts' });
    expect(answers(rebuilt.engine)).toEqual(await fromDatabase());
    await rebuilt.engine.close();

    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    const damaged = await open();
    expect(damaged.events[0]).toEqual({
      kind: 'not-used',
      reason: `the snapshot is unusable: the snapshot is ${bytes.length - 100} bytes long, its header says ${bytes.length}`,
    });
    expect(answers(damaged.engine)).toEqual(await fromDatabase());
    await damaged.engine.close();
    // And it was replaced by a good one.
    expect((await open()).events.map((e) => e.kind)).toEqual(['loaded']);
  });

  it('is not written with a stamp the index does not match (another process wrote facts)', async () => {
    const { engine, events } = await open();
    await engine.close();
    await load(t.store, t.database.dir, 'one.ndjson', [move('B-1', 6, 'In Progress', 'Done')]);
    await engine.refresh();
    // Another process computes facts the engine never sees.
    await load(t.store, t.database.dir, 'two.ndjson', [item('B-3', 'Bug', 'Backlog', 3, 't-b')]);
    await refreshFacts(t.store);
    await engine.close();
    expect(events.map((e) => e.kind)).toEqual(['not-used', 'saved', 'not-saved']);
    expect(events[2]).toEqual({
      kind: 'not-saved',
      reason: 'the stored facts were changed by another process',
    });
    // The old snapshot is of other facts now: the next start reads the database, B-3 included.
    const next = await open();
    expect(next.events[0]).toEqual({ kind: 'not-used', reason: 'the snapshot is of other facts' });
    expect(next.engine.index.live).toBe(5);
  });

  it('is kept next to a SQLite database, and in the data directory’s cache for PostgreSQL', async () => {
    const home = join(t.database.dir, 'home');
    const expected =
      kind === 'sqlite'
        ? `${t.store.location}.facts`
        : join(home, 'cache', `facts-${(await readFactsVersion(t.store.db)).storeId}.snapshot`);
    expect(await defaultSnapshotPath(t.store, { FLOWLENS_HOME: home })).toBe(expected);
  });
});

describe('flowlens metrics and flowlens rebuild', () => {
  let t: TestStore;
  let location: string;
  beforeEach(async () => {
    t = await createTestStore('sqlite');
    await load(t.store, t.database.dir, 'org.ndjson', ORG);
    location = t.store.location;
    await t.store.close();
  });
  afterEach(async () => {
    await t.database.destroy();
  });

  it('--json prints the document of contract.md §2, equal to the engine’s', async () => {
    const run = await cli([
      'metrics',
      '--db',
      location,
      '--from',
      '2025-01-06',
      '--to',
      '2025-01-20',
      '--team',
      't-a',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(Object.keys(document)).toEqual(['period', 'scope', 'flow', 'dora', 'dataQuality']);
    expect(Object.keys(document.flow).slice(0, 7)).toEqual([
      'velocity',
      'flowTime',
      'leadTime',
      'efficiency',
      'load',
      'distribution',
      'stages',
    ]);
    const store = await t.database.open();
    try {
      const engine = await MetricsEngine.open(store);
      expect(document).toEqual(JSON.parse(JSON.stringify(engine.metrics({ ...PERIOD, team: 't-a' }))));
    } finally {
      await store.close();
    }
  });

  it('keeps the facts snapshot for the whole organisation, and answers the same from it', async () => {
    const args = ['metrics', '--db', location, '--from', '2025-01-06', '--to', '2025-01-20', '--json'];
    const first = await cli(args);
    expect(first.code).toBe(0);
    expect(statSync(`${location}.facts`).size).toBeGreaterThan(0);
    const written = statSync(`${location}.facts`).mtimeMs;
    const second = await cli(args);
    expect(second).toEqual(first);
    // Read, not rewritten: the facts did not change.
    expect(statSync(`${location}.facts`).mtimeMs).toBe(written);
    // A scope loads only its items from the database and leaves the snapshot alone.
    expect((await cli([...args, '--team', 't-a'])).code).toBe(0);
    expect(statSync(`${location}.facts`).mtimeMs).toBe(written);
  });

  it('prints readable tables without --json', async () => {
    const run = await cli(['metrics', '--db', location, '--from', '2025-01-06', '--to', '2025-01-20']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Metrics for the whole organisation, 2025-01-06T00:00:00.000Z to 2025-01-20T00:00:00.000Z',
    );
    expect(run.stdout).toMatch(/velocity\s+2 completed\s+feature 1, defect 1, risk 0, debt 0/);
    expect(run.stdout).toMatch(/flow time\s+median 2\.0 d\s+p85 3\.0 d/);
    expect(run.stdout).toMatch(/efficiency\s+80\.0 %/);
    expect(run.stdout).toContain('unmapped status "Parked" in jira:A: 1 items');
    expect(run.stdout).toMatch(/change failure rate\s+100\.0 %\s+\[low\]/);
  });

  it('exits 2 with a message naming the bad parameter', async () => {
    const bad = await cli(['metrics', '--db', location, '--from', 'yesterday', '--to', '2025-01-20']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--from: "yesterday" is not a date (YYYY-MM-DD) or an ISO 8601 timestamp with offset',
    );
    const day = await cli(['metrics', '--db', location, '--from', '2025-02-30', '--to', '2025-03-20']);
    expect(day.code).toBe(2);
    expect(day.stderr).toContain('--from: "2025-02-30" is not a date');
    const team = await cli([
      'metrics',
      '--db',
      location,
      '--from',
      '2025-01-06',
      '--to',
      '2025-01-20',
      '--team',
      'nope',
    ]);
    expect(team.code).toBe(2);
    expect(team.stderr).toContain('--team: there is no team "nope"');
    const missing = await cli(['metrics', '--db', location, '--from', '2025-01-06']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--to <date>' not specified");
  });

  it('rebuild recomputes every item', async () => {
    const run = await cli(['rebuild', '--db', location, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ computed: 4, removed: 0 });
  });
});
