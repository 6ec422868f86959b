/**
 * The reconcile poll: what webhooks missed, fetched from the source. For each configured source it
 *
 * 1. runs the incremental sync from the saved cursor (src/connectors/sync.ts, with the source's
 *    `overlapMinutes`), so every change made while deliveries were lost comes in — upserted by
 *    identity, so a change seen by a webhook and by the poll is stored once;
 * 2. for Jira, lists the keys of every issue in the source's scope (the JQL search with
 *    `fields=key`, paged) and checks each stored item missing from the listing with
 *    `GET /issue/{key}`: a 404 means the issue was deleted, and it is tombstoned exactly as the
 *    `jira:issue_deleted` webhook does (src/ingest/tombstone.ts: the item and its status changes
 *    leave the metrics, a tombstone keeps them, an audit entry `item.delete`); a 200 under another
 *    key is a move (left to the sync), a 200 under the same key an issue that left the scope (kept);
 *    any other answer deletes nothing and is reported.
 *
 * Nothing is deleted on a partial view: when the sync did not finish, or any page of the listing
 * failed (a 429 or 5xx after the retries, a malformed page), or the listing is empty while items
 * are stored (the token may have lost access), the deletion phase is skipped and says why.
 * GitHub and GitLab sources get the sync only (their deleted issues are not looked for yet).
 *
 * Gap detection: every `flowlens start` records itself in `server_runs` (migration 0013) with a
 * heartbeat each minute and, on a clean stop, `stopped_at`. The next start compares: a run that
 * never stopped cleanly, or a stop longer ago than `reconcile.gapMinutes` (flowlens.yaml, default
 * 5), starts a reconcile poll in the background for every source that receives webhooks.
 */
import { hostname } from 'node:os';
import { tombstoneItem } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import {
  type FlowlensConfig,
  type JiraSourceConfig,
  recordSourceOf,
  type SourceConfig,
  secretFrom,
  type WebhookProvider,
} from './config.js';
import { type HttpClient, type HttpPolicy, isSourceError } from './http.js';
import { sourceHttp } from './shared.js';
import { chooseSources, type SourceSyncSummary, syncSources } from './sync.js';
import type { ConnectorContext, Env } from './types.js';

export interface ReconcileOptions {
  /** Names of the sources to reconcile; all when empty. */
  readonly sources?: readonly string[];
  readonly env: Env;
  readonly now?: () => number;
  /** Why the poll runs (`by hand`, `restart: the previous run did not stop cleanly`…), for the log. */
  readonly reason: string;
  readonly onSourceEnd?: (summary: SourceReconcileSummary) => void;
  /** Overrides of the HTTP policy (tests shorten the backoff). */
  readonly policy?: Partial<HttpPolicy>;
}

/**
 * `done`: the listing was complete and every missing item was checked; `skipped`: not attempted
 * (the sync failed, or the kind has no deletion check); `aborted`: the listing failed or looked
 * wrong, so nothing was deleted.
 */
export type DeletionStatus = 'done' | 'skipped' | 'aborted';

export interface DeletionSummary {
  readonly status: DeletionStatus;
  /** Why it was skipped or aborted. */
  readonly message?: string;
  /** Keys the listing returned, and items of the source stored before the check. */
  readonly listed: number;
  readonly stored: number;
  /** Stored items the listing did not return (each was looked up). */
  readonly missing: number;
  /** Answered 404: tombstoned. */
  readonly tombstoned: readonly string[];
  /** Answered 200 under another key: moved (the sync re-keys them). */
  readonly moved: readonly { readonly id: string; readonly now: string }[];
  /** Answered 200 under the same key: still there, out of the source's scope now; kept. */
  readonly outOfScope: readonly string[];
  /** Any other answer: not deleted. */
  readonly errors: readonly { readonly id: string; readonly message: string }[];
}

export interface SourceReconcileSummary {
  readonly source: string;
  readonly kind: SourceConfig['kind'];
  readonly sync: SourceSyncSummary;
  readonly deletion: DeletionSummary;
}

export interface ReconcileSummary {
  readonly reason: string;
  readonly sources: readonly SourceReconcileSummary[];
  readonly durationMs: number;
}

/** Keys asked per listing page (key-only searches allow large pages). */
const LIST_PAGE_SIZE = 1000;
/** The most listing pages read (10 million issues): a runaway pager stops, deleting nothing. */
const MAX_LIST_PAGES = 10_000;

/** Runs the reconcile poll of the configured sources (or the named ones); see the file's comment. */
export async function reconcileSources(
  store: Store,
  config: FlowlensConfig,
  options: ReconcileOptions,
): Promise<ReconcileSummary> {
  const now = options.now ?? Date.now;
  const started = now();
  const out: SourceReconcileSummary[] = [];
  for (const source of chooseSources(config, options.sources ?? [])) {
    const synced = await syncSources(store, config, {
      sources: [source.name],
      env: options.env,
      now,
      ...(options.policy === undefined ? {} : { policy: options.policy }),
    });
    const sync = synced.sources[0]!;
    let deletion: DeletionSummary;
    if (source.kind !== 'jira')
      deletion = skipped(
        `deleted ${source.kind === 'git' ? 'commits' : 'issues'} are not looked for in ${source.kind} sources; only the sync ran`,
      );
    else if (sync.status !== 'done')
      deletion = skipped(
        `the sync did not finish (${sync.status}: ${sync.error ?? 'no detail'}); nothing is deleted on a partial view`,
      );
    else deletion = await jiraDeletions(store, source, options, now);
    const summary: SourceReconcileSummary = { source: source.name, kind: source.kind, sync, deletion };
    out.push(summary);
    options.onSourceEnd?.(summary);
  }
  return { reason: options.reason, sources: out, durationMs: now() - started };
}

function skipped(message: string, status: DeletionStatus = 'skipped', counts = { listed: 0, stored: 0 }) {
  return {
    status,
    message,
    ...counts,
    missing: 0,
    tombstoned: [],
    moved: [],
    outOfScope: [],
    errors: [],
  } satisfies DeletionSummary;
}

function jiraHttp(config: JiraSourceConfig, context: ConnectorContext): HttpClient {
  const env = context.env;
  const token = secretFrom(env, config.credentials.token, `source ${config.name}: credentials.token`);
  const authorization =
    config.credentials.user === undefined
      ? `Bearer ${token}`
      : `Basic ${Buffer.from(
          `${secretFrom(env, config.credentials.user, `source ${config.name}: credentials.user`)}:${token}`,
        ).toString('base64')}`;
  return sourceHttp(config, context, { authorization, accept: 'application/json' });
}

/** The JQL of the source's scope, without ordering (as the sync's, src/connectors/jira.ts). */
function scopeJql(config: JiraSourceConfig): string {
  return config.projects !== undefined
    ? `project in (${config.projects.map((p) => `"${p}"`).join(', ')})`
    : `(${(config.jql ?? '').replace(/\border\s+by\b[\s\S]*$/i, '').trim()})`;
}

/** Every key in the source's scope, or why the listing could not be trusted. */
async function listJiraKeys(
  http: HttpClient,
  config: JiraSourceConfig,
  api: string,
): Promise<{ keys: Set<string> } | { error: string }> {
  const keys = new Set<string>();
  let token: string | null = null;
  let startAt = 0;
  for (let page = 1; page <= MAX_LIST_PAGES; page++) {
    const query = new URLSearchParams({
      jql: `${scopeJql(config)} ORDER BY key ASC`,
      fields: 'key',
      maxResults: String(LIST_PAGE_SIZE),
    });
    if (config.deployment === 'cloud' && token !== null) query.set('nextPageToken', token);
    if (config.deployment === 'datacenter') query.set('startAt', String(startAt));
    const path = config.deployment === 'cloud' ? '/search/jql' : '/search';
    let body: {
      issues?: { id?: string; key?: string }[];
      nextPageToken?: string | null;
      isLast?: boolean;
      total?: number;
      startAt?: number;
    };
    try {
      body = (
        await http.json<typeof body>({ url: `${api}${path}?${query}`, page: `issue keys, page ${page}` })
      ).body ?? { issues: undefined };
    } catch (error) {
      if (isSourceError(error)) return { error: error.message };
      throw error;
    }
    if (!Array.isArray(body.issues))
      return { error: `${config.name}: the issue listing (page ${page}) has no "issues" list` };
    for (const issue of body.issues) if (typeof issue.key === 'string') keys.add(issue.key);
    const last =
      config.deployment === 'cloud'
        ? body.isLast === true || body.nextPageToken == null || body.issues.length === 0
        : body.issues.length === 0 || (body.startAt ?? startAt) + body.issues.length >= (body.total ?? 0);
    if (last) return { keys };
    token = body.nextPageToken ?? null;
    startAt = (body.startAt ?? startAt) + body.issues.length;
  }
  return {
    error: `${config.name}: the issue listing has more than ${MAX_LIST_PAGES} pages; it was not trusted`,
  };
}

async function jiraDeletions(
  store: Store,
  config: JiraSourceConfig,
  options: ReconcileOptions,
  now: () => number,
): Promise<DeletionSummary> {
  const source = recordSourceOf(config);
  const stored = (
    await store.db.selectFrom('work_items').select('id').where('source', '=', source).execute()
  ).map((r) => r.id);
  const api = config.deployment === 'cloud' ? `${config.url}/rest/api/3` : `${config.url}/rest/api/2`;
  const http = jiraHttp(config, {
    env: options.env,
    store,
    now,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  });
  const listing = await listJiraKeys(http, config, api);
  if ('error' in listing)
    return skipped(`the issue listing failed, so nothing was deleted: ${listing.error}`, 'aborted', {
      listed: 0,
      stored: stored.length,
    });
  const counts = { listed: listing.keys.size, stored: stored.length };
  if (listing.keys.size === 0 && stored.length > 0)
    return skipped(
      `the issue listing is empty while ${stored.length} items are stored; nothing was deleted (check that the token still sees the project)`,
      'aborted',
      counts,
    );
  const missing = stored.filter((id) => !listing.keys.has(id)).sort();
  const tombstoned: string[] = [];
  const moved: { id: string; now: string }[] = [];
  const outOfScope: string[] = [];
  const errors: { id: string; message: string }[] = [];
  for (const id of missing) {
    const url = `${api}/issue/${encodeURIComponent(id)}?fields=key`;
    try {
      const found = (await http.json<{ key?: string }>({ url, page: `issue ${id}` })).body;
      if (typeof found?.key === 'string' && found.key !== id) moved.push({ id, now: found.key });
      else outOfScope.push(id);
    } catch (error) {
      if (!isSourceError(error)) throw error;
      if (error.reason !== 'not-found') {
        errors.push({ id, message: error.message });
        // Refused credentials fail every look-up the same way: stop asking.
        if (error.reason === 'auth') break;
        continue;
      }
      await tombstoneItem(store, {
        source,
        id,
        via: `reconcile:${config.name}`,
        reason: `${id} answered HTTP ${error.request.status ?? 404} to the reconcile poll (GET ${url})`,
        at: now(),
      });
      tombstoned.push(id);
    }
  }
  return {
    status: 'done',
    ...counts,
    missing: missing.length,
    tombstoned,
    moved,
    outOfScope,
    errors,
  };
}

// ── Gap detection ───────────────────────────────────────────────────────────────────────────────

/** How often a running server writes its heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 60_000;

const DEFAULT_SECRET_ENV: Record<WebhookProvider, string> = {
  github: 'FLOWLENS_WEBHOOK_SECRET_GITHUB',
  gitlab: 'FLOWLENS_WEBHOOK_SECRET_GITLAB',
  jira: 'FLOWLENS_WEBHOOK_SECRET_JIRA',
};

/** The sources whose tool sends webhooks here (a secret is configured for its route). */
export function webhookSources(config: FlowlensConfig, env: Env): SourceConfig[] {
  return config.sources.filter((source) => {
    if (source.kind === 'git') return false;
    const name = config.webhooks[source.kind]?.secretEnv ?? DEFAULT_SECRET_ENV[source.kind];
    const value = env[name];
    return value !== undefined && value !== '';
  });
}

export interface GapVerdict {
  /** Whether deliveries may have been missed since the previous run. */
  readonly gap: boolean;
  readonly reason: string;
}

/** What the previous run's row says about missed deliveries (null row: the first start). */
export function judgeGap(
  previous: { started_at: number; heartbeat_at: number; stopped_at: number | null; pid: number } | null,
  at: number,
  gapMs: number,
): GapVerdict {
  if (previous === null) return { gap: false, reason: 'the first start of this database' };
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
  if (previous.stopped_at === null)
    return {
      gap: true,
      reason: `the previous run (pid ${previous.pid}) did not stop cleanly; its last heartbeat was ${minutes(at - previous.heartbeat_at)} ago`,
    };
  const down = at - previous.stopped_at;
  if (down > gapMs)
    return {
      gap: true,
      reason: `Flowlens was stopped for ${minutes(down)}, more than reconcile.gapMinutes (${minutes(gapMs)})`,
    };
  return { gap: false, reason: `the previous run stopped cleanly ${minutes(down)} ago` };
}

export interface Liveness {
  readonly runId: number;
  readonly verdict: GapVerdict;
  /** Records a clean stop (SIGINT, SIGTERM) and stops the heartbeat. */
  stop(clean: boolean): Promise<void>;
}

/** Records this server's start, judges the gap since the previous run, and starts the heartbeat. */
export async function startLiveness(
  store: Store,
  options: { readonly gapMinutes: number; readonly now?: () => number; readonly intervalMs?: number },
): Promise<Liveness> {
  const now = options.now ?? Date.now;
  const previous = await store.db
    .selectFrom('server_runs')
    .select(['started_at', 'heartbeat_at', 'stopped_at', 'pid'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const at = now();
  const verdict = judgeGap(
    previous === undefined
      ? null
      : {
          started_at: Number(previous.started_at),
          heartbeat_at: Number(previous.heartbeat_at),
          stopped_at: previous.stopped_at === null ? null : Number(previous.stopped_at),
          pid: Number(previous.pid),
        },
    at,
    options.gapMinutes * 60_000,
  );
  const row = await store.db
    .insertInto('server_runs')
    .values({
      started_at: at,
      heartbeat_at: at,
      stopped_at: null,
      pid: process.pid,
      host: hostname(),
      reconcile: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const runId = Number(row.id);
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = store.db
      .updateTable('server_runs')
      .set({ heartbeat_at: now() })
      .where('id', '=', runId)
      .execute()
      .catch(() => undefined); // a database fault now is seen by the requests; the next beat retries
  }, options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    runId,
    verdict,
    async stop(clean) {
      clearInterval(timer);
      await beating;
      await store.db
        .updateTable('server_runs')
        .set({ heartbeat_at: now(), ...(clean ? { stopped_at: now() } : {}) })
        .where('id', '=', runId)
        .execute();
    },
  };
}

/** Keeps the outcome of the reconcile poll a start ran on its `server_runs` row. */
export async function recordReconcile(store: Store, runId: number, outcome: unknown): Promise<void> {
  await store.db
    .updateTable('server_runs')
    .set({ reconcile: JSON.stringify(outcome) })
    .where('id', '=', runId)
    .execute();
}

/** One line per source of a reconcile poll, for logs and the CLI. */
export function describeReconcile(summary: SourceReconcileSummary): string {
  const d = summary.deletion;
  const sync =
    summary.sync.status === 'done'
      ? `sync done (${summary.sync.records} records)`
      : `sync ${summary.sync.status}: ${summary.sync.error ?? ''}`;
  const deletion =
    d.status === 'done'
      ? `${d.listed} issues listed, ${d.missing} stored item(s) missing from the listing: ${d.tombstoned.length} deleted at the source (tombstoned${d.tombstoned.length === 0 ? '' : `: ${d.tombstoned.join(', ')}`}), ${d.moved.length} moved, ${d.outOfScope.length} out of scope, ${d.errors.length} not checked`
      : `deletion check ${d.status}: ${d.message ?? ''}`;
  return `${summary.source} (${summary.kind}): ${sync}; ${deletion}`;
}

/** Milliseconds of a `reconcile.every` duration (`30m`, `6h`, `1d`). */
export function parseEvery(text: string): number {
  const match = /^(\d+)(m|h|d)$/.exec(text);
  if (match === null) throw new Error(`"${text}" is not a duration such as 30m, 6h or 1d`);
  return Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
}

/**
 * Runs `poll` every `everyMs` while serving (`reconcile.every`): the next run is timed from the end
 * of the last, so runs never overlap. `stop` ends the schedule and waits for a run in progress.
 */
export function schedulePeriodic(poll: () => Promise<void>, everyMs: number): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  let stopped = false;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = poll()
        .catch(() => undefined)
        .then(next);
    }, everyMs);
    timer.unref();
  };
  next();
  return {
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      await current;
    },
  };
}
