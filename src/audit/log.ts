/**
 * Reading the audit trail: `verifyAudit` walks the whole chain in `seq` order (in pages, so a long
 * trail is never held in memory) and names the first entry that breaks it, and checks an anchor —
 * a head recorded elsewhere earlier (`--expect-head seq:hash`) — which is what detects entries
 * removed from the end. `listAudit` pages through entries newest first with filters;
 * `exportAudit` gathers the entries of a period with the chain's verification, as evidence.
 */
import type { Kysely } from 'kysely';
import { formatInstant } from '../contract/index.js';
import { FlowlensError } from '../domain/index.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { type AuditRow, type ChainBreak, type ChainHead, ChainVerifier } from './chain.js';

const PAGE = 2000;

/** An entry as the API, the CLI and the exports show it. */
export interface AuditView {
  readonly seq: number;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly atMs: number;
  readonly actor: string;
  readonly action: string;
  readonly kind: string;
  readonly target: string;
  readonly summary: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AnchorCheck {
  readonly seq: number;
  readonly hash: string;
  readonly ok: boolean;
  /** Why the anchor does not hold (null when it does). */
  readonly problem: string | null;
}

export interface VerifyReport {
  /** Whether the chain is intact (and contains the expected head, when one was given). */
  readonly ok: boolean;
  /** Entries stored. */
  readonly entries: number;
  /** Entries checked and found intact, from the first on (all of them when ok). */
  readonly checked: number;
  /** The last intact entry: record it elsewhere to detect a later truncation (null: empty). */
  readonly head: ChainHead | null;
  /** The first break, or null. */
  readonly broken: ChainBreak | null;
  readonly anchor: AnchorCheck | null;
}

/** Parses `seq:hash` (the form `audit verify` prints). */
export function parseHead(label: string, text: string): ChainHead {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(text.trim());
  if (match === null)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `${label}: ${JSON.stringify(text.slice(0, 100))} is not a head; give it as <seq>:<sha-256 hex>, as \`flowlens audit verify\` prints it (e.g. 42:3f9a…, 64 hex digits)`,
    );
  return { seq: Number(match[1]), hash: (match[2] as string).toLowerCase() };
}

/** Checks the whole chain and, when given, that it still contains `expectHead`. */
export async function verifyAudit(
  store: Store,
  options: { expectHead?: ChainHead } = {},
): Promise<VerifyReport> {
  const verifier = new ChainVerifier();
  let entries = 0;
  let anchorRow: { seq: number; hash: string } | undefined;
  let lastSeq = 0;
  for (;;) {
    const page = await pageFrom(store.db, lastSeq);
    for (const row of page) {
      entries++;
      if (options.expectHead !== undefined && row.seq === options.expectHead.seq) anchorRow = row;
      verifier.next(row);
    }
    if (page.length < PAGE) break;
    lastSeq = (page.at(-1) as AuditRow).seq;
  }
  const broken = verifier.broken ?? null;
  const anchor =
    options.expectHead === undefined ? null : checkAnchor(options.expectHead, anchorRow, verifier);
  return {
    ok: broken === null && (anchor?.ok ?? true),
    entries,
    checked: verifier.checked,
    head: verifier.head ?? null,
    broken,
    anchor,
  };
}

function checkAnchor(
  expected: ChainHead,
  row: { seq: number; hash: string } | undefined,
  verifier: ChainVerifier,
): AnchorCheck {
  const fail = (problem: string): AnchorCheck => ({ ...expected, ok: false, problem });
  if (row === undefined)
    return fail(
      `the chain has no entry ${expected.seq} (it ends at ${verifier.head?.seq ?? 0}): entries were removed from its end, or the database is another one`,
    );
  if (row.hash !== expected.hash)
    return fail(
      `entry ${expected.seq} has hash ${row.hash}, not the expected ${expected.hash}: the chain was rewritten from that entry or earlier`,
    );
  if (verifier.broken !== undefined && verifier.broken.seq <= expected.seq)
    return fail(`the chain breaks at entry ${verifier.broken.seq}, before the expected head`);
  return { ...expected, ok: true, problem: null };
}

async function pageFrom(db: Kysely<Database>, afterSeq: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(PAGE)
    .execute();
  return rows.map(normalise);
}

/** Rows as stored, with int8 columns as numbers on both stores. */
function normalise(row: Database['audit_log']): AuditRow {
  return { ...row, seq: Number(row.seq), at: Number(row.at) };
}

export function toView(row: AuditRow): AuditView {
  return {
    seq: row.seq,
    at: formatInstant(row.at),
    atMs: row.at,
    actor: row.actor,
    action: row.action,
    kind: row.kind,
    target: row.target,
    summary: row.summary,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditFilter {
  readonly kind?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly target?: string;
  /** Entries at or after this instant (epoch ms). */
  readonly fromMs?: number;
  /** Entries before this instant (epoch ms). */
  readonly toMs?: number;
}

export interface AuditPage {
  /** Newest first. */
  readonly entries: readonly AuditView[];
  /** Pass as `beforeSeq` for the next (older) page; null on the last page. */
  readonly nextBeforeSeq: number | null;
}

/** Entries matching the filter, newest first, `limit` at a time (1–1000), older than `beforeSeq`. */
export async function listAudit(
  store: Store,
  filter: AuditFilter & { readonly limit?: number; readonly beforeSeq?: number },
): Promise<AuditPage> {
  const limit = filter.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new FlowlensError('INVALID_ARGUMENT', `limit: ${limit} is not a whole number from 1 to 1000`);
  let query = filtered(store.db, filter)
    .orderBy('seq', 'desc')
    .limit(limit + 1);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  const rows = (await query.execute()).map(normalise);
  const more = rows.length > limit;
  const entries = rows.slice(0, limit).map(toView);
  return { entries, nextBeforeSeq: more ? (entries.at(-1)?.seq ?? null) : null };
}

function filtered(db: Kysely<Database>, filter: AuditFilter) {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.target !== undefined) query = query.where('target', '=', filter.target);
  if (filter.fromMs !== undefined) query = query.where('at', '>=', filter.fromMs);
  if (filter.toMs !== undefined) query = query.where('at', '<', filter.toMs);
  return query;
}

export interface AuditExport {
  readonly exportedAt: string;
  /** The period asked for: [from, to). */
  readonly from: string | null;
  readonly to: string | null;
  /** The whole chain's verification at the time of the export. */
  readonly verification: VerifyReport;
  /** The period's entries in chain order, each with its hash and its predecessor's. */
  readonly entries: readonly AuditView[];
}

/** The entries of a period in chain order, with the whole chain's verification (evidence). */
export async function exportAudit(
  store: Store,
  period: { readonly fromMs?: number; readonly toMs?: number },
  now: () => number = Date.now,
): Promise<AuditExport> {
  if (period.fromMs !== undefined && period.toMs !== undefined && period.toMs <= period.fromMs)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `--to (${formatInstant(period.toMs)}) must be after --from (${formatInstant(period.fromMs)})`,
    );
  const verification = await verifyAudit(store);
  const rows = (await filtered(store.db, period).orderBy('seq').execute()).map(normalise);
  return {
    exportedAt: formatInstant(now()),
    from: period.fromMs === undefined ? null : formatInstant(period.fromMs),
    to: period.toMs === undefined ? null : formatInstant(period.toMs),
    verification,
    entries: rows.map(toView),
  };
}

/** The CSV columns of an export, in order. */
export const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'action',
  'kind',
  'target',
  'summary',
  'before',
  'after',
  'prev_hash',
  'hash',
] as const;
