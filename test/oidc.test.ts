/**
 * Single sign-on through a real OpenID Connect provider started in the test (`oidc-provider`, with
 * its development sign-in pages): the authorization code flow with PKCE through `openid-client`,
 * walked like a browser would (redirects and cookies by hand). Checks the account created from the
 * ID token's claims, its role from the `groups` claim, the session that results, a callback with a
 * wrong state, and a user whose groups map to no role when the default role is `none`.
 */
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcSettings } from '../src/auth/oidc-config.js';
import { oidcConfigSchema } from '../src/auth/oidc-config.js';
import { buildServer } from '../src/server/index.js';
import { createTestStore, type TestStore } from './support/stores.js';

type App = Awaited<ReturnType<typeof buildServer>>;

const REDIRECT = 'http://flowlens.test/api/v1/auth/oidc/callback';
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'u-olivia': {
    preferred_username: 'olivia',
    email: 'olivia@example.com',
    groups: ['staff', 'flowlens-admins'],
  },
  'u-sam': { preferred_username: 'sam', email: 'sam@example.com', groups: ['staff'] },
  'u-guest': { preferred_username: 'guest', email: 'guest@example.com', groups: [] },
};

/** A browser's cookie jar, per origin (enough for this flow). */
class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();
  take(origin: string, setCookie: string[]): void {
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of setCookie) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(origin, jar);
  }
  header(origin: string): string {
    return [...(this.cookies.get(origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('single sign-on with OpenID Connect', () => {
  let t: TestStore;
  let op: Server;
  let issuer: string;
  const apps: App[] = [];

  beforeAll(async () => {
    t = await createTestStore('sqlite');
    op = createServer();
    await new Promise<void>((resolve) => op.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(op.address() as { port: number }).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'flowlens',
          client_secret: 'a client secret for the test',
          redirect_uris: [REDIRECT],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: { openid: ['sub'], profile: ['preferred_username', 'groups'], email: ['email'] },
      findAccount: async (_ctx, id) =>
        ACCOUNTS[id] === undefined
          ? undefined
          : { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) },
      features: { devInteractions: { enabled: true } },
      // Claims in the ID token itself, as many providers send them.
      conformIdTokenClaims: false,
      cookies: { keys: ['a cookie key for the test provider'] },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    });
    op.on('request', provider.callback());
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await new Promise((resolve) => op.close(resolve));
    await t.database.destroy();
  });

  async function server(overrides: Partial<OidcSettings> = {}): Promise<App> {
    const oidc = oidcConfigSchema.parse({
      issuer,
      clientId: 'flowlens',
      clientSecretEnv: 'TEST_OIDC_SECRET',
      redirectUrl: REDIRECT,
      roleClaim: 'groups',
      roles: { admin: ['flowlens-admins'], editor: ['delivery-leads'] },
      defaultRole: 'viewer',
      ...overrides,
    });
    const app = await buildServer({
      store: t.store,
      webRoot: null,
      auth: { mode: 'required', oidc, env: { TEST_OIDC_SECRET: 'a client secret for the test' } },
    });
    apps.push(app);
    return app;
  }

  /**
   * Walks the flow as a browser: Flowlens's login → the provider's sign-in and consent pages
   * (submitted as `account`) → the callback. Returns the callback's answer and the jar.
   */
  async function signIn(app: App, account: string, tamper?: (callback: URL) => void) {
    const jar = new Jar();
    const flowlens = 'http://flowlens.test';
    const start = await app.inject({ url: '/api/v1/auth/oidc/login' });
    expect(start.statusCode).toBe(302);
    jar.take(flowlens, [start.headers['set-cookie'] ?? []].flat().map(String));
    let location = String(start.headers.location);
    const authorize = new URL(location);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('nonce')).not.toBeNull();
    for (let hop = 0; hop < 20; hop++) {
      if (location.startsWith(REDIRECT)) {
        const callback = new URL(location);
        tamper?.(callback);
        const answer = await app.inject({
          url: callback.pathname + callback.search,
          headers: { cookie: jar.header(flowlens) },
        });
        jar.take(flowlens, [answer.headers['set-cookie'] ?? []].flat().map(String));
        return { answer, jar, cookie: jar.header(flowlens) };
      }
      const url = new URL(location, issuer);
      const page = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(issuer) } });
      jar.take(issuer, page.headers.getSetCookie());
      if (page.status >= 300 && page.status < 400) {
        location = new URL(page.headers.get('location') ?? '', url).href;
        continue;
      }
      // A sign-in or consent page: submit its form.
      const html = await page.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      expect(action, html.slice(0, 500)).toBeDefined();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? '';
      const form = new URLSearchParams({ prompt, login: account, password: 'anything' });
      const submitted = await fetch(new URL(action ?? '', url), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(issuer), 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      jar.take(issuer, submitted.headers.getSetCookie());
      location = new URL(submitted.headers.get('location') ?? '', url).href;
    }
    throw new Error('the sign-in did not come back to Flowlens');
  }

  it('signs in: the account is created from the ID token, its role from the groups claim, with a session', async () => {
    const app = await server();
    expect((await app.inject({ url: '/api/v1/session' })).json().oidc).toBe(true);
    const { answer, cookie } = await signIn(app, 'u-olivia');
    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toBe('/');
    expect(cookie).toMatch(/flowlens_session=[A-Za-z0-9_-]{43}/);
    const session = await app.inject({ url: '/api/v1/session', headers: { cookie } });
    expect(session.json()).toMatchObject({
      authenticated: true,
      principal: { kind: 'user', name: 'olivia', role: 'admin' },
    });
    const user = await t.store.db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', 'olivia')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'admin', password_hash: null, oidc_subject: `${issuer} u-olivia` });
    // An admin reads the admin routes with that session.
    expect((await app.inject({ url: '/api/v1/users', headers: { cookie } })).statusCode).toBe(200);
    // The second sign-in finds the same account; a viewer from the default role.
    await signIn(app, 'u-olivia');
    const sam = await signIn(app, 'u-sam');
    const samSession = await app.inject({ url: '/api/v1/session', headers: { cookie: sam.cookie } });
    expect(samSession.json().principal).toMatchObject({ name: 'sam', role: 'viewer' });
    expect((await t.store.db.selectFrom('users').select('name').execute()).map((u) => u.name).sort()).toEqual(
      ['olivia', 'sam'],
    );
  });

  it('refuses a callback whose state is not the one this browser started', async () => {
    const app = await server();
    const { answer, cookie } = await signIn(app, 'u-sam', (callback) =>
      callback.searchParams.set('state', 'forged'),
    );
    expect(answer.statusCode).toBe(302);
    expect(decodeURIComponent(String(answer.headers.location))).toBe(
      '/login?error=this sign-in was not started in this browser, or it took more than 10 minutes; start it again from the sign-in page',
    );
    expect(cookie).not.toContain('flowlens_session');
  });

  it('with defaultRole none, a user whose groups map to no role is refused', async () => {
    const app = await server({ defaultRole: 'none' });
    const { answer, cookie } = await signIn(app, 'u-guest');
    expect(decodeURIComponent(String(answer.headers.location))).toBe(
      '/login?error=your account at the identity provider has no Flowlens role (auth.oidc.roles maps none of its groups); ask an administrator',
    );
    expect(cookie).not.toContain('flowlens_session');
  });

  it('the configuration is checked: https issuers only (but on this machine), openid in the scopes', () => {
    const base = { clientId: 'c', redirectUrl: REDIRECT };
    expect(
      oidcConfigSchema.safeParse({ ...base, issuer: 'http://login.example.com' }).error?.issues[0]?.message,
    ).toBe(
      'must be https (plain http is accepted only for a provider on this machine: localhost, 127.0.0.1, ::1)',
    );
    expect(
      oidcConfigSchema.safeParse({ ...base, issuer: 'https://login.example.com', scopes: ['profile'] }).error
        ?.issues[0]?.message,
    ).toBe('must include openid');
  });
});
