/**
 * What every connector provides to the sync engine (sync.ts): its resources, each a series of
 * pages of interchange records with the cursor to store after the page; a check of its credentials
 * and scope; and a proposed mapping of its statuses, types and environments.
 */
import type { Store } from '../store/index.js';
import type { SourceConfig } from './config.js';
import type { HttpPolicy, HttpStats, WaitInfo } from './http.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** An interchange record as a connector builds it (the importer validates it). */
export type OutRecord = { readonly kind: string } & Record<string, unknown>;

export interface Page {
  readonly records: readonly OutRecord[];
  /** The cursor to store with this page: a re-run after a kill starts from it. */
  readonly cursor: unknown;
  /** Where this page is, for messages: `page 3`. */
  readonly label: string;
  /** Items read so far by this resource in this run, and their total when the API says it. */
  readonly done?: number;
  readonly total?: number | null;
}

export interface Resource {
  /** Unique within the source, stable across runs (the cursor's key): `acme/pay-api:issues`. */
  readonly name: string;
  /** The pages from the stored cursor (null: never synced); the last page's cursor ends the run. */
  pages(cursor: unknown): AsyncIterable<Page>;
}

/** What `flowlens connect` checked against the server. */
export interface CheckResult {
  /** Who the credentials belong to, as the server says. */
  readonly account: string;
  /** One line per scope element checked: `project PAY: Payments`. */
  readonly scope: readonly string[];
}

export interface MappingProposal {
  /** The records' source the mapping is for. */
  readonly source: string;
  readonly statuses: Record<string, { stage: string; state: string }>;
  readonly types: Record<string, string>;
  readonly environments: Record<string, string>;
}

export interface Connector {
  readonly config: SourceConfig;
  /** Requests made, retries and waits (zero for git, which makes none). */
  readonly stats: HttpStats;
  resources(): Promise<Resource[]>;
  check(): Promise<CheckResult>;
  proposeMappings(): Promise<MappingProposal[]>;
}

export interface ConnectorContext {
  readonly env: Env;
  /** Read-only use: connectors look up what is stored (e.g. an item's last status); they never write. */
  readonly store: Store | null;
  readonly now: () => number;
  /** Overrides of the HTTP policy (tests shorten the backoff). */
  readonly policy?: Partial<HttpPolicy>;
  readonly onWait?: (info: WaitInfo) => void;
}

/**
 * The usual cursor of an incremental resource: the watermark of the last complete run (an
 * updated-at instant, epoch ms) and, while a run is under way, how far it got.
 */
export interface WindowCursor {
  readonly since: number | null;
  readonly run?: {
    /** The run's lower bound (the watermark less the overlap), null for a first, full sync. */
    readonly from: number | null;
    /** Where a re-run continues: every item updated before this instant is committed. */
    readonly resumeFrom: number | null;
    /** The latest updated-at committed by the run. */
    readonly max: number | null;
    /** For resources read newest first: the next page to read. */
    readonly page?: number;
  };
  /** The ETag of the run's first page, to ask "anything new?" without spending the rate limit. */
  readonly etag?: { readonly url: string; readonly value: string };
}

export function asWindowCursor(value: unknown): WindowCursor {
  if (typeof value !== 'object' || value === null) return { since: null };
  const cursor = value as Partial<WindowCursor>;
  return { since: typeof cursor.since === 'number' ? cursor.since : null, ...cursor } as WindowCursor;
}
