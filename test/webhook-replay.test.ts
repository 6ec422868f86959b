/**
 * Replaying kept webhook deliveries after a fix (hostile-input.md case 9), on both stores, through
 * the admin API (`GET /api/v1/webhooks/deliveries`, `POST …/{id}/replay`) and the CLI
 * (`flowlens webhooks list|replay`). Deliveries are real signed Jira deliveries (DevLake's recorded
 * issue EE-1 and its changelog) posted to the live route; Jira's field and status look-ups answer
 * from a local replay server.
 *
 * The fix is a configuration change, as in practice: the Jira webhook sends project EE, which no
 * source of flowlens.yaml covers yet, so its deliveries are set aside (202 `quarantined`, payload
 * kept); once EE is added, the replay stores them exactly once — the row says `stored`, an audit
 * entry names who replayed — and a kept `jira:issue_deleted` tombstones the item. A payload still
 * unreadable (a `null` changelog) stays quarantined with today's reason.
 */
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEntity } from '../src/admin/index.js';
import { createApiToken } from '../src/auth/tokens.js';
import { configSchema, type FlowlensConfig } from '../src/connectors/index.js';
import { MetricsEngine } from '../src/engine/index.js';
import { buildServer } from '../src/server/index.js';
import { cli } from './support/cli.js';
import { count, rows } from './support/connectors.js';
import { type JiraReplay, jiraHandler, jiraIssues } from './support/devlake.js';
import { ReplayServer } from './support/replay-server.js';
import { describeEachStore, type TestStore, useTestStore } from './support/stores.js';

const JIRA_SECRET = 'replay-jira-secret';
const env = {
  FLOWLENS_WEBHOOK_SECRET_JIRA: JIRA_SECRET,
  JIRA_EMAIL: 'ana@example.com',
  JIRA_TOKEN: 'jira-token',
};

/** A Jira `jira:issue_updated` (or other event) delivery of EE-1's changelog entry 12025. */
function jiraDelivery(event = 'jira:issue_updated'): Record<string, unknown> {
  const issue = structuredClone(jiraIssues().find((i) => i.key === 'EE-1')!);
  const history = (
    issue.changelog!.histories as { id: string; created: string; items: { field: string }[] }[]
  ).find((h) => h.id === '12025')!;
  return {
    timestamp: Date.parse(history.created.replace(/(\d{2})(\d{2})$/, '$1:$2')),
    webhookEvent: event,
    user: { accountId: '5e9711ba34f7b90c0fbc37d3', displayName: 'Rankin Zheng' },
    issue: { ...issue, changelog: undefined },
    changelog: { id: history.id, items: history.items },
  };
}

function jiraConfig(url: string, projects: string[]): FlowlensConfig {
  return configSchema.parse({ sources: [source(url, projects)] });
}

function source(url: string, projects: string[]) {
  return {
    kind: 'jira',
    name: 'jira-main',
    url,
    projects,
    allowPrivateNetwork: true,
    credentials: { user: 'JIRA_EMAIL', token: 'JIRA_TOKEN' },
  };
}

describeEachStore('webhook replay', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });
  let jira: ReplayServer;
  let engine: MetricsEngine;
  let app: FastifyInstance | null = null;
  let clock: number;

  beforeEach(async () => {
    const replay: JiraReplay = {
      issues: jiraIssues(),
      changelogs: new Map(),
      deployment: 'cloud',
      timeZone: 'UTC',
      authorization: `Basic ${Buffer.from('ana@example.com:jira-token').toString('base64')}`,
      maxPage: 50,
    };
    jira = await ReplayServer.start(jiraHandler(replay));
    engine = await MetricsEngine.open(opened.store);
    clock = Date.parse('2026-03-02T10:00:00Z');
  });
  afterEach(async () => {
    await app?.close();
    app = null;
    await engine.close();
    await jira.close();
  });

  /** A server on the store with flowlens.yaml covering these Jira projects. */
  const serve = async (projects: string[]) => {
    await app?.close();
    app = await buildServer({
      store: opened.store,
      engine,
      auth: { mode: 'required' },
      webhooks: { config: jiraConfig(jira.url, projects), env },
      webRoot: null,
      now: () => clock,
    });
    await app.ready();
    return app;
  };
  const postJira = (payload: unknown, delivery: string) => {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return app!.inject({
      method: 'POST',
      url: '/api/v1/webhooks/jira',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature': `sha256=${createHmac('sha256', JIRA_SECRET).update(body).digest('hex')}`,
        'x-atlassian-webhook-identifier': delivery,
      },
      payload: body,
    });
  };
  const delivery = async (id: string) =>
    (await rows(opened.store, 'webhook_deliveries', 'delivery_id')).find((d) => d.delivery_id === id);

  it('API: a delivery set aside for a project no source covers is stored once after the project is added; a still-odd shape stays quarantined', async () => {
    await serve(['OPS']);
    const admin = await createApiToken(opened.store, { name: 'ops-admin', role: 'admin', actor: 'root' });
    const viewer = await createApiToken(opened.store, { name: 'reader', role: 'viewer', actor: 'root' });
    await createEntity(opened.store, { actor: 'root' }, 'portfolio', { id: 'p1', name: 'P1' });
    await createEntity(opened.store, { actor: 'root' }, 'valueStream', {
      id: 'vs1',
      name: 'VS1',
      parent: 'p1',
    });
    const restricted = await createApiToken(opened.store, {
      name: 'vs1-admin',
      role: 'admin',
      valueStream: 'vs1',
      actor: 'root',
    });
    const call = (method: 'GET' | 'POST', url: string, token: string | null = admin.token) =>
      app!.inject({
        method,
        url,
        ...(token === null ? {} : { headers: { authorization: `Bearer ${token}` } }),
      });

    // Received while EE is not configured: set aside with the payload, nothing imported.
    const unrouted = await postJira(jiraDelivery(), 'd-unrouted');
    expect(unrouted.statusCode, unrouted.body).toBe(202);
    expect(unrouted.json()).toMatchObject({ status: 'quarantined' });
    expect(unrouted.json().reason).toContain('no configured Jira source covers EE-1');
    clock += 1000;
    expect((await postJira(jiraDelivery('jira:issue_deleted'), 'd-deleted')).json()).toMatchObject({
      status: 'quarantined',
    });
    clock += 1000;
    const odd0 = await postJira({ ...jiraDelivery(), changelog: null }, 'd-null');
    expect(odd0.json()).toMatchObject({ status: 'quarantined' });
    expect(odd0.json().reason).toContain('no configured Jira source covers EE-1');
    expect(await count(opened.store, 'work_items')).toBe(0);

    // The list: admins only, newest first, payload sizes but no payloads.
    expect((await call('GET', '/api/v1/webhooks/deliveries', null)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/webhooks/deliveries', viewer.token)).statusCode).toBe(403);
    expect(
      (await call('POST', '/api/v1/webhooks/deliveries/d-unrouted/replay', viewer.token)).statusCode,
    ).toBe(403);
    // Deliveries span value streams: an admin restricted to one is refused.
    const narrow = await call('GET', '/api/v1/webhooks/deliveries', restricted.token);
    expect(narrow.statusCode).toBe(403);
    expect(narrow.json().error.message).toContain('restricted to value stream "vs1"');
    expect(
      (await call('POST', '/api/v1/webhooks/deliveries/d-unrouted/replay', restricted.token)).statusCode,
    ).toBe(403);
    const listed = await call('GET', '/api/v1/webhooks/deliveries?status=quarantined');
    expect(listed.statusCode, listed.body).toBe(200);
    const deliveries = listed.json().deliveries as Record<string, unknown>[];
    expect(deliveries.map((d) => d.deliveryId)).toEqual(['d-null', 'd-deleted', 'd-unrouted']);
    expect(deliveries[2]).toMatchObject({
      provider: 'jira',
      event: 'jira:issue_updated',
      status: 'quarantined',
      records: 0,
      payloadBytes: Buffer.byteLength(JSON.stringify(jiraDelivery())),
    });
    expect(deliveries[2]).not.toHaveProperty('payload');
    expect((await call('GET', '/api/v1/webhooks/deliveries?status=odd')).statusCode).toBe(400);

    // Replayed before the fix: still quarantined, for the same reason.
    const early = await call('POST', '/api/v1/webhooks/deliveries/d-unrouted/replay');
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json()).toMatchObject({ status: 'quarantined', before: 'quarantined', records: 0 });
    expect(await count(opened.store, 'work_items')).toBe(0);

    // The fix: EE is added to the source in flowlens.yaml (the server restarted with it).
    await serve(['OPS', 'EE']);
    clock += 60_000;
    const replayed = await call('POST', '/api/v1/webhooks/deliveries/d-unrouted/replay');
    expect(replayed.statusCode, replayed.body).toBe(200);
    expect(replayed.json()).toEqual({
      provider: 'jira',
      deliveryId: 'd-unrouted',
      event: 'jira:issue_updated',
      before: 'quarantined',
      status: 'stored',
      records: 2,
      rejected: 0,
      reason: null,
    });
    expect(await delivery('d-unrouted')).toMatchObject({
      status: 'stored',
      records: 2,
      reason: null,
      payload: null,
      received_at: clock,
    });
    expect((await rows(opened.store, 'work_items')).map((i) => [i.source, i.id])).toEqual([
      ['jira:jira-main', 'EE-1'],
    ]);
    expect((await rows(opened.store, 'transitions')).map((t) => t.id)).toEqual(['12025']);
    const audit = await rows(opened.store, 'audit_log', 'seq');
    // One audit entry per replay: the one before the fix (still set aside) and this one.
    expect(audit.filter((a) => a.actor === 'webhook-replay:token:ops-admin')).toMatchObject([
      { action: 'import.batch', target: 'webhook-replay:jira' },
      { action: 'import.batch', target: 'webhook-replay:jira' },
    ]);
    // The metrics include it (the route refreshed the engine).
    expect(engine.index.live).toBe(1);

    // Handled now: a second replay is refused; the sender's redelivery is a duplicate; stored once.
    const again = await call('POST', '/api/v1/webhooks/deliveries/d-unrouted/replay');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('is stored, not quarantined or rejected');
    expect((await postJira(jiraDelivery(), 'd-unrouted')).json()).toMatchObject({ duplicate: true });
    expect(await count(opened.store, 'transitions')).toBe(1);

    // The kept deletion, replayed: the item leaves the metrics, a tombstone and an audit entry keep it.
    const deleted = await call('POST', '/api/v1/webhooks/deliveries/d-deleted/replay');
    expect(deleted.json()).toMatchObject({ status: 'deleted', records: 1 });
    expect(await count(opened.store, 'work_items')).toBe(0);
    expect(await rows(opened.store, 'item_tombstones')).toMatchObject([
      { source: 'jira:jira-main', id: 'EE-1', via: 'webhook-replay:jira' },
    ]);
    expect(
      (await rows(opened.store, 'audit_log', 'seq')).filter((a) => a.action === 'item.delete'),
    ).toHaveLength(1);
    expect(engine.index.live).toBe(0);
    expect(await delivery('d-deleted')).toMatchObject({ status: 'deleted', payload: null });

    // Its project is covered now, but its shape is still odd: it stays quarantined with the new
    // reason, the payload kept.
    const odd = await call('POST', '/api/v1/webhooks/deliveries/d-null/replay');
    expect(odd.json()).toMatchObject({
      status: 'quarantined',
      reason: 'unexpected payload: changelog is missing or not an object',
    });
    expect((await delivery('d-null'))!.payload).toBe(JSON.stringify({ ...jiraDelivery(), changelog: null }));

    const missing = await call('POST', '/api/v1/webhooks/deliveries/nope/replay');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('flowlens webhooks list');
    const stored = await call('GET', '/api/v1/webhooks/deliveries?status=stored&provider=jira');
    expect(stored.json().deliveries.map((d: { deliveryId: string }) => d.deliveryId)).toEqual(['d-unrouted']);
  });

  it('CLI: webhooks list shows what was set aside; replay --all-quarantined stores them after the fix, a body that is not JSON stays rejected', async () => {
    await serve(['OPS']);
    await postJira(jiraDelivery(), 'c-unrouted');
    clock += 1000;
    const bad = await postJira('{"webhookEvent": "jira:issue_updated", ', 'c-bad');
    expect(bad.statusCode).toBe(400);
    await app!.close();
    app = null;
    const db = ['--db', opened.database.location];
    const yaml = (projects: string[]) => {
      const path = join(opened.database.dir, `flowlens-${projects.join('-')}.yaml`);
      writeFileSync(
        path,
        [
          'sources:',
          '  - kind: jira',
          '    name: jira-main',
          `    url: ${jira.url}`,
          `    projects: [${projects.join(', ')}]`,
          '    allowPrivateNetwork: true',
          '    credentials: { user: JIRA_EMAIL, token: JIRA_TOKEN }',
          '',
        ].join('\n'),
      );
      return path;
    };

    const list = await cli(['webhooks', 'list', ...db], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('jira  c-unrouted  jira:issue_updated  quarantined (0 records)');
    expect(list.stdout).toContain('c-bad');
    expect(list.stdout).toContain('rejected');
    expect(list.stdout).toContain('2 deliveries.');
    const quarantined = JSON.parse(
      (await cli(['webhooks', 'list', '--status', 'quarantined', '--json', ...db], env)).stdout,
    );
    expect(quarantined.deliveries.map((d: { deliveryId: string }) => d.deliveryId)).toEqual(['c-unrouted']);

    // Not fixed yet: still quarantined, exit 1.
    const early = await cli(
      ['webhooks', 'replay', '--all-quarantined', '--config', yaml(['OPS']), '--json', ...db],
      env,
    );
    expect(early.code).toBe(1);
    expect(JSON.parse(early.stdout).results).toMatchObject([
      { deliveryId: 'c-unrouted', status: 'quarantined' },
    ]);

    // After adding EE: stored, exit 0.
    const fixed = await cli(
      ['webhooks', 'replay', '--all-quarantined', '--source', 'jira', '--config', yaml(['OPS', 'EE']), ...db],
      env,
    );
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain(
      'jira c-unrouted (jira:issue_updated, was quarantined): stored 2 record(s)',
    );
    expect(fixed.stdout).toContain('Replayed 1 delivery: 1 stored, 0 still set aside.');
    expect(await count(opened.store, 'work_items')).toBe(1);
    // One audit entry per replay (the one before the fix, and this one).
    expect(
      (await rows(opened.store, 'audit_log', 'seq')).filter((a) => a.actor === 'webhook-replay:local'),
    ).toHaveLength(2);

    // A body that is not JSON stays rejected (exit 1); a replayed one is refused, naming why.
    const rejected = await cli(
      ['webhooks', 'replay', 'c-bad', '--config', yaml(['OPS', 'EE']), '--json', ...db],
      env,
    );
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout).results).toMatchObject([{ deliveryId: 'c-bad', status: 'rejected' }]);
    const twice = await cli(['webhooks', 'replay', 'c-unrouted', ...db], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('c-unrouted: not replayed: the jira delivery "c-unrouted" is stored');

    // Usage errors name the fix.
    const none = await cli(['webhooks', 'replay', ...db], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give --all-quarantined');
    const tool = await cli(['webhooks', 'list', '--source', 'svn', ...db], env);
    expect(tool.code).toBe(2);
    expect(tool.stderr).toContain(
      '--source: "svn" is not a webhook sender; give one of github, gitlab, jira',
    );
  });
});
