/**
 * The demo organisation's working time. People work 08:00–16:00 UTC on weekdays, barely at
 * weekends, less in August and hardly at all over Christmas and New Year. Durations in the demo
 * are drawn in *working hours* and laid onto this calendar, so the holiday dips and the weekday,
 * working-hours timing are real in the generated timestamps rather than painted on afterwards.
 *
 * Pure: days are day numbers (days since 1970-01-01), instants epoch milliseconds.
 */
import { formatInstant } from '../contract/index.js';
import { civilFromDays, DAY_MS, isoWeekday } from '../domain/index.js';

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
/** Working hours start at 08:00 UTC and last eight hours. */
export const WORK_START_MS = 8 * HOUR_MS;
export const WORK_DAY_MS = 8 * HOUR_MS;

/** Share of a normal day's work that gets done on `day`. */
export function capacityOf(day: number): number {
  const weekday = isoWeekday(day);
  const { month, day: date } = civilFromDays(day);
  if (isChristmasBreak(month, date)) return weekday >= 5 ? 0.01 : 0.12;
  if (weekday >= 5) return 0.03;
  if (isAroundChristmas(month, date)) return 0.45;
  if (month === 8) return 0.55;
  return 1;
}

/** 24 December – 1 January. */
function isChristmasBreak(month: number, date: number): boolean {
  return (month === 12 && date >= 24) || (month === 1 && date === 1);
}

/** The days either side of the break: 19–23 December and 2–6 January. */
function isAroundChristmas(month: number, date: number): boolean {
  return (month === 12 && date >= 19) || (month === 1 && date <= 6);
}

/** The change freeze: no deployments from 19 December to 6 January. */
export function isFreezeDay(day: number): boolean {
  const { month, day: date } = civilFromDays(day);
  return (month === 12 && date >= 19) || (month === 1 && date <= 6);
}

/**
 * Conversion between wall-clock instants and cumulative working time, over a fixed range of days.
 * Working time before the range is 0; an instant after it maps to +Infinity.
 */
export class WorkCalendar {
  readonly firstDay: number;
  readonly days: number;
  private readonly capacity: Float64Array;
  /** Working milliseconds done before the start of each day (one more entry than days). */
  private readonly cumulative: Float64Array;

  constructor(firstDay: number, days: number) {
    this.firstDay = firstDay;
    this.days = days;
    this.capacity = new Float64Array(days);
    this.cumulative = new Float64Array(days + 1);
    for (let i = 0; i < days; i++) {
      const c = capacityOf(firstDay + i);
      this.capacity[i] = c;
      this.cumulative[i + 1] = (this.cumulative[i] as number) + c * WORK_DAY_MS;
    }
  }

  /** The instant after the last day of the range. */
  get endMs(): number {
    return (this.firstDay + this.days) * DAY_MS;
  }

  /** Working time done before the instant. */
  toWork(epochMs: number): number {
    const index = Math.floor(epochMs / DAY_MS) - this.firstDay;
    if (index < 0) return 0;
    if (index >= this.days) return Number.POSITIVE_INFINITY;
    const intoDay = epochMs - (index + this.firstDay) * DAY_MS - WORK_START_MS;
    const worked = intoDay <= 0 ? 0 : intoDay >= WORK_DAY_MS ? WORK_DAY_MS : intoDay;
    return (this.cumulative[index] as number) + (this.capacity[index] as number) * worked;
  }

  /** The instant at which `work` milliseconds of working time have been done (+Infinity past the range). */
  fromWork(work: number): number {
    const cumulative = this.cumulative;
    if (!(work < (cumulative[this.days] as number))) return Number.POSITIVE_INFINITY;
    if (work <= 0) return this.firstDay * DAY_MS + WORK_START_MS;
    let low = 0;
    let high = this.days - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((cumulative[middle] as number) <= work) low = middle;
      else high = middle - 1;
    }
    const into = (work - (cumulative[low] as number)) / (this.capacity[low] as number);
    return (this.firstDay + low) * DAY_MS + WORK_START_MS + into;
  }

  /** The instant `hours` working hours after `epochMs`. */
  addWorkHours(epochMs: number, hours: number): number {
    return this.fromWork(this.toWork(epochMs) + hours * HOUR_MS);
  }

  /** Total working time in [fromMs, toMs). */
  workBetween(fromMs: number, toMs: number): number {
    return this.toWork(toMs) - this.toWork(fromMs);
  }
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Formats whole-second instants as `YYYY-MM-DDTHH:MM:SS.000Z`, the same text as `formatInstant`,
 * with the date part of each day computed once: the generator formats millions of timestamps.
 */
export class InstantFormatter {
  private readonly firstDay: number;
  private readonly prefixes: string[];

  constructor(firstDay: number, days: number) {
    this.firstDay = firstDay;
    this.prefixes = new Array<string>(days);
    for (let i = 0; i < days; i++) this.prefixes[i] = formatInstant((firstDay + i) * DAY_MS).slice(0, 11);
  }

  format(epochMs: number): string {
    const day = Math.floor(epochMs / DAY_MS);
    const prefix = this.prefixes[day - this.firstDay];
    const rest = epochMs - day * DAY_MS;
    if (prefix === undefined || rest % 1000 !== 0) return formatInstant(epochMs);
    const seconds = rest / 1000;
    const hour = Math.floor(seconds / 3600);
    const minute = Math.floor((seconds - hour * 3600) / 60);
    const second = seconds - hour * 3600 - minute * 60;
    return `${prefix}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.000Z`;
  }
}
