/**
 * Calendar arithmetic in UTC without the Date object (the pure core has no clock and no time-zone
 * state): day numbers, ISO weeks and calendar months (docs/metrics.md §1).
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
