/**
 * Who a request acts as: a signed-in user, an API token, the anonymous visitor of a demo server, or
 * the trusted local operator (the command line, and servers built for tests). Every route reads
 * `request.principal`; the access policy (which role a route needs) and the value-stream restriction
 * (what a scoped principal may see) are decided from it, in the server, for every request.
 */

/** The organisation roles, weakest first: a viewer reads, an editor also changes data, an admin also manages accounts, tokens and settings. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly kind: 'user' | 'token' | 'anonymous' | 'local';
  /** The user's id, the token's id, `anonymous` or `local`. */
  readonly id: string;
  /** What the audit trail records as the actor (a user's name, `token:<name>`, `anonymous`, `local`). */
  readonly name: string;
  readonly role: Role;
  /** The one value stream this principal is restricted to; null: the whole organisation. */
  readonly valueStream: string | null;
}

/** Whether `role` is at least `needed`. */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The trusted local operator: full access (the command line; servers built for tests). */
export const LOCAL_ADMIN: Principal = {
  kind: 'local',
  id: 'local',
  name: 'local',
  role: 'admin',
  valueStream: null,
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Who this request acts as; set by the authentication hook before any route runs. */
    principal: Principal;
  }
}
