/**
 * Hostile and broken webhook deliveries (../shared/docs/hostile-input.md, cases 1–11, 14 and 31):
 * wrong, missing and replayed signatures, re-serialised bodies, oversized and pathological bodies
 * on a real socket, duplicates by each sender's delivery header, malformed JSON, shapes the mapping
 * does not expect (set aside, replayed after a fix), event types Flowlens does not read, our own
 * faults (503 + Retry-After), a replay after the de-duplication window and an issue deleted in Jira.
 * Each test is named after its case and asserts the behaviour the catalogue states.
 */
import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema, type FlowlensConfig } from '../../src/connectors/index.js';
import { MetricsEngine } from '../../src/engine/index.js';
import { buildServer } from '../../src/server/index.js';
import { count, rows } from '../support/connectors.js';
import { type JiraReplay, jiraHandler, jiraIssues, webhookExamples } from '../support/devlake.js';
import { ReplayServer } from '../support/replay-server.js';
import { createTestDatabase, describeEachStore, type TestStore, useTestStore } from '../support/stores.js';

const SECRET = 'hostile-github-secret';
const JIRA_SECRET = 'hostile-jira-secret';
const GITLAB_TOKEN = 'hostile-gitlab-token';
const examples = webhookExamples();
const example = (event: string, action?: string) =>
  structuredClone((examples.get(event) ?? []).find((e) => action === undefined || e.action === action)!);
const sign = (body: string | Buffer, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const DAY = 24 * 60 * 60 * 1000;

const env = {
  FLOWLENS_WEBHOOK_SECRET_GITHUB: SECRET,
  FLOWLENS_WEBHOOK_SECRET_GITLAB: GITLAB_TOKEN,
  FLOWLENS_WEBHOOK_SECRET_JIRA: JIRA_SECRET,
  JIRA_EMAIL: 'ana@example.com',
  JIRA_TOKEN: 'jira-token',
};

/** Log lines the server writes, parsed (pino's JSON lines). */
class LogLines extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line.trim() !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
  messages(pattern: RegExp): string[] {
    return this.lines.map((l) => String(l.msg)).filter((m) => pattern.test(m));
  }
}

function jiraConfig(url: string, maxBodyBytes?: number): FlowlensConfig {
  return configSchema.parse({
    sources: [
      {
        kind: 'jira',
        name: 'jira-ee',
        url,
        projects: ['EE'],
        allowPrivateNetwork: true,
        credentials: { user: 'JIRA_EMAIL', token: 'JIRA_TOKEN' },
      },
    ],
    ...(maxBodyBytes === undefined ? {} : { webhooks: { maxBodyBytes } }),
  });
}

/** A Jira `jira:issue_updated` delivery of EE-1's changelog entry `historyId`. */
function jiraDelivery(historyId = '12025', event = 'jira:issue_updated'): Record<string, unknown> {
  const issue = structuredClone(jiraIssues().find((i) => i.key === 'EE-1')!);
  const history = (
    issue.changelog!.histories as { id: string; created: string; items: { field: string }[] }[]
  ).find((h) => h.id === historyId)!;
  return {
    timestamp: Date.parse(history.created.replace(/(\d{2})(\d{2})$/, '$1:$2')),
    webhookEvent: event,
    user: { accountId: '5e9711ba34f7b90c0fbc37d3', displayName: 'Rankin Zheng' },
    issue: { ...issue, changelog: undefined },
    changelog: { id: history.id, items: history.items },
  };
}

describeEachStore('hostile webhook deliveries', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });
  let app: FastifyInstance;
  let engine: MetricsEngine;
  let jira: ReplayServer;
  let logs: LogLines;
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
    logs = new LogLines();
    clock = Date.parse('2026-03-02T10:00:00Z');
    app = await buildServer({
      store: opened.store,
      engine,
      webhooks: { config: jiraConfig(jira.url, 256 * 1024), env },
      webRoot: null,
      logger: { level: 'info', stream: logs },
      now: () => clock,
    });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await engine.close();
    await jira.close();
  });

  const postGithub = (event: string, body: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/github',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': `gh-${event}-${body.length}`,
        'x-hub-signature-256': sign(body),
        ...headers,
      },
      payload: body,
    });
  const postJira = (payload: unknown, delivery: string, headers: Record<string, string> = {}) => {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/jira',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature': sign(body, JIRA_SECRET),
        'x-atlassian-webhook-identifier': delivery,
        ...headers,
      },
      payload: body,
    });
  };
  const postGitlab = (body: string, headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/gitlab',
      headers: { 'content-type': 'application/json', 'x-gitlab-event': 'Issue Hook', ...headers },
      payload: body,
    });
  const nothingStored = async () => {
    expect(await count(opened.store, 'webhook_deliveries')).toBe(0);
    expect(await count(opened.store, 'work_items')).toBe(0);
    expect(await count(opened.store, 'transitions')).toBe(0);
  };

  it('case 1: a wrong X-Hub-Signature-256 gets 401, stores nothing, and logs one line per 10 s', async () => {
    const body = JSON.stringify(example('issues', 'opened'));
    const wrongSignatures = [
      sign(body, 'not the secret'),
      sign(`${body} `),
      // Shorter and longer than a SHA-256: refused the same way, never an exception.
      `sha256=${'ab'.repeat(31)}`,
      `sha256=${'ab'.repeat(40)}`,
      'sha256=',
    ];
    for (const signature of wrongSignatures) {
      const response = await postGithub('issues', body, { 'x-hub-signature-256': signature });
      expect(response.statusCode, signature).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHORIZED');
    }
    await nothingStored();
    // Rate-limited security log: one line for the five refusals within 10 s, the next after.
    expect(logs.messages(/^webhook refused/)).toHaveLength(1);
    clock += 10_000;
    await postGithub('issues', body, { 'x-hub-signature-256': sign(body, 'still wrong') });
    expect(logs.messages(/^webhook refused/)).toHaveLength(2);
    expect(logs.messages(/^webhook refused/)[0]).toContain('the signature does not match the body');
  });

  it('case 2: a missing signature header gets 401; a Jira sha512= signature gets 401, not 500', async () => {
    const body = JSON.stringify(example('issues', 'opened'));
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/github',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': 'm-1' },
      payload: body,
    });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.message).toBe('the X-Hub-Signature-256 header is missing');

    const jiraBody = JSON.stringify(jiraDelivery());
    const jiraMissing = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/jira',
      headers: { 'content-type': 'application/json', 'x-atlassian-webhook-identifier': 'j-1' },
      payload: jiraBody,
    });
    expect(jiraMissing.statusCode).toBe(401);
    for (const prefix of ['sha512', 'sha1', 'md5', 'SHA256x']) {
      const response = await postJira(jiraBody, 'j-2', {
        'x-hub-signature': `${prefix}=${createHmac('sha512', JIRA_SECRET).update(jiraBody).digest('hex')}`,
      });
      expect(response.statusCode, prefix).toBe(401);
      expect(response.json().error.message).toBe(
        'the x-hub-signature header is not "sha256=<64 hex digits>"',
      );
    }
    await nothingStored();
  });

  it('case 3: a body re-serialised with other whitespace, signed over the original bytes, is rejected', async () => {
    const payload = example('issues', 'opened');
    const original = JSON.stringify(payload);
    for (const reserialised of [JSON.stringify(payload, null, 2), `${original}\n`, ` ${original}`]) {
      const response = await postGithub('issues', reserialised, { 'x-hub-signature-256': sign(original) });
      expect(response.statusCode).toBe(401);
    }
    // The same bytes pass: verification is on the raw body, before any parsing.
    expect((await postGithub('issues', original, { 'x-hub-signature-256': sign(original) })).statusCode).toBe(
      200,
    );
  });

  it('case 5: the same X-GitHub-Delivery, Idempotency-Key or X-Atlassian-Webhook-Identifier gets 200 {duplicate:true}, stored once', async () => {
    // GitHub (payload-only: no GitHub source is configured).
    const issues = JSON.stringify(example('issues', 'opened'));
    const first = await postGithub('issues', issues, { 'x-github-delivery': 'gh-dup' });
    expect(first.statusCode, first.body).toBe(200);
    const again = await postGithub('issues', issues, { 'x-github-delivery': 'gh-dup' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({
      status: 'duplicate',
      duplicate: true,
      event: 'issues',
      deliveryId: 'gh-dup',
      records: 0,
    });

    // GitLab, by Idempotency-Key.
    const hook = JSON.stringify({
      object_kind: 'issue',
      project: { id: 15, path_with_namespace: 'shop/api' },
      object_attributes: {
        id: 301,
        iid: 23,
        title: 'Refunds',
        state: 'opened',
        created_at: '2025-01-06 09:00:00 UTC',
        updated_at: '2025-01-07 10:30:00 UTC',
      },
    });
    const gitlabHeaders = { 'x-gitlab-token': GITLAB_TOKEN, 'idempotency-key': 'gl-dup' };
    expect((await postGitlab(hook, gitlabHeaders)).statusCode).toBe(200);
    expect((await postGitlab(hook, gitlabHeaders)).json()).toMatchObject({
      status: 'duplicate',
      duplicate: true,
    });

    // Jira, by X-Atlassian-Webhook-Identifier; then the same change under another id: still one transition.
    expect((await postJira(jiraDelivery(), 'jira-dup')).statusCode).toBe(200);
    const jiraAgain = await postJira(jiraDelivery(), 'jira-dup');
    expect(jiraAgain.statusCode).toBe(200);
    expect(jiraAgain.json()).toMatchObject({ duplicate: true });
    const resent = await postJira(jiraDelivery(), 'jira-other-id');
    expect(resent.json()).toMatchObject({ status: 'stored', counts: { transition: { unchanged: 1 } } });

    expect(await count(opened.store, 'webhook_deliveries')).toBe(4);
    expect(await count(opened.store, 'work_items')).toBe(3);
    const transitions = await rows(opened.store, 'transitions');
    expect(transitions.filter((t) => t.item === 'EE-1')).toHaveLength(1);
    // Not double-counted in the metrics either: the item has one status change.
    expect((await engine.item('jira:jira-ee', 'EE-1')).history).toHaveLength(1);
  });

  it('case 7: a wrong or missing X-Gitlab-Token gets 401 and stores nothing', async () => {
    const body = JSON.stringify({ object_kind: 'issue', project: { id: 1, path_with_namespace: 'a/b' } });
    const tokens: Record<string, string>[] = [
      {},
      { 'x-gitlab-token': 'wrong' },
      { 'x-gitlab-token': `${GITLAB_TOKEN} ` },
    ];
    for (const headers of tokens) {
      const response = await postGitlab(body, { 'idempotency-key': 'gl-1', ...headers });
      expect(response.statusCode).toBe(401);
    }
    await nothingStored();
  });

  it('case 8: malformed JSON with a valid signature gets 400 and is recorded as a rejected delivery', async () => {
    const broken = '{"action": "opened", "issue": ';
    const response = await postGithub('issues', broken, { 'x-github-delivery': 'gh-broken' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_ARGUMENT');
    expect(response.json().error.message).toMatch(
      /^the body is not valid JSON \(.+\); the delivery is kept as rejected$/,
    );
    expect(await rows(opened.store, 'webhook_deliveries', 'delivery_id')).toMatchObject([
      {
        provider: 'github',
        delivery_id: 'gh-broken',
        event: 'issues',
        status: 'rejected',
        records: 0,
        payload: broken,
      },
    ]);
    // Bytes that are not UTF-8 and a NUL byte: still a clean 400, and storable on both stores.
    const binary = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x22]);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/github',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': 'gh-binary',
        'x-hub-signature-256': sign(binary),
      },
      payload: binary,
    });
    expect(bad.statusCode).toBe(400);
    expect(await count(opened.store, 'webhook_deliveries')).toBe(2);
    expect(await count(opened.store, 'work_items')).toBe(0);
  });

  it('case 9: unexpected shapes get 202 and are quarantined with a reason; a replay after the fix is stored', async () => {
    const nullChangelog = { ...jiraDelivery(), changelog: null };
    const stringNumber = example('issues', 'opened');
    (stringNumber.issue as Record<string, unknown>).number = '1347';
    const noStatus = jiraDelivery();
    delete ((noStatus.issue as { fields: Record<string, unknown> }).fields as Record<string, unknown>).status;

    const cases = [
      [
        await postJira(nullChangelog, 'q-null-changelog'),
        'unexpected payload: changelog is missing or not an object',
      ],
      [
        await postGithub('issues', JSON.stringify(stringNumber), { 'x-github-delivery': 'q-string-number' }),
        'unexpected payload: issue.number is missing or not a number',
      ],
      [
        await postJira(noStatus, 'q-no-status'),
        'unexpected payload: issue.fields.status is missing or not an object',
      ],
      [
        await postGithub('issues', '[1, 2, 3]', { 'x-github-delivery': 'q-array' }),
        'unexpected payload: the payload is not a JSON object',
      ],
    ] as const;
    for (const [response, reason] of cases) {
      expect(response.statusCode, response.body).toBe(202);
      expect(response.json()).toMatchObject({ status: 'quarantined', reason });
    }
    const kept = await rows(opened.store, 'webhook_deliveries', 'delivery_id');
    expect(kept.map((d) => [d.delivery_id, d.status])).toEqual([
      ['q-array', 'quarantined'],
      ['q-no-status', 'quarantined'],
      ['q-null-changelog', 'quarantined'],
      ['q-string-number', 'quarantined'],
    ]);
    // The raw delivery is kept, byte for byte.
    expect(kept.find((d) => d.delivery_id === 'q-null-changelog')!.payload).toBe(
      JSON.stringify(nullChangelog),
    );
    expect(await count(opened.store, 'work_items')).toBe(0);

    // The sender fixes its payload and redelivers the same id: processed again and stored.
    const replay = await postJira(jiraDelivery(), 'q-null-changelog');
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ status: 'stored', records: 2 });
    expect(
      (await rows(opened.store, 'webhook_deliveries', 'delivery_id')).find(
        (d) => d.delivery_id === 'q-null-changelog',
      ),
    ).toMatchObject({ status: 'stored', records: 2, reason: null, payload: null });
    // …and once stored, it is a duplicate like any other.
    expect((await postJira(jiraDelivery(), 'q-null-changelog')).json()).toMatchObject({ duplicate: true });
  });

  it('case 10: an event type Flowlens does not read (star) gets 204, is ignored, and raises nothing', async () => {
    for (const event of ['star', 'fork', 'watch', '']) {
      const response = await postGithub(event, JSON.stringify(example('star')), {
        'x-github-delivery': `s-${event}`,
      });
      expect(response.statusCode, event).toBe(204);
      expect(response.body).toBe('');
    }
    const jiraComment = await postJira({ ...jiraDelivery(), webhookEvent: 'comment_created' }, 'c-1');
    expect(jiraComment.statusCode).toBe(204);
    await nothingStored();
    // Not an error: nothing is logged above info.
    expect(logs.lines.filter((l) => Number(l.level) >= 40)).toEqual([]);
  });

  it('case 11: JSON nested 100,000 (arrays) or 40,000 (objects) levels deep gets 400, a 10 MB array 413; the event loop never blocks 100 ms', async () => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deep = await postGithub('issues', nested, { 'x-github-delivery': 'deep' });
    const deepObject = `${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`;
    const deepObj = await postJira(deepObject, 'deep-object');
    delay.disable();
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.message).toContain('nested deeper than 256 levels');
    expect(deepObj.statusCode).toBe(400);
    expect(delay.max / 1e6).toBeLessThan(100);

    // Over the 256 KiB limit of this server: refused from Content-Length.
    const hugeArray = `[${'0,'.repeat(5 * 1024 * 1024)}0]`;
    const huge = await postGithub('issues', hugeArray, { 'x-github-delivery': 'huge' });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    // A wide but shallow array under the limit is read (and set aside: it is not an event object).
    const wide = `[${'0,'.repeat(100_000)}0]`;
    expect((await postGithub('issues', wide, { 'x-github-delivery': 'wide' })).json()).toMatchObject({
      status: 'quarantined',
    });
    expect(await count(opened.store, 'work_items')).toBe(0);
  });

  it('case 14: a delivery replayed 4 days later is treated as new, and creates no duplicate transition', async () => {
    const first = await postJira(jiraDelivery(), 'jira-old');
    expect(first.json()).toMatchObject({ status: 'stored', counts: { transition: { inserted: 1 } } });
    clock += DAY; // within the 72-hour window: a duplicate
    expect((await postJira(jiraDelivery(), 'jira-old')).json()).toMatchObject({ duplicate: true });
    clock += 3 * DAY; // 4 days after the first receipt
    const replay = await postJira(jiraDelivery(), 'jira-old');
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({
      status: 'stored',
      counts: { workItem: { unchanged: 1 }, transition: { unchanged: 1 } },
    });
    expect((await rows(opened.store, 'transitions')).filter((t) => t.item === 'EE-1')).toHaveLength(1);
    expect(await rows(opened.store, 'webhook_deliveries', 'delivery_id')).toMatchObject([
      { delivery_id: 'jira-old', received_at: clock, status: 'stored' },
    ]);
  });

  it('case 31: jira:issue_deleted tombstones the item: it leaves the metrics, an audit entry is written, it does not come back', async () => {
    expect((await postJira(jiraDelivery('12025'), 'before-delete')).statusCode).toBe(200);
    expect((await engine.item('jira:jira-ee', 'EE-1')).history).toHaveLength(1);
    const liveBefore = engine.index.live;

    const deleted = await postJira(jiraDelivery('12025', 'jira:issue_deleted'), 'delete-1');
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ status: 'deleted', records: 1 });
    expect(await count(opened.store, 'work_items')).toBe(0);
    expect(await count(opened.store, 'transitions')).toBe(0);
    await expect(engine.item('jira:jira-ee', 'EE-1')).rejects.toThrow('there is no work item "EE-1"');
    expect(engine.index.live).toBe(liveBefore - 1);
    const [tombstone] = await rows(opened.store, 'item_tombstones');
    expect(tombstone).toMatchObject({
      source: 'jira:jira-ee',
      id: 'EE-1',
      via: 'webhook:jira',
      deleted_at: clock,
    });
    const record = JSON.parse(String(tombstone!.record)) as {
      workItem: { id: string };
      transitions: unknown[];
    };
    expect(record.workItem.id).toBe('EE-1');
    expect(record.transitions).toHaveLength(1);
    const audit = await rows(opened.store, 'audit_log', 'seq');
    expect(audit.filter((a) => a.action === 'item.delete')).toMatchObject([
      { actor: 'webhook:jira', kind: 'workItem', target: 'jira:jira-ee/EE-1', at: clock },
    ]);

    // A late update about the deleted issue does not bring it back.
    const late = await postJira(jiraDelivery('12025'), 'late-update');
    expect(late.statusCode).toBe(202);
    expect(late.json()).toMatchObject({
      status: 'ignored',
      reason: 'jira:jira-ee/EE-1 was deleted at its source; it is not brought back',
    });
    expect(await count(opened.store, 'work_items')).toBe(0);
    // The deletion delivery again is a duplicate.
    expect((await postJira(jiraDelivery('12025', 'jira:issue_deleted'), 'delete-1')).json()).toMatchObject({
      duplicate: true,
    });
  });
});

describe('hostile webhook deliveries on a real socket', () => {
  it('case 4: 10 MB against a 5 MB limit gets 413 from Content-Length alone and the connection is closed; a chunked body is cut mid-stream; RSS stays flat', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await database.open();
    const app = await buildServer({
      store,
      webhooks: { config: null, env: { FLOWLENS_WEBHOOK_SECRET_GITHUB: SECRET } },
      webRoot: null,
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as { port: number }).port;
      const rssBefore = process.memoryUsage().rss;

      /** Sends the head (and `body` chunks), returns what came back and whether the server closed. */
      const exchange = (head: string, chunks: Buffer[] = []) =>
        new Promise<{ answer: string; closed: boolean; sent: number }>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1');
          let answer = '';
          let sent = 0;
          let closed = false;
          socket.on('data', (data) => {
            answer += data.toString('latin1');
          });
          socket.on('error', () => undefined);
          socket.on('close', () => {
            closed = true;
            resolve({ answer, closed, sent });
          });
          socket.write(head, async () => {
            for (const chunk of chunks) {
              if (socket.destroyed || socket.writableEnded) break;
              const ok = socket.write(`${chunk.length.toString(16)}\r\n`);
              socket.write(chunk);
              socket.write('\r\n');
              sent += chunk.length;
              if (!ok) await new Promise((r) => setTimeout(r, 5));
            }
          });
          setTimeout(() => {
            if (!closed) {
              socket.destroy();
              reject(new Error(`the server kept the connection open; answered: ${answer.slice(0, 200)}`));
            }
          }, 10_000);
        });

      const headers =
        'POST /api/v1/webhooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'X-GitHub-Event: issues\r\nX-GitHub-Delivery: big-1\r\nX-Hub-Signature-256: sha256=00\r\n';
      // Content-Length only: no body byte is sent, so an answer proves nothing was buffered.
      const declared = await exchange(`${headers}Content-Length: ${10 * 1024 * 1024}\r\n\r\n`);
      expect(declared.answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(declared.answer).toContain('PAYLOAD_TOO_LARGE');
      expect(declared.closed).toBe(true);

      // Chunked: 1 MiB chunks up to 10 MiB; the server answers 413 once past 5 MiB and closes.
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const chunked = await exchange(
        `${headers}Transfer-Encoding: chunked\r\n\r\n`,
        Array.from({ length: 10 }, () => chunk),
      );
      // The server answers 413 and closes while the client is still sending; closing a socket
      // with unread bytes resets it, and a reset may drop the answer before the client reads it.
      // What the catalogue asks is that the body is cut: the connection is closed, nothing kept.
      expect(
        chunked.answer === '' || /^HTTP\/1\.1 413 /.test(chunked.answer),
        chunked.answer.slice(0, 80),
      ).toBe(true);
      expect(chunked.closed).toBe(true);
      expect(await count(store, 'webhook_deliveries')).toBe(0);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await app.close();
      await database.destroy();
    }
  });

  it('case 7: our own transient fault (the database locked) gets 503 with Retry-After, never a 4xx', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await database.open();
    const app = await buildServer({
      store,
      webhooks: { config: null, env: { FLOWLENS_WEBHOOK_SECRET_GITLAB: GITLAB_TOKEN } },
      webRoot: null,
    });
    const locker = new Database(database.location);
    try {
      await app.ready();
      locker.exec('BEGIN IMMEDIATE');
      const body = JSON.stringify({
        object_kind: 'issue',
        project: { id: 15, path_with_namespace: 'shop/api' },
        object_attributes: {
          id: 301,
          iid: 23,
          title: 'Refunds',
          state: 'opened',
          created_at: '2025-01-06 09:00:00 UTC',
          updated_at: '2025-01-07 10:30:00 UTC',
        },
      });
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/webhooks/gitlab',
        headers: {
          'content-type': 'application/json',
          'x-gitlab-event': 'Issue Hook',
          'x-gitlab-token': GITLAB_TOKEN,
          'idempotency-key': 'busy-1',
        },
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.json().error.code).toBe('SERVICE_UNAVAILABLE');
      locker.exec('ROLLBACK');
      // The sender's retry, once the lock is gone, is stored.
      const retry = await app.inject({
        method: 'POST',
        url: '/api/v1/webhooks/gitlab',
        headers: {
          'content-type': 'application/json',
          'x-gitlab-event': 'Issue Hook',
          'x-gitlab-token': GITLAB_TOKEN,
          'idempotency-key': 'busy-1',
        },
        payload: body,
      });
      expect(retry.statusCode, retry.body).toBe(200);
      expect(await count(store, 'work_items')).toBe(1);
    } finally {
      locker.close();
      await app.close();
      await database.destroy();
    }
  }, 30_000);
});
