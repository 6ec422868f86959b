/**
 * `POST /api/v1/webhooks/github|gitlab|jira` with the real payloads of @octokit/webhooks-examples
 * (GitHub) and of DevLake's recorded Jira issues: signatures checked on the raw bytes, duplicates
 * stored once, unknown events and odd shapes answered without storing, no secret → 503, and the
 * metrics updated when the answer arrives; a Jira change seen by a webhook and by a sync is stored
 * once.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { configSchema, syncSources } from '../src/connectors/index.js';
import { MetricsEngine } from '../src/engine/index.js';
import { buildServer } from '../src/server/index.js';
import { count, FAST_POLICY, rows } from './support/connectors.js';
import {
  type JiraReplay,
  jiraChangelogs,
  jiraHandler,
  jiraIssues,
  webhookExamples,
} from './support/devlake.js';
import { ReplayServer } from './support/replay-server.js';
import { describeEachStore, type TestStore, useTestStore } from './support/stores.js';

const SECRET = 'It’s a Secret to Everybody';
const examples = webhookExamples();
const example = (event: string, action?: string) =>
  (examples.get(event) ?? []).find((e) => action === undefined || e.action === action)!;
const sign = (body: string | Buffer, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describeEachStore('webhooks', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });
  let app: FastifyInstance;
  let engine: MetricsEngine;
  let github: ReplayServer;
  let jira: ReplayServer;
  let jiraReplay: JiraReplay;
  const env = {
    FLOWLENS_WEBHOOK_SECRET_GITHUB: SECRET,
    HOOK_SECRET_GITLAB: 'gitlab-token-abc',
    FLOWLENS_WEBHOOK_SECRET_JIRA: 'jira-hook-secret',
    GITHUB_TOKEN: 'ghp_hook',
    JIRA_EMAIL: 'ana@example.com',
    JIRA_TOKEN: 'jira-token',
  };

  beforeEach(async () => {
    github = await ReplayServer.start((request) => {
      if (request.headers.authorization !== 'Bearer ghp_hook')
        return { status: 401, body: { message: 'Bad credentials' } };
      return { status: 200, body: [] };
    });
    jiraReplay = {
      issues: jiraIssues(),
      changelogs: jiraChangelogs(),
      deployment: 'cloud',
      timeZone: 'UTC',
      authorization: `Basic ${Buffer.from('ana@example.com:jira-token').toString('base64')}`,
      maxPage: 50,
    };
    jira = await ReplayServer.start(jiraHandler(jiraReplay));
    const config = configSchema.parse({
      sources: [
        {
          kind: 'github',
          name: 'gh-hello',
          url: github.url,
          repos: ['Codertocat/Hello-World'],
          team: 't-hello',
          allowPrivateNetwork: true,
          credentials: { token: 'GITHUB_TOKEN' },
        },
        {
          kind: 'jira',
          name: 'jira-ee',
          url: jira.url,
          projects: ['EE'],
          allowPrivateNetwork: true,
          credentials: { user: 'JIRA_EMAIL', token: 'JIRA_TOKEN' },
        },
      ],
      webhooks: { gitlab: { secretEnv: 'HOOK_SECRET_GITLAB' }, maxBodyBytes: 256 * 1024 },
    });
    engine = await MetricsEngine.open(opened.store);
    app = await buildServer({
      auth: { mode: 'trusted' },
      store: opened.store,
      engine,
      webhooks: { config, env },
      webRoot: null,
    });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await engine.close();
    await github.close();
    await jira.close();
  });

  const postGithub = (event: string, body: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/github',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': `delivery-${event}-${body.length}`,
        'x-hub-signature-256': sign(body),
        ...headers,
      },
      payload: body,
    });

  it('GitHub: a signed issues delivery updates the item at once; the same delivery again is stored once', async () => {
    const body = JSON.stringify(example('issues', 'opened'));
    const response = await postGithub('issues', body);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'stored', event: 'issues', records: 1, rejected: 0 });
    // The issue's events were looked up through the configured source's API.
    expect(github.count(/\/repos\/Codertocat\/Hello-World\/issues\/\d+\/events$/)).toBe(1);
    const issue = example('issues', 'opened').issue as { number: number; title: string };
    const item = await engine.item('github:Codertocat/Hello-World', `Codertocat/Hello-World#${issue.number}`);
    expect(item).toMatchObject({ item: { title: issue.title, status: 'open', team: 't-hello' } });

    const again = await postGithub('issues', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'duplicate', duplicate: true });
    expect(await count(opened.store, 'webhook_deliveries')).toBe(1);
    expect(await count(opened.store, 'work_items')).toBe(1);
  });

  it('GitHub: pull requests, deployment statuses, releases and deploy runs', async () => {
    for (const [event, action] of [
      ['pull_request', 'closed'],
      ['deployment_status', 'created'],
      ['release', 'published'],
    ] as const) {
      const response = await postGithub(event, JSON.stringify(example(event, action)));
      expect(response.statusCode, `${event}: ${response.body}`).toBe(200);
    }
    const pull = example('pull_request', 'closed').pull_request as {
      number: number;
      merged_at: string | null;
      created_at: string;
    };
    expect(await rows(opened.store, 'changes')).toMatchObject([
      { id: `Codertocat/Hello-World#${pull.number}`, created_at: Date.parse(pull.created_at), reviewed: 0 },
    ]);
    const deployments = await rows(opened.store, 'deployments');
    expect(deployments.map((d) => [d.id, d.environment, d.status])).toEqual(
      expect.arrayContaining([
        ['github-deployment-145988746', 'production', 'success'],
        ['github-release-17372790', 'release', 'success'],
      ]),
    );
    // A run of a workflow that is not the configured deploy workflow is acknowledged, not stored.
    const run = await postGithub('workflow_run', JSON.stringify(example('workflow_run', 'completed')));
    expect(run.statusCode).toBe(202);
    expect(run.json()).toMatchObject({ status: 'ignored' });
  });

  it('GitHub: wrong, missing or re-serialised signatures are 401 and store nothing', async () => {
    const payload = example('issues', 'opened');
    const body = JSON.stringify(payload);
    const wrong = await postGithub('issues', body, { 'x-hub-signature-256': sign(body, 'not the secret') });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'the signature does not match the body' },
    });
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/github',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': 'd-1' },
      payload: body,
    });
    expect(missing.statusCode).toBe(401);
    // The same JSON with other whitespace, signed over the original bytes.
    const reformatted = await postGithub('issues', JSON.stringify(payload, null, 2), {
      'x-hub-signature-256': sign(body),
    });
    expect(reformatted.statusCode).toBe(401);
    expect(await count(opened.store, 'webhook_deliveries')).toBe(0);
    expect(await count(opened.store, 'work_items')).toBe(0);
  });

  it('unknown events are 204 and store nothing; bad JSON is 400; an odd shape is quarantined; a large body is 413', async () => {
    const star = await postGithub('star', JSON.stringify(example('star')));
    expect(star.statusCode).toBe(204);
    expect(star.body).toBe('');

    const broken = '{"action": "opened", "issue": ';
    const bad = await postGithub('issues', broken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_ARGUMENT');

    const odd = JSON.stringify({ ...example('issues', 'opened'), issue: null });
    const quarantined = await postGithub('issues', odd);
    expect(quarantined.statusCode).toBe(202);
    expect(quarantined.json()).toMatchObject({
      status: 'quarantined',
      reason: 'unexpected payload: issue is missing or not an object',
    });
    // The malformed body is kept as rejected, the odd shape as quarantined.
    expect(
      (await rows(opened.store, 'webhook_deliveries', 'delivery_id')).map((d) => [
        d.status,
        d.payload,
        d.records,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['rejected', broken, 0],
        ['quarantined', odd, 0],
      ]),
    );

    const huge = JSON.stringify({ ...example('issues', 'opened'), padding: 'x'.repeat(300 * 1024) });
    const tooLarge = await postGithub('issues', huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(await count(opened.store, 'work_items')).toBe(0);
  });

  it('GitLab: the X-Gitlab-Token is checked; an issue hook updates the item', async () => {
    const hook = {
      object_kind: 'issue',
      event_type: 'issue',
      user: { username: 'root' },
      project: { id: 15, path_with_namespace: 'shop/api', web_url: 'https://gitlab.example.com/shop/api' },
      object_attributes: {
        id: 301,
        iid: 23,
        title: 'Refunds are rounded wrongly',
        state: 'opened',
        created_at: '2025-01-06 09:00:00 UTC',
        updated_at: '2025-01-07 10:30:00 UTC',
        url: 'https://gitlab.example.com/shop/api/-/issues/23',
        issue_type: 'issue',
      },
      labels: [{ title: 'bug' }],
    };
    const body = JSON.stringify(hook);
    const post = (token: string | undefined) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/webhooks/gitlab',
        headers: {
          'content-type': 'application/json',
          'x-gitlab-event': 'Issue Hook',
          'idempotency-key': 'a7f1-23',
          ...(token === undefined ? {} : { 'x-gitlab-token': token }),
        },
        payload: body,
      });
    expect((await post(undefined)).statusCode).toBe(401);
    expect((await post('wrong')).statusCode).toBe(401);
    const ok = await post('gitlab-token-abc');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await rows(opened.store, 'work_items')).toMatchObject([
      {
        source: 'gitlab:shop/api',
        id: 'shop/api#23',
        type: 'bug',
        status: 'opened',
        created_at: Date.parse('2025-01-06T09:00:00Z'),
      },
    ]);
    expect((await post('gitlab-token-abc')).json()).toMatchObject({ duplicate: true });
  });

  it('Jira: X-Hub-Signature sha256 is checked; a changelog entry seen by a webhook and by a sync is one transition', async () => {
    const issue = jiraReplay.issues.find((i) => i.key === 'EE-1')!;
    const history = (
      issue.changelog!.histories as { id: string; created: string; items: { field: string }[] }[]
    ).find((h) => h.id === '12025')!;
    const delivery = {
      timestamp: Date.parse(history.created.replace(/(\d{2})(\d{2})$/, '$1:$2')),
      webhookEvent: 'jira:issue_updated',
      user: { accountId: '5e9711ba34f7b90c0fbc37d3', displayName: 'Rankin Zheng' },
      issue: { ...issue, changelog: undefined },
      changelog: { id: history.id, items: history.items },
    };
    const body = JSON.stringify(delivery);
    const post = (signature: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/webhooks/jira',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature': signature,
          'x-atlassian-webhook-identifier': 'jira-1',
        },
        payload: body,
      });
    const sha512 = await post(
      `sha512=${createHmac('sha512', 'jira-hook-secret').update(body).digest('hex')}`,
    );
    expect(sha512.statusCode).toBe(401);
    const ok = await post(sign(body, 'jira-hook-secret'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await rows(opened.store, 'transitions')).toMatchObject([
      { source: 'jira:jira-ee', item: 'EE-1', id: '12025', from_status: 'Open', to_status: 'Closed' },
    ]);
    // The sync brings the whole changelog; the change the webhook brought is not doubled.
    const summary = await syncSources(
      opened.store,
      configSchema.parse({
        sources: [
          {
            kind: 'jira',
            name: 'jira-ee',
            url: jira.url,
            projects: ['EE'],
            allowPrivateNetwork: true,
            credentials: { user: 'JIRA_EMAIL', token: 'JIRA_TOKEN' },
          },
        ],
      }),
      { env, policy: FAST_POLICY },
    );
    expect(summary.sources[0]!.status, summary.sources[0]!.error).toBe('done');
    const ee1 = (await rows(opened.store, 'transitions')).filter((t) => t.item === 'EE-1');
    expect(ee1.filter((t) => t.id === '12025')).toHaveLength(1);
    expect(ee1).toHaveLength(5);
  });
});

it('a webhook route without a secret answers 503 and stores nothing', async () => {
  const { createTestStore } = await import('./support/stores.js');
  const { store, database } = await createTestStore('sqlite');
  try {
    const app = await buildServer({
      auth: { mode: 'trusted' },
      store,
      webhooks: { config: null, env: {} },
      webRoot: null,
    });
    const body = JSON.stringify(example('issues', 'opened'));
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/github',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-hub-signature-256': sign(body),
      },
      payload: body,
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('WEBHOOK_NOT_CONFIGURED');
    expect(response.json().error.message).toContain('FLOWLENS_WEBHOOK_SECRET_GITHUB');
    expect(await count(store, 'webhook_deliveries')).toBe(0);
    await app.close();
  } finally {
    await database.destroy();
  }
});
