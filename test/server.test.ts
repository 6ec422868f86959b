/**
 * The HTTP API on both stores: a small hand-made organisation is imported through
 * `POST /api/v1/import`, then every route is checked against the engine, the command line and
 * hand-computed values; every answer is checked against its documented response schema; errors are
 * JSON that names the parameter at fault. `flowlens start` is run in-process and as a process.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../src/cli/start-command.js';
import { MetricsEngine } from '../src/engine/index.js';
import { buildServer } from '../src/server/index.js';
import { responses } from '../src/server/schemas.js';
import { SerialQueue } from '../src/server/upload.js';
import type { Store } from '../src/store/index.js';
import { Capture, cli } from './support/cli.js';
import { createTestDatabase, describeEachStore, type TestDatabase } from './support/stores.js';

// ── The organisation ──────────────────────────────────────────────────────────────────────────

/** A source with ':' and '/' in it, as GitHub's are. */
const SRC = 'github:acme/payments';
const ENCODED_SRC = encodeURIComponent(SRC);
const DAY_S = 86_400;
/** Monday 2025-01-06 + n days, 00:00 UTC (plus `time`, e.g. `T12:00:00Z`). */
const d = (n: number, time = 'T00:00:00Z') => `2025-01-${String(6 + n).padStart(2, '0')}${time}`;
const PERIOD = { from: '2025-01-06', to: '2025-01-20' };

const item = (id: string, type: string, team: string, status: string) => ({
  kind: 'workItem',
  source: SRC,
  id,
  type,
  status,
  team,
  title: `Item ${id}`,
  createdAt: d(0),
});
const move = (id: string, day: number, from: string, to: string) => ({
  kind: 'transition',
  source: SRC,
  item: id,
  at: d(day),
  from,
  to,
});

/**
 * t-api: A-1 (feature) In Progress d1 → Done d3 (flow 2 d, active 2 d); A-2 (defect) Ready d2 →
 * In Progress d4 → Done d8 (flow 6 d, active 4 d); A-3 (feature) In Progress from d5.
 * t-web: W-1 (feature) In Progress d2 → Done d6; W-2 (debt) Ready d1 → Won't Do d4 (cancelled).
 * Delivery: ch-1 (first commit d1 10:00, for A-1) deployed to production by dep-1 at d3 12:00,
 * which caused inc-1 (opened d3 13:00, resolved d3 15:00).
 */
const ORGANISATION = [
  { kind: 'portfolio', id: 'p-core', name: 'Core' },
  { kind: 'valueStream', id: 'vs-pay', name: 'Payments', portfolio: 'p-core' },
  { kind: 'team', id: 't-api', name: 'Payments API', valueStream: 'vs-pay' },
  { kind: 'team', id: 't-web', name: 'Payments Web', valueStream: 'vs-pay' },
  { kind: 'service', id: 'svc-api', team: 't-api', name: 'Payments API service' },
  {
    kind: 'mapping',
    source: SRC,
    statuses: {
      Backlog: { stage: 'ideate', state: 'new' },
      Ready: { stage: 'create', state: 'waiting' },
      'In Progress': { stage: 'create', state: 'active' },
      Done: { stage: 'release', state: 'done' },
      "Won't Do": { stage: 'create', state: 'cancelled' },
    },
    types: { Story: 'feature', Bug: 'defect', Chore: 'debt' },
  },
  item('A-1', 'Story', 't-api', 'Done'),
  move('A-1', 1, 'Backlog', 'In Progress'),
  move('A-1', 3, 'In Progress', 'Done'),
  item('A-2', 'Bug', 't-api', 'Done'),
  move('A-2', 2, 'Backlog', 'Ready'),
  move('A-2', 4, 'Ready', 'In Progress'),
  move('A-2', 8, 'In Progress', 'Done'),
  item('A-3', 'Story', 't-api', 'In Progress'),
  move('A-3', 5, 'Backlog', 'In Progress'),
  item('W-1', 'Story', 't-web', 'Done'),
  move('W-1', 2, 'Backlog', 'In Progress'),
  move('W-1', 6, 'In Progress', 'Done'),
  item('W-2', 'Chore', 't-web', "Won't Do"),
  move('W-2', 1, 'Backlog', 'Ready'),
  move('W-2', 4, 'Ready', "Won't Do"),
  {
    kind: 'change',
    source: SRC,
    id: 'ch-1',
    createdAt: d(1, 'T10:00:00Z'),
    firstCommitAt: d(1, 'T10:00:00Z'),
    mergedAt: d(2, 'T09:00:00Z'),
    items: ['A-1'],
    repository: 'acme/payments',
    reviewed: true,
  },
  {
    kind: 'deployment',
    source: SRC,
    id: 'dep-1',
    service: 'svc-api',
    environment: 'production',
    at: d(3, 'T12:00:00Z'),
    status: 'success',
    changes: ['ch-1'],
  },
  {
    kind: 'incident',
    source: 'pagerduty:payments',
    id: 'inc-1',
    service: 'svc-api',
    openedAt: d(3, 'T13:00:00Z'),
    resolvedAt: d(3, 'T15:00:00Z'),
    causedBy: 'dep-1',
    severity: 'sev2',
  },
];

/** A later import: A-3 is done at d10 (flow 5 d), A-4 (defect) In Progress d9 → Done d11 (flow 2 d). */
const SECOND_IMPORT = [
  { ...item('A-3', 'Story', 't-api', 'Done') },
  move('A-3', 10, 'In Progress', 'Done'),
  item('A-4', 'Bug', 't-api', 'Done'),
  move('A-4', 9, 'Backlog', 'In Progress'),
  move('A-4', 11, 'In Progress', 'Done'),
];
/** Imported at the same time as SECOND_IMPORT: W-3 (feature) In Progress d3 → Done d5. */
const CONCURRENT_IMPORT = [
  item('W-3', 'Story', 't-web', 'Done'),
  move('W-3', 3, 'Backlog', 'In Progress'),
  move('W-3', 5, 'In Progress', 'Done'),
];

const ndjson = (records: readonly object[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');
const BODY_LIMIT = 64 * 1024;

// ── Helpers ───────────────────────────────────────────────────────────────────────────────────

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

/**
 * The documented response schema, with `additionalProperties: false` wherever it lists properties,
 * so that an answer with a field the document does not describe fails too.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema))
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closed(v)]))
        : closed(value);
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

const validators = new Map<unknown, ValidateFunction>();
/** Checks an answer against the schema the OpenAPI document gives for its route and status. */
function expectDocumented(route: keyof typeof responses, response: LightMyRequestResponse): void {
  const schema = (responses[route] as Record<number, unknown>)[response.statusCode];
  expect(schema, `no documented ${response.statusCode} response for ${route}`).toBeDefined();
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(closed(schema) as object);
    validators.set(schema, validate);
  }
  const body = response.json();
  expect(validate(body) ? [] : validate.errors).toEqual([]);
}

function expectError(response: LightMyRequestResponse, status: number, code: string, message: RegExp): void {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
  expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

function query(params: Record<string, string | number>): string {
  return new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
}

// ── The suite ─────────────────────────────────────────────────────────────────────────────────

describeEachStore('HTTP API', (kind) => {
  let db: TestDatabase;
  let store: Store;
  let engine: MetricsEngine;
  let app: FastifyInstance;

  const get = (url: string) => app.inject({ method: 'GET', url });
  const postImport = (body: string, contentType = 'application/x-ndjson', search = '') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/import${search}`,
      headers: { 'content-type': contentType },
      payload: body,
    });
  const leftovers = () => readdirSync(db.dir).filter((name) => name.startsWith('flowlens-upload-'));
  const importCount = async () =>
    Number(
      (await sql<{ n: number | string }>`select count(*) as n from import_files`.execute(store.db)).rows[0]
        ?.n,
    );

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    store = await db.open();
    // A fixed clock, so an item's facts (which run until now) compare equal.
    engine = await MetricsEngine.open(store, { now: () => Date.parse('2025-02-01T00:00:00Z') });
    // No web UI: `/` is the page that explains the API (the UI is tested in web-app.test.ts).
    app = await buildServer({
      auth: { mode: 'trusted' },
      store,
      engine,
      bodyLimitBytes: BODY_LIMIT,
      uploadDir: db.dir,
      webRoot: null,
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('imports an NDJSON body and answers with the import summary', async () => {
    const response = await postImport(ndjson(ORGANISATION));
    expect(response.statusCode).toBe(200);
    expectDocumented('import', response);
    const summary = response.json();
    expect(summary.totals).toMatchObject({ records: ORGANISATION.length, rejected: 0 });
    expect(summary.totals.counts.workItem).toEqual({ inserted: 5, updated: 0, unchanged: 0 });
    expect(summary.files).toHaveLength(1);
    expect(summary.files[0]).toMatchObject({ file: 'upload.ndjson', status: 'imported', errors: [] });
    expect(summary.unresolved).toEqual([]);
    expect(engine.index.live).toBe(5);
  });

  it('GET /metrics is engine.metrics, and the same document as `flowlens metrics --json`', async () => {
    const scopes: Record<string, string>[] = [
      {},
      { team: 't-api' },
      { team: 't-web' },
      { valueStream: 'vs-pay' },
      { portfolio: 'p-core' },
    ];
    for (const scope of scopes) {
      const response = await get(`/api/v1/metrics?${query({ ...PERIOD, ...scope })}`);
      expect(response.statusCode).toBe(200);
      expectDocumented('metrics', response);
      const fromMs = Date.parse(PERIOD.from);
      const toMs = Date.parse(PERIOD.to);
      expect(response.json()).toEqual(engine.metrics({ fromMs, toMs, ...scope }));
      const flags = Object.entries(scope).flatMap(([k, v]) => [
        k === 'valueStream' ? '--value-stream' : `--${k}`,
        v,
      ]);
      const viaCli = await cli([
        'metrics',
        '--db',
        db.location,
        '--from',
        PERIOD.from,
        '--to',
        PERIOD.to,
        ...flags,
        '--json',
      ]);
      expect(viaCli.stderr).toBe('');
      expect(viaCli.code).toBe(0);
      expect(response.json()).toEqual(JSON.parse(viaCli.stdout));
    }
    // The command line's spelling of the value stream is an alias.
    const alias = await get(`/api/v1/metrics?${query({ ...PERIOD, 'value-stream': 'vs-pay' })}`);
    expect(alias.json()).toEqual(
      (await get(`/api/v1/metrics?${query({ ...PERIOD, valueStream: 'vs-pay' })}`)).json(),
    );
  });

  it("computes a team's metrics as worked out by hand", async () => {
    const m = (await get(`/api/v1/metrics?${query({ ...PERIOD, team: 't-api' })}`)).json();
    expect(m.period).toEqual({ from: '2025-01-06T00:00:00.000Z', to: '2025-01-20T00:00:00.000Z' });
    expect(m.scope).toEqual({ team: 't-api' });
    expect(m.flow.velocity).toEqual({ total: 2, byType: { feature: 1, defect: 1, risk: 0, debt: 0 } });
    // Flow times 2 d and 6 d: nearest-rank median is the first, p85 the second.
    expect(m.flow.flowTime).toEqual({ median: 2 * DAY_S, p85: 6 * DAY_S, count: 2 });
    expect(m.flow.leadTime).toEqual({ median: 3 * DAY_S, p85: 8 * DAY_S, count: 2 });
    // Σ active (2 d + 4 d) / Σ flow (2 d + 6 d).
    expect(m.flow.efficiency).toBe(0.75);
    expect(m.flow.load.atEnd).toBe(1);
    expect(m.flow.waitByStatus).toEqual([{ status: 'Ready', seconds: 2 * DAY_S, items: 1 }]);
    expect(m.dora.deploymentFrequency.count).toBe(1);
    // Deployed d3 12:00, first commit d1 10:00.
    expect(m.dora.leadTimeForChanges).toMatchObject({ median: 2 * DAY_S + 2 * 3600, count: 1 });
    expect(m.dora.changeFailureRate.value).toBe(1);
    expect(m.dora.recoveryTime).toMatchObject({ median: 3 * 3600, count: 1 });
    expect(m.dora.timeToRestore).toEqual({ median: 2 * 3600, count: 1 });

    const stream = (await get(`/api/v1/metrics?${query({ ...PERIOD, valueStream: 'vs-pay' })}`)).json();
    expect(stream.flow.velocity).toEqual({ total: 3, byType: { feature: 2, defect: 1, risk: 0, debt: 0 } });
    // W-2 was cancelled: not delivered, not in the load.
    const web = (await get(`/api/v1/metrics?${query({ ...PERIOD, team: 't-web' })}`)).json();
    expect(web.flow.velocity.total).toBe(1);
    expect(web.flow.load.atEnd).toBe(0);
    expect(web.dora.deploymentFrequency.count).toBe(0);
  });

  it('GET /metrics/series gives the series, with aging work limited by `aging`', async () => {
    const response = await get(`/api/v1/metrics/series?${query({ ...PERIOD, team: 't-api' })}`);
    expect(response.statusCode).toBe(200);
    expectDocumented('series', response);
    const series = response.json();
    const engineSeries = engine.series({
      fromMs: Date.parse(PERIOD.from),
      toMs: Date.parse(PERIOD.to),
      team: 't-api',
    });
    expect(series).toEqual({ ...engineSeries, agingTotal: 1 });
    expect(series.velocityByWeek.map((w: { week: string; count: number }) => [w.week, w.count])).toEqual([
      ['2025-01-06', 1],
      ['2025-01-13', 1],
    ]);
    expect(series.throughputByDay).toHaveLength(14);
    expect(series.aging).toEqual([
      expect.objectContaining({ source: SRC, id: 'A-3', status: 'In Progress', ageSeconds: 9 * DAY_S }),
    ]);
    const limited = (
      await get(`/api/v1/metrics/series?${query({ ...PERIOD, team: 't-api', aging: 0 })}`)
    ).json();
    expect(limited.aging).toEqual([]);
    expect(limited.agingTotal).toBe(1);
  });

  it('answers 400 naming the parameter for a bad period, two scopes or an unknown scope', async () => {
    const metrics = (params: Record<string, string>) => get(`/api/v1/metrics?${query(params)}`);
    expectError(await metrics({ to: PERIOD.to }), 400, 'INVALID_ARGUMENT', /^from: .*required/);
    expectError(await metrics({ from: PERIOD.from }), 400, 'INVALID_ARGUMENT', /^to: .*required/);
    expectError(
      await metrics({ from: 'last tuesday', to: PERIOD.to }),
      400,
      'INVALID_ARGUMENT',
      /^from: "last tuesday" is not a date/,
    );
    expectError(
      await metrics({ from: PERIOD.from, to: '2025-02-30' }),
      400,
      'INVALID_ARGUMENT',
      /^to: "2025-02-30" is not a date/,
    );
    expectError(
      await metrics({ from: PERIOD.to, to: PERIOD.from }),
      400,
      'INVALID_ARGUMENT',
      /to \(.*\) must be after from/,
    );
    expectError(
      await metrics({ ...PERIOD, team: 't-api', valueStream: 'vs-pay' }),
      400,
      'INVALID_ARGUMENT',
      /one scope at most: team and valueStream/,
    );
    expectError(
      await metrics({ ...PERIOD, team: 't-nope' }),
      400,
      'INVALID_ARGUMENT',
      /^team: there is no team "t-nope" \(known: t-api, t-web\)/,
    );
    expectError(
      await metrics({ ...PERIOD, valueStream: 'vs-nope' }),
      400,
      'INVALID_ARGUMENT',
      /^valueStream: there is no value stream "vs-nope"/,
    );
    expectError(
      await metrics({ ...PERIOD, portfolio: 'p-nope' }),
      400,
      'INVALID_ARGUMENT',
      /^portfolio: there is no portfolio "p-nope"/,
    );
    expectError(
      await metrics({ ...PERIOD, teem: 't-api' }),
      400,
      'INVALID_ARGUMENT',
      /^teem: unknown parameter/,
    );
    expectError(
      await get(`/api/v1/metrics/series?${query({ ...PERIOD, aging: 'lots' })}`),
      400,
      'INVALID_ARGUMENT',
      /^aging: /,
    );
    expectError(
      await get(`/api/v1/metrics/series?${query({ ...PERIOD, team: 'a', portfolio: 'b' })}`),
      400,
      'INVALID_ARGUMENT',
      /team and portfolio/,
    );
    const bad = await metrics({ to: PERIOD.to });
    expectDocumented('metrics', bad);
  });

  it('GET /items/:source/:id finds an item whose source has ":" and "/", with its delivery', async () => {
    expect(ENCODED_SRC).toBe('github%3Aacme%2Fpayments');
    const response = await get(`/api/v1/items/${ENCODED_SRC}/A-1`);
    expect(response.statusCode).toBe(200);
    expectDocumented('item', response);
    const body = response.json();
    expect(body).toEqual(await engine.item(SRC, 'A-1'));
    expect(body.item).toMatchObject({
      source: SRC,
      id: 'A-1',
      flowType: 'feature',
      team: 't-api',
      status: 'Done',
    });
    expect(body.history).toEqual([
      { at: '2025-01-07T00:00:00.000Z', from: 'Backlog', to: 'In Progress' },
      { at: '2025-01-09T00:00:00.000Z', from: 'In Progress', to: 'Done' },
    ]);
    expect(body.facts).toMatchObject({ flowTime: 2 * DAY_S, leadTime: 3 * DAY_S, currentState: 'done' });
    expect(body.changes.map((c: { id: string }) => c.id)).toEqual(['ch-1']);
    expect(body.deployments).toEqual([expect.objectContaining({ id: 'dep-1', production: true })]);
    expect(body.incidents).toEqual([expect.objectContaining({ id: 'inc-1', causedBy: 'dep-1' })]);
    // An unencoded ':' works too, and so does a trailing slash.
    expect((await get(`/api/v1/items/github:acme%2Fpayments/A-1/`)).statusCode).toBe(200);
  });

  it('answers 404 JSON for an unknown item and an unknown route', async () => {
    const unknownItem = await get(`/api/v1/items/${ENCODED_SRC}/A-404`);
    expectError(unknownItem, 404, 'NOT_FOUND', /no work item "A-404" in source "github:acme\/payments"/);
    expectDocumented('item', unknownItem);
    // Unencoded, the '/' of the source is a path separator: no such route.
    expectError(await get('/api/v1/items/github:acme/payments/A-1'), 404, 'NOT_FOUND', /no route GET/);
    expectError(await get('/api/v1/nothing-here'), 404, 'NOT_FOUND', /no route GET \/api\/v1\/nothing-here/);
    expectError(await app.inject({ method: 'DELETE', url: '/api/v1/org' }), 404, 'NOT_FOUND', /DELETE/);
    expectError(await get('/api/v1/items/%zz/1'), 400, 'INVALID_ARGUMENT', /not a valid url/);
  });

  it('GET /org is the organisation tree', async () => {
    const response = await get('/api/v1/org');
    expect(response.statusCode).toBe(200);
    expectDocumented('org', response);
    expect(response.json()).toEqual({
      portfolios: [
        {
          id: 'p-core',
          name: 'Core',
          valueStreams: [
            {
              id: 'vs-pay',
              name: 'Payments',
              teams: [
                {
                  id: 't-api',
                  name: 'Payments API',
                  services: [{ id: 'svc-api', name: 'Payments API service' }],
                },
                { id: 't-web', name: 'Payments Web', services: [] },
              ],
            },
          ],
        },
      ],
      valueStreamsWithoutPortfolio: [],
      teamsWithoutValueStream: [],
    });
  });

  it('GET /health says which database and schema the server runs on', async () => {
    const response = await get('/api/v1/health');
    expect(response.statusCode).toBe(200);
    expectDocumented('health', response);
    const version = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version;
    expect(response.json()).toEqual({
      status: 'ok',
      reasons: [],
      version,
      database: store.location,
      schemaVersion: store.schemaVersion,
      items: 5,
      demo: false,
    });
    expect(store.location).not.toMatch(/:[^:@/]+@/);
  });

  it('serves the OpenAPI 3 document of every route, and a home page', async () => {
    const response = await get('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Flowlens API' });
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/annotations',
      '/api/v1/annotations/{id}',
      '/api/v1/annotations/{id}/impact',
      '/api/v1/audit',
      '/api/v1/audit/verify',
      '/api/v1/auth/oidc/callback',
      '/api/v1/auth/oidc/login',
      '/api/v1/data-quality/items',
      '/api/v1/extent',
      '/api/v1/forecast/how-many',
      '/api/v1/forecast/when',
      '/api/v1/health',
      '/api/v1/import',
      '/api/v1/improvements',
      '/api/v1/improvements/trackers',
      '/api/v1/improvements/{id}',
      '/api/v1/insights',
      '/api/v1/items',
      '/api/v1/items/{source}/{id}',
      '/api/v1/mappings',
      '/api/v1/mappings/jobs',
      '/api/v1/mappings/jobs/{id}',
      '/api/v1/mappings/{source}',
      '/api/v1/mappings/{source}/overrides/{team}',
      '/api/v1/mappings/{source}/preview',
      '/api/v1/mappings/{source}/versions',
      '/api/v1/mappings/{source}/versions/{version}/restore',
      '/api/v1/metrics',
      '/api/v1/metrics/completed',
      '/api/v1/metrics/predictability',
      '/api/v1/metrics/series',
      '/api/v1/metrics/statuses',
      '/api/v1/metrics/trend',
      '/api/v1/org',
      '/api/v1/org/model',
      '/api/v1/org/people',
      '/api/v1/org/people/{id}',
      '/api/v1/org/portfolios',
      '/api/v1/org/portfolios/{id}',
      '/api/v1/org/products',
      '/api/v1/org/products/{id}',
      '/api/v1/org/services',
      '/api/v1/org/services/{id}',
      '/api/v1/org/teams',
      '/api/v1/org/teams/{id}',
      '/api/v1/org/value-streams',
      '/api/v1/org/value-streams/{id}',
      '/api/v1/roles',
      '/api/v1/roles/assignments',
      '/api/v1/roles/assignments/{id}',
      '/api/v1/roles/network',
      '/api/v1/roles/settings',
      '/api/v1/session',
      '/api/v1/settings/calendar',
      '/api/v1/teams/{team}/allocation-target',
      '/api/v1/tokens',
      '/api/v1/tokens/{id}',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/webhooks/deliveries',
      '/api/v1/webhooks/deliveries/{id}/replay',
      '/api/v1/webhooks/github',
      '/api/v1/webhooks/gitlab',
      '/api/v1/webhooks/jira',
    ]);
    const parameters = (path: string, method = 'get') =>
      (doc.paths[path][method].parameters ?? []).map(
        (p: { in: string; name: string; required: boolean }) => `${p.in}:${p.name}${p.required ? '!' : ''}`,
      );
    const scope = ['query:team', 'query:valueStream', 'query:value-stream', 'query:portfolio'];
    expect(parameters('/api/v1/metrics')).toEqual(['query:from!', 'query:to!', ...scope]);
    expect(parameters('/api/v1/metrics/series')).toEqual([
      'query:from!',
      'query:to!',
      ...scope,
      'query:aging',
    ]);
    expect(parameters('/api/v1/items/{source}/{id}')).toEqual(['path:source!', 'path:id!']);
    expect(parameters('/api/v1/import', 'post')).toEqual(['query:strict']);
    expect(Object.keys(doc.paths['/api/v1/import'].post.requestBody.content)).toContain(
      'application/x-ndjson',
    );
    for (const [path, methods] of Object.entries(doc.paths) as [
      string,
      Record<string, { responses: object }>,
    ][])
      for (const [method, operation] of Object.entries(methods)) {
        // A success (200; 201 for what a POST creates; 204 for a sign-out; a redirect for single
        // sign-on) and the error shape.
        expect(
          Object.keys(operation.responses).some((status) => /^[23]\d\d$/.test(status)),
          `${method} ${path}`,
        ).toBe(true);
        expect(JSON.stringify(operation.responses), `${method} ${path}`).toContain('"error"');
      }

    const home = await get('/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.body).toContain('href="/api/v1/openapi.json"');
    expect(home.body).toContain('/api/v1/metrics?from=');
  });

  it('answers 413 for a body over the limit and imports nothing of it', async () => {
    const importsBefore = await importCount();
    const big = ndjson(
      Array.from({ length: 2000 }, (_, i) => ({ kind: 'team', id: `t-big-${i}`, name: `Big ${i}` })),
    );
    expect(big.length).toBeGreaterThan(BODY_LIMIT);
    const response = await postImport(big);
    expectError(
      response,
      413,
      'PAYLOAD_TOO_LARGE',
      /larger than this server accepts \(64 KiB\); nothing was imported/,
    );
    expectDocumented('import', response);

    // Without a content-length (chunked), the limit is counted as the body streams in.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const chunks = big.match(/[\s\S]{1,8192}/g) ?? [];
    const streamed = await fetch(`http://127.0.0.1:${port}/api/v1/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');

    expect(await importCount()).toBe(importsBefore);
    expect(leftovers()).toEqual([]);
    const tree = (await get('/api/v1/org')).json();
    expect(tree.teamsWithoutValueStream).toEqual([]);

    expectError(
      await postImport('{"kind":"team"}', 'application/json'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /content type/,
    );
    expectError(
      await app.inject({ method: 'POST', url: '/api/v1/import' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /application\/x-ndjson/,
    );
    expectError(
      await postImport('', 'application/x-ndjson', '?strict=maybe'),
      400,
      'INVALID_ARGUMENT',
      /^strict: /,
    );
  });

  it('lists rejected lines with 200, and with strict=true imports nothing', async () => {
    const records = ndjson([{ kind: 'team', id: 't-ops', name: 'Ops' }]);
    const strict = await postImport(`${records}{"kind":"team"}\n`, 'text/plain', '?strict=true');
    expect(strict.statusCode).toBe(200);
    expectDocumented('import', strict);
    expect(strict.json().files[0]).toMatchObject({ status: 'rejected', rejected: 1, records: 0 });
    expect(strict.json().files[0].errors[0]).toMatchObject({
      file: 'upload.ndjson',
      line: 2,
      field: 'team.id',
    });
    expect((await get('/api/v1/org')).json().teamsWithoutValueStream).toEqual([]);
  });

  it('imports one at a time, and the metrics include each import once it has answered', async () => {
    const apiBefore = (await get(`/api/v1/metrics?${query({ ...PERIOD, team: 't-api' })}`)).json();
    expect(apiBefore.flow.velocity.total).toBe(2);
    const [second, concurrent] = await Promise.all([
      postImport(ndjson(SECOND_IMPORT)),
      postImport(ndjson(CONCURRENT_IMPORT), 'application/json-seq'),
    ]);
    expect(second.statusCode).toBe(200);
    expect(concurrent.statusCode).toBe(200);
    expect(second.json().totals.counts.workItem).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(concurrent.json().totals.counts.workItem).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(engine.index.live).toBe(7);
    // One after the other: the second import started once the first had finished.
    const log = await store.db
      .selectFrom('import_files')
      .select(['started_at', 'finished_at'])
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    const [later, earlier] = log.map((f) => ({
      started: Number(f.started_at),
      finished: Number(f.finished_at),
    }));
    expect(later?.started).toBeGreaterThanOrEqual(earlier?.finished ?? Number.NaN);
    expect(leftovers()).toEqual([]);

    const api = (await get(`/api/v1/metrics?${query({ ...PERIOD, team: 't-api' })}`)).json();
    expect(api.flow.velocity).toEqual({ total: 4, byType: { feature: 2, defect: 2, risk: 0, debt: 0 } });
    // Flow times 2, 2, 5 and 6 days.
    expect(api.flow.flowTime).toEqual({ median: 2 * DAY_S, p85: 6 * DAY_S, count: 4 });
    expect(api.flow.load.atEnd).toBe(0);
    const web = (await get(`/api/v1/metrics?${query({ ...PERIOD, team: 't-web' })}`)).json();
    expect(web.flow.velocity.total).toBe(2);
    // The incremental refresh agrees with an engine that loads everything afresh.
    const fresh = await MetricsEngine.open(store);
    expect(api).toEqual(
      fresh.metrics({ fromMs: Date.parse(PERIOD.from), toMs: Date.parse(PERIOD.to), team: 't-api' }),
    );
    expect((await get('/api/v1/health')).json().items).toBe(7);
  });

  it('`flowlens start` serves the database until it is stopped', async () => {
    // The suite's server listens since the 413 test: its port is taken.
    const { port: taken } = app.server.address() as { port: number };
    await expect(
      serve(
        { stdout: new Capture(), stderr: new Capture(), env: { FLOWLENS_HOME: join(db.dir, 'home') } },
        { port: taken, host: '127.0.0.1', demo: false, db: db.location },
        new AbortController().signal,
      ),
    ).rejects.toThrow(`port ${taken} on 127.0.0.1 is already in use; choose another with --port`);

    const stdout = new Capture();
    const stderr = new Capture();
    const stop = new AbortController();
    let url = '';
    let health: unknown;
    await serve(
      { stdout, stderr, env: { FLOWLENS_HOME: join(db.dir, 'home') } },
      { port: 0, host: '127.0.0.1', demo: true, db: db.location },
      stop.signal,
      (_app, address) => {
        url = address;
        fetch(`${address}/api/v1/health`)
          .then((response) => response.json())
          .then((body) => {
            health = body;
          })
          .finally(() => stop.abort());
      },
    );
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(health).toMatchObject({ status: 'ok', items: 7, demo: true });
    expect(stderr.text).toBe('');
    expect(stdout.text).toContain('The database already has work items; not loading the demo organisation.');
    // The run that found the port taken wrote the facts snapshot; this one started from it.
    expect(stdout.text).toMatch(
      /loaded the facts of 7 work items in [\d.]+ (ms|s) \(database [\d.]+ (ms|s), metric engine [\d.]+ (ms|s), from the facts snapshot\)/,
    );
    expect(stdout.text).toContain(`Flowlens is serving on ${url} (API: ${url}/api/v1/openapi.json)`);
    expect(stdout.text).toMatch(/Stopped\.\n$/);
  });
});

describe('SerialQueue', () => {
  it('starts a task only when the one before it has settled, failed or not', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    let release: () => void = () => undefined;
    const first = queue.run(async () => {
      events.push('first started');
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      events.push('first finished');
      throw new Error('first failed');
    });
    const second = queue.run(async () => {
      events.push('second started');
      return 2;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['first started']);
    release();
    await expect(first).rejects.toThrow('first failed');
    expect(await second).toBe(2);
    expect(events).toEqual(['first started', 'first finished', 'second started']);
  });
});

describe('flowlens start, as a process', () => {
  it('prints where it serves, answers, and stops cleanly on SIGTERM', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, '../src/cli/entry.ts'),
          'start',
          '--port',
          '0',
          '--db',
          db.location,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FLOWLENS_DEBUG: '1' } },
      );
      let out = '';
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match =
            /Flowlens is serving on (http:\/\/localhost:\d+) \(API: \1\/api\/v1\/openapi\.json\)/.exec(out);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}${err}`)));
      });
      const health = await (await fetch(`${url}/api/v1/health`)).json();
      expect(health).toMatchObject({ status: 'ok', database: db.location, items: 0 });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toMatch(/Stopped\.\n$/);
      expect(err).toBe('');
    } finally {
      await db.destroy();
    }
  });

  it('refuses a bad --port as a usage error', async () => {
    const result = await cli(['start', '--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port: "eighty" is not a port number from 0 to 65535');
  });
});
