/**
 * GitHub connector (REST API, a token). Per repository:
 *
 * - `issues`: work items, read with `since` (oldest updated first, keyset paging); statuses are the
 *   issue state, a configured status label while open, or the Status field of a configured
 *   Projects board (GraphQL); transitions come from the issue's events (closed, reopened, status
 *   labels added and removed), identified by the event id.
 * - `pulls`: pull requests as changes — first commit time (from its commits), merge time, reviewed
 *   or not (a review by someone other than the author), linked work items (closing keywords,
 *   tracker keys in the title, body or branch, a branch named after an issue number).
 * - `deployments`: Deployments with their statuses (a `success` status → success, `failure` or
 *   `error` → failed; still pending → not yet); their changes are the pull requests between the
 *   previous deployment to the same environment and this one.
 * - `releases`: published releases as deployments to the environment `release`.
 * - `runs`: completed runs of the configured deploy workflow as deployments.
 *
 * Lists GitHub only offers newest first (pulls, deployments, releases, runs) are read until they
 * are older than the cursor; their first page is asked with the last run's ETag, and a 304 costs
 * nothing against the rate limit.
 */
import type { GithubSourceConfig } from './config.js';
import { recordSourceOf, secretFrom } from './config.js';
import { isSourceError, type JsonResponse, nextLink, SourceError } from './http.js';
import {
  defined,
  type FetchedPage,
  iso,
  linkedItems,
  ms,
  newestFirstPages,
  oldestFirstPages,
  proposeEnvironment,
  proposeTrackerStatus,
  proposeType,
  sourceHttp,
  teamFor,
} from './shared.js';
import {
  asWindowCursor,
  type CheckResult,
  type Connector,
  type ConnectorContext,
  type MappingProposal,
  type OutRecord,
  type Resource,
} from './types.js';

/** Deployment statuses can still change a while after the deployment is created. */
const DEPLOYMENT_LOOKBACK_MS = 3 * 24 * 3_600_000;
const TYPE_LABEL = /bug|defect|feature|enhancement|security|vulnerab|chore|debt|refactor|tech|incident/i;

interface GhUser {
  login?: string;
}
interface GhLabel {
  name?: string;
}
export interface GhIssue {
  id: number;
  number: number;
  title?: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels?: (GhLabel | string)[];
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  html_url?: string;
  pull_request?: unknown;
  type?: { name?: string } | null;
  user?: GhUser | null;
}
export interface GhEvent {
  id: number;
  event: string;
  created_at: string;
  actor?: GhUser | null;
  label?: GhLabel | null;
  state_reason?: string | null;
}
export interface GhPull {
  id: number;
  number: number;
  title?: string;
  body?: string | null;
  state: string;
  created_at: string;
  updated_at: string;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  user?: GhUser | null;
  head?: { ref?: string; sha?: string };
  html_url?: string;
}
interface GhCommit {
  sha: string;
  commit?: { author?: { date?: string }; committer?: { date?: string }; message?: string };
}
interface GhReview {
  state?: string;
  user?: GhUser | null;
}
interface GhDeployment {
  id: number;
  sha: string;
  environment: string;
  created_at: string;
  updated_at?: string;
}
interface GhDeploymentStatus {
  state: string;
  created_at: string;
}
interface GhRelease {
  id: number;
  tag_name: string;
  draft?: boolean;
  published_at?: string | null;
  created_at: string;
}
interface GhRun {
  id: number;
  head_sha: string;
  status?: string;
  conclusion?: string | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
}

interface ProjectItems {
  pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
  nodes?: {
    fieldValueByName?: { name?: string } | null;
    content?: { number?: number; repository?: { nameWithOwner?: string } } | null;
  }[];
}
interface ProjectAnswer {
  data?: Record<string, { projectV2?: { items?: ProjectItems } | null } | null>;
  errors?: { message?: string }[];
}

interface RepoScope {
  readonly repo: string;
  readonly service: string;
  readonly team: string | undefined;
  readonly source: string;
}

export function createGithubConnector(config: GithubSourceConfig, context: ConnectorContext): Connector {
  const http = sourceHttp(config, context, {
    authorization: `Bearer ${secretFrom(context.env, config.credentials.token, `source ${config.name}: credentials.token`)}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
  });
  const api = config.url;
  const perPage = config.pageSize ?? 100;
  const overlapMs = config.overlapMinutes * 60_000;
  const statusLabels = new Map(config.statusLabels.map((l) => [l.toLowerCase(), l]));

  const repos: RepoScope[] = config.repos.map((entry) => {
    const repo = typeof entry === 'string' ? entry : entry.repo;
    const own: { service?: string; team?: string } = typeof entry === 'string' ? {} : entry;
    return {
      repo,
      service: own.service ?? config.service ?? repo,
      team: own.team ?? config.team,
      source: recordSourceOf(config, repo),
    };
  });

  const get = <T>(path: string, page?: string, etag?: string | null): Promise<JsonResponse<T>> =>
    http.json<T>({
      url: path.startsWith('http') ? path : `${api}${path}`,
      ...(page === undefined ? {} : { page }),
      ...(etag ? { etag } : {}),
    });

  /** Every item of a listing, following `Link: rel="next"`. */
  const all = async <T>(path: string, page: string, limit = 1000): Promise<T[]> => {
    const items: T[] = [];
    let url: string | null = `${api}${path}`;
    for (let n = 1; url !== null && items.length < limit; n++) {
      const response: JsonResponse<T[]> = await get<T[]>(url, `${page}, page ${n}`);
      items.push(...(response.body ?? []));
      url = nextLink(response.headers);
    }
    return items;
  };

  const listPage = async <T>(
    path: string,
    label: string,
    etag: string | null = null,
  ): Promise<FetchedPage<T>> => {
    const response = await get<T[] | Record<string, unknown>>(path, label, etag);
    if (response.notModified) return { items: [], hasNext: false, notModified: true };
    const body = response.body;
    const items = (Array.isArray(body) ? body : ((body?.workflow_runs as T[] | undefined) ?? [])) as T[];
    return {
      items,
      hasNext: nextLink(response.headers) !== null,
      etag: response.etag,
      url: response.url,
      total: Array.isArray(body) ? null : ((body?.total_count as number | undefined) ?? null),
    };
  };

  /**
   * Pull requests shipped by a deployment: those named by the commits between the previous
   * revision and this one (merge and squash commit messages), or, without a previous revision, the
   * pull requests of the deployed commit. A revision GitHub does not know links nothing.
   */
  const pullsBetween = async (scope: RepoScope, base: string | null, head: string): Promise<string[]> => {
    const numbers = new Set<number>();
    try {
      if (base !== null && base !== head) {
        const compare = (
          await get<{ commits?: GhCommit[] }>(
            `/repos/${scope.repo}/compare/${encodeURIComponent(base)}...${encodeURIComponent(head)}`,
            `compare ${base.slice(0, 12)}...${head.slice(0, 12)}`,
          )
        ).body;
        for (const commit of compare?.commits ?? [])
          for (const n of pullNumbersIn(commit.commit?.message ?? '')) numbers.add(n);
      } else if (/^[0-9a-f]{40}$/i.test(head)) {
        for (const pull of await all<{ number: number }>(
          `/repos/${scope.repo}/commits/${head}/pulls?per_page=100`,
          `pulls of ${head.slice(0, 12)}`,
        ))
          numbers.add(pull.number);
      }
    } catch (error) {
      if (!isSourceError(error) || error.reason !== 'not-found') throw error;
    }
    return [...numbers].sort((a, b) => a - b).map((n) => `${scope.repo}#${n}`);
  };

  const serviceRecord = (scope: RepoScope): OutRecord[] =>
    scope.team === undefined
      ? []
      : [
          {
            kind: 'service',
            id: scope.service,
            team: scope.team,
            name: scope.repo,
            repository: scope.source,
          },
        ];

  const issueResource = (scope: RepoScope): Resource => ({
    name: `${scope.repo}:issues`,
    async *pages(stored) {
      const projectStatuses = config.project === undefined ? null : await loadProjectStatuses(scope);
      yield* oldestFirstPages<GhIssue>({
        cursor: asWindowCursor(stored),
        overlapMs,
        label: `${scope.repo} issues`,
        precisionMs: 1000,
        updatedOf: (issue) => ms(issue.updated_at),
        keyOf: (issue) => String(issue.id),
        fetch: (lower, page, pageNumber) =>
          listPage<GhIssue>(
            `/repos/${scope.repo}/issues?state=all&sort=updated&direction=asc&per_page=${perPage}&page=${page}` +
              (lower === null ? '' : `&since=${iso(lower).replace(/\.\d{3}Z$/, 'Z')}`),
            `${scope.repo} issues, page ${pageNumber}`,
          ),
        toRecords: async (issues) => {
          const records: OutRecord[] = [];
          for (const issue of issues) {
            if (issue.pull_request !== undefined) continue;
            const events = await all<GhEvent>(
              `/repos/${scope.repo}/issues/${issue.number}/events?per_page=100`,
              `events of ${scope.repo}#${issue.number}`,
            );
            records.push(
              ...githubIssueRecords(
                config,
                scope,
                issue,
                events,
                statusLabels,
                projectStatuses?.get(issue.number),
              ),
            );
          }
          return records;
        },
      });
    },
  });

  /** The Status of each issue on the configured Projects board (GraphQL, paged). */
  const loadProjectStatuses = async (scope: RepoScope): Promise<Map<number, string>> => {
    const project = config.project!;
    const statuses = new Map<number, string>();
    const graphql = `${api.replace(/\/api\/v3$/, '')}${api.endsWith('/api/v3') ? '/api/graphql' : '/graphql'}`;
    let after: string | null = null;
    for (let n = 1; n < 1000; n++) {
      const query = `query($owner: String!, $number: Int!, $after: String, $field: String!) {
  ${project.ownerType}(login: $owner) { projectV2(number: $number) { items(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { fieldValueByName(name: $field) { ... on ProjectV2ItemFieldSingleSelectValue { name } }
      content { ... on Issue { number repository { nameWithOwner } } } } } } } }`;
      const response: JsonResponse<ProjectAnswer> = await http.json<ProjectAnswer>({
        url: graphql,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query,
          variables: { owner: project.owner, number: project.number, after, field: project.statusField },
        }),
        page: `project ${project.owner}/${project.number}, page ${n}`,
      });
      const items: ProjectItems | undefined = response.body?.data?.[project.ownerType]?.projectV2?.items;
      if (items === undefined) {
        const why = response.body?.errors?.map((e) => e.message).join('; ') ?? 'no project in the answer';
        throw new SourceError(
          'malformed',
          `${config.name}: POST ${graphql} (project ${project.owner}/${project.number}): ${why}`,
          {
            source: config.name,
            url: graphql,
          },
        );
      }
      for (const node of items.nodes ?? []) {
        const number = node.content?.number;
        const status = node.fieldValueByName?.name;
        if (
          number !== undefined &&
          status !== undefined &&
          node.content?.repository?.nameWithOwner === scope.repo
        )
          statuses.set(number, status);
      }
      if (items.pageInfo?.hasNextPage !== true) break;
      after = items.pageInfo.endCursor ?? null;
    }
    return statuses;
  };

  const pullResource = (scope: RepoScope): Resource => ({
    name: `${scope.repo}:pulls`,
    pages: (stored) =>
      newestFirstPages<GhPull>({
        cursor: asWindowCursor(stored),
        overlapMs,
        useEtag: true,
        label: `${scope.repo} pulls`,
        timeOf: (pull) => ms(pull.updated_at),
        fetch: (page, etag) =>
          listPage<GhPull>(
            `/repos/${scope.repo}/pulls?state=all&sort=updated&direction=desc&per_page=${perPage}&page=${page}`,
            `${scope.repo} pulls, page ${page}`,
            etag,
          ),
        toRecords: async (pulls) => {
          const records: OutRecord[] = [];
          for (const pull of pulls) {
            const commits = await all<GhCommit>(
              `/repos/${scope.repo}/pulls/${pull.number}/commits?per_page=100`,
              `commits of ${scope.repo}#${pull.number}`,
              250,
            );
            const reviews = await all<GhReview>(
              `/repos/${scope.repo}/pulls/${pull.number}/reviews?per_page=100`,
              `reviews of ${scope.repo}#${pull.number}`,
            );
            records.push(pullRecord(scope, pull, commits, reviews));
          }
          return records;
        },
      }),
  });

  const deploymentResource = (scope: RepoScope): Resource => ({
    name: `${scope.repo}:deployments`,
    pages: (stored) => {
      let first = true;
      return newestFirstPages<GhDeployment>({
        cursor: asWindowCursor(stored),
        overlapMs,
        lookbackMs: DEPLOYMENT_LOOKBACK_MS,
        label: `${scope.repo} deployments`,
        timeOf: (d) => ms(d.created_at),
        fetch: (page) =>
          listPage<GhDeployment>(
            `/repos/${scope.repo}/deployments?per_page=${perPage}&page=${page}`,
            `${scope.repo} deployments, page ${page}`,
          ),
        toRecords: async (deployments) => {
          const records: OutRecord[] = first ? serviceRecord(scope) : [];
          first = false;
          for (const [i, deployment] of deployments.entries()) {
            const statuses = await all<GhDeploymentStatus>(
              `/repos/${scope.repo}/deployments/${deployment.id}/statuses?per_page=100`,
              `statuses of deployment ${deployment.id}`,
            );
            const outcome = deploymentOutcome(statuses);
            if (outcome === null) continue;
            const previous = deployments.slice(i + 1).find((d) => d.environment === deployment.environment);
            records.push(
              defined({
                kind: 'deployment',
                source: scope.source,
                id: `github-deployment-${deployment.id}`,
                service: scope.service,
                environment: deployment.environment,
                at: outcome.at,
                status: outcome.status,
                changes: await pullsBetween(scope, previous?.sha ?? null, deployment.sha),
              }),
            );
          }
          return records;
        },
      });
    },
  });

  const releaseResource = (scope: RepoScope): Resource => ({
    name: `${scope.repo}:releases`,
    pages: (stored) =>
      newestFirstPages<GhRelease>({
        cursor: asWindowCursor(stored),
        overlapMs,
        useEtag: true,
        label: `${scope.repo} releases`,
        timeOf: (r) => ms(r.published_at ?? r.created_at),
        fetch: (page, etag) =>
          listPage<GhRelease>(
            `/repos/${scope.repo}/releases?per_page=${perPage}&page=${page}`,
            `${scope.repo} releases, page ${page}`,
            etag,
          ),
        toRecords: async (releases) => {
          const records: OutRecord[] = [];
          const published = releases.filter((r) => r.draft !== true && r.published_at);
          for (const [i, release] of published.entries()) {
            const previous = published[i + 1];
            records.push(
              defined({
                kind: 'deployment',
                source: scope.source,
                id: `github-release-${release.id}`,
                service: scope.service,
                environment: 'release',
                at: release.published_at!,
                status: 'success',
                changes: await pullsBetween(scope, previous?.tag_name ?? null, release.tag_name),
              }),
            );
          }
          return records;
        },
      }),
  });

  const runResource = (scope: RepoScope, workflow: string): Resource => ({
    name: `${scope.repo}:runs:${workflow}`,
    pages: (stored) =>
      newestFirstPages<GhRun>({
        cursor: asWindowCursor(stored),
        overlapMs,
        useEtag: true,
        label: `${scope.repo} ${workflow} runs`,
        timeOf: (run) => ms(run.created_at),
        fetch: (page, etag) =>
          listPage<GhRun>(
            `/repos/${scope.repo}/actions/workflows/${encodeURIComponent(workflow)}/runs?per_page=${perPage}&page=${page}`,
            `${scope.repo} ${workflow} runs, page ${page}`,
            etag,
          ),
        toRecords: async (runs) => {
          const records: OutRecord[] = [];
          const finished = runs.filter(
            (run) =>
              run.status === 'completed' && (run.conclusion === 'success' || run.conclusion === 'failure'),
          );
          for (const [i, run] of finished.entries()) {
            const previous = finished.slice(i + 1).find((r) => r.conclusion === 'success');
            records.push(
              defined({
                kind: 'deployment',
                source: scope.source,
                id: `github-run-${run.id}`,
                service: scope.service,
                environment: config.deployEnvironment,
                at: run.updated_at,
                status: run.conclusion === 'success' ? 'success' : 'failed',
                changes: await pullsBetween(scope, previous?.head_sha ?? null, run.head_sha),
              }),
            );
          }
          return records;
        },
      }),
  });

  return {
    config,
    stats: http.stats,
    async resources() {
      const resources: Resource[] = [];
      for (const scope of repos) {
        resources.push(issueResource(scope), pullResource(scope));
        if (config.deployments) resources.push(deploymentResource(scope));
        if (config.releases) resources.push(releaseResource(scope));
        if (config.deployWorkflow !== undefined) resources.push(runResource(scope, config.deployWorkflow));
      }
      return resources;
    },
    async check(): Promise<CheckResult> {
      const me = (await get<{ login?: string }>('/user', 'current user')).body;
      const scope: string[] = [];
      for (const { repo } of repos) {
        const info = (
          await get<{ full_name?: string; private?: boolean; has_issues?: boolean }>(
            `/repos/${repo}`,
            `repository ${repo}`,
          )
        ).body;
        scope.push(`repository ${info?.full_name ?? repo}${info?.private ? ' (private)' : ''}`);
      }
      if (config.deployWorkflow !== undefined) {
        const { repo } = repos[0]!;
        await get(
          `/repos/${repo}/actions/workflows/${encodeURIComponent(config.deployWorkflow)}`,
          `workflow ${config.deployWorkflow}`,
        );
        scope.push(`deploy workflow ${config.deployWorkflow}`);
      }
      return { account: me?.login ?? 'unknown', scope };
    },
    async proposeMappings(): Promise<MappingProposal[]> {
      const proposals: MappingProposal[] = [];
      for (const scope of repos) {
        const labels = await all<GhLabel>(
          `/repos/${scope.repo}/labels?per_page=100`,
          `labels of ${scope.repo}`,
        );
        const statuses: MappingProposal['statuses'] = {};
        for (const status of ['open', 'closed', 'closed (not planned)', ...config.statusLabels])
          statuses[status] = proposeTrackerStatus(status);
        if (config.project !== undefined)
          for (const status of new Set((await loadProjectStatuses(scope)).values()))
            statuses[status] = proposeTrackerStatus(status);
        const types: MappingProposal['types'] = { issue: 'feature' };
        for (const label of labels)
          if (label.name !== undefined && TYPE_LABEL.test(label.name))
            types[label.name] = proposeType(label.name);
        const environments: MappingProposal['environments'] = { release: 'release' };
        if (config.deployWorkflow !== undefined)
          environments[config.deployEnvironment] = proposeEnvironment(config.deployEnvironment);
        if (config.deployments) {
          const recent =
            (
              await get<GhDeployment[]>(
                `/repos/${scope.repo}/deployments?per_page=100`,
                `deployments of ${scope.repo}`,
              )
            ).body ?? [];
          for (const environment of new Set(recent.map((d) => d.environment)))
            environments[environment] = proposeEnvironment(environment);
        }
        proposals.push({ source: scope.source, statuses, types, environments });
      }
      return proposals;
    },
  };
}

/** A GitHub issue's work item and status transitions. */
export function githubIssueRecords(
  config: GithubSourceConfig,
  scope: { readonly repo: string; readonly team: string | undefined; readonly source: string },
  issue: GhIssue,
  events: readonly GhEvent[],
  statusLabels: ReadonlyMap<string, string>,
  projectStatus?: string,
): OutRecord[] {
  const labels = (issue.labels ?? []).flatMap((l) => {
    const name = typeof l === 'string' ? l : l.name;
    return name === undefined ? [] : [name];
  });
  const replay = replayStatuses(config, scope, issue, events, statusLabels);
  const current = currentStatus(issue, labels, statusLabels, replay.lastLabel);
  const team = teamFor({ ...config, team: scope.team }, { labels, repo: scope.repo });
  return [
    defined({
      kind: 'workItem',
      source: scope.source,
      id: `${scope.repo}#${issue.number}`,
      type: issue.type?.name ?? labels.find((l) => TYPE_LABEL.test(l)) ?? 'issue',
      status: projectStatus ?? current,
      createdAt: issue.created_at,
      title: issue.title,
      team,
      url: issue.html_url,
      labels,
    }),
    ...replay.transitions,
  ];
}

function statusOf(state: string, reason: string | null | undefined, label: string | undefined): string {
  if (state === 'closed') return reason === 'not_planned' ? 'closed (not planned)' : 'closed';
  return label ?? 'open';
}

function currentStatus(
  issue: GhIssue,
  labels: readonly string[],
  statusLabels: ReadonlyMap<string, string>,
  lastApplied: string | undefined,
): string {
  const present = labels.filter((l) => statusLabels.has(l.toLowerCase()));
  const label = lastApplied !== undefined && present.includes(lastApplied) ? lastApplied : present[0];
  return statusOf(issue.state, issue.state_reason, label);
}

/** Replays the issue's events into status changes: closed, reopened, status labels on and off. */
function replayStatuses(
  _config: GithubSourceConfig,
  scope: { readonly repo: string; readonly source: string },
  issue: GhIssue,
  events: readonly GhEvent[],
  statusLabels: ReadonlyMap<string, string>,
): { transitions: OutRecord[]; lastLabel: string | undefined } {
  let state = 'open';
  let reason: string | null | undefined = null;
  const applied: string[] = [];
  let previous = statusOf(state, reason, undefined);
  const transitions: OutRecord[] = [];
  const ordered = [...events].sort(
    (a, b) => (ms(a.created_at) ?? 0) - (ms(b.created_at) ?? 0) || a.id - b.id,
  );
  for (const event of ordered) {
    const label = event.label?.name;
    if (event.event === 'closed') {
      state = 'closed';
      reason = event.state_reason ?? null;
    } else if (event.event === 'reopened') {
      state = 'open';
      reason = null;
    } else if (event.event === 'labeled' && label !== undefined && statusLabels.has(label.toLowerCase())) {
      applied.push(label);
    } else if (event.event === 'unlabeled' && label !== undefined) {
      const at = applied.lastIndexOf(label);
      if (at !== -1) applied.splice(at, 1);
    } else continue;
    const next = statusOf(state, reason, applied.at(-1));
    if (next === previous) continue;
    transitions.push(
      defined({
        kind: 'transition',
        source: scope.source,
        item: `${scope.repo}#${issue.number}`,
        at: event.created_at,
        from: previous,
        to: next,
        id: String(event.id),
        by: event.actor?.login,
      }),
    );
    previous = next;
  }
  return { transitions, lastLabel: applied.at(-1) };
}

/** A pull request as a change. */
export function pullRecord(
  scope: { readonly repo: string; readonly source: string },
  pull: GhPull,
  commits: readonly GhCommit[],
  reviews: readonly GhReview[],
): OutRecord {
  const times = commits
    .map((c) => ms(c.commit?.author?.date ?? c.commit?.committer?.date))
    .filter((t): t is number => t !== null);
  const author = pull.user?.login;
  return defined({
    kind: 'change',
    source: scope.source,
    id: `${scope.repo}#${pull.number}`,
    createdAt: pull.created_at,
    firstCommitAt: times.length === 0 ? undefined : iso(Math.min(...times)),
    mergedAt: pull.merged_at ?? undefined,
    items: linkedItems(scope.repo, '#', {
      title: pull.title ?? null,
      body: pull.body ?? null,
      branch: pull.head?.ref ?? null,
    }),
    repository: scope.repo,
    author,
    reviewed: reviews.some(
      (r) => r.user?.login !== undefined && r.user.login !== author && r.state !== 'PENDING',
    ),
  });
}

/** The outcome of a deployment from its statuses: success, failed, or null while it is pending. */
export function deploymentOutcome(
  statuses: readonly GhDeploymentStatus[],
): { status: string; at: string } | null {
  const ordered = [...statuses].sort((a, b) => (ms(a.created_at) ?? 0) - (ms(b.created_at) ?? 0));
  const success = ordered.find((s) => s.state === 'success');
  if (success !== undefined) return { status: 'success', at: success.created_at };
  const failure = ordered.find((s) => s.state === 'failure' || s.state === 'error');
  return failure === undefined ? null : { status: 'failed', at: failure.created_at };
}

/** Pull request numbers in a commit message: merge commits and squash merges. */
export function pullNumbersIn(message: string): number[] {
  const firstLine = message.split('\n')[0] ?? '';
  const merge = /^Merge pull request #(\d+)/.exec(firstLine);
  if (merge !== null) return [Number(merge[1])];
  const squash = /\(#(\d+)\)\s*$/.exec(firstLine);
  return squash === null ? [] : [Number(squash[1])];
}
