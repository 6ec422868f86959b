/**
 * The engine against a naive oracle (test/support/naive-metrics.ts), on both stores: for random
 * organisations written as one NDJSON file (with exact duplicates and stale versions of records,
 * in a random order), imported with `importFiles` and opened with `MetricsEngine.open`, the answer
 * of `engine.metrics(q)` and `engine.series(q)` for random periods and every scope (the
 * organisation, each portfolio, value stream and team) equals the oracle's exactly: integer
 * milliseconds make every sum exact, so nothing is rounded.
 *
 * What the records alone do not decide is checked apart: `outOfOrderChanges` is 0 (one file, one
 * batch) and `pendingItems` 0 (the engine refreshes on open); `duplicateRecords` (counted by the
 * import log) is left out. The disagreements found so far are listed at the end, each as its
 * smallest failing case (`it.fails`), and neutralised in the property so that it keeps searching.
 *
 * Team history (metrics.md §4): a second property moves teams between value streams, value streams
 * between portfolios and services between teams at random instants, through the organisation editor
 * (src/admin), and checks that every scope counts each item where its team was at the time.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateEntity } from '../src/admin/index.js';
import { MetricsEngine } from '../src/engine/engine.js';
import { importFiles } from '../src/ingest/index.js';
import type { Store } from '../src/store/index.js';
import { writeText } from './support/files.js';
import {
  type MoveRecord,
  naiveMetrics,
  naiveSeries,
  type OrgRecord,
  scopesOf,
} from './support/naive-metrics.js';
import { movesArb, noisyLinesArb, orgArb, periodArb, toNdjson } from './support/org-arbitraries.js';
import { clearDatabase, createTestStore, describeEachStore, type TestStore } from './support/stores.js';

/**
 * Runs per store (FLOWLENS_FC_RUNS_FACTOR multiplies them for a deeper search, FLOWLENS_FC_SEED
 * replays one). Fewer on SQLite: opening the engine on a SQLite file starts a worker thread, about
 * a second under the test runner, where PostgreSQL opens in milliseconds.
 */
const RUNS = { sqlite: 15, postgres: 30 } as const;
const FACTOR = Number(process.env.FLOWLENS_FC_RUNS_FACTOR ?? 1);
const SEED = process.env.FLOWLENS_FC_SEED === undefined ? 20250317 : Number(process.env.FLOWLENS_FC_SEED);

/** Empties the store, the stored facts and their queue, and the organisation's history included. */
async function resetStore(store: Store): Promise<void> {
  await clearDatabase(store);
  await store.db.deleteFrom('item_facts').execute();
  await store.db.deleteFrom('facts_pending').execute();
  await store.db.deleteFrom('org_history').execute();
  await store.db.deleteFrom('org_changes').execute();
}

/** Long after the generated window: every move is in the past. */
const EDIT_NOW = Date.UTC(2030, 0, 1);

/** Applies moves through the organisation editor, in time order. */
async function applyMoves(store: Store, moves: readonly MoveRecord[]): Promise<void> {
  const ordered = [...moves].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const move of ordered)
    await updateEntity(store, { actor: 'oracle', now: () => EDIT_NOW }, move.entity, move.id, {
      parent: move.to,
      effectiveAtMs: Date.parse(move.at),
    });
}

/**
 * metrics.md §8: a change that names work item ids counts as linked, even when an id matches no
 * work item (the importer reports those as unresolved references); the oracle reads it the same way.
 */
const READINGS = { changeLinkedByAnyId: true } as const;

const scenarioArb = orgArb().chain((org) =>
  fc.record({
    lines: noisyLinesArb(org.records),
    periods: fc.array(periodArb, { minLength: 3, maxLength: 3 }),
  }),
);

const movedScenarioArb = orgArb().chain((org) =>
  fc.record({
    lines: noisyLinesArb(org.records),
    moves: movesArb(org.records),
    periods: fc.array(periodArb, { minLength: 2, maxLength: 2 }),
  }),
);

/** Runs per store of the property with moves (fewer: it adds the editor's writes to each run). */
const MOVED_RUNS = { sqlite: 8, postgres: 15 } as const;

describeEachStore('metrics agree with the naive oracle', (kind) => {
  let opened: TestStore;
  beforeAll(async () => {
    opened = await createTestStore(kind);
  });
  afterAll(async () => {
    await opened.database.destroy();
  });

  async function importLines(
    lines: readonly OrgRecord[],
    moves: readonly MoveRecord[] = [],
  ): Promise<MetricsEngine> {
    await resetStore(opened.store);
    const path = writeText(opened.database.dir, 'org.ndjson', toNdjson(lines));
    const summary = await importFiles(opened.store, [path]);
    expect(summary.totals.rejected).toBe(0);
    await applyMoves(opened.store, moves);
    return MetricsEngine.open(opened.store);
  }

  it(
    'metrics and series equal the oracle for every scope and random periods',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async ({ lines, periods }) => {
          const engine = await importLines(lines);
          for (const period of periods)
            for (const scope of scopesOf(lines)) {
              const query = { ...scope, ...period };
              const actual = engine.metrics(query);
              const {
                outOfOrderChanges,
                duplicateRecords: _dup,
                pendingItems,
                mappingsToReview,
                ...quality
              } = actual.dataQuality;
              expect(pendingItems).toBe(0);
              // Nothing was proposed by `flowlens connect`.
              expect(mappingsToReview).toEqual([]);
              expect(outOfOrderChanges).toBe(0);
              expect({ ...actual, dataQuality: quality }).toEqual(naiveMetrics(lines, query, READINGS));
              expect(engine.series(query)).toEqual(naiveSeries(lines, query));
            }
        }),
        {
          numRuns: Math.round(RUNS[kind] * FACTOR),
          seed: SEED,
          interruptAfterTimeLimit: 100_000 * FACTOR,
          markInterruptAsFailure: true,
        },
      );
    },
    200_000 * FACTOR,
  );

  it(
    'a team moved between value streams is counted where it was at the time, as the oracle says',
    async () => {
      let moved = 0;
      await fc.assert(
        fc.asyncProperty(movedScenarioArb, async ({ lines, moves, periods }) => {
          const engine = await importLines(lines, moves);
          moved += moves.length;
          const records: OrgRecord[] = [...lines, ...moves];
          for (const period of periods)
            for (const scope of scopesOf(lines)) {
              const query = { ...scope, ...period };
              const actual = engine.metrics(query);
              const {
                outOfOrderChanges: _o,
                duplicateRecords: _d,
                pendingItems: _p,
                mappingsToReview: _m,
                ...quality
              } = actual.dataQuality;
              expect({ ...actual, dataQuality: quality }).toEqual(naiveMetrics(records, query, READINGS));
              expect(engine.series(query)).toEqual(naiveSeries(records, query));
            }
        }),
        {
          numRuns: Math.round(MOVED_RUNS[kind] * FACTOR),
          seed: SEED,
          interruptAfterTimeLimit: 100_000 * FACTOR,
          markInterruptAsFailure: true,
        },
      );
      // The property must have moved something to mean anything.
      expect(moved).toBeGreaterThan(0);
    },
    200_000 * FACTOR,
  );
});

// ---------------------------------------------------------------------------------------------
// The disagreements the oracle found, each as its smallest case, now fixed in the engine (or, for
// the linked change, a reading written down in metrics.md §8).

const day = (d: number, hour = 0) => new Date(Date.UTC(2025, 0, 6 + d, hour)).toISOString();
const WEEK_OF_2025_01_06 = { fromMs: Date.UTC(2025, 0, 6), toMs: Date.UTC(2025, 0, 13) };

describe('disagreements with docs/metrics.md [sqlite]', () => {
  async function engineOf(records: readonly OrgRecord[]): Promise<MetricsEngine> {
    const { store, database } = await createTestStore('sqlite');
    cleanup.push(() => database.destroy());
    const path = writeText(database.dir, 'org.ndjson', toNdjson(records));
    expect((await importFiles(store, [path])).totals.rejected).toBe(0);
    return MetricsEngine.open(store);
  }
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const destroy of cleanup.splice(0)) await destroy();
  });

  /**
   * KNOWN 1. One successful production deployment lists two changes whose first commit comes after
   * it (negative lead times, metrics.md §5): the engine lists them in the order the change records
   * were imported in, so the same records give two answers (contract.md §1: records may come in
   * any order; metrics.md §3: the result never depends on the order events arrived in).
   * Expected negativeLeadTimes.examples ["c-1", "c-2"] both times; actual ["c-2", "c-1"] when c-2
   * was imported first. The same holds for unlinkedChanges and unresolvedIncidents.
   */
  it('the examples of one deployment do not depend on the order records were imported in', async () => {
    const change = (id: string): OrgRecord => ({
      kind: 'change',
      source: 'gh',
      id,
      createdAt: day(0, 9),
      firstCommitAt: day(0, 11),
      items: ['PAY-1'],
    });
    const delivery: OrgRecord[] = [
      { kind: 'service', id: 'svc-1', team: 't-1' },
      {
        kind: 'deployment',
        source: 'ci',
        id: 'd-1',
        service: 'svc-1',
        environment: 'production',
        at: day(0, 10),
        status: 'success',
        changes: ['c-1', 'c-2'],
      },
    ];
    const first = await engineOf([...delivery, change('c-1'), change('c-2')]);
    const second = await engineOf([...delivery, change('c-2'), change('c-1')]);
    expect(first.metrics(WEEK_OF_2025_01_06).dataQuality.negativeLeadTimes).toEqual({
      count: 2,
      examples: ['c-1', 'c-2'],
    });
    expect(second.metrics(WEEK_OF_2025_01_06).dataQuality.negativeLeadTimes).toEqual({
      count: 2,
      examples: ['c-1', 'c-2'],
    });
  });

  /**
   * KNOWN 2. metrics.md §7 reports "changes not linked to any work item". A change whose `items`
   * names only an id no work item has (here NOPE-404, there are no work items) counts as linked:
   * it names a work item, and the dangling id is the importer's unresolved reference
   * (change.items → workItem). metrics.md §8 writes this reading down.
   */
  it('a change naming only ids of no work item counts as linked (metrics.md §8)', async () => {
    const engine = await engineOf([
      { kind: 'service', id: 'svc-1', team: 't-1' },
      { kind: 'change', source: 'gh', id: 'c-1', createdAt: day(0, 9), items: ['NOPE-404'] },
      {
        kind: 'deployment',
        source: 'ci',
        id: 'd-1',
        service: 'svc-1',
        environment: 'production',
        at: day(0, 10),
        status: 'success',
        changes: ['c-1'],
      },
    ]);
    expect(engine.metrics(WEEK_OF_2025_01_06).dataQuality.unlinkedChanges).toEqual({
      count: 0,
      examples: [],
    });
  });

  /**
   * KNOWN 3. metrics.md §4, cumulative flow: "the number of items in each state (and status) at
   * 00:00 UTC". Item A sits in "Won't Do" (ideate, cancelled), item B in "Funnel" (ideate, new).
   * Expected for 2025-01-07: byState {new: 1, cancelled: 1}, byStatus {Funnel: 1, "Won't Do": 1};
   * actual: byState {cancelled: 2}, byStatus {"Won't Do": 2}. (FactIndex.classOfCodes keys a
   * class by status id × 32 + state × 8 + stage: state 4 (cancelled) reaches 32 + stage, the key
   * of the next status id in state new with the same stage, so the two share a class.)
   */
  it('cumulative flow keeps a cancelled status and a new one apart', async () => {
    const engine = await engineOf([
      {
        kind: 'mapping',
        source: 'web',
        statuses: {
          "Won't Do": { stage: 'ideate', state: 'cancelled' },
          Funnel: { stage: 'ideate', state: 'new' },
        },
        types: {},
      },
      { kind: 'workItem', source: 'web', id: 'A', type: 'Story', status: "Won't Do", createdAt: day(0) },
      { kind: 'workItem', source: 'web', id: 'B', type: 'Story', status: 'Funnel', createdAt: day(0) },
    ]);
    const series = engine.series({ fromMs: Date.UTC(2025, 0, 7), toMs: Date.UTC(2025, 0, 8) });
    expect(series.cumulativeFlow).toEqual([
      {
        day: '2025-01-07',
        byState: { new: 1, waiting: 0, active: 0, done: 0, cancelled: 1 },
        byStatus: { Funnel: 1, "Won't Do": 1 },
      },
    ]);
  });

  /**
   * KNOWN 4 (a gap in metrics.md more than a bug). Deployment ids are unique per source only
   * (contract.md §1), and an incident names its cause by id alone. Two CI systems both have a
   * successful production deployment "d-1": ci's for svc-1 on 2025-01-06 10:00, argo's for svc-2
   * on 2025-01-08 10:00. The incident on svc-1, opened 2025-01-09 10:00 and resolved at 12:00,
   * names "d-1". The engine counts it against argo's (the later one, of another service); the
   * oracle's reading counts it against the named deployment of the incident's own service. For
   * team t-1 (svc-1) and the week of 2025-01-06, expected changeFailureRate 1 and recovery median
   * 266400 s (74 h); actual 0 and null. For the organisation, recovery median expected 266400,
   * actual 93600 (26 h). metrics.md §5 ("an incident counts against the deployment it names")
   * should say how a name is resolved.
   */
  it('an incident naming an id two sources use counts against its own service’s deployment', async () => {
    const engine = await engineOf([
      { kind: 'team', id: 't-1', name: 'One' },
      { kind: 'team', id: 't-2', name: 'Two' },
      { kind: 'service', id: 'svc-1', team: 't-1' },
      { kind: 'service', id: 'svc-2', team: 't-2' },
      {
        kind: 'deployment',
        source: 'ci',
        id: 'd-1',
        service: 'svc-1',
        environment: 'production',
        at: day(0, 10),
        status: 'success',
      },
      {
        kind: 'deployment',
        source: 'argo',
        id: 'd-1',
        service: 'svc-2',
        environment: 'production',
        at: day(2, 10),
        status: 'success',
      },
      {
        kind: 'incident',
        source: 'pd',
        id: 'inc-1',
        service: 'svc-1',
        openedAt: day(3, 10),
        resolvedAt: day(3, 12),
        causedBy: 'd-1',
      },
    ]);
    const team = engine.metrics({ ...WEEK_OF_2025_01_06, team: 't-1' }).dora;
    expect([team.changeFailureRate.value, team.recoveryTime.median]).toEqual([1, 266_400]);
    expect(engine.metrics(WEEK_OF_2025_01_06).dora.recoveryTime.median).toBe(266_400);
  });
});
