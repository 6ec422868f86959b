/**
 * The access policy, route by route: every path and method of the OpenAPI document is called with
 * no credentials and with viewer, editor and admin tokens, on a server that requires
 * authentication, and anonymously on a demo server; each answer must be the policy's (401 without
 * credentials where they are needed, 403 for a role too weak, anything else where allowed). The
 * walk is proven complete: the document's routes and the policy's entries are the same set, and a
 * route without an entry stops the server at start-up.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_POLICY, accessFor } from '../src/auth/access-policy.js';
import { installAuth } from '../src/auth/plugin.js';
import { hasRole, type Role } from '../src/auth/principal.js';
import { createApiToken } from '../src/auth/tokens.js';
import { MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import type { Store } from '../src/store/index.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

type App = Awaited<ReturnType<typeof buildServer>>;
type Who = 'nobody' | Role;

const ORG = [
  { kind: 'portfolio', id: 'p1', name: 'P1' },
  { kind: 'valueStream', id: 'vs1', name: 'VS1', portfolio: 'p1' },
  { kind: 'team', id: 't-a', name: 'A', valueStream: 'vs1' },
];

/** Every operation of the OpenAPI document, with its path in Fastify's spelling. */
function operations(doc: { paths: Record<string, Record<string, unknown>> }) {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({
      method: method.toUpperCase(),
      path,
      pattern: path.replace(/\{(\w+)\}/g, ':$1'),
      url: path.replace(/\{(\w+)\}/g, 'x'),
    })),
  );
}

/** Whether an answer is the access policy's refusal (not a route's own 401 or 403, e.g. a webhook's). */
function refused(response: { statusCode: number; body: string }): 401 | 403 | null {
  if (response.statusCode !== 401 && response.statusCode !== 403) return null;
  const { code, message } = JSON.parse(response.body).error as { code: string; message: string };
  if (
    response.statusCode === 401 &&
    code === 'UNAUTHENTICATED' &&
    /needs authentication|only to read/.test(message)
  )
    return 401;
  if (response.statusCode === 403 && code === 'FORBIDDEN' && /needs the \w+ role/.test(message)) return 403;
  return null;
}

async function walk(app: App, headersOf: (who: Who) => Record<string, string>, whoList: readonly Who[]) {
  const doc = (
    await app.inject({ method: 'GET', url: '/api/v1/openapi.json', headers: headersOf('admin') })
  ).json();
  const results: { method: string; pattern: string; who: Who; outcome: 401 | 403 | 'allowed' }[] = [];
  for (const op of operations(doc))
    for (const who of whoList) {
      const body = ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined;
      const response = await app.inject({
        method: op.method as 'GET',
        url: op.url,
        headers: { ...headersOf(who), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      results.push({ method: op.method, pattern: op.pattern, who, outcome: refused(response) ?? 'allowed' });
    }
  return { doc, results };
}

describeEachStore('the access policy on every route', (kind) => {
  let t: TestStore;
  let engine: MetricsEngine;
  let app: App;
  let demo: App;
  const tokens: Partial<Record<Role, string>> = {};
  beforeAll(async () => {
    t = await createTestStore(kind);
    await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', ORG)]);
    engine = await MetricsEngine.open(t.store);
    app = await buildServer({ store: t.store, engine, webRoot: null, auth: { mode: 'required' } });
    demo = await buildServer({ store: t.store, engine, webRoot: null, auth: { mode: 'demo' } });
    for (const role of ['viewer', 'editor', 'admin'] as const)
      tokens[role] = (await createApiToken(t.store, { name: `walk-${role}`, role, actor: 'test' })).token;
  });
  afterAll(async () => {
    await app.close();
    await demo.close();
    await t.database.destroy();
  });

  const headersOf = (who: Who): Record<string, string> =>
    who === 'nobody' ? {} : { authorization: `Bearer ${tokens[who]}` };

  it('the document and the policy list the same routes, so the walk covers every one', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const documented = operations(doc).map((op) => `${op.method} ${op.pattern}`);
    expect(documented.length).toBeGreaterThan(60);
    // The document itself is the one hidden route.
    const policy = Object.keys(ACCESS_POLICY).filter((key) => key !== 'GET /api/v1/openapi.json');
    expect(
      operations(doc)
        .filter((op) => accessFor(op.method, op.pattern) === undefined)
        .map((op) => `${op.method} ${op.pattern}`),
    ).toEqual([]);
    expect(policy.filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('no credentials, viewer, editor and admin: 401, 403 or allowed exactly as the policy says', async () => {
    const { results } = await walk(app, headersOf, ['nobody', 'viewer', 'editor', 'admin']);
    const wrong = results.filter((r) => {
      const access = accessFor(r.method, r.pattern);
      const expected =
        access === 'public'
          ? 'allowed'
          : r.who === 'nobody'
            ? 401
            : hasRole(r.who, access ?? 'admin')
              ? 'allowed'
              : 403;
      return r.outcome !== expected;
    });
    expect(wrong).toEqual([]);
    // Each outcome happened: the walk is not vacuous.
    const outcomes = new Set(results.map((r) => `${r.who}:${r.outcome}`));
    for (const seen of [
      'nobody:401',
      'nobody:allowed',
      'viewer:403',
      'viewer:allowed',
      'editor:403',
      'admin:allowed',
    ])
      expect(outcomes).toContain(seen);
    expect(results.length).toBe(
      4 * operations((await app.inject({ url: '/api/v1/openapi.json' })).json()).length,
    );
  });

  it('demo: anonymous visitors read every viewer route; every change and admin route answers 401', async () => {
    const { results } = await walk(demo, headersOf, ['nobody']);
    const wrong = results.filter((r) => {
      const access = accessFor(r.method, r.pattern);
      const expected = access === 'public' || access === 'viewer' ? 'allowed' : 401;
      return r.outcome !== expected;
    });
    expect(wrong).toEqual([]);
  });

  it('the OpenAPI document and health are public; an invalid bearer token is 401 with how to fix it', async () => {
    expect((await app.inject({ url: '/api/v1/openapi.json' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
    const bad = await app.inject({ url: '/api/v1/metrics', headers: { authorization: 'Bearer flw_nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.message).toContain('the bearer token is not valid');
    const basic = await app.inject({ url: '/api/v1/metrics', headers: { authorization: 'Basic YTpi' } });
    expect(basic.statusCode).toBe(401);
    expect(basic.json().error.message).toContain('is not "Bearer <token>"');
  });
});

describe('a route without a policy entry', () => {
  it('stops the server at start-up, naming the route and where to add it', async () => {
    const app = Fastify();
    installAuth(app, { mode: 'required', store: {} as Store });
    expect(() => app.get('/api/v1/forgotten/:id', async () => ({}))).toThrow(
      'the route GET /api/v1/forgotten/:id has no entry in the access policy; add "GET /api/v1/forgotten/:id" with public, viewer, editor or admin to ACCESS_POLICY in src/auth/access-policy.ts',
    );
    // Routes outside the API (the web UI's pages) need no entry.
    expect(() => app.get('/about', async () => ({}))).not.toThrow();
    await app.close();
  });
});
