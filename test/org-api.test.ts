/**
 * The organisation, role and mapping editor routes of the HTTP API on both stores: every answer is
 * checked against its documented response schema; edits name their actor in X-Flowlens-Actor; a
 * move through the API changes the metrics by scope at once; a saved mapping starts a background
 * recomputation whose progress the API shows and after which the metrics follow; a restore gives
 * the previous metrics back; errors are JSON that names what is wrong.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import { orgResponses } from '../src/server/org-schemas.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

/** The documented schema, closed wherever it lists properties (an undocumented field fails). */
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
function documented(route: keyof typeof orgResponses, response: LightMyRequestResponse) {
  const schema = (orgResponses[route] as Record<number, unknown>)[response.statusCode];
  expect(
    schema,
    `no documented ${response.statusCode} response for ${route}: ${response.body}`,
  ).toBeDefined();
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(closed(schema) as object);
    validators.set(schema, validate);
  }
  const body = response.json();
  expect(validate(body) ? [] : validate.errors).toEqual([]);
  return body;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6);
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const NOW = T0 + 40 * DAY;
const SRC = 'github:acme/payments';
const ENC = encodeURIComponent(SRC);
const PERIOD = `from=${at(0).slice(0, 10)}&to=${at(21).slice(0, 10)}`;

const flowing = (id: string, team: string, start: number) => [
  { kind: 'workItem', source: SRC, id, type: 'bug', status: 'done', createdAt: at(0), team },
  { kind: 'transition', source: SRC, item: id, at: at(start), from: 'todo', to: 'in review' },
  { kind: 'transition', source: SRC, item: id, at: at(start + 3), from: 'in review', to: 'done' },
];
const STATUSES = {
  todo: { stage: 'create', state: 'waiting' },
  'in review': { stage: 'create', state: 'waiting' },
  done: { stage: 'release', state: 'done' },
};
const ORG = [
  { kind: 'portfolio', id: 'p1', name: 'Payments & Platform' },
  { kind: 'valueStream', id: 'vs-pay', name: 'Payments', portfolio: 'p1' },
  { kind: 'valueStream', id: 'vs-core', name: 'Core', portfolio: 'p1' },
  { kind: 'team', id: 't-api', name: 'Payments API', valueStream: 'vs-pay' },
  { kind: 'team', id: 't-ledger', name: 'Ledger', valueStream: 'vs-pay' },
  { kind: 'service', id: 'svc-api', team: 't-api', name: 'API' },
  { kind: 'person', id: 'p-rahul', name: 'Rahul Verma' },
  { kind: 'person', id: 'p-yara', name: 'Yara Haddad' },
  { kind: 'role', person: 'p-rahul', role: 'product-owner', team: 't-api' },
  { kind: 'role', person: 'p-yara', role: 'product-manager', valueStream: 'vs-pay' },
  { kind: 'mapping', source: SRC, statuses: STATUSES, types: { bug: 'defect' } },
  ...flowing('1', 't-api', 1),
  ...flowing('2', 't-api', 8),
  ...flowing('3', 't-ledger', 2),
];

describeEachStore('the organisation editor API', (kind) => {
  let t: TestStore;
  let app: FastifyInstance;
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    actor?: string,
  ) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      ...(payload === undefined ? {} : { payload }),
      ...(actor === undefined ? {} : { headers: { 'x-flowlens-actor': actor } }),
    });
  const metrics = async (scope: string) => (await call('GET', `/metrics?${PERIOD}&${scope}`)).json();

  beforeAll(async () => {
    t = await createTestStore(kind);
    const summary = await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', ORG)]);
    expect(summary.totals.rejected).toBe(0);
    app = await buildServer({
      auth: { mode: 'trusted' },
      store: t.store,
      engine: await MetricsEngine.open(t.store),
      webRoot: null,
      now: () => NOW,
    });
  });
  afterAll(async () => {
    await app.close();
    await t.database.destroy();
  });

  it('edits the organisation: create, rename, move (metrics follow at once), archive; with the actor', async () => {
    const created = await call(
      'POST',
      '/org/teams',
      { id: 't-fraud', name: 'Fraud', parent: 'vs-pay' },
      'ana',
    );
    expect(created.statusCode).toBe(201);
    expect(documented('created', created)).toMatchObject({ kind: 'team', id: 't-fraud', parent: 'vs-pay' });
    documented(
      'created',
      await call('POST', '/org/products', { id: 'checkout', name: 'Checkout', parent: 't-api' }),
    );
    documented(
      'created',
      await call('POST', '/org/people', { id: 'p-ines', name: 'Inês', email: 'ines@example.com' }),
    );

    expect((await metrics('valueStream=vs-core')).flow.velocity.total).toBe(0);
    const moved = await call('PATCH', '/org/teams/t-api', { parent: 'vs-core', effectiveAt: at(7) }, 'ana');
    expect(documented('entity', moved).history).toEqual([
      { parent: 'vs-pay', from: null, to: at(7), movedAt: new Date(NOW).toISOString(), movedBy: 'ana' },
    ]);
    // Item 1 (done d4) stays in Payments; item 2 (done d11) is Core's.
    expect((await metrics('valueStream=vs-core')).flow.velocity.total).toBe(1);
    expect((await metrics('valueStream=vs-pay')).flow.velocity.total).toBe(2);

    const renamed = documented(
      'entity',
      await call('PATCH', '/org/value-streams/vs-core', { name: 'Core Banking' }),
    );
    expect(renamed.name).toBe('Core Banking');
    expect(
      documented('entity', await call('PATCH', '/org/teams/t-fraud', { archived: true })).archived,
    ).toMatchObject({
      by: 'local',
    });

    const model = documented('model', await call('GET', '/org/model'));
    expect(model.teams.map((x: { id: string }) => x.id)).toEqual(['t-api', 't-fraud', 't-ledger']);
    expect(
      model.changes.slice(0, 3).map((c: { actor: string; action: string }) => `${c.actor} ${c.action}`),
    ).toEqual(['local archive', 'local update', 'ana move']);
    const team = documented('team', await call('GET', '/org/teams/t-api'));
    expect(team.valueStream).toEqual({ id: 'vs-core', name: 'Core Banking' });
    expect(team.services.map((s: { id: string }) => s.id)).toEqual(['svc-api']);
    expect(team.products.map((s: { id: string }) => s.id)).toEqual(['checkout']);
    expect(team.roles.map((r: { person: string }) => r.person)).toEqual(['p-rahul']);
  });

  it('answers errors as JSON that name what is wrong', async () => {
    const expectError = (response: LightMyRequestResponse, status: number, code: string, message: RegExp) => {
      expect(response.statusCode).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.message).toMatch(message);
    };
    expectError(
      await call('POST', '/org/teams', { id: 't-api', name: 'x' }),
      409,
      'CONFLICT',
      /already a team "t-api"/,
    );
    expectError(await call('PATCH', '/org/teams/nope', { name: 'x' }), 404, 'NOT_FOUND', /no team "nope"/);
    expectError(
      await call('POST', '/org/teams', { id: 't-x', name: 'x', colour: 'red' }),
      400,
      'INVALID_ARGUMENT',
      /colour: unknown body/,
    );
    expectError(await call('PATCH', '/org/teams/t-ledger', {}), 400, 'INVALID_ARGUMENT', /body/);
    expectError(
      await call('PATCH', '/org/teams/t-ledger', { parent: 'vs-core', effectiveAt: 'soon' }),
      400,
      'INVALID_ARGUMENT',
      /effectiveAt: "soon" is not a date/,
    );
    expectError(
      await call('PATCH', '/org/people/p-rahul', { parent: 'x' }),
      400,
      'INVALID_ARGUMENT',
      /parent: unknown body/,
    );
    expectError(
      await call('GET', '/roles?valueStream=vs-none'),
      404,
      'NOT_FOUND',
      /no value stream "vs-none"/,
    );
    expectError(await call('GET', '/roles?maxTeams=0'), 400, 'INVALID_ARGUMENT', /maxTeams/);
    expectError(
      await call('PUT', `/mappings/${ENC}`, {
        statuses: { x: { stage: 'nowhere', state: 'done' } },
        types: {},
      }),
      400,
      'INVALID_ARGUMENT',
      /statuses/,
    );
    expectError(await call('GET', '/mappings/jobs/999'), 404, 'NOT_FOUND', /no recomputation 999/);
    expectError(
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/org/teams/t-ledger',
        payload: { name: 'L' },
        headers: { 'x-flowlens-actor': '' },
      }),
      400,
      'INVALID_ARGUMENT',
      /x-flowlens-actor/,
    );
  });

  it('shows role coverage with gaps and overload, edits assignments and limits, and the network', async () => {
    const roles = documented('roles', await call('GET', `/roles?valueStream=vs-pay&asOf=${at(20)}`));
    const pay = roles.valueStreams[0];
    expect(pay.valueStream).toEqual({ id: 'vs-pay', name: 'Payments' });
    expect(pay.gaps.filter((g: { team?: string }) => g.team !== undefined)).toEqual([
      {
        role: 'product-owner',
        team: 't-ledger',
        why: expect.stringContaining('Ledger (Payments) has no product owner'),
      },
    ]);
    expect(pay.roles['product-manager']).toEqual(['p-yara']);
    const added = await call(
      'POST',
      '/roles/assignments',
      { person: 'p-rahul', role: 'product-owner', team: 't-ledger', from: '2025-01-01' },
      'ana',
    );
    expect(added.statusCode).toBe(201);
    const assignment = documented('assignment', added);
    expect(assignment).toMatchObject({
      person: 'p-rahul',
      team: 't-ledger',
      from: '2025-01-01T00:00:00.000Z',
      current: true,
    });
    expect(
      documented('roles', await call('GET', '/roles?valueStream=vs-pay')).valueStreams[0].gaps.some(
        (g: { team?: string }) => g.team === 't-ledger',
      ),
    ).toBe(false);
    // Rahul, product owner of two teams, is overloaded with a limit of one.
    const strict = documented('roles', await call('GET', '/roles?maxTeams=1'));
    expect(strict.overloaded.map((o: { person: string }) => o.person)).toEqual(['p-rahul']);
    expect(documented('limits', await call('PUT', '/roles/settings', { maxTeams: 1 }))).toEqual({
      maxTeams: 1,
      maxValueStreams: 2,
      maxFacilitatedTeams: 8,
    });
    expect(documented('roles', await call('GET', '/roles')).limits.maxTeams).toBe(1);
    documented('limits', await call('PUT', '/roles/settings', { maxTeams: 3 }));
    const ended = documented(
      'assignment',
      await call('PATCH', `/roles/assignments/${assignment.id}`, { to: at(30) }),
    );
    expect(ended).toMatchObject({ id: assignment.id, to: at(30), current: false });
    const listed = documented('assignments', await call('GET', '/roles/assignments?team=t-ledger'));
    expect(listed.assignments.map((a: { id: string }) => a.id)).toEqual([assignment.id]);
    expect(documented('deleted', await call('DELETE', `/roles/assignments/${assignment.id}`))).toEqual({
      deleted: assignment.id,
    });
    expect((await call('DELETE', `/roles/assignments/${assignment.id}`)).statusCode).toBe(404);

    // Before t-api moved to Core (first test), its product owner and Payments' manager shared Payments.
    const network = documented('network', await call('GET', `/roles/network?asOf=${at(5)}`));
    expect(network.people.map((p: { id: string }) => p.id)).toEqual(['p-rahul', 'p-yara']);
    expect(network.links).toEqual([
      { source: 'p-rahul', target: 'p-yara', valueStreams: ['vs-pay'], dependencies: [] },
    ]);
  });

  it('previews, saves and restores a mapping; the facts are recomputed in the background and the metrics follow', async () => {
    const before = await metrics('');
    const sources = documented('sources', await call('GET', '/mappings'));
    expect(sources.sources.map((s: { source: string }) => s.source)).toEqual([SRC]);
    const detail = documented('source', await call('GET', `/mappings/${ENC}`));
    expect(
      detail.statuses.map((s: { raw: string; items: number; state: string }) => [s.raw, s.items, s.state]),
    ).toEqual([
      ['done', 3, 'done'],
      ['in review', 3, 'waiting'],
      ['todo', 3, 'waiting'],
    ]);
    const edited = {
      statuses: {
        ...STATUSES,
        'in review': { stage: 'create', state: 'active' },
      },
      types: { bug: 'defect' },
      environments: null,
    };
    const preview = documented(
      'preview',
      await call('POST', `/mappings/${ENC}/preview`, { mapping: edited, from: at(0), to: at(21) }),
    );
    expect(preview.organisation.before.efficiency).toBe(before.flow.efficiency);
    expect(preview.organisation.after.efficiency).toBeGreaterThan(before.flow.efficiency);
    expect(preview.changes).toEqual([
      {
        kind: 'status',
        raw: 'in review',
        before: { stage: 'create', state: 'waiting' },
        after: { stage: 'create', state: 'active' },
      },
    ]);

    const saved = documented(
      'save',
      await call('PUT', `/mappings/${ENC}`, { ...edited, note: 'review is work' }, 'ana'),
    );
    expect(saved).toMatchObject({
      saved: true,
      version: { version: 2, savedBy: 'ana', note: 'review is work' },
    });
    expect(saved.job).toMatchObject({ source: SRC, reason: 'version 2 saved' });
    let job = saved.job;
    for (let tries = 0; job.state !== 'done' && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = documented('job', await call('GET', `/mappings/jobs/${saved.job.id}`));
    }
    expect(job).toMatchObject({ state: 'done', done: 3, total: 3 });
    expect(documented('jobs', await call('GET', '/mappings/jobs')).jobs[0].id).toBe(job.id);
    const after = await metrics('');
    expect(after.flow.efficiency).toBe(preview.organisation.after.efficiency);
    expect(after.flow.flowTime).toEqual(preview.organisation.after.flowTime);
    expect(after.flow.stages).toEqual(preview.organisation.after.stages);

    const versions = documented('versions', await call('GET', `/mappings/${ENC}/versions`));
    expect(
      versions.versions.map((v: { version: number; savedBy: string }) => `${v.version} ${v.savedBy}`),
    ).toEqual(['2 ana', '1 import']);
    const restored = documented('save', await call('POST', `/mappings/${ENC}/versions/1/restore`, {}));
    expect(restored.version).toMatchObject({ version: 3, restoredFrom: 1 });
    await app.inject({ method: 'GET', url: '/api/v1/health' });
    for (let tries = 0; tries < 200; tries++) {
      job = documented('job', await call('GET', `/mappings/jobs/${restored.job.id}`));
      if (job.state === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await metrics('')).toEqual(before);

    // A team override, seen and removed.
    const override = documented(
      'save',
      await call('PUT', `/mappings/${ENC}`, {
        team: 't-ledger',
        statuses: { 'in review': { stage: 'create', state: 'active' } },
        types: {},
      }),
    );
    expect(override.version).toMatchObject({ team: 't-ledger', version: 1 });
    const teamView = documented('source', await call('GET', `/mappings/${ENC}?team=t-ledger`));
    expect(teamView.statuses.find((s: { raw: string }) => s.raw === 'in review')).toMatchObject({
      state: 'active',
      overridden: true,
    });
    const removed = documented('save', await call('DELETE', `/mappings/${ENC}/overrides/t-ledger`));
    expect(removed.version).toMatchObject({ removed: true, version: 2 });
  });
});
