/**
 * The API routes the web UI uses beyond the metrics (src/server/ui-routes.ts), on both stores, on a
 * small demo organisation plus a few hand-made records for the data-quality cases: every answer
 * matches its documented schema, and every figure agrees with GET /metrics — a trend's bucket is
 * the metrics of its own period, the waiting statuses are `waitByStatus`, the completed items'
 * percentiles are the flow time's, the item list's counts are the load and the item counts.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoOrganisation } from '../src/cli/demo-command.js';
import { bucketBoundaries, MetricsEngine } from '../src/engine/index.js';
import { buildServer } from '../src/server/index.js';
import { uiResponses } from '../src/server/ui-schemas.js';
import type { Store } from '../src/store/index.js';
import { createTestDatabase, describeEachStore, type TestDatabase } from './support/stores.js';

const UNTIL = '2026-03-02';
/** The fixed clock of the engine and the item list: the demo's end. */
const NOW = Date.parse(`${UNTIL}T00:00:00Z`);
const PERIOD = { from: '2025-12-01', to: UNTIL };

/** Records the demo does not have: an item with no team, one whose status disagrees, one changed before creation. */
const EXTRA = [
  {
    kind: 'workItem',
    source: 'csv:misc',
    id: 'M-1',
    type: 'Task',
    status: 'Open',
    title: 'Orphan task',
    createdAt: '2026-01-05T10:00:00Z',
  },
  {
    kind: 'workItem',
    source: 'csv:misc',
    id: 'M-2',
    type: 'Task',
    status: 'Closed',
    team: 't-ledger',
    title: 'Status that disagrees',
    createdAt: '2026-01-05T10:00:00Z',
  },
  {
    kind: 'transition',
    source: 'csv:misc',
    item: 'M-2',
    at: '2026-01-06T10:00:00Z',
    from: 'Open',
    to: 'Doing',
  },
  {
    kind: 'workItem',
    source: 'csv:misc',
    id: 'M-3',
    type: 'Task',
    status: 'Doing',
    team: 't-ledger',
    title: 'Moved before it was created',
    createdAt: '2026-01-10T10:00:00Z',
  },
  {
    kind: 'transition',
    source: 'csv:misc',
    item: 'M-3',
    at: '2026-01-08T10:00:00Z',
    from: 'Open',
    to: 'Doing',
  },
  {
    kind: 'mapping',
    source: 'csv:misc',
    statuses: {
      Open: { stage: 'create', state: 'waiting' },
      Doing: { stage: 'create', state: 'active' },
      Closed: { stage: 'create', state: 'done' },
    },
    types: { Task: 'feature' },
  },
];

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

/** The schema with `additionalProperties: false` wherever it lists properties. */
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
function expectDocumented(route: keyof typeof uiResponses, response: LightMyRequestResponse): void {
  const schema = (uiResponses[route] as Record<number, unknown>)[response.statusCode];
  expect(schema, `no documented ${response.statusCode} response for ${route}`).toBeDefined();
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(closed(schema) as object);
    validators.set(schema, validate);
  }
  expect(validate(response.json()) ? [] : validate.errors).toEqual([]);
}

const query = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();

const SCOPES: Record<string, string>[] = [
  {},
  { portfolio: 'pf-platform' },
  { valueStream: 'vs-webshop' },
  { team: 't-payments-api' },
];

describeEachStore('web UI API', (kind) => {
  let db: TestDatabase;
  let store: Store;
  let engine: MetricsEngine;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return response;
  };
  const json = async (url: string) => {
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    store = await db.open();
    await loadDemoOrganisation(store, { seed: 3, scale: 1500, until: UNTIL });
    engine = await MetricsEngine.open(store, { now: () => NOW });
    app = await buildServer({
      auth: { mode: 'trusted' },
      store,
      engine,
      uploadDir: db.dir,
      webRoot: null,
      now: () => NOW,
    });
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: EXTRA.map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(imported.json().totals.rejected).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('GET /metrics/trend: each bucket is the metrics of its own period, weeks and months', async () => {
    for (const bucket of ['week', 'month'] as const)
      for (const scope of SCOPES) {
        const response = await get(`/api/v1/metrics/trend?${query({ ...PERIOD, ...scope, bucket })}`);
        expect(response.statusCode).toBe(200);
        expectDocumented('trend', response);
        const trend = response.json();
        expect(trend.bucket).toBe(bucket);
        expect(trend.buckets.length).toBeGreaterThan(bucket === 'week' ? 12 : 2);
        expect(trend.buckets[0].from).toBe('2025-12-01T00:00:00.000Z');
        expect(trend.buckets.at(-1).to).toBe(`${UNTIL}T00:00:00.000Z`);
        for (const b of trend.buckets) {
          const m = engine.metrics({ fromMs: Date.parse(b.from), toMs: Date.parse(b.to), ...scope });
          const { waitByStatus: _w, loadDistribution: _l, ...flow } = m.flow;
          expect({
            velocity: b.velocity,
            flowTime: b.flowTime,
            leadTime: b.leadTime,
            efficiency: b.efficiency,
            load: b.load,
            distribution: b.distribution,
            stages: b.stages,
          }).toEqual(flow);
        }
        // Weeks start on Monday; months on the 1st.
        for (const b of trend.buckets.slice(1))
          if (bucket === 'week') expect(new Date(b.from).getUTCDay()).toBe(1);
          else expect(new Date(b.from).getUTCDate()).toBe(1);
      }
  });

  it('bucket boundaries clip the first and last bucket to the period', () => {
    const at = (d: string) => Date.parse(`${d}T00:00:00Z`);
    // 2026-01-07 is a Wednesday.
    expect(
      bucketBoundaries(at('2026-01-07'), at('2026-01-21'), 'week').map((t) =>
        new Date(t).toISOString().slice(0, 10),
      ),
    ).toEqual(['2026-01-07', '2026-01-12', '2026-01-19', '2026-01-21']);
    expect(
      bucketBoundaries(at('2025-12-15'), at('2026-02-01'), 'month').map((t) =>
        new Date(t).toISOString().slice(0, 10),
      ),
    ).toEqual(['2025-12-15', '2026-01-01', '2026-02-01']);
  });

  it('GET /metrics/statuses: waiting statuses are waitByStatus, stages add up to the stage breakdown', async () => {
    for (const scope of SCOPES) {
      const response = await get(`/api/v1/metrics/statuses?${query({ ...PERIOD, ...scope })}`);
      expect(response.statusCode).toBe(200);
      expectDocumented('statuses', response);
      const doc = response.json();
      const m = (await json(`/api/v1/metrics?${query({ ...PERIOD, ...scope })}`)) as {
        flow: {
          velocity: { total: number };
          waitByStatus: { status: string; seconds: number; items: number }[];
          stages: Record<string, number | null>;
        };
      };
      expect(doc.completed).toBe(m.flow.velocity.total);
      expect(doc.completed).toBeGreaterThan(0);
      const waiting = new Map<string, { seconds: number; items: number }>();
      for (const s of doc.statuses as { status: string; state: string; seconds: number; items: number }[])
        if (s.state === 'waiting') {
          const w = waiting.get(s.status) ?? { seconds: 0, items: 0 };
          waiting.set(s.status, { seconds: w.seconds + s.seconds, items: w.items + s.items });
        }
      // GET /metrics lists the top 10.
      for (const w of m.flow.waitByStatus)
        expect(waiting.get(w.status)).toEqual({ seconds: w.seconds, items: w.items });
      for (const stage of ['ideate', 'create', 'release', 'operate']) {
        const seconds = doc.statuses
          .filter((s: { stage: string }) => s.stage === stage)
          .reduce((n: number, s: { seconds: number }) => n + s.seconds, 0);
        expect(seconds / doc.leadTimeSeconds).toBeCloseTo(m.flow.stages[stage] as number, 9);
      }
      // In flow order: by stage, then position.
      const order = ['ideate', 'create', 'release', 'operate', 'unmapped'];
      const keys = doc.statuses.map(
        (s: { stage: string; position: number }) => order.indexOf(s.stage) * 10 + s.position,
      );
      expect(keys).toEqual([...keys].sort((a: number, b: number) => a - b));
    }
  });

  it('GET /metrics/completed: the completed items, their percentiles equal the flow time of GET /metrics', async () => {
    for (const scope of SCOPES) {
      const response = await get(`/api/v1/metrics/completed?${query({ ...PERIOD, ...scope })}`);
      expect(response.statusCode).toBe(200);
      expectDocumented('completed', response);
      const doc = response.json();
      const m = engine.metrics({ fromMs: Date.parse(PERIOD.from), toMs: Date.parse(PERIOD.to), ...scope });
      expect(doc.total).toBe(m.flow.velocity.total);
      expect(doc.items).toHaveLength(doc.total);
      expect(doc.percentiles.p50).toBe(m.flow.flowTime.median);
      expect(doc.percentiles.p85).toBe(m.flow.flowTime.p85);
      const flows = doc.items
        .map((i: { flowTime: number }) => i.flowTime)
        .sort((a: number, b: number) => a - b);
      expect(doc.percentiles.p95).toBe(flows[Math.ceil(0.95 * flows.length) - 1]);
      const times = doc.items.map((i: { completedAt: string }) => Date.parse(i.completedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const t of times) expect(t >= Date.parse(PERIOD.from) && t < Date.parse(PERIOD.to)).toBe(true);
      const byType = { feature: 0, defect: 0, risk: 0, debt: 0 } as Record<string, number>;
      for (const i of doc.items) byType[i.flowType] = (byType[i.flowType] ?? 0) + 1;
      expect(byType).toEqual(m.flow.velocity.byType);
    }
    const limited = await json(
      `/api/v1/metrics/completed?${query({ ...PERIOD, team: 't-checkout', limit: 2 })}`,
    );
    expect(limited.items).toHaveLength(2);
    expect(limited.total).toBeGreaterThan(2);
  });

  it('GET /items: the items now, filtered, sorted and paged; counts agree with the metrics', async () => {
    const after = { from: '2026-02-01', to: '2026-03-10' };
    for (const scope of SCOPES.filter((s) => Object.keys(s).length > 0)) {
      const response = await get(`/api/v1/items?${query({ ...scope, state: 'in-progress', limit: 500 })}`);
      expect(response.statusCode).toBe(200);
      expectDocumented('items', response);
      const doc = response.json();
      // Nothing happens after the demo's end: the work in progress now is the load at any later instant.
      const m = engine.metrics({ fromMs: Date.parse(after.from), toMs: Date.parse(after.to), ...scope });
      expect(doc.total).toBe(m.flow.load.atEnd);
      expect(doc.byState.waiting + doc.byState.active).toBe(doc.total);
      expect(doc.byStatus.reduce((n: number, s: { items: number }) => n + s.items, 0)).toBe(doc.total);
      // Oldest first by default, ages at the server's clock.
      const ages = doc.items.map((i: { age: number }) => i.age);
      expect(ages).toEqual([...ages].sort((a: number, b: number) => b - a));
      for (const i of doc.items) {
        expect(['waiting', 'active']).toContain(i.state);
        expect(i.age).toBe((NOW - Date.parse(i.startedAt)) / 1000);
      }
    }
    // Every item of the team, in its states.
    const all = await json(`/api/v1/items?${query({ team: 't-checkout', limit: 1 })}`);
    const states = Object.values(all.byState as Record<string, number>).reduce((n, c) => n + c, 0);
    expect(all.total).toBe(states);
    const done = await json(
      `/api/v1/items?${query({ team: 't-checkout', state: 'done', sort: 'completedAt', order: 'asc', limit: 50 })}`,
    );
    expect(done.total).toBe(all.byState.done);
    const completed = done.items.map((i: { completedAt: string }) => i.completedAt);
    expect(completed).toEqual([...completed].sort());
    for (const i of done.items)
      expect(i.flowTime).toBe((Date.parse(i.completedAt) - Date.parse(i.startedAt)) / 1000);
    // Paging: the second page continues the first.
    const first = await json(
      `/api/v1/items?${query({ team: 't-checkout', sort: 'id', order: 'asc', limit: 10 })}`,
    );
    const second = await json(
      `/api/v1/items?${query({ team: 't-checkout', sort: 'id', order: 'asc', limit: 10, offset: 10 })}`,
    );
    const ids = [...first.items, ...second.items].map((i: { id: string }) => i.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(20);
    // Flow type and status filters.
    const defects = await json(
      `/api/v1/items?${query({ team: 't-checkout', flowType: 'defect', limit: 500 })}`,
    );
    expect(defects.items.every((i: { flowType: string }) => i.flowType === 'defect')).toBe(true);
    const status = first.items[0].status as string;
    const inStatus = await json(`/api/v1/items?${query({ team: 't-checkout', status, limit: 500 })}`);
    expect(inStatus.items.every((i: { status: string }) => i.status === status)).toBe(true);
    expect(inStatus.total).toBe(all.byStatus.find((s: { status: string }) => s.status === status).items);
    // Text: the title, in any case, or the id.
    const byTitle = await json(`/api/v1/items?${query({ team: 't-ledger', q: 'MOVED BEFORE' })}`);
    expect(byTitle.items.map((i: { id: string }) => i.id)).toEqual(['M-3']);
    expect(byTitle.items[0]).toMatchObject({
      title: 'Moved before it was created',
      type: 'Task',
      team: 't-ledger',
    });
    const byId = await json(`/api/v1/items?${query({ team: 't-ledger', q: 'm-2' })}`);
    expect(byId.items.map((i: { id: string }) => i.id)).toEqual(['M-2']);
    // No team: the organisation's list has it; an explicit asOf sets the ages.
    const org = await json(`/api/v1/items?${query({ q: 'orphan', asOf: '2026-01-06' })}`);
    expect(org.items).toHaveLength(1);
    expect(org.items[0]).toMatchObject({ id: 'M-1', team: null, state: 'waiting', age: 14 * 3600 });
  });

  it('GET /items refuses what it does not understand, naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      [query({ state: 'sleeping' }), /state/],
      [query({ sort: 'colour' }), /sort/],
      [query({ limit: 0 }), /limit/],
      [query({ team: 't-nope' }), /team.*t-nope/],
      [query({ team: 't-checkout', valueStream: 'vs-webshop' }), /one scope/],
      [query({ asOf: 'yesterday' }), /asOf/],
      [query({ colour: 'red' }), /colour: unknown parameter/],
    ];
    for (const [search, message] of cases) {
      const response = await get(`/api/v1/items?${search}`);
      expect(response.statusCode, search).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(response.json().error.message).toMatch(message);
    }
    const trend = await get(`/api/v1/metrics/trend?${query({ ...PERIOD, bucket: 'day' })}`);
    expect(trend.statusCode).toBe(400);
    const empty = await get(`/api/v1/metrics/completed?${query({ from: '2026-01-02', to: '2026-01-01' })}`);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/period is empty/);
  });

  it('GET /data-quality/items: the items behind the counts of GET /metrics', async () => {
    for (const scope of [...SCOPES, { team: 't-ledger' }]) {
      const response = await get(`/api/v1/data-quality/items?${query(scope)}`);
      expect(response.statusCode).toBe(200);
      expectDocumented('dataQuality', response);
      const doc = response.json();
      const q = engine.metrics({
        fromMs: Date.parse(PERIOD.from),
        toMs: Date.parse(PERIOD.to),
        ...scope,
      }).dataQuality;
      const strip = <T extends { examples: unknown }>(rows: T[]) =>
        rows.map(({ examples: _e, ...rest }) => rest);
      expect(strip(doc.unmappedStatuses)).toEqual(q.unmappedStatuses);
      expect(strip(doc.unmappedTypes)).toEqual(q.unmappedTypes);
      expect(doc.itemsWithoutTeam.count).toBe(q.itemsWithoutTeam);
      expect(doc.statusDisagreements.count).toBe(q.statusDisagreements);
      expect(doc.changesBeforeCreation.count).toBe(q.changesBeforeCreation);
      for (const row of [...doc.unmappedStatuses, ...doc.unmappedTypes]) {
        expect(row.examples.length).toBe(Math.min(10, row.items));
        const ids = row.examples.map((e: { source: string; id: string }) => `${e.source}\u0000${e.id}`);
        expect(ids).toEqual([...ids].sort());
      }
    }
    const org = await json('/api/v1/data-quality/items');
    expect(org.itemsWithoutTeam).toEqual({ count: 1, examples: [{ source: 'csv:misc', id: 'M-1' }] });
    expect(org.statusDisagreements.examples).toContainEqual({ source: 'csv:misc', id: 'M-2' });
    expect(org.changesBeforeCreation.examples).toContainEqual({ source: 'csv:misc', id: 'M-3' });
    expect(org.unmappedStatuses.map((s: { status: string }) => s.status)).toContain('Parked');
    const ledger = await json(`/api/v1/data-quality/items?${query({ team: 't-ledger' })}`);
    expect(ledger.itemsWithoutTeam.count).toBe(0);
    expect(ledger.changesBeforeCreation.examples).toContainEqual({ source: 'csv:misc', id: 'M-3' });
  });

  it('GET /extent: the first and last activity', async () => {
    const response = await get('/api/v1/extent');
    expect(response.statusCode).toBe(200);
    expectDocumented('extent', response);
    const doc = response.json();
    expect(doc.items).toBe(engine.index.live);
    expect(Date.parse(doc.lastActivity)).toBeLessThan(NOW);
    expect(Date.parse(doc.lastActivity)).toBeGreaterThan(NOW - 7 * 86_400_000);
    expect(Date.parse(doc.firstActivity)).toBeLessThan(Date.parse('2024-03-02T00:00:00Z'));
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await json('/api/v1/openapi.json');
    for (const path of [
      '/metrics/trend',
      '/metrics/statuses',
      '/metrics/completed',
      '/items',
      '/data-quality/items',
      '/extent',
    ])
      expect(Object.keys(doc.paths)).toContain(`/api/v1${path}`);
    const params = doc.paths['/api/v1/items'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining([
        'team',
        'state',
        'flowType',
        'status',
        'q',
        'sort',
        'order',
        'limit',
        'offset',
        'asOf',
      ]),
    );
  });
});

describe('web UI API on an empty database', () => {
  it('answers with empty views, not errors', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const store = await db.open();
      const app = await buildServer({ auth: { mode: 'trusted' }, store, webRoot: null });
      const get = async (url: string) => (await app.inject({ method: 'GET', url })).json();
      expect(await get('/api/v1/extent')).toEqual({ items: 0, firstActivity: null, lastActivity: null });
      const trend = await get(`/api/v1/metrics/trend?${query(PERIOD)}`);
      expect(trend.buckets[0].velocity.total).toBe(0);
      expect(trend.buckets[0].flowTime.median).toBeNull();
      expect((await get(`/api/v1/metrics/completed?${query(PERIOD)}`)).percentiles).toEqual({
        p50: null,
        p85: null,
        p95: null,
      });
      expect((await get(`/api/v1/metrics/statuses?${query(PERIOD)}`)).statuses).toEqual([]);
      expect((await get('/api/v1/items')).total).toBe(0);
      await app.close();
    } finally {
      await db.destroy();
    }
  });
});
