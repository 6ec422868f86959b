import { describe, expect, it } from 'vitest';
import {
  formatChange,
  formatCount,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatDuration,
  formatPercent,
  formatPeriod,
  formatPerWeek,
  formatShortDate,
  NONE,
} from './format';

describe('format', () => {
  it('writes durations in days with one decimal, under a day in hours', () => {
    expect(formatDuration(432_000)).toBe('5.0 d');
    expect(formatDuration(86_400 * 12.34)).toBe('12.3 d');
    expect(formatDuration(86_400 * 1234.56)).toBe('1,234.6 d');
    expect(formatDuration(86_399)).toBe('24.0 h');
    expect(formatDuration(5400)).toBe('1.5 h');
    expect(formatDuration(0)).toBe('0.0 h');
    expect(formatDuration(null)).toBe(NONE);
  });

  it('writes ratios as percentages with one decimal, counts with separators', () => {
    expect(formatPercent(0.23)).toBe('23.0%');
    expect(formatPercent(0.0814)).toBe('8.1%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(null)).toBe(NONE);
    expect(formatCount(30_000)).toBe('30,000');
    expect(formatDecimal(17.44)).toBe('17.4');
    expect(formatPerWeek(2.85)).toBe('2.9/wk');
  });

  it('writes UTC dates, and a half-open period as its first and last day', () => {
    expect(formatDate('2026-03-03T23:30:00.000Z')).toBe('3 Mar 2026');
    expect(formatDate('2026-03-03')).toBe('3 Mar 2026');
    expect(formatDateTime('2026-03-03T04:05:00.000Z')).toBe('3 Mar 2026, 04:05');
    expect(formatPeriod('2026-03-03', '2026-06-01')).toBe('3 Mar 2026 – 31 May 2026');
  });

  it("labels a bucket of the organisation's calendar by its local first day", () => {
    // Sunday 30 March 2025 00:00 in Berlin (CET) is 23:00 UTC the day before.
    expect(formatDate('2025-03-29T23:00:00.000Z')).toBe('29 Mar 2025');
    expect(formatDate('2025-03-29T23:00:00.000Z', 'Europe/Berlin')).toBe('30 Mar 2025');
    expect(formatShortDate('2025-10-25T22:00:00.000Z', 'Europe/Berlin')).toBe('26 Oct');
    expect(formatShortDate('2025-10-25T22:00:00.000Z', 'UTC')).toBe('25 Oct');
    expect(formatDate('2025-04-05T13:00:00.000Z', 'Australia/Sydney')).toBe('6 Apr 2025');
  });

  it('writes changes relative for counts and durations, in points for ratios', () => {
    expect(formatChange(110, 100, 'relative')).toEqual({ text: '+10%', direction: 1 });
    expect(formatChange(90, 100, 'relative')).toEqual({ text: '−10%', direction: -1 });
    expect(formatChange(100, 100, 'relative')).toEqual({ text: '±0%', direction: 0 });
    expect(formatChange(5, 0, 'relative')).toEqual({ text: NONE, direction: 0 });
    expect(formatChange(0.25, 0.2, 'points')).toEqual({ text: '+5.0 pp', direction: 1 });
    expect(formatChange(0.2, 0.231, 'points')).toEqual({ text: '−3.1 pp', direction: -1 });
    expect(formatChange(null, 0.2, 'points')).toEqual({ text: NONE, direction: 0 });
  });
});
