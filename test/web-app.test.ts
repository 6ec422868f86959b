/**
 * The web UI as the server serves it (src/server/web-app.ts), on a build folder made here: the
 * app at `/` and at every client route, hashed assets cached for a year and index.html revalidated,
 * gzip for clients that take it, ETags, a rebuild picked up without a restart; unknown API paths
 * and missing assets stay JSON 404s; without a build, `/` explains the API.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/index.js';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE } from '../src/server/web-app.js';
import { createTestDatabase, type TestDatabase } from './support/stores.js';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('flowlens '.repeat(200))});`;

describe('the web UI at /', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let root: string;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    root = join(db.dir, 'web');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'index-abc123.js'), SCRIPT);
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await buildServer({ auth: { mode: 'trusted' }, store: await db.open(), webRoot: root });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('serves index.html at / and at client routes, revalidated on each load', async () => {
    for (const url of [
      '/',
      '/teams/t-payments-api',
      '/items/jira%3ASHOP/SHOP-1?from=2026-01-01&to=2026-02-01',
      '/compare',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe(REVALIDATE_CACHE);
      expect(response.body).toBe(INDEX);
    }
  });

  it('caches hashed assets for a year, gzips them for clients that accept it, and answers 304 to a known ETag', async () => {
    const plain = await get('/assets/index-abc123.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    const gzipped = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, br' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(SCRIPT);
    expect(gzipped.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/assets/index-abc123.js', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const icon = await get('/favicon.svg');
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe(REVALIDATE_CACHE);
  });

  it('keeps unknown API paths and missing files as JSON 404s', async () => {
    for (const url of ['/api/v1/nope', '/api/v2/metrics', '/api', '/assets/index-old999.js', '/robots.txt']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    const post = await app.inject({ method: 'POST', url: '/api/v1/nope' });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('NOT_FOUND');
    // The API itself is unchanged.
    expect((await get('/api/v1/health')).json().status).toBe('ok');
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/teams/t-ledger' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe('');
  });

  it('serves a rebuild without a restart', async () => {
    const rebuilt = INDEX.replace('abc123', 'def456');
    writeFileSync(join(root, 'index.html'), rebuilt);
    writeFileSync(join(root, 'assets', 'index-def456.js'), SCRIPT);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'index.html'), later, later);
    expect((await get('/teams/t-ledger')).body).toBe(rebuilt);
    expect((await get('/assets/index-def456.js')).statusCode).toBe(200);
  });
});

describe('without a web build', () => {
  it('serves the page that explains the API at /, and no client routes', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const app = await buildServer({ auth: { mode: 'trusted' }, store: await db.open(), webRoot: null });
      const home = await app.inject({ method: 'GET', url: '/' });
      expect(home.statusCode).toBe(200);
      expect(home.body).toMatch(/npm run build/);
      expect(home.body).toMatch(/openapi\.json/);
      const route = await app.inject({ method: 'GET', url: '/teams/t-ledger' });
      expect(route.statusCode).toBe(404);
      expect(route.json().error.code).toBe('NOT_FOUND');
      await app.close();
    } finally {
      await db.destroy();
    }
  });
});
