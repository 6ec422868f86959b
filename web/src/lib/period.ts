/**
 * The period every screen shows, kept in the URL (`?from=2026-03-03&to=2026-06-01&range=90d`) so
 * that a link opens the same view. Days are UTC — or, when the organisation set its calendar
 * (docs/metrics.md §1), days of its time zone: `dayStartIn` turns a day into the instant the API is
 * asked for. A period is half-open, [from, to), as in the API: `to` is the day after the last day
 * shown.
 *
 * The presets (last 30, 90 or 365 days, a calendar quarter) end at the "end day": the day after the
 * latest activity in the data, or tomorrow if that is earlier, so the default view shows data even
 * when the database holds an older history.
 */

export const RANGES = ['30d', '90d', '365d', 'quarter', 'custom'] as const;
export type RangeKey = (typeof RANGES)[number];
export const RANGE_LABELS: Record<RangeKey, string> = {
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '365d': 'Last 365 days',
  quarter: 'Quarter',
  custom: 'Custom',
};
export const DEFAULT_RANGE: RangeKey = '90d';
const PRESET_DAYS = { '30d': 30, '90d': 90, '365d': 365 } as const;
/** The API refuses periods longer than ten years. */
export const MAX_DAYS = 3660;

export interface Period {
  /** First day, YYYY-MM-DD (00:00 UTC). */
  readonly from: string;
  /** The day after the last day, YYYY-MM-DD (excluded). */
  readonly to: string;
  readonly range: RangeKey;
}

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(text: string | null | undefined): text is string {
  if (text === null || text === undefined || !DAY.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function dayOfMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOfMs(dayMs(day) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/** The end day of the presets: the day after the latest activity, at most tomorrow. */
export function endDay(lastActivity: string | null | undefined, nowMs: number): string {
  const tomorrow = dayOfMs(Math.floor(nowMs / DAY_MS) * DAY_MS + DAY_MS);
  if (lastActivity === null || lastActivity === undefined) return tomorrow;
  const after = dayOfMs(Math.floor(Date.parse(lastActivity) / DAY_MS) * DAY_MS + DAY_MS);
  return after < tomorrow ? after : tomorrow;
}

export interface Quarter {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/** The calendar quarter holding a day. */
export function quarterOf(day: string): Quarter {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const q = Math.floor((month - 1) / 3);
  const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const to = q === 3 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 4).padStart(2, '0')}-01`;
  return { from, to, label: `Q${q + 1} ${year}` };
}

/** The last `n` quarters that hold a day before `end`, the latest first. */
export function recentQuarters(end: string, n = 8): Quarter[] {
  const quarters: Quarter[] = [];
  let quarter = quarterOf(addDays(end, -1));
  for (let i = 0; i < n; i++) {
    quarters.push(quarter);
    quarter = quarterOf(addDays(quarter.from, -1));
  }
  return quarters;
}

/** A preset's period, ending at the end day. */
export function presetPeriod(range: RangeKey, end: string): Period {
  if (range === 'quarter') {
    const quarter = quarterOf(addDays(end, -1));
    return { from: quarter.from, to: quarter.to, range };
  }
  // A custom period with no dates in the URL starts as the default preset.
  const days = PRESET_DAYS[range === 'custom' ? '90d' : range];
  return { from: addDays(end, -days), to: end, range };
}

/**
 * The period of a URL: its `from` and `to` when both are valid days in order (within ten years),
 * else the preset named by `range` (default: the last 90 days) ending at the end day.
 */
export function periodFromSearch(search: URLSearchParams, end: string): Period {
  const rangeParam = search.get('range');
  const range: RangeKey = RANGES.includes(rangeParam as RangeKey) ? (rangeParam as RangeKey) : DEFAULT_RANGE;
  const from = search.get('from');
  const to = search.get('to');
  if (isDay(from) && isDay(to) && from < to && daysBetween(from, to) <= MAX_DAYS)
    return { from, to, range: rangeParam === null ? 'custom' : range };
  return presetPeriod(range, end);
}

/** The period just before, of the same length: what changes are measured against. */
export function previousPeriod(period: { from: string; to: string }): { from: string; to: string } {
  const days = daysBetween(period.from, period.to);
  return { from: addDays(period.from, -days), to: period.from };
}

/** Weekly buckets for trends up to about a year and a quarter, monthly beyond. */
export function trendBucket(period: { from: string; to: string }): 'week' | 'month' {
  return daysBetween(period.from, period.to) > 460 ? 'month' : 'week';
}

export function periodParams(period: { from: string; to: string; range?: RangeKey }): Record<string, string> {
  return period.range === undefined
    ? { from: period.from, to: period.to }
    : { from: period.from, to: period.to, range: period.range };
}

/** The UTC offset of a time zone at an instant, in milliseconds ("GMT+05:30" → 19 800 000). */
function zoneOffsetMs(format: Intl.DateTimeFormat, ms: number): number {
  const match = /GMT(?:([+\u2212-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(format.format(ms));
  if (match === null || match[1] === undefined) return 0;
  const size = ((Number(match[2]) * 60 + Number(match[3])) * 60 + Number(match[4] ?? 0)) * 1000;
  return match[1] === '+' ? size : -size;
}

/**
 * The first instant of a day in a time zone, as the API takes it: the day itself (00:00 UTC) in
 * UTC, else an ISO instant — local midnight, or the end of a DST gap when midnight is skipped (as
 * the server's calendar, src/domain/calendar.ts, starts its days).
 */
export function dayStartIn(day: string, timeZone: string | undefined): string {
  if (timeZone === undefined || timeZone === 'UTC') return day;
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const offset = (ms: number) => zoneOffsetMs(format, ms);
  const midnight = dayMs(day);
  const before = offset(midnight - 30 * 3_600_000);
  const after = offset(midnight + 30 * 3_600_000);
  const starts = [before, after].map((o) => midnight - o).filter((t) => offset(t) === midnight - t);
  if (starts.length > 0) return new Date(Math.min(...starts)).toISOString();
  // Midnight is skipped: the first instant whose local date is the day, by bisection.
  const localDay = (ms: number) => Math.floor((ms + offset(ms)) / DAY_MS);
  let lo = midnight - Math.max(before, after);
  let hi = midnight - Math.min(before, after);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(mid) >= midnight / DAY_MS) hi = mid;
    else lo = mid;
  }
  return new Date(hi).toISOString();
}
