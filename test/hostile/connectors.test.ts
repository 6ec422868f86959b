/**
 * Hostile and failing sources for the polling connectors (../shared/docs/hostile-input.md cases
 * 15–20, 23 and 24, and the issue's "connector responses that are HTML instead of JSON"), against
 * local fake servers. The HTTP client runs on a virtual clock (its `sleep` and `now` are injected),
 * so a 30-second Retry-After or a one-minute secondary limit is checked exactly without waiting.
 */

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/connectors/config.js';
import { HttpClient, type HttpPolicy, isSourceError, type WaitInfo } from '../../src/connectors/http.js';
import { syncSources } from '../../src/connectors/index.js';
import { jqlDate } from '../../src/connectors/jira.js';
import { configWith, count, FAST_POLICY, rows } from '../support/connectors.js';
import { type JiraReplay, jiraChangelogs, jiraHandler, jiraIssues } from '../support/devlake.js';
import { ReplayServer } from '../support/replay-server.js';
import { describeEachStore, type TestStore, useTestStore } from '../support/stores.js';

const EMAIL = 'ana@example.com';
const TOKEN = 'jira-secret-token-1234';
const ENV = { JIRA_EMAIL: EMAIL, JIRA_TOKEN: TOKEN };
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;

/** An HTTP client whose waits advance a virtual clock; each request is stamped with that clock. */
function virtualClient(server: ReplayServer, policy: Partial<HttpPolicy> = {}, random = () => 0.5) {
  let clock = Date.parse('2026-03-02T10:00:00Z');
  const waits: number[] = [];
  const reasons: WaitInfo[] = [];
  const client = new HttpClient({
    source: 'fake',
    headers: { authorization: 'Bearer secret-token-never-shown' },
    policy,
    allowPrivateNetwork: true,
    onWait: (info) => reasons.push(info),
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
    now: () => clock,
    random,
  });
  return { client, waits, reasons, now: () => clock, url: server.url };
}

type Scripted = { status: number; headers?: Record<string, string>; body?: unknown };

/** A server that answers the scripted replies in order (then 200 `[]`), stamping each with `now()`. */
async function scripted(replies: Scripted[], now: () => number) {
  const at: number[] = [];
  const server = await ReplayServer.start(() => {
    at.push(now());
    return replies.shift() ?? { status: 200, body: [] };
  });
  return { server, at };
}

describe('rate limits on a virtual clock', () => {
  let servers: ReplayServer[] = [];
  afterEach(async () => {
    for (const server of servers) await server.close();
    servers = [];
  });
  const start = async (replies: Scripted[], policy: Partial<HttpPolicy> = {}, random?: () => number) => {
    let now = () => 0;
    const { server, at } = await scripted(replies, () => now());
    servers.push(server);
    const virtual = virtualClient(server, policy, random);
    now = virtual.now;
    return { ...virtual, at, server };
  };

  it('case 15: a 429 with Retry-After: 30 means no request for 30 s, and the wait is reported with its reason', async () => {
    const { client, waits, reasons, at, url } = await start([
      { status: 429, headers: { 'retry-after': '30' }, body: { message: 'slow down' } },
    ]);
    const answer = await client.json<unknown[]>({ url: `${url}/rest/api/3/search`, page: 'issues, page 1' });
    expect(answer.body).toEqual([]);
    expect(waits).toEqual([30_000]);
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(30_000);
    expect(reasons).toEqual([
      { reason: 'HTTP 429: rate limited, Retry-After 30', ms: 30_000, url: `${url}/rest/api/3/search` },
    ]);
    expect(client.stats).toMatchObject({ rateLimitWaits: 1, rateLimitWaitMs: 30_000 });
  });

  it('case 16: a 429 without Retry-After backs off exponentially with jitter, capped; X-RateLimit-Reset is honoured; then it gives up', async () => {
    const policy = {
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      secondaryWaitMs: 1,
      maxRetries: 4,
      maxWaitMs: 900_000,
    };
    const limited = { status: 429, body: { message: 'too many requests' } };
    const randoms = [0, 1, 0.25, 0.75, 0.5, 0.5, 0.5];
    const { client, waits } = await start(
      Array.from({ length: 20 }, () => ({ ...limited })),
      policy,
      () => randoms.shift() ?? 0.5,
    );
    const error = await client
      .json({ url: `${(servers[0] as ReplayServer).url}/x` })
      .catch((e: unknown) => e);
    expect(isSourceError(error) && error.reason).toBe('rate-limit');
    expect((error as Error).message).toMatch(
      /still rate limited \(HTTP 429\) after 7 attempts; try again later$/,
    );
    // Each wait lies in [ceiling/2, ceiling] of a doubling ceiling capped at maxDelayMs: jittered.
    const ceilings = [1000, 2000, 4000, 8000, 8000, 8000];
    expect(waits).toHaveLength(6);
    waits.forEach((wait, i) => {
      expect(wait, `wait ${i}`).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(wait, `wait ${i}`).toBeLessThanOrEqual(ceilings[i]!);
    });
    expect(new Set(waits.slice(0, 4)).size).toBe(4);

    // With X-RateLimit-Reset, it waits for the reset (plus a second) instead.
    const reset = await start([
      { status: 429, headers: { 'x-ratelimit-reset': String(Date.parse('2026-03-02T10:02:00Z') / 1000) } },
    ]);
    await reset.client.json({ url: `${reset.url}/y` });
    expect(reset.waits).toEqual([121_000]);
  });

  it('case 17: GitHub 403 with x-ratelimit-remaining: 0 sleeps until x-ratelimit-reset; a secondary limit without headers waits ≥ 60 s, then longer', async () => {
    const resetAt = Date.parse('2026-03-02T10:10:00Z') / 1000;
    const primary = await start([
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) },
        body: { message: 'API rate limit exceeded for user ID 1.' },
      },
    ]);
    await primary.client.json({ url: `${primary.url}/repos/a/b/issues` });
    expect(primary.waits).toEqual([10 * 60_000 + 1000]);
    expect(primary.at[1]! - primary.at[0]!).toBeGreaterThanOrEqual(10 * 60_000);

    const secondaryBody = {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    };
    const secondary = await start([
      { status: 403, body: secondaryBody },
      { status: 403, body: secondaryBody },
      { status: 403, body: secondaryBody },
    ]);
    await secondary.client.json({ url: `${secondary.url}/repos/a/b/pulls` });
    expect(secondary.waits).toEqual([60_000, 120_000, 240_000]);
    expect(secondary.reasons.map((r) => r.reason)).toEqual([
      'HTTP 403: secondary rate limit',
      'HTTP 403: secondary rate limit',
      'HTTP 403: secondary rate limit',
    ]);
  });

  it('extra: a response that is HTML instead of JSON fails the page with a clear message and no secret', async () => {
    const html = await start([
      {
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<!doctype html><html><body><h1>Sign in</h1></body></html>',
      },
    ]);
    const error = await html.client
      .json({ url: `${html.url}/rest/api/3/search`, page: 'issues, page 1' })
      .catch((e: unknown) => e);
    expect(isSourceError(error) && error.reason).toBe('malformed');
    expect((error as Error).message).toMatch(
      /^fake: GET http:\/\/127\.0\.0\.1:\d+\/rest\/api\/3\/search \(issues, page 1\): the response is not valid JSON \(.+\); nothing of this page was imported$/,
    );
    expect((error as Error).message).not.toContain('secret-token-never-shown');
    // An HTML error page (a proxy's 502) is retried like any 5xx and named when it persists.
    const proxy = await start(
      Array.from({ length: 3 }, () => ({
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>Bad Gateway</body></html>',
      })),
      { maxRetries: 2, baseDelayMs: 1 },
    );
    const failed = await proxy.client.json({ url: `${proxy.url}/api` }).catch((e: unknown) => e);
    expect((failed as Error).message).toMatch(/HTTP 502 Bad Gateway, still failing after 3 attempts/);
  });
});

describe('case 24: SSRF', () => {
  let servers: ReplayServer[] = [];
  afterEach(async () => {
    for (const server of servers) await server.close();
    servers = [];
  });

  it('case 24: a base URL on a metadata, loopback or private address is refused before any request unless allowlisted; redirects to such hosts are refused too', async () => {
    const target = await ReplayServer.start(() => ({ status: 200, body: { secret: 'metadata' } }));
    servers.push(target);
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost:1/x',
      `${target.url}/x`,
      'http://10.0.0.5/x',
      'http://[::1]/x',
      'http://0.0.0.0/x',
    ]) {
      const client = new HttpClient({ source: 'ssrf', headers: {}, policy: { maxRetries: 0 } });
      const error = await client.json({ url }).catch((e: unknown) => e);
      expect(isSourceError(error) && error.reason, url).toBe('network-policy');
      expect((error as Error).message).toMatch(
        /is a loopback, link-local or private address; set allowPrivateNetwork: true on the source if this server is yours$/,
      );
    }
    expect(target.requests).toHaveLength(0);

    // The allow-list covers the configured server, not the hosts its redirects name.
    for (const location of [
      'http://169.254.169.254/latest/meta-data/',
      `${target.url.replace('127.0.0.1', 'localhost')}/x`,
    ]) {
      const redirecting = await ReplayServer.start(() => ({ status: 302, headers: { location }, body: '' }));
      servers.push(redirecting);
      const client = new HttpClient({
        source: 'ssrf',
        headers: {},
        allowPrivateNetwork: true,
        policy: { maxRetries: 0 },
      });
      const error = await client.json({ url: `${redirecting.url}/start` }).catch((e: unknown) => e);
      expect(isSourceError(error) && error.reason, location).toBe('network-policy');
      expect(redirecting.requests).toHaveLength(1);
    }
    expect(target.requests).toHaveLength(0);
  });

  it('case 24: flowlens.yaml naming such an address is refused when it is read, with the line, unless allowlisted', () => {
    for (const url of [
      'http://169.254.169.254',
      'http://localhost:8080',
      'http://127.0.0.1:9000',
      'http://10.1.2.3',
      'http://[::1]:8080',
      'https://jira.localhost',
    ]) {
      const yaml = (allow: boolean) =>
        [
          'sources:',
          '  - name: jira-x',
          '    kind: jira',
          `    url: ${url}`,
          ...(allow ? ['    allowPrivateNetwork: true'] : []),
          '    projects: [X]',
          '    credentials: { user: U, token: T }',
        ].join('\n');
      expect(() => parseConfig(yaml(false), 'flowlens.yaml'), url).toThrow(
        `flowlens.yaml:4: sources[0].url: ${url} is a loopback, link-local or private address; Flowlens calls such addresses only when the source sets allowPrivateNetwork: true (an administrator's decision)`,
      );
      expect(parseConfig(yaml(true), 'flowlens.yaml').sources[0]?.allowPrivateNetwork, url).toBe(true);
    }
    expect(
      parseConfig(
        'sources:\n  - name: gh\n    kind: github\n    repos: [a/b]\n    credentials: { token: T }\n',
        'flowlens.yaml',
      ).sources[0]?.kind,
    ).toBe('github');
  });
});

it('case 20: an update in the same minute as the cursor, in any Jira user time zone, is always inside the next query (10,000 trials)', () => {
  const ZONES = [
    'UTC',
    'Asia/Shanghai',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'America/St_Johns',
    'America/New_York',
    'Europe/Berlin',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/Sao_Paulo',
  ];
  const formatters = new Map(
    ZONES.map((zone) => [
      zone,
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    ]),
  );
  const local = (ms: number, zone: string) => {
    const parts = formatters.get(zone)!.formatToParts(ms);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    return `${part('year')}/${part('month')}/${part('day')} ${part('hour')}:${part('minute')}`;
  };
  /** What Jira reads `updated >= "<local minute>"` as: the earliest instant with that local minute (Java's default for a DST overlap). */
  const lowerBound = (text: string, near: number, zone: string) => {
    const minute = Math.floor(near / 60_000) * 60_000;
    const candidates: number[] = [];
    // The other instants with the same local minute are a DST shift away: at most an hour here, two searched.
    for (let k = -8; k <= 8; k++) {
      const at = minute + k * 15 * 60_000;
      if (local(at, zone) === text) candidates.push(at);
    }
    expect(candidates.length, `${text} ${zone}`).toBeGreaterThan(0);
    return Math.min(...candidates);
  };
  const OVERLAP_MS = 5 * 60_000; // the default overlapMinutes
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2027, 0, 1) }),
      fc.constantFrom(...ZONES),
      fc.integer({ min: 0, max: 59_999 }),
      (cursor, zone, offsetInMinute) => {
        const updated = Math.floor(cursor / 60_000) * 60_000 + offsetInMinute; // same minute as the cursor
        const text = jqlDate(cursor - OVERLAP_MS, zone);
        expect(text).toBe(local(cursor - OVERLAP_MS, zone));
        expect(lowerBound(text, cursor - OVERLAP_MS, zone)).toBeLessThanOrEqual(updated);
      },
    ),
    { numRuns: 10_000, seed: 20 },
  );
});

describeEachStore('failing syncs', (kind) => {
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
      timeZone: 'UTC',
      authorization: BASIC,
      maxPage: 2,
    };
    server = await ReplayServer.start(jiraHandler(replay));
  });
  afterEach(async () => {
    await server.close();
  });
  const config = () =>
    configWith({
      kind: 'jira',
      name: 'jira-ee',
      url: server.url,
      projects: ['EE'],
      credentials: { user: 'JIRA_EMAIL', token: 'JIRA_TOKEN' },
    });
  const search = (r: { path: string }) => r.path.endsWith('/search/jql');

  it('case 18: a 5xx and a TCP reset on page 7 retry page 7; the final set has no gaps and no duplicates', async () => {
    const searchesSoFar = () => server.requests.filter(search).length;
    server.inject({ when: (r) => search(r) && searchesSoFar() === 6, kind: 'status', status: 503 });
    server.inject({ when: (r) => search(r) && searchesSoFar() === 7, kind: 'reset' });
    const result = (await syncSources(opened.store, config(), { env: ENV, policy: FAST_POLICY })).sources[0]!;
    expect(result.status, result.error).toBe('done');
    expect(result.retries).toBe(2);
    // Page 7 was asked three times with the same query: the failed answers were not skipped.
    const pages = server.requests.filter(search).map((r) => r.query);
    expect(pages[6]).toBe(pages[7]);
    expect(pages[7]).toBe(pages[8]);
    const items = await rows(opened.store, 'work_items');
    expect(items.map((i) => i.id).sort()).toEqual(
      jiraIssues()
        .map((i) => i.key)
        .sort(),
    );
    const transitions = await rows(opened.store, 'transitions');
    expect(new Set(transitions.map((t) => `${t.item}/${t.id}`)).size).toBe(transitions.length);
    expect(transitions.length).toBeGreaterThan(0);
  });

  it('case 15: a sync stopped by a Retry-After longer than allowed is degraded: the cursor is not advanced, nothing is lost', async () => {
    const first = (await syncSources(opened.store, config(), { env: ENV, policy: FAST_POLICY })).sources[0]!;
    expect(first.status, first.error).toBe('done');
    const cursors = await rows(opened.store, 'sync_cursors', 'resource');
    server.inject({
      when: search,
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '30' },
      times: Number.POSITIVE_INFINITY,
    });
    const limited = (
      await syncSources(opened.store, config(), { env: ENV, policy: { ...FAST_POLICY, maxWaitMs: 1000 } })
    ).sources[0]!;
    expect(limited.status).toBe('degraded');
    expect(limited.error).toMatch(
      /HTTP 429: rate limited, Retry-After 30; the wait \(30 s\) is longer than the 1 s allowed/,
    );
    expect(await rows(opened.store, 'sync_cursors', 'resource')).toEqual(cursors);
    expect(await count(opened.store, 'work_items')).toBe(jiraIssues().length);
    expect((await rows(opened.store, 'sync_runs', 'started_at')).map((r) => r.status)).toEqual([
      'done',
      'degraded',
    ]);
  });

  it('case 23: a full refresh that fails after 30% leaves the old data intact and visible', async () => {
    const first = (await syncSources(opened.store, config(), { env: ENV, policy: FAST_POLICY })).sources[0]!;
    expect(first.status, first.error).toBe('done');
    const before = {
      items: await rows(opened.store, 'work_items'),
      transitions: await rows(opened.store, 'transitions'),
    };
    // A full refresh: the cursors are forgotten, and the source starts rate-limiting after 30% of its pages.
    await opened.store.db.deleteFrom('sync_cursors').execute();
    const pages = Math.ceil(jiraIssues().length / replay.maxPage);
    let searches = 0;
    server.inject({
      when: (r) => search(r) && ++searches > Math.floor(pages * 0.3),
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '3600' },
      times: Number.POSITIVE_INFINITY,
    });
    const refresh = (await syncSources(opened.store, config(), { env: ENV, policy: FAST_POLICY }))
      .sources[0]!;
    expect(refresh.status).toBe('degraded');
    // Nothing is removed or emptied: every item and status change as before (a refresh only upserts).
    const strip = (list: Record<string, unknown>[]) =>
      list.map(({ created_batch: _c, updated_batch: _u, ...rest }) => rest);
    expect(strip(await rows(opened.store, 'work_items'))).toEqual(strip(before.items));
    expect(strip(await rows(opened.store, 'transitions'))).toEqual(strip(before.transitions));
  });
});
