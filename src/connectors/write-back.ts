/**
 * Write-back: an improvement item created in the team's tracker, through its configured source —
 * a Jira issue (`POST /rest/api/3/issue`, or `/rest/api/2/issue` on Data Center) or a GitHub issue
 * (`POST /repos/{owner}/{repo}/issues`). The issue's description links back to Flowlens, and the
 * answer is the work item record the source's own sync would make of the new issue (its source,
 * key, type, status, creation time and URL), so the improvement item Flowlens stores is the
 * tracker's item, which the next sync updates instead of adding a second one.
 *
 * A create request is not idempotent: it is never retried after a server error or a dropped
 * connection (the issue may exist), only after a rate limit (429, which is a refusal). Such a
 * failure names the tracker so the user can check for the issue before trying again.
 */
import { FlowlensError } from '../domain/index.js';
import {
  type GithubSourceConfig,
  type JiraSourceConfig,
  recordSourceOf,
  type SourceConfig,
  secretFrom,
} from './config.js';
import { sourceHttp } from './shared.js';
import type { ConnectorContext } from './types.js';

/** What to create. */
export interface TrackerIssue {
  readonly title: string;
  /** Paragraphs of plain text; the first line of each link is written as a link where the tracker allows. */
  readonly paragraphs: readonly string[];
  /** Where the improvement is explained in Flowlens. */
  readonly link: { readonly text: string; readonly url: string };
  /** The tracker's type for it: a Jira issue type, or a GitHub label that the connector reads as the type. */
  readonly type: string;
  readonly labels: readonly string[];
}

/** Where to create it: a Jira project key, or a GitHub repository (`owner/repo`). */
export interface TrackerTarget {
  readonly project?: string;
  readonly repo?: string;
}

/** The issue created, as the source's sync would record it. */
export interface CreatedIssue {
  /** The `source` of its records (e.g. `jira:jira-pay`, `github:acme/shop`). */
  readonly source: string;
  /** Its work item id (the Jira key; `owner/repo#number` on GitHub). */
  readonly id: string;
  /** What the tracker calls it (the Jira key, `owner/repo#number`). */
  readonly key: string;
  readonly url: string;
  readonly type: string;
  readonly status: string;
  /** ISO 8601. */
  readonly createdAt: string;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

/** Creates the issue in the tracker of `config` (Jira or GitHub). */
export async function createTrackerIssue(
  config: SourceConfig,
  target: TrackerTarget,
  issue: TrackerIssue,
  context: ConnectorContext,
): Promise<CreatedIssue> {
  switch (config.kind) {
    case 'jira':
      return createJiraIssue(config, target, issue, context);
    case 'github':
      return createGithubIssue(config, target, issue, context);
    default:
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `source ${config.name}: write-back creates Jira and GitHub issues; this source is a ${config.kind} source`,
      );
  }
}

/** A create is not repeated after a server error: only a rate limit is waited out. */
const NO_RETRY = { maxRetries: 0 };

function notCreated(config: SourceConfig, error: unknown): never {
  if (error instanceof FlowlensError && error.code === 'SOURCE_FAILED')
    throw new FlowlensError(
      'SOURCE_FAILED',
      `${error.message}. The issue may or may not have been created in ${config.name}: check there before trying again`,
      { cause: error },
    );
  throw error;
}

async function createJiraIssue(
  config: JiraSourceConfig,
  target: TrackerTarget,
  issue: TrackerIssue,
  context: ConnectorContext,
): Promise<CreatedIssue> {
  const project = target.project ?? (config.projects?.length === 1 ? config.projects[0] : undefined);
  if (project === undefined)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `source ${config.name}: name the Jira project to create the issue in (project: one of ${config.projects?.join(', ') ?? 'the keys of your Jira projects'})`,
    );
  if (!PROJECT_KEY.test(project))
    throw new FlowlensError('INVALID_ARGUMENT', `project: "${project}" is not a Jira project key (e.g. PAY)`);
  const token = secretFrom(context.env, config.credentials.token, `source ${config.name}: credentials.token`);
  const authorization =
    config.credentials.user === undefined
      ? `Bearer ${token}`
      : `Basic ${Buffer.from(`${secretFrom(context.env, config.credentials.user, `source ${config.name}: credentials.user`)}:${token}`).toString('base64')}`;
  const http = sourceHttp(
    config,
    { ...context, policy: { ...context.policy, ...NO_RETRY } },
    {
      authorization,
      accept: 'application/json',
    },
  );
  const cloud = config.deployment === 'cloud';
  const api = cloud ? `${config.url}/rest/api/3` : `${config.url}/rest/api/2`;
  // Cloud (v3) takes the description as an Atlassian document; Data Center (v2) as wiki text.
  const description = cloud
    ? {
        type: 'doc',
        version: 1,
        content: [
          ...issue.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: issue.link.text,
                marks: [{ type: 'link', attrs: { href: issue.link.url } }],
              },
            ],
          },
        ],
      }
    : [...issue.paragraphs, `[${issue.link.text.replaceAll(/[[\]|]/g, ' ')}|${issue.link.url}]`].join('\n\n');
  let created: { key?: unknown; id?: unknown };
  try {
    const response = await http.json<{ key?: unknown; id?: unknown }>({
      url: `${api}/issue`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        fields: {
          project: { key: project },
          summary: issue.title,
          issuetype: { name: issue.type },
          labels: issue.labels.map((l) => l.replaceAll(/\s+/g, '-')),
          description,
        },
      }),
      page: `create an issue in ${project}`,
    });
    created = response.body ?? {};
  } catch (error) {
    notCreated(config, error);
  }
  if (typeof created.key !== 'string' || created.key === '')
    throw new FlowlensError(
      'SOURCE_FAILED',
      `source ${config.name}: Jira answered the issue creation without a key; check ${project} for the issue`,
    );
  const key = created.key;
  // What the sync would record: the issue's status and creation time as Jira has them.
  const read = await sourceHttp(config, context, { authorization, accept: 'application/json' }).json<{
    fields?: { status?: { name?: unknown }; created?: unknown; issuetype?: { name?: unknown } };
  }>({
    url: `${api}/issue/${encodeURIComponent(key)}?fields=status,created,issuetype`,
    page: `issue ${key}`,
  });
  const fields = read.body?.fields ?? {};
  return {
    source: recordSourceOf(config),
    id: key,
    key,
    url: `${config.url}/browse/${key}`,
    type: typeof fields.issuetype?.name === 'string' ? fields.issuetype.name : issue.type,
    status: typeof fields.status?.name === 'string' ? fields.status.name : 'To Do',
    createdAt: jiraInstant(fields.created) ?? new Date(context.now()).toISOString(),
  };
}

/** Jira's `2026-03-02T10:15:00.000+0000` as ISO 8601 (with a colon in the offset). */
function jiraInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

async function createGithubIssue(
  config: GithubSourceConfig,
  target: TrackerTarget,
  issue: TrackerIssue,
  context: ConnectorContext,
): Promise<CreatedIssue> {
  const repos = config.repos.map((r) => (typeof r === 'string' ? r : r.repo));
  const repo = target.repo ?? (repos.length === 1 ? repos[0] : undefined);
  if (repo === undefined || !repos.includes(repo))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `source ${config.name}: name the repository to create the issue in (repo: one of ${repos.join(', ')})`,
    );
  const http = sourceHttp(
    config,
    { ...context, policy: { ...context.policy, ...NO_RETRY } },
    {
      authorization: `Bearer ${secretFrom(context.env, config.credentials.token, `source ${config.name}: credentials.token`)}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    },
  );
  const body = [
    ...issue.paragraphs,
    `[${issue.link.text.replaceAll(/[[\]]/g, ' ')}](${issue.link.url})`,
  ].join('\n\n');
  let created: { number?: unknown; html_url?: unknown; created_at?: unknown; state?: unknown };
  try {
    const response = await http.json<typeof created>({
      url: `${config.url}/repos/${repo}/issues`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: issue.title, body, labels: [issue.type, ...issue.labels] }),
      page: `create an issue in ${repo}`,
    });
    created = response.body ?? {};
  } catch (error) {
    notCreated(config, error);
  }
  if (typeof created.number !== 'number' || typeof created.html_url !== 'string')
    throw new FlowlensError(
      'SOURCE_FAILED',
      `source ${config.name}: GitHub answered the issue creation without a number; check ${repo} for the issue`,
    );
  const id = `${repo}#${created.number}`;
  return {
    source: recordSourceOf(config, repo),
    id,
    key: id,
    url: created.html_url,
    type: issue.type,
    status: 'open',
    createdAt:
      typeof created.created_at === 'string' && Number.isFinite(Date.parse(created.created_at))
        ? new Date(Date.parse(created.created_at)).toISOString()
        : new Date(context.now()).toISOString(),
  };
}
