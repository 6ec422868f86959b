import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayStartIn,
  endDay,
  isDay,
  periodFromSearch,
  presetPeriod,
  previousPeriod,
  quarterOf,
  recentQuarters,
  trendBucket,
} from './period';

describe('period', () => {
  it('reads whole valid days only', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay(null)).toBe(false);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('ends the presets the day after the latest activity, at most tomorrow', () => {
    const now = Date.parse('2026-11-21T09:00:00Z');
    expect(endDay('2026-05-31T15:54:29.000Z', now)).toBe('2026-06-01');
    expect(endDay('2026-11-21T08:00:00.000Z', now)).toBe('2026-11-22');
    expect(endDay('2027-01-01T00:00:00.000Z', now)).toBe('2026-11-22');
    expect(endDay(null, now)).toBe('2026-11-22');
  });

  it('makes the presets, the quarters and the previous period', () => {
    expect(presetPeriod('30d', '2026-06-01')).toEqual({ from: '2026-05-02', to: '2026-06-01', range: '30d' });
    expect(presetPeriod('365d', '2026-06-01')).toEqual({
      from: '2025-06-01',
      to: '2026-06-01',
      range: '365d',
    });
    expect(presetPeriod('quarter', '2026-06-01')).toEqual({
      from: '2026-04-01',
      to: '2026-07-01',
      range: 'quarter',
    });
    expect(quarterOf('2026-12-31')).toEqual({ from: '2026-10-01', to: '2027-01-01', label: 'Q4 2026' });
    expect(recentQuarters('2026-04-01', 3).map((q) => q.label)).toEqual(['Q1 2026', 'Q4 2025', 'Q3 2025']);
    expect(previousPeriod({ from: '2026-03-03', to: '2026-06-01' })).toEqual({
      from: '2025-12-03',
      to: '2026-03-03',
    });
    expect(trendBucket({ from: '2025-06-01', to: '2026-06-01' })).toBe('week');
    expect(trendBucket({ from: '2024-06-01', to: '2026-06-01' })).toBe('month');
  });

  it('takes the period of a URL when it is valid, else the preset', () => {
    const read = (search: string) => periodFromSearch(new URLSearchParams(search), '2026-06-01');
    expect(read('from=2026-01-01&to=2026-02-01&range=custom')).toEqual({
      from: '2026-01-01',
      to: '2026-02-01',
      range: 'custom',
    });
    expect(read('from=2026-01-01&to=2026-02-01')).toEqual({
      from: '2026-01-01',
      to: '2026-02-01',
      range: 'custom',
    });
    expect(read('range=30d')).toEqual({ from: '2026-05-02', to: '2026-06-01', range: '30d' });
    expect(read('from=2026-02-01&to=2026-01-01')).toEqual({
      from: '2026-03-03',
      to: '2026-06-01',
      range: '90d',
    });
    expect(read('from=2000-01-01&to=2026-01-01')).toEqual({
      from: '2026-03-03',
      to: '2026-06-01',
      range: '90d',
    });
    expect(read('range=forever')).toEqual({ from: '2026-03-03', to: '2026-06-01', range: '90d' });
  });

  it("starts a day at local midnight of the organisation's time zone (UTC: the day itself)", () => {
    expect(dayStartIn('2025-03-30', undefined)).toBe('2025-03-30');
    expect(dayStartIn('2025-03-30', 'UTC')).toBe('2025-03-30');
    // Berlin: CET before 30 March, CEST after.
    expect(dayStartIn('2025-03-30', 'Europe/Berlin')).toBe('2025-03-29T23:00:00.000Z');
    expect(dayStartIn('2025-03-31', 'Europe/Berlin')).toBe('2025-03-30T22:00:00.000Z');
    expect(dayStartIn('2025-01-01', 'Asia/Kolkata')).toBe('2024-12-31T18:30:00.000Z');
    expect(dayStartIn('2025-04-06', 'Pacific/Chatham')).toBe('2025-04-05T10:15:00.000Z');
    // Santiago skips midnight when DST starts: the day starts at 01:00 (-03:00).
    expect(dayStartIn('2025-09-07', 'America/Santiago')).toBe('2025-09-07T04:00:00.000Z');
  });
});
