/**
 * The organisation's calendar (docs/metrics.md §1, hostile-input.md §32), on both stores: with the
 * time zone Europe/Berlin and weeks from Sunday, the weekly trend buckets (boundaries, velocity,
 * load sampled at local midnight), the series' weekly, daily and load entries and the DORA
 * deployment-frequency tier (the median of deployment days per whole week) equal a reference
 * computed here with luxon — an implementation of time zones independent of the production one
 * (Intl) — for an organisation whose items and deployments lie around the March and October DST
 * changes; with the default settings (and after going back to them) every answer is exactly the
 * UTC one. The setting itself: GET/PUT /settings/calendar and `flowlens settings calendar`, an
 * unknown zone refused naming it, each change audited.
 */
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MetricsEngine } from '../src/engine/index.js';
import { buildServer } from '../src/server/index.js';
import type { Store } from '../src/store/index.js';
import { cli } from './support/cli.js';
import { createTestDatabase, describeEachStore, type TestDatabase } from './support/stores.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const utc = (text: string) => Date.parse(`${text}Z`);

/** The period of the trend and the series: March to November 2025 (both Berlin DST changes). */
const FROM = utc('2025-03-03T00:00:00');
const TO = utc('2025-11-10T00:00:00');
/** The windows holding the items and deployments, around 30 March and 26 October. */
const WINDOWS: readonly [number, number][] = [
  [utc('2025-03-16T00:00:00'), utc('2025-04-14T00:00:00')],
  [utc('2025-10-12T00:00:00'), utc('2025-11-10T00:00:00')],
];

interface Item {
  readonly id: string;
  readonly startedMs: number;
  readonly doneMs: number;
}

/** Items done every 5 h 13 min in the windows, plus some done right at Berlin's and UTC's midnights. */
const ITEMS: Item[] = (() => {
  const done: number[] = [];
  for (const [from, to] of WINDOWS)
    for (let t = from + 3 * HOUR; t < to; t += 5 * HOUR + 13 * 60_000) done.push(t);
  done.push(
    utc('2025-03-29T23:00:00'), // Sunday 30 March 00:00 CET: a Sunday week starts here
    utc('2025-03-29T22:59:59.999'),
    utc('2025-03-30T22:00:00'), // Monday 31 March 00:00 CEST (Sunday 30 March had 23 hours)
    utc('2025-10-25T22:00:00'), // Sunday 26 October 00:00 CEST
    utc('2025-10-25T21:59:59.999'),
    utc('2025-10-26T23:00:00'), // Monday 27 October 00:00 CET (Sunday 26 October had 25 hours)
    utc('2025-10-27T00:00:00'),
  );
  return done.map((d, i) => ({
    id: `C-${i + 1}`,
    startedMs: d - 2 * DAY - 3 * HOUR - (i % 7) * HOUR,
    doneMs: d,
  }));
})();

/**
 * Deployments in the windows, each week: Monday, Tuesday, Wednesday 12:00 UTC, Thursday 22:30 UTC
 * (Thursday in Berlin in winter, Friday 00:30 in summer) and Friday 10:00 UTC — five deployment days
 * a UTC week; four a Berlin week in summer.
 */
const DEPLOYMENTS: number[] = (() => {
  const out: number[] = [];
  for (const [from, to] of WINDOWS)
    for (let day = from; day < to; day += DAY) {
      const weekday = new Date(day).getUTCDay(); // 0 Sunday … 6 Saturday
      if (weekday >= 1 && weekday <= 3) out.push(day + 12 * HOUR);
      if (weekday === 4) out.push(day + 22 * HOUR + 30 * 60_000);
      if (weekday === 5) out.push(day + 10 * HOUR);
    }
  return out;
})();

const RECORDS = [
  { kind: 'portfolio', id: 'p1', name: 'Retail' },
  { kind: 'valueStream', id: 'vs1', name: 'Checkout', portfolio: 'p1' },
  { kind: 'team', id: 't-a', name: 'Team A', valueStream: 'vs1' },
  { kind: 'service', id: 'svc-a', team: 't-a' },
  {
    kind: 'mapping',
    source: 'jira:CAL',
    statuses: {
      Backlog: { stage: 'ideate', state: 'new' },
      'In Progress': { stage: 'create', state: 'active' },
      Done: { stage: 'release', state: 'done' },
    },
    types: { Story: 'feature' },
  },
  { kind: 'mapping', source: 'ci:cal', statuses: {}, types: {}, environments: { prod: 'production' } },
  ...ITEMS.flatMap((item) => [
    {
      kind: 'workItem',
      source: 'jira:CAL',
      id: item.id,
      type: 'Story',
      status: 'Done',
      team: 't-a',
      createdAt: iso(item.startedMs - DAY),
    },
    {
      kind: 'transition',
      source: 'jira:CAL',
      item: item.id,
      at: iso(item.startedMs),
      from: 'Backlog',
      to: 'In Progress',
    },
    {
      kind: 'transition',
      source: 'jira:CAL',
      item: item.id,
      at: iso(item.doneMs),
      from: 'In Progress',
      to: 'Done',
    },
  ]),
  ...DEPLOYMENTS.map((ms, i) => ({
    kind: 'deployment',
    source: 'ci:cal',
    id: `dep-${i + 1}`,
    service: 'svc-a',
    environment: 'prod',
    at: iso(ms),
    status: 'success',
  })),
];

// ── The reference, with luxon ───────────────────────────────────────────────────────────────────

interface Reference {
  readonly zone: string;
  /** luxon weekday (1 Monday … 7 Sunday) a week starts on. */
  readonly firstWeekday: number;
}
const BERLIN_SUNDAY: Reference = { zone: 'Europe/Berlin', firstWeekday: 7 };
const UTC_MONDAY: Reference = { zone: 'UTC', firstWeekday: 1 };

const startOfDay = (ref: Reference, ms: number) => DateTime.fromMillis(ms, { zone: ref.zone }).startOf('day');
function startOfWeek(ref: Reference, ms: number): DateTime {
  const day = startOfDay(ref, ms);
  return day.minus({ days: (day.weekday - ref.firstWeekday + 7) % 7 }).startOf('day');
}
const nextDay = (ref: Reference, ms: number) =>
  startOfDay(ref, ms).plus({ days: 1 }).startOf('day').toMillis();
const nextWeek = (ref: Reference, ms: number) =>
  startOfWeek(ref, ms).plus({ days: 7 }).startOf('day').toMillis();

/** Day starts t with from ≤ t < to: the load's samples. */
function dayStarts(ref: Reference, from: number, to: number): number[] {
  const out: number[] = [];
  for (
    let t = startOfDay(ref, from).toMillis() === from ? from : nextDay(ref, from);
    t < to;
    t = nextDay(ref, t)
  )
    out.push(t);
  return out;
}
const inProgressAt = (t: number) => ITEMS.filter((i) => i.startedMs <= t && t < i.doneMs).length;
const doneIn = (from: number, to: number) => ITEMS.filter((i) => i.doneMs >= from && i.doneMs < to).length;

/** The weekly trend buckets: [from, to), items done, the average of the load samples in them. */
function referenceTrend(ref: Reference) {
  const bounds = [FROM];
  for (let b = nextWeek(ref, FROM); b < TO; b = nextWeek(ref, b)) bounds.push(b);
  bounds.push(TO);
  return bounds.slice(0, -1).map((from, i) => {
    const to = bounds[i + 1] as number;
    const samples = dayStarts(ref, from, to).map(inProgressAt);
    return {
      from: iso(from),
      to: iso(to),
      velocity: doneIn(from, to),
      load: samples.length === 0 ? null : samples.reduce((a, b) => a + b, 0) / samples.length,
    };
  });
}

/** The series: completions per week and per day (by local date), the load at each local midnight. */
function referenceSeries(ref: Reference) {
  const date = (ms: number) => DateTime.fromMillis(ms, { zone: ref.zone }).toISODate();
  const weeks = [];
  for (let w = startOfWeek(ref, FROM).toMillis(); w < TO; w = nextWeek(ref, w))
    weeks.push({ week: date(w), count: doneIn(w, nextWeek(ref, w)) });
  const days = [];
  for (let d = startOfDay(ref, FROM).toMillis(); d < TO; d = nextDay(ref, d))
    days.push({ day: date(d), count: doneIn(d, nextDay(ref, d)) });
  const load = dayStarts(ref, FROM, TO).map((t) => ({ day: date(t), load: inProgressAt(t) }));
  return { weeks, days, load };
}

/** The deployment-frequency tier: median deployment days per whole week (then per whole month). */
function referenceTier(ref: Reference, from: number, to: number): { weekly: number[]; tier: string } {
  const days = new Set(
    DEPLOYMENTS.filter((d) => d >= from && d < to).map((d) => startOfDay(ref, d).toMillis()),
  );
  const weekly: number[] = [];
  const first = startOfWeek(ref, from).toMillis() === from ? from : nextWeek(ref, from);
  for (let w = first; nextWeek(ref, w) <= to; w = nextWeek(ref, w))
    weekly.push([...days].filter((d) => d >= w && d < nextWeek(ref, w)).length);
  const sorted = [...weekly].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(mid)] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  // No whole month in these periods: below one a week is "low".
  return { weekly, tier: median >= 5 ? 'elite' : median >= 1 ? 'high' : 'low' };
}

describeEachStore('the organisation’s calendar', (kind) => {
  let db: TestDatabase;
  let store: Store;
  let engine: MetricsEngine;
  let app: FastifyInstance;
  const request = async (method: 'GET' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload }) });
  const json = async (url: string) => {
    const response = await request('GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const period = `from=${iso(FROM)}&to=${iso(TO)}`;
  /** Every answer the calendar may change. */
  const answers = async () => ({
    metrics: await json(`/metrics?${period}`),
    series: await json(`/metrics/series?${period}`),
    weeks: await json(`/metrics/trend?${period}&bucket=week`),
    months: await json(`/metrics/trend?${period}&bucket=month`),
    dora: await Promise.all(WINDOWS.map(([f, t]) => json(`/metrics?from=${iso(f)}&to=${iso(t)}`))),
  });
  let utcAnswers: Awaited<ReturnType<typeof answers>>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    store = await db.open();
    engine = await MetricsEngine.open(store);
    app = await buildServer({ auth: { mode: 'trusted' }, store, engine, uploadDir: db.dir, webRoot: null });
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: RECORDS.map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().totals.rejected).toBe(0);
    utcAnswers = await answers();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  /** The answers against the reference of a calendar. */
  function expectReference(ref: Reference, got: Awaited<ReturnType<typeof answers>>) {
    expect(
      got.weeks.buckets.map(
        (b: { from: string; to: string; velocity: { total: number }; load: { average: number } }) => ({
          from: b.from,
          to: b.to,
          velocity: b.velocity.total,
          load: b.load.average,
        }),
      ),
    ).toEqual(referenceTrend(ref));
    const series = referenceSeries(ref);
    expect(
      got.series.velocityByWeek.map((w: { week: string; count: number }) => ({
        week: w.week,
        count: w.count,
      })),
    ).toEqual(series.weeks);
    expect(got.series.throughputByDay).toEqual(series.days);
    expect(got.series.loadByDay).toEqual(series.load);
    expect(got.series.cumulativeFlow.map((d: { day: string }) => d.day)).toEqual(
      series.load.map((d) => d.day),
    );
    // The metrics' load average is the average of the same samples.
    const samples = dayStarts(ref, FROM, TO).map(inProgressAt);
    expect(got.metrics.flow.load.average).toBeCloseTo(
      samples.reduce((a, b) => a + b, 0) / samples.length,
      12,
    );
    WINDOWS.forEach(([from, to], i) => {
      expect(got.dora[i].dora.deploymentFrequency.tier).toBe(referenceTier(ref, from, to).tier);
    });
  }

  it('with the default settings: UTC days, ISO weeks, no calendar in the answers', async () => {
    expect(await json('/settings/calendar')).toEqual({ timeZone: 'UTC', weekStart: 'monday' });
    expectReference(UTC_MONDAY, utcAnswers);
    expect(utcAnswers.metrics.period).toEqual({ from: iso(FROM), to: iso(TO) });
    expect(utcAnswers.weeks.period).toEqual({ from: iso(FROM), to: iso(TO) });
    // UTC weeks start on Monday 00:00 UTC.
    for (const b of utcAnswers.weeks.buckets.slice(1)) expect(b.from).toMatch(/T00:00:00\.000Z$/);
  });

  it('Europe/Berlin, weeks from Sunday: buckets, series and DORA tiers match the reference around both DST changes', async () => {
    const put = await request('PUT', '/settings/calendar', {
      timeZone: 'Europe/Berlin',
      weekStart: 'sunday',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ timeZone: 'Europe/Berlin', weekStart: 'sunday' });
    const berlin = await answers();
    expectReference(BERLIN_SUNDAY, berlin);
    const calendar = { timeZone: 'Europe/Berlin', weekStart: 'sunday' };
    for (const doc of [berlin.metrics, berlin.series, berlin.weeks, berlin.months])
      expect(doc.period).toEqual({ from: iso(FROM), to: iso(TO), calendar });
    // The weeks around the changes: Sunday 30 March starts at 23:00 UTC (CET), the Sunday after at
    // 22:00 (CEST); Sunday 26 October at 22:00 (CEST), the Sunday after at 23:00 (CET).
    const froms = berlin.weeks.buckets.map((b: { from: string }) => b.from);
    expect(froms).toContain('2025-03-29T23:00:00.000Z');
    expect(froms).toContain('2025-04-05T22:00:00.000Z');
    expect(froms).toContain('2025-10-25T22:00:00.000Z');
    expect(froms).toContain('2025-11-01T23:00:00.000Z');
    // Months start at local midnight of the 1st.
    expect(berlin.months.buckets.map((b: { from: string }) => b.from).slice(1, 3)).toEqual([
      '2025-03-31T22:00:00.000Z',
      '2025-04-30T22:00:00.000Z',
    ]);
    // The calendar matters here: the Berlin week medians differ from the UTC ones, and so does a tier.
    expect(referenceTier(BERLIN_SUNDAY, ...(WINDOWS[0] as [number, number])).weekly).not.toEqual(
      referenceTier(UTC_MONDAY, ...(WINDOWS[0] as [number, number])).weekly,
    );
    expect(
      berlin.dora.map(
        (d: { dora: { deploymentFrequency: { tier: string } } }) => d.dora.deploymentFrequency.tier,
      ),
    ).not.toEqual(utcAnswers.dora.map((d) => d.dora.deploymentFrequency.tier));
    expect(berlin.weeks.buckets).not.toEqual(utcAnswers.weeks.buckets);
  });

  it('back to UTC and Monday: every answer is exactly the UTC one again', async () => {
    const put = await request('PUT', '/settings/calendar', { timeZone: 'UTC', weekStart: 'monday' });
    expect(put.statusCode, put.body).toBe(200);
    expect(await answers()).toEqual(utcAnswers);
  });

  it('refuses an unknown zone or week start, naming it and where to find valid names', async () => {
    const zone = await request('PUT', '/settings/calendar', { timeZone: 'Europe/Atlantis' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.message).toContain('"Europe/Atlantis" is not a time zone');
    expect(zone.json().error.message).toContain('--list-time-zones');
    const week = await request('PUT', '/settings/calendar', { weekStart: 'friday' });
    expect(week.statusCode).toBe(400);
    expect(week.json().error.message).toContain(
      '"friday" is not a week start; use one of monday, sunday, saturday',
    );
    expect((await request('PUT', '/settings/calendar', {})).statusCode).toBe(400);
    expect(await json('/settings/calendar')).toEqual({ timeZone: 'UTC', weekStart: 'monday' });
  });

  it('flowlens settings calendar shows and changes it, audited; the engine follows at its next refresh', async () => {
    const shown = await cli(['settings', 'calendar', '--db', db.location]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('time zone UTC, weeks start on monday (the default)');
    const changed = await cli([
      'settings',
      'calendar',
      '--time-zone',
      'australia/sydney',
      '--week-start',
      'Saturday',
      '--actor',
      'ops',
      '--json',
      '--db',
      db.location,
    ]);
    expect(changed.code, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual({ timeZone: 'Australia/Sydney', weekStart: 'saturday' });
    const bad = await cli(['settings', 'calendar', '--time-zone', 'Mars/Base', '--db', db.location]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('"Mars/Base" is not a time zone');
    const zones = await cli(['settings', 'calendar', '--list-time-zones']);
    expect(zones.stdout.split('\n')).toContain('Pacific/Chatham');
    // Each change is one audit entry (the API's two above, this one).
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'target', 'summary'])
      .where('target', '=', 'calendar')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.actor, a.action, a.summary])).toEqual([
      ['local', 'settings.update', 'calendar: timeZone UTC → Europe/Berlin, weekStart monday → sunday'],
      ['local', 'settings.update', 'calendar: timeZone Europe/Berlin → UTC, weekStart sunday → monday'],
      ['ops', 'settings.update', 'calendar: timeZone UTC → Australia/Sydney, weekStart monday → saturday'],
    ]);
    // Changed by another process: the running engine reads it at its next refresh.
    await engine.refresh();
    const sydney = await json(`/metrics/trend?${period}&bucket=week`);
    expect(sydney.period.calendar).toEqual({ timeZone: 'Australia/Sydney', weekStart: 'saturday' });
    // Saturday 00:00 in Sydney (AEDT +11 until 6 April, AEST +10 after).
    expect(sydney.buckets[1].from).toBe('2025-03-07T13:00:00.000Z');
  });
});
