/**
 * Calendar arithmetic: in UTC without the Date object (day numbers, ISO weeks and calendar months,
 * docs/metrics.md §1), and the organisation's calendar (`Calendar`, docs/metrics.md §1 "The
 * organisation's calendar"): the days, weeks and months of an IANA time zone with a chosen first
 * day of the week, their boundaries found with the runtime's time-zone database (Intl), so that a
 * day may last 23 or 25 hours and starts at its first existing instant when its midnight is skipped.
 * The core still has no clock and no time-zone state: a calendar is a value made from its settings.
 */

export const DAY_MS = 86_400_000;

/** The day number (days since 1970-01-01) of an instant. */
export function dayOf(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}

/** 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The first instant of the calendar month after the one holding `day`. */
export function startOfNextMonthMs(day: number): number {
  const { year, month } = civilFromDays(day);
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) * DAY_MS;
}

/** The first instant of the calendar month holding `day`. */
export function startOfMonthMs(day: number): number {
  const { year, month } = civilFromDays(day);
  return daysFromCivil(year, month, 1) * DAY_MS;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic
// without the Date object (the contract module is pure).
/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The proleptic Gregorian date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

// ── The organisation's calendar ─────────────────────────────────────────────────────────────────

/** The day a week starts on (docs/metrics.md §1). */
export type WeekStart = 'monday' | 'sunday' | 'saturday';
export const WEEK_STARTS: readonly WeekStart[] = ['monday', 'sunday', 'saturday'];

/** How an organisation cuts time into days, weeks and months. */
export interface CalendarSettings {
  /** An IANA time zone name (`Europe/Berlin`), or `UTC`. */
  readonly timeZone: string;
  readonly weekStart: WeekStart;
}

/** UTC days, ISO weeks (Monday), calendar months in UTC: the metrics' buckets before any setting. */
export const DEFAULT_CALENDAR: CalendarSettings = { timeZone: 'UTC', weekStart: 'monday' };

/** Whether settings are the default (UTC, Monday): output then stays exactly as without a calendar. */
export function isDefaultCalendar(settings: CalendarSettings): boolean {
  return settings.timeZone === 'UTC' && settings.weekStart === 'monday';
}

/** The ISO weekday (Monday = 0) a week starts on. */
const WEEK_START_DAY: Record<WeekStart, number> = { monday: 0, sunday: 6, saturday: 5 };

/**
 * Days, weeks and months of a time zone. Each kind of bucket partitions time: `startOf…(t) ≤ t <
 * next…(t)`, and `next…(t)` is the start of the following bucket. A bucket starts at the first
 * instant whose local date is its first day (local midnight, or the end of a DST gap spanning it).
 */
export interface Calendar extends CalendarSettings {
  /** Whether this is the default calendar (UTC, Monday). */
  readonly isDefault: boolean;
  startOfDay(ms: number): number;
  nextDay(ms: number): number;
  startOfWeek(ms: number): number;
  nextWeek(ms: number): number;
  startOfMonth(ms: number): number;
  nextMonth(ms: number): number;
  /** The local date (YYYY-MM-DD) of an instant: what a bucket starting at `ms` is labelled. */
  dateOf(ms: number): string;
  /** The UTC offset in force at an instant, in milliseconds (local wall time − UTC). */
  offsetMs(ms: number): number;
}

/**
 * The names `Intl` knows as time zones (how a user finds a valid name), plus `UTC`. Node's full ICU
 * knows every IANA zone and its aliases.
 */
export function knownTimeZones(): string[] {
  const names = Intl.supportedValuesOf('timeZone');
  return names.includes('UTC') ? names : ['UTC', ...names];
}

/**
 * The canonical name of an IANA time zone, or null when the runtime does not know it. Only region
 * names (`Europe/Berlin`) and `UTC` are accepted: fixed offsets (`+02:00`) have no DST rules and
 * are not what an organisation means by its time zone.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu'].includes(resolved)
      ? 'UTC'
      : resolved;
  } catch {
    return null;
  }
}

function weekStartDay(day: number, weekStart: WeekStart): number {
  return day - ((isoWeekday(day) - WEEK_START_DAY[weekStart] + 7) % 7);
}

function formatDay(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${pad(month, 2)}-${pad(d, 2)}`;
}

/** The UTC calendar with a week start: pure arithmetic, exactly the buckets of docs/metrics.md §1. */
function utcCalendar(weekStart: WeekStart): Calendar {
  const week = (ms: number) => weekStartDay(dayOf(ms), weekStart) * DAY_MS;
  return {
    timeZone: 'UTC',
    weekStart,
    isDefault: weekStart === 'monday',
    startOfDay: (ms) => dayOf(ms) * DAY_MS,
    nextDay: (ms) => (dayOf(ms) + 1) * DAY_MS,
    startOfWeek: week,
    nextWeek: (ms) => week(ms) + 7 * DAY_MS,
    startOfMonth: (ms) => startOfMonthMs(dayOf(ms)),
    nextMonth: (ms) => startOfNextMonthMs(dayOf(ms)),
    dateOf: (ms) => formatDay(dayOf(ms)),
    offsetMs: () => 0,
  };
}

/**
 * The UTC offset in force at an instant, in milliseconds, read with Intl ("GMT+05:30", "GMT-03:00",
 * "GMT+00:53:28" for a local mean time, "GMT" for zero).
 */
function zoneOffset(timeZone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  return (ms) => {
    const text = format.format(ms);
    const match = /GMT(?:([+\u2212-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
    if (match === null)
      throw new RangeError(`cannot read the UTC offset of time zone "${timeZone}" from "${text}"`);
    if (match[1] === undefined) return 0;
    const size = ((Number(match[2]) * 60 + Number(match[3])) * 60 + Number(match[4] ?? 0)) * 1000;
    return match[1] === '+' ? size : -size;
  };
}

/**
 * A zone's calendar. Offsets come from Intl (the runtime's IANA database); a day's start is found
 * from the offsets in force 30 hours either side (no zone changes its offset twice within that):
 * local midnight when it exists (the earlier one when it occurs twice), else the end of the gap.
 */
function zonedCalendar(timeZone: string, weekStart: WeekStart): Calendar {
  // Bucket boundaries are asked for again and again (every answer lists the days of its period):
  // offsets at the instants seen are remembered (Intl takes microseconds a call).
  const readOffset = zoneOffset(timeZone);
  const offsets = new Map<number, number>();
  const offsetMs = (ms: number): number => {
    let offset = offsets.get(ms);
    if (offset === undefined) {
      offset = readOffset(ms);
      if (offsets.size >= 200_000) offsets.clear();
      offsets.set(ms, offset);
    }
    return offset;
  };
  const localDay = (ms: number) => Math.floor((ms + offsetMs(ms)) / DAY_MS);
  const startCache = new Map<number, number>();
  /** The first instant whose local date is `day` or later. */
  const startOfDayNumber = (day: number): number => {
    const cached = startCache.get(day);
    if (cached !== undefined) return cached;
    const midnight = day * DAY_MS;
    const before = offsetMs(midnight - 30 * 3_600_000);
    const after = offsetMs(midnight + 30 * 3_600_000);
    let start = Number.POSITIVE_INFINITY;
    for (const offset of before === after ? [before] : [before, after]) {
      const t = midnight - offset;
      if (offsetMs(t) === offset && t < start) start = t;
    }
    if (start === Number.POSITIVE_INFINITY) {
      // Midnight is skipped (a DST gap, or a whole day as Pacific/Apia's 2011-12-30): the start is
      // the first instant after the gap, found by bisection to the millisecond.
      let lo = midnight - Math.max(before, after); // local date before `day`
      let hi = midnight - Math.min(before, after); // local date `day` or later
      if (localDay(lo) >= day) lo -= DAY_MS;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (localDay(mid) >= day) hi = mid;
        else lo = mid;
      }
      start = hi;
    }
    if (startCache.size > 100_000) startCache.clear();
    startCache.set(day, start);
    return start;
  };
  /** The day whose bucket holds t: the last day starting at or before t. */
  const bucketDay = (ms: number): number => {
    let day = localDay(ms);
    while (startOfDayNumber(day) > ms) day--;
    while (startOfDayNumber(day + 1) <= ms) day++;
    return day;
  };
  const nextDayNumber = (day: number, ms: number): number => {
    let next = day + 1;
    while (startOfDayNumber(next) <= ms) next++;
    return startOfDayNumber(next);
  };
  const monthOf = (day: number) => {
    const { year, month } = civilFromDays(day);
    return {
      first: daysFromCivil(year, month, 1),
      next: daysFromCivil(year + (month === 12 ? 1 : 0), (month % 12) + 1, 1),
    };
  };
  return {
    timeZone,
    weekStart,
    isDefault: false,
    startOfDay: (ms) => startOfDayNumber(bucketDay(ms)),
    nextDay: (ms) => nextDayNumber(bucketDay(ms), ms),
    startOfWeek: (ms) => startOfDayNumber(weekStartDay(bucketDay(ms), weekStart)),
    nextWeek: (ms) => nextDayNumber(weekStartDay(bucketDay(ms), weekStart) + 6, ms),
    startOfMonth: (ms) => startOfDayNumber(monthOf(bucketDay(ms)).first),
    nextMonth: (ms) => nextDayNumber(monthOf(bucketDay(ms)).next - 1, ms),
    dateOf: (ms) => formatDay(bucketDay(ms)),
    offsetMs,
  };
}

/** The default calendar: UTC days, ISO weeks, UTC months. */
export const UTC_CALENDAR: Calendar = utcCalendar('monday');

const calendars = new Map<string, Calendar>([[`UTC\u0000monday`, UTC_CALENDAR]]);

/**
 * The calendar of settings (cached). Throws a RangeError naming the zone when the runtime does not
 * know it; settings are checked when they are saved (src/admin/calendar-settings.ts).
 */
export function calendarOf(settings: CalendarSettings = DEFAULT_CALENDAR): Calendar {
  const key = `${settings.timeZone}\u0000${settings.weekStart}`;
  let calendar = calendars.get(key);
  if (calendar === undefined) {
    const zone = canonicalTimeZone(settings.timeZone);
    if (zone === null) throw new RangeError(`unknown time zone "${settings.timeZone}"`);
    calendar =
      zone === 'UTC' ? utcCalendar(settings.weekStart) : zonedCalendar(settings.timeZone, settings.weekStart);
    calendars.set(key, calendar);
  }
  return calendar;
}

/**
 * The starts of the buckets of a kind that begin in (fromMs, toMs), with fromMs first and toMs
 * last: [from, b₁, …, to] (the first and last bucket clipped to the period).
 */
export function calendarBoundaries(
  calendar: Calendar,
  fromMs: number,
  toMs: number,
  kind: 'day' | 'week' | 'month',
): number[] {
  const next = kind === 'day' ? calendar.nextDay : kind === 'week' ? calendar.nextWeek : calendar.nextMonth;
  const bounds = [fromMs];
  for (let b = next(fromMs); b < toMs; b = next(b)) bounds.push(b);
  bounds.push(toMs);
  return bounds;
}
