import { describe, expect, it } from 'vitest';
import { checkHostAllowed, isPrivateAddress, nextLink, resetAtMs, retryAfterMs } from './http.js';

describe('rate-limit headers', () => {
  it('reads Retry-After as seconds or an HTTP date, and reset times as epoch seconds or ISO', () => {
    const now = Date.parse('2025-01-06T09:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 06 Jan 2025 09:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
    expect(resetAtMs('1736154060')).toBe(1_736_154_060_000);
    // Jira Cloud: "yyyy-MM-ddTHH:mmZ".
    expect(resetAtMs('2025-01-06T09:05Z')).toBe(Date.parse('2025-01-06T09:05:00Z'));
    expect(resetAtMs('')).toBeNull();
  });

  it('finds the next page in a Link header', () => {
    expect(
      nextLink(
        new Headers({
          link: '<https://api.github.com/repositories/1/issues?page=3>; rel="next", <https://api.github.com/repositories/1/issues?page=9>; rel="last"',
        }),
      ),
    ).toBe('https://api.github.com/repositories/1/issues?page=3');
    expect(nextLink(new Headers({ link: '<https://x/?page=1>; rel="prev"' }))).toBeNull();
    expect(nextLink(new Headers())).toBeNull();
  });
});

describe('network policy', () => {
  it('recognises loopback, private, link-local and unique-local addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '172.32.0.1', '140.82.112.3', '2606:4700::1111'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses localhost and private literals before any request', async () => {
    await expect(checkHostAllowed('localhost')).rejects.toThrow(/loopback, link-local or private/);
    await expect(checkHostAllowed('169.254.169.254')).rejects.toThrow(/allowPrivateNetwork: true/);
    await expect(checkHostAllowed('8.8.8.8')).resolves.toBeUndefined();
  });
});
