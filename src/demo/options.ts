/**
 * The demo generator's options: the seed, the scale and the day the history ends. Parsed from the
 * command line's text (`parseDemoOptions`) or checked when given as values (`resolveDemoOptions`);
 * both throw FlowlensError INVALID_ARGUMENT with a message that names the option.
 */
import { civilFromDays, DAY_MS, daysFromCivil, FlowlensError } from '../domain/index.js';

export type DemoScale = 'small' | 'large' | number;

export interface DemoOptions {
  /** Any whole number from 0 to 4294967295; the same seed gives the same organisation. */
  readonly seed: number;
  /** `small` (30,000 work items), `large` (1,000,000) or a number of work items. */
  readonly scale: DemoScale;
  /** `YYYY-MM-DD`: the history ends at 00:00 UTC of this day (exclusive). */
  readonly until: string;
}

/** Work items of the named scales. */
export const DEMO_SCALES = { small: 30_000, large: 1_000_000 } as const;
export const MAX_DEMO_ITEMS = 10_000_000;
export const DEFAULT_DEMO_SEED = 1;
/** The history covers the two years before `until`. */
export const HISTORY_YEARS = 2;

const MAX_SEED = 4_294_967_295;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The options as the generator uses them. */
export interface ResolvedDemoOptions {
  readonly seed: number;
  readonly scale: DemoScale;
  /** Work items to generate. */
  readonly items: number;
  readonly until: string;
  /** Day number (days since 1970-01-01) of `until`. */
  readonly untilDay: number;
  /** Day number of the first day of the history. */
  readonly startDay: number;
}

/** Checks options given as values. */
export function resolveDemoOptions(options: DemoOptions): ResolvedDemoOptions {
  const { seed, scale, until } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw invalid(`seed: ${String(seed)} is not a whole number from 0 to ${MAX_SEED}`);
  }
  const items = itemsOfScale(scale, 'scale');
  const untilDay = parseDay(until, 'until');
  return { seed, scale, items, until, untilDay, startDay: historyStartDay(untilDay) };
}

/** Parses the command line's `--seed`, `--scale` and `--until`; `today` is the default `until`. */
export function parseDemoOptions(
  flags: { readonly seed?: string; readonly scale?: string; readonly until?: string },
  today: string,
): ResolvedDemoOptions {
  let seed = DEFAULT_DEMO_SEED;
  if (flags.seed !== undefined) {
    const text = flags.seed.trim();
    seed = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(seed) || seed > MAX_SEED) {
      throw invalid(`--seed: "${flags.seed}" is not a whole number from 0 to ${MAX_SEED}`);
    }
  }
  let scale: DemoScale = 'small';
  if (flags.scale !== undefined) {
    const text = flags.scale.trim().toLowerCase();
    if (text === 'small' || text === 'large') scale = text;
    else if (/^\d+$/.test(text) && Number(text) >= 1) scale = Number(text);
    else throw invalid(`--scale: "${flags.scale}" is not small, large or a positive whole number`);
    itemsOfScale(scale, '--scale');
  }
  const until = flags.until ?? today;
  parseDay(until, flags.until === undefined ? 'until' : '--until');
  return resolveDemoOptions({ seed, scale, until });
}

/** The number of work items of a scale. */
export function itemsOfScale(scale: DemoScale, option = 'scale'): number {
  if (scale === 'small' || scale === 'large') return DEMO_SCALES[scale];
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 1) {
    throw invalid(`${option}: ${JSON.stringify(scale)} is not small, large or a positive whole number`);
  }
  if (scale > MAX_DEMO_ITEMS) {
    throw invalid(
      `${option}: ${scale} is more than the ${MAX_DEMO_ITEMS.toLocaleString('en-US')} work items the demo can generate`,
    );
  }
  return scale;
}

/** The day number of a `YYYY-MM-DD` date between 1972 and 9996. */
export function parseDay(text: string, option: string): number {
  const m = DATE_PATTERN.exec(typeof text === 'string' ? text : '');
  if (m !== null) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const days = daysFromCivil(year, month, day);
    const back = civilFromDays(days);
    if (back.year === year && back.month === month && back.day === day && year >= 1972 && year <= 9996) {
      return days;
    }
  }
  throw invalid(`${option}: ${JSON.stringify(text)} is not a date as YYYY-MM-DD (from 1972 to 9996)`);
}

/** The first day of the history ending on `untilDay`: the same date two years earlier (28 February for 29). */
export function historyStartDay(untilDay: number): number {
  const { year, month, day } = civilFromDays(untilDay);
  return daysFromCivil(year - HISTORY_YEARS, month, month === 2 && day === 29 ? 28 : day);
}

/** A day number as `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  const { year, month, day: date } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** The instant 00:00 UTC of a day number. */
export function dayStartMs(day: number): number {
  return day * DAY_MS;
}

function invalid(message: string): FlowlensError {
  return new FlowlensError('INVALID_ARGUMENT', message);
}
