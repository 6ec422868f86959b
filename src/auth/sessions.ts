/**
 * Browser sessions. The session id (256 random bits) travels only in the HTTP-only cookie; the
 * database keeps its SHA-256, so a copy of the database opens no session. Each session has a CSRF
 * secret (synchronizer token): `GET /api/v1/session` returns it, and every unsafe request
 * authenticated by the cookie must send it in the `X-CSRF-Token` header. A session ends after 12
 * hours without a request, after 7 days in any case, at sign-out, or when its user is disabled or
 * changes password.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { Principal } from './principal.js';
import { userPrincipal } from './users.js';

export const SESSION_COOKIE = 'flowlens_session';
export const CSRF_HEADER = 'x-csrf-token';
/** A session ends after this long without a request: 12 hours. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** And after this long in any case: 7 days. */
export const SESSION_MAX_MS = 7 * 86_400_000;
/** `last_seen_at` is written at most once a minute per session. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface Session {
  readonly principal: Principal;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** Opens a session for a user; returns the id to put in the cookie (never stored) and the CSRF token. */
export async function createSession(
  store: Store,
  userId: string,
  now: number = Date.now(),
): Promise<{ id: string; csrfToken: string; expiresAt: number }> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_MAX_MS;
  // Sessions past their end are removed as new ones open.
  await store.db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - SESSION_IDLE_MS)]))
    .execute();
  await store.db
    .insertInto('sessions')
    .values({
      id_hash: sha256(id),
      user_id: userId,
      csrf_secret: csrfToken,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
    })
    .execute();
  return { id, csrfToken, expiresAt };
}

/** The session of a cookie's id, or null when it is unknown, ended or its user is disabled. */
export async function findSession(
  store: Store,
  id: string,
  now: number = Date.now(),
): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const row = await store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.csrf_secret',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id',
      'users.name',
      'users.role',
      'users.value_stream',
      'users.disabled',
    ])
    .where('sessions.id_hash', '=', sha256(id))
    .executeTakeFirst();
  if (row === undefined || row.disabled === 1) return null;
  if (row.expires_at <= now || row.last_seen_at <= now - SESSION_IDLE_MS) {
    await store.db.deleteFrom('sessions').where('id_hash', '=', row.id_hash).execute();
    return null;
  }
  if (now - row.last_seen_at >= LAST_SEEN_RESOLUTION_MS)
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('id_hash', '=', row.id_hash)
      .execute();
  return { principal: userPrincipal(row), csrfToken: row.csrf_secret, expiresAt: row.expires_at };
}

/** Ends a session (sign-out). */
export async function deleteSession(store: Store, id: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('id_hash', '=', sha256(id)).execute();
}
