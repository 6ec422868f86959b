/**
 * Value-stream access (docs/security.md, "Value-stream access") on both stores, through real API
 * tokens: a token restricted to value stream "vs-alpha" is compared, route by route, with an
 * unrestricted admin's. Every route of the OpenAPI document that takes a scope or an id must be in
 * this file's visibility table (a new route without a decision fails the walk). Everything outside
 * vs-alpha carries the word "bravo" in its id, name or title, so that any answer a restricted
 * principal gets can be searched for a leak. Covered: metrics-type reads (no scope = the value
 * stream; its teams allowed; other value streams, portfolios, teams outside and unknown ids the
 * same 404), a team that moved in (counted only from its move), the item of another value stream
 * (404, BOLA), the organisation, roles and network (filtered), and a restricted editor's writes
 * (outside: 404; spanning value streams: 403).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/tokens.js';
import { MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6);
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const day = (days: number) => at(days).slice(0, 10);
const NOW = T0 + 40 * DAY;
const SRC = 'github:acme/shop';
const ENC = encodeURIComponent(SRC);
const PERIOD = `from=${day(0)}&to=${day(30)}`;
/** The move of t-mover from vs-bravo into vs-alpha. */
const MOVE_DAY = 10;

const item = (
  id: string,
  team: string,
  start: number,
  done: number | null,
  title: string,
  parent?: string,
) => [
  {
    kind: 'workItem',
    source: SRC,
    id,
    type: 'bug',
    status: done === null ? 'doing' : 'done',
    createdAt: at(0),
    team,
    title,
    ...(parent === undefined ? {} : { parent }),
  },
  { kind: 'transition', source: SRC, item: id, at: at(start), from: 'todo', to: 'doing' },
  ...(done === null
    ? []
    : [{ kind: 'transition', source: SRC, item: id, at: at(done), from: 'doing', to: 'done' }]),
];
const deployment = (id: string, service: string, days: number, changes: string[] = []) => ({
  kind: 'deployment',
  source: SRC,
  id,
  service,
  environment: 'production',
  at: at(days),
  status: 'success',
  ...(changes.length === 0 ? {} : { changes }),
});
/** A change naming item A-2: changes link to items by id alone, so another repository's may too. */
const change = (source: string, id: string, repository: string) => ({
  kind: 'change',
  source,
  id,
  createdAt: at(7),
  items: ['A-2'],
  repository,
});

const ORG = [
  { kind: 'portfolio', id: 'pf-bravo', name: 'Bravo holdings' },
  { kind: 'valueStream', id: 'vs-alpha', name: 'Alpha', portfolio: 'pf-bravo' },
  { kind: 'valueStream', id: 'vs-bravo', name: 'Bravo', portfolio: 'pf-bravo' },
  { kind: 'team', id: 't-alpha1', name: 'Alpha one', valueStream: 'vs-alpha' },
  { kind: 'team', id: 't-alpha2', name: 'Alpha two', valueStream: 'vs-alpha' },
  { kind: 'team', id: 't-bravo1', name: 'Bravo one', valueStream: 'vs-bravo' },
  { kind: 'team', id: 't-mover', name: 'Mover', valueStream: 'vs-bravo' },
  { kind: 'service', id: 'svc-alpha1', team: 't-alpha1', name: 'Alpha API', repository: 'acme/alpha-repo' },
  { kind: 'service', id: 'svc-bravo1', team: 't-bravo1', name: 'Bravo API', repository: 'acme/bravo-repo' },
  { kind: 'person', id: 'p-alice', name: 'Alice' },
  { kind: 'person', id: 'p-bravo-bob', name: 'Bob Bravo' },
  { kind: 'person', id: 'p-carol', name: 'Carol' },
  { kind: 'role', person: 'p-alice', role: 'product-manager', valueStream: 'vs-alpha' },
  { kind: 'role', person: 'p-bravo-bob', role: 'product-owner', team: 't-bravo1' },
  { kind: 'role', person: 'p-carol', role: 'product-owner', team: 't-alpha1' },
  { kind: 'role', person: 'p-carol', role: 'product-owner', team: 't-bravo1' },
  {
    kind: 'mapping',
    source: SRC,
    statuses: {
      todo: { stage: 'create', state: 'waiting' },
      doing: { stage: 'create', state: 'active' },
      done: { stage: 'release', state: 'done' },
    },
    types: { bug: 'defect' },
  },
  // An epic of t-alpha1 whose children are in both value streams (so the teams depend on each other).
  {
    kind: 'workItem',
    source: SRC,
    id: 'EPIC-A',
    type: 'bug',
    status: 'todo',
    createdAt: at(0),
    team: 't-alpha1',
    title: 'Alpha epic',
  },
  ...item('A-1', 't-alpha1', 1, 4, 'Alpha checkout', 'EPIC-A'),
  ...item('A-2', 't-alpha1', 2, 9, 'Alpha search'),
  ...item('A-3', 't-alpha2', 3, 12, 'Alpha cart'),
  ...item('A-4', 't-alpha2', 5, null, 'Alpha wishlist'),
  ...item('BRAVO-1', 't-bravo1', 1, 6, 'Bravo secret one', 'EPIC-A'),
  ...item('BRAVO-2', 't-bravo1', 4, 14, 'Bravo secret two'),
  ...item('BRAVO-3', 't-bravo1', 6, null, 'Bravo secret three'),
  // t-mover: one item done while it was in vs-bravo, one after it moved into vs-alpha.
  ...item('MOVE-BRAVO', 't-mover', 2, 5, 'Bravo-era work'),
  ...item('MOVE-1', 't-mover', 11, 16, 'Mover work in alpha'),
  deployment('dep-alpha-1', 'svc-alpha1', 4),
  deployment('dep-alpha-2', 'svc-alpha1', 9, ['chg-alpha']),
  deployment('dep-bravo-1', 'svc-bravo1', 8, ['chg-bravo']),
  change('github:acme/alpha-repo', 'chg-alpha', 'acme/alpha-repo'),
  change('github:acme/alpha-repo', 'chg-alpha-open', 'acme/alpha-repo'),
  change('github:acme/bravo-repo', 'chg-bravo', 'acme/bravo-repo'),
  change('github:acme/bravo-repo', 'chg-bravo-open', 'acme/bravo-repo'),
];

/** Every operation of the OpenAPI document, with its path in Fastify's spelling and its parameters. */
function operations(doc: {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
}) {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
      parameters: (op.parameters ?? []).map((p) => `${p.in}:${p.name}`),
    })),
  );
}

/**
 * How each route treats a principal restricted to a value stream. `scope`: a metrics-type read
 * (tested generically below); `id`: reads or writes one thing by id (404 outside); `org`: a filtered
 * organisation read; `write`: a write checked against the value stream; `refused`: 403 for a
 * restricted principal (spans value streams); `unscoped`: holds no value stream's data (accounts,
 * tokens, sign-in, webhooks with their own signatures, the audit trail for admins).
 */
const VISIBILITY: Record<string, 'scope' | 'id' | 'org' | 'write' | 'refused' | 'unscoped'> = {
  'GET /api/v1/metrics': 'scope',
  'GET /api/v1/metrics/series': 'scope',
  'GET /api/v1/metrics/trend': 'scope',
  'GET /api/v1/metrics/statuses': 'scope',
  'GET /api/v1/metrics/completed': 'scope',
  'GET /api/v1/metrics/predictability': 'scope',
  'GET /api/v1/items': 'scope',
  'GET /api/v1/data-quality/items': 'scope',
  'GET /api/v1/forecast/when': 'scope',
  'GET /api/v1/forecast/how-many': 'scope',
  'GET /api/v1/annotations': 'scope',
  'GET /api/v1/insights': 'scope',
  'GET /api/v1/extent': 'org',
  'GET /api/v1/items/:source/:id': 'id',
  'GET /api/v1/annotations/:id/impact': 'id',
  'DELETE /api/v1/annotations/:id': 'id',
  'POST /api/v1/annotations': 'write',
  'PUT /api/v1/teams/:team/allocation-target': 'id',
  'GET /api/v1/org': 'org',
  'GET /api/v1/org/model': 'org',
  'GET /api/v1/org/teams/:id': 'id',
  'GET /api/v1/roles': 'org',
  'GET /api/v1/roles/assignments': 'org',
  'GET /api/v1/roles/network': 'org',
  'GET /api/v1/roles/settings': 'org',
  'PUT /api/v1/roles/settings': 'refused',
  'GET /api/v1/settings/calendar': 'org',
  'PUT /api/v1/settings/calendar': 'refused',
  'POST /api/v1/roles/assignments': 'write',
  'PATCH /api/v1/roles/assignments/:id': 'id',
  'DELETE /api/v1/roles/assignments/:id': 'id',
  'POST /api/v1/org/portfolios': 'refused',
  'PATCH /api/v1/org/portfolios/:id': 'id',
  'POST /api/v1/org/value-streams': 'refused',
  'PATCH /api/v1/org/value-streams/:id': 'id',
  'POST /api/v1/org/teams': 'write',
  'PATCH /api/v1/org/teams/:id': 'id',
  'POST /api/v1/org/services': 'write',
  'PATCH /api/v1/org/services/:id': 'id',
  'POST /api/v1/org/products': 'write',
  'PATCH /api/v1/org/products/:id': 'id',
  'POST /api/v1/org/people': 'write',
  'PATCH /api/v1/org/people/:id': 'id',
  'GET /api/v1/mappings': 'refused',
  'GET /api/v1/mappings/jobs': 'refused',
  'GET /api/v1/mappings/jobs/:id': 'refused',
  'GET /api/v1/mappings/:source': 'refused',
  'GET /api/v1/mappings/:source/versions': 'refused',
  'POST /api/v1/mappings/:source/preview': 'refused',
  'PUT /api/v1/mappings/:source': 'refused',
  'DELETE /api/v1/mappings/:source/overrides/:team': 'refused',
  'POST /api/v1/mappings/:source/versions/:version/restore': 'refused',
  'POST /api/v1/import': 'refused',
  // Improvement items (src/server/improvement-routes.ts): listed for the value stream's current
  // teams, made from its insights, changed when of one of its teams.
  'GET /api/v1/improvements': 'org',
  // The trackers of flowlens.yaml: sources and projects of every value stream.
  'GET /api/v1/improvements/trackers': 'refused',
  'POST /api/v1/improvements': 'write',
  'PATCH /api/v1/improvements/:id': 'id',
  'GET /api/v1/health': 'unscoped',
  'POST /api/v1/webhooks/github': 'unscoped',
  'POST /api/v1/webhooks/gitlab': 'unscoped',
  'POST /api/v1/webhooks/jira': 'unscoped',
  // Kept webhook deliveries and their replay: admins only, like the audit trail (an admin restricted
  // to a value stream is refused, test/webhook-replay.test.ts).
  'GET /api/v1/webhooks/deliveries': 'unscoped',
  'POST /api/v1/webhooks/deliveries/:id/replay': 'unscoped',
};

/** Routes of accounts, tokens, sign-in and the audit trail: admin-only or about the caller, no value stream's data. */
const UNSCOPED_PREFIXES = [
  '/api/v1/users',
  '/api/v1/tokens',
  '/api/v1/session',
  '/api/v1/auth/',
  '/api/v1/audit',
  '/api/v1/webhooks/deliveries',
];

/** The query each metrics-type route needs besides its scope. */
const REQUIRED_QUERY: Record<string, string> = {
  '/api/v1/metrics': PERIOD,
  '/api/v1/metrics/series': PERIOD,
  '/api/v1/metrics/trend': PERIOD,
  '/api/v1/metrics/statuses': PERIOD,
  '/api/v1/metrics/completed': PERIOD,
  '/api/v1/metrics/predictability': PERIOD,
  '/api/v1/items': '',
  '/api/v1/data-quality/items': '',
  '/api/v1/forecast/when': `items=3&from=${day(30)}&historyDays=30`,
  '/api/v1/forecast/how-many': `by=${day(40)}&from=${day(30)}&historyDays=30`,
  '/api/v1/annotations': '',
  '/api/v1/insights': `to=${day(30)}&periodDays=14&baselinePeriods=1`,
};

describeEachStore('value-stream access', (kind) => {
  let t: TestStore;
  let app: FastifyInstance;
  const tokens = { admin: '', viewer: '', editor: '', other: '' };
  let bobAssignment = '';

  const call = (
    who: keyof typeof tokens,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url: url.startsWith('/api/') ? url : `/api/v1${url}`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload === undefined ? {} : { payload }),
    });
  const json = async (who: keyof typeof tokens, url: string) => {
    const response = await call(who, 'GET', url);
    expect(response.statusCode, `${who} GET ${url}: ${response.body}`).toBe(200);
    return response.json();
  };
  /** A 404 NOT_FOUND; its message with the asked id replaced, to compare with another's. */
  const notFound = (response: LightMyRequestResponse, id: string) => {
    expect(response.statusCode, response.body).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
    return (response.json().error.message as string).split(id).join('<id>');
  };
  const forbidden = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    expect(response.json().error.message).toMatch(/restricted to value stream "vs-alpha"/);
  };
  const noLeak = (what: string, body: string) => expect(body.toLowerCase(), what).not.toContain('bravo');

  beforeAll(async () => {
    t = await createTestStore(kind);
    const summary = await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', ORG)]);
    expect(summary.totals.rejected, JSON.stringify(summary.files[0]?.errors)).toBe(0);
    app = await buildServer({
      store: t.store,
      engine: await MetricsEngine.open(t.store, { now: () => NOW }),
      webRoot: null,
      now: () => NOW,
      auth: { mode: 'required' },
    });
    const token = async (name: string, role: 'viewer' | 'editor' | 'admin', valueStream: string | null) =>
      (await createApiToken(t.store, { name, role, valueStream, actor: 'test', now: NOW - DAY })).token;
    tokens.admin = await token('admin', 'admin', null);
    tokens.viewer = await token('alpha-viewer', 'viewer', 'vs-alpha');
    tokens.editor = await token('alpha-editor', 'editor', 'vs-alpha');
    tokens.other = await token('bravo-viewer', 'viewer', 'vs-bravo');
    // t-mover joins vs-alpha on day 10; annotations on each kind of scope; a low overload limit.
    const moved = await call('admin', 'PATCH', '/org/teams/t-mover', {
      parent: 'vs-alpha',
      effectiveAt: at(MOVE_DAY),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    for (const [scope, title] of [
      [{ valueStream: 'vs-alpha' }, 'Alpha kickoff'],
      [{ team: 't-alpha1' }, 'Alpha one pairing'],
      [{ team: 't-bravo1' }, 'Bravo note'],
      [{}, 'Company-wide bravo freeze'],
      [{ portfolio: 'pf-bravo' }, 'Portfolio bravo review'],
    ] as const) {
      const created = await call('admin', 'POST', '/annotations', { scope, at: at(8), title });
      expect(created.statusCode, created.body).toBe(201);
    }
    expect((await call('admin', 'PUT', '/roles/settings', { maxTeams: 1 })).statusCode).toBe(200);
    const all = await json('admin', '/roles/assignments');
    bobAssignment = all.assignments.find((a: { person: string }) => a.person === 'p-bravo-bob').id;
  });
  afterAll(async () => {
    await app?.close();
    await t?.database.destroy();
  });

  it('every documented route that takes a scope or an id has a visibility decision', async () => {
    const doc = await json('admin', '/openapi.json');
    const ops = operations(doc);
    const undecided = ops
      .filter((op) => VISIBILITY[op.key] === undefined)
      .filter((op) => !UNSCOPED_PREFIXES.some((prefix) => op.key.split(' ')[1]?.startsWith(prefix)))
      .filter(
        (op) =>
          op.key.startsWith('GET ') ||
          op.key.includes('/:') ||
          op.parameters.some((p) =>
            /^(query|path):(team|valueStream|value-stream|portfolio|id|source)$/.test(p),
          ),
      )
      .map((op) => op.key);
    expect(undecided, 'add these routes to VISIBILITY (and scope them in src/server/visibility.ts)').toEqual(
      [],
    );
    // Every metrics-type route of the table is documented with the scope parameters.
    for (const [key, how] of Object.entries(VISIBILITY))
      if (how === 'scope') {
        const op = ops.find((o) => o.key === key);
        expect(op, key).toBeDefined();
        expect(op?.parameters, key).toEqual(
          expect.arrayContaining(['query:team', 'query:valueStream', 'query:portfolio']),
        );
      }
    expect(Object.keys(REQUIRED_QUERY).sort()).toEqual(
      Object.entries(VISIBILITY)
        .filter(([, how]) => how === 'scope')
        .map(([key]) => key.slice(4))
        .sort(),
    );
  });

  it('no GET route of the document answers a restricted viewer with anything outside its value stream', async () => {
    const doc = await json('admin', '/openapi.json');
    // Path parameters filled with things inside vs-alpha.
    const inside: Record<string, string> = { source: ENC, id: 'A-1', team: 't-alpha1' };
    const answered: string[] = [];
    for (const op of operations(doc)) {
      const [method, pattern] = op.key.split(' ') as [string, string];
      if (method !== 'GET' || UNSCOPED_PREFIXES.some((prefix) => pattern.startsWith(prefix))) continue;
      const path = pattern.replace(/:(\w+)/g, (_, name: string) =>
        pattern.startsWith('/api/v1/org/teams/') ? 't-alpha1' : (inside[name] ?? 'x'),
      );
      const query = REQUIRED_QUERY[pattern] ?? '';
      const response = await call('viewer', 'GET', `${path}${query === '' ? '' : `?${query}`}`);
      if (response.statusCode === 200) answered.push(pattern);
      noLeak(`GET ${path}`, response.body);
    }
    // What spans value streams is refused to a restricted principal, whatever it holds now.
    for (const [key, how] of Object.entries(VISIBILITY))
      if (how === 'refused' && key.startsWith('GET ')) {
        const path = key.slice(4).replace(/:(\w+)/g, (_, name: string) => inside[name] ?? '1');
        forbidden(await call('viewer', 'GET', path));
      }
    // The walk is not vacuous: the metrics, items, organisation and roles all answered.
    expect(answered).toEqual(
      expect.arrayContaining([
        '/api/v1/metrics',
        '/api/v1/items/:source/:id',
        '/api/v1/org/model',
        '/api/v1/roles',
      ]),
    );
  });

  it('metrics-type routes: no scope is the value stream; its teams as for an admin; the rest is one 404', async () => {
    for (const path of Object.keys(REQUIRED_QUERY)) {
      const base = `${path}?${REQUIRED_QUERY[path]}`;
      const sep = REQUIRED_QUERY[path] === '' ? '' : '&';
      const admin = (scope: string) => json('admin', `${base}${sep}${scope}`);
      const restricted = (scope: string) => json('viewer', `${base}${scope === '' ? '' : sep}${scope}`);
      // No scope: the value stream, never the organisation.
      const unscoped = await restricted('');
      expect(unscoped, `${path} without a scope`).toEqual(await admin('valueStream=vs-alpha'));
      expect(await restricted('valueStream=vs-alpha'), path).toEqual(await admin('valueStream=vs-alpha'));
      expect(await restricted('value-stream=vs-alpha'), path).toEqual(await admin('valueStream=vs-alpha'));
      expect(await restricted('team=t-alpha1'), path).toEqual(await admin('team=t-alpha1'));
      for (const scope of ['', 'valueStream=vs-alpha', 'team=t-alpha1', 'team=t-mover'])
        noLeak(`${path} ${scope}`, JSON.stringify(await restricted(scope)));
      // Outside: the same answer as for what does not exist.
      const miss = async (param: string, id: string) =>
        notFound(await call('viewer', 'GET', `${base}${sep}${param}=${id}`), id);
      expect(await miss('team', 't-bravo1'), path).toBe(await miss('team', 't-nowhere'));
      expect(await miss('valueStream', 'vs-bravo'), path).toBe(await miss('valueStream', 'vs-nowhere'));
      expect(await miss('portfolio', 'pf-bravo'), path).toBe(await miss('portfolio', 'pf-nowhere'));
      noLeak(`${path} 404`, (await call('viewer', 'GET', `${base}${sep}team=t-nowhere`)).body);
    }
  });

  it('the unscoped metrics are the value stream’s: flow, DORA and data quality', async () => {
    const alpha = await json('viewer', `/metrics?${PERIOD}`);
    expect(alpha.scope).toEqual({ valueStream: 'vs-alpha' });
    // A-1, A-2, A-3 and MOVE-1 (after the move); not BRAVO-* nor MOVE-BRAVO.
    expect(alpha.flow.velocity.total).toBe(4);
    expect(alpha.dora.deploymentFrequency.count).toBe(2);
    const org = await json('admin', `/metrics?${PERIOD}`);
    expect(org.flow.velocity.total).toBe(7);
    expect(org.dora.deploymentFrequency.count).toBe(3);
    // Another value stream's token sees its own: BRAVO-1, BRAVO-2, and MOVE-BRAVO (before the move).
    expect((await json('other', `/metrics?${PERIOD}`)).flow.velocity.total).toBe(3);
  });

  it('a team that moved in counts only from its move; its earlier items are not visible', async () => {
    const admin = await json('admin', `/metrics?${PERIOD}&team=t-mover`);
    const restricted = await json('viewer', `/metrics?${PERIOD}&team=t-mover`);
    expect(admin.flow.velocity.total).toBe(2);
    expect(restricted.flow.velocity.total).toBe(1);
    expect(restricted.scope).toEqual({ team: 't-mover' });
    const items = await json('viewer', '/items?team=t-mover');
    expect(items.items.map((i: { id: string }) => i.id)).toEqual(['MOVE-1']);
    expect((await json('viewer', `/items/${ENC}/MOVE-1`)).item.id).toBe('MOVE-1');
    expect(notFound(await call('viewer', 'GET', `/items/${ENC}/MOVE-BRAVO`), 'MOVE-BRAVO')).toBe(
      notFound(await call('viewer', 'GET', `/items/${ENC}/NOPE-9`), 'NOPE-9'),
    );
    // The bravo token sees the item done while the team was in its value stream, not the later one.
    expect((await call('other', 'GET', `/items/${ENC}/MOVE-BRAVO`)).statusCode).toBe(200);
    expect((await call('other', 'GET', `/items/${ENC}/MOVE-1`)).statusCode).toBe(404);
  });

  it('BOLA: an item of another value stream is 404, exactly like one that does not exist', async () => {
    const own = await json('viewer', `/items/${ENC}/A-1`);
    expect(own).toEqual(await json('admin', `/items/${ENC}/A-1`));
    const other = await call('viewer', 'GET', `/items/${ENC}/BRAVO-1`);
    expect(notFound(other, 'BRAVO-1')).toBe(
      notFound(await call('viewer', 'GET', `/items/${ENC}/NOPE-1`), 'NOPE-1'),
    );
    // An item's delivery: only the value stream's deployments, and changes they shipped or from its repositories.
    const delivered = await json('viewer', `/items/${ENC}/A-2`);
    expect(delivered.changes.map((c: { id: string }) => c.id).sort()).toEqual([
      'chg-alpha',
      'chg-alpha-open',
    ]);
    expect(delivered.deployments.map((d: { id: string }) => d.id)).toEqual(['dep-alpha-2']);
    noLeak('the delivery of A-2', JSON.stringify(delivered));
    const everything = await json('admin', `/items/${ENC}/A-2`);
    expect(everything.changes).toHaveLength(4);
    expect(everything.deployments).toHaveLength(2);
    // A container names only the children the value stream counts.
    expect((await json('viewer', `/items/${ENC}/EPIC-A`)).item.children).toEqual(['A-1']);
    expect((await json('admin', `/items/${ENC}/EPIC-A`)).item.children).toEqual(['A-1', 'BRAVO-1']);
    // Search and filters stay inside too.
    const search = await json('viewer', '/items?q=secret');
    expect(search.total).toBe(0);
    expect((await json('admin', '/items?q=secret')).total).toBe(3);
    const all = await json('viewer', '/items?limit=100');
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'MOVE-1']);
    expect((await json('viewer', '/extent')).items).toBe(5);
    // The organisation's count is every stored item (the epic included); V's, the items V counts.
    expect((await json('admin', '/extent')).items).toBe(10);
  });

  it('the organisation, roles and network show only the value stream, its teams, services and people', async () => {
    const tree = await json('viewer', '/org');
    expect(tree).toEqual({
      portfolios: [],
      valueStreamsWithoutPortfolio: [
        {
          id: 'vs-alpha',
          name: 'Alpha',
          teams: [
            { id: 't-alpha1', name: 'Alpha one', services: [{ id: 'svc-alpha1', name: 'Alpha API' }] },
            { id: 't-alpha2', name: 'Alpha two', services: [] },
            { id: 't-mover', name: 'Mover', services: [] },
          ],
        },
      ],
      teamsWithoutValueStream: [],
    });
    const model = await json('viewer', '/org/model');
    expect(model.valueStreams.map((v: { id: string }) => v.id)).toEqual(['vs-alpha']);
    expect(model.teams.map((v: { id: string }) => v.id)).toEqual(['t-alpha1', 't-alpha2', 't-mover']);
    expect(model.people.map((v: { id: string }) => v.id)).toEqual(['p-alice', 'p-carol']);
    expect(model.portfolios).toEqual([]);
    const roles = await json('viewer', `/roles?asOf=${at(30)}`);
    expect(roles.valueStreams.map((v: { valueStream: { id: string } }) => v.valueStream.id)).toEqual([
      'vs-alpha',
    ]);
    // Carol holds roles in two teams (limit 1): overloaded, without naming the team outside.
    expect(roles.overloaded.map((o: { person: string }) => o.person)).toEqual(['p-carol']);
    expect(notFound(await call('viewer', 'GET', '/roles?valueStream=vs-bravo'), 'vs-bravo')).toBe(
      notFound(await call('viewer', 'GET', '/roles?valueStream=vs-nowhere'), 'vs-nowhere'),
    );
    const assignments = await json('viewer', '/roles/assignments');
    expect(assignments.assignments.map((a: { person: string }) => a.person).sort()).toEqual([
      'p-alice',
      'p-carol',
    ]);
    expect((await json('viewer', '/roles/assignments?team=t-bravo1')).assignments).toEqual([]);
    const network = await json('viewer', `/roles/network?asOf=${at(30)}`);
    expect(network.people.map((p: { id: string }) => p.id)).toEqual(['p-alice', 'p-carol']);
    expect((await json('viewer', '/org/teams/t-alpha1')).team.id).toBe('t-alpha1');
    expect(notFound(await call('viewer', 'GET', '/org/teams/t-bravo1'), 't-bravo1')).toBe(
      notFound(await call('viewer', 'GET', '/org/teams/t-nowhere'), 't-nowhere'),
    );
    const mover = await json('viewer', '/org/teams/t-mover');
    expect(mover.team.history).toEqual([]);
    for (const url of [
      '/org',
      '/org/model',
      `/roles?asOf=${at(30)}`,
      '/roles/assignments',
      `/roles/network?asOf=${at(30)}`,
      '/org/teams/t-mover',
      '/roles/settings',
      '/extent',
    ])
      noLeak(url, (await call('viewer', 'GET', url)).body);
    // The admin still sees everything.
    expect((await json('admin', '/org/model')).teams).toHaveLength(4);
  });

  it('annotations: the value stream’s and its teams’; others, the organisation’s and portfolios’ are 404', async () => {
    const list = await json('viewer', '/annotations');
    expect(list.annotations.map((a: { title: string }) => a.title)).toEqual([
      'Alpha kickoff',
      'Alpha one pairing',
    ]);
    const admin = (await json('admin', '/annotations')).annotations as { id: number; title: string }[];
    const id = (title: string) => admin.find((a) => a.title === title)?.id as number;
    expect((await call('viewer', 'GET', `/annotations/${id('Alpha kickoff')}/impact`)).statusCode).toBe(200);
    const missing = notFound(await call('viewer', 'GET', '/annotations/99999/impact'), '99999');
    for (const title of ['Bravo note', 'Company-wide bravo freeze', 'Portfolio bravo review']) {
      const other = String(id(title));
      expect(notFound(await call('viewer', 'GET', `/annotations/${other}/impact`), other)).toBe(missing);
      expect(notFound(await call('editor', 'DELETE', `/annotations/${other}`), other)).toBe(
        notFound(await call('editor', 'DELETE', '/annotations/99999'), '99999'),
      );
    }
    // A restricted editor's annotation without a scope goes on its value stream; outside is 404.
    const added = await call('editor', 'POST', '/annotations', { at: at(9), title: 'Alpha retro' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().scope).toEqual({ valueStream: 'vs-alpha' });
    expect(added.json().createdBy).toBe('token:alpha-editor');
    notFound(
      await call('editor', 'POST', '/annotations', { scope: { team: 't-bravo1' }, at: at(9), title: 'x' }),
      't-bravo1',
    );
    notFound(
      await call('editor', 'POST', '/annotations', {
        scope: { portfolio: 'pf-bravo' },
        at: at(9),
        title: 'x',
      }),
      'pf-bravo',
    );
  });

  it('a restricted editor writes only inside its value stream: outside is 404, what spans value streams 403', async () => {
    // Creating
    forbidden(await call('editor', 'POST', '/org/value-streams', { id: 'vs-new', name: 'New' }));
    forbidden(await call('editor', 'POST', '/org/portfolios', { id: 'pf-new', name: 'New' }));
    forbidden(await call('editor', 'POST', '/org/teams', { id: 't-new', name: 'New' }));
    expect(
      notFound(
        await call('editor', 'POST', '/org/teams', { id: 't-new', name: 'New', parent: 'vs-bravo' }),
        'vs-bravo',
      ),
    ).toBe(
      notFound(
        await call('editor', 'POST', '/org/teams', { id: 't-new', name: 'New', parent: 'vs-nowhere' }),
        'vs-nowhere',
      ),
    );
    expect(
      (
        await call('editor', 'POST', '/org/teams', {
          id: 't-alpha3',
          name: 'Alpha three',
          parent: 'vs-alpha',
        })
      ).statusCode,
    ).toBe(201);
    notFound(await call('editor', 'POST', '/org/services', { id: 'svc-x', parent: 't-bravo1' }), 't-bravo1');
    expect(
      (await call('editor', 'POST', '/org/services', { id: 'svc-alpha3', parent: 't-alpha3' })).statusCode,
    ).toBe(201);
    // Changing
    expect(notFound(await call('editor', 'PATCH', '/org/teams/t-bravo1', { name: 'Mine' }), 't-bravo1')).toBe(
      notFound(await call('editor', 'PATCH', '/org/teams/t-nowhere', { name: 'Mine' }), 't-nowhere'),
    );
    notFound(await call('editor', 'PATCH', '/org/value-streams/vs-bravo', { name: 'Mine' }), 'vs-bravo');
    notFound(await call('editor', 'PATCH', '/org/portfolios/pf-bravo', { name: 'Mine' }), 'pf-bravo');
    notFound(await call('editor', 'PATCH', '/org/services/svc-bravo1', { name: 'Mine' }), 'svc-bravo1');
    notFound(await call('editor', 'PATCH', '/org/people/p-bravo-bob', { name: 'Mine' }), 'p-bravo-bob');
    notFound(await call('editor', 'PATCH', '/org/teams/t-alpha2', { parent: 'vs-bravo' }), 'vs-bravo');
    forbidden(await call('editor', 'PATCH', '/org/teams/t-alpha2', { parent: null }));
    forbidden(await call('editor', 'PATCH', '/org/value-streams/vs-alpha', { archived: true }));
    const renamed = await call('editor', 'PATCH', '/org/teams/t-alpha2', { name: 'Alpha 2' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    // Roles
    notFound(
      await call('editor', 'POST', '/roles/assignments', {
        person: 'p-alice',
        role: 'architect',
        team: 't-bravo1',
      }),
      't-bravo1',
    );
    notFound(
      await call('editor', 'POST', '/roles/assignments', {
        person: 'p-alice',
        role: 'architect',
        valueStream: 'vs-bravo',
      }),
      'vs-bravo',
    );
    const assigned = await call('editor', 'POST', '/roles/assignments', {
      person: 'p-alice',
      role: 'architect',
      team: 't-alpha2',
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    expect(
      notFound(await call('editor', 'DELETE', `/roles/assignments/${bobAssignment}`), bobAssignment),
    ).toBe(notFound(await call('editor', 'DELETE', '/roles/assignments/bm9uZQ'), 'bm9uZQ'));
    notFound(
      await call('editor', 'PATCH', `/roles/assignments/${bobAssignment}`, { to: at(30) }),
      bobAssignment,
    );
    // Targets, mappings, imports
    notFound(
      await call('editor', 'PUT', '/teams/t-bravo1/allocation-target', {
        feature: 0.6,
        defect: 0.2,
        debtAndRisk: 0.2,
      }),
      't-bravo1',
    );
    expect(
      (
        await call('editor', 'PUT', '/teams/t-alpha1/allocation-target', {
          feature: 0.6,
          defect: 0.2,
          debtAndRisk: 0.2,
        })
      ).statusCode,
    ).toBe(200);
    forbidden(await call('viewer', 'GET', '/mappings'));
    forbidden(await call('viewer', 'GET', `/mappings/${ENC}`));
    forbidden(await call('editor', 'PUT', `/mappings/${ENC}`, { statuses: {}, types: {} }));
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { authorization: `Bearer ${tokens.editor}`, 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify({ kind: 'team', id: 't-sneaky', valueStream: 'vs-bravo' })}\n`,
    });
    forbidden(imported);
    // Nothing outside changed; the edits inside are recorded as the token.
    const model = await json('admin', '/org/model');
    expect(model.teams.find((x: { id: string }) => x.id === 't-bravo1').name).toBe('Bravo one');
    expect(model.teams.some((x: { id: string }) => x.id === 't-sneaky' || x.id === 't-new')).toBe(false);
    expect(model.changes.find((c: { target: string }) => c.target === 't-alpha3').actor).toBe(
      'token:alpha-editor',
    );
    // The restricted editor sees its own edits, and none that names what lies outside.
    const seen = await json('editor', '/org/model');
    expect(seen.changes.map((c: { target: string }) => c.target)).toEqual(
      expect.arrayContaining(['t-alpha3', 'svc-alpha3', 't-alpha2']),
    );
    noLeak('the restricted editor’s change log', JSON.stringify(seen));
  });
  it('the restricted view follows an import at once: it shares the engine, never a stale copy', async () => {
    const before = (await json('viewer', `/metrics?${PERIOD}`)).flow.velocity.total;
    const org = (await json('admin', `/metrics?${PERIOD}`)).flow.velocity.total;
    const lines = [
      ...item('A-9', 't-alpha1', 17, 20, 'Alpha late'),
      ...item('BRAVO-9', 't-bravo1', 17, 20, 'Bravo late'),
    ];
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/x-ndjson' },
      payload: lines.map((line) => `${JSON.stringify(line)}\n`).join(''),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect((await json('viewer', `/metrics?${PERIOD}`)).flow.velocity.total).toBe(before + 1);
    expect((await json('admin', `/metrics?${PERIOD}`)).flow.velocity.total).toBe(org + 2);
    expect((await json('viewer', '/items?q=late')).items.map((i: { id: string }) => i.id)).toEqual(['A-9']);
    expect((await call('viewer', 'GET', `/items/${ENC}/BRAVO-9`)).statusCode).toBe(404);
  });
});
