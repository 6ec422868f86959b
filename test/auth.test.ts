/**
 * Accounts, sessions and tokens on both stores, through the HTTP API: password sign-in with the
 * session cookie's flags, CSRF refusal, lockout after repeated wrong passwords, the sign-in rate
 * limits (429), API tokens created, used, expired and revoked, the first administrator of
 * `flowlens start`, the CLI's token and user commands, and the audit trail of all of it (never a
 * password or a secret in it).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit } from '../src/audit/log.js';
import { hashPassword, scryptParameters, verifyPassword } from '../src/auth/passwords.js';
import { authenticateToken, createApiToken, hashSecret, revokeApiToken } from '../src/auth/tokens.js';
import { checkPassword, createUser, LOCKOUT_MS, LOCKOUT_THRESHOLD } from '../src/auth/users.js';
import { serve } from '../src/cli/start-command.js';
import { MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import { Capture, cli } from './support/cli.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

type App = Awaited<ReturnType<typeof buildServer>>;

const ORG = [
  { kind: 'portfolio', id: 'p1', name: 'P1' },
  { kind: 'valueStream', id: 'vs1', name: 'VS1', portfolio: 'p1' },
  { kind: 'team', id: 't-a', name: 'A', valueStream: 'vs1' },
];
const PASSWORD = 'correct horse battery staple';

function cookieOf(response: { headers: Record<string, unknown> }): string {
  const raw = response.headers['set-cookie'];
  const first = (Array.isArray(raw) ? raw : [raw]).find((c) => String(c).startsWith('flowlens_session='));
  return String(first ?? '');
}

describe('passwords', () => {
  it('are scrypt hashes with their parameters and a per-password salt; verification is exact', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, a)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'scrypt$1$1$1$$')).toBe(false);
    // Cheaper parameters stored in the hash are honoured (the cost can change over time).
    expect(await verifyPassword('x', await hashPassword('x', { N: 1024, r: 8, p: 1 }))).toBe(true);
  });

  it('new hashes cost N = 2^17 by default, verified at that cost; FLOWLENS_SCRYPT_N lowers it, never below 2^14', async () => {
    // The suite runs with FLOWLENS_SCRYPT_N=16384 (vitest.config.ts); without it, the default applies.
    expect(process.env.FLOWLENS_SCRYPT_N).toBe('16384');
    vi.stubEnv('FLOWLENS_SCRYPT_N', undefined);
    try {
      expect(scryptParameters()).toEqual({ N: 131072, r: 8, p: 1 });
      const full = await hashPassword(PASSWORD);
      expect(full).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      // Verification follows the hash: this one derives at N = 2^17 (the wrong-password case and
      // the per-password salt are the test above, at the suite's cost).
      expect(await verifyPassword(PASSWORD, full)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await hashPassword(PASSWORD)).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(scryptParameters({ FLOWLENS_SCRYPT_N: '1048576' })).toEqual({ N: 1048576, r: 8, p: 1 });
    for (const bad of ['8192', '1024', '20000', '2097152', '2^17', 'abc', '-16384'])
      expect(() => scryptParameters({ FLOWLENS_SCRYPT_N: bad })).toThrow(
        `FLOWLENS_SCRYPT_N is "${bad}": set it to a power of two from 16384 (2^14) to 1048576 (2^20), or unset it for the default 131072 (2^17)`,
      );
    await expect(hashPassword(PASSWORD, scryptParameters({ FLOWLENS_SCRYPT_N: '16384' }))).resolves.toMatch(
      /^scrypt\$16384\$/,
    );
  });
});

describeEachStore('accounts, sessions and tokens', (kind) => {
  let t: TestStore;
  let engine: MetricsEngine;
  let app: App;
  beforeAll(async () => {
    t = await createTestStore(kind);
    await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', ORG)]);
    engine = await MetricsEngine.open(t.store);
    app = await buildServer({
      store: t.store,
      engine,
      webRoot: null,
      trustProxy: true,
      auth: { mode: 'required', rateLimits: { loginPerAddress: 1000, loginPerAccount: 1000 } },
    });
    await createUser(t.store, { name: 'alice', password: PASSWORD, role: 'editor', actor: 'test' });
    await createUser(t.store, {
      name: 'vera',
      password: PASSWORD,
      role: 'viewer',
      valueStream: 'vs1',
      actor: 'test',
    });
  });
  afterAll(async () => {
    await app.close();
    await t.database.destroy();
  });

  const login = (name: string, password: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/session', payload: { name, password }, headers });

  it('signs in with a password: an HTTP-only SameSite=Lax cookie, the principal and a CSRF token', async () => {
    const response = await login('alice', PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      authenticated: true,
      principal: { kind: 'user', name: 'alice', role: 'editor', valueStream: null },
      mode: 'required',
      demo: false,
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = cookieOf(response);
    expect(cookie).toMatch(
      /^flowlens_session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    // The database keeps only the SHA-256 of the session id.
    const id = /=([^;]+)/.exec(cookie)?.[1] ?? '';
    const stored = await t.store.db.selectFrom('sessions').select('id_hash').execute();
    expect(stored.map((r) => r.id_hash)).toContain(hashSecret(id));
    expect(JSON.stringify(stored)).not.toContain(id);
    // The session answers who is signed in, with the same CSRF token.
    const session = await app.inject({
      url: '/api/v1/session',
      headers: { cookie: `flowlens_session=${id}` },
    });
    expect(session.json()).toMatchObject({
      authenticated: true,
      principal: { name: 'alice' },
      csrfToken: body.csrfToken,
    });
    // A value-stream viewer's principal carries the restriction.
    expect((await login('vera', PASSWORD)).json().principal).toMatchObject({
      role: 'viewer',
      valueStream: 'vs1',
    });
  });

  it('over HTTPS (X-Forwarded-Proto behind a trusted proxy) the cookie is Secure and HSTS is sent', async () => {
    const response = await login('alice', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(cookieOf(response)).toContain('; Secure');
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(
      (await app.inject({ url: '/api/v1/health' })).headers['strict-transport-security'],
    ).toBeUndefined();
  });

  it('CSRF: a change with the cookie and no X-CSRF-Token is refused with 403; with it, it goes through', async () => {
    const response = await login('alice', PASSWORD);
    const cookie = cookieOf(response).split(';')[0] as string;
    const csrf = response.json().csrfToken as string;
    const annotation = { scope: {}, at: '2025-03-01', title: 'moved to trunk' };
    const without = await app.inject({
      method: 'POST',
      url: '/api/v1/annotations',
      headers: { cookie },
      payload: annotation,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error).toEqual({
      code: 'FORBIDDEN',
      message:
        "POST with a session cookie needs the session's CSRF token in the X-CSRF-Token header (GET /api/v1/session returns it); none was sent",
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/annotations',
      headers: { cookie, 'x-csrf-token': csrf.replace(/^./, csrf[0] === 'A' ? 'B' : 'A') },
      payload: annotation,
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.message).toContain('the one sent does not match');
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/annotations',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: annotation,
    });
    expect(right.statusCode).toBe(201);
    // Reads need no CSRF token; the change was recorded as the signed-in user.
    const list = await app.inject({ url: '/api/v1/annotations', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    // Sign-out ends the session (it too needs the CSRF token).
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } })).statusCode,
    ).toBe(403);
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /flowlens_session=; Max-Age=0|flowlens_session=; Expires=Thu, 01 Jan 1970/,
    );
    expect((await app.inject({ url: '/api/v1/metrics', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a wrong password is 401; five in a row lock the account for 15 minutes, even for the right one', async () => {
    await createUser(t.store, { name: 'bob', password: PASSWORD, role: 'viewer', actor: 'test' });
    const wrong = await login('bob', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'the name or the password is wrong',
    });
    expect((await login('nobody-here', PASSWORD)).json().error.message).toBe(
      'the name or the password is wrong',
    );
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++) await login('bob', 'not the password');
    const locked = await login('bob', PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.message).toMatch(
      /^the account is locked after repeated wrong passwords until \d{4}-\d\d-\d\dT[\d:.]+Z; try again then, or ask an administrator to unlock it/,
    );
    // 15 minutes later the right password works and resets the count.
    const later = Date.now() + LOCKOUT_MS + 1000;
    expect((await checkPassword(t.store, 'bob', PASSWORD, later)).ok).toBe(true);
    const user = await t.store.db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', 'bob')
      .executeTakeFirstOrThrow();
    expect([user.failed_logins, user.locked_until]).toEqual([0, null]);
  });

  it('tokens: created by an admin (shown once, stored hashed), used, scoped by role, expired, revoked', async () => {
    const admin = await createApiToken(t.store, { name: 'root', role: 'admin', actor: 'test' });
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth(admin.token),
      payload: { name: 'ci', role: 'viewer', valueStream: 'vs1', expires: '30d' },
    });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json();
    expect(token).toMatch(/^flw_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({
      name: 'ci',
      role: 'viewer',
      valueStream: 'vs1',
      createdBy: 'token:root',
      state: 'active',
    });
    const rows = await t.store.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.find((r) => r.name === 'ci')?.secret_hash).toBe(hashSecret(token));
    // The list never shows a secret.
    const list = await app.inject({ url: '/api/v1/tokens', headers: auth(admin.token) });
    expect(list.body).not.toContain(token);
    expect(list.json().tokens.map((x: { name: string }) => x.name)).toContain('ci');
    // A viewer token reads, but may not write nor manage tokens.
    expect((await app.inject({ url: '/api/v1/org', headers: auth(token) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/tokens', headers: auth(token) })).statusCode).toBe(403);
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/annotations',
      headers: auth(token),
      payload: {},
    });
    expect(write.statusCode).toBe(403);
    // Bearer requests need no CSRF token; an editor token writes.
    const editor = await createApiToken(t.store, { name: 'writer', role: 'editor', actor: 'test' });
    const annotation = { scope: {}, at: '2025-03-02', title: 'by a token' };
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/annotations',
          headers: auth(editor.token),
          payload: annotation,
        })
      ).statusCode,
    ).toBe(201);
    // Expiry: a token past its end is refused.
    const soon = await createApiToken(t.store, {
      name: 'short',
      role: 'viewer',
      expiresAt: Date.now() + 60_000,
      actor: 'test',
    });
    expect(await authenticateToken(t.store, soon.token, Date.now())).not.toBeNull();
    expect(await authenticateToken(t.store, soon.token, Date.now() + 61_000)).toBeNull();
    const expired = await createApiToken(t.store, {
      name: 'gone',
      role: 'viewer',
      expiresAt: Date.now() + 200,
      actor: 'test',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = await app.inject({ url: '/api/v1/org', headers: auth(expired.token) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toBe(
      'the bearer token is not valid: it is unknown, expired or revoked; create a new one with `flowlens token create`',
    );
    // Revocation: at once.
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${info.id}`,
      headers: auth(admin.token),
    });
    expect(revoked.json()).toMatchObject({ name: 'ci', state: 'revoked' });
    expect((await app.inject({ url: '/api/v1/org', headers: auth(token) })).statusCode).toBe(401);
    await revokeApiToken(t.store, 'writer', 'test');
    expect((await app.inject({ url: '/api/v1/org', headers: auth(editor.token) })).statusCode).toBe(401);
    // Errors name what is wrong.
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth(admin.token),
      payload: { name: 'root', role: 'viewer' },
    });
    expect(duplicate.statusCode).toBe(409);
    const unknownStream = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth(admin.token),
      payload: { name: 'x', role: 'viewer', valueStream: 'vs-nope' },
    });
    expect(unknownStream.json().error.message).toBe(
      'there is no value stream "vs-nope"; `flowlens org` lists the value streams',
    );
  });

  it('users: an admin creates, changes and disables accounts; disabling ends their sessions', async () => {
    const admin = await createApiToken(t.store, { name: 'user-admin', role: 'admin', actor: 'test' });
    const headers = { authorization: `Bearer ${admin.token}` };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { name: 'carol', password: PASSWORD, role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'carol',
      role: 'viewer',
      disabled: false,
      password: true,
      sso: false,
    });
    expect(created.body).not.toContain('scrypt');
    const short = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { name: 'dan', password: 'short', role: 'viewer' },
    });
    expect(short.json().error.message).toBe('the password has 5 characters; use at least 12');
    const session = await login('carol', PASSWORD);
    const cookie = cookieOf(session).split(';')[0] as string;
    expect((await app.inject({ url: '/api/v1/org', headers: { cookie } })).statusCode).toBe(200);
    const promoted = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/carol',
      headers,
      payload: { role: 'editor' },
    });
    expect(promoted.json().role).toBe('editor');
    // The role applies to the open session at its next request.
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie } })).json().principal.role).toBe(
      'editor',
    );
    const disabled = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/carol',
      headers,
      payload: { disabled: true },
    });
    expect(disabled.json().disabled).toBe(true);
    expect((await app.inject({ url: '/api/v1/org', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('carol', PASSWORD)).json().error.message).toBe(
      'the account is disabled; ask an administrator to enable it',
    );
    // The last enabled administrator cannot be demoted nor disabled.
    await createUser(t.store, { name: 'root-admin', password: PASSWORD, role: 'admin', actor: 'test' });
    const demote = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/root-admin',
      headers,
      payload: { role: 'viewer' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toBe(
      '"root-admin" is the last enabled administrator; make another user an admin first (`flowlens user role <name> admin`)',
    );
    const users = await app.inject({ url: '/api/v1/users', headers });
    expect(users.json().users.map((u: { name: string }) => u.name)).toEqual(
      expect.arrayContaining(['alice', 'carol']),
    );
  });

  it('the audit trail has the sign-ins, failures, sign-outs, tokens and users, without any secret', async () => {
    const { entries } = await listAudit(t.store, { limit: 1000 });
    const actions = new Set(entries.map((e) => e.action));
    for (const action of [
      'login',
      'login.failed',
      'logout',
      'token.create',
      'token.revoke',
      'user.create',
      'user.update',
    ])
      expect(actions).toContain(action);
    const bobs = entries
      .filter((e) => e.action === 'login.failed' && e.target === 'bob')
      .map((e) => e.summary);
    expect(bobs).toContain('failed sign-in as "bob" from 127.0.0.1: wrong name or password');
    expect(bobs).toContain('failed sign-in as "bob" from 127.0.0.1: the account is locked');
    expect(entries.find((e) => e.action === 'token.create' && e.target === 'ci')).toMatchObject({
      actor: 'token:root',
      kind: 'token',
      after: { name: 'ci', role: 'viewer', valueStream: 'vs1' },
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toMatch(/flw_[A-Za-z0-9_-]{43}/);
  });
});

describe('sign-in rate limits', () => {
  let t: TestStore;
  let app: App;
  beforeAll(async () => {
    t = await createTestStore('sqlite');
    app = await buildServer({
      store: t.store,
      webRoot: null,
      auth: { mode: 'required', rateLimits: { loginPerAddress: 3, loginPerAccount: 2 } },
    });
  });
  afterAll(async () => {
    await app.close();
    await t.database.destroy();
  });

  it('per address: the 4th attempt in a minute from one address is 429 with Retry-After', async () => {
    const attempt = (name: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { name, password: 'x' },
        remoteAddress: '10.0.0.1',
      });
    for (const name of ['a', 'b', 'c']) expect((await attempt(name)).statusCode).toBe(401);
    const limited = await attempt('d');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.json().error.message).toMatch(
      /^too many sign-in attempts from this address; try again in \d+/,
    );
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('per account: the 3rd attempt on one account, from different addresses, is 429', async () => {
    const attempt = (address: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { name: 'target', password: 'x' },
        remoteAddress: address,
      });
    expect((await attempt('10.0.1.1')).statusCode).toBe(401);
    expect((await attempt('10.0.1.2')).statusCode).toBe(401);
    const limited = await attempt('10.0.1.3');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(
      /^too many sign-in attempts for this account; try again in \d+ seconds$/,
    );
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describeEachStore('the first run of `flowlens start`', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(kind);
  });
  afterAll(async () => {
    await t.database.destroy();
  });

  async function start(env: Record<string, string>, check: (url: string) => Promise<void>) {
    const stdout = new Capture();
    const stop = new AbortController();
    let failure: unknown;
    await serve(
      { stdout, stderr: new Capture(), env: { FLOWLENS_HOME: join(t.database.dir, 'home'), ...env } },
      { port: 0, host: '127.0.0.1', demo: false, db: t.database.location },
      stop.signal,
      (_app, url) => {
        check(url)
          .catch((error: unknown) => {
            failure = error;
          })
          .finally(() => stop.abort());
      },
    );
    if (failure !== undefined) throw failure;
    return stdout.text;
  }

  it('creates the administrator with a password printed once; the API needs it; the next start creates none', async () => {
    let password = '';
    const first = await start({}, async (url) => {
      expect((await fetch(`${url}/api/v1/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    });
    const match = /Created the administrator "admin" with the password (\S+) — shown only this once/.exec(
      first,
    );
    expect(match).not.toBeNull();
    password = match?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const second = await start({}, async (url) => {
      const response = await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'admin', password }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { principal: unknown };
      expect(body.principal).toMatchObject({ name: 'admin', role: 'admin' });
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    });
    expect(second).not.toContain('Created the administrator');
  });
});

describe('the first run with FLOWLENS_ADMIN_PASSWORD, and the token and user commands', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('sqlite');
  });
  afterAll(async () => {
    await t.database.destroy();
  });

  it('token create prints the token once; list and revoke; user add, passwd, disable', async () => {
    const db = t.database.location;
    const created = await cli([
      'token',
      'create',
      '--name',
      'ci',
      '--role',
      'editor',
      '--expires',
      '30d',
      '--db',
      db,
    ]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^flw_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('Created the editor token "ci"');
    expect(created.stderr).toContain('It is shown only this once');
    expect(await authenticateToken(t.store, token)).toMatchObject({
      kind: 'token',
      name: 'token:ci',
      role: 'editor',
    });
    const json = JSON.parse(
      (await cli(['token', 'create', '--name', 'ci2', '--role', 'viewer', '--json', '--db', db])).stdout,
    );
    expect(json).toMatchObject({ name: 'ci2', role: 'viewer', state: 'active' });
    expect(json.token).toMatch(/^flw_/);
    const list = await cli(['token', 'list', '--db', db]);
    expect(list.stdout).toMatch(/^ci\s+editor\s+active/m);
    expect(list.stdout).not.toContain(token);
    const bad = await cli(['token', 'create', '--name', 'x', '--role', 'owner', '--db', db]);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      'flowlens: the role "owner" is not one of viewer, editor, admin',
    ]);
    expect((await cli(['token', 'revoke', 'ci', '--db', db])).stdout).toMatch(/^Revoked the token "ci"/);
    expect(await authenticateToken(t.store, token)).toBeNull();

    const added = await cli(['user', 'add', 'erin', '--role', 'viewer', '--db', db]);
    const generated = /Password \(shown only this once\): (\S+)/.exec(added.stdout)?.[1] ?? '';
    expect((await checkPassword(t.store, 'erin', generated)).ok).toBe(true);
    const passwd = await cli(['user', 'passwd', 'erin', '--password-env', 'NEW_PW', '--db', db], {
      NEW_PW: 'another long password',
    });
    expect(passwd.code).toBe(0);
    expect((await checkPassword(t.store, 'erin', 'another long password')).ok).toBe(true);
    const missing = await cli(['user', 'passwd', 'erin', '--password-env', 'UNSET_PW', '--db', db]);
    expect(missing.stderr).toContain('the environment variable UNSET_PW is not set');
    expect((await cli(['user', 'disable', 'erin', '--db', db])).stdout).toBe('Disabled the user "erin".\n');
    expect((await cli(['user', 'list', '--db', db])).stdout).toMatch(/^erin\s+viewer\s+disabled/m);
  });

  it('FLOWLENS_ADMIN_PASSWORD sets the first administrator’s password; a short one is refused', async () => {
    const fresh = await createTestStore('sqlite');
    try {
      const run = async (password: string) => {
        const stdout = new Capture();
        const stop = new AbortController();
        const env = { FLOWLENS_HOME: join(fresh.database.dir, 'home'), FLOWLENS_ADMIN_PASSWORD: password };
        await serve(
          { stdout, stderr: new Capture(), env },
          { port: 0, host: '127.0.0.1', demo: false, db: fresh.database.location },
          stop.signal,
          () => stop.abort(),
        );
        return stdout.text;
      };
      await expect(run('short')).rejects.toThrow(
        'FLOWLENS_ADMIN_PASSWORD: the password has 5 characters; use at least 12',
      );
      const text = await run('a very long admin password');
      expect(text).toContain(
        'Created the administrator "admin" with the password from FLOWLENS_ADMIN_PASSWORD.',
      );
      expect(text).not.toContain('a very long admin password');
      expect((await checkPassword(fresh.store, 'admin', 'a very long admin password')).ok).toBe(true);
    } finally {
      await fresh.database.destroy();
    }
  });
});
