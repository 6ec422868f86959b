/**
 * Webhook deliveries that arrive together are decided in arrival order and written together (on
 * SQLite in one transaction), yet each stays its own delivery: its own answer and counts, its own
 * import batch and audit entry, its own duplicate check — and one that cannot be written fails
 * alone, without taking the others of its group with it.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/log.js';
import { MetricsEngine } from '../src/engine/index.js';
import { buildServer } from '../src/server/index.js';
import type { BatchInput } from '../src/store/index.js';
import { count } from './support/connectors.js';
import { describeEachStore, type TestStore, useTestStore } from './support/stores.js';

const SECRET = 'group-secret';
const REPO = 'acme/groups';

function issueDelivery(number: number, deliveryId = `d-${number}`) {
  const body = JSON.stringify({
    action: 'opened',
    repository: { full_name: REPO },
    issue: {
      number,
      title: `Grouped issue ${number}`,
      state: 'open',
      created_at: '2026-01-05T10:00:00Z',
      updated_at: '2026-01-05T10:00:00Z',
      labels: [],
      user: { login: 'ana' },
    },
  });
  return { body, deliveryId, event: 'issues' };
}

describeEachStore('webhook deliveries written in groups', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });
  let app: FastifyInstance;
  let engine: MetricsEngine;
  let groupCommits: number[];

  beforeEach(async () => {
    groupCommits = [];
    // The real store, with its group commits counted (how many batches each one carried).
    const log = opened.store.importLog;
    if (log.commitBatches !== undefined) {
      const commitBatches = log.commitBatches.bind(log);
      (log as { commitBatches: typeof commitBatches }).commitBatches = (inputs: readonly BatchInput[]) => {
        groupCommits.push(inputs.length);
        return commitBatches(inputs);
      };
    }
    engine = await MetricsEngine.open(opened.store);
    app = await buildServer({
      auth: { mode: 'trusted' },
      store: opened.store,
      engine,
      webhooks: { config: null, env: { FLOWLENS_WEBHOOK_SECRET_GITHUB: SECRET } },
      webRoot: null,
    });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await engine.close();
  });

  const post = (delivery: { body: string; deliveryId: string; event: string }) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/github',
      headers: {
        'content-type': 'application/json',
        'x-github-event': delivery.event,
        'x-github-delivery': delivery.deliveryId,
        'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`,
      },
      payload: delivery.body,
    });

  it('60 deliveries at once: each answered, counted and logged as itself, in fewer transactions', async () => {
    const deliveries = Array.from({ length: 60 }, (_, i) => issueDelivery(i + 1));
    // The same delivery id twice in the burst, an odd shape, and an event Flowlens does not read.
    const twice = issueDelivery(7, 'd-7');
    const odd = {
      body: JSON.stringify({ action: 'opened', issue: null }),
      deliveryId: 'odd-1',
      event: 'issues',
    };
    const star = { body: JSON.stringify({ action: 'created' }), deliveryId: 'star-1', event: 'star' };
    const all = [...deliveries.slice(0, 30), twice, odd, star, ...deliveries.slice(30)];
    let refreshes = 0;
    const counting = engine.onRefresh(() => refreshes++);
    const answers = await Promise.all(all.map(post));
    counting();

    const stored = answers.filter((a) => a.statusCode === 200 && a.json().status === 'stored');
    expect(stored).toHaveLength(60);
    for (const answer of stored)
      expect(answer.json()).toMatchObject({ records: 1, rejected: 0, counts: { workItem: { inserted: 1 } } });
    expect(answers[30]?.json()).toMatchObject({ status: 'duplicate', duplicate: true, deliveryId: 'd-7' });
    expect(answers[31]?.statusCode).toBe(202);
    expect(answers[31]?.json()).toMatchObject({ status: 'quarantined', deliveryId: 'odd-1' });
    expect(answers[32]?.statusCode).toBe(204);

    expect(await count(opened.store, 'work_items')).toBe(60);
    expect(await count(opened.store, 'webhook_deliveries')).toBe(61);
    // One import batch per written delivery (60 stored + 1 quarantined), numbered in order.
    const batches = await opened.store.db
      .selectFrom('import_batches')
      .innerJoin('import_files', 'import_files.id', 'import_batches.file_id')
      .where('import_files.path', '=', 'webhook:github')
      .select(['import_batches.records', 'import_batches.first_line', 'import_batches.last_line'])
      .orderBy('import_batches.id')
      .execute();
    expect(batches).toHaveLength(61);
    expect(batches.map((b) => Number(b.records)).reduce((a, b) => a + b, 0)).toBe(60);
    const lines = batches.map((b) => Number(b.last_line));
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    const verified = await verifyAudit(opened.store);
    expect(verified.ok, JSON.stringify(verified)).toBe(true);

    // Every answered delivery is in the metrics when its answer arrives.
    for (const n of [1, 30, 60])
      expect(await engine.item(`github:${REPO}`, `${REPO}#${n}`)).toMatchObject({
        item: { title: `Grouped issue ${n}` },
      });
    // On SQLite the burst shared transactions; PostgreSQL writes each delivery in its own.
    if (kind === 'sqlite') {
      expect(groupCommits.reduce((a, b) => a + b, 0)).toBe(61);
      expect(groupCommits.length).toBeLessThan(61);
      expect(Math.max(...groupCommits)).toBeGreaterThan(1);
      // The deliveries of a group share one refresh (at most one per group).
      expect(refreshes).toBeGreaterThan(0);
      expect(refreshes).toBeLessThanOrEqual(groupCommits.length);
    }
  });

  it('a delivery that cannot be written fails alone; the rest of its group is stored', async () => {
    // A fault in the database that only this delivery meets (a trigger refusing its row).
    if (kind === 'sqlite')
      await sql
        .raw(
          `CREATE TEMP TRIGGER refuse_poison BEFORE INSERT ON main.webhook_deliveries
           WHEN NEW.delivery_id = 'poison' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
        )
        .execute(opened.store.db);
    else {
      await sql
        .raw(
          `CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN IF NEW.delivery_id = 'poison' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
        )
        .execute(opened.store.db);
      await sql
        .raw(
          'CREATE TRIGGER refuse_poison BEFORE INSERT ON webhook_deliveries FOR EACH ROW EXECUTE FUNCTION refuse_poison()',
        )
        .execute(opened.store.db);
    }
    const deliveries = Array.from({ length: 20 }, (_, i) => issueDelivery(i + 1));
    deliveries.splice(10, 0, issueDelivery(999, 'poison'));
    const answers = await Promise.all(deliveries.map(post));

    expect(answers[10]?.statusCode).toBeGreaterThanOrEqual(500);
    const others = answers.filter((_, i) => i !== 10);
    for (const answer of others) expect(answer.json()).toMatchObject({ status: 'stored', records: 1 });
    expect(await count(opened.store, 'work_items')).toBe(20);
    const poisoned = await opened.store.db
      .selectFrom('work_items')
      .select('id')
      .where('id', '=', `${REPO}#999`)
      .execute();
    expect(poisoned).toEqual([]);
    expect((await verifyAudit(opened.store)).ok).toBe(true);
    if (kind === 'sqlite') expect(Math.max(...groupCommits)).toBeGreaterThan(1);
  });
});
