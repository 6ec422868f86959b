/**
 * The account events written to the audit trail (src/audit): logins, logouts, users and tokens
 * created or changed. Never a password, a token's secret or a hash: only names, roles and states.
 */
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';

export interface AccountEvent {
  readonly actor: string;
  readonly action: string;
  readonly kind: 'user' | 'token' | 'session';
  readonly target: string;
  readonly summary: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Appends one account event, in `trx` when given (so it commits with the change it records). */
export async function recordAccountEvent(
  store: Store,
  event: AccountEvent,
  trx?: Transaction<Database>,
): Promise<void> {
  await appendAudit(store, { ...event }, trx);
}
