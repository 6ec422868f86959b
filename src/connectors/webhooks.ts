/**
 * Webhook deliveries → interchange records, by the same mapping the sync uses (and, when a source
 * in the configuration covers the repository or project, the same API look-ups), so a change seen
 * by a webhook and by a sync is stored once: Jira transitions carry the changelog id; GitHub and
 * GitLab transitions come from the same issue events the sync reads.
 *
 * Without a configured source (a webhook secret in the environment only), GitHub and GitLab
 * deliveries still update items from the payload alone; fields only the API knows (first commit
 * time, reviewed, a deployment's changes) keep their stored values.
 */
import { sql } from 'kysely';
import type { Store } from '../store/index.js';
import {
  type FlowlensConfig,
  type GithubSourceConfig,
  type GitlabSourceConfig,
  type JiraSourceConfig,
  recordSourceOf,
  sourceSchema,
  type WebhookProvider,
} from './config.js';
import { deploymentOutcome, type GhIssue, type GhPull, githubIssueRecords, pullRecord } from './github.js';
import { type GlIssue, gitlabIssueRecords, incidentRecord, mergeRequestRecord } from './gitlab.js';
import { type HttpClient, type HttpPolicy, isSourceError, nextLink } from './http.js';
import { issueRecords, type JiraFieldIds, type JiraIssue, loadJiraFieldIds } from './jira.js';
import { defined, iso, sourceHttp } from './shared.js';
import type { Env, OutRecord } from './types.js';

export interface WebhookContext {
  readonly config: FlowlensConfig | null;
  readonly env: Env;
  readonly store: Store;
  readonly now: () => number;
  readonly policy?: Partial<HttpPolicy>;
}

export type WebhookOutcome =
  | { readonly status: 'records'; readonly records: readonly OutRecord[] }
  | { readonly status: 'ignored'; readonly reason: string }
  /** The item was deleted at its source: the caller tombstones it (src/ingest/tombstone.ts). */
  | { readonly status: 'deleted'; readonly source: string; readonly id: string; readonly reason: string };

/** Thrown for a payload whose shape is not what the event promises: the delivery is set aside. */
export class UnexpectedPayload extends Error {}

const HANDLED: Record<WebhookProvider, readonly string[]> = {
  github: ['issues', 'pull_request', 'deployment_status', 'release', 'workflow_run', 'ping'],
  gitlab: ['issue', 'work_item', 'merge_request', 'deployment'],
  jira: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'],
};

/** Whether Flowlens reads this event at all (an unknown one is answered 202 and stores nothing). */
export function isHandledEvent(provider: WebhookProvider, event: string): boolean {
  return HANDLED[provider].includes(event);
}

/** The event type of a delivery, from its header or (GitLab, Jira) its payload. */
export function eventOf(provider: WebhookProvider, header: string | undefined, payload: unknown): string {
  const body = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  if (provider === 'github') return header ?? '';
  if (provider === 'gitlab') return typeof body.object_kind === 'string' ? body.object_kind : (header ?? '');
  return typeof body.webhookEvent === 'string' ? body.webhookEvent : '';
}

export async function translateWebhook(
  provider: WebhookProvider,
  event: string,
  payload: unknown,
  context: WebhookContext,
): Promise<WebhookOutcome> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new UnexpectedPayload('the payload is not a JSON object');
  const body = payload as Record<string, unknown>;
  switch (provider) {
    case 'github':
      return github(event, body, context);
    case 'gitlab':
      return gitlab(event, body, context);
    case 'jira':
      return jira(event, body, context);
  }
}

// ── GitHub ──────────────────────────────────────────────────────────────────────────────────────

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UnexpectedPayload(`${what} is missing or not an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '')
    throw new UnexpectedPayload(`${what} is missing or not a string`);
  return value;
}

function number(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new UnexpectedPayload(`${what} is missing or not a number`);
  return value;
}

function githubSourceFor(config: FlowlensConfig | null, repo: string): GithubSourceConfig | null {
  for (const source of config?.sources ?? []) {
    if (source.kind !== 'github') continue;
    if (source.repos.some((r) => (typeof r === 'string' ? r : r.repo).toLowerCase() === repo.toLowerCase()))
      return source;
  }
  return null;
}

/**
 * A source configuration for a repository no configured source covers (payload-only records);
 * kept per repository (the last 256), as a stream of deliveries from one repository would
 * otherwise validate the same configuration for each. Read only by its callers.
 */
function bareGithubSource(repo: string): GithubSourceConfig {
  let config = bareGithubSources.get(repo);
  if (config === undefined) {
    config = sourceSchema.parse({
      kind: 'github',
      name: 'webhook',
      repos: [repo],
      credentials: { token: 'UNUSED' },
    }) as GithubSourceConfig;
    bareGithubSources.set(repo, config);
    if (bareGithubSources.size > 256)
      bareGithubSources.delete(bareGithubSources.keys().next().value as string);
  }
  return config;
}
const bareGithubSources = new Map<string, GithubSourceConfig>();

async function github(
  event: string,
  body: Record<string, unknown>,
  context: WebhookContext,
): Promise<WebhookOutcome> {
  if (event === 'ping') return { status: 'ignored', reason: 'ping: the webhook is set up' };
  const repository = object(body.repository, 'repository');
  const repo = text(repository.full_name, 'repository.full_name');
  const configured = githubSourceFor(context.config, repo);
  const config = configured ?? bareGithubSource(repo);
  const entry = config.repos.find(
    (r) => (typeof r === 'string' ? r : r.repo).toLowerCase() === repo.toLowerCase(),
  );
  const own: { service?: string; team?: string } =
    typeof entry === 'object' && entry !== undefined ? entry : {};
  const scope = {
    repo,
    source: recordSourceOf(config, repo),
    team: own.team ?? config.team,
    service: own.service ?? config.service ?? repo,
  };
  const http = configured === null ? null : githubHttp(configured, context);
  const api = config.url;
  const list = (path: string) => lookUp(http, `${api}${path}`);

  if (event === 'issues') {
    const issue = object(body.issue, 'issue') as unknown as GhIssue;
    number(issue.number, 'issue.number');
    text(issue.created_at, 'issue.created_at');
    if (issue.pull_request !== undefined)
      return { status: 'ignored', reason: 'issue event of a pull request' };
    const events = await list(`/repos/${repo}/issues/${issue.number}/events?per_page=100`);
    const statusLabels = new Map(config.statusLabels.map((l) => [l.toLowerCase(), l]));
    return { status: 'records', records: githubIssueRecords(config, scope, issue, events, statusLabels) };
  }
  if (event === 'pull_request') {
    const pull = object(body.pull_request, 'pull_request') as unknown as GhPull;
    number(pull.number, 'pull_request.number');
    text(pull.created_at, 'pull_request.created_at');
    if (http === null) {
      const record = pullRecord(scope, pull, [], []);
      return {
        status: 'records',
        records: [
          await keepStored(context.store, record, { reviewed: 'reviewed', firstCommitAt: 'first_commit_at' }),
        ],
      };
    }
    const commits = await list(`/repos/${repo}/pulls/${pull.number}/commits?per_page=100`);
    const reviews = await list(`/repos/${repo}/pulls/${pull.number}/reviews?per_page=100`);
    return { status: 'records', records: [pullRecord(scope, pull, commits, reviews)] };
  }
  if (event === 'deployment_status') {
    const deployment = object(body.deployment, 'deployment');
    const status = object(body.deployment_status, 'deployment_status');
    const outcome = deploymentOutcome([
      {
        state: text(status.state, 'deployment_status.state'),
        created_at: text(status.created_at, 'deployment_status.created_at'),
      },
    ]);
    if (outcome === null)
      return { status: 'ignored', reason: `deployment status "${String(status.state)}" is not final` };
    const sha = text(deployment.sha, 'deployment.sha');
    const pulls = await lookUp<{ number: number }>(
      http,
      `${api}/repos/${repo}/commits/${sha}/pulls?per_page=100`,
    );
    const record = defined({
      kind: 'deployment',
      source: scope.source,
      id: `github-deployment-${number(deployment.id, 'deployment.id')}`,
      service: scope.service,
      environment: text(deployment.environment, 'deployment.environment'),
      at: outcome.at,
      status: outcome.status,
      changes: pulls.length === 0 ? undefined : pulls.map((p) => `${repo}#${p.number}`),
    });
    return { status: 'records', records: [await keepStored(context.store, record, { changes: 'changes' })] };
  }
  if (event === 'release') {
    const action = String(body.action);
    const release = object(body.release, 'release');
    if (
      !['published', 'released', 'edited', 'created'].includes(action) ||
      release.draft === true ||
      typeof release.published_at !== 'string'
    )
      return { status: 'ignored', reason: `release ${action}: not a published release` };
    if (!config.releases) return { status: 'ignored', reason: 'releases are not synced for this repository' };
    const record = defined({
      kind: 'deployment',
      source: scope.source,
      id: `github-release-${number(release.id, 'release.id')}`,
      service: scope.service,
      environment: 'release',
      at: release.published_at,
      status: 'success',
    });
    return { status: 'records', records: [await keepStored(context.store, record, { changes: 'changes' })] };
  }
  if (event === 'workflow_run') {
    const run = object(body.workflow_run, 'workflow_run');
    const path = typeof run.path === 'string' ? run.path : '';
    const workflow = config.deployWorkflow;
    if (workflow === undefined || !(path === workflow || path.endsWith(`/${workflow}`)))
      return { status: 'ignored', reason: `workflow ${path || '?'} is not the configured deploy workflow` };
    if (run.status !== 'completed' || (run.conclusion !== 'success' && run.conclusion !== 'failure'))
      return {
        status: 'ignored',
        reason: `workflow run ${String(run.status)}/${String(run.conclusion)} is not a finished deployment`,
      };
    const sha = text(run.head_sha, 'workflow_run.head_sha');
    const pulls = await lookUp<{ number: number }>(
      http,
      `${api}/repos/${repo}/commits/${sha}/pulls?per_page=100`,
    );
    const record = defined({
      kind: 'deployment',
      source: scope.source,
      id: `github-run-${number(run.id, 'workflow_run.id')}`,
      service: scope.service,
      environment: config.deployEnvironment,
      at: text(run.updated_at, 'workflow_run.updated_at'),
      status: run.conclusion === 'success' ? 'success' : 'failed',
      changes: pulls.length === 0 ? undefined : pulls.map((p) => `${repo}#${p.number}`),
    });
    return { status: 'records', records: [await keepStored(context.store, record, { changes: 'changes' })] };
  }
  return { status: 'ignored', reason: `event ${event} is not read` };
}

/**
 * Every item of a listing the delivery needs (issue events, commits…), following `Link`; nothing
 * without a configured source, and nothing for what the API does not know.
 */
async function lookUp<T = never>(http: HttpClient | null, first: string): Promise<T[]> {
  if (http === null) return [];
  const items: T[] = [];
  let url: string | null = first;
  try {
    while (url !== null && items.length < 1000) {
      const response: { body: T[] | null; headers: Headers } = await http.json<T[]>({
        url,
        page: 'webhook look-up',
      });
      items.push(...(response.body ?? []));
      url = nextLink(response.headers);
    }
  } catch (error) {
    if (!isSourceError(error) || error.reason !== 'not-found') throw error;
  }
  return items;
}

function connectorContext(context: WebhookContext) {
  return {
    env: context.env,
    store: context.store,
    now: context.now,
    ...(context.policy === undefined ? {} : { policy: context.policy }),
  };
}

function githubHttp(config: GithubSourceConfig, context: WebhookContext): HttpClient {
  return sourceHttp(config, connectorContext(context), {
    authorization: `Bearer ${context.env[config.credentials.token] ?? ''}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
  });
}

// ── GitLab ──────────────────────────────────────────────────────────────────────────────────────

function gitlabSourceFor(config: FlowlensConfig | null, path: string): GitlabSourceConfig | null {
  for (const source of config?.sources ?? []) {
    if (source.kind !== 'gitlab') continue;
    if (source.projects?.some((p) => p.toLowerCase() === path.toLowerCase())) return source;
    if (source.group !== undefined && path.toLowerCase().startsWith(`${source.group.toLowerCase()}/`))
      return source;
  }
  return null;
}

/** GitLab webhooks write `2013-12-03 17:23:34 UTC`; records need ISO 8601 with an offset. */
function gitlabTime(value: unknown, what: string): string {
  const raw = text(value, what);
  const parsed = Date.parse(
    raw
      .replace(/ UTC$/, 'Z')
      .replace(' ', 'T')
      .replace(/ ([+-]\d{2}):?(\d{2})$/, '$1:$2'),
  );
  if (Number.isNaN(parsed)) throw new UnexpectedPayload(`${what}: "${raw}" is not a time`);
  return iso(parsed);
}

async function gitlab(
  event: string,
  body: Record<string, unknown>,
  context: WebhookContext,
): Promise<WebhookOutcome> {
  const project = object(body.project, 'project');
  const path = text(project.path_with_namespace, 'project.path_with_namespace');
  const projectId = number(project.id, 'project.id');
  const configured = gitlabSourceFor(context.config, path);
  const config =
    configured ??
    (sourceSchema.parse({
      kind: 'gitlab',
      name: 'webhook',
      projects: [path],
      credentials: { token: 'UNUSED' },
    }) as GitlabSourceConfig);
  const scope = { path, source: recordSourceOf(config, path), service: config.service ?? path };
  const http =
    configured === null
      ? null
      : sourceHttp(configured, connectorContext(context), {
          'private-token': context.env[configured.credentials.token] ?? '',
          accept: 'application/json',
        });
  const api = `${config.url}/api/v4/projects/${projectId}`;
  const list = (suffix: string) => lookUp(http, `${api}${suffix}`);
  const attributes = object(body.object_attributes, 'object_attributes');

  if (event === 'issue' || event === 'work_item') {
    const iid = number(attributes.iid, 'object_attributes.iid');
    const labels = Array.isArray(body.labels)
      ? (body.labels as { title?: string }[]).flatMap((l) => (typeof l.title === 'string' ? [l.title] : []))
      : [];
    const issue: GlIssue =
      http === null
        ? {
            id: number(attributes.id, 'object_attributes.id'),
            iid,
            project_id: projectId,
            title: typeof attributes.title === 'string' ? attributes.title : '',
            state: text(attributes.state, 'object_attributes.state'),
            labels,
            created_at: gitlabTime(attributes.created_at, 'object_attributes.created_at'),
            updated_at: gitlabTime(attributes.updated_at, 'object_attributes.updated_at'),
            ...(typeof attributes.closed_at === 'string'
              ? { closed_at: gitlabTime(attributes.closed_at, 'object_attributes.closed_at') }
              : {}),
            ...(typeof attributes.url === 'string' ? { web_url: attributes.url } : {}),
            ...(typeof attributes.issue_type === 'string' ? { issue_type: attributes.issue_type } : {}),
            ...(typeof attributes.severity === 'string' ? { severity: attributes.severity } : {}),
          }
        : ((await http.json<GlIssue>({ url: `${api}/issues/${iid}`, page: 'webhook look-up' }))
            .body as GlIssue);
    if ((issue.issue_type ?? '').toLowerCase() === 'incident')
      return { status: 'records', records: [incidentRecord(scope, issue)] };
    const listed = new Set(config.statusLabels.map((l) => l.toLowerCase()));
    const statusLabelOf = (all: readonly string[]) =>
      all.find(
        (l) =>
          (config.statusLabelPrefix !== undefined && l.startsWith(config.statusLabelPrefix)) ||
          listed.has(l.toLowerCase()),
      );
    const states = await list(`/issues/${iid}/resource_state_events?per_page=100`);
    const labelEvents =
      config.statusLabelPrefix === undefined && config.statusLabels.length === 0
        ? []
        : await list(`/issues/${iid}/resource_label_events?per_page=100`);
    return {
      status: 'records',
      records: gitlabIssueRecords(
        config,
        scope,
        issue,
        states,
        labelEvents,
        (l) => statusLabelOf([l]) !== undefined,
        statusLabelOf,
      ),
    };
  }
  if (event === 'merge_request') {
    const iid = number(attributes.iid, 'object_attributes.iid');
    if (http !== null) {
      const mr = (await http.json<never>({ url: `${api}/merge_requests/${iid}`, page: 'webhook look-up' }))
        .body;
      const commits = await list(`/merge_requests/${iid}/commits?per_page=100`);
      const approvals = (
        await http
          .json<{ approved_by?: { user?: { username?: string } }[] }>({
            url: `${api}/merge_requests/${iid}/approvals`,
            page: 'webhook look-up',
          })
          .catch(() => null)
      )?.body;
      const author = (mr as { author?: { username?: string } } | null)?.author?.username;
      const approved =
        approvals === undefined || approvals === null
          ? undefined
          : (approvals.approved_by ?? []).some((a) => a.user?.username !== author);
      return { status: 'records', records: [mergeRequestRecord(scope, mr!, commits, approved)] };
    }
    const record = mergeRequestRecord(
      scope,
      {
        id: number(attributes.id, 'object_attributes.id'),
        iid,
        title: typeof attributes.title === 'string' ? attributes.title : '',
        description: typeof attributes.description === 'string' ? attributes.description : null,
        state: text(attributes.state, 'object_attributes.state'),
        created_at: gitlabTime(attributes.created_at, 'object_attributes.created_at'),
        updated_at: gitlabTime(attributes.updated_at, 'object_attributes.updated_at'),
        merged_at:
          attributes.state === 'merged'
            ? gitlabTime(attributes.updated_at, 'object_attributes.updated_at')
            : null,
        ...(typeof attributes.source_branch === 'string' ? { source_branch: attributes.source_branch } : {}),
        ...(typeof (body.user as { username?: string } | undefined)?.username === 'string'
          ? { author: { username: (body.user as { username: string }).username } }
          : {}),
      },
      [],
      undefined,
    );
    return {
      status: 'records',
      records: [
        await keepStored(context.store, record, {
          firstCommitAt: 'first_commit_at',
          reviewed: 'reviewed',
          mergedAt: 'merged_at',
        }),
      ],
    };
  }
  if (event === 'deployment') {
    const status = text(body.status, 'status');
    if (status !== 'success' && status !== 'failed')
      return { status: 'ignored', reason: `deployment ${status} is not final` };
    const id = number(body.deployment_id, 'deployment_id');
    const mrs = await lookUp<{ iid: number }>(http, `${api}/deployments/${id}/merge_requests?per_page=100`);
    const record = defined({
      kind: 'deployment',
      source: scope.source,
      id: `gitlab-deployment-${id}`,
      service: scope.service,
      environment: text(body.environment, 'environment'),
      at: gitlabTime(body.status_changed_at, 'status_changed_at'),
      status: status === 'success' ? 'success' : 'failed',
      changes: mrs.length === 0 ? undefined : mrs.map((mr) => `${path}!${mr.iid}`),
    });
    return { status: 'records', records: [await keepStored(context.store, record, { changes: 'changes' })] };
  }
  return { status: 'ignored', reason: `event ${event} is not read` };
}

// ── Jira ────────────────────────────────────────────────────────────────────────────────────────

const fieldIdCache = new WeakMap<JiraSourceConfig, Promise<JiraFieldIds>>();

function jiraSourceFor(config: FlowlensConfig | null, issue: JiraIssue): JiraSourceConfig | null {
  const project = (issue.fields?.project as { key?: string } | undefined)?.key ?? issue.key?.split('-')[0];
  const jiraSources = (config?.sources ?? []).filter((s): s is JiraSourceConfig => s.kind === 'jira');
  const byProject = jiraSources.find((s) => project !== undefined && s.projects?.includes(project));
  if (byProject !== undefined) return byProject;
  const host = typeof issue.self === 'string' ? safeHost(issue.self) : null;
  const byHost = jiraSources.filter(
    (s) => s.jql !== undefined && (host === null || safeHost(s.url) === host),
  );
  return byHost.length === 1 ? byHost[0]! : null;
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

async function jira(
  event: string,
  body: Record<string, unknown>,
  context: WebhookContext,
): Promise<WebhookOutcome> {
  const issue = object(body.issue, 'issue') as unknown as JiraIssue;
  text(issue.key, 'issue.key');
  const fields = object(issue.fields, 'issue.fields');
  if (event !== 'jira:issue_deleted') {
    text(object(fields.status, 'issue.fields.status').name, 'issue.fields.status.name');
    text(object(fields.issuetype, 'issue.fields.issuetype').name, 'issue.fields.issuetype.name');
  }
  const config = jiraSourceFor(context.config, issue);
  // Set aside with its payload (not ignored), so that once the project is added the delivery can be
  // replayed (`flowlens webhooks replay`, hostile-input.md case 9) instead of being lost.
  if (config === null)
    throw new UnexpectedPayload(
      `no configured Jira source covers ${issue.key}; add its project to a jira source in flowlens.yaml, then replay the delivery (flowlens webhooks replay)`,
    );
  if (event === 'jira:issue_deleted')
    return {
      status: 'deleted',
      source: recordSourceOf(config),
      id: issue.key,
      reason: `${issue.key} was deleted in Jira`,
    };
  let ids = fieldIdCache.get(config);
  if (ids === undefined) {
    ids = loadFieldIds(config, context).catch(() => ({
      sprint: null,
      epicLink: null,
      statusNames: new Map<string, string>(),
    }));
    fieldIdCache.set(config, ids);
  }
  // Jira leaves `changelog` out when no field changed (a comment); anything but an object with a
  // list of items is a shape it does not send, set aside rather than read as "no change".
  if (body.changelog !== undefined) {
    const entry = object(body.changelog, 'changelog');
    if (!Array.isArray(entry.items)) throw new UnexpectedPayload('changelog.items is missing or not a list');
  }
  const changelog = body.changelog as { id?: unknown; items?: unknown } | undefined;
  const at =
    typeof body.timestamp === 'number'
      ? iso(body.timestamp)
      : ((issue.fields?.updated as string | undefined) ?? iso(context.now()));
  const histories =
    changelog !== undefined && Array.isArray(changelog.items) && changelog.id !== undefined
      ? [
          {
            id: String(changelog.id),
            created: at,
            author: (body.user as { accountId?: string; name?: string } | undefined) ?? null,
            items: changelog.items as never,
          },
        ]
      : [];
  return {
    status: 'records',
    records: issueRecords(config, recordSourceOf(config), issue, histories, await ids),
  };
}

async function loadFieldIds(config: JiraSourceConfig, context: WebhookContext): Promise<JiraFieldIds> {
  const user = config.credentials.user === undefined ? undefined : context.env[config.credentials.user];
  const token = context.env[config.credentials.token] ?? '';
  const http = sourceHttp(config, connectorContext(context), {
    authorization:
      user === undefined ? `Bearer ${token}` : `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`,
    accept: 'application/json',
  });
  const api = config.deployment === 'cloud' ? `${config.url}/rest/api/3` : `${config.url}/rest/api/2`;
  return loadJiraFieldIds((path, page) => http.json({ url: `${api}${path}`, page }));
}

// ── Stored values ───────────────────────────────────────────────────────────────────────────────

/**
 * Fills the optional fields a payload cannot give from the stored record, so a webhook never
 * clears what a sync found (a later record replaces every field of a stored one).
 */
async function keepStored(
  store: Store,
  record: OutRecord,
  fields: Readonly<Record<string, string>>,
): Promise<OutRecord> {
  const missing = Object.entries(fields).filter(([field]) => record[field] === undefined);
  if (missing.length === 0) return record;
  const table = record.kind === 'change' ? 'changes' : record.kind === 'deployment' ? 'deployments' : null;
  if (table === null) return record;
  const row = (
    await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} where source = ${record.source as string} and id = ${record.id as string}`.execute(
      store.db,
    )
  ).rows[0];
  if (row === undefined) return record;
  const out: Record<string, unknown> = { ...record };
  for (const [field, column] of missing) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    if (column === 'changes' || column === 'items') out[field] = JSON.parse(String(value));
    else if (column === 'reviewed') out[field] = Number(value) === 1;
    else if (column.endsWith('_at')) out[field] = iso(Number(value));
    else out[field] = value;
  }
  return out as OutRecord;
}
