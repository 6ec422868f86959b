/**
 * Properties of the metrics (docs/metrics.md) over random organisations (test/support/
 * org-arbitraries.ts):
 *
 * - on the pure core (facts of the records indexed and queried as the engine does, no store):
 *   velocity over consecutive periods adds up to the velocity of their union; efficiency lies in
 *   [0, 1]; the shares of the distribution (and of the load) sum to 1 or are all null; the stage
 *   shares sum to 1; the load is never negative;
 * - on the engine over a SQLite store: the metrics do not depend on the order of the records or
 *   on duplicated ones; facts kept up to date by `refresh()` after each of several imports equal
 *   facts rebuilt from scratch and those of one clean import; a re-imported mapping recomputes
 *   its source's items as if it had been there from the start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TYPES } from '../src/domain/index.js';
import { itemFacts, MetricsEngine, rebuildFacts } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { FactIndex, Mappings, queryFlow } from '../src/metrics/index.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { writeText } from './support/files.js';
import { dedupe, identityOf, type NaiveQuery, type OrgRecord, scopesOf } from './support/naive-metrics.js';
import {
  DAY_MS,
  orgArb,
  periodArb,
  remapArb,
  staleVersion,
  toNdjson,
  WINDOW_START_MS,
} from './support/org-arbitraries.js';
import { clearDatabase } from './support/stores.js';

/** FLOWLENS_FC_RUNS_FACTOR multiplies the runs for a deeper search, FLOWLENS_FC_SEED replays one. */
const FACTOR = Number(process.env.FLOWLENS_FC_RUNS_FACTOR ?? 1);
const SEED = process.env.FLOWLENS_FC_SEED === undefined ? 20250324 : Number(process.env.FLOWLENS_FC_SEED);
const runs = (n: number) => ({
  numRuns: Math.round(n * FACTOR),
  seed: SEED,
  interruptAfterTimeLimit: 60_000 * FACTOR,
  markInterruptAsFailure: true,
});

// ---------------------------------------------------------------------------------------------
// The pure core: the records' facts indexed as the engine indexes its stored facts.

function flowIndex(records: readonly OrgRecord[]): FactIndex {
  const distinct = dedupe(records);
  const mappings = new Mappings(
    distinct.flatMap((r) =>
      r.kind === 'mapping'
        ? [
            {
              source: r.source,
              team: r.team ?? null,
              statuses: r.statuses,
              types: r.types,
              environments: r.environments ?? null,
            },
          ]
        : [],
    ),
  );
  const index = new FactIndex();
  const parents = new Set(
    distinct.flatMap((r) =>
      r.kind === 'workItem' && r.parent !== undefined ? [`${r.source}\u0000${r.parent}`] : [],
    ),
  );
  for (const item of distinct) {
    if (item.kind !== 'workItem') continue;
    const history = distinct.flatMap((t) =>
      t.kind === 'transition' && t.source === item.source && t.item === item.id
        ? [{ atMs: Date.parse(t.at), from: t.from, to: t.to, batch: 1 }]
        : [],
    );
    index.upsertFlat(
      itemFacts(
        mappings,
        {
          source: item.source,
          id: item.id,
          type: item.type,
          status: item.status,
          createdAtMs: Date.parse(item.createdAt),
          team: item.team ?? null,
          hasChildren: parents.has(`${item.source}\u0000${item.id}`),
        },
        history,
      ),
    );
  }
  return index;
}

/** The organisation and each team seen on an item (null: the whole organisation). */
function teamScopes(records: readonly OrgRecord[]): (string[] | null)[] {
  const teams = new Set<string>();
  for (const r of records) if (r.kind === 'workItem' && r.team !== undefined) teams.add(r.team);
  return [null, ...[...teams].sort().map((t) => [t])];
}

/** Consecutive periods: cut points in increasing order (minutes or whole days). */
const cutsArb = fc
  .array(
    fc.oneof(
      fc.integer({ min: -5 * 1440, max: 70 * 1440 }).map((m) => WINDOW_START_MS + m * 60_000),
      fc.integer({ min: -5, max: 70 }).map((d) => WINDOW_START_MS + d * DAY_MS),
    ),
    { minLength: 3, maxLength: 6 },
  )
  .map((cuts) => [...new Set(cuts)].sort((a, b) => a - b))
  .filter((cuts) => cuts.length >= 3);

describe('flow metrics (pure core, properties)', () => {
  it('velocity over consecutive periods adds up to the velocity of their union', () => {
    fc.assert(
      fc.property(orgArb(), cutsArb, ({ records }, cuts) => {
        const index = flowIndex(records);
        for (const teams of teamScopes(records)) {
          const mask = index.teamMask(teams);
          const velocity = (fromMs: number, toMs: number) =>
            queryFlow(index, mask, { fromMs, toMs }).flow.velocity;
          const union = velocity(cuts[0] as number, cuts[cuts.length - 1] as number);
          const parts = cuts.slice(1).map((to, i) => velocity(cuts[i] as number, to));
          expect(parts.reduce((sum, v) => sum + v.total, 0)).toBe(union.total);
          for (const type of FLOW_TYPES)
            expect(parts.reduce((sum, v) => sum + v.byType[type], 0)).toBe(union.byType[type]);
        }
      }),
      runs(150),
    );
  });

  it('efficiency in [0, 1], shares summing to 1 or all null, load never negative', () => {
    fc.assert(
      fc.property(orgArb(), periodArb, ({ records }, period) => {
        const index = flowIndex(records);
        for (const teams of teamScopes(records)) {
          const { flow } = queryFlow(index, index.teamMask(teams), period);
          if (flow.efficiency !== null) {
            expect(flow.efficiency).toBeGreaterThanOrEqual(0);
            expect(flow.efficiency).toBeLessThanOrEqual(1);
          }
          expect(flow.velocity.total).toBe(flow.flowTime.count);
          expect(flow.velocity.total).toBe(flow.leadTime.count);
          expect(FLOW_TYPES.reduce((sum, t) => sum + flow.velocity.byType[t], 0)).toBe(flow.velocity.total);
          for (const shares of [flow.distribution, flow.loadDistribution]) {
            const values = FLOW_TYPES.map((t) => shares[t]);
            if (values.every((v) => v === null)) continue;
            expect(values.every((v) => v !== null && v >= 0 && v <= 1)).toBe(true);
            expect(Math.abs((values as number[]).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          }
          expect(FLOW_TYPES.every((t) => flow.distribution[t] === null)).toBe(flow.velocity.total === 0);
          expect(FLOW_TYPES.every((t) => flow.loadDistribution[t] === null)).toBe(flow.load.atEnd === 0);
          const stages = Object.values(flow.stages);
          if (stages.some((v) => v !== null)) {
            expect(stages.every((v) => v !== null && v >= 0)).toBe(true);
            expect(Math.abs((stages as number[]).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          }
          expect(flow.load.atEnd).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(flow.load.atEnd)).toBe(true);
          if (flow.load.average !== null) expect(flow.load.average).toBeGreaterThanOrEqual(0);
          const firstMidnight = Math.ceil(period.fromMs / DAY_MS) * DAY_MS;
          expect(flow.load.average === null).toBe(firstMidnight >= period.toMs);
        }
      }),
      runs(150),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The engine on a store.

/** Empties the store, the stored facts and their queue included. */
async function resetStore(store: Store): Promise<void> {
  await clearDatabase(store);
  await store.db.deleteFrom('item_facts').execute();
  await store.db.deleteFrom('facts_pending').execute();
}

/** A store and a scratch directory for its input files. */
interface Scratch {
  readonly store: Store;
  readonly dir: string;
}

async function importRecords(
  opened: Scratch,
  name: string,
  records: readonly OrgRecord[],
  batchSize?: number,
): Promise<void> {
  const path = writeText(opened.dir, name, toNdjson(records));
  const summary = await importFiles(opened.store, [path], batchSize === undefined ? {} : { batchSize });
  expect(summary.totals.rejected).toBe(0);
}

type Document = ReturnType<MetricsEngine['metrics']>;

/**
 * A document without what depends on how the records were split into import batches
 * (`outOfOrderChanges`, `duplicateRecords`), with the examples of reported disagreement KNOWN 1
 * (see metrics-oracle.test.ts: their order follows the order rows were imported in) sorted.
 */
function comparable(document: Document) {
  const { outOfOrderChanges: _o, duplicateRecords: _d, ...quality } = document.dataQuality;
  const sorted = (e: { count: number; examples: readonly string[] }) => ({
    count: e.count,
    examples: [...e.examples].sort(),
  });
  return {
    ...document,
    dataQuality: {
      ...quality,
      unresolvedIncidents: sorted(quality.unresolvedIncidents),
      negativeLeadTimes: sorted(quality.negativeLeadTimes),
      unlinkedChanges: sorted(quality.unlinkedChanges),
    },
  };
}

/** The engine's answers for every scope and the periods. */
function answers(engine: MetricsEngine, records: readonly OrgRecord[], periods: readonly NaiveQuery[]) {
  return periods.flatMap((period) =>
    scopesOf(records).map((scope) => comparable(engine.metrics({ ...scope, ...period }))),
  );
}

type FactRow = Record<string, unknown>;

/** The stored facts, rows in key order, numbers as numbers. */
async function storedFacts(store: Store): Promise<FactRow[]> {
  const { rows } = await sql<FactRow>`select * from item_facts order by source, item`.execute(store.db);
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  );
}

/**
 * Two sets of stored facts of the same records imported in other batches: the count of status
 * changes that arrived out of order depends on the batches, and the binary `history` carries that
 * count as well. Where either side counts any, both rows are compared without the two columns (the
 * history's other contents show in the metrics compared beside); elsewhere, whole.
 */
function expectSameFactsUpToBatches(actual: readonly FactRow[], expected: readonly FactRow[]): void {
  expect(actual.map((r) => [r.source, r.item])).toEqual(expected.map((r) => [r.source, r.item]));
  const strip = (row: FactRow, other: FactRow): FactRow => {
    if (row.out_of_order === 0 && other.out_of_order === 0) return row;
    const { out_of_order: _o, history: _h, ...rest } = row;
    return rest;
  };
  expect(actual.map((row, i) => strip(row, expected[i] as FactRow))).toEqual(
    expected.map((row, i) => strip(row, actual[i] as FactRow)),
  );
}

const periodsArb = fc.array(periodArb, { minLength: 2, maxLength: 2 });

describe('the engine on a store (SQLite, properties)', () => {
  // In-memory SQLite stores: the engine reads their facts in-process, where a file store starts a
  // worker thread on every open (metrics-oracle.test.ts opens file stores).
  const stores: Scratch[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++)
      stores.push({
        store: await openSqliteStore(':memory:'),
        dir: mkdtempSync(join(tmpdir(), 'flowlens-props-')),
      });
  });
  afterAll(async () => {
    for (const { store, dir } of stores.splice(0)) {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not depend on the order of the records or on duplicated ones', async () => {
    const [once, shuffled] = stores as [Scratch, Scratch];
    const scenarioArb = orgArb().chain((org) =>
      fc.record({
        records: fc.constant(org.records),
        shuffled: fc.shuffledSubarray([...org.records], { minLength: org.records.length }),
        duplicates: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 15 }),
        batchSize: fc.integer({ min: 25, max: 120 }),
        periods: periodsArb,
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const lines = [...scenario.shuffled];
        for (const [which, where] of scenario.duplicates)
          if (scenario.records.length > 0)
            lines.splice(
              where % (lines.length + 1),
              0,
              scenario.records[which % scenario.records.length] as OrgRecord,
            );

        await resetStore(once.store);
        await importRecords(once, 'once.ndjson', scenario.records);
        const expected = answers(await MetricsEngine.open(once.store), scenario.records, scenario.periods);

        await resetStore(shuffled.store);
        await importRecords(shuffled, 'shuffled.ndjson', lines, scenario.batchSize);
        const engine = await MetricsEngine.open(shuffled.store);
        expect(answers(engine, scenario.records, scenario.periods)).toEqual(expected);
        expectSameFactsUpToBatches(await storedFacts(shuffled.store), await storedFacts(once.store));
      }),
      runs(30),
    );
  }, 120_000);

  it('incremental = rebuild: refresh after each of several imports, rebuilt facts and one clean import agree', async () => {
    const [chunked, clean] = stores as [Scratch, Scratch];
    const scenarioArb = orgArb().chain((org) =>
      fc.record({
        records: fc.constant(org.records),
        chunks: fc.integer({ min: 2, max: 4 }),
        assignment: fc.array(fc.nat(), { minLength: org.records.length, maxLength: org.records.length }),
        order: fc.array(fc.nat(), { minLength: org.records.length, maxLength: org.records.length }),
        /** Stale versions of records, imported in a chunk before (or with, but before) the record. */
        stale: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 10 }),
        periods: periodsArb,
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const { records, chunks } = scenario;
        const parts: OrgRecord[][] = Array.from({ length: chunks }, () => []);
        const chunkOf = new Map<string, number>();
        records
          .map((record, i) => ({
            record,
            rank: scenario.order[i] ?? 0,
            chunk: (scenario.assignment[i] ?? 0) % chunks,
          }))
          .sort((a, b) => a.rank - b.rank)
          .forEach(({ record, chunk }) => {
            parts[chunk]?.push(record);
            const key = identityOf(record);
            chunkOf.set(key, Math.min(chunkOf.get(key) ?? chunk, chunk));
          });
        if (records.length > 0)
          for (const [which, n, at] of scenario.stale) {
            const record = records[which % records.length] as OrgRecord;
            const old = staleVersion(record, n);
            if (old === undefined) continue;
            const last = chunkOf.get(identityOf(record)) as number;
            const chunk = at % (last + 1);
            // In the record's own chunk, before its first line; in an earlier one, anywhere.
            const part = parts[chunk] as OrgRecord[];
            const limit =
              chunk === last ? part.findIndex((r) => identityOf(r) === identityOf(record)) : part.length;
            part.splice(n % (limit + 1), 0, old);
          }

        await resetStore(chunked.store);
        const engine = await MetricsEngine.open(chunked.store);
        for (const [i, part] of parts.entries()) {
          await importRecords(chunked, `chunk-${i}.ndjson`, part);
          await engine.refresh();
        }
        const incremental = answers(engine, records, scenario.periods);
        const incrementalFacts = await storedFacts(chunked.store);

        await rebuildFacts(chunked.store);
        const rebuilt = answers(await MetricsEngine.open(chunked.store), records, scenario.periods);
        expect(incremental).toEqual(rebuilt);
        expect(await storedFacts(chunked.store)).toEqual(incrementalFacts);

        await resetStore(clean.store);
        await importRecords(clean, 'clean.ndjson', records);
        const fresh = answers(await MetricsEngine.open(clean.store), records, scenario.periods);
        expect(incremental).toEqual(fresh);
        expectSameFactsUpToBatches(await storedFacts(chunked.store), await storedFacts(clean.store));
      }),
      runs(30),
    );
  }, 120_000);

  it('a re-imported mapping recomputes its source: the same as a database with that mapping from the start', async () => {
    const [changed, fresh] = stores as [Scratch, Scratch];
    const scenarioArb = orgArb().chain((org) =>
      fc.record({
        records: fc.constant(org.records),
        mapping: remapArb(org.records),
        periods: periodsArb,
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ records, mapping, periods }) => {
        if (mapping === null) return;
        await resetStore(changed.store);
        await importRecords(changed, 'org.ndjson', records);
        const engine = await MetricsEngine.open(changed.store);
        await importRecords(changed, 'mapping.ndjson', [mapping]);
        await engine.refresh();
        const after = answers(engine, records, periods);

        const withMapping = [...records.filter((r) => identityOf(r) !== identityOf(mapping)), mapping];
        await resetStore(fresh.store);
        await importRecords(fresh, 'org.ndjson', withMapping);
        expect(after).toEqual(answers(await MetricsEngine.open(fresh.store), withMapping, periods));
        expect(await storedFacts(changed.store)).toEqual(await storedFacts(fresh.store));
      }),
      runs(30),
    );
  }, 120_000);
});
