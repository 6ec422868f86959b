/**
 * Data semantics under hostile histories (../shared/docs/hostile-input.md cases 25, 27, 28 and the
 * issue's "a mapping that maps everything to done"): an unknown status is stored as `unmapped`,
 * flagged and counted, and mapping it later gives the numbers of a from-scratch run; clock skew
 * (changes in the future or before creation) is accepted, flagged and never yields a negative
 * duration (a property over arbitrary histories); same-second flip-flops and self-transitions are
 * ordered deterministically and never divide by zero.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsEngine } from '../../src/engine/index.js';
import { importFiles } from '../../src/ingest/index.js';
import { computeItemFacts, type StatusClass } from '../../src/metrics/index.js';
import type { Store } from '../../src/store/index.js';
import { writeNdjson } from '../support/files.js';
import { clearDatabase, createTestDatabase, type TestDatabase } from '../support/stores.js';

const SRC = 'jira:SEM';
const DAY = 86_400_000;
const T0 = Date.parse('2025-03-03T00:00:00Z');
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const PERIOD = { fromMs: T0, toMs: T0 + 28 * DAY };

const STATUSES = {
  Open: { stage: 'create', state: 'waiting' },
  Doing: { stage: 'create', state: 'active' },
  Done: { stage: 'release', state: 'done' },
} as const;
const mapping = (statuses: Record<string, { stage: string; state: string }>) => ({
  kind: 'mapping',
  source: SRC,
  statuses,
  types: { Story: 'feature' },
});
const item = (id: string, status: string, createdDay = 0) => ({
  kind: 'workItem',
  source: SRC,
  id,
  type: 'Story',
  status,
  team: 't-sem',
  createdAt: at(createdDay),
});
const move = (id: string, day: number, from: string, to: string, extra: object = {}) => ({
  kind: 'transition',
  source: SRC,
  item: id,
  at: at(day),
  from,
  to,
  ...extra,
});
const ORG = [
  { kind: 'portfolio', id: 'p-sem', name: 'Semantics' },
  { kind: 'valueStream', id: 'vs-sem', name: 'Semantics', portfolio: 'p-sem' },
  { kind: 'team', id: 't-sem', name: 'Semantics', valueStream: 'vs-sem' },
];

describe('hostile histories', () => {
  let database: TestDatabase;
  let store: Store;
  let fresh: TestDatabase;
  let freshStore: Store;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    store = await database.open();
    fresh = await createTestDatabase('sqlite');
    freshStore = await fresh.open();
  });
  afterAll(async () => {
    await database.destroy();
    await fresh.destroy();
  });

  const load = async (target: Store, dir: string, name: string, records: object[]) =>
    importFiles(target, [writeNdjson(dir, name, records)]);
  const metricsOf = async (target: Store) => {
    const engine = await MetricsEngine.open(target);
    try {
      return engine.metrics({ ...PERIOD, team: 't-sem' });
    } finally {
      await engine.close();
    }
  };

  it('case 25: a move to an unknown status ("Awaiting Legal") is stored as unmapped and flagged; mapping it later equals a from-scratch run', async () => {
    await clearDatabase(store);
    const history = [
      ...ORG,
      item('S-1', 'Done'),
      move('S-1', 1, 'Open', 'Doing'),
      move('S-1', 3, 'Doing', 'Awaiting Legal'),
      move('S-1', 6, 'Awaiting Legal', 'Done'),
      item('S-2', 'Awaiting Legal'),
      move('S-2', 2, 'Open', 'Awaiting Legal'),
    ];
    const summary = await load(store, database.dir, 'unknown.ndjson', [mapping(STATUSES), ...history]);
    expect(summary.files[0]).toMatchObject({ records: history.length + 1, rejected: 0 });
    const engine = await MetricsEngine.open(store);
    try {
      const before = engine.metrics({ ...PERIOD, team: 't-sem' });
      expect(before.dataQuality.unmappedStatuses).toEqual([
        { source: SRC, status: 'Awaiting Legal', items: 2 },
      ]);
      expect(before.flow.stages.unmapped).toBeGreaterThan(0);
      const s2 = await engine.item(SRC, 'S-2');
      expect(s2.facts).toMatchObject({
        currentStatus: 'Awaiting Legal',
        currentStage: 'unmapped',
        currentState: 'waiting',
      });
    } finally {
      await engine.close();
    }

    // Mapping the status later recomputes: the numbers equal a database that had the mapping from the start.
    const mapped = mapping({ ...STATUSES, 'Awaiting Legal': { stage: 'release', state: 'waiting' } });
    await load(store, database.dir, 'mapping.ndjson', [mapped]);
    await clearDatabase(freshStore);
    await load(freshStore, fresh.dir, 'scratch.ndjson', [mapped, ...history]);
    const after = await metricsOf(store);
    expect(after.dataQuality.unmappedStatuses).toEqual([]);
    expect(after).toEqual(await metricsOf(freshStore));
  });

  it('case 27: a change 10 minutes in the future or before creation is accepted and flagged clockSkew; creation moves back; no negative duration', async () => {
    await clearDatabase(store);
    const now = T0 + 20 * DAY;
    const summary = await importFiles(
      store,
      [
        writeNdjson(database.dir, 'skew.ndjson', [
          mapping(STATUSES),
          ...ORG,
          // Before its creation (another tool's clock is behind).
          item('K-1', 'Done', 5),
          move('K-1', 4, 'Open', 'Doing'),
          move('K-1', 6, 'Doing', 'Done'),
          // Ten minutes after the importer's clock.
          item('K-2', 'Done', 1),
          move('K-2', 2, 'Open', 'Doing'),
          { ...move('K-2', 0, 'Doing', 'Done'), at: new Date(now + 10 * 60_000).toISOString() },
        ]),
      ],
      { now: () => now },
    );
    expect(summary.files[0]).toMatchObject({ rejected: 0 });
    const engine = await MetricsEngine.open(store, { now: () => now });
    try {
      const doc = engine.metrics({ fromMs: T0, toMs: now, team: 't-sem' });
      expect(doc.dataQuality.changesBeforeCreation).toBe(1);
      expect(doc.dataQuality.negativeLeadTimes.count).toBe(0);
      // K-1 counts from its first change, not from the later createdAt: lead time 2 days, not −1.
      const k1 = await engine.item(SRC, 'K-1');
      expect(k1.facts.createdAt).toBe(new Date(T0 + 4 * DAY).toISOString());
      expect(k1.facts.leadTime).toBe(2 * 86_400);
      expect(k1.facts.flags).toEqual({ changeBeforeCreation: true, statusDisagrees: false, clockSkew: true });
      // K-2's completion lies 10 minutes ahead: flagged, and not complete before its time.
      const k2 = await engine.item(SRC, 'K-2');
      expect(k2.facts.flags).toMatchObject({ changeBeforeCreation: false, clockSkew: true });
      expect(k2.facts.completedAt).toBeNull();
      expect(doc.flow.velocity.total).toBe(1);
      for (const value of [doc.flow.flowTime.median, doc.flow.leadTime.median, doc.flow.efficiency])
        expect(value === null || value >= 0).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('case 27: no negative duration ever reaches a metric, whatever the clocks (property)', () => {
    const NAMES = ['Open', 'Doing', 'Done', 'Unknown'];
    const classify = (status: string): StatusClass =>
      (STATUSES as Record<string, StatusClass>)[status] ?? { stage: 'unmapped', state: 'waiting' };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 * DAY }),
        fc.array(
          fc.record({
            atMs: fc.integer({ min: -50 * DAY, max: 200 * DAY }),
            from: fc.constantFrom(...NAMES),
            to: fc.constantFrom(...NAMES),
          }),
          { maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 150 * DAY }),
        fc.constantFrom(...NAMES),
        (createdAtMs, changes, asOfMs, status) => {
          const facts = computeItemFacts({ createdAtMs, status, changes, classify, asOfMs });
          for (const value of [facts.leadTimeMs, facts.flowTimeMs, facts.activeTimeMs])
            expect(value === null || value >= 0).toBe(true);
          for (const value of [
            ...Object.values(facts.timePerStageMs),
            ...Object.values(facts.timePerStatusMs),
          ])
            expect(value).toBeGreaterThanOrEqual(0);
          for (const span of facts.spans) expect(span.endMs).toBeGreaterThanOrEqual(span.startMs);
          if (facts.completedAtMs !== null && facts.startedAtMs !== null)
            expect(facts.completedAtMs).toBeGreaterThanOrEqual(facts.startedAtMs);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('case 28: same-second flip-flops and self-transitions are ordered deterministically; a zero flow time gives no division by zero', async () => {
    await clearDatabase(store);
    const changes = [
      move('F-1', 1, 'Open', 'Doing', { id: '100' }),
      move('F-1', 1, 'Doing', 'Open', { id: '101' }),
      move('F-1', 1, 'Open', 'Doing', { id: '102' }),
      move('F-1', 2, 'Doing', 'Doing', { id: '103' }),
      move('F-1', 4, 'Doing', 'Done', { id: '104' }),
    ];
    // Any arrival order gives the same item.
    const answers: unknown[] = [];
    for (const order of [
      changes,
      [...changes].reverse(),
      [changes[2]!, changes[0]!, changes[4]!, changes[1]!, changes[3]!],
    ]) {
      await clearDatabase(store);
      await load(store, database.dir, 'flip.ndjson', [
        mapping(STATUSES),
        ...ORG,
        item('F-1', 'Done'),
        ...order,
      ]);
      const engine = await MetricsEngine.open(store);
      try {
        const { facts, history } = await engine.item(SRC, 'F-1');
        // The running last span ends "now": left out, it is the clock, not the order.
        answers.push({ facts: { ...facts, asOf: null, spans: facts.spans.slice(0, -1) }, history });
      } finally {
        await engine.close();
      }
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ facts: { flowTime: 4 * 86_400 } });

    // Created done, never moved: flow time 0, and the efficiency is null (shown as "—"), never NaN.
    await clearDatabase(store);
    await load(store, database.dir, 'zero.ndjson', [mapping(STATUSES), ...ORG, item('Z-1', 'Done', 1)]);
    const doc = await metricsOf(store);
    expect(doc.flow.velocity.total).toBe(1);
    expect(doc.flow.flowTime.median).toBe(0);
    expect(doc.flow.efficiency).toBeNull();
    expect(JSON.stringify(doc)).not.toMatch(/NaN|Infinity/);
  });

  it('extra: a mapping that maps everything to done: every item completes at once, nothing is in progress, nothing divides by zero', async () => {
    await clearDatabase(store);
    const allDone = mapping({
      Open: { stage: 'release', state: 'done' },
      Doing: { stage: 'release', state: 'done' },
      Done: { stage: 'release', state: 'done' },
    });
    await load(store, database.dir, 'all-done.ndjson', [
      allDone,
      ...ORG,
      item('D-1', 'Done', 1),
      move('D-1', 2, 'Open', 'Doing'),
      move('D-1', 5, 'Doing', 'Done'),
      item('D-2', 'Open', 3),
      item('D-3', 'Doing', 4),
      move('D-3', 6, 'Open', 'Doing'),
    ]);
    const doc = await metricsOf(store);
    expect(doc.flow.velocity.total).toBe(3);
    expect(doc.flow.load).toEqual({ average: 0, atEnd: 0 });
    expect(doc.flow.flowTime).toEqual({ median: 0, p85: 0, count: 3 });
    expect(doc.flow.efficiency).toBeNull();
    expect(JSON.stringify(doc)).not.toMatch(/NaN|Infinity|[:,[]-\d/);
  });
});
