/**
 * Hostile input to the JSON API (../shared/docs/hostile-input.md case 38, SQL injection, and the
 * issue's extras): malformed, huge and deeply nested JSON bodies on every JSON route of the OpenAPI
 * document; SQL and JavaScript injection in every query parameter of every GET route and in the
 * free-text fields of records and editor bodies (stored and returned verbatim, never executed);
 * sort and group parameters allowlisted; path traversal against the item route and the static web
 * app; invalid UTF-8 in a JSON body.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsEngine } from '../../src/engine/index.js';
import { buildServer } from '../../src/server/index.js';
import { count } from '../support/connectors.js';
import { createTestDatabase, describeEachStore, type TestDatabase } from '../support/stores.js';

const SRC = 'jira:hostile';
const SQL_INJECTIONS = [
  '1;DROP TABLE work_items',
  'title desc;--',
  '(select count(*) from work_items)',
  "' OR '1'='1",
  "x'); DELETE FROM transitions; --",
  '1 UNION SELECT name FROM sqlite_master',
  '$$; DROP TABLE work_items; $$',
];
const JS_INJECTIONS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror=window.__xss=1>',
  'javascript:alert(1)',
  '{{constructor.constructor("return process")().exit()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template injection, on purpose
  '${process.exit(1)}',
  '__proto__',
];
const HOSTILE = [...SQL_INJECTIONS, ...JS_INJECTIONS];

const RECORDS = [
  { kind: 'portfolio', id: 'p-1', name: "Core'; DROP TABLE portfolios;--" },
  {
    kind: 'valueStream',
    id: 'vs-1',
    name: '<b>Payments</b><script>window.__xss=1</script>',
    portfolio: 'p-1',
  },
  { kind: 'team', id: 't-1', name: '<img src=x onerror=window.__xss=1>', valueStream: 'vs-1' },
  {
    kind: 'mapping',
    source: SRC,
    statuses: {
      Open: { stage: 'create', state: 'waiting' },
      "Done'; DROP TABLE transitions;--": { stage: 'release', state: 'done' },
    },
    types: { Story: 'feature' },
  },
  ...HOSTILE.map((title, i) => ({
    kind: 'workItem',
    source: SRC,
    id: `H-${i}`,
    type: 'Story',
    status: 'Open',
    team: 't-1',
    title,
    url: i % 2 === 0 ? 'javascript:alert(1)' : 'https://example.com/ok',
    labels: [title],
    createdAt: '2025-01-06T09:00:00Z',
  })),
  {
    kind: 'transition',
    source: SRC,
    item: 'H-0',
    at: '2025-01-08T09:00:00Z',
    from: 'Open',
    to: "Done'; DROP TABLE transitions;--",
  },
];

describeEachStore('hostile input to the API', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let engine: MetricsEngine;
  let openapi: {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
          requestBody?: { content?: Record<string, unknown> };
        }
      >
    >;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const store = await database.open();
    engine = await MetricsEngine.open(store);
    app = await buildServer({
      store,
      engine,
      webRoot: null,
      auth: { mode: 'trusted' },
      now: () => Date.parse('2025-02-01T00:00:00Z'),
    });
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: RECORDS.map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().files[0].rejected, JSON.stringify(imported.json().files[0].errors)).toBe(0);
    openapi = (await app.inject({ url: '/api/v1/openapi.json' })).json();
  });
  afterAll(async () => {
    await app.close();
    await engine.close();
    await database.destroy();
  });

  const jsonRoutes = () =>
    Object.entries(openapi.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(
          ([method, op]) =>
            ['post', 'put', 'patch'].includes(method) &&
            op.requestBody?.content?.['application/json'] !== undefined,
        )
        .filter(() => !path.includes('/webhooks/') && path !== '/api/v1/import')
        .map(([method]) => ({ method: method.toUpperCase() as 'POST' | 'PUT' | 'PATCH', url: fill(path) })),
    );
  const fill = (path: string) => path.replace(/\{[^}]+\}/g, 'x');

  it('extra: malformed JSON on every JSON route gets 400 naming the JSON, never 500', async () => {
    const routes = jsonRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      for (const body of ['{"name": ', '{name: 1}', "{'a': 1}", '[1,]', '\u0000']) {
        const response = await app.inject({
          ...route,
          headers: { 'content-type': 'application/json' },
          payload: body,
        });
        expect(response.statusCode, `${route.method} ${route.url} ${body}`).toBe(400);
        expect(response.json().error.code).toBe('INVALID_ARGUMENT');
        expect(response.json().error.message).toMatch(/JSON/);
      }
    }
  });

  it('extra: a huge JSON body gets 413 and a deeply nested one 400 or 413, on every JSON route', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const route of jsonRoutes()) {
      const big = await app.inject({
        ...route,
        headers: { 'content-type': 'application/json' },
        payload: huge,
      });
      expect(big.statusCode, `${route.method} ${route.url}`).toBe(413);
      expect(big.json().error).toEqual({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'the request body is too large',
      });
      const deep = await app.inject({
        ...route,
        headers: { 'content-type': 'application/json' },
        payload: nested,
      });
      expect([400, 413], `${route.method} ${route.url}: ${deep.body.slice(0, 200)}`).toContain(
        deep.statusCode,
      );
    }
  });

  it('extra: invalid UTF-8 in a JSON body gets 400 or is stored with replacement characters, never 500', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"scope":{"team":"t-1"},"at":"2025-01-10","title":"bad '),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/annotations',
      headers: { 'content-type': 'application/json' },
      payload: bytes,
    });
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (response.statusCode < 300)
      expect(response.json().title ?? JSON.stringify(response.json())).toContain('\ufffd');
  });

  it('case 38 (SQL injection): every query parameter of every GET route with injected values: 400, 404 or a plain answer, never 500', async () => {
    let requests = 0;
    for (const [path, methods] of Object.entries(openapi.paths)) {
      const get = methods.get;
      if (get === undefined || path.includes('openapi')) continue;
      const query = (get.parameters ?? []).filter((p) => p.in === 'query');
      const params = (get.parameters ?? []).filter((p) => p.in === 'path');
      for (const value of HOSTILE) {
        // The path parameters themselves…
        if (params.length > 0) {
          const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
          const response = await app.inject({ url });
          requests++;
          expect([200, 400, 404], `GET ${url}: ${response.body.slice(0, 200)}`).toContain(
            response.statusCode,
          );
        }
        // …and each query parameter in turn.
        for (const parameter of query) {
          const url = `${fill(path)}?${new URLSearchParams({ [parameter.name]: value })}`;
          const response = await app.inject({ url });
          requests++;
          expect([200, 400, 404], `GET ${url}: ${response.body.slice(0, 200)}`).toContain(
            response.statusCode,
          );
          if (response.statusCode >= 400) expect(response.json().error.message.length).toBeGreaterThan(0);
        }
      }
    }
    expect(requests).toBeGreaterThan(100);
    // Nothing was executed: every table and row is still there.
    expect(await count(await database.open(), 'work_items')).toBe(HOSTILE.length);
    expect(await count(await database.open(), 'transitions')).toBe(1);
  });

  it('case 38 (SQL injection): team=1;DROP TABLE x, sort=title desc;-- and groupBy=(select…) get 400; sort and group fields are allowlisted', async () => {
    for (const url of [
      '/api/v1/metrics?team=1;DROP TABLE x',
      '/api/v1/items?sort=title desc;--',
      '/api/v1/items?sort=(select 1)',
      '/api/v1/items?order=asc;--',
      '/api/v1/metrics/trend?bucket=(select 1)',
    ]) {
      const response = await app.inject({ url: url.replace(/ /g, '%20') });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe('INVALID_ARGUMENT');
    }
    // Every parameter that names a field or a direction to sort or group by is a closed list.
    const open: string[] = [];
    for (const [path, methods] of Object.entries(openapi.paths))
      for (const operation of Object.values(methods))
        for (const p of operation.parameters ?? [])
          if (
            /^(sort|order|orderBy|groupBy|group|bucket|direction)$/i.test(p.name) &&
            p.schema?.enum === undefined
          )
            open.push(`${path} ${p.name}`);
    expect(open).toEqual([]);
  });

  it('case 38 (SQL injection): free text is stored and returned verbatim, never executed', async () => {
    const list = await app.inject({ url: '/api/v1/items?limit=100&team=t-1' });
    expect(list.statusCode, list.body).toBe(200);
    const titles = (list.json().items as { title: string }[]).map((i) => i.title).sort();
    expect(titles).toEqual([...HOSTILE].sort());
    // Searching for the injected text finds the item that holds it, and not every item.
    for (let i = 0; i < HOSTILE.length; i++) {
      const found = await app.inject({
        url: `/api/v1/items?limit=100&${new URLSearchParams({ q: HOSTILE[i]! })}`,
      });
      expect(found.statusCode, found.body).toBe(200);
      const ids = (found.json().items as { id: string }[]).map((item) => item.id);
      expect(ids).toContain(`H-${i}`);
      expect(ids.length, HOSTILE[i]).toBeLessThan(HOSTILE.length);
    }
    for (let i = 0; i < HOSTILE.length; i++) {
      const response = await app.inject({ url: `/api/v1/items/${encodeURIComponent(SRC)}/H-${i}` });
      expect(response.statusCode).toBe(200);
      expect(response.json().item).toMatchObject({ title: HOSTILE[i], labels: [HOSTILE[i]] });
    }
    expect(
      (await app.inject({ url: `/api/v1/items/${encodeURIComponent(SRC)}/H-0` })).json().history,
    ).toMatchObject([
      { at: '2025-01-08T09:00:00.000Z', from: 'Open', to: "Done'; DROP TABLE transitions;--" },
    ]);
    const org = (await app.inject({ url: '/api/v1/org' })).body;
    expect(org).toContain(JSON.stringify("Core'; DROP TABLE portfolios;--"));
    expect(org).toContain(JSON.stringify('<img src=x onerror=window.__xss=1>'));
    // JSON answers are never HTML: the browser does not sniff them.
    expect((await app.inject({ url: '/api/v1/org' })).headers['content-type']).toMatch(/^application\/json/);
  });

  it('case 38 (SQL injection): injected text in an editor body is stored verbatim', async () => {
    const text = "x'); DROP TABLE annotations; -- <script>window.__xss=1</script>";
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/annotations',
      payload: { scope: { team: 't-1' }, at: '2025-01-10', title: text, description: text },
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    const listed = await app.inject({ url: '/api/v1/annotations?team=t-1' });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.body).toContain(JSON.stringify(text));
  });

  it('extra: path traversal in the item route is a JSON 404', async () => {
    for (const url of [
      '/api/v1/items/..%2F..%2Fetc/passwd',
      '/api/v1/items/%2e%2e/%2e%2e%2fetc%2fpasswd',
      `/api/v1/items/${encodeURIComponent(SRC)}/..%2F..%2F..%2Fetc%2Fpasswd`,
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
      expect(response.body).not.toContain('root:');
    }
  });
});

describe('path traversal in the static web app', () => {
  let root: string;
  let app: FastifyInstance;
  let database: TestDatabase;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'flowlens-hostile-web-'));
    mkdirSync(join(root, 'web', 'assets'), { recursive: true });
    writeFileSync(
      join(root, 'web', 'index.html'),
      '<!doctype html><title>Flowlens</title><div id="root"></div>',
    );
    writeFileSync(join(root, 'web', 'assets', 'app-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE-THE-WEB-ROOT');
    database = await createTestDatabase('sqlite');
    app = await buildServer({
      store: await database.open(),
      webRoot: join(root, 'web'),
      auth: { mode: 'trusted' },
    });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  it('extra: /../../etc/passwd, %2e%2e and encoded slashes never reach a file outside the build', async () => {
    for (const url of [
      '/../../etc/passwd',
      '/../secret.txt',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5c..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/assets/../../secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/\u0000/secret.txt',
    ]) {
      const response = await app.inject({ url });
      expect(response.body, url).not.toContain('TOP-SECRET');
      expect(response.body, url).not.toContain('root:');
      // Either a 4xx, or the app's own page (a path without a file extension is a screen).
      if (response.statusCode === 200) expect(response.body, url).toContain('<div id="root">');
      else expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    // The real files are still served.
    expect((await app.inject({ url: '/assets/app-abc123.js' })).body).toBe('console.log(1)');
  });
});
