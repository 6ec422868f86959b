import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  type Calendar,
  calendarBoundaries,
  calendarOf,
  canonicalTimeZone,
  DAY_MS,
  DEFAULT_CALENDAR,
  dayOf,
  isoWeekday,
  knownTimeZones,
  startOfMonthMs,
  startOfNextMonthMs,
  UTC_CALENDAR,
  WEEK_STARTS,
  type WeekStart,
} from './calendar.js';

describe('UTC calendar arithmetic', () => {
  it('knows the ISO weekday of a day (Monday = 0), before and after 1970', () => {
    expect(isoWeekday(dayOf(Date.UTC(2025, 0, 6)))).toBe(0);
    expect(isoWeekday(dayOf(Date.UTC(1970, 0, 1)))).toBe(3);
    expect(isoWeekday(dayOf(Date.UTC(1969, 11, 28)))).toBe(6);
  });

  it('finds the month around a day, across leap years and year ends', () => {
    expect(startOfMonthMs(dayOf(Date.UTC(2024, 1, 29, 23)))).toBe(Date.UTC(2024, 1, 1));
    expect(startOfNextMonthMs(dayOf(Date.UTC(2024, 1, 29)))).toBe(Date.UTC(2024, 2, 1));
    expect(startOfNextMonthMs(dayOf(Date.UTC(2025, 11, 31)))).toBe(Date.UTC(2026, 0, 1));
  });
});

// ── The organisation's calendar, against luxon (an independent time-zone implementation) ─────────

const HOUR = 3_600_000;
type Kind = 'day' | 'week' | 'month';

/** Luxon's answer: the bucket of `ms` in `zone` with weeks from `weekStart`, as [start, next]. */
function reference(ms: number, zone: string, weekStart: WeekStart, kind: Kind): [number, number] {
  const t = DateTime.fromMillis(ms, { zone });
  if (kind === 'day')
    return [t.startOf('day').toMillis(), t.startOf('day').plus({ days: 1 }).startOf('day').toMillis()];
  if (kind === 'month')
    return [
      t.startOf('month').toMillis(),
      t.startOf('month').plus({ months: 1 }).startOf('month').toMillis(),
    ];
  // luxon: weekday 1 = Monday … 7 = Sunday.
  const first = { monday: 1, sunday: 7, saturday: 6 }[weekStart];
  const back = (t.weekday - first + 7) % 7;
  const start = t.startOf('day').minus({ days: back }).startOf('day');
  return [start.toMillis(), start.plus({ days: 7 }).startOf('day').toMillis()];
}

const ours = (calendar: Calendar, ms: number, kind: Kind): [number, number] =>
  kind === 'day'
    ? [calendar.startOfDay(ms), calendar.nextDay(ms)]
    : kind === 'week'
      ? [calendar.startOfWeek(ms), calendar.nextWeek(ms)]
      : [calendar.startOfMonth(ms), calendar.nextMonth(ms)];

/** Zones and the dates of their two DST changes in 2025 (Kolkata has none: Berlin's dates). */
const ZONES: readonly [string, string, string][] = [
  ['Europe/Berlin', '2025-03-30', '2025-10-26'],
  ['America/New_York', '2025-03-09', '2025-11-02'],
  ['Australia/Sydney', '2025-04-06', '2025-10-05'],
  ['Asia/Kolkata', '2025-03-30', '2025-10-26'],
  ['Pacific/Chatham', '2025-04-06', '2025-09-28'],
  // Midnight is skipped when DST starts: the day starts at 01:00.
  ['America/Santiago', '2025-04-06', '2025-09-07'],
];

describe('the calendar of a time zone', () => {
  for (const [zone, spring, autumn] of ZONES)
    for (const weekStart of WEEK_STARTS)
      it(`${zone}, weeks from ${weekStart}: days, weeks and months around both DST changes match luxon`, () => {
        const calendar = calendarOf({ timeZone: zone, weekStart });
        const lengths = new Set<number>();
        for (const date of [spring, autumn]) {
          const around = Date.parse(`${date}T00:00:00Z`);
          // Every 97 minutes over 8 days either side (hits every hour and quarter hour of the day).
          for (let ms = around - 8 * DAY_MS; ms < around + 8 * DAY_MS; ms += 97 * 60_000) {
            for (const kind of ['day', 'week', 'month'] as const)
              expect(ours(calendar, ms, kind), `${kind} of ${new Date(ms).toISOString()}`).toEqual(
                reference(ms, zone, weekStart, kind),
              );
            expect(calendar.dateOf(ms)).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
            lengths.add((calendar.nextDay(ms) - calendar.startOfDay(ms)) / HOUR);
          }
        }
        // The windows do hold the DST changes: days of 23 and 25 hours (Chatham's change is an hour too).
        expect([...lengths].sort()).toEqual(zone === 'Asia/Kolkata' ? [24] : [23, 24, 25]);
      });

  it('starts a day whose midnight does not exist at its first instant (America/Santiago, Asia/Beirut)', () => {
    const santiago = calendarOf({ timeZone: 'America/Santiago', weekStart: 'monday' });
    // 2025-09-07 00:00 -04:00 → 01:00 -03:00: the day starts at 04:00 UTC, lasts 23 hours.
    const day = santiago.startOfDay(Date.parse('2025-09-07T12:00:00Z'));
    expect(new Date(day).toISOString()).toBe('2025-09-07T04:00:00.000Z');
    expect(santiago.nextDay(day) - day).toBe(23 * HOUR);
    expect(santiago.dateOf(day)).toBe('2025-09-07');
    expect(santiago.dateOf(day - 1)).toBe('2025-09-06');
    // Beirut moved its clocks at midnight (2015-03-29 00:00 +02:00 → 01:00 +03:00).
    const beirut = calendarOf({ timeZone: 'Asia/Beirut', weekStart: 'sunday' });
    expect(new Date(beirut.startOfDay(Date.parse('2015-03-29T12:00:00Z'))).toISOString()).toBe(
      '2015-03-28T22:00:00.000Z',
    );
    // A week starting on that Sunday starts at its first instant too.
    expect(new Date(beirut.startOfWeek(Date.parse('2015-04-01T12:00:00Z'))).toISOString()).toBe(
      '2015-03-28T22:00:00.000Z',
    );
  });

  it('skips a day a zone left out (Pacific/Apia, 2011-12-30)', () => {
    const apia = calendarOf({ timeZone: 'Pacific/Apia', weekStart: 'monday' });
    const thursday = Date.parse('2011-12-29T12:00:00Z');
    expect(apia.dateOf(apia.nextDay(thursday))).toBe('2011-12-31');
    expect(apia.nextDay(thursday) - apia.startOfDay(thursday)).toBe(DAY_MS);
  });

  it('is exactly the UTC arithmetic with the default settings', () => {
    const calendar = calendarOf(DEFAULT_CALENDAR);
    expect(calendar).toBe(UTC_CALENDAR);
    expect(calendar.isDefault).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const day = dayOf(ms);
        expect(calendar.startOfDay(ms)).toBe(day * DAY_MS);
        expect(calendar.startOfWeek(ms)).toBe((day - isoWeekday(day)) * DAY_MS);
        expect(calendar.nextWeek(ms)).toBe((day - isoWeekday(day) + 7) * DAY_MS);
        expect(calendar.startOfMonth(ms)).toBe(startOfMonthMs(day));
        expect(calendar.nextMonth(ms)).toBe(startOfNextMonthMs(day));
        expect(calendar.dateOf(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
      }),
    );
  });

  it('names unknown zones and knows the valid ones', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('+02:00')).toBeNull();
    expect(() => calendarOf({ timeZone: 'Mars/Olympus_Mons', weekStart: 'monday' })).toThrow(
      'unknown time zone "Mars/Olympus_Mons"',
    );
    expect(knownTimeZones()).toContain('Pacific/Chatham');
    expect(knownTimeZones()).toContain('UTC');
  });

  it('cuts time into contiguous, non-overlapping buckets, each instant in exactly one (property)', () => {
    const zones = [
      ...ZONES.map(([zone]) => zone),
      'UTC',
      'Asia/Beirut',
      'Pacific/Apia',
      'America/Sao_Paulo', // clocks went back from 00:00 to 23:00: a repeated hour across midnight
      'Australia/Lord_Howe', // a 30-minute DST change
      'America/St_Johns',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...WEEK_STARTS),
        fc.constantFrom<Kind>('day', 'week', 'month'),
        fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, weekStart, kind, ms) => {
          const calendar = calendarOf({ timeZone: zone, weekStart });
          const [start, next] = ours(calendar, ms, kind);
          // t is in [start, next) …
          expect(start).toBeLessThanOrEqual(ms);
          expect(next).toBeGreaterThan(ms);
          // … which is one bucket: its ends have that same bucket, and the buckets either side
          // touch it (contiguous, no overlap).
          expect(ours(calendar, start, kind)).toEqual([start, next]);
          expect(ours(calendar, next - 1, kind)).toEqual([start, next]);
          expect(ours(calendar, start - 1, kind)[1]).toBe(start);
          expect(ours(calendar, next, kind)[0]).toBe(next);
          const hours = (next - start) / HOUR;
          const [min, max] =
            kind === 'day' ? [22, 26] : kind === 'week' ? [7 * 24 - 26, 7 * 24 + 2] : [27 * 24, 31 * 24 + 26];
          expect(hours).toBeGreaterThanOrEqual(min);
          expect(hours).toBeLessThanOrEqual(max);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the boundaries of a period: [from, b₁, …, to]', () => {
    const berlin = calendarOf({ timeZone: 'Europe/Berlin', weekStart: 'sunday' });
    const from = Date.parse('2025-03-26T10:00:00Z');
    const to = Date.parse('2025-04-10T00:00:00Z');
    expect(calendarBoundaries(berlin, from, to, 'week').map((ms) => new Date(ms).toISOString())).toEqual([
      '2025-03-26T10:00:00.000Z',
      '2025-03-29T23:00:00.000Z', // Sunday 30 March 00:00 +01:00 (that day has 23 hours)
      '2025-04-05T22:00:00.000Z', // Sunday 6 April 00:00 +02:00
      '2025-04-10T00:00:00.000Z',
    ]);
    expect(calendarBoundaries(UTC_CALENDAR, from, to, 'month')).toEqual([from, Date.UTC(2025, 3, 1), to]);
  });
});
