/**
 * The GitHub connector against a local server replaying DevLake's recorded answers for
 * panjf2000/ants (issues, issue events, pull requests with their commits and reviews, Actions runs)
 * and @octokit/webhooks-examples' deployments and releases: issues, pull requests and runs compare
 * with DevLake's normalized tables; `since`, keyset paging, ETags, primary and secondary rate
 * limits, and a failure mid-way that a re-run completes without duplicates.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { syncSources } from '../src/connectors/index.js';
import { configWith, count, FAST_POLICY, rows, transitionsByItem } from './support/connectors.js';
import {
  expectedRows,
  GITHUB_REPO,
  type GithubReplay,
  githubHandler,
  githubReplay,
} from './support/devlake.js';
import { ReplayServer } from './support/replay-server.js';
import { describeEachStore, type TestStore, useTestStore } from './support/stores.js';

const TOKEN = 'ghp_replaytoken0123456789';
const ENV = { GITHUB_TOKEN: TOKEN };
const id = (n: string | number) => `${GITHUB_REPO}#${n}`;

const expectedIssues = expectedRows('github/snapshot_tables/issues.csv');
const expectedPulls = expectedRows('github/snapshot_tables/pull_requests.csv');
const expectedPullCommits = expectedRows('github/snapshot_tables/pull_request_commits.csv');
const expectedPullIssues = expectedRows('github/snapshot_tables/pull_request_issues.csv');
const expectedRuns = expectedRows('github/snapshot_tables/cicd_pipelines.csv').filter(
  (r) => r.type === 'DEPLOYMENT',
);

describeEachStore('GitHub connector', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });
  let server: ReplayServer;
  let replay: GithubReplay;
  beforeEach(async () => {
    replay = githubReplay(`Bearer ${TOKEN}`, 10);
    server = await ReplayServer.start(githubHandler(replay, () => server.url));
  });
  afterEach(async () => {
    await server.close();
  });

  const config = (extra: Record<string, unknown> = {}) =>
    configWith({
      kind: 'github',
      name: 'gh-ants',
      url: server.url,
      repos: [GITHUB_REPO],
      team: 't-ants',
      deployWorkflow: 'codeql.yml',
      credentials: { token: 'GITHUB_TOKEN' },
      ...extra,
    });
  const sync = (c = config()) => syncSources(opened.store, c, { env: ENV, policy: FAST_POLICY });

  it('stores issues, pull requests, deployments, releases and deploy runs as DevLake normalized them', async () => {
    const source = (await sync()).sources[0]!;
    expect(source.status, source.error).toBe('done');
    expect(source.rejected).toBe(0);
    const store = opened.store;

    const items = await rows(store, 'work_items');
    expect(items.map((i) => i.id).sort()).toEqual(expectedIssues.map((r) => id(r.issue_key!)).sort());
    for (const expected of expectedIssues) {
      const item = items.find((i) => i.id === id(expected.issue_key!))!;
      expect(item.source).toBe(`github:${GITHUB_REPO}`);
      expect(item.status).toBe(expected.original_status === 'closed' ? 'closed' : 'open');
      expect(item.created_at).toBe(Date.parse(expected.created_date!));
      expect(item.team).toBe('t-ants');
      if (expected.type === 'BUG') expect(String(item.type)).toMatch(/bug/i);
    }
    const changes = await rows(store, 'changes');
    expect(changes.map((c) => c.id).sort()).toEqual(expectedPulls.map((r) => id(r.pull_request_key!)).sort());
    for (const expected of expectedPulls) {
      const change = changes.find((c) => c.id === id(expected.pull_request_key!))!;
      expect(change.created_at).toBe(Date.parse(expected.created_date!));
      expect(change.merged_at ?? null).toBe(
        expected.merged_date === '' ? null : Date.parse(expected.merged_date!),
      );
      expect(change.repository).toBe(GITHUB_REPO);
    }
    // First commit: the earliest authored commit of the pull request.
    const devlakeIdToKey = new Map(expectedPulls.map((r) => [r.id, r.pull_request_key]));
    const firstCommit = new Map<string, number>();
    for (const c of expectedPullCommits) {
      const key = devlakeIdToKey.get(c.pull_request_id!);
      if (key === undefined) continue;
      const at = Date.parse(c.commit_authored_date!);
      firstCommit.set(key, Math.min(firstCommit.get(key) ?? at, at));
    }
    expect(firstCommit.size).toBeGreaterThan(10);
    for (const [key, at] of firstCommit)
      expect(changes.find((c) => c.id === id(key))!.first_commit_at, key).toBe(at);
    // Linked issues from the body ("fix #22"), as DevLake linked them.
    for (const link of expectedPullIssues)
      expect(JSON.parse(String(changes.find((c) => c.id === id(link.pull_request_key!))!.items))).toContain(
        id(link.issue_key!),
      );
    // Reviewed: a review by someone other than the author.
    const reviewed = changes.filter((c) => c.reviewed === 1).map((c) => c.id);
    const expectedReviewed = expectedPulls
      .filter((p) =>
        (replay.reviews.get(Number(p.pull_request_key)) ?? []).some(
          (r) => (r.user as { login: string }).login !== p.author_name,
        ),
      )
      .map((p) => id(p.pull_request_key!));
    expect(reviewed.sort()).toEqual(expectedReviewed.sort());
    expect(expectedReviewed.length).toBeGreaterThan(2);

    const deployments = await rows(store, 'deployments');
    const runs = deployments.filter((d) => String(d.id).startsWith('github-run-'));
    const finishedCodeQl = replay.runs.filter(
      (r) =>
        String(r.path).endsWith('/codeql.yml') &&
        r.status === 'completed' &&
        (r.conclusion === 'success' || r.conclusion === 'failure'),
    );
    expect(runs.length).toBe(finishedCodeQl.length);
    for (const run of runs) {
      const runId = String(run.id).replace('github-run-', '');
      const expected = expectedRuns.find((r) => r.id!.endsWith(`:${runId}`));
      expect(expected, runId).toBeDefined();
      expect(run.status).toBe(expected!.result === 'SUCCESS' ? 'success' : 'failed');
      expect(run.environment).toBe('production');
    }
    expect(deployments.find((d) => d.id === 'github-deployment-145988746')).toMatchObject({
      environment: 'production',
      status: 'success',
      at: Date.parse('2019-05-15T15:20:55Z'),
      service: GITHUB_REPO,
    });
    expect(deployments.find((d) => d.id === 'github-release-17372790')).toMatchObject({
      environment: 'release',
      status: 'success',
    });
    expect(await rows(store, 'services')).toMatchObject([
      { id: GITHUB_REPO, team: 't-ants', repository: `github:${GITHUB_REPO}` },
    ]);
  });

  it('replays the issue events (closed, reopened, status labels) into status transitions', async () => {
    // The recorded events belong to other issues than the recorded issue list: serve those issues.
    const embedded = new Map(
      replay.events.map((e) => [(e.issue as { id: number }).id, e.issue as Record<string, unknown>]),
    );
    replay.issues = [...embedded.values()].filter((i) => i.pull_request === undefined);
    const labelled = replay.events.find(
      (e) => e.event === 'labeled' && (e.issue as { pull_request?: unknown }).pull_request === undefined,
    );
    const statusLabel = (labelled?.label as { name?: string } | undefined)?.name;
    const source = (await sync(config({ statusLabels: statusLabel === undefined ? [] : [statusLabel] })))
      .sources[0]!;
    expect(source.status, source.error).toBe('done');
    const transitions = await transitionsByItem(opened.store);
    const closings = replay.events.filter(
      (e) =>
        (e.event === 'closed' || e.event === 'reopened') &&
        (e.issue as { pull_request?: unknown }).pull_request === undefined,
    );
    expect(closings.length).toBeGreaterThan(3);
    for (const event of closings) {
      const list = transitions.get(id((event.issue as { number: number }).number)) ?? [];
      const at = Date.parse(String(event.created_at));
      expect(
        list.some(
          ([, to, when]) =>
            when === at && (event.event === 'closed' ? to.startsWith('closed') : !to.startsWith('closed')),
        ),
      ).toBe(true);
    }
    if (labelled !== undefined) {
      const list = transitions.get(id((labelled.issue as { number: number }).number)) ?? [];
      expect(list).toContainEqual(['open', statusLabel, Date.parse(String(labelled.created_at))]);
    }
    // A closed issue's last transition ends in its stored status.
    for (const item of await rows(opened.store, 'work_items')) {
      const list = transitions.get(String(item.id));
      if (list !== undefined && list.length > 0) expect(list.at(-1)![1], String(item.id)).toBe(item.status);
    }
  });

  it('is incremental: issues since the cursor, and a 304 for unchanged pull requests, releases and runs', async () => {
    await sync();
    const before = server.requests.length;
    const second = (await sync()).sources[0]!;
    expect(second.status, second.error).toBe('done');
    const requests = server.requests.slice(before);
    const newest = Math.max(...replay.issues.map((i) => Date.parse(String(i.updated_at))));
    const issues = requests.find((r) => r.path.endsWith('/issues'))!;
    expect(new URLSearchParams(issues.query).get('since')).toBe(
      new Date(newest - 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
    const pulls = requests.filter((r) => r.path === `/repos/${GITHUB_REPO}/pulls`);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.ifNoneMatch).toMatch(/^"[0-9a-f]{40}"$/);
    expect(pulls[0]!.status).toBe(304);
    expect(second.notModified).toBe(3);
    expect(second.counts.change).toBeUndefined();
    expect(await count(opened.store, 'changes')).toBe(expectedPulls.length);
  });

  it('keyset paging: an issue edited while the sync pages is read again, and no other issue is skipped', async () => {
    let pages = 0;
    const original = githubHandler(replay, () => server.url);
    await server.close();
    server = await ReplayServer.start((request, s) => {
      if (request.path.endsWith('/issues') && ++pages === 2) {
        const oldest = [...replay.issues].sort(
          (a, b) => Date.parse(String(a.updated_at)) - Date.parse(String(b.updated_at)),
        )[0]!;
        oldest.updated_at = '2030-01-01T00:00:00Z';
        oldest.title = 'edited during the sync';
      }
      return original(request, s);
    });
    const source = (await sync()).sources[0]!;
    expect(source.status, source.error).toBe('done');
    const items = await rows(opened.store, 'work_items');
    expect(items).toHaveLength(expectedIssues.length);
    expect(pages).toBeGreaterThan(2);
    expect(items.filter((i) => i.title === 'edited during the sync')).toHaveLength(1);
  });

  it("waits for the primary limit's reset and backs off a secondary limit without headers", async () => {
    const reset = String(Math.ceil((Date.now() + 1500) / 1000));
    server.inject({
      when: (r) => r.path === `/repos/${GITHUB_REPO}/pulls`,
      kind: 'status',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded for user ID 1.' },
    });
    server.inject({
      when: (r) => r.path.endsWith('/releases'),
      kind: 'status',
      status: 403,
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    });
    const source = (await sync()).sources[0]!;
    expect(source.status, source.error).toBe('done');
    // One wait for each limit (a busy machine can wake a few milliseconds before the reset and
    // wait once more for the rest of it).
    expect(source.rateLimitWaits).toBeGreaterThanOrEqual(2);
    const pulls = server.requests.filter((r) => r.path === `/repos/${GITHUB_REPO}/pulls`);
    expect(pulls[1]!.at).toBeGreaterThanOrEqual(Number(reset) * 1000);
    const releases = server.requests.filter((r) => r.path.endsWith('/releases'));
    expect(releases[1]!.at - releases[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it('a page that keeps failing stops the sync naming it; a re-run completes with nothing duplicated', async () => {
    let issuePages = 0;
    server.inject({
      when: (r) => r.path.endsWith('/issues') && ++issuePages >= 3,
      kind: 'status',
      status: 502,
      times: Number.POSITIVE_INFINITY,
    });
    const failed = (await sync()).sources[0]!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /^gh-ants: GET http:\/\/127\.0\.0\.1:\d+\/repos\/panjf2000\/ants\/issues\?\S+ \(panjf2000\/ants issues, page \d+\): HTTP 502 Bad Gateway, still failing after 7 attempts/,
    );
    const partial = await count(opened.store, 'work_items');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expectedIssues.length);
    server.clearFaults();
    const resumed = (await sync()).sources[0]!;
    expect(resumed.status, resumed.error).toBe('done');
    expect(resumed.resumed).toContain(`${GITHUB_REPO}:issues`);
    expect(await count(opened.store, 'work_items')).toBe(expectedIssues.length);
    const transitions = await rows(opened.store, 'transitions');
    expect(new Set(transitions.map((t) => `${t.item}|${t.id}`)).size).toBe(transitions.length);
  });
});
