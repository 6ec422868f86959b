/**
 * The recorded Jira, GitHub and GitLab API answers of Apache DevLake's end-to-end tests
 * (test/fixtures/connectors, Apache-2.0) and replay handlers that serve them the way each API
 * pages, filters and sorts: Jira's JQL `updated >=` in the user's time zone with `nextPageToken`
 * (Cloud) or `startAt` (Data Center); GitHub's `since`, `Link` headers and ETags; GitLab's
 * `updated_after`, `x-next-page` and `Link`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Handler, ReplayRequest, Reply } from './replay-server.js';

const ROOT = fileURLToPath(new URL('../fixtures/connectors/devlake/', import.meta.url));

export interface RawRow {
  readonly id: string;
  readonly params: string;
  readonly data: Record<string, unknown>;
  readonly url: string;
  readonly input: Record<string, unknown> | null;
}

/** The rows of a raw-table CSV, with `data` and `input` parsed. */
export function rawRows(path: string): RawRow[] {
  const rows = parse(readFileSync(`${ROOT}${path}`), { columns: true, relax_column_count: true }) as Record<
    string,
    string
  >[];
  return rows.map((r) => ({
    id: r.id ?? '',
    params: r.params ?? '',
    data: JSON.parse(r.data ?? 'null') as Record<string, unknown>,
    url: r.url ?? '',
    input:
      r.input === undefined || r.input === '' || r.input === 'null'
        ? null
        : (JSON.parse(r.input) as Record<string, unknown>),
  }));
}

/** The rows of an expected (snapshot) table. */
export function expectedRows(path: string): Record<string, string>[] {
  return parse(readFileSync(`${ROOT}${path}`), { columns: true, relax_column_count: true }) as Record<
    string,
    string
  >[];
}

/** One of each id, the later row winning (the raw tables repeat some across connections). */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

const json = (body: unknown, headers: Record<string, string> = {}): Reply => ({ status: 200, body, headers });
const notFound = (what: string): Reply => ({
  status: 404,
  body: { message: `Not Found: ${what}`, errorMessages: [`${what} does not exist`] },
});

function requireAuth(request: ReplayRequest, expected: string): Reply | null {
  const given = request.headers.authorization ?? request.headers['private-token'];
  return given === expected ? null : { status: 401, body: { message: 'Bad credentials' } };
}

// ── Jira ────────────────────────────────────────────────────────────────────────────────────────

export type JiraIssueData = {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  changelog?: { total?: number; maxResults?: number; histories?: unknown[] };
};

/** The 30 issues of board 8 (merico.atlassian.net, project EE), each with its full first changelog page. */
export function jiraIssues(): JiraIssueData[] {
  const rows = rawRows('jira/raw_tables/_raw_jira_api_issues.csv').filter((r) =>
    r.params.includes('"BoardId":8'),
  );
  return uniqueBy(
    rows.map((r) => structuredClone(r.data) as unknown as JiraIssueData),
    (i) => i.id,
  );
}

/** The changelog entries of `api/3/issue/{id}/changelog`, per issue id, in the recorded order. */
export function jiraChangelogs(): Map<string, Record<string, unknown>[]> {
  const byIssue = new Map<string, Record<string, unknown>[]>();
  for (const row of rawRows('jira/raw_tables/_raw_jira_api_issue_changelogs.csv')) {
    const id = /issue\/(\d+)\/changelog/.exec(row.url)?.[1] ?? '';
    const list = byIssue.get(id) ?? [];
    list.push(row.data);
    byIssue.set(id, list);
  }
  return byIssue;
}

export interface JiraReplay {
  issues: JiraIssueData[];
  readonly changelogs: Map<string, Record<string, unknown>[]>;
  readonly deployment: 'cloud' | 'datacenter';
  readonly timeZone: string;
  readonly authorization: string;
  /** Largest page the server gives, whatever maxResults asks. */
  readonly maxPage: number;
  /** Called before each search page is answered (tests move issues between pages). */
  beforeSearch?: (page: number) => void;
}

/** Local wall-clock time in a time zone → epoch ms. */
function zonedToUtc(y: number, mo: number, d: number, h: number, mi: number, timeZone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const part = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asLocal = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return guess - (asLocal - guess);
}

const jiraTime = (value: unknown) => Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

export function jiraHandler(replay: JiraReplay): Handler {
  let searches = 0;
  const api = replay.deployment === 'cloud' ? '/rest/api/3' : '/rest/api/2';
  return (request) => {
    const denied = requireAuth(request, replay.authorization);
    if (denied !== null) return denied;
    const path = request.path;
    if (path === `${api}/myself`)
      return json({ accountId: 'replay', displayName: 'Replay User', timeZone: replay.timeZone });
    if (path === `${api}/field`)
      return json([
        { id: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' } },
        {
          id: 'customfield_10020',
          name: 'Sprint',
          schema: { type: 'array', custom: 'com.pyxis.greenhopper.jira:gh-sprint' },
        },
        {
          id: 'customfield_10014',
          name: 'Epic Link',
          schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-epic-link' },
        },
      ]);
    const project = /^\/rest\/api\/\d\/project\/([^/]+)(\/statuses)?$/.exec(path);
    if (project !== null) {
      if (!replay.issues.some((i) => i.key.startsWith(`${project[1]}-`)))
        return notFound(`project ${project[1]}`);
      if (project[2] === undefined) return json({ key: project[1], name: 'Enterprise Edition' });
      const statuses = rawRows('jira/raw_tables/_raw_jira_api_status.csv').map((r) => r.data);
      return json(
        rawRows('jira/raw_tables/_raw_jira_api_issue_types.csv').map((t) => ({ ...t.data, statuses })),
      );
    }
    if (path === `${api}/status`)
      // DevLake's catalogue for its changelog conversion (a changelog's status ids are named from it).
      return json(
        expectedRows('jira/snapshot_tables/_tool_jira_statuses_for_changelog.csv').map((r) => ({
          id: r.id,
          name: r.name,
          statusCategory: { key: r.status_category },
        })),
      );
    if (path === `${api}/issuetype`)
      return json(rawRows('jira/raw_tables/_raw_jira_api_issue_types.csv').map((r) => r.data));
    if (path === `${api}/search/jql` || path === `${api}/search`) {
      if ((path === `${api}/search/jql`) !== (replay.deployment === 'cloud')) return notFound(path);
      replay.beforeSearch?.(++searches);
      const jql = request.query.get('jql') ?? '';
      const bound = /updated >= "(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})"/.exec(jql);
      const lower =
        bound === null
          ? Number.NEGATIVE_INFINITY
          : zonedToUtc(
              Number(bound[1]),
              Number(bound[2]),
              Number(bound[3]),
              Number(bound[4]),
              Number(bound[5]),
              replay.timeZone,
            );
      const projects = [...jql.matchAll(/"([A-Z][A-Z0-9_]*)"/g)].map((m) => m[1]);
      const matching = replay.issues
        .filter((i) => projects.length === 0 || projects.some((p) => i.key.startsWith(`${p}-`)))
        .filter((i) => jiraTime(i.fields.updated) >= lower)
        .sort(
          (a, b) => jiraTime(a.fields.updated) - jiraTime(b.fields.updated) || a.key.localeCompare(b.key),
        );
      const size = Math.min(Number(request.query.get('maxResults') ?? 50), replay.maxPage);
      const start =
        replay.deployment === 'cloud'
          ? Number(Buffer.from(request.query.get('nextPageToken') ?? 'MA==', 'base64').toString())
          : Number(request.query.get('startAt') ?? 0);
      const page = matching.slice(start, start + size);
      if (replay.deployment === 'cloud') {
        const next = start + page.length;
        const isLast = next >= matching.length;
        return json({
          issues: page,
          isLast,
          ...(isLast ? {} : { nextPageToken: Buffer.from(String(next)).toString('base64') }),
        });
      }
      return json({ startAt: start, maxResults: size, total: matching.length, issues: page });
    }
    const changelog = /^\/rest\/api\/3\/issue\/(\d+)\/changelog$/.exec(path);
    if (changelog !== null) {
      const all = replay.changelogs.get(changelog[1]!) ?? [];
      const startAt = Number(request.query.get('startAt') ?? 0);
      const size = Math.min(Number(request.query.get('maxResults') ?? 100), replay.maxPage);
      const values = all.slice(startAt, startAt + size);
      return json({
        startAt,
        maxResults: size,
        total: all.length,
        isLast: startAt + values.length >= all.length,
        values,
      });
    }
    const issue = /^\/rest\/api\/2\/issue\/([^/]+)$/.exec(path);
    if (issue !== null) {
      const found = replay.issues.find((i) => i.key === issue[1] || i.id === issue[1]);
      if (found === undefined) return notFound(`issue ${issue[1]}`);
      const full = replay.changelogs.get(found.id);
      return json({
        ...found,
        changelog: {
          startAt: 0,
          maxResults: 1000,
          total: full?.length ?? 0,
          histories: full ?? found.changelog?.histories ?? [],
        },
      });
    }
    return notFound(path);
  };
}

// ── GitHub ──────────────────────────────────────────────────────────────────────────────────────

export const GITHUB_REPO = 'panjf2000/ants';

export interface GithubReplay {
  readonly authorization: string;
  readonly maxPage: number;
  issues: Record<string, unknown>[];
  readonly events: Record<string, unknown>[];
  readonly pulls: Record<string, unknown>[];
  readonly commits: Map<number, Record<string, unknown>[]>;
  readonly reviews: Map<number, Record<string, unknown>[]>;
  readonly runs: Record<string, unknown>[];
  readonly deployments: Record<string, unknown>[];
  readonly statuses: Map<number, Record<string, unknown>[]>;
  readonly releases: Record<string, unknown>[];
}

/** panjf2000/ants as DevLake recorded it, with deployments and releases from @octokit/webhooks-examples. */
export function githubReplay(authorization: string, maxPage = 100): GithubReplay {
  const byNumber = (path: string) => {
    const map = new Map<number, Record<string, unknown>[]>();
    for (const row of rawRows(path)) {
      const n = Number(row.input?.Number);
      const list = map.get(n) ?? [];
      if (!list.some((x) => (x.sha !== undefined ? x.sha === row.data.sha : x.id === row.data.id)))
        list.push(row.data);
      map.set(n, list);
    }
    return map;
  };
  const examples = webhookExamples();
  const deploymentStatus = examples.get('deployment_status') ?? [];
  const deployments = uniqueBy(
    deploymentStatus.map((e) => e.deployment as Record<string, unknown>),
    (d) => String(d.id),
  );
  const statuses = new Map<number, Record<string, unknown>[]>();
  for (const example of deploymentStatus) {
    const id = Number((example.deployment as { id: number }).id);
    const list = statuses.get(id) ?? [];
    list.push(example.deployment_status as Record<string, unknown>);
    statuses.set(id, list);
  }
  const releases = uniqueBy(
    (examples.get('release') ?? []).map((e) => e.release as Record<string, unknown>),
    (r) => String(r.id),
  );
  return {
    authorization,
    maxPage,
    issues: uniqueBy(
      rawRows('github/raw_tables/_raw_github_api_issues.csv').map((r) => r.data),
      (i) => String(i.id),
    ),
    events: uniqueBy(
      rawRows('github/raw_tables/_raw_github_api_events.csv').map((r) => r.data),
      (e) => String(e.id),
    ),
    pulls: uniqueBy(
      rawRows('github/raw_tables/_raw_github_api_pull_requests.csv').map((r) => r.data),
      (p) => String(p.number),
    ),
    commits: byNumber('github/raw_tables/_raw_github_api_pull_request_commits.csv'),
    reviews: byNumber('github/raw_tables/_raw_github_api_pull_request_reviews.csv'),
    runs: uniqueBy(
      rawRows('github/raw_tables/_raw_github_api_runs.csv').map((r) => r.data),
      (r) => String(r.id),
    ),
    deployments,
    statuses,
    releases,
  };
}

/** The webhook payload examples of @octokit/webhooks-examples, by event name. */
export function webhookExamples(): Map<string, Record<string, unknown>[]> {
  const require = createRequire(import.meta.url);
  const index = require('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: Record<string, unknown>[];
  }[];
  return new Map(index.map((e) => [e.name, e.examples]));
}

const ghTime = (value: unknown) => Date.parse(String(value));

/** Pages a list the GitHub way: `page`, `per_page`, and a Link header to the next page. */
function githubPage<T>(
  request: ReplayRequest,
  base: string,
  items: readonly T[],
  maxPage: number,
  wrap?: (page: T[]) => unknown,
): Reply {
  const perPage = Math.min(Number(request.query.get('per_page') ?? 30), maxPage);
  const page = Number(request.query.get('page') ?? 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < items.length) {
    const next = new URLSearchParams(request.query);
    next.set('page', String(page + 1));
    headers.link = `<${base}${request.path}?${next}>; rel="next"`;
  }
  const body = wrap === undefined ? slice : wrap(slice);
  const etag = `"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
  if (request.headers['if-none-match'] === etag) return { status: 304, headers: { etag } };
  return { status: 200, body, headers: { ...headers, etag } };
}

export function githubHandler(replay: GithubReplay, base: () => string): Handler {
  const repo = `/repos/${GITHUB_REPO}`;
  return (request) => {
    const denied = requireAuth(request, replay.authorization);
    if (denied !== null) return denied;
    const path = request.path;
    const q = request.query;
    if (path === '/user') return json({ login: 'replay-user' });
    if (path === repo) return json({ full_name: GITHUB_REPO, private: false, has_issues: true });
    if (path === `${repo}/labels`) {
      const names = new Set(
        replay.issues.flatMap((i) => ((i.labels as { name: string }[]) ?? []).map((l) => l.name)),
      );
      return githubPage(
        request,
        base(),
        [...names].map((name) => ({ name })),
        replay.maxPage,
      );
    }
    if (path === `${repo}/issues`) {
      const since = q.get('since') === null ? Number.NEGATIVE_INFINITY : ghTime(q.get('since'));
      const sorted = replay.issues
        .filter((i) => ghTime(i.updated_at) >= since)
        .sort((a, b) => ghTime(a.updated_at) - ghTime(b.updated_at) || Number(a.id) - Number(b.id));
      return githubPage(request, base(), sorted, replay.maxPage);
    }
    const events = new RegExp(`^${repo}/issues/(\\d+)/events$`).exec(path);
    if (events !== null)
      return githubPage(
        request,
        base(),
        replay.events.filter((e) => (e.issue as { number: number }).number === Number(events[1])),
        replay.maxPage,
      );
    if (path === `${repo}/pulls`) {
      const sorted = [...replay.pulls].sort(
        (a, b) => ghTime(b.updated_at) - ghTime(a.updated_at) || Number(b.number) - Number(a.number),
      );
      return githubPage(request, base(), sorted, replay.maxPage);
    }
    const pullPart = new RegExp(`^${repo}/pulls/(\\d+)/(commits|reviews)$`).exec(path);
    if (pullPart !== null) {
      const map = pullPart[2] === 'commits' ? replay.commits : replay.reviews;
      return githubPage(request, base(), map.get(Number(pullPart[1])) ?? [], replay.maxPage);
    }
    const workflowRuns = new RegExp(`^${repo}/actions/workflows/([^/]+)/runs$`).exec(path);
    if (workflowRuns !== null) {
      const runs = replay.runs
        .filter((r) => String(r.path).endsWith(`/${workflowRuns[1]}`))
        .sort((a, b) => ghTime(b.created_at) - ghTime(a.created_at) || Number(b.id) - Number(a.id));
      return githubPage(request, base(), runs, replay.maxPage, (page) => ({
        total_count: runs.length,
        workflow_runs: page,
      }));
    }
    if (new RegExp(`^${repo}/actions/workflows/[^/]+$`).test(path)) return json({ id: 1, name: 'workflow' });
    const commitPulls = new RegExp(`^${repo}/commits/([0-9a-f]+)/pulls$`).exec(path);
    if (commitPulls !== null)
      return githubPage(
        request,
        base(),
        replay.pulls.filter((p) => p.merge_commit_sha === commitPulls[1]),
        replay.maxPage,
      );
    if (new RegExp(`^${repo}/compare/`).test(path)) return json({ commits: [] });
    if (path === `${repo}/deployments`) {
      const sorted = [...replay.deployments].sort((a, b) => ghTime(b.created_at) - ghTime(a.created_at));
      return githubPage(request, base(), sorted, replay.maxPage);
    }
    const statuses = new RegExp(`^${repo}/deployments/(\\d+)/statuses$`).exec(path);
    if (statuses !== null)
      return githubPage(request, base(), replay.statuses.get(Number(statuses[1])) ?? [], replay.maxPage);
    if (path === `${repo}/releases`) {
      const sorted = [...replay.releases].sort((a, b) => ghTime(b.created_at) - ghTime(a.created_at));
      return githubPage(request, base(), sorted, replay.maxPage);
    }
    return notFound(path);
  };
}

// ── GitLab ──────────────────────────────────────────────────────────────────────────────────────

export const GITLAB_PROJECT = { id: 12345678, path_with_namespace: 'gitlab-data/snowflake_spend' };

export interface GitlabReplay {
  readonly token: string;
  readonly maxPage: number;
  readonly issues: Record<string, unknown>[];
  readonly mergeRequests: Record<string, unknown>[];
  readonly commits: Map<number, Record<string, unknown>[]>;
  readonly deployments: Record<string, unknown>[];
}

export function gitlabReplay(token: string, maxPage = 100): GitlabReplay {
  const commits = new Map<number, Record<string, unknown>[]>();
  for (const row of rawRows('gitlab/raw_tables/_raw_gitlab_api_merge_request_commits.csv')) {
    const iid = Number(row.input?.Iid);
    const list = commits.get(iid) ?? [];
    if (!list.some((c) => c.id === row.data.id)) list.push(row.data);
    commits.set(iid, list);
  }
  return {
    token,
    maxPage,
    issues: uniqueBy(
      rawRows('gitlab/raw_tables/_raw_gitlab_api_issues.csv').map((r) => r.data),
      (i) => String(i.id),
    ),
    mergeRequests: uniqueBy(
      rawRows('gitlab/raw_tables/_raw_gitlab_api_merge_requests.csv').map((r) => r.data),
      (m) => String(m.id),
    ),
    commits,
    deployments: uniqueBy(
      rawRows('gitlab/raw_tables/_raw_gitlab_api_deployments.csv').map((r) => r.data),
      (d) => String(d.id),
    ),
  };
}

function gitlabPage<T>(request: ReplayRequest, base: string, items: readonly T[], maxPage: number): Reply {
  const perPage = Math.min(Number(request.query.get('per_page') ?? 20), maxPage);
  const page = Number(request.query.get('page') ?? 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const more = page * perPage < items.length;
  const headers: Record<string, string> = {
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-total': String(items.length),
    'x-next-page': more ? String(page + 1) : '',
  };
  if (more) {
    const next = new URLSearchParams(request.query);
    next.set('page', String(page + 1));
    headers.link = `<${base}${request.path}?${next}>; rel="next"`;
  }
  return { status: 200, body: slice, headers };
}

export function gitlabHandler(replay: GitlabReplay, base: () => string): Handler {
  const project = `/api/v4/projects/${GITLAB_PROJECT.id}`;
  return (request) => {
    if (request.headers['private-token'] !== replay.token)
      return { status: 401, body: { message: '401 Unauthorized' } };
    const path = request.path;
    const q = request.query;
    const after =
      q.get('updated_after') === null ? Number.NEGATIVE_INFINITY : Date.parse(String(q.get('updated_after')));
    const byUpdated = (items: Record<string, unknown>[]) =>
      items
        .filter((i) => Date.parse(String(i.updated_at)) >= after)
        .sort(
          (a, b) =>
            Date.parse(String(a.updated_at)) - Date.parse(String(b.updated_at)) ||
            Number(a.id) - Number(b.id),
        );
    if (path === '/api/v4/user') return json({ username: 'replay-user' });
    if (path === `/api/v4/projects/${GITLAB_PROJECT.path_with_namespace}` || path === project)
      return json(GITLAB_PROJECT);
    if (path === `${project}/issues`)
      return gitlabPage(request, base(), byUpdated(replay.issues), replay.maxPage);
    const stateEvents = new RegExp(`^${project}/issues/(\\d+)/resource_state_events$`).exec(path);
    if (stateEvents !== null) {
      // GitLab's state events are not in the recorded data; a closed issue's closing is derived from `closed_at`.
      const issue = replay.issues.find((i) => i.iid === Number(stateEvents[1]));
      const events =
        issue?.state === 'closed' && typeof issue.closed_at === 'string'
          ? [
              {
                id: Number(issue.id),
                state: 'closed',
                created_at: issue.closed_at,
                user: issue.closed_by ?? null,
              },
            ]
          : [];
      return gitlabPage(request, base(), events, replay.maxPage);
    }
    if (new RegExp(`^${project}/issues/\\d+/resource_label_events$`).test(path))
      return gitlabPage(request, base(), [], replay.maxPage);
    if (path === `${project}/merge_requests`)
      return gitlabPage(request, base(), byUpdated(replay.mergeRequests), replay.maxPage);
    const mrCommits = new RegExp(`^${project}/merge_requests/(\\d+)/commits$`).exec(path);
    if (mrCommits !== null)
      return gitlabPage(request, base(), replay.commits.get(Number(mrCommits[1])) ?? [], replay.maxPage);
    if (new RegExp(`^${project}/merge_requests/\\d+/approvals$`).test(path)) return json({ approved_by: [] });
    if (path === `${project}/deployments`)
      return gitlabPage(request, base(), byUpdated(replay.deployments), replay.maxPage);
    if (new RegExp(`^${project}/deployments/\\d+/merge_requests$`).test(path))
      return gitlabPage(request, base(), [], replay.maxPage);
    if (path === `${project}/labels`)
      return gitlabPage(request, base(), [{ name: 'bug' }, { name: 'workflow::in review' }], replay.maxPage);
    if (path === `${project}/environments`) {
      const names = [...new Set(replay.deployments.map((d) => (d.environment as { name: string }).name))];
      return gitlabPage(
        request,
        base(),
        names.map((name) => ({ name })),
        replay.maxPage,
      );
    }
    return notFound(path);
  };
}
