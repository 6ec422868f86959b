/**
 * Idempotency, as a property (contract.md §1): for any set of valid records with distinct
 * identities, written as NDJSON with exact duplicates (the same instant written with another
 * offset counts as the same), importing the file once gives a database D, and importing it again,
 * importing its lines in another order, or split into several files imported in any order, and
 * with any batch size, all give exactly D.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFiles } from '../src/ingest/index.js';
import type { Store } from '../src/store/index.js';
import { writeText } from './support/files.js';
import {
  distinctRecordsArb,
  type RecordModel,
  renderRecord,
  rewriteOffsets,
} from './support/record-arbitraries.js';
import {
  clearDatabase,
  countRows,
  createTestStore,
  describeEachStore,
  dumpDatabase,
  type TestStore,
} from './support/stores.js';

/** Runs per store; FLOWLENS_FC_RUNS raises it for a deeper search, FLOWLENS_FC_SEED replays one. */
const NUM_RUNS = Number(process.env.FLOWLENS_FC_RUNS ?? 25);
const SEED = process.env.FLOWLENS_FC_SEED === undefined ? 20250106 : Number(process.env.FLOWLENS_FC_SEED);

const TABLE_OF_KIND: Record<string, string> = {
  portfolio: 'portfolios',
  valueStream: 'value_streams',
  team: 'teams',
  person: 'people',
  service: 'services',
  role: 'roles',
  mapping: 'mappings',
  workItem: 'work_items',
  transition: 'transitions',
  change: 'changes',
  deployment: 'deployments',
  incident: 'incidents',
};

interface Scenario {
  readonly records: readonly RecordModel[];
  /** The file's lines: every record once, plus duplicates, in file order. */
  readonly lines: readonly string[];
  readonly permutation: readonly string[];
  readonly parts: readonly (readonly string[])[];
  readonly batchSizes: readonly [number, number, number];
}

const scenarioArb: fc.Arbitrary<Scenario> = distinctRecordsArb(40).chain((records) =>
  fc
    .record({
      duplicates: fc.array(
        fc.record({
          index: fc.nat({ max: records.length - 1 }),
          offsets: fc.array(fc.constantFrom(0, 60, -300, 330, -720), { minLength: 1, maxLength: 3 }),
          position: fc.nat(),
        }),
        { maxLength: 8 },
      ),
      order: fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
      fileCount: fc.integer({ min: 2, max: 3 }),
      assignment: fc.array(fc.nat({ max: 2 }), { minLength: 80, maxLength: 80 }),
      fileOrder: fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]),
      batchSizes: fc.tuple(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 50 }),
      ),
    })
    .map(({ duplicates, order, fileCount, assignment, fileOrder, batchSizes }) => {
      const lines = records.map(renderRecord);
      for (const d of duplicates) {
        const duplicate = renderRecord(rewriteOffsets(records[d.index] as RecordModel, d.offsets));
        lines.splice(d.position % (lines.length + 1), 0, duplicate);
      }
      const permutation = lines
        .map((line, i) => ({ line, rank: order[i % order.length] ?? 0, i }))
        .sort((a, b) => a.rank - b.rank || b.i - a.i)
        .map((x) => x.line);
      const parts: string[][] = Array.from({ length: fileCount }, () => []);
      for (const [i, line] of lines.entries()) parts[(assignment[i] ?? 0) % fileCount]?.push(line);
      const orderedParts = fileOrder.filter((n) => n < fileCount).map((n) => parts[n] as string[]);
      return { records, lines, permutation, parts: orderedParts, batchSizes };
    }),
);

/** Imports the files into a cleared store and returns what is stored. */
async function importInto(
  store: Store,
  dir: string,
  files: readonly (readonly string[])[],
  batchSize: number,
) {
  await clearDatabase(store);
  const paths = files.map((lines, i) =>
    writeText(dir, `part-${i}.ndjson`, lines.map((l) => `${l}\n`).join('')),
  );
  const summary = await importFiles(store, paths, { batchSize });
  expect(summary.totals.rejected).toBe(0);
  expect(summary.files.every((f) => f.status === 'imported')).toBe(true);
  return summary;
}

describeEachStore('idempotent import (property)', (kind) => {
  // Three databases, cleared before each use: a new database per run would cost more than the run.
  const stores: TestStore[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) stores.push(await createTestStore(kind));
  });
  afterAll(async () => {
    for (const { database } of stores.splice(0)) await database.destroy();
  });

  it('once, twice, shuffled or split into files: the same database', async () => {
    const [once, shuffled, split] = stores as [TestStore, TestStore, TestStore];
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const first = await importInto(
          once.store,
          once.database.dir,
          [scenario.lines],
          scenario.batchSizes[0],
        );
        expect(first.totals.records).toBe(scenario.lines.length);
        const expected = await dumpDatabase(once.store);

        // Oracle: one row per distinct identity, each counted as inserted once and never updated.
        const perTable: Record<string, number> = {};
        const perKind: Record<string, number> = {};
        for (const record of scenario.records) {
          const table = TABLE_OF_KIND[record.kind] as string;
          perTable[table] = (perTable[table] ?? 0) + 1;
          perKind[record.kind] = (perKind[record.kind] ?? 0) + 1;
        }
        const rows = await countRows(once.store);
        expect(Object.fromEntries(Object.entries(rows).filter(([, n]) => n > 0))).toEqual(perTable);
        expect(
          Object.fromEntries(
            Object.entries(first.totals.counts).map(([k, c]) => [k, [c?.inserted, c?.updated]]),
          ),
        ).toEqual(Object.fromEntries(Object.entries(perKind).map(([k, n]) => [k, [n, 0]])));

        // The same file again, into the same database: nothing changes.
        const file = first.files[0]?.file as string;
        const again = await importFiles(once.store, [file], { batchSize: scenario.batchSizes[1] });
        expect(again.totals.records).toBe(scenario.lines.length);
        expect(Object.values(again.totals.counts).map((c) => [c?.inserted, c?.updated])).toEqual(
          Object.values(again.totals.counts).map(() => [0, 0]),
        );
        expect(await dumpDatabase(once.store)).toEqual(expected);

        await importInto(
          shuffled.store,
          shuffled.database.dir,
          [scenario.permutation],
          scenario.batchSizes[1],
        );
        expect(await dumpDatabase(shuffled.store)).toEqual(expected);

        const parts = await importInto(
          split.store,
          split.database.dir,
          scenario.parts,
          scenario.batchSizes[2],
        );
        expect(parts.totals.records).toBe(scenario.lines.length);
        expect(await dumpDatabase(split.store)).toEqual(expected);
      }),
      { numRuns: NUM_RUNS, seed: SEED, interruptAfterTimeLimit: 100_000, markInterruptAsFailure: true },
    );
  }, 200_000);
});
