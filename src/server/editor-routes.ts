/**
 * The organisation editor's routes (docs/organisation.md): the organisation and roles
 * (org-routes.ts) and the mapping editor (mapping-routes.ts), with the server's background
 * recomputations, which the server waits for when it closes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type EditContext, RecomputeJobs } from '../admin/index.js';
import { actorOf } from '../auth/plugin.js';
import type { MetricsEngine } from '../engine/index.js';
import type { Store } from '../store/index.js';
import { registerMappingRoutes } from './mapping-routes.js';
import { registerOrgRoutes } from './org-routes.js';

export interface EditorRouteContext {
  readonly store: Store;
  readonly engine: MetricsEngine;
  readonly now: () => number;
}

export function registerEditorRoutes(api: FastifyInstance, context: EditorRouteContext): void {
  const jobs = new RecomputeJobs(context.engine, context.now, (error) =>
    api.log.error({ err: error }, 'recomputing the facts after a mapping change failed'),
  );
  api.addHook('onClose', async () => {
    await jobs.idle();
  });
  registerOrgRoutes(api, context);
  registerMappingRoutes(api, { ...context, jobs });
}

/**
 * The edit context of a request: its actor (the principal's name; for the trusted local operator
 * the X-Flowlens-Actor header when given, see `actorOf`) and the server's clock.
 */
export function editContext(request: FastifyRequest, now: () => number): EditContext {
  return { actor: actorOf(request), now };
}
