/**
 * Jira connector: Cloud (REST v3, e-mail + API token) and Data Center (REST v2, personal access
 * token). Two resources: `issues`, a JQL search ordered by `updated`, with the changelog of each
 * issue (paged beyond the first page), turned into work items and status transitions (and the
 * membership of the sprints they touch); then `sprints`, the boards' sprints (jira-sprints.ts).
 *
 * - Cloud pages with `GET /rest/api/3/search/jql` and `nextPageToken`; Data Center with
 *   `GET /rest/api/2/search` and `startAt`. Data Center pages overlap by a few issues and are
 *   de-duplicated, so an issue updated between two requests (which moves the page boundaries)
 *   is not skipped.
 * - The cursor is the latest `updated` committed. JQL compares dates to the minute in the Jira
 *   user's time zone, so the query is written in that zone (`/myself`) and starts `overlapMinutes`
 *   before the cursor; a re-run after a kill starts at the minute of the last committed issue.
 * - A transition's id is the changelog history id, so the same change seen by a webhook and by
 *   a sync is stored once.
 * - A work item's `sourceId` is the issue id, which a move to another project keeps (the key
 *   changes, PROJ-1 → NEW-7; the changelog and its history ids stay, with a `Key` entry added): the
 *   importer renames the stored item instead of adding a second one (src/store/item-identity.ts).
 */
import type { JiraSourceConfig } from './config.js';
import { recordSourceOf, secretFrom } from './config.js';
import { type JsonResponse, SourceError } from './http.js';
import { createJiraSprintTracker } from './jira-sprints.js';
import { defined, ms, proposeJiraStatus, proposeType, sourceHttp, teamFor } from './shared.js';
import {
  asWindowCursor,
  type CheckResult,
  type Connector,
  type ConnectorContext,
  type MappingProposal,
  type OutRecord,
  type Page,
  type Resource,
  type WindowCursor,
} from './types.js';

const FIELDS = [
  'summary',
  'status',
  'issuetype',
  'created',
  'updated',
  'resolutiondate',
  'labels',
  'components',
  'parent',
  'project',
];
/** Data Center pages overlap by this many issues (de-duplicated), against page-boundary drift. */
const PAGE_OVERLAP = 5;

interface JiraUser {
  accountId?: string;
  name?: string;
  key?: string;
  displayName?: string;
  emailAddress?: string;
  timeZone?: string;
}

interface JiraHistory {
  id: string;
  created: string;
  author?: JiraUser | null;
  items?:
    | {
        field?: string;
        fieldId?: string;
        from?: string | null;
        to?: string | null;
        fromString?: string | null;
        toString?: string | null;
      }[]
    | null;
}

export interface JiraIssue {
  id: string;
  key: string;
  self?: string;
  fields?: Record<string, unknown> | null;
  changelog?: {
    startAt?: number;
    maxResults?: number;
    total?: number;
    histories?: JiraHistory[] | null;
  } | null;
}

/** Field ids that differ between sites: the sprint and epic-link custom fields. */
export interface JiraFieldIds {
  readonly sprint: string | null;
  readonly epicLink: string | null;
  /**
   * Status names by id, from the status catalogue. A changelog names a status as it was called
   * then; its id gives today's name, the one the work item's own status uses (as DevLake does), so
   * a renamed status keeps one name — and one mapping entry.
   */
  readonly statusNames: ReadonlyMap<string, string>;
}

export function createJiraConnector(config: JiraSourceConfig, context: ConnectorContext): Connector {
  const token = () =>
    secretFrom(context.env, config.credentials.token, `source ${config.name}: credentials.token`);
  const authorization = () => {
    if (config.credentials.user === undefined) return `Bearer ${token()}`;
    const user = secretFrom(context.env, config.credentials.user, `source ${config.name}: credentials.user`);
    return `Basic ${Buffer.from(`${user}:${token()}`).toString('base64')}`;
  };
  const http = sourceHttp(config, context, { authorization: authorization(), accept: 'application/json' });
  const api = config.deployment === 'cloud' ? `${config.url}/rest/api/3` : `${config.url}/rest/api/2`;
  const source = recordSourceOf(config);
  const pageSize = config.pageSize ?? 100;

  const get = <T>(path: string, page?: string): Promise<JsonResponse<T>> =>
    http.json<T>({ url: `${api}${path}`, ...(page === undefined ? {} : { page }) });

  const scopeJql = (): string =>
    config.projects !== undefined
      ? `project in (${config.projects.map((p) => `"${p}"`).join(', ')})`
      : `(${stripOrderBy(config.jql ?? '')})`;

  const fieldIds = (): Promise<JiraFieldIds> => loadJiraFieldIds((path, page) => get(path, page));
  // Sprints and their membership (src/connectors/jira-sprints.ts), written with the issues' pages.
  const sprints = createJiraSprintTracker({
    config,
    source,
    store: context.store,
    agile: (path, page) => http.json({ url: `${config.url}/rest/agile/1.0${path}`, page }),
  });

  /** Every history of an issue: the embedded first page, then the rest through the API. */
  const histories = async (issue: JiraIssue): Promise<JiraHistory[]> => {
    const embedded = issue.changelog?.histories ?? [];
    const total = issue.changelog?.total ?? embedded.length;
    if (embedded.length >= total) return embedded;
    if (config.deployment === 'datacenter') {
      // Data Center's issue resource returns the whole changelog.
      const full = await get<JiraIssue>(
        `/issue/${encodeURIComponent(issue.key)}?fields=status&expand=changelog`,
        `changelog of ${issue.key}`,
      );
      return full.body?.changelog?.histories ?? embedded;
    }
    const all = new Map<string, JiraHistory>();
    for (let startAt = 0; ; ) {
      const page = await get<{
        values?: JiraHistory[];
        total?: number;
        isLast?: boolean;
        maxResults?: number;
      }>(
        `/issue/${encodeURIComponent(issue.id)}/changelog?startAt=${startAt}&maxResults=100`,
        `changelog of ${issue.key}, from ${startAt}`,
      );
      const values = page.body?.values ?? [];
      for (const history of values) all.set(history.id, history);
      startAt += values.length;
      if (values.length === 0 || page.body?.isLast === true || startAt >= (page.body?.total ?? 0)) break;
    }
    for (const history of embedded) all.set(history.id, history);
    return [...all.values()];
  };

  const issues: Resource = {
    name: 'issues',
    async *pages(stored) {
      const cursor = asWindowCursor(stored);
      const me = (await get<JiraUser>('/myself', 'current user')).body ?? {};
      const timeZone = validTimeZone(me.timeZone) ?? 'UTC';
      const ids = await fieldIds();
      const overlap = config.overlapMinutes * 60_000;
      const run = cursor.run ?? {
        from: cursor.since === null ? null : cursor.since - overlap,
        resumeFrom: null,
        max: null,
      };
      const lower = run.resumeFrom ?? run.from;
      const jql =
        lower === null
          ? `${scopeJql()} ORDER BY updated ASC, key ASC`
          : `${scopeJql()} AND updated >= "${jqlDate(lower, timeZone)}" ORDER BY updated ASC, key ASC`;
      const fields = [
        ...FIELDS,
        ...(ids.sprint === null ? [] : [ids.sprint]),
        ...(ids.epicLink === null ? [] : [ids.epicLink]),
      ];
      let max = run.max;
      let done = 0;
      let pageNumber = 0;
      let token: string | null = null;
      let startAt = 0;
      let previous = new Set<string>();
      for (;;) {
        pageNumber++;
        const query = new URLSearchParams({
          jql,
          fields: fields.join(','),
          expand: 'changelog',
          maxResults: String(pageSize),
        });
        let path: string;
        if (config.deployment === 'cloud') {
          if (token !== null) query.set('nextPageToken', token);
          path = `/search/jql?${query}`;
        } else {
          query.set('startAt', String(Math.max(0, startAt - (startAt === 0 ? 0 : PAGE_OVERLAP))));
          path = `/search?${query}`;
        }
        const response = await get<{
          issues?: JiraIssue[];
          nextPageToken?: string | null;
          isLast?: boolean;
          total?: number;
          startAt?: number;
        }>(path, `issues, page ${pageNumber}`);
        const body = response.body ?? {};
        if (!Array.isArray(body.issues))
          throw new SourceError(
            'malformed',
            `${config.name}: GET ${response.url} (issues, page ${pageNumber}): the answer has no "issues" list; nothing of this page was imported`,
            { source: config.name, url: response.url, page: `issues, page ${pageNumber}` },
          );
        const fresh = body.issues.filter(
          (issue) => !previous.has(`${issue.key}@${String(issue.fields?.updated)}`),
        );
        previous = new Set(body.issues.map((issue) => `${issue.key}@${String(issue.fields?.updated)}`));
        const records: OutRecord[] = [];
        for (const issue of fresh) {
          const history = await histories(issue);
          records.push(...issueRecords(config, source, issue, history, ids));
          sprints.see(issue, history, ids.sprint);
          const updated = ms(issue.fields?.updated);
          if (updated !== null && (max === null || updated > max)) max = updated;
        }
        records.push(...(await sprints.flush()));
        done += fresh.length;
        const last =
          config.deployment === 'cloud'
            ? body.isLast === true || body.nextPageToken == null || body.issues.length === 0
            : body.issues.length === 0 || (body.startAt ?? 0) + body.issues.length >= (body.total ?? 0);
        token = body.nextPageToken ?? null;
        startAt = (body.startAt ?? startAt) + body.issues.length;
        const next: WindowCursor = last
          ? { since: max ?? cursor.since }
          : { since: cursor.since, run: { from: run.from, resumeFrom: max, max } };
        const page: Page = {
          records,
          cursor: next,
          label: `issues, page ${pageNumber}`,
          done,
          total: config.deployment === 'datacenter' ? (body.total ?? null) : null,
        };
        yield page;
        if (last) return;
      }
    },
  };

  return {
    config,
    stats: http.stats,
    async resources() {
      return [issues, sprints.resource];
    },
    async check(): Promise<CheckResult> {
      const me = (await get<JiraUser>('/myself', 'current user')).body ?? {};
      const scope: string[] = [];
      if (config.projects !== undefined) {
        for (const key of config.projects) {
          const project = (
            await get<{ key: string; name?: string }>(`/project/${encodeURIComponent(key)}`, `project ${key}`)
          ).body;
          scope.push(`project ${key}: ${project?.name ?? key}`);
        }
      } else {
        const query = new URLSearchParams({
          jql: stripOrderBy(config.jql ?? ''),
          maxResults: '1',
          fields: 'key',
        });
        const path = config.deployment === 'cloud' ? `/search/jql?${query}` : `/search?${query}`;
        const result = (await get<{ issues?: unknown[]; total?: number }>(path, 'JQL check')).body;
        scope.push(
          `JQL ${config.jql}: ${result?.total ?? result?.issues?.length ?? 0}${result?.total === undefined ? '+' : ''} issues`,
        );
      }
      return { account: me.displayName ?? me.emailAddress ?? me.name ?? me.accountId ?? 'unknown', scope };
    },
    async proposeMappings(): Promise<MappingProposal[]> {
      const statuses: MappingProposal['statuses'] = {};
      const types: MappingProposal['types'] = {};
      const addStatus = (status: {
        name?: string;
        untranslatedName?: string;
        statusCategory?: { key?: string };
      }) => {
        if (status.name === undefined) return;
        statuses[status.name] = proposeJiraStatus(
          status.untranslatedName ?? status.name,
          status.statusCategory?.key,
        );
      };
      const addType = (type: { name?: string; untranslatedName?: string }) => {
        if (type.name !== undefined) types[type.name] = proposeType(type.untranslatedName ?? type.name);
      };
      if (config.projects !== undefined) {
        for (const key of config.projects) {
          const byType =
            (
              await get<
                {
                  name?: string;
                  untranslatedName?: string;
                  statuses?: { name?: string; statusCategory?: { key?: string } }[];
                }[]
              >(`/project/${encodeURIComponent(key)}/statuses`, `statuses of ${key}`)
            ).body ?? [];
          for (const type of byType) {
            addType(type);
            for (const status of type.statuses ?? []) addStatus(status);
          }
        }
      } else {
        for (const status of (
          await get<{ name?: string; statusCategory?: { key?: string } }[]>('/status', 'statuses')
        ).body ?? [])
          addStatus(status);
        for (const type of (
          await get<{ name?: string; untranslatedName?: string }[]>('/issuetype', 'issue types')
        ).body ?? [])
          addType(type);
      }
      return [{ source, statuses, types, environments: {} }];
    },
  };
}

/** The site's sprint and epic-link fields, and its status catalogue. */
export async function loadJiraFieldIds(
  get: <T>(path: string, page: string) => Promise<JsonResponse<T>>,
): Promise<JiraFieldIds> {
  const fields =
    (await get<{ id: string; schema?: { custom?: string } }[]>('/field', 'field list')).body ?? [];
  const find = (custom: string) => fields.find((f) => f.schema?.custom === custom)?.id ?? null;
  const statuses = (await get<{ id?: string; name?: string }[]>('/status', 'status catalogue')).body ?? [];
  return {
    sprint: find('com.pyxis.greenhopper.jira:gh-sprint'),
    epicLink: find('com.pyxis.greenhopper.jira:gh-epic-link'),
    statusNames: new Map(
      statuses.flatMap((s) => (s.id === undefined || s.name === undefined ? [] : [[String(s.id), s.name]])),
    ),
  };
}

/** The work item and status transitions of one issue. */
export function issueRecords(
  config: JiraSourceConfig,
  source: string,
  issue: JiraIssue,
  histories: readonly JiraHistory[],
  ids: JiraFieldIds,
): OutRecord[] {
  const fields = issue.fields ?? {};
  const status = (fields.status as { name?: string } | undefined)?.name;
  const type = (fields.issuetype as { name?: string } | undefined)?.name;
  const created = fields.created as string | undefined;
  if (typeof issue.key !== 'string' || status === undefined || type === undefined || created === undefined) {
    // Not enough to make a work item; the importer's validation reports what is missing.
    return [{ kind: 'workItem', source, id: issue.key, type, status, createdAt: created }];
  }
  const labels = Array.isArray(fields.labels)
    ? (fields.labels as string[]).filter((l) => typeof l === 'string')
    : [];
  const components = Array.isArray(fields.components)
    ? (fields.components as { name?: string }[]).flatMap((c) => (typeof c.name === 'string' ? [c.name] : []))
    : [];
  const sprints = sprintNames(ids.sprint === null ? undefined : fields[ids.sprint]);
  const project = (fields.project as { key?: string } | undefined)?.key;
  const parent =
    (fields.parent as { key?: string } | undefined)?.key ??
    (ids.epicLink === null ? undefined : (fields[ids.epicLink] as string | undefined)) ??
    (fields.epic as { key?: string } | undefined)?.key;
  const records: OutRecord[] = [
    defined({
      kind: 'workItem',
      source,
      id: issue.key,
      type,
      status,
      createdAt: created,
      title: typeof fields.summary === 'string' ? fields.summary : undefined,
      team: teamFor(config, { labels, components, ...(project === undefined ? {} : { project }) }),
      parent: typeof parent === 'string' && parent !== issue.key ? parent : undefined,
      url: `${config.url}/browse/${issue.key}`,
      labels: [...labels, ...components.map((c) => `component:${c}`), ...sprints.map((s) => `sprint:${s}`)],
      // The issue id survives a move to another project (PROJ-1 → NEW-7, with the same changelog
      // ids): the importer renames the stored item instead of adding a second one.
      sourceId: typeof issue.id === 'string' || typeof issue.id === 'number' ? String(issue.id) : undefined,
    }),
  ];
  records.push(...statusTransitions(source, issue.key, histories, ids.statusNames));
  return records;
}

/** Status changes of a changelog as transitions, identified by the history id. */
export function statusTransitions(
  source: string,
  key: string,
  histories: readonly JiraHistory[],
  statusNames: ReadonlyMap<string, string> = new Map(),
): OutRecord[] {
  const name = (id: string | null | undefined, text: string | null | undefined) =>
    (id == null ? undefined : statusNames.get(String(id))) ?? text ?? undefined;
  const out: OutRecord[] = [];
  for (const history of histories) {
    const items = (history.items ?? []).filter(
      (item) => item.fieldId === 'status' || item.field === 'status',
    );
    items.forEach((item, i) => {
      out.push(
        defined({
          kind: 'transition',
          source,
          item: key,
          at: history.created,
          from: name(item.from, item.fromString),
          to: name(item.to, item.toString),
          id: items.length === 1 ? history.id : `${history.id}.${i}`,
          by: history.author?.accountId || history.author?.name || history.author?.key || undefined,
        }),
      );
    });
  }
  return out;
}

/** Sprint names from the sprint field: objects (Cloud) or `…Sprint@…[…,name=…,…]` strings (Data Center). */
export function sprintNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((sprint) => {
    if (
      typeof sprint === 'object' &&
      sprint !== null &&
      typeof (sprint as { name?: unknown }).name === 'string'
    )
      return [(sprint as { name: string }).name];
    if (typeof sprint === 'string') {
      const match = /[[,]name=([^,\]]*)/.exec(sprint);
      return match === null ? [] : [match[1]!];
    }
    return [];
  });
}

/** `2025/01/06 09:05` in the Jira user's time zone (JQL dates have minute precision). */
export function jqlDate(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epochMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}/${part('month')}/${part('day')} ${part('hour')}:${part('minute')}`;
}

function validTimeZone(zone: string | undefined): string | null {
  if (zone === undefined || zone === '') return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

function stripOrderBy(jql: string): string {
  return jql.replace(/\border\s+by\b[\s\S]*$/i, '').trim();
}
