/**
 * Authentication and the access policy for every request, installed on the root Fastify instance
 * before any route. `request.principal` is set from, in order: an `Authorization: Bearer <token>`
 * header (an API token), the session cookie (a signed-in user; unsafe methods must then carry the
 * session's CSRF token in `X-CSRF-Token`), else the anonymous visitor. In `trusted` mode every
 * request is the local administrator (servers built for tests, nothing else). Then the route's
 * entry in the access policy decides: no credentials where they are needed → 401 UNAUTHENTICATED,
 * a role too weak → 403 FORBIDDEN. In `demo` mode the anonymous visitor is a viewer; writes still
 * need a login. An API route without a policy entry stops the server at start-up.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../server/errors.js';
import { accessFor, checkRouteCovered, isApiRoute } from './access-policy.js';
import { hasRole, LOCAL_ADMIN, type Principal } from './principal.js';
import { CSRF_HEADER, findSession, SESSION_COOKIE, type Session } from './sessions.js';
import { authenticateToken } from './tokens.js';

/**
 * How the server authenticates: `required` (the default: every API route but the public ones needs
 * a login or a token), `demo` (anonymous visitors may read; writes need a login), `trusted` (every
 * request is the local administrator, with no check at all: only for tests, never for a server
 * anyone else can reach).
 */
export type AuthMode = 'required' | 'demo' | 'trusted';

/** The anonymous visitor: reads in demo mode, nothing otherwise. */
export const ANONYMOUS: Principal = {
  kind: 'anonymous',
  id: 'anonymous',
  name: 'anonymous',
  role: 'viewer',
  valueStream: null,
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const sessions = new WeakMap<FastifyRequest, { id: string; session: Session }>();

/** The session a request came with (its cookie's id and the session), if any. */
export function sessionOf(request: FastifyRequest): { id: string; session: Session } | undefined {
  return sessions.get(request);
}

/**
 * Who a change is recorded as: the principal's name; for the local administrator (the command line,
 * test servers) the `X-Flowlens-Actor` header when given, else `local`.
 */
export function actorOf(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal.kind === 'local') {
    const header = request.headers['x-flowlens-actor'];
    return typeof header === 'string' && header !== '' ? header : 'local';
  }
  return principal.name;
}

export interface AuthHookOptions {
  readonly mode: AuthMode;
  readonly store: import('../store/store.js').Store;
  readonly now?: () => number;
}

const UNAUTHENTICATED_HELP =
  'sign in (POST /api/v1/session, or the web UI), or send "Authorization: Bearer <token>" with a token from `flowlens token create`';

/** Adds the onRoute check and the onRequest authentication and policy hooks to the root instance. */
export function installAuth(app: FastifyInstance, options: AuthHookOptions): void {
  const now = options.now ?? Date.now;
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRoute', (route) => {
    checkRouteCovered(route.method, route.url);
  });
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    // Not-found and the web UI's pages are public; the not-found answer names no data.
    const access = url !== undefined && isApiRoute(url) ? accessFor(request.method, url) : 'public';
    if (access === undefined)
      throw new ApiError(403, 'FORBIDDEN', `the route ${request.method} ${url} has no access policy entry`);
    if (options.mode === 'trusted') {
      request.principal = LOCAL_ADMIN;
      return;
    }
    request.principal = await authenticate(request, options, now(), access === 'public');
    if (access === 'public') return;
    const principal = request.principal;
    if (principal.kind === 'anonymous') {
      if (options.mode === 'demo' && access === 'viewer') return;
      throw new ApiError(
        401,
        'UNAUTHENTICATED',
        options.mode === 'demo'
          ? `${request.method} ${url} changes data, and the demo allows anonymous visitors only to read; ${UNAUTHENTICATED_HELP}`
          : `${request.method} ${url} needs authentication; ${UNAUTHENTICATED_HELP}`,
      );
    }
    if (!hasRole(principal.role, access))
      throw new ApiError(
        403,
        'FORBIDDEN',
        `${request.method} ${url} needs the ${access} role; ${principal.name} is a ${principal.role} (an administrator can change the role with \`flowlens user\` or create a token with another role)`,
      );
  });
}

async function authenticate(
  request: FastifyRequest,
  options: AuthHookOptions,
  now: number,
  publicRoute: boolean,
): Promise<Principal> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    const principal = match === null ? null : await authenticateToken(options.store, match[1] ?? '', now);
    if (principal !== null) return principal;
    // A webhook sender or a sign-in page may send an Authorization header of its own.
    if (publicRoute) return ANONYMOUS;
    throw new ApiError(
      401,
      'UNAUTHENTICATED',
      match === null
        ? 'the Authorization header is not "Bearer <token>"; send an API token from `flowlens token create` as "Authorization: Bearer flw_…"'
        : 'the bearer token is not valid: it is unknown, expired or revoked; create a new one with `flowlens token create`',
    );
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie !== undefined && cookie !== '') {
    const session = await findSession(options.store, cookie, now);
    if (session !== null) {
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !csrfEqual(sent, session.csrfToken))
          throw new ApiError(
            403,
            'FORBIDDEN',
            `${request.method} with a session cookie needs the session's CSRF token in the X-CSRF-Token header (GET /api/v1/session returns it); ${typeof sent === 'string' ? 'the one sent does not match' : 'none was sent'}`,
          );
      }
      sessions.set(request, { id: cookie, session });
      return session.principal;
    }
  }
  return ANONYMOUS;
}

function csrfEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
