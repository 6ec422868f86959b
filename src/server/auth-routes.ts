/**
 * The sign-in and account routes: the session (`GET` who am I, `POST` sign in with a password,
 * `DELETE` sign out), OpenID Connect single sign-on (login and callback), API tokens and users
 * (admin). The session cookie is HTTP-only, SameSite=Lax, and Secure over HTTPS; the CSRF token
 * comes with the session and must accompany every unsafe request made with the cookie. Sign-ins
 * (successful and failed), sign-outs, tokens and users created or changed go to the audit trail;
 * no password, token secret or hash is ever logged or recorded.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { recordAccountEvent } from '../auth/audit.js';
import { parseExpiry } from '../auth/names.js';
import { OIDC_PENDING_MS, OIDC_STATE_COOKIE, type OidcLogin } from '../auth/oidc.js';
import { MAX_PASSWORD_LENGTH } from '../auth/passwords.js';
import { type AuthMode, actorOf, sessionOf } from '../auth/plugin.js';
import { ROLES } from '../auth/principal.js';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_MAX_MS } from '../auth/sessions.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/tokens.js';
import { checkPassword, createUser, listUsers, updateUser } from '../auth/users.js';
import type { Store } from '../store/store.js';
import { ApiError } from './errors.js';
import { arrayOf, boolean, errors, nullableInstant, nullableString, object, string } from './schemas.js';
import { AccountLimiter, loginAddressLimit, type RateLimits } from './security.js';

export interface AuthRouteOptions {
  readonly store: Store;
  readonly mode: AuthMode;
  /** A demo server: anonymous visitors read. */
  readonly demo: boolean;
  readonly oidc: OidcLogin | null;
  readonly secureCookies: 'auto' | 'always' | 'never';
  readonly rateLimits: RateLimits;
  readonly now?: () => number;
}

const role = { type: 'string', enum: [...ROLES] } as const;
const name = { type: 'string', minLength: 1, maxLength: 100 } as const;
const principalSchema = object(
  {
    kind: { type: 'string', enum: ['user', 'token', 'anonymous', 'local'] },
    id: string,
    name: { ...string, description: 'What the audit trail records as the actor.' },
    role,
    valueStream: { ...nullableString, description: 'The one value stream this principal sees; null: all.' },
  },
  'Who the request acts as.',
);
const sessionSchema = object(
  {
    authenticated: { ...boolean, description: 'Signed in, or authenticated by a token (false: anonymous).' },
    principal: principalSchema,
    csrfToken: {
      ...nullableString,
      description:
        'Send it as X-CSRF-Token with every POST, PUT, PATCH and DELETE made with the session cookie.',
    },
    expiresAt: nullableInstant,
    mode: { type: 'string', enum: ['required', 'demo', 'trusted'] },
    demo: { ...boolean, description: 'A demo server: anonymous visitors may read; changes need a login.' },
    oidc: { ...boolean, description: 'Single sign-on is configured: GET /api/v1/auth/oidc/login starts it.' },
  },
  'The current session.',
);
const tokenSchema = object(
  {
    id: string,
    name: string,
    role,
    valueStream: nullableString,
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: string,
    expiresAt: nullableInstant,
    revokedAt: nullableInstant,
    lastUsedAt: { ...nullableInstant, description: 'To the minute.' },
    state: { type: 'string', enum: ['active', 'expired', 'revoked'] },
  },
  'An API token (never its secret).',
);
const userSchema = object(
  {
    id: string,
    name: string,
    role,
    valueStream: nullableString,
    createdAt: { type: 'string', format: 'date-time' },
    disabled: boolean,
    lockedUntil: { ...nullableInstant, description: 'While locked after repeated wrong passwords.' },
    password: { ...boolean, description: 'Signs in with a password.' },
    sso: { ...boolean, description: 'Signs in with OpenID Connect.' },
  },
  'An account (never its password hash).',
);
/** A body that refuses unknown fields. */
const closed = (...args: Parameters<typeof object>) => ({ ...object(...args), additionalProperties: false });
const idParams = object({ id: { type: 'string', minLength: 1, maxLength: 200 } });

export function registerAuthRoutes(api: FastifyInstance, options: AuthRouteOptions): void {
  const { store } = options;
  const now = options.now ?? Date.now;
  const accounts = new AccountLimiter(options.rateLimits);
  const secure = (request: FastifyRequest) =>
    options.secureCookies === 'always' || (options.secureCookies === 'auto' && request.protocol === 'https');

  const describe = (request: FastifyRequest) => {
    const current = sessionOf(request);
    const principal = request.principal;
    return {
      authenticated: principal.kind !== 'anonymous',
      principal,
      csrfToken: current?.session.csrfToken ?? null,
      expiresAt: current === undefined ? null : new Date(current.session.expiresAt).toISOString(),
      mode: options.mode,
      demo: options.demo,
      oidc: options.oidc !== null,
    };
  };

  async function openSession(request: FastifyRequest, reply: FastifyReply, userId: string) {
    const session = await createSession(store, userId, now());
    reply.setCookie(SESSION_COOKIE, session.id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(request),
      maxAge: SESSION_MAX_MS / 1000,
    });
    return session;
  }

  api.get(
    '/session',
    {
      schema: {
        summary: 'The current session: who you are, your CSRF token, whether this is a demo',
        tags: ['accounts'],
        response: { 200: sessionSchema, ...errors(500) },
      },
    },
    async (request) => describe(request),
  );

  api.post(
    '/session',
    {
      config: { rateLimit: loginAddressLimit(options.rateLimits) },
      schema: {
        summary: 'Sign in with a name and password',
        description:
          'Sets the HTTP-only session cookie and returns the session with its CSRF token. 401 for a wrong name or ' +
          'password, a locked account (5 wrong passwords in a row lock it for 15 minutes) or a disabled one; 429 ' +
          'after 20 attempts a minute from one address or 10 for one account.',
        tags: ['accounts'],
        body: closed({ name, password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH } }),
        response: { 200: sessionSchema, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; password: string };
      try {
        accounts.hit(body.name, now());
      } catch (error) {
        const seconds = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (seconds !== undefined) reply.header('retry-after', String(seconds));
        throw error;
      }
      const result = await checkPassword(store, body.name, body.password, now());
      if (!result.ok) {
        const why =
          result.reason === 'locked'
            ? 'the account is locked'
            : result.reason === 'disabled'
              ? 'the account is disabled'
              : 'wrong name or password';
        await recordAccountEvent(store, {
          actor: 'anonymous',
          action: 'login.failed',
          kind: 'session',
          target: body.name.slice(0, 100),
          summary: `failed sign-in as "${body.name.slice(0, 100)}" from ${request.ip}: ${why}`,
        });
        throw new ApiError(
          401,
          'UNAUTHENTICATED',
          result.reason === 'locked'
            ? `the account is locked after repeated wrong passwords until ${new Date(result.lockedUntil ?? 0).toISOString()}; try again then, or ask an administrator to unlock it (\`flowlens user unlock\`)`
            : result.reason === 'disabled'
              ? 'the account is disabled; ask an administrator to enable it'
              : 'the name or the password is wrong',
        );
      }
      const session = await openSession(request, reply, result.user.id);
      await recordAccountEvent(store, {
        actor: result.principal.name,
        action: 'login',
        kind: 'session',
        target: result.principal.name,
        summary: `signed in with a password from ${request.ip}`,
      });
      request.principal = result.principal;
      return {
        ...describe(request),
        csrfToken: session.csrfToken,
        expiresAt: new Date(session.expiresAt).toISOString(),
      };
    },
  );

  api.delete(
    '/session',
    {
      schema: {
        summary: 'Sign out: ends the session and clears its cookie',
        tags: ['accounts'],
        response: {
          204: { type: 'null', description: 'Signed out (also when there was no session).' },
          ...errors(403),
        },
      },
    },
    async (request, reply) => {
      const current = sessionOf(request);
      if (current !== undefined) {
        await deleteSession(store, current.id);
        await recordAccountEvent(store, {
          actor: request.principal.name,
          action: 'logout',
          kind: 'session',
          target: request.principal.name,
          summary: 'signed out',
        });
      }
      reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(request),
      });
      reply.code(204).send();
    },
  );

  api.get(
    '/auth/oidc/login',
    {
      config: { rateLimit: loginAddressLimit(options.rateLimits) },
      schema: {
        summary: 'Start single sign-on: redirects to the OpenID Connect provider',
        tags: ['accounts'],
        response: { 302: { type: 'null', description: 'To the provider.' }, ...errors(404, 429, 500) },
      },
    },
    async (request, reply) => {
      const oidc = options.oidc;
      if (oidc === null)
        throw new ApiError(404, 'NOT_FOUND', 'single sign-on is not configured (flowlens.yaml auth.oidc)');
      const { url, state } = await oidc.begin(now());
      reply.setCookie(OIDC_STATE_COOKIE, state, {
        path: '/api/v1/auth/oidc',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(request),
        maxAge: OIDC_PENDING_MS / 1000,
      });
      reply.redirect(url, 302);
    },
  );

  api.get(
    '/auth/oidc/callback',
    {
      config: { rateLimit: loginAddressLimit(options.rateLimits) },
      schema: {
        summary: 'Single sign-on callback: the provider redirects here with the authorization code',
        description:
          'Signs in and redirects to the web UI; on a refusal, redirects to the sign-in page with the reason.',
        tags: ['accounts'],
        response: { 302: { type: 'null', description: 'To the web UI.' }, ...errors(404) },
      },
    },
    async (request, reply) => {
      const oidc = options.oidc;
      if (oidc === null)
        throw new ApiError(404, 'NOT_FOUND', 'single sign-on is not configured (flowlens.yaml auth.oidc)');
      const cookieState = request.cookies[OIDC_STATE_COOKIE];
      reply.clearCookie(OIDC_STATE_COOKIE, { path: '/api/v1/auth/oidc' });
      try {
        const principal = await oidc.finish(
          store,
          new URL(request.url, 'http://callback.invalid'),
          cookieState,
          now(),
        );
        await openSession(request, reply, principal.id);
        await recordAccountEvent(store, {
          actor: principal.name,
          action: 'login',
          kind: 'session',
          target: principal.name,
          summary: `signed in with single sign-on from ${request.ip}`,
        });
        reply.redirect('/', 302);
      } catch (error) {
        request.log.warn({ err: error }, 'single sign-on failed');
        const message = error instanceof Error ? error.message : 'single sign-on failed';
        reply.redirect(`/login?error=${encodeURIComponent(message.slice(0, 500))}`, 302);
      }
    },
  );

  // ── API tokens (admin) ──────────────────────────────────────────────────────────────────────────

  api.get(
    '/tokens',
    {
      schema: {
        summary: 'The API tokens (never their secrets)',
        tags: ['accounts'],
        response: { 200: object({ tokens: arrayOf(tokenSchema) }), ...errors(401, 403) },
      },
    },
    async () => ({ tokens: await listApiTokens(store, now()) }),
  );

  api.post(
    '/tokens',
    {
      schema: {
        summary: 'Create an API token: the answer holds its secret, shown this once',
        description:
          'For scripts and CI: send it as `Authorization: Bearer <token>`. A viewer token reads, an editor token ' +
          'also writes, an admin token also manages accounts, tokens and settings.',
        tags: ['accounts'],
        body: closed(
          {
            name,
            role,
            valueStream: { type: ['string', 'null'], minLength: 1, maxLength: 1000 },
            expires: {
              type: 'string',
              maxLength: 100,
              description:
                'A duration (30d, 12h, 90m, 2w) or a date (2026-12-31, ISO 8601 with offset); absent: never.',
            },
          },
          undefined,
          ['valueStream', 'expires'],
        ),
        response: {
          201: object({
            token: { ...string, description: 'The secret: shown only now.' },
            info: tokenSchema,
          }),
          ...errors(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        name: string;
        role: string;
        valueStream?: string | null;
        expires?: string;
      };
      const at = now();
      const created = await createApiToken(store, {
        name: body.name,
        role: body.role,
        valueStream: body.valueStream ?? null,
        expiresAt: body.expires === undefined ? null : parseExpiry(body.expires, at),
        actor: actorOf(request),
        now: at,
      });
      reply.code(201);
      return { token: created.token, info: created.info };
    },
  );

  api.delete(
    '/tokens/:id',
    {
      schema: {
        summary: 'Revoke an API token (by id or name)',
        tags: ['accounts'],
        params: idParams,
        response: { 200: tokenSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return revokeApiToken(store, id, actorOf(request), now());
    },
  );

  // ── Users (admin) ───────────────────────────────────────────────────────────────────────────────

  api.get(
    '/users',
    {
      schema: {
        summary: 'The accounts',
        tags: ['accounts'],
        response: { 200: object({ users: arrayOf(userSchema) }), ...errors(401, 403) },
      },
    },
    async () => ({ users: await listUsers(store, now()) }),
  );

  api.post(
    '/users',
    {
      schema: {
        summary: 'Create an account',
        description: 'Without a password the account signs in only with single sign-on.',
        tags: ['accounts'],
        body: closed(
          {
            name,
            password: {
              type: 'string',
              minLength: 1,
              maxLength: MAX_PASSWORD_LENGTH,
              description: 'At least 12 characters.',
            },
            role,
            valueStream: { type: ['string', 'null'], minLength: 1, maxLength: 1000 },
          },
          undefined,
          ['password', 'valueStream'],
        ),
        response: { 201: userSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        name: string;
        password?: string;
        role: string;
        valueStream?: string | null;
      };
      const user = await createUser(store, {
        name: body.name,
        password: body.password ?? null,
        role: body.role,
        valueStream: body.valueStream ?? null,
        actor: actorOf(request),
        now: now(),
      });
      reply.code(201);
      return user;
    },
  );

  api.patch(
    '/users/:id',
    {
      schema: {
        summary: 'Change an account: role, value stream, password, disable or enable, unlock',
        description: 'A new password or disabling ends the account’s sessions.',
        tags: ['accounts'],
        params: idParams,
        body: closed(
          {
            role,
            valueStream: { type: ['string', 'null'], minLength: 1, maxLength: 1000 },
            password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
            disabled: boolean,
            unlock: { ...boolean, description: 'true clears a lockout.' },
          },
          undefined,
          ['role', 'valueStream', 'password', 'disabled', 'unlock'],
        ),
        response: { 200: userSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as {
        role?: string;
        valueStream?: string | null;
        password?: string;
        disabled?: boolean;
        unlock?: boolean;
      };
      return updateUser(
        store,
        id,
        {
          ...(body.role === undefined ? {} : { role: body.role }),
          ...(body.valueStream === undefined ? {} : { valueStream: body.valueStream }),
          ...(body.password === undefined ? {} : { password: body.password }),
          ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
          ...(body.unlock === undefined ? {} : { unlock: body.unlock }),
        },
        actorOf(request),
        now(),
      );
    },
  );
}
