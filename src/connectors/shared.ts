/**
 * Helpers the connectors share: teams by rule, references to work items in free text, instants,
 * and the mapping proposals built from each tool's own vocabulary.
 */
import type { SourceConfig } from './config.js';
import { HttpClient } from './http.js';
import type { ConnectorContext, MappingProposal, OutRecord, Page, WindowCursor } from './types.js';

/** The team an item belongs to: the first rule that matches, else the source's team. */
export function teamFor(
  source: SourceConfig,
  item: {
    readonly labels?: readonly string[];
    readonly components?: readonly string[];
    readonly project?: string;
    readonly repo?: string;
  },
): string | undefined {
  for (const rule of source.teams ?? []) {
    if (rule.label !== undefined && item.labels?.some((l) => l.toLowerCase() === rule.label!.toLowerCase()))
      return rule.team;
    if (rule.component !== undefined && item.components?.includes(rule.component)) return rule.team;
    if (rule.project !== undefined && item.project === rule.project) return rule.team;
    if (rule.repo !== undefined && item.repo === rule.repo) return rule.team;
  }
  return source.team;
}

const MAX_TITLE = 65_536;
const MAX_TEXT = 4096;

/**
 * A record as the importer takes it: optional fields left out when absent (it rejects `null`), and
 * text from the tool made storable — NUL characters removed (real Jira titles have them), a title
 * cut at 65,536 characters and other text at 4,096, with an ellipsis.
 */
export function defined<T extends Record<string, unknown>>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === null) continue;
    const limit = key === 'title' ? MAX_TITLE : MAX_TEXT;
    if (typeof value === 'string') out[key] = storable(value, limit);
    else if (Array.isArray(value))
      out[key] = value.map((v) => (typeof v === 'string' ? storable(v, MAX_TEXT) : v));
    else out[key] = value;
  }
  return out as T;
}

function storable(text: string, limit: number): string {
  const clean = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  return clean.length > limit ? `${clean.slice(0, limit - 1)}…` : clean;
}

/** The HTTP client of a source, with its configured policy. */
export function sourceHttp(
  config: SourceConfig,
  context: ConnectorContext,
  headers: Readonly<Record<string, string>>,
): HttpClient {
  return new HttpClient({
    source: config.name,
    headers: { 'user-agent': 'flowlens', ...headers },
    policy: {
      timeoutMs: config.http.timeoutSeconds * 1000,
      maxRetries: config.http.maxRetries,
      maxWaitMs: config.http.maxWaitSeconds * 1000,
      ...context.policy,
    },
    allowPrivateNetwork: config.allowPrivateNetwork,
    ...(context.onWait === undefined ? {} : { onWait: context.onWait }),
    now: context.now,
  });
}

/** Epoch ms of an ISO timestamp, or null. */
export function ms(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const parsed = Date.parse(normalizeOffset(value));
  return Number.isNaN(parsed) ? null : parsed;
}

/** Jira writes offsets as `+0800`; Date.parse wants `+08:00`. */
function normalizeOffset(value: string): string {
  return value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

const CLOSING =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?|closes|refs?|see|part of|implements?)\b[:\s]+((?:[\w.-]+\/[\w.-]+)?#\d+(?:\s*,\s*(?:[\w.-]+\/[\w.-]+)?#\d+)*)/gi;
const ISSUE_REF = /(?:([\w.-]+\/[\w.-]+))?#(\d+)/g;

/**
 * Work items a change names: `fixes #12`, `closes acme/web#3` (GitHub/GitLab issue ids are
 * `<repo><sep><number>`), tracker keys such as `PAY-123` anywhere in the title, body or branch, and
 * a branch that starts with an issue number (`123-fix-login`, `issue/123`).
 */
export function linkedItems(
  repo: string,
  separator: '#',
  texts: { readonly title?: string | null; readonly body?: string | null; readonly branch?: string | null },
  keyPattern: RegExp = /\b[A-Z][A-Z0-9_]+-\d+\b/g,
): string[] {
  const found = new Set<string>();
  const body = texts.body ?? '';
  for (const match of body.matchAll(CLOSING)) {
    for (const ref of match[1]!.matchAll(ISSUE_REF)) found.add(`${ref[1] ?? repo}${separator}${ref[2]}`);
  }
  for (const text of [texts.title ?? '', body, texts.branch ?? '']) {
    for (const key of text.matchAll(new RegExp(keyPattern.source, 'g'))) found.add(key[0]);
  }
  const branch = texts.branch ?? '';
  const numbered = /^(?:(?:issue|issues|bug|feature|fix|feat)[/-])?(\d+)(?:[-_/]|$)/i.exec(branch);
  if (numbered !== null) found.add(`${repo}${separator}${numbered[1]}`);
  return [...found].sort();
}

// ── Mapping proposals ────────────────────────────────────────────────────────────────────────────

type StageState = { stage: string; state: string };

/** A status's meaning from its Jira status category and its name; "to review" by a person. */
export function proposeJiraStatus(name: string, category: string | undefined): StageState {
  const lower = name.toLowerCase();
  if (category === 'done') {
    if (/won'?t|cancel|reject|declin|duplicate|obsolete|invalid|not (do|fix)/.test(lower))
      return { stage: 'ideate', state: 'cancelled' };
    return { stage: 'operate', state: 'done' };
  }
  if (category === 'new') {
    if (/ready|selected|to ?do|todo|committed/.test(lower)) return { stage: 'create', state: 'waiting' };
    return { stage: 'ideate', state: 'new' };
  }
  return proposeActiveStatus(lower);
}

function proposeActiveStatus(lower: string): StageState {
  if (/release|deploy|staging|uat|acceptance/.test(lower))
    return /ready|await|wait/.test(lower)
      ? { stage: 'release', state: 'waiting' }
      : { stage: 'release', state: 'active' };
  if (/block|wait|hold|pending|paused|ready/.test(lower)) return { stage: 'create', state: 'waiting' };
  if (/analys|refine|discover|design|spec/.test(lower)) return { stage: 'ideate', state: 'active' };
  return { stage: 'create', state: 'active' };
}

/** A GitHub/GitLab status (the issue state, a status label or a Projects status). */
export function proposeTrackerStatus(name: string): StageState {
  const lower = name.toLowerCase();
  if (lower === 'open' || lower === 'opened') return { stage: 'ideate', state: 'new' };
  if (lower === 'closed (not planned)' || /won'?t|not planned|duplicate|cancel/.test(lower))
    return { stage: 'ideate', state: 'cancelled' };
  if (lower === 'closed' || /^done$|complete|shipped|released/.test(lower))
    return { stage: 'operate', state: 'done' };
  if (/backlog|triage|new|icebox|idea/.test(lower)) return { stage: 'ideate', state: 'new' };
  if (/^to ?do$|ready|selected/.test(lower)) return { stage: 'create', state: 'waiting' };
  return proposeActiveStatus(lower);
}

/** A flow type from an issue type's name (or a type label). */
export function proposeType(name: string): string {
  const lower = name.toLowerCase();
  if (/bug|defect|incident|problem|fault|error/.test(lower)) return 'defect';
  if (/secur|vulnerab|risk|compliance|audit/.test(lower)) return 'risk';
  if (/debt|chore|refactor|maintenance|tech|upgrade/.test(lower)) return 'debt';
  return 'feature';
}

/** A normalized environment from a raw one. */
export function proposeEnvironment(name: string): string {
  const lower = name.toLowerCase();
  if (/^(prod|production|live|prd)(\b|[-_])/.test(lower) || lower === 'github-pages') return 'production';
  if (/stag|pre-?prod|uat/.test(lower)) return 'staging';
  if (/test|qa/.test(lower)) return 'test';
  if (/dev/.test(lower)) return 'development';
  return lower;
}

/** A mapping record from a proposal. */
export function mappingRecord(proposal: MappingProposal): Record<string, unknown> {
  return {
    kind: 'mapping',
    source: proposal.source,
    statuses: proposal.statuses,
    types: proposal.types,
    ...(Object.keys(proposal.environments).length === 0 ? {} : { environments: proposal.environments }),
  };
}

// ── Paging ───────────────────────────────────────────────────────────────────────────────────────

/** One API page as the pagers below need it. */
export interface FetchedPage<T> {
  readonly items: readonly T[];
  readonly hasNext: boolean;
  readonly total?: number | null;
  readonly notModified?: boolean;
  readonly etag?: string | null;
  readonly url?: string;
}

/**
 * Pages of a resource read oldest-updated first from a lower bound (`since`, `updated_after`).
 * Each page after the first starts again from the latest `updated` seen (keyset paging), so an item
 * updated while the run goes on moves forward and is read again, never skipped; the items at the
 * bound itself are recognised and not repeated. When a whole page shares one `updated` instant, the
 * next page of the same query is read instead. A re-run after a kill starts from the last
 * committed `updated`.
 */
export async function* oldestFirstPages<T>(options: {
  readonly cursor: WindowCursor;
  readonly overlapMs: number;
  readonly label: string;
  /** The API's precision for the lower bound (GitHub: a second). */
  readonly precisionMs: number;
  /** `page` is the API's page of the query from `lower`; `pageNumber` counts this run's pages (for messages). */
  readonly fetch: (lower: number | null, page: number, pageNumber: number) => Promise<FetchedPage<T>>;
  readonly updatedOf: (item: T) => number | null;
  readonly keyOf: (item: T) => string;
  readonly toRecords: (items: readonly T[]) => Promise<OutRecord[]>;
}): AsyncGenerator<Page> {
  const { cursor } = options;
  const run = cursor.run ?? {
    from: cursor.since === null ? null : cursor.since - options.overlapMs,
    resumeFrom: null,
    max: null,
  };
  const floor = (value: number | null) =>
    value === null ? null : Math.floor(value / options.precisionMs) * options.precisionMs;
  let lower = floor(run.resumeFrom ?? run.from);
  let max = run.max;
  let nativePage = 1;
  let pageNumber = 0;
  let done = 0;
  const seen = new Set<string>();
  for (;;) {
    pageNumber++;
    const fetched = await options.fetch(lower, nativePage, pageNumber);
    const fresh: T[] = [];
    for (const item of fetched.items) {
      const key = `${options.keyOf(item)}@${options.updatedOf(item)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(item);
      const updated = options.updatedOf(item);
      if (updated !== null && (max === null || updated > max)) max = updated;
    }
    const records = await options.toRecords(fresh);
    done += fresh.length;
    const last = !fetched.hasNext || fetched.items.length === 0;
    const nextLower = floor(max);
    if (nextLower !== null && (lower === null || nextLower > lower)) {
      lower = nextLower;
      nativePage = 1;
    } else {
      nativePage++;
    }
    yield {
      records,
      cursor: last
        ? { since: max ?? cursor.since }
        : { since: cursor.since, run: { from: run.from, resumeFrom: max, max } },
      label: `${options.label}, page ${pageNumber}`,
      done,
      total: fetched.total ?? null,
    };
    if (last) return;
  }
}

/**
 * Pages of a resource the API lists newest first with no lower-bound filter (GitHub pull requests,
 * deployments, releases, workflow runs): pages are read until items older than the cursor less the
 * overlap (and `lookbackMs`, for records that still change after they are created) appear. The first
 * page is asked with the ETag of the last complete run: a 304 means nothing changed. A re-run after
 * a kill continues at the page after the last committed one.
 */
export async function* newestFirstPages<T>(options: {
  readonly cursor: WindowCursor;
  readonly overlapMs: number;
  readonly lookbackMs?: number;
  /** Ask the first page with the last run's ETag (only where any change shows on the first page). */
  readonly useEtag?: boolean;
  readonly label: string;
  readonly fetch: (page: number, etag: string | null) => Promise<FetchedPage<T>>;
  readonly timeOf: (item: T) => number | null;
  readonly toRecords: (items: readonly T[]) => Promise<OutRecord[]>;
}): AsyncGenerator<Page> {
  const { cursor } = options;
  const lookback = options.overlapMs + (options.lookbackMs ?? 0);
  const run = cursor.run ?? {
    from: cursor.since === null ? null : cursor.since - lookback,
    resumeFrom: null,
    max: null,
    page: 1,
  };
  let page = run.page ?? 1;
  let max = run.max;
  let done = 0;
  let firstEtag: string | null = null;
  for (;;) {
    const etag =
      options.useEtag === true && page === 1 && cursor.run === undefined
        ? (cursor.etag?.value ?? null)
        : null;
    const fetched = await options.fetch(page, etag);
    if (fetched.notModified === true) {
      yield {
        records: [],
        cursor: { since: cursor.since, ...(cursor.etag ? { etag: cursor.etag } : {}) },
        label: `${options.label}, not modified`,
        done,
      };
      return;
    }
    if (options.useEtag === true && page === 1 && fetched.etag) firstEtag = fetched.etag;
    const inWindow = fetched.items.filter((item) => {
      const time = options.timeOf(item);
      return run.from === null || time === null || time >= run.from;
    });
    for (const item of inWindow) {
      const time = options.timeOf(item);
      if (time !== null && (max === null || time > max)) max = time;
    }
    const records = await options.toRecords(inWindow);
    done += inWindow.length;
    const last = !fetched.hasNext || fetched.items.length === 0 || inWindow.length < fetched.items.length;
    yield {
      records,
      cursor: last
        ? {
            since: max ?? cursor.since,
            ...(firstEtag !== null ? { etag: { url: 'page-1', value: firstEtag } } : {}),
          }
        : { since: cursor.since, run: { from: run.from, resumeFrom: null, max, page: page + 1 } },
      label: `${options.label}, page ${page}`,
      done,
      total: fetched.total ?? null,
    };
    if (last) return;
    page++;
  }
}
