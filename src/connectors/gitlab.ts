/**
 * GitLab connector (REST v4, a personal, group or project access token). Per project:
 *
 * - `issues`: work items, and incidents (issue type `incident`) as incidents; read with
 *   `updated_after`, oldest updated first (keyset paging); statuses are the state or a status label
 *   (a scoped-label prefix such as `workflow::`, or listed labels) while open; transitions come
 *   from the resource state and label events, identified by the event id.
 * - `merge_requests`: changes — first commit time, merge time, approved (reviewed) or not, linked
 *   work items (closing patterns, tracker keys, a branch named after an issue).
 * - `deployments`: deployments to environments (success or failed; running ones wait), with the
 *   merge requests each one shipped.
 */
import type { GitlabSourceConfig } from './config.js';
import { recordSourceOf, secretFrom } from './config.js';
import { isSourceError, type JsonResponse, nextLink } from './http.js';
import {
  defined,
  type FetchedPage,
  iso,
  linkedItems,
  ms,
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

const TYPE_LABEL = /bug|defect|feature|enhancement|security|vulnerab|chore|debt|refactor|tech/i;

interface GlProject {
  id: number;
  path_with_namespace: string;
  web_url?: string;
}
export interface GlIssue {
  id: number;
  iid: number;
  project_id: number;
  title?: string;
  state: string;
  labels?: string[];
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  web_url?: string;
  issue_type?: string;
  type?: string;
  severity?: string;
}
interface GlStateEvent {
  id: number;
  state: string;
  created_at: string;
  user?: { username?: string } | null;
}
interface GlLabelEvent {
  id: number;
  action: 'add' | 'remove';
  created_at: string;
  label?: { name?: string } | null;
  user?: { username?: string } | null;
}
export interface GlMergeRequest {
  id: number;
  iid: number;
  title?: string;
  description?: string | null;
  state: string;
  created_at: string;
  updated_at: string;
  merged_at?: string | null;
  source_branch?: string;
  author?: { username?: string } | null;
}
interface GlCommit {
  id: string;
  authored_date?: string;
  created_at?: string;
}
interface GlDeployment {
  id: number;
  iid: number;
  status: string;
  created_at: string;
  updated_at: string;
  environment?: { name?: string } | null;
  deployable?: { finished_at?: string | null } | null;
}

interface ProjectScope {
  readonly id: number;
  readonly path: string;
  readonly source: string;
  readonly service: string;
}

export function createGitlabConnector(config: GitlabSourceConfig, context: ConnectorContext): Connector {
  const http = sourceHttp(config, context, {
    'private-token': secretFrom(
      context.env,
      config.credentials.token,
      `source ${config.name}: credentials.token`,
    ),
    accept: 'application/json',
  });
  const api = `${config.url}/api/v4`;
  const perPage = config.pageSize ?? 100;
  const overlapMs = config.overlapMinutes * 60_000;

  const get = <T>(path: string, page?: string): Promise<JsonResponse<T>> =>
    http.json<T>({
      url: path.startsWith('http') ? path : `${api}${path}`,
      ...(page === undefined ? {} : { page }),
    });

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

  const listPage = async <T>(path: string, label: string): Promise<FetchedPage<T>> => {
    const response = await get<T[]>(path, label);
    const next = response.headers.get('x-next-page');
    const total = response.headers.get('x-total');
    return {
      items: response.body ?? [],
      hasNext: nextLink(response.headers) !== null || (next !== null && next !== ''),
      total: total === null ? null : Number(total),
      url: response.url,
    };
  };

  let projects: ProjectScope[] | null = null;
  const loadProjects = async (): Promise<ProjectScope[]> => {
    if (projects !== null) return projects;
    const found: GlProject[] = [];
    if (config.group !== undefined) {
      found.push(
        ...(await all<GlProject>(
          `/groups/${encodeURIComponent(config.group)}/projects?include_subgroups=true&archived=false&per_page=100&order_by=id&sort=asc`,
          `projects of ${config.group}`,
        )),
      );
    } else {
      for (const project of config.projects ?? [])
        found.push(
          (await get<GlProject>(`/projects/${encodeURIComponent(project)}`, `project ${project}`)).body!,
        );
    }
    projects = found.map((p) => ({
      id: p.id,
      path: p.path_with_namespace,
      source: recordSourceOf(config, p.path_with_namespace),
      service: config.service ?? p.path_with_namespace,
    }));
    return projects;
  };

  const statusLabelOf = (labels: readonly string[]): string | undefined => {
    const listed = new Set(config.statusLabels.map((l) => l.toLowerCase()));
    return labels.find(
      (l) =>
        (config.statusLabelPrefix !== undefined && l.startsWith(config.statusLabelPrefix)) ||
        listed.has(l.toLowerCase()),
    );
  };
  const isStatusLabel = (label: string) => statusLabelOf([label]) !== undefined;

  const issueResource = (scope: ProjectScope): Resource => ({
    name: `${scope.path}:issues`,
    pages: (stored) =>
      oldestFirstPages<GlIssue>({
        cursor: asWindowCursor(stored),
        overlapMs,
        label: `${scope.path} issues`,
        precisionMs: 1,
        updatedOf: (issue) => ms(issue.updated_at),
        keyOf: (issue) => String(issue.id),
        fetch: (lower, page, pageNumber) =>
          listPage<GlIssue>(
            `/projects/${scope.id}/issues?scope=all&order_by=updated_at&sort=asc&per_page=${perPage}&page=${page}` +
              (lower === null ? '' : `&updated_after=${encodeURIComponent(iso(lower))}`),
            `${scope.path} issues, page ${pageNumber}`,
          ),
        toRecords: async (issues) => {
          const records: OutRecord[] = [];
          for (const issue of issues) {
            if ((issue.issue_type ?? issue.type ?? '').toLowerCase() === 'incident') {
              records.push(incidentRecord(scope, issue));
              continue;
            }
            const stateEvents = await all<GlStateEvent>(
              `/projects/${scope.id}/issues/${issue.iid}/resource_state_events?per_page=100`,
              `state events of ${scope.path}#${issue.iid}`,
            );
            const labelEvents =
              config.statusLabelPrefix === undefined && config.statusLabels.length === 0
                ? []
                : await all<GlLabelEvent>(
                    `/projects/${scope.id}/issues/${issue.iid}/resource_label_events?per_page=100`,
                    `label events of ${scope.path}#${issue.iid}`,
                  );
            records.push(
              ...gitlabIssueRecords(
                config,
                scope,
                issue,
                stateEvents,
                labelEvents,
                isStatusLabel,
                statusLabelOf,
              ),
            );
          }
          return records;
        },
      }),
  });

  const mergeRequestResource = (scope: ProjectScope): Resource => ({
    name: `${scope.path}:merge_requests`,
    pages: (stored) =>
      oldestFirstPages<GlMergeRequest>({
        cursor: asWindowCursor(stored),
        overlapMs,
        label: `${scope.path} merge requests`,
        precisionMs: 1,
        updatedOf: (mr) => ms(mr.updated_at),
        keyOf: (mr) => String(mr.id),
        fetch: (lower, page, pageNumber) =>
          listPage<GlMergeRequest>(
            `/projects/${scope.id}/merge_requests?scope=all&state=all&order_by=updated_at&sort=asc&per_page=${perPage}&page=${page}` +
              (lower === null ? '' : `&updated_after=${encodeURIComponent(iso(lower))}`),
            `${scope.path} merge requests, page ${pageNumber}`,
          ),
        toRecords: async (mrs) => {
          const records: OutRecord[] = [];
          for (const mr of mrs) {
            const commits = await all<GlCommit>(
              `/projects/${scope.id}/merge_requests/${mr.iid}/commits?per_page=100`,
              `commits of ${scope.path}!${mr.iid}`,
              250,
            );
            let approved: boolean | undefined;
            try {
              const approvals = (
                await get<{ approved_by?: { user?: { username?: string } }[] }>(
                  `/projects/${scope.id}/merge_requests/${mr.iid}/approvals`,
                  `approvals of ${scope.path}!${mr.iid}`,
                )
              ).body;
              approved = (approvals?.approved_by ?? []).some((a) => a.user?.username !== mr.author?.username);
            } catch (error) {
              // Approvals are not on every GitLab edition; without them "reviewed" stays unknown.
              if (!isSourceError(error) || (error.reason !== 'not-found' && error.reason !== 'auth'))
                throw error;
            }
            records.push(mergeRequestRecord(scope, mr, commits, approved));
          }
          return records;
        },
      }),
  });

  const deploymentResource = (scope: ProjectScope, team: string | undefined): Resource => ({
    name: `${scope.path}:deployments`,
    pages: (stored) => {
      let first = true;
      return oldestFirstPages<GlDeployment>({
        cursor: asWindowCursor(stored),
        overlapMs,
        label: `${scope.path} deployments`,
        precisionMs: 1,
        updatedOf: (d) => ms(d.updated_at),
        keyOf: (d) => String(d.id),
        fetch: (lower, page, pageNumber) =>
          listPage<GlDeployment>(
            `/projects/${scope.id}/deployments?order_by=updated_at&sort=asc&per_page=${perPage}&page=${page}` +
              (lower === null ? '' : `&updated_after=${encodeURIComponent(iso(lower))}`),
            `${scope.path} deployments, page ${pageNumber}`,
          ),
        toRecords: async (deployments) => {
          const records: OutRecord[] =
            first && team !== undefined
              ? [{ kind: 'service', id: scope.service, team, name: scope.path, repository: scope.source }]
              : [];
          first = false;
          for (const deployment of deployments) {
            if (deployment.status !== 'success' && deployment.status !== 'failed') continue;
            const mrs = await all<{ iid: number }>(
              `/projects/${scope.id}/deployments/${deployment.id}/merge_requests?per_page=100`,
              `merge requests of deployment ${deployment.id}`,
            ).catch((error: unknown) => {
              if (isSourceError(error) && error.reason === 'not-found') return [];
              throw error;
            });
            records.push(
              defined({
                kind: 'deployment',
                source: scope.source,
                id: `gitlab-deployment-${deployment.id}`,
                service: scope.service,
                environment: deployment.environment?.name ?? 'unknown',
                at: deployment.deployable?.finished_at ?? deployment.updated_at,
                status: deployment.status === 'success' ? 'success' : 'failed',
                changes: mrs.map((mr) => `${scope.path}!${mr.iid}`),
              }),
            );
          }
          return records;
        },
      });
    },
  });

  return {
    config,
    stats: http.stats,
    async resources() {
      const resources: Resource[] = [];
      for (const scope of await loadProjects()) {
        const team = teamFor(config, { repo: scope.path });
        resources.push(issueResource(scope), mergeRequestResource(scope), deploymentResource(scope, team));
      }
      return resources;
    },
    async check(): Promise<CheckResult> {
      const me = (await get<{ username?: string }>('/user', 'current user')).body;
      const found = await loadProjects();
      return {
        account: me?.username ?? 'unknown',
        scope: [
          ...(config.group === undefined ? [] : [`group ${config.group}: ${found.length} projects`]),
          ...found.slice(0, 20).map((p) => `project ${p.path}`),
        ],
      };
    },
    async proposeMappings(): Promise<MappingProposal[]> {
      const proposals: MappingProposal[] = [];
      for (const scope of await loadProjects()) {
        const labels = await all<{ name?: string }>(
          `/projects/${scope.id}/labels?per_page=100`,
          `labels of ${scope.path}`,
        );
        const statuses: MappingProposal['statuses'] = {
          opened: proposeTrackerStatus('opened'),
          closed: proposeTrackerStatus('closed'),
        };
        const types: MappingProposal['types'] = { issue: 'feature', task: 'feature' };
        for (const { name } of labels) {
          if (name === undefined) continue;
          if (isStatusLabel(name)) {
            const bare =
              config.statusLabelPrefix !== undefined ? name.slice(config.statusLabelPrefix.length) : name;
            statuses[name] = proposeTrackerStatus(bare);
          } else if (TYPE_LABEL.test(name)) types[name] = proposeType(name);
        }
        const environments: MappingProposal['environments'] = {};
        for (const env of await all<{ name?: string }>(
          `/projects/${scope.id}/environments?per_page=100`,
          `environments of ${scope.path}`,
        ))
          if (env.name !== undefined) environments[env.name] = proposeEnvironment(env.name);
        proposals.push({ source: scope.source, statuses, types, environments });
      }
      return proposals;
    },
  };
}

/** An issue of type incident as an incident. */
export function incidentRecord(
  scope: { readonly path: string; readonly source: string; readonly service: string },
  issue: GlIssue,
): OutRecord {
  return defined({
    kind: 'incident',
    source: scope.source,
    id: `${scope.path}#${issue.iid}`,
    service: scope.service,
    openedAt: issue.created_at,
    resolvedAt: issue.state === 'closed' ? (issue.closed_at ?? undefined) : undefined,
    severity: issue.severity !== undefined && issue.severity !== 'UNKNOWN' ? issue.severity : undefined,
  });
}

/** A GitLab issue's work item and its status transitions from its state and label events. */
export function gitlabIssueRecords(
  config: GitlabSourceConfig,
  scope: { readonly path: string; readonly source: string },
  issue: GlIssue,
  stateEvents: readonly GlStateEvent[],
  labelEvents: readonly GlLabelEvent[],
  isStatusLabel: (label: string) => boolean,
  statusLabelOf: (labels: readonly string[]) => string | undefined,
): OutRecord[] {
  const labels = issue.labels ?? [];
  const status = issue.state === 'closed' ? 'closed' : (statusLabelOf(labels) ?? 'opened');
  const item = `${scope.path}#${issue.iid}`;
  type Step = { id: string; at: string; by?: string; apply: (s: { state: string; label?: string }) => void };
  const steps: Step[] = [
    ...stateEvents.map(
      (e): Step => ({
        id: `state-${e.id}`,
        at: e.created_at,
        ...(e.user?.username === undefined ? {} : { by: e.user.username }),
        apply: (s) => {
          s.state = e.state === 'closed' ? 'closed' : 'opened';
        },
      }),
    ),
    ...labelEvents
      .filter((e) => e.label?.name !== undefined && isStatusLabel(e.label.name))
      .map(
        (e): Step => ({
          id: `label-${e.id}`,
          at: e.created_at,
          ...(e.user?.username === undefined ? {} : { by: e.user.username }),
          apply: (s) => {
            if (e.action === 'add') s.label = e.label!.name!;
            else if (s.label === e.label!.name) delete s.label;
          },
        }),
      ),
  ].sort((a, b) => (ms(a.at) ?? 0) - (ms(b.at) ?? 0) || a.id.localeCompare(b.id));
  const state: { state: string; label?: string } = { state: 'opened' };
  const statusNow = () => (state.state === 'closed' ? 'closed' : (state.label ?? 'opened'));
  let previous = statusNow();
  const transitions: OutRecord[] = [];
  for (const step of steps) {
    step.apply(state);
    const next = statusNow();
    if (next === previous) continue;
    transitions.push(
      defined({
        kind: 'transition',
        source: scope.source,
        item,
        at: step.at,
        from: previous,
        to: next,
        id: step.id,
        by: step.by,
      }),
    );
    previous = next;
  }
  return [
    defined({
      kind: 'workItem',
      source: scope.source,
      id: item,
      type: labels.find((l) => TYPE_LABEL.test(l)) ?? issue.issue_type ?? 'issue',
      status,
      createdAt: issue.created_at,
      title: issue.title,
      team: teamFor(config, { labels, repo: scope.path }),
      url: issue.web_url,
      labels,
    }),
    ...transitions,
  ];
}

/** A merge request as a change. */
export function mergeRequestRecord(
  scope: { readonly path: string; readonly source: string },
  mr: GlMergeRequest,
  commits: readonly GlCommit[],
  approved: boolean | undefined,
): OutRecord {
  const times = commits
    .map((c) => ms(c.authored_date ?? c.created_at))
    .filter((t): t is number => t !== null);
  return defined({
    kind: 'change',
    source: scope.source,
    id: `${scope.path}!${mr.iid}`,
    createdAt: mr.created_at,
    firstCommitAt: times.length === 0 ? undefined : iso(Math.min(...times)),
    mergedAt: mr.merged_at ?? undefined,
    items: linkedItems(scope.path, '#', {
      title: mr.title ?? null,
      body: mr.description ?? null,
      branch: mr.source_branch ?? null,
    }),
    repository: scope.path,
    author: mr.author?.username,
    reviewed: approved,
  });
}
