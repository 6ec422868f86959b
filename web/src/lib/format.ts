/**
 * How the UI writes numbers. Every figure on screen is an API value passed through one of these,
 * and the browser tests format the API's values with the same functions to compare.
 *
 * - Durations (the API gives seconds): days with one decimal ("12.3 d"); under one day, hours with
 *   one decimal ("5.2 h").
 * - Ratios (efficiency, shares, change failure rate): percent with one decimal ("23.4%").
 * - Counts: whole numbers with thousands separators ("1,234"); averages (load, deployments per
 *   week) with one decimal.
 * - Instants: UTC dates ("3 Mar 2026"), with the time where it matters ("3 Mar 2026, 14:05").
 *
 * A value the API gives as null (no data) is written as an em dash.
 */

export const NONE = '—';
const DAY_S = 86_400;
const HOUR_S = 3_600;

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : count.format(value);
}

export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : oneDecimal.format(value);
}

/** A duration given in seconds: "12.3 d", or "5.2 h" under a day. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return NONE;
  if (Math.abs(seconds) < DAY_S) return `${oneDecimal.format(seconds / HOUR_S)} h`;
  return `${oneDecimal.format(seconds / DAY_S)} d`;
}

/** Seconds as days, one decimal, without a unit (chart axes and tables headed "days"). */
export function toDays(seconds: number): number {
  return Math.round((seconds / DAY_S) * 10) / 10;
}

/** A ratio (0.234) as a percentage: "23.4%". */
export function formatPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? NONE : `${oneDecimal.format(ratio * 100)}%`;
}

export function formatPerWeek(perWeek: number | null | undefined): string {
  return perWeek === null || perWeek === undefined ? NONE : `${oneDecimal.format(perWeek)}/wk`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The date of an instant in a time zone (UTC without one): a bucket of the organisation's calendar
 * (the API's `period.calendar`, docs/metrics.md §1) is labelled by its local first day.
 */
function civilDate(date: Date, timeZone?: string): { year: number; month: number; day: number } {
  if (timeZone === undefined || timeZone === 'UTC')
    return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month') - 1, day: part('day') };
}

/** An instant or a YYYY-MM-DD day as a UTC date (or a date in `timeZone`): "3 Mar 2026". */
export function formatDate(value: string | number | null | undefined, timeZone?: string): string {
  if (value === null || value === undefined) return NONE;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return NONE;
  const { year, month, day } = civilDate(date, timeZone);
  return `${day} ${months[month]} ${year}`;
}

/** An instant with its UTC time: "3 Mar 2026, 14:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return NONE;
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(value)}, ${hh}:${mm}`;
}

/** A short date for chart axes: "3 Mar". */
export function formatShortDate(value: string | number, timeZone?: string): string {
  const { month, day } = civilDate(new Date(value), timeZone);
  return `${day} ${months[month]}`;
}

/** The period [from, to) as its first and last day: "1 Mar 2026 – 31 May 2026". */
export function formatPeriod(from: string, to: string): string {
  const last = new Date(Date.parse(to) - 1);
  return `${formatDate(from)} – ${formatDate(last.toISOString())}`;
}

export type ChangeKind = 'relative' | 'points';

export interface Change {
  /** "+12%", "−3.1 pp", or "—" without a comparable previous value. */
  readonly text: string;
  /** The sign of the change: 1 up, −1 down, 0 none (or unknown). */
  readonly direction: -1 | 0 | 1;
}

const MINUS = '−';

/**
 * The change from the previous period: relative, in whole percent, for counts and durations
 * ("+12%"); in percentage points with one decimal for ratios ("−3.1 pp").
 */
export function formatChange(
  current: number | null | undefined,
  previous: number | null | undefined,
  kind: ChangeKind,
): Change {
  if (current === null || current === undefined || previous === null || previous === undefined)
    return { text: NONE, direction: 0 };
  if (kind === 'points') {
    const points = Math.round((current - previous) * 1000) / 10;
    const direction = points > 0 ? 1 : points < 0 ? -1 : 0;
    return { text: `${sign(points)}${oneDecimal.format(Math.abs(points))} pp`, direction };
  }
  if (previous === 0) return { text: NONE, direction: 0 };
  const percent = Math.round(((current - previous) / previous) * 100);
  const direction = percent > 0 ? 1 : percent < 0 ? -1 : 0;
  return { text: `${sign(percent)}${count.format(Math.abs(percent))}%`, direction };
}

function sign(value: number): string {
  return value > 0 ? '+' : value < 0 ? MINUS : '±';
}

const FLOW_TYPE_NAMES = { feature: 'Features', defect: 'Defects', risk: 'Risks', debt: 'Debt' } as const;
export function flowTypeName(type: keyof typeof FLOW_TYPE_NAMES): string {
  return FLOW_TYPE_NAMES[type];
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
