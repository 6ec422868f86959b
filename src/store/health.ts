/**
 * Store faults: which errors mean "the database cannot take this write now" (a lock held by
 * another process, a full disk, a lost connection) as opposed to a bug, and the process's memory of
 * the last one, which `GET /api/v1/health` reports as `degraded` with its reason until a later write
 * succeeds (hostile-input.md §35, §36).
 *
 * The classification reads SQLite's result codes (better-sqlite3's `SqliteError.code`), PostgreSQL's
 * SQLSTATE classes and Node's socket and file-system error codes, following `cause` through wrapped
 * errors (the store wraps its write errors in FlowlensError `DATABASE_UNAVAILABLE`). The server
 * answers a fault with 503 and Retry-After (src/server/errors.ts) — never 4xx, so senders retry.
 */

/** Why the store cannot take writes: locked by another process, out of disk, or out of reach. */
export type StoreFaultReason = 'database-locked' | 'disk' | 'database-unavailable';

export interface StoreFault {
  readonly reason: StoreFaultReason;
  /** The driver's code: `SQLITE_BUSY`, `SQLITE_FULL`, `53100`, `ECONNREFUSED`… */
  readonly code: string;
}

/** How long a fault keeps the health `degraded` when no write follows it. */
export const FAULT_MEMORY_MS = 60_000;

/** Seconds a client should wait before retrying, per reason. */
export const RETRY_AFTER_SECONDS: Readonly<Record<StoreFaultReason, number>> = {
  'database-locked': 5,
  disk: 30,
  'database-unavailable': 10,
};

const SQLITE_REASONS: readonly [string, StoreFaultReason][] = [
  ['SQLITE_BUSY', 'database-locked'],
  ['SQLITE_LOCKED', 'database-locked'],
  ['SQLITE_FULL', 'disk'],
  ['SQLITE_IOERR', 'disk'],
  ['SQLITE_READONLY', 'disk'],
  ['SQLITE_CANTOPEN', 'database-unavailable'],
];

const NODE_REASONS: Readonly<Record<string, StoreFaultReason>> = {
  ENOSPC: 'disk',
  EDQUOT: 'disk',
  EROFS: 'disk',
  ECONNREFUSED: 'database-unavailable',
  ECONNRESET: 'database-unavailable',
  ETIMEDOUT: 'database-unavailable',
  EHOSTUNREACH: 'database-unavailable',
  ENOTFOUND: 'database-unavailable',
  EPIPE: 'database-unavailable',
};

/** The store fault behind `error` (or one of its causes), or null when it is something else. */
export function classifyStoreFault(error: unknown): StoreFault | null {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    // A tool's API that cannot be reached (a connector's SourceError, code SOURCE_FAILED) is its
    // fault, not the store's, whatever network error it wraps.
    if ((current as { code?: unknown }).code === 'SOURCE_FAILED') return null;
    const fault = ownFault(current as { code?: unknown; message?: unknown; name?: unknown });
    if (fault !== null) return fault;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function ownFault(error: { code?: unknown; message?: unknown; name?: unknown }): StoreFault | null {
  const code = typeof error.code === 'string' ? error.code : '';
  for (const [prefix, reason] of SQLITE_REASONS) if (code.startsWith(prefix)) return { reason, code };
  const node = NODE_REASONS[code];
  if (node !== undefined) return { reason: node, code };
  // PostgreSQL SQLSTATEs: 53100 disk full, 53xxx other resources, 08xxx connection exceptions,
  // 57P01–57P03 shutdown / cannot connect now, 55P03 lock not available, 55000 (ALLOW_CONNECTIONS off).
  if (/^[0-9A-Z]{5}$/.test(code)) {
    if (code === '53100') return { reason: 'disk', code };
    if (code === '55P03' || code === '40P01') return { reason: 'database-locked', code };
    if (code.startsWith('53') || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '55000')
      return { reason: 'database-unavailable', code };
  }
  // pg reports a connection lost mid-query without a code.
  const message = typeof error.message === 'string' ? error.message : '';
  if (/^Connection terminated|connection timeout|Client has encountered a connection error/i.test(message))
    return { reason: 'database-unavailable', code: 'CONNECTION_LOST' };
  return null;
}

export interface StoreHealthState {
  readonly status: 'ok' | 'degraded';
  readonly reasons: readonly StoreFaultReason[];
  /** When the last fault was seen (epoch ms), while degraded. */
  readonly since?: number;
}

/**
 * The last faults seen by this process and the last successful write. A fault is current until a
 * write succeeds after it, or for FAULT_MEMORY_MS when nothing is written.
 */
class StoreHealth {
  private readonly faults = new Map<StoreFaultReason, number>();

  /** Notes a fault (called where a write failed). */
  fault(fault: StoreFault, now = Date.now()): void {
    this.faults.set(fault.reason, now);
  }

  /** Notes that a write went through: the faults are over. */
  writeSucceeded(): void {
    if (this.faults.size > 0) this.faults.clear();
  }

  state(now = Date.now()): StoreHealthState {
    for (const [reason, at] of this.faults) if (now - at > FAULT_MEMORY_MS) this.faults.delete(reason);
    if (this.faults.size === 0) return { status: 'ok', reasons: [] };
    return {
      status: 'degraded',
      reasons: [...this.faults.keys()].sort(),
      since: Math.max(...this.faults.values()),
    };
  }
}

/** The process's store health (a server has one store). */
export const storeHealth = new StoreHealth();

/** Records `error` when it is a store fault; returns the fault. */
export function noteStoreFault(error: unknown): StoreFault | null {
  const fault = classifyStoreFault(error);
  if (fault !== null) storeHealth.fault(fault);
  return fault;
}
