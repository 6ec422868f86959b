/**
 * The access policy, in one place: for every API route (method and Fastify route pattern, as
 * `request.routeOptions.url` spells it), the least role it needs. `public` routes need no
 * credentials (health, the OpenAPI document, the sign-in endpoints, the webhooks, which check their
 * own signatures); `viewer` routes read; `editor` routes change data; `admin` routes manage
 * accounts, tokens, settings and the audit trail. A route under `/api/` without an entry stops the
 * server at start-up (`checkRouteCovered`, called from an `onRoute` hook), so no route is ever
 * served without a decision. Which value stream a restricted principal sees is decided by the routes
 * themselves; this table decides only allow or deny.
 */
import type { Role } from './principal.js';

export type Access = 'public' | Role;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const P = '/api/v1';

/** `METHOD /pattern` → the least access. Keep it sorted by path; one line per route. */
export const ACCESS_POLICY: Readonly<Record<string, Access>> = {
  // The API itself, health, sign-in
  [`GET ${P}/health`]: 'public',
  [`GET ${P}/openapi.json`]: 'public',
  [`GET ${P}/session`]: 'public',
  [`POST ${P}/session`]: 'public',
  [`DELETE ${P}/session`]: 'public',
  [`GET ${P}/auth/oidc/login`]: 'public',
  [`GET ${P}/auth/oidc/callback`]: 'public',
  // Webhooks: each checks its sender's signature or secret token
  [`POST ${P}/webhooks/github`]: 'public',
  [`POST ${P}/webhooks/gitlab`]: 'public',
  [`POST ${P}/webhooks/jira`]: 'public',
  // Kept webhook deliveries and their replay (src/server/webhook-admin-routes.ts)
  [`GET ${P}/webhooks/deliveries`]: 'admin',
  [`POST ${P}/webhooks/deliveries/:id/replay`]: 'admin',
  // Accounts and tokens
  [`GET ${P}/users`]: 'admin',
  [`POST ${P}/users`]: 'admin',
  [`PATCH ${P}/users/:id`]: 'admin',
  [`GET ${P}/tokens`]: 'admin',
  [`POST ${P}/tokens`]: 'admin',
  [`DELETE ${P}/tokens/:id`]: 'admin',
  // Metrics, items, the organisation: reading
  [`GET ${P}/metrics`]: 'viewer',
  [`GET ${P}/metrics/series`]: 'viewer',
  [`GET ${P}/metrics/trend`]: 'viewer',
  [`GET ${P}/metrics/statuses`]: 'viewer',
  [`GET ${P}/metrics/completed`]: 'viewer',
  [`GET ${P}/items`]: 'viewer',
  [`GET ${P}/items/:source/:id`]: 'viewer',
  [`GET ${P}/data-quality/items`]: 'viewer',
  [`GET ${P}/extent`]: 'viewer',
  [`GET ${P}/org`]: 'viewer',
  [`GET ${P}/org/model`]: 'viewer',
  [`GET ${P}/org/teams/:id`]: 'viewer',
  [`GET ${P}/roles`]: 'viewer',
  [`GET ${P}/roles/assignments`]: 'viewer',
  [`GET ${P}/roles/settings`]: 'viewer',
  [`GET ${P}/settings/calendar`]: 'viewer',
  [`GET ${P}/roles/network`]: 'viewer',
  [`GET ${P}/mappings`]: 'viewer',
  [`GET ${P}/mappings/jobs`]: 'viewer',
  [`GET ${P}/mappings/jobs/:id`]: 'viewer',
  [`GET ${P}/mappings/:source`]: 'viewer',
  [`GET ${P}/mappings/:source/versions`]: 'viewer',
  [`GET ${P}/forecast/when`]: 'viewer',
  [`GET ${P}/forecast/how-many`]: 'viewer',
  [`GET ${P}/metrics/predictability`]: 'viewer',
  [`GET ${P}/annotations`]: 'viewer',
  [`GET ${P}/annotations/:id/impact`]: 'viewer',
  [`GET ${P}/insights`]: 'viewer',
  [`GET ${P}/improvements`]: 'viewer',
  [`GET ${P}/improvements/trackers`]: 'viewer',
  [`POST ${P}/improvements`]: 'editor',
  [`PATCH ${P}/improvements/:id`]: 'editor',
  // Changing data
  [`POST ${P}/import`]: 'editor',
  [`POST ${P}/org/portfolios`]: 'editor',
  [`PATCH ${P}/org/portfolios/:id`]: 'editor',
  [`POST ${P}/org/value-streams`]: 'editor',
  [`PATCH ${P}/org/value-streams/:id`]: 'editor',
  [`POST ${P}/org/teams`]: 'editor',
  [`PATCH ${P}/org/teams/:id`]: 'editor',
  [`POST ${P}/org/services`]: 'editor',
  [`PATCH ${P}/org/services/:id`]: 'editor',
  [`POST ${P}/org/products`]: 'editor',
  [`PATCH ${P}/org/products/:id`]: 'editor',
  [`POST ${P}/org/people`]: 'editor',
  [`PATCH ${P}/org/people/:id`]: 'editor',
  [`POST ${P}/roles/assignments`]: 'editor',
  [`PATCH ${P}/roles/assignments/:id`]: 'editor',
  [`DELETE ${P}/roles/assignments/:id`]: 'editor',
  [`PUT ${P}/mappings/:source`]: 'editor',
  // The preview changes nothing, but it is the mapping editor's tool and recomputes a source.
  [`POST ${P}/mappings/:source/preview`]: 'editor',
  [`DELETE ${P}/mappings/:source/overrides/:team`]: 'editor',
  [`POST ${P}/mappings/:source/versions/:version/restore`]: 'editor',
  [`POST ${P}/annotations`]: 'editor',
  [`DELETE ${P}/annotations/:id`]: 'editor',
  [`PUT ${P}/teams/:team/allocation-target`]: 'editor',
  // Settings
  [`PUT ${P}/roles/settings`]: 'admin',
  [`PUT ${P}/settings/calendar`]: 'admin',
};

/**
 * Route families whose every route needs the given access, for routes added by other parts
 * (the audit trail's routes are all admin). Only the strictest access belongs here.
 */
export const ACCESS_PREFIXES: readonly { readonly prefix: string; readonly access: Access }[] = [
  { prefix: `${P}/audit`, access: 'admin' },
];

/** The access a route needs, or undefined when the policy has no entry for it. */
export function accessFor(method: string, url: string): Access | undefined {
  const m = (method === 'HEAD' ? 'GET' : method) as Method;
  const exact = ACCESS_POLICY[`${m} ${url.length > 1 ? url.replace(/\/$/, '') : url}`];
  if (exact !== undefined) return exact;
  return ACCESS_PREFIXES.find((entry) => url === entry.prefix || url.startsWith(`${entry.prefix}/`))?.access;
}

/** Whether a route is one the policy must cover: everything under `/api/`. */
export function isApiRoute(url: string): boolean {
  return url.startsWith('/api/');
}

/** Throws, naming the route and this file, when an API route has no entry. */
export function checkRouteCovered(methods: string | readonly string[], url: string): void {
  if (!isApiRoute(url)) return;
  for (const method of typeof methods === 'string' ? [methods] : methods) {
    if (method === 'OPTIONS') continue;
    if (accessFor(method, url) === undefined)
      throw new Error(
        `the route ${method} ${url} has no entry in the access policy; add "${method} ${url}" with public, viewer, editor or admin to ACCESS_POLICY in src/auth/access-policy.ts`,
      );
  }
}
