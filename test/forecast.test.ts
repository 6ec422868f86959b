/**
 * Forecasts for a scope, on both stores and through `flowlens forecast`. The organisation: team t-a
 * completes exactly 2 items on each of the 10 days before 2025-03-01 and 5 on 2025-02-25 (a day to
 * exclude); team t-b completes 1 item a day on the same days. So, with the exclusion, t-a's history
 * is a constant 2 a day and its forecasts are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastHowManyFor, forecastWhenFor, MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import { cli } from './support/cli.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

const DAY = 86_400_000;
const FROM = Date.parse('2025-03-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

function organisation(): object[] {
  const records: object[] = [
    { kind: 'portfolio', id: 'p1', name: 'P' },
    { kind: 'valueStream', id: 'vs1', name: 'VS', portfolio: 'p1' },
    { kind: 'team', id: 't-a', name: 'A', valueStream: 'vs1' },
    { kind: 'team', id: 't-b', name: 'B', valueStream: 'vs1' },
    {
      kind: 'mapping',
      source: 'jira:F',
      statuses: {
        Backlog: { stage: 'ideate', state: 'new' },
        'In Progress': { stage: 'create', state: 'active' },
        Done: { stage: 'create', state: 'done' },
      },
      types: { Story: 'feature' },
    },
  ];
  let n = 0;
  const complete = (team: string, dayMs: number) => {
    const id = `F-${++n}`;
    records.push(
      {
        kind: 'workItem',
        source: 'jira:F',
        id,
        type: 'Story',
        status: 'Done',
        createdAt: iso(dayMs - DAY),
        team,
      },
      {
        kind: 'transition',
        source: 'jira:F',
        item: id,
        at: iso(dayMs - DAY / 2),
        from: 'Backlog',
        to: 'In Progress',
      },
      {
        kind: 'transition',
        source: 'jira:F',
        item: id,
        at: iso(dayMs + 6 * 3_600_000),
        from: 'In Progress',
        to: 'Done',
      },
    );
  };
  for (let d = 1; d <= 10; d++) {
    const dayMs = FROM - d * DAY;
    const perDay = dayMs === Date.parse('2025-02-25T00:00:00Z') ? 5 : 2;
    for (let k = 0; k < perDay; k++) complete('t-a', dayMs);
    complete('t-b', dayMs);
  }
  return records;
}

describeEachStore('forecasts of a scope', (kind) => {
  let t: TestStore;
  let engine: MetricsEngine;
  beforeAll(async () => {
    t = await createTestStore(kind);
    const summary = await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', organisation())]);
    expect(summary.totals.rejected).toBe(0);
    engine = await MetricsEngine.open(t.store);
  });
  afterAll(async () => {
    await t.database.destroy();
  });

  const exact = {
    fromMs: FROM,
    team: 't-a',
    historyDays: 10,
    excludeDays: [Date.parse('2025-02-25T00:00:00Z')],
  };

  it('samples the throughput the metrics count, day by day, less the excluded days', () => {
    const when = forecastWhenFor(engine, { ...exact, items: 7 });
    expect(when.history).toEqual({
      from: '2025-02-19',
      to: '2025-02-28',
      days: 10,
      excludedDays: ['2025-02-25'],
      sampledDays: 9,
      completed: 18,
      perDay: 2,
    });
    // The same days, as the series of the metrics API counts them.
    const series = engine.series({ fromMs: FROM - 10 * DAY, toMs: FROM, team: 't-a' });
    const counted = series.throughputByDay
      .filter((d) => d.day !== '2025-02-25')
      .reduce((n, d) => n + d.count, 0);
    expect(counted).toBe(when.history.completed);
  });

  it('answers exactly when the history is constant: 7 items at 2 a day are done at the end of day 4', () => {
    const when = forecastWhenFor(engine, { ...exact, items: 7 });
    expect(when.percentiles).toEqual({
      50: '2025-03-04',
      70: '2025-03-04',
      85: '2025-03-04',
      95: '2025-03-04',
    });
    expect(when.histogram).toEqual([{ date: '2025-03-04', trials: 10_000 }]);
    const howMany = forecastHowManyFor(engine, { ...exact, byMs: FROM + 4 * DAY });
    expect(howMany.days).toBe(5);
    expect(howMany.percentiles).toEqual({ 50: 10, 70: 10, 85: 10, 95: 10 });
  });

  it('samples the excluded day too when it is not excluded, and the whole organisation adds t-b', () => {
    const when = forecastWhenFor(engine, { fromMs: FROM, team: 't-a', historyDays: 10, items: 30 });
    expect(when.history.completed).toBe(23);
    // A day of 5 now and then: some trials finish before day 15 (30 items at 2 a day).
    expect((when.percentiles[50] as string) < '2025-03-15').toBe(true);
    const org = forecastWhenFor(engine, { fromMs: FROM, historyDays: 10, items: 30 });
    expect(org.scope).toEqual({});
    expect(org.history.completed).toBe(33);
  });

  it('the API answers the same documents, and a clear 400 for a bad parameter', async () => {
    const app = await buildServer({ auth: { mode: 'trusted' }, store: t.store, engine, webRoot: null });
    try {
      const when = await app.inject({
        url: '/api/v1/forecast/when?team=t-a&from=2025-03-01&historyDays=10&exclude=2025-02-25&items=7',
      });
      expect(when.statusCode).toBe(200);
      expect(when.json()).toEqual(
        JSON.parse(JSON.stringify(forecastWhenFor(engine, { ...exact, items: 7 }))),
      );
      const howMany = await app.inject({
        url: '/api/v1/forecast/how-many?team=t-a&from=2025-03-01&historyDays=10&exclude=2025-02-25&by=2025-03-05',
      });
      expect(howMany.statusCode).toBe(200);
      expect(howMany.json().percentiles).toEqual({ '50': 10, '70': 10, '85': 10, '95': 10 });
      const bad = await app.inject({ url: '/api/v1/forecast/when?items=0' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/items/);
      const window = await app.inject({
        url: '/api/v1/forecast/how-many?team=t-a&from=2025-03-01&historyDays=10&exclude=2025-03-02&by=2025-03-05',
      });
      expect(window.statusCode).toBe(400);
      expect(window.json().error.message).toBe(
        '--exclude: 2025-03-02 is not in the history window 2025-02-19 to 2025-02-28',
      );
      const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/forecast/when', '/api/v1/forecast/how-many']),
      );
    } finally {
      await app.close();
    }
  });

  it('refuses a forecast it cannot make, naming the parameter', () => {
    expect(() => forecastWhenFor(engine, { ...exact, fromMs: FROM + 3_600_000, items: 1 })).toThrow(
      '--from: a forecast works in whole UTC days; give a date (YYYY-MM-DD)',
    );
    expect(() => forecastWhenFor(engine, { ...exact, excludeDays: [FROM], items: 1 })).toThrow(
      '--exclude: 2025-03-01 is not in the history window 2025-02-19 to 2025-02-28',
    );
    expect(() => forecastHowManyFor(engine, { ...exact, byMs: FROM - DAY })).toThrow(
      '--by: 2025-02-28 is before the first day forecast (--from 2025-03-01)',
    );
    expect(() =>
      forecastWhenFor(engine, { fromMs: FROM + 30 * DAY, team: 't-a', historyDays: 5, items: 1 }),
    ).toThrow('no item was completed on any of the 5 history days: there is no throughput to forecast from');
    expect(() => forecastWhenFor(engine, { ...exact, team: 't-zz', items: 1 })).toThrow(
      /--team: there is no team "t-zz"/,
    );
  });
});

describe('flowlens forecast', () => {
  let t: TestStore;
  let db: string;
  beforeAll(async () => {
    t = await createTestStore('sqlite');
    await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', organisation())]);
    db = t.store.location;
    await t.store.close();
  });
  afterAll(async () => {
    await t.database.destroy();
  });
  const common = ['--team', 't-a', '--from', date(FROM), '--history-days', '10', '--exclude', '2025-02-25'];

  it('when --json prints the percentiles as dates, the histogram and the history', async () => {
    const run = await cli(['forecast', 'when', '--items', '7', ...common, '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({
      question: 'when',
      scope: { team: 't-a' },
      items: 7,
      from: '2025-03-01',
      percentiles: { '50': '2025-03-04', '70': '2025-03-04', '85': '2025-03-04', '95': '2025-03-04' },
      trials: 10_000,
      seed: 1,
    });
  });

  it('how-many prints a readable answer, and the same seed gives the same answer', async () => {
    const args = [
      'forecast',
      'how-many',
      '--by',
      '2025-03-10',
      '--team',
      't-b',
      '--from',
      '2025-03-01',
      '--db',
      db,
    ];
    const run = await cli([...args, '--history-days', '10']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'How many items of team t-b will be done from 2025-03-01 to the end of 2025-03-10 (10 days)?',
    );
    expect(run.stdout).toMatch(/ {2}50 % {2}10 or more/);
    expect(run.stdout).toContain(
      'From 10,000 trials sampling the daily throughput of 2025-02-19 to 2025-02-28 (10 days; 10 items completed, 1.0 a day).',
    );
    const seeded = [
      'forecast',
      'when',
      '--items',
      '25',
      '--from',
      '2025-03-01',
      '--history-days',
      '10',
      '--db',
      db,
      '--json',
    ];
    const a = await cli([...seeded, '--seed', '9']);
    expect((await cli([...seeded, '--seed', '9'])).stdout).toBe(a.stdout);
    expect(JSON.parse(a.stdout).seed).toBe(9);
  });

  it('exits 2 with a message naming the bad flag', async () => {
    const zero = await cli(['forecast', 'when', '--items', '0', ...common, '--db', db]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--items: "0" is not a whole number ≥ 1');
    const by = await cli(['forecast', 'how-many', '--by', 'next week', ...common, '--db', db]);
    expect(by.code).toBe(2);
    expect(by.stderr).toContain('--by: "next week" is not a date (YYYY-MM-DD)');
    const range = await cli([
      'forecast',
      'when',
      '--items',
      '3',
      ...common.slice(0, 6),
      '--exclude',
      '2025-02-27..2025-02-20',
      '--db',
      db,
    ]);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('--exclude: "2025-02-27..2025-02-20" ends before it starts');
  });
});
