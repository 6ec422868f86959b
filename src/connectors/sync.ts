/**
 * `flowlens sync`: for each configured source, each resource is read page by page from its stored
 * cursor; every page's records go to the importer together with the cursor after the page, in one
 * transaction. A sync killed at any point resumes after its last committed page and duplicates
 * nothing (records are upserted by identity). A source that fails stops there — what it committed
 * stays — and the next source runs.
 */
import { FlowlensError } from '../domain/index.js';
import { RecordImport, type RejectedRecord } from '../ingest/index.js';
import { addCounts, type CountsByKind, type Store } from '../store/index.js';
import type { FlowlensConfig, SourceConfig } from './config.js';
import { createConnector } from './connectors.js';
import { type HttpPolicy, isSourceError, type WaitInfo } from './http.js';
import type { Env } from './types.js';

export interface SyncProgress {
  readonly source: string;
  readonly resource: string;
  readonly label: string;
  /** Items read by the resource in this run, and their total when known. */
  readonly done: number;
  readonly total: number | null;
  /** Records committed by the source in this run. */
  readonly records: number;
}

export interface SyncOptions {
  /** Names of the sources to sync; all when empty. */
  readonly sources?: readonly string[];
  readonly env: Env;
  readonly now?: () => number;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly onWait?: (source: string, info: WaitInfo) => void;
  readonly onSourceStart?: (source: SourceConfig) => void;
  readonly onSourceEnd?: (summary: SourceSyncSummary) => void;
  /** Overrides of the HTTP policy (tests shorten the backoff). */
  readonly policy?: Partial<HttpPolicy>;
}

/**
 * `degraded`: the source kept rate-limiting after every retry (or asked for a longer wait than
 * allowed); the sync stopped without advancing its cursor and the next run continues.
 */
export type SourceSyncStatus = 'done' | 'failed' | 'needs-attention' | 'degraded';

export interface SourceSyncSummary {
  readonly source: string;
  readonly kind: SourceConfig['kind'];
  readonly status: SourceSyncStatus;
  /** Why it failed (names the URL and page), when it did. */
  readonly error?: string;
  /** Per kind: inserted, updated, unchanged. */
  readonly counts: CountsByKind;
  readonly records: number;
  readonly rejected: number;
  /** The first rejected records, with why. */
  readonly rejectedRecords: readonly RejectedRecord[];
  readonly pages: number;
  readonly apiCalls: number;
  readonly retries: number;
  readonly notModified: number;
  readonly rateLimitWaits: number;
  readonly rateLimitWaitMs: number;
  /** Resources that continued an interrupted run. */
  readonly resumed: readonly string[];
  readonly durationMs: number;
}

export interface SyncSummary {
  readonly sources: readonly SourceSyncSummary[];
  readonly durationMs: number;
}

const SHOWN_REJECTED = 20;

/** Syncs the configured sources (or the named ones) into the store. */
export async function syncSources(
  store: Store,
  config: FlowlensConfig,
  options: SyncOptions,
): Promise<SyncSummary> {
  const now = options.now ?? Date.now;
  const started = now();
  const chosen = chooseSources(config, options.sources ?? []);
  const summaries: SourceSyncSummary[] = [];
  for (const source of chosen) {
    options.onSourceStart?.(source);
    const summary = await syncOne(store, source, options, now);
    summaries.push(summary);
    options.onSourceEnd?.(summary);
  }
  return { sources: summaries, durationMs: now() - started };
}

/** The sources named (in configuration order), or all of them; an unknown name is an error. */
export function chooseSources(config: FlowlensConfig, names: readonly string[]): SourceConfig[] {
  if (names.length === 0) return [...config.sources];
  const known = new Map(config.sources.map((s) => [s.name, s]));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `no configured source named ${unknown.map((n) => `"${n}"`).join(', ')} (configured: ${
        config.sources.map((s) => s.name).join(', ') || 'none'
      })`,
    );
  }
  return config.sources.filter((s) => names.includes(s.name));
}

async function syncOne(
  store: Store,
  source: SourceConfig,
  options: SyncOptions,
  now: () => number,
): Promise<SourceSyncSummary> {
  const started = now();
  // A run left `running` by a killed sync is over: its committed pages stay, its cursor resumes.
  await store.db
    .updateTable('sync_runs')
    .set({ status: 'failed', message: 'interrupted', finished_at: started })
    .where('source', '=', source.name)
    .where('status', '=', 'running')
    .execute();
  const run = await store.db
    .insertInto('sync_runs')
    .values({
      source: source.name,
      started_at: started,
      finished_at: null,
      status: 'running',
      message: null,
      summary: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const runId = Number(run.id);
  let counts: CountsByKind = {};
  let records = 0;
  let rejected = 0;
  let pages = 0;
  const rejectedRecords: RejectedRecord[] = [];
  const resumed: string[] = [];
  let status: SourceSyncStatus = 'done';
  let error: string | undefined;
  let stats = { calls: 0, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0, notModified: 0 };
  let imports: RecordImport | null = null;
  try {
    const connector = createConnector(source, {
      env: options.env,
      store,
      now,
      ...(options.policy === undefined ? {} : { policy: options.policy }),
      onWait: (info) => options.onWait?.(source.name, info),
    });
    stats = connector.stats;
    imports = await RecordImport.start(store, { name: `sync:${source.name}`, format: 'sync', now });
    for (const resource of await connector.resources()) {
      const stored = await store.db
        .selectFrom('sync_cursors')
        .select('cursor')
        .where('source', '=', source.name)
        .where('resource', '=', resource.name)
        .executeTakeFirst();
      const cursor = stored === undefined ? null : (JSON.parse(stored.cursor) as unknown);
      if (isMidRun(cursor)) resumed.push(resource.name);
      for await (const page of resource.pages(cursor)) {
        const result = await imports.commit(page.records, {
          cursor: { source: source.name, resource: resource.name, value: JSON.stringify(page.cursor) },
        });
        pages++;
        counts = addCounts(counts, result.counts);
        records += result.records;
        rejected += result.rejectedCount;
        for (const r of result.rejected) if (rejectedRecords.length < SHOWN_REJECTED) rejectedRecords.push(r);
        options.onProgress?.({
          source: source.name,
          resource: resource.name,
          label: page.label,
          done: page.done ?? 0,
          total: page.total ?? null,
          records,
        });
      }
    }
    await imports.finish();
  } catch (caught) {
    status = !isSourceError(caught)
      ? 'failed'
      : caught.reason === 'auth'
        ? 'needs-attention'
        : caught.reason === 'rate-limit'
          ? 'degraded'
          : 'failed';
    error = (caught as Error).message;
    await imports?.fail().catch(() => undefined);
  }
  const summary: SourceSyncSummary = {
    source: source.name,
    kind: source.kind,
    status,
    ...(error === undefined ? {} : { error }),
    counts,
    records,
    rejected,
    rejectedRecords,
    pages,
    apiCalls: stats.calls,
    retries: stats.retries,
    notModified: stats.notModified,
    rateLimitWaits: stats.rateLimitWaits,
    rateLimitWaitMs: stats.rateLimitWaitMs,
    resumed,
    durationMs: now() - started,
  };
  await store.db
    .updateTable('sync_runs')
    .set({ status, finished_at: now(), message: error ?? null, summary: JSON.stringify(summary) })
    .where('id', '=', runId)
    .execute();
  return summary;
}

function isMidRun(cursor: unknown): boolean {
  return typeof cursor === 'object' && cursor !== null && (cursor as { run?: unknown }).run !== undefined;
}
