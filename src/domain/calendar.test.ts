import { describe, expect, it } from 'vitest';
import { dayOf, isoWeekday, startOfMonthMs, startOfNextMonthMs } from './calendar.js';

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
