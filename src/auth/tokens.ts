/**
 * API tokens for scripts and CI. A token is `flw_` followed by 43 characters of base64url (256
 * random bits); it is shown once, when created, and only its SHA-256 is stored, so the database
 * never holds a usable secret. A token has a role (viewer: read; editor: read and write; admin:
 * also accounts, tokens and settings), optionally a value stream it is restricted to, optionally an
 * expiry, and may be revoked. `Authorization: Bearer <token>` authenticates a request with it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { FlowlensError } from '../domain/index.js';
import type { ApiTokenTable } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { accountPrincipal, checkNameFree, findByIdOrName, isoTime } from './account-rows.js';
import { recordAccountEvent } from './audit.js';
import { checkName, checkRole, checkValueStream } from './names.js';
import type { Principal, Role } from './principal.js';

export const TOKEN_PREFIX = 'flw_';
const TOKEN_PATTERN = /^flw_[A-Za-z0-9_-]{43}$/;
/** `last_used_at` is written at most once a minute per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly valueStream: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
  /** `active`, `expired` or `revoked`. */
  readonly state: 'active' | 'expired' | 'revoked';
}

export interface NewApiToken {
  readonly name: string;
  readonly role: Role | string;
  readonly valueStream?: string | null;
  /** Epoch milliseconds; null or absent: never expires. */
  readonly expiresAt?: number | null;
  /** Who creates it (the audit trail's actor). */
  readonly actor: string;
  readonly now?: number;
}

/** The SHA-256 (hex) under which a token's secret is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Creates a token; returns its id and the secret, which is never shown again. */
export async function createApiToken(
  store: Store,
  input: NewApiToken,
): Promise<{ id: string; token: string; info: ApiTokenInfo }> {
  const now = input.now ?? Date.now();
  const name = checkName(input.name, 'token');
  const role = checkRole(input.role);
  const valueStream = await checkValueStream(store, input.valueStream ?? null);
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt !== null && expiresAt <= now)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `the expiry ${new Date(expiresAt).toISOString()} is in the past; give a later date or a duration such as 30d`,
    );
  const id = randomUUID();
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row: ApiTokenTable = {
    id,
    name,
    secret_hash: hashSecret(token),
    role,
    value_stream: valueStream,
    created_at: now,
    created_by: input.actor,
    expires_at: expiresAt,
    revoked_at: null,
    last_used_at: null,
  };
  const info = tokenInfo(row, now);
  await store.db.transaction().execute(async (trx) => {
    await checkNameFree(trx, 'api_tokens', name, `, or revoke it first (\`flowlens token revoke ${name}\`)`);
    await trx.insertInto('api_tokens').values(row).execute();
    await recordAccountEvent(
      store,
      {
        actor: input.actor,
        action: 'token.create',
        kind: 'token',
        target: name,
        summary: `created the ${role} token "${name}"${valueStream === null ? '' : ` for value stream ${valueStream}`}${expiresAt === null ? '' : `, expiring ${info.expiresAt}`}`,
        after: publicFields(info),
      },
      trx,
    );
  });
  return { id, token, info };
}

/** Every token, newest first, without secrets. */
export async function listApiTokens(store: Store, now: number = Date.now()): Promise<ApiTokenInfo[]> {
  const rows = await store.db
    .selectFrom('api_tokens')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('name')
    .execute();
  return rows.map((row) => tokenInfo(row, now));
}

/** Revokes a token by id or name; revoking a revoked token changes nothing. */
export async function revokeApiToken(
  store: Store,
  idOrName: string,
  actor: string,
  now: number = Date.now(),
): Promise<ApiTokenInfo> {
  return store.db.transaction().execute(async (trx) => {
    const row = await findByIdOrName(trx, 'api_tokens', idOrName);
    const before = tokenInfo(row, now);
    if (row.revoked_at !== null) return before;
    await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', row.id).execute();
    const after = tokenInfo({ ...row, revoked_at: now }, now);
    await recordAccountEvent(
      store,
      {
        actor,
        action: 'token.revoke',
        kind: 'token',
        target: row.name,
        summary: `revoked the ${row.role} token "${row.name}"`,
        before: publicFields(before),
        after: publicFields(after),
      },
      trx,
    );
    return after;
  });
}

/** The principal of a bearer token, or null when it is unknown, expired or revoked. */
export async function authenticateToken(
  store: Store,
  secret: string,
  now: number = Date.now(),
): Promise<Principal | null> {
  if (!TOKEN_PATTERN.test(secret)) return null;
  const row = await store.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('secret_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null) return null;
  if (row.expires_at !== null && row.expires_at <= now) return null;
  if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_RESOLUTION_MS)
    await store.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  return accountPrincipal('token', row);
}

/** A token's row as the API and the command line show it: no hash; the state at `now`. */
function tokenInfo(row: ApiTokenTable, now: number): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    valueStream: row.value_stream,
    createdAt: isoTime(row.created_at),
    createdBy: row.created_by,
    expiresAt: isoTime(row.expires_at),
    revokedAt: isoTime(row.revoked_at),
    lastUsedAt: isoTime(row.last_used_at),
    state:
      row.revoked_at !== null
        ? 'revoked'
        : row.expires_at !== null && row.expires_at <= now
          ? 'expired'
          : 'active',
  };
}

/** What the audit trail keeps of a token: no secret, no hash, no usage. */
function publicFields(info: ApiTokenInfo) {
  return {
    id: info.id,
    name: info.name,
    role: info.role,
    valueStream: info.valueStream,
    expiresAt: info.expiresAt,
    revokedAt: info.revokedAt,
  };
}
