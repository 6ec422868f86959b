/**
 * Closing the loop, on both stores: an improvement item made from an insight through the API (the
 * insight computed again on the server, its evidence kept), in the team's backlog as a work item of
 * type debt or risk that the metrics count, moved through its statuses; and written back to Jira and
 * GitHub through their connectors, against local HTTP servers that answer as those APIs do: the
 * tracker's issue links back to the evidence, the stored item is the tracker's (a later sync of it
 * updates the same item), and a tracker failure stores nothing and is not retried.
 *
 * The organisation: team t-a of vs1 completed 12 stories in the 28 days before 2025-03-01, each in
 * a day, and has two stories in progress for 20 days: the aging-items insight.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/connectors/config.js';
import { MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import { cli } from './support/cli.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

const DAY = 86_400_000;
const TO = Date.parse('2025-03-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function organisation(): object[] {
  const records: object[] = [
    { kind: 'portfolio', id: 'p1', name: 'P' },
    { kind: 'valueStream', id: 'vs1', name: 'VS', portfolio: 'p1' },
    { kind: 'team', id: 't-a', name: 'A', valueStream: 'vs1' },
    { kind: 'team', id: 't-b', name: 'B', valueStream: 'vs1' },
    { kind: 'valueStream', id: 'vs2', name: 'Other', portfolio: 'p1' },
    { kind: 'team', id: 't-c', name: 'C', valueStream: 'vs2' },
    {
      kind: 'mapping',
      source: 'jira:jira-pay',
      statuses: {
        'To Do': { stage: 'ideate', state: 'new' },
        'In Progress': { stage: 'create', state: 'active' },
        Done: { stage: 'create', state: 'done' },
      },
      types: { Story: 'feature', 'Tech Debt': 'debt', Risk: 'risk' },
    },
    {
      kind: 'mapping',
      source: 'github:acme/shop',
      statuses: { open: { stage: 'create', state: 'new' }, closed: { stage: 'create', state: 'done' } },
      types: { issue: 'feature', 'tech debt': 'debt' },
    },
  ];
  const item = (id: string, team: string, startedMs: number, doneMs: number | null) => {
    records.push(
      {
        kind: 'workItem',
        source: 'jira:jira-pay',
        id,
        type: 'Story',
        status: doneMs === null ? 'In Progress' : 'Done',
        createdAt: iso(startedMs - DAY),
        team,
      },
      {
        kind: 'transition',
        source: 'jira:jira-pay',
        item: id,
        at: iso(startedMs),
        from: 'To Do',
        to: 'In Progress',
      },
    );
    if (doneMs !== null)
      records.push({
        kind: 'transition',
        source: 'jira:jira-pay',
        item: id,
        at: iso(doneMs),
        from: 'In Progress',
        to: 'Done',
      });
  };
  for (let i = 1; i <= 12; i++) item(`PAY-${i}`, 't-a', TO - (i + 2) * DAY, TO - (i + 1) * DAY);
  item('PAY-100', 't-a', TO - 20 * DAY, null);
  item('PAY-101', 't-a', TO - 19 * DAY, null);
  return records;
}

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A local HTTP server that records requests and answers with `answer`. */
async function tracker(
  answer: (request: Recorded) => { status: number; body: unknown },
): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      const { status, body: out } = answer(recorded);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const ENV = { JIRA_USER: 'bot@example.com', JIRA_TOKEN: 'jira-secret', GH_TOKEN: 'gh-secret' };

function configFor(jiraUrl: string, githubUrl: string) {
  return parseConfig(
    [
      'sources:',
      '  - name: jira-pay',
      '    kind: jira',
      `    url: ${jiraUrl}`,
      '    allowPrivateNetwork: true',
      '    projects: [PAY]',
      '    credentials: { user: JIRA_USER, token: JIRA_TOKEN }',
      '  - name: gh-shop',
      '    kind: github',
      `    url: ${githubUrl}`,
      '    allowPrivateNetwork: true',
      '    repos: [acme/shop]',
      '    credentials: { token: GH_TOKEN }',
    ].join('\n'),
    'flowlens.yaml',
  );
}

describeEachStore('improvement items', (kind) => {
  let t: TestStore;
  let engine: MetricsEngine;
  let jira: Awaited<ReturnType<typeof tracker>>;
  let github: Awaited<ReturnType<typeof tracker>>;
  let jiraAnswer: (r: Recorded) => { status: number; body: unknown };
  let app: Awaited<ReturnType<typeof buildServer>>;

  beforeAll(async () => {
    jira = await tracker((r) => jiraAnswer(r));
    github = await tracker((r) =>
      r.method === 'POST'
        ? {
            status: 201,
            body: {
              id: 9001,
              number: 42,
              html_url: 'https://github.com/acme/shop/issues/42',
              state: 'open',
              created_at: '2025-02-27T12:00:00Z',
              title: JSON.parse(r.body).title,
              labels: JSON.parse(r.body).labels.map((name: string) => ({ name })),
            },
          }
        : { status: 404, body: { message: 'Not Found' } },
    );
  });
  afterAll(async () => {
    await Promise.all([jira.close(), github.close()]);
  });
  beforeEach(async () => {
    jiraAnswer = (r) =>
      r.method === 'POST'
        ? { status: 201, body: { id: '10042', key: 'PAY-200', self: `${jira.url}/rest/api/3/issue/10042` } }
        : {
            status: 200,
            body: {
              key: 'PAY-200',
              fields: {
                status: { name: 'To Do' },
                created: '2025-02-28T09:30:00.000+0100',
                issuetype: { name: 'Tech Debt' },
              },
            },
          };
    jira.requests.length = 0;
    github.requests.length = 0;
    t = await createTestStore(kind);
    await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', organisation())]);
    engine = await MetricsEngine.open(t.store);
    app = await buildServer({
      auth: { mode: 'trusted' },
      store: t.store,
      engine,
      webRoot: null,
      webhooks: { config: configFor(jira.url, github.url), env: ENV },
      now: () => TO - DAY / 2,
    });
  });
  afterEach(async () => {
    await app.close();
    await t.database.destroy();
  });

  const post = (body: object) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/improvements',
      payload: body,
      headers: { 'x-flowlens-actor': 'ana' },
    });

  it('makes a debt item in the team’s backlog from an insight, with its evidence, counted by the metrics', async () => {
    const insights = (await app.inject({ url: '/api/v1/insights?team=t-a&to=2025-03-01' })).json();
    const aging = insights.insights.find((i: { rule: string }) => i.rule === 'aging-items');
    expect(aging.evidence.numbers).toMatchObject({ items: 2, oldest: 'PAY-100' });

    const created = await post({ scope: { team: 't-a' }, rule: 'aging-items', to: '2025-03-01' });
    expect(created.statusCode).toBe(201);
    const improvement = created.json();
    expect(improvement).toMatchObject({
      item: { source: 'flowlens', id: `IMP-${improvement.id}`, url: null },
      team: 't-a',
      type: 'debt',
      title: aging.title,
      insight: { ...aging, subject: null },
      scope: { team: 't-a' },
      period: insights.period,
      createdBy: 'ana',
      tracker: null,
      status: 'open',
    });
    // A work item of the team, flow type debt, linked to its insight by its labels.
    const item = await app.inject({ url: `/api/v1/items/flowlens/${improvement.item.id}` });
    expect(item.statusCode).toBe(200);
    expect(item.json().item).toMatchObject({
      team: 't-a',
      type: 'debt',
      flowType: 'debt',
      title: aging.title,
    });
    expect(item.json().item.labels).toEqual(['improvement', 'insight:aging-items']);

    // One per insight and period.
    const again = await post({ scope: { team: 't-a' }, rule: 'aging-items', to: '2025-03-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(improvement.item.id);

    // Moved through its statuses: done, it is completed work of flow type debt.
    for (const status of ['in progress', 'done']) {
      const moved = await app.inject({
        method: 'PATCH',
        url: `/api/v1/improvements/${improvement.id}`,
        payload: { status },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().status).toBe(status);
    }
    const metrics = (
      await app.inject({ url: '/api/v1/metrics?team=t-a&from=2025-02-01&to=2025-03-02' })
    ).json();
    expect(metrics.flow.velocity.byType.debt).toBe(1);
    const listed = (await app.inject({ url: '/api/v1/improvements?team=t-a' })).json();
    expect(listed.improvements.map((i: { id: number }) => i.id)).toEqual([improvement.id]);
    expect((await app.inject({ url: '/api/v1/improvements?team=t-c' })).json().improvements).toEqual([]);
  });

  it('refuses what has no evidence or no backlog, naming the fix', async () => {
    const none = await post({ scope: { team: 't-a' }, rule: 'dora-tier-drop', to: '2025-03-01' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toMatch(/^there is no dora-tier-drop insight for this scope/);
    const noTeam = await post({ scope: { valueStream: 'vs1' }, rule: 'aging-items', to: '2025-03-01' });
    expect(noTeam.statusCode).toBe(400);
    expect(noTeam.json().error.message).toContain('name the team whose backlog gets the improvement item');
    const outside = await post({
      scope: { valueStream: 'vs1' },
      team: 't-c',
      rule: 'aging-items',
      to: '2025-03-01',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('t-c is not a team of the insight');
    const ok = await post({
      scope: { valueStream: 'vs1' },
      team: 't-b',
      rule: 'aging-items',
      type: 'risk',
      to: '2025-03-01',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ team: 't-b', type: 'risk', scope: { valueStream: 'vs1' } });
    const forged = await post({
      scope: { team: 't-a' },
      rule: 'aging-items',
      to: '2025-03-01',
      evidence: {},
    });
    expect(forged.statusCode).toBe(400);
    const nothing = await app.inject({
      method: 'PATCH',
      url: '/api/v1/improvements/999',
      payload: { status: 'done' },
    });
    expect(nothing.statusCode).toBe(404);
  });

  it('writes the item back to Jira: the issue links to the evidence, and the item is the tracker’s', async () => {
    const created = await post({
      scope: { team: 't-a' },
      rule: 'aging-items',
      to: '2025-03-01',
      writeBack: { source: 'jira-pay' },
    });
    expect(created.statusCode).toBe(201);
    const [create, read] = jira.requests;
    expect(jira.requests).toHaveLength(2);
    expect(create?.method).toBe('POST');
    expect(create?.url).toBe('/rest/api/3/issue');
    expect(create?.headers.authorization).toBe(
      `Basic ${Buffer.from('bot@example.com:jira-secret').toString('base64')}`,
    );
    const fields = JSON.parse(create?.body ?? '{}').fields;
    expect(fields).toMatchObject({
      project: { key: 'PAY' },
      summary: created.json().title,
      issuetype: { name: 'Tech Debt' },
      labels: ['flowlens', 'improvement'],
    });
    const link = fields.description.content.at(-1).content[0];
    expect(link.marks[0].attrs.href).toMatch(/^http:\/\/localhost(:\d+)?\/teams\/t-a\?from=.*#flow-heading$/);
    expect(JSON.stringify(fields.description)).toContain('Recommended action: Review these items');
    expect(read?.url).toBe('/rest/api/3/issue/PAY-200?fields=status,created,issuetype');

    expect(created.json()).toMatchObject({
      item: { source: 'jira:jira-pay', id: 'PAY-200', url: `${jira.url}/browse/PAY-200` },
      tracker: { source: 'jira-pay', key: 'PAY-200', url: `${jira.url}/browse/PAY-200` },
      type: 'debt',
      status: 'To Do',
    });
    const { item } = (await app.inject({ url: '/api/v1/items/jira:jira-pay/PAY-200' })).json();
    expect(item).toMatchObject({
      type: 'Tech Debt',
      flowType: 'debt',
      team: 't-a',
      createdAt: '2025-02-28T08:30:00.000Z',
    });

    // The next sync brings the same issue, moved on: one item, the improvement follows it.
    await importFiles(t.store, [
      writeNdjson(t.database.dir, 'sync.ndjson', [
        {
          kind: 'workItem',
          source: 'jira:jira-pay',
          id: 'PAY-200',
          type: 'Tech Debt',
          status: 'In Progress',
          createdAt: '2025-02-28T08:30:00.000Z',
          title: 'Aging items, from Jira',
          team: 't-a',
          url: `${jira.url}/browse/PAY-200`,
        },
      ]),
    ]);
    await engine.refresh();
    const listed = (await app.inject({ url: '/api/v1/improvements' })).json().improvements;
    expect(listed).toHaveLength(1);
    expect(listed[0].status).toBe('In Progress');
    // Its status changes in Jira, not here.
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/improvements/${listed[0].id}`,
      payload: { status: 'done' },
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.message).toContain('change its status there');
  });

  it('writes the item back to GitHub with the label its connector reads as the type', async () => {
    const trackers = (await app.inject({ url: '/api/v1/improvements/trackers' })).json().trackers;
    expect(trackers).toEqual([
      {
        source: 'jira-pay',
        kind: 'jira',
        projects: ['PAY'],
        repos: [],
        types: { debt: 'Tech Debt', risk: 'Risk' },
      },
      {
        source: 'gh-shop',
        kind: 'github',
        projects: [],
        repos: ['acme/shop'],
        types: { debt: 'tech debt', risk: null },
      },
    ]);
    const created = await post({
      scope: { team: 't-a' },
      rule: 'aging-items',
      to: '2025-03-01',
      writeBack: { source: 'gh-shop' },
    });
    expect(created.statusCode).toBe(201);
    expect(github.requests).toHaveLength(1);
    const [request] = github.requests;
    expect(request?.url).toBe('/repos/acme/shop/issues');
    expect(request?.headers.authorization).toBe('Bearer gh-secret');
    const body = JSON.parse(request?.body ?? '{}');
    expect(body.labels).toEqual(['tech debt', 'flowlens', 'improvement']);
    expect(body.body).toMatch(
      /\[The evidence in Flowlens: .*\]\(http:\/\/localhost(:\d+)?\/teams\/t-a\?.*#flow-heading\)$/,
    );
    expect(created.json()).toMatchObject({
      item: { source: 'github:acme/shop', id: 'acme/shop#42', url: 'https://github.com/acme/shop/issues/42' },
      tracker: { source: 'gh-shop', key: 'acme/shop#42' },
      status: 'open',
    });
  });

  it('a tracker failure stores nothing, is not retried, and says what to check', async () => {
    jiraAnswer = () => ({ status: 500, body: { errorMessages: ['Internal server error'] } });
    const failed = await post({
      scope: { team: 't-a' },
      rule: 'aging-items',
      to: '2025-03-01',
      writeBack: { source: 'jira-pay' },
    });
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.code).toBe('BAD_GATEWAY');
    expect(failed.json().error.message).toContain('may or may not have been created in jira-pay');
    expect(failed.json().error.message).not.toContain('jira-secret');
    expect(jira.requests).toHaveLength(1);
    expect((await app.inject({ url: '/api/v1/improvements' })).json().improvements).toEqual([]);

    jiraAnswer = () => ({ status: 400, body: { errors: { issuetype: 'Specify a valid issue type' } } });
    const refused = await post({
      scope: { team: 't-a' },
      rule: 'aging-items',
      to: '2025-03-01',
      writeBack: { source: 'jira-pay' },
    });
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error.message).toContain('Specify a valid issue type');

    // No type of the source counts as risk: nothing is sent.
    const count = jira.requests.length;
    const unmapped = await post({
      scope: { team: 't-a' },
      rule: 'aging-items',
      to: '2025-03-01',
      type: 'risk',
      writeBack: { source: 'gh-shop' },
    });
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json().error.message).toContain('its mapping has no type that counts as risk');
    const unknown = await post({
      scope: { team: 't-a' },
      rule: 'aging-items',
      to: '2025-03-01',
      writeBack: { source: 'nope' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('there is no source "nope" in flowlens.yaml');
    expect(jira.requests.length).toBe(count);
    expect(github.requests).toHaveLength(0);
    expect((await app.inject({ url: '/api/v1/improvements' })).json().improvements).toEqual([]);
  });
});

describe('flowlens improve', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('sqlite');
    await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', organisation())]);
  });
  afterAll(async () => {
    await t.database.destroy();
  });

  it('makes, lists and moves an improvement item from the command line', async () => {
    const db = t.store.location;
    const made = await cli([
      'improve',
      '--team',
      't-a',
      '--rule',
      'aging-items',
      '--to',
      '2025-03-01',
      '--db',
      db,
      '--json',
    ]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const improvement = JSON.parse(made.stdout);
    expect(improvement).toMatchObject({
      item: { source: 'flowlens' },
      type: 'debt',
      team: 't-a',
      status: 'open',
    });
    const listed = await cli(['improvements', '--db', db]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(improvement.item.id);
    expect(listed.stdout).toContain('open');
    const moved = await cli(['improvements', 'set-status', String(improvement.id), 'done', '--db', db]);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain(`${improvement.item.id}: done`);
    const none = await cli([
      'improve',
      '--team',
      't-a',
      '--rule',
      'dora-tier-drop',
      '--to',
      '2025-03-01',
      '--db',
      db,
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('there is no dora-tier-drop insight');
  });
});
