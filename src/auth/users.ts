/**
 * Accounts: create, list, change, disable, and the password check with its lockout. After
 * `LOCKOUT_THRESHOLD` wrong passwords in a row an account is locked for `LOCKOUT_MS` (15 minutes):
 * every login is refused until then, even with the right password, and a successful login resets
 * the count. A disabled account cannot sign in, and disabling it or changing its password ends its
 * sessions. Passwords are hashed with scrypt (passwords.ts); names, roles and states go to the audit
 * trail, never a password or a hash.
 */
import { randomUUID } from 'node:crypto';
import { FlowlensError } from '../domain/index.js';
import type { UserTable } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { accountPrincipal, checkNameFree, findByIdOrName, isoTime } from './account-rows.js';
import { recordAccountEvent } from './audit.js';
import { checkName, checkRole, checkValueStream } from './names.js';
import { decoyHash, generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { Principal, Role } from './principal.js';

/** Wrong passwords in a row that lock an account. */
export const LOCKOUT_THRESHOLD = 5;
/** How long a locked account stays locked: 15 minutes. */
export const LOCKOUT_MS = 15 * 60_000;
/** The first administrator's name (`flowlens start` on a database without accounts). */
export const FIRST_ADMIN_NAME = 'admin';

export interface UserInfo {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly valueStream: string | null;
  readonly createdAt: string;
  readonly disabled: boolean;
  /** When a lockout ends, while the account is locked. */
  readonly lockedUntil: string | null;
  /** Signs in with a password (false: single sign-on only). */
  readonly password: boolean;
  /** Signs in with OpenID Connect. */
  readonly sso: boolean;
}

export interface NewUser {
  readonly name: string;
  /** null: single sign-on only. */
  readonly password: string | null;
  readonly role: Role | string;
  readonly valueStream?: string | null;
  /** `<issuer> <subject>` of an OpenID Connect account. */
  readonly oidcSubject?: string | null;
  readonly actor: string;
  readonly now?: number;
}

export async function createUser(store: Store, input: NewUser): Promise<UserInfo> {
  const now = input.now ?? Date.now();
  const name = checkName(input.name, 'user');
  const role = checkRole(input.role);
  const valueStream = await checkValueStream(store, input.valueStream ?? null);
  if (input.password !== null) {
    const problem = passwordProblem(input.password);
    if (problem !== null) throw new FlowlensError('INVALID_ARGUMENT', problem);
  }
  const row: UserTable = {
    id: randomUUID(),
    name,
    password_hash: input.password === null ? null : await hashPassword(input.password),
    role,
    value_stream: valueStream,
    created_at: now,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    oidc_subject: input.oidcSubject ?? null,
  };
  return store.db.transaction().execute(async (trx) => {
    await checkNameFree(trx, 'users', name);
    await trx.insertInto('users').values(row).execute();
    const info = userInfo(row, now);
    await recordAccountEvent(
      store,
      {
        actor: input.actor,
        action: 'user.create',
        kind: 'user',
        target: name,
        summary: `created the ${role} user "${name}"${valueStream === null ? '' : ` for value stream ${valueStream}`}${row.oidc_subject === null ? '' : ' (single sign-on)'}`,
        after: auditFields(info),
      },
      trx,
    );
    return info;
  });
}

export async function listUsers(store: Store, now: number = Date.now()): Promise<UserInfo[]> {
  const rows = await store.db.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map((row) => userInfo(row, now));
}

export async function countUsers(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getUser(store: Store, idOrName: string, now: number = Date.now()): Promise<UserInfo> {
  return userInfo(await findByIdOrName(store.db, 'users', idOrName), now);
}

export interface UserChange {
  readonly role?: Role | string;
  readonly valueStream?: string | null;
  readonly disabled?: boolean;
  readonly password?: string;
  /** Clears a lockout (an administrator's unlock). */
  readonly unlock?: boolean;
}

/** Changes a user; ends their sessions when the password changes or the account is disabled. */
export async function updateUser(
  store: Store,
  idOrName: string,
  change: UserChange,
  actor: string,
  now: number = Date.now(),
): Promise<UserInfo> {
  const role = change.role === undefined ? undefined : checkRole(change.role);
  const valueStream =
    change.valueStream === undefined ? undefined : await checkValueStream(store, change.valueStream);
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password);
    if (problem !== null) throw new FlowlensError('INVALID_ARGUMENT', problem);
  }
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  return store.db.transaction().execute(async (trx) => {
    const row = await findByIdOrName(trx, 'users', idOrName);
    const next: UserTable = {
      ...row,
      ...(role === undefined ? {} : { role }),
      ...(valueStream === undefined ? {} : { value_stream: valueStream }),
      ...(change.disabled === undefined ? {} : { disabled: change.disabled ? 1 : 0 }),
      ...(passwordHash === undefined ? {} : { password_hash: passwordHash }),
      ...(change.unlock === true || passwordHash !== undefined
        ? { failed_logins: 0, locked_until: null }
        : {}),
    };
    // The last enabled administrator stays one: otherwise nobody could manage accounts any more.
    if (row.role === 'admin' && row.disabled === 0 && (next.role !== 'admin' || next.disabled === 1)) {
      const others = await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .where('id', '!=', row.id)
        .executeTakeFirst();
      if (others === undefined)
        throw new FlowlensError(
          'CONFLICT',
          `"${row.name}" is the last enabled administrator; make another user an admin first (\`flowlens user role <name> admin\`)`,
        );
    }
    await trx
      .updateTable('users')
      .set({
        role: next.role,
        value_stream: next.value_stream,
        disabled: next.disabled,
        password_hash: next.password_hash,
        failed_logins: next.failed_logins,
        locked_until: next.locked_until,
      })
      .where('id', '=', row.id)
      .execute();
    // Sessions carry no copy of the role: a changed role applies to the next request. A new
    // password or a disabled account ends every session.
    if (passwordHash !== undefined || next.disabled === 1)
      await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    const before = userInfo(row, now);
    const after = userInfo(next, now);
    const changes = [
      row.role !== next.role ? `role ${row.role} → ${next.role}` : '',
      row.value_stream !== next.value_stream
        ? `value stream ${row.value_stream ?? '(all)'} → ${next.value_stream ?? '(all)'}`
        : '',
      row.disabled !== next.disabled ? (next.disabled === 1 ? 'disabled' : 'enabled') : '',
      passwordHash !== undefined ? 'password changed' : '',
      change.unlock === true && row.locked_until !== null ? 'unlocked' : '',
    ].filter((text) => text !== '');
    await recordAccountEvent(
      store,
      {
        actor,
        action: 'user.update',
        kind: 'user',
        target: row.name,
        summary: `changed the user "${row.name}": ${changes.length === 0 ? 'nothing' : changes.join(', ')}`,
        before: auditFields(before),
        after: { ...auditFields(after), ...(passwordHash === undefined ? {} : { passwordChanged: true }) },
      },
      trx,
    );
    return after;
  });
}

export type LoginResult =
  | { readonly ok: true; readonly user: UserInfo; readonly principal: Principal }
  | { readonly ok: false; readonly reason: 'invalid' | 'locked' | 'disabled'; readonly lockedUntil?: number };

/**
 * Checks a name and password. Unknown names cost the same time as known ones (a decoy hash is
 * verified). Counts wrong passwords and locks the account at the threshold.
 */
export async function checkPassword(
  store: Store,
  name: string,
  password: string,
  now: number = Date.now(),
): Promise<LoginResult> {
  const row = await store.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  if (row === undefined || row.password_hash === null) {
    await verifyPassword(password, await decoyHash());
    return { ok: false, reason: 'invalid' };
  }
  if (row.locked_until !== null && row.locked_until > now)
    return { ok: false, reason: 'locked', lockedUntil: row.locked_until };
  const matches = await verifyPassword(password, row.password_hash);
  if (!matches) {
    // A lockout that has run out starts the count afresh.
    const failed = (row.locked_until !== null ? 0 : row.failed_logins) + 1;
    const locked = failed >= LOCKOUT_THRESHOLD;
    await store.db
      .updateTable('users')
      .set({ failed_logins: locked ? 0 : failed, locked_until: locked ? now + LOCKOUT_MS : null })
      .where('id', '=', row.id)
      .execute();
    return locked
      ? { ok: false, reason: 'locked', lockedUntil: now + LOCKOUT_MS }
      : { ok: false, reason: 'invalid' };
  }
  if (row.disabled === 1) return { ok: false, reason: 'disabled' };
  if (row.failed_logins !== 0 || row.locked_until !== null)
    await store.db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', row.id)
      .execute();
  const user = userInfo({ ...row, failed_logins: 0, locked_until: null }, now);
  return { ok: true, user, principal: userPrincipal(row) };
}

export function userPrincipal(row: Pick<UserTable, 'id' | 'name' | 'role' | 'value_stream'>): Principal {
  return accountPrincipal('user', row);
}

/**
 * The first run: when there is no account, creates the administrator `admin` with the password
 * from `FLOWLENS_ADMIN_PASSWORD`, or a generated one (returned, to print once).
 */
export async function ensureFirstAdmin(
  store: Store,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ created: false } | { created: true; name: string; password: string; generated: boolean }> {
  if ((await countUsers(store)) > 0) return { created: false };
  const given = env.FLOWLENS_ADMIN_PASSWORD;
  const password = given !== undefined && given !== '' ? given : generatePassword();
  if (given !== undefined && given !== '') {
    const problem = passwordProblem(given);
    if (problem !== null) throw new FlowlensError('INVALID_CONFIG', `FLOWLENS_ADMIN_PASSWORD: ${problem}`);
  }
  await createUser(store, { name: FIRST_ADMIN_NAME, password, role: 'admin', actor: 'local' });
  return { created: true, name: FIRST_ADMIN_NAME, password, generated: given === undefined || given === '' };
}

/** A user's row as the API and the command line show it: no hash; a lockout only while it lasts. */
function userInfo(row: UserTable, now: number): UserInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    valueStream: row.value_stream,
    createdAt: isoTime(row.created_at),
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until !== null && row.locked_until > now ? isoTime(row.locked_until) : null,
    password: row.password_hash !== null,
    sso: row.oidc_subject !== null,
  };
}

function auditFields(info: UserInfo) {
  return {
    id: info.id,
    name: info.name,
    role: info.role,
    valueStream: info.valueStream,
    disabled: info.disabled,
  };
}
