/**
 * The audit trail's hash chain, pure: the canonical form of an entry and its SHA-256. An entry's
 * hash covers its sequence number, instant, actor, action, kind, target, summary, the canonical JSON
 * of its before and after values, and the previous entry's hash, so changing any stored field of any
 * entry, or removing, inserting or reordering entries, breaks the chain from that entry on
 * (`verifyChain`). The first entry's previous hash is `GENESIS_HASH` (64 zeros).
 *
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` members left out (as
 * `JSON.stringify` does), non-finite numbers as null, bigints as decimal strings, dates as ISO 8601.
 * The stored `before_json`/`after_json` text is exactly that form, and the hash is computed over the
 * stored text, so a verifier never has to re-serialise a parsed value.
 */
import { hash } from 'node:crypto';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Prefix of the hashed text: names the format, so a later format cannot collide with this one. */
const FORMAT = 'flowlens-audit-v1\n';

/** What a caller records: who did what to which thing, with the values before and after. */
export interface AuditEntry {
  /** Who: a user's name, `token:<name>`, `local` (the command line), `anonymous`, `system`. */
  readonly actor: string;
  /** What, as `<area>.<verb>`: `org.edit`, `mapping.save`, `import.batch`, `token.create`, `login`… */
  readonly action: string;
  /** The kind of thing changed: `team`, `mapping`, `import`, `annotation`, `token`, `user`… */
  readonly kind: string;
  /** Which one: its id or key (a file path for an import). */
  readonly target: string;
  /** One human sentence. */
  readonly summary: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Epoch milliseconds; default now. */
  readonly at?: number;
}

/** An entry as stored (`audit_log`'s columns). */
export interface AuditRow {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly kind: string;
  readonly target: string;
  readonly summary: string;
  readonly before_json: string | null;
  readonly after_json: string | null;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The last entry of a chain: what the next one links to. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * Canonical JSON of a value (see the file's comment); null (no value: the column is NULL) for
 * `undefined` and `null`, so "no before" has one form only.
 */
export function canonicalJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return serialise(value, new Set());
}

function serialise(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'undefined':
    case 'function':
    case 'symbol':
      return 'null';
  }
  if (value === null) return 'null';
  if (value instanceof Date)
    return JSON.stringify(Number.isNaN(value.getTime()) ? null : value.toISOString());
  const object = value as object;
  if (seen.has(object)) throw new TypeError('an audit value cannot contain a cycle');
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      let text = '[';
      for (let i = 0; i < object.length; i++) {
        if (i > 0) text += ',';
        text += serialise(object[i], seen);
      }
      return `${text}]`;
    }
    if (object instanceof Map) return serialise(Object.fromEntries(object), seen);
    if (object instanceof Set) return serialise([...object], seen);
    let text = '{';
    for (const key of Object.keys(object).sort()) {
      const member = (object as Record<string, unknown>)[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      if (text.length > 1) text += ',';
      text += `${PLAIN_KEY.test(key) ? `"${key}"` : JSON.stringify(key)}:${serialise(member, seen)}`;
    }
    return `${text}}`;
  } finally {
    seen.delete(object);
  }
}

/** A key JSON writes as itself between quotes (most keys): no need to ask JSON.stringify. */
const PLAIN_KEY = /^[A-Za-z0-9_$.-]*$/;

/** The SHA-256 (lowercase hex) of a stored entry's fields other than `hash`. */
export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  const text =
    FORMAT +
    JSON.stringify([
      row.seq,
      row.at,
      row.actor,
      row.action,
      row.kind,
      row.target,
      row.summary,
      row.before_json,
      row.after_json,
      row.prev_hash,
    ]);
  return hash('sha256', text, 'hex');
}

/** The row that appends `entry` after `head` (undefined: the chain is empty). */
export function chainEntry(head: ChainHead | undefined, entry: AuditEntry, now = Date.now()): AuditRow {
  const at = entry.at ?? now;
  if (!Number.isSafeInteger(at)) {
    throw new TypeError(`an audit entry's instant must be whole epoch milliseconds, got ${String(at)}`);
  }
  const unhashed = {
    seq: (head?.seq ?? 0) + 1,
    at,
    actor: entry.actor,
    action: entry.action,
    kind: entry.kind,
    target: entry.target,
    summary: entry.summary,
    before_json: canonicalJson(entry.before),
    after_json: canonicalJson(entry.after),
    prev_hash: head?.hash ?? GENESIS_HASH,
  };
  return { ...unhashed, hash: entryHash(unhashed) };
}

/** Why the chain breaks at an entry. */
export type BreakReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap';

export interface ChainBreak {
  /** The first entry that does not fit (for a gap: the first missing one). */
  readonly seq: number;
  readonly reason: BreakReason;
  /** One sentence naming what is wrong and what it means. */
  readonly message: string;
}

/**
 * Checks rows in `seq` order, continuing from `after` (undefined: from the start of the chain).
 * Returns the first break, or the head after the last row.
 */
export class ChainVerifier {
  #expectedSeq: number;
  #prevHash: string;
  #checked = 0;
  #broken: ChainBreak | undefined;

  constructor(after?: ChainHead) {
    this.#expectedSeq = (after?.seq ?? 0) + 1;
    this.#prevHash = after?.hash ?? GENESIS_HASH;
  }

  /** Checks the next row; false once the chain is broken (later rows are not checked). */
  next(row: AuditRow): boolean {
    if (this.#broken !== undefined) return false;
    if (row.seq !== this.#expectedSeq) {
      const expected = this.#expectedSeq;
      const after = expected === 1 ? 'at the start' : `after entry ${expected - 1}`;
      this.#broken =
        row.seq > expected
          ? {
              seq: expected,
              reason: 'seq-gap',
              message: `${row.seq - expected === 1 ? `entry ${expected} is` : `entries ${expected}..${row.seq - 1} are`} missing (deleted): ${after} comes entry ${row.seq}`,
            }
          : {
              seq: row.seq,
              reason: 'seq-gap',
              message: `entry ${row.seq} is out of order ${after} (inserted or renumbered)`,
            };
      return false;
    }
    if (row.prev_hash !== this.#prevHash) {
      this.#broken = {
        seq: row.seq,
        reason: 'prev-hash-mismatch',
        message: `entry ${row.seq} does not link to the entry before it (its prev_hash is not that entry's hash): an entry before it was deleted, replaced or inserted`,
      };
      return false;
    }
    if (entryHash(row) !== row.hash) {
      this.#broken = {
        seq: row.seq,
        reason: 'hash-mismatch',
        message: `entry ${row.seq}'s stored fields do not match its hash: the entry was edited`,
      };
      return false;
    }
    this.#expectedSeq = row.seq + 1;
    this.#prevHash = row.hash;
    this.#checked++;
    return true;
  }

  get checked(): number {
    return this.#checked;
  }
  get broken(): ChainBreak | undefined {
    return this.#broken;
  }
  /** The last entry that passed (undefined while none has). */
  get head(): ChainHead | undefined {
    return this.#expectedSeq === 1 ? undefined : { seq: this.#expectedSeq - 1, hash: this.#prevHash };
  }
}
