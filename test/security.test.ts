/**
 * The server's protections that are not about who asks: the security headers on every kind of
 * answer (API, error, the page served without a web build, whose inline style is allowed by its
 * hash and nothing else), the JSON body limit (413), and the webhooks' rate limit (503 with
 * Retry-After, never a 4xx that would make GitLab disable the hook).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/index.js';
import { CONTENT_SECURITY_POLICY } from '../src/server/security.js';
import { createTestStore, type TestStore } from './support/stores.js';

type App = Awaited<ReturnType<typeof buildServer>>;

describe('security headers, body limit and the webhooks’ rate limit', () => {
  let t: TestStore;
  let app: App;
  beforeAll(async () => {
    t = await createTestStore('sqlite');
    app = await buildServer({
      store: t.store,
      webRoot: null,
      auth: { mode: 'trusted', rateLimits: { webhooksPerSecond: 3 } },
      webhooks: { config: null, env: { FLOWLENS_WEBHOOK_SECRET_GITHUB: 'a webhook secret' } },
    });
  });
  afterAll(async () => {
    await app.close();
    await t.database.destroy();
  });

  it('every answer carries the headers; HSTS only over HTTPS', async () => {
    for (const url of ['/api/v1/health', '/api/v1/nope', '/api/v1/metrics?from=bad']) {
      const response = await app.inject({ url });
      expect(response.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.body).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)/);
    }
    // Without trustProxy, a forwarded protocol is not believed.
    const forwarded = await app.inject({ url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(forwarded.headers['strict-transport-security']).toBeUndefined();
  });

  it('the page served without a web build has exactly its own inline style allowed, by hash', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.body)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(page.headers['content-security-policy']).toBe(
      CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'sha256-${hash}'`),
    );
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('a JSON body over 1 MiB is 413 PAYLOAD_TOO_LARGE, and nothing is stored', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/annotations',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ scope: {}, at: '2025-01-01', title: 'x'.repeat(1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'the request body is too large',
    });
    expect(await t.store.db.selectFrom('annotations').selectAll().execute()).toEqual([]);
  });

  it('webhooks above their rate from one address get 503 with Retry-After', async () => {
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/webhooks/github',
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping' },
        payload: '{}',
        remoteAddress: '10.9.9.9',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await send()).statusCode);
    // Unsigned: the route's own answer, within the rate.
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await send();
    expect(limited.statusCode).toBe(503);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.json().error.message).toMatch(/^too many webhook deliveries from this address; retry in/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
