/**
 * The GitLab connector against a local server replaying DevLake's recorded gitlab.com answers
 * (project 12345678): issues, merge requests with their commits and deployments compare with
 * DevLake's normalized tables; `updated_after` paging with `x-next-page`, and resuming after a
 * failure.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { syncSources } from '../src/connectors/index.js';
import { configWith, count, FAST_POLICY, rows } from './support/connectors.js';
import {
  expectedRows,
  GITLAB_PROJECT,
  type GitlabReplay,
  gitlabHandler,
  gitlabReplay,
} from './support/devlake.js';
import { ReplayServer } from './support/replay-server.js';
import { describeEachStore, type TestStore, useTestStore } from './support/stores.js';

const TOKEN = 'glpat-replay-0123456789';
const PATH = GITLAB_PROJECT.path_with_namespace;

const expectedIssues = expectedRows('gitlab/snapshot_tables/issues.csv');
const expectedMrs = expectedRows('gitlab/snapshot_tables/pull_requests.csv');
const expectedMrCommits = expectedRows('gitlab/snapshot_tables/pull_request_commits.csv');
const expectedDeployments = expectedRows('gitlab/snapshot_tables/cicd_deployments.csv');

describeEachStore('GitLab connector', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });
  let server: ReplayServer;
  let replay: GitlabReplay;
  beforeEach(async () => {
    replay = gitlabReplay(TOKEN, 4);
    server = await ReplayServer.start(gitlabHandler(replay, () => server.url));
  });
  afterEach(async () => {
    await server.close();
  });
  const config = () =>
    configWith({
      kind: 'gitlab',
      name: 'gl-spend',
      url: server.url,
      projects: [PATH],
      team: 't-data',
      credentials: { token: 'GITLAB_TOKEN' },
    });
  const sync = () =>
    syncSources(opened.store, config(), { env: { GITLAB_TOKEN: TOKEN }, policy: FAST_POLICY });

  it('stores issues, merge requests and deployments as DevLake normalized them', async () => {
    const source = (await sync()).sources[0]!;
    expect(source.status, source.error).toBe('done');
    expect(source.rejected).toBe(0);
    const store = opened.store;

    const items = await rows(store, 'work_items');
    expect(items.map((i) => i.id).sort()).toEqual(expectedIssues.map((r) => `${PATH}#${r.issue_key}`).sort());
    for (const expected of expectedIssues) {
      const item = items.find((i) => i.id === `${PATH}#${expected.issue_key}`)!;
      expect(item.status).toBe(expected.status === 'DONE' ? 'closed' : 'opened');
      expect(item.created_at).toBe(Date.parse(expected.created_date!));
      expect(item.team).toBe('t-data');
    }
    // A closed issue's closing is a transition at its closing time.
    const transitions = await rows(store, 'transitions');
    const closed = replay.issues.filter((i) => i.state === 'closed');
    expect(transitions).toHaveLength(closed.length);
    for (const issue of closed)
      expect(transitions).toContainEqual(
        expect.objectContaining({
          item: `${PATH}#${issue.iid}`,
          from_status: 'opened',
          to_status: 'closed',
          at: Date.parse(String(issue.closed_at)),
        }),
      );

    const changes = await rows(store, 'changes');
    expect(changes.map((c) => c.id).sort()).toEqual(
      expectedMrs.map((r) => `${PATH}!${r.pull_request_key}`).sort(),
    );
    const keyOf = new Map(expectedMrs.map((r) => [r.id, r.pull_request_key]));
    const first = new Map<string, number>();
    for (const c of expectedMrCommits) {
      const key = keyOf.get(c.pull_request_id!);
      if (key === undefined) continue;
      const at = Date.parse(c.commit_authored_date!);
      first.set(key, Math.min(first.get(key) ?? at, at));
    }
    for (const expected of expectedMrs) {
      const change = changes.find((c) => c.id === `${PATH}!${expected.pull_request_key}`)!;
      expect(change.created_at).toBe(Date.parse(expected.created_date!));
      expect(change.merged_at ?? null).toBe(
        expected.merged_date === '' ? null : Date.parse(expected.merged_date!),
      );
      if (first.has(expected.pull_request_key!))
        expect(change.first_commit_at).toBe(first.get(expected.pull_request_key!));
      expect(change.reviewed).toBe(0);
    }
    expect(first.size).toBeGreaterThan(2);
    // "Closes #1" links merge request !1 to issue #1.
    expect(JSON.parse(String(changes.find((c) => c.id === `${PATH}!1`)!.items))).toEqual([`${PATH}#1`]);

    // Finished deployments: success and failed (DevLake also counts "canceled" as a failure; a
    // cancelled deployment changed nothing, so Flowlens leaves it out until it is re-run).
    const deployments = await rows(store, 'deployments');
    const finished = expectedDeployments.filter(
      (d) => d.original_status === 'success' || d.original_status === 'failed',
    );
    expect(deployments.map((d) => d.id).sort()).toEqual(
      finished.map((d) => `gitlab-deployment-${d.id!.split(':').pop()}`).sort(),
    );
    for (const expected of finished) {
      const deployment = deployments.find(
        (d) => d.id === `gitlab-deployment-${expected.id!.split(':').pop()}`,
      )!;
      expect(deployment.status).toBe(expected.result === 'SUCCESS' ? 'success' : 'failed');
      expect(deployment.environment).toBe(expected.environment);
      if (expected.finished_date !== '') expect(deployment.at).toBe(Date.parse(expected.finished_date!));
    }
    expect(await rows(store, 'services')).toMatchObject([{ id: PATH, team: 't-data' }]);
  });

  it('pages with updated_after, and resumes a sync stopped by a failing page', async () => {
    let mrPages = 0;
    server.inject({
      when: (r) => r.path.endsWith('/merge_requests') && ++mrPages >= 3,
      kind: 'status',
      status: 500,
      times: Number.POSITIVE_INFINITY,
    });
    const failed = (await sync()).sources[0]!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /gl-spend: GET http:\/\/127\.0\.0\.1:\d+\/api\/v4\/projects\/12345678\/merge_requests\?\S+ \(gitlab-data\/snowflake_spend merge requests, page 3\): HTTP 500/,
    );
    const partial = await count(opened.store, 'changes');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expectedMrs.length);
    server.clearFaults();
    const before = server.requests.length;
    const resumed = (await sync()).sources[0]!;
    expect(resumed.status, resumed.error).toBe('done');
    expect(resumed.resumed).toEqual([`${PATH}:merge_requests`]);
    expect(await count(opened.store, 'changes')).toBe(expectedMrs.length);
    // The re-run starts at the last committed merge request's update, not from the beginning.
    const first = server.requests.slice(before).find((r) => r.path.endsWith('/merge_requests'))!;
    expect(new URLSearchParams(first.query).get('updated_after')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
