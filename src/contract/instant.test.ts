import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from './instant.js';

describe('parseInstant', () => {
  it.each([
    ['2025-01-06T00:00:00Z', Date.UTC(2025, 0, 6)],
    ['2025-01-06T00:00:00.000Z', Date.UTC(2025, 0, 6)],
    ['2025-01-06T02:00:00+02:00', Date.UTC(2025, 0, 6)],
    ['2025-01-05T19:00:00-05:00', Date.UTC(2025, 0, 6)],
    ['2025-01-06T05:30+0530', Date.UTC(2025, 0, 6)],
    ['2025-01-06 00:00:00z', Date.UTC(2025, 0, 6)],
    ['2025-01-06T00:00:00.1234567Z', Date.UTC(2025, 0, 6, 0, 0, 0, 123)],
    ['2024-02-29T12:00:00Z', Date.UTC(2024, 1, 29, 12)],
    ['2025-12-31T23:59:59.999Z', Date.UTC(2025, 11, 31, 23, 59, 59, 999)],
  ])('reads %s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each([
    'yesterday',
    '2025-01-06',
    '2025-01-06T00:00:00',
    '2025-02-29T00:00:00Z',
    '2025-02-30T00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-01-06T24:00:00Z',
    '2025-01-06T00:60:00Z',
    '2025-01-06T00:00:60Z',
    '2025-01-06T00:00:00+25:00',
    '2025-01-06T0a:00:00Z',
    '',
  ])('rejects %j', (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it('agrees with Date.parse on every instant it formats, fast path and full parser alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.boolean(),
        (ms, withOffset) => {
          const iso = new Date(ms).toISOString();
          const text = withOffset ? iso.replace('Z', '+00:00') : iso;
          expect(parseInstant(text)).toBe(ms);
          expect(parseInstant(iso.replace('.', ',').replace(/,\d+Z$/, 'Z'))).toBe(
            Math.floor(ms / 1000) * 1000,
          );
          expect(formatInstant(ms)).toBe(iso);
        },
      ),
    );
  });
});
