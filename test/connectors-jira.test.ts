/**
 * The Jira connector against a local server replaying DevLake's recorded Jira Cloud answers
 * (board 8 of merico.atlassian.net): the issues and their status changes compare with DevLake's
 * normalized tables; paging (search pages, changelog pages beyond the first), the cursor in the
 * user's time zone, Data Center's startAt paging with issues moving between pages, rate limits,
 * retries and a malformed page that stops the sync and is resumed.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { syncSources } from '../src/connectors/index.js';
import { jqlDate } from '../src/connectors/jira.js';
import { configWith, count, FAST_POLICY, rows, transitionsByItem } from './support/connectors.js';
import { expectedRows, type JiraReplay, jiraChangelogs, jiraHandler, jiraIssues } from './support/devlake.js';
import { ReplayServer } from './support/replay-server.js';
import { describeEachStore, type TestStore, useTestStore } from './support/stores.js';

const EMAIL = 'ana@example.com';
const TOKEN = 'jira-secret-token-1234';
const ENV = { JIRA_EMAIL: EMAIL, JIRA_TOKEN: TOKEN, JIRA_PAT: TOKEN };
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;

const expectedIssues = expectedRows('jira/snapshot_tables/issues.csv');
const expectedStatusChanges = expectedRows('jira/snapshot_tables/issue_changelogs.csv').filter(
  (r) => r.field_id === 'status',
);
const keyOfDevlakeId = new Map(expectedIssues.map((r) => [r.id, r.issue_key]));

describeEachStore('Jira connector', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });
  let server: ReplayServer;
  let replay: JiraReplay;
  beforeEach(async () => {
    replay = {
      issues: jiraIssues(),
      changelogs: jiraChangelogs(),
      deployment: 'cloud',
      timeZone: 'Asia/Shanghai',
      authorization: BASIC,
      maxPage: 7,
    };
    server = await ReplayServer.start(jiraHandler(replay));
  });
  afterEach(async () => {
    await server.close();
  });

  const cloud = (extra: Record<string, unknown> = {}) =>
    configWith({
      kind: 'jira',
      name: 'jira-ee',
      url: server.url,
      projects: ['EE'],
      team: 't-platform',
      credentials: { user: 'JIRA_EMAIL', token: 'JIRA_TOKEN' },
      ...extra,
    });
  const sync = (config = cloud(), env: Record<string, string> = ENV) =>
    syncSources(opened.store, config, { env, policy: FAST_POLICY });

  it('stores the board as DevLake normalized it: issues, types, statuses, parents and every status change', async () => {
    const summary = await sync();
    const source = summary.sources[0]!;
    expect(source.status, source.error).toBe('done');
    const store = opened.store;

    const items = await rows(store, 'work_items');
    expect(items.map((i) => i.id).sort()).toEqual(expectedIssues.map((r) => r.issue_key).sort());
    for (const expected of expectedIssues) {
      const item = items.find((i) => i.id === expected.issue_key)!;
      expect(item.source).toBe('jira:jira-ee');
      expect(item.type).toBe(expected.original_type);
      expect(item.status).toBe(expected.original_status);
      expect(item.created_at).toBe(Date.parse(expected.created_date!));
      expect(item.team).toBe('t-platform');
      expect(item.parent ?? null).toBe(
        expected.parent_issue_id === '' ? null : keyOfDevlakeId.get(expected.parent_issue_id!),
      );
    }
    const ee1 = items.find((i) => i.id === 'EE-1')!;
    expect(JSON.parse(String(ee1.labels))).toEqual(['frontEnd', 'Saas', 'sprint:EE Sprint 7']);
    expect(ee1.url).toBe(`${server.url}/browse/EE-1`);

    // Every status change, in order, with DevLake's changelog ids.
    const stored = await transitionsByItem(store);
    const expected = new Map<string, [string, string, number][]>();
    for (const r of expectedStatusChanges) {
      const key = keyOfDevlakeId.get(r.issue_id!)!;
      const list = expected.get(key) ?? [];
      list.push([r.original_from_value!, r.original_to_value!, Date.parse(r.created_date!)]);
      expected.set(key, list);
    }
    for (const list of expected.values()) list.sort((a, b) => a[2] - b[2]);
    expect(stored).toEqual(expected);
    const ids = (await rows(store, 'transitions')).map((t) => String(t.id)).sort();
    expect(ids).toEqual(expectedStatusChanges.map((r) => r.id!.split(':')[3]).sort());

    // Paged at 7 issues: 30 issues are 5 pages, plus the user, the field list and the status
    // catalogue, and the boards of project EE (Agile API, which this replay does not have).
    expect(server.count(/\/search\/jql$/)).toBe(5);
    expect(source.apiCalls).toBe(9);
    expect(source.counts.workItem).toEqual({ inserted: 30, updated: 0, unchanged: 0 });
    expect(source.counts.transition?.inserted).toBe(expectedStatusChanges.length);
  });

  it("is incremental: the next sync asks from the cursor, in the Jira user's time zone, and changes nothing", async () => {
    await sync();
    const second = (await sync()).sources[0]!;
    expect(second.status).toBe('done');
    const newest = Math.max(
      ...replay.issues.map((i) => Date.parse(String(i.fields.updated).replace(/(\d{2})(\d{2})$/, '$1:$2'))),
    );
    const last = server.requests.filter((r) => r.path.endsWith('/search/jql')).at(-1)!;
    const jql = new URLSearchParams(last.query).get('jql');
    expect(jql).toBe(
      `project in ("EE") AND updated >= "${jqlDate(newest - 5 * 60_000, 'Asia/Shanghai')}" ORDER BY updated ASC, key ASC`,
    );
    expect(jqlDate(Date.parse('2021-03-28T08:08:12Z'), 'Asia/Shanghai')).toBe('2021/03/28 16:08');
    expect(second.counts.workItem?.inserted ?? 0).toBe(0);
    expect(second.counts.workItem?.updated ?? 0).toBe(0);
    expect(second.records).toBeLessThan(10);
    expect(await count(opened.store, 'work_items')).toBe(30);
  });

  it('reads a changelog beyond its first page', async () => {
    const histories = replay.changelogs.get('13383')!;
    const issue = replay.issues.find((i) => i.key === 'EE-1')!;
    issue.id = '13383';
    issue.changelog = { total: histories.length, maxResults: 20, histories: histories.slice(0, 20) };
    await sync();
    const pages = server.count(/\/issue\/13383\/changelog$/);
    expect(pages).toBe(Math.ceil(histories.length / 7));
    const expected = histories
      .flatMap((h) =>
        (h.items as { field: string; fromString: string; toString: string }[])
          .filter((i) => i.field === 'status')
          .map((i) => [
            i.fromString,
            i.toString,
            Date.parse(String(h.created).replace(/(\d{2})(\d{2})$/, '$1:$2')),
          ]),
      )
      .sort((a, b) => (a[2] as number) - (b[2] as number));
    expect(expected.length).toBeGreaterThan(0);
    expect((await transitionsByItem(opened.store)).get('EE-1')).toEqual(expected);
  });

  it('Data Center: pages by startAt, and an issue that moves between pages skips no other issue', async () => {
    replay.issues.sort((a, b) => String(a.fields.updated).localeCompare(String(b.fields.updated)));
    const dc = { ...replay, deployment: 'datacenter' as const, authorization: `Bearer ${TOKEN}` };
    await server.close();
    let moved = '';
    dc.beforeSearch = (page) => {
      // Between page 1 and page 2 an issue of page 1 is edited: it moves to the end of the order.
      if (page !== 2) return;
      const sorted = [...dc.issues].sort(
        (a, b) =>
          String(a.fields.updated).localeCompare(String(b.fields.updated)) || a.key.localeCompare(b.key),
      );
      const issue = sorted[3]!;
      moved = issue.key;
      issue.fields = { ...issue.fields, updated: '2030-01-01T00:00:00.000+0000' };
    };
    server = await ReplayServer.start(jiraHandler(dc));
    const summary = await sync(
      configWith({
        kind: 'jira',
        name: 'jira-ee',
        url: server.url,
        deployment: 'datacenter',
        projects: ['EE'],
        credentials: { token: 'JIRA_PAT' },
      }),
    );
    expect(summary.sources[0]!.status, summary.sources[0]!.error).toBe('done');
    expect(moved).not.toBe('');
    expect((await rows(opened.store, 'work_items')).map((i) => i.id).sort()).toEqual(
      expectedIssues.map((r) => r.issue_key).sort(),
    );
    expect(
      server.requests.some(
        (r) => r.path === '/rest/api/2/search' && new URLSearchParams(r.query).get('startAt') === '2',
      ),
    ).toBe(true);
  });

  it('waits out a 429 with Retry-After, retries 5xx, resets and cut bodies, and reports it', async () => {
    const search = (r: { path: string }) => r.path.endsWith('/search/jql');
    server.inject({ when: search, kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    server.inject({ when: search, kind: 'status', status: 503, times: 2 });
    server.inject({ when: search, kind: 'reset' });
    server.inject({ when: search, kind: 'truncate' });
    const source = (await sync()).sources[0]!;
    expect(source.status, source.error).toBe('done');
    expect(source.rateLimitWaits).toBe(1);
    expect(source.rateLimitWaitMs).toBe(1000);
    expect(source.retries).toBe(4);
    const searches = server.requests.filter(search);
    expect(searches[0]!.status).toBe(429);
    expect(searches[1]!.at - searches[0]!.at).toBeGreaterThanOrEqual(990);
    expect(await count(opened.store, 'work_items')).toBe(30);
  });

  it('a slow answer past the timeout is abandoned and asked again', async () => {
    server.inject({ when: (r) => r.path.endsWith('/search/jql'), kind: 'slow', delayMs: 1500 });
    const source = (
      await syncSources(opened.store, cloud(), { env: ENV, policy: { ...FAST_POLICY, timeoutMs: 400 } })
    ).sources[0]!;
    expect(source.status, source.error).toBe('done');
    expect(source.retries).toBe(1);
    expect(await count(opened.store, 'work_items')).toBe(30);

    server.inject({
      when: (r) => r.path.endsWith('/search/jql'),
      kind: 'slow',
      delayMs: 1500,
      times: Number.POSITIVE_INFINITY,
    });
    const failed = (
      await syncSources(opened.store, cloud(), {
        env: ENV,
        policy: { ...FAST_POLICY, timeoutMs: 200, maxRetries: 1 },
      })
    ).sources[0]!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /\(issues, page 1\): no answer within 200 ms, still failing after 2 attempts$/,
    );
  });

  it('a malformed page stops the sync with the source, URL and page named; a re-run resumes after the last committed page', async () => {
    let searches = 0;
    server.inject({ when: (r) => r.path.endsWith('/search/jql') && ++searches === 3, kind: 'malformed' });
    const failed = (await sync()).sources[0]!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      new RegExp(
        `^jira-ee: GET ${server.url.replace(/[.]/g, '\\.')}/rest/api/3/search/jql\\?\\S+ \\(issues, page 3\\): the response is not valid JSON`,
      ),
    );
    expect(await count(opened.store, 'work_items')).toBe(14);
    const runs = await rows(opened.store, 'sync_runs');
    expect(runs.at(-1)).toMatchObject({ source: 'jira-ee', status: 'failed' });

    const resumed = (await sync()).sources[0]!;
    expect(resumed.status, resumed.error).toBe('done');
    expect(resumed.resumed).toEqual(['issues']);
    expect(await count(opened.store, 'work_items')).toBe(30);
    expect(await count(opened.store, 'transitions')).toBe(expectedStatusChanges.length);
  });

  it('refused credentials need attention: the sync stops, nothing is deleted, the token is never shown', async () => {
    await sync();
    const refused = (await sync(cloud(), { ...ENV, JIRA_TOKEN: 'revoked-token-9876' })).sources[0]!;
    expect(refused.status).toBe('needs-attention');
    expect(refused.error).toMatch(/HTTP 401: the credentials were refused/);
    expect(refused.error).not.toContain('revoked-token-9876');
    expect(JSON.stringify(await rows(opened.store, 'sync_runs'))).not.toContain('revoked-token-9876');
    expect(await count(opened.store, 'work_items')).toBe(30);
  });
});
