/**
 * Annotations under /api/v1: list a scope's (with those of the scopes inside it), add, remove, and
 * measure the impact of one (src/engine/annotations.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../auth/plugin.js';
import { FlowlensError, isFlowlensError } from '../domain/index.js';
import {
  addAnnotation,
  annotationImpact,
  getAnnotation,
  listAnnotations,
  type MetricsEngine,
  parseDateParam,
  removeAnnotation,
} from '../engine/index.js';
import { IMPACT_METRICS } from '../forecast/index.js';
import type { Store } from '../store/index.js';
import {
  arrayOf,
  boolean,
  errors,
  instant,
  integer,
  MAX_PARAM,
  nullableNumber,
  nullableString,
  number,
  object,
  scope,
  scopeParameters,
  string,
} from './schemas.js';
import { engineFor, restrictionOf, scopeFor } from './visibility.js';

const dateOrInstant = (description: string) => ({
  type: 'string',
  minLength: 10,
  maxLength: 40,
  description,
});

const annotation = object(
  {
    id: integer,
    scope,
    at: instant,
    title: string,
    description: nullableString,
    createdAt: instant,
    createdBy: string,
  },
  'A dated note on a scope.',
);

const metricImpact = object({
  before: nullableNumber,
  after: nullableNumber,
  change: nullableNumber,
  interval: { type: ['array', 'null'], items: number, minItems: 2, maxItems: 2 },
  better: { type: 'string', enum: ['lower', 'higher'] },
  verdict: { type: 'string', enum: ['better', 'worse', 'no clear change', 'too little data'] },
});

const windowCounts = object({ items: integer, deployments: integer, days: integer });

const impactDocument = object(
  {
    annotation,
    before: object({ from: instant, to: instant }),
    after: object({ from: instant, to: instant }),
    windowDays: integer,
    seed: integer,
    impact: object({
      metrics: object(Object.fromEntries(IMPACT_METRICS.map((m) => [m, metricImpact]))),
      counts: object({ before: windowCounts, after: windowCounts }),
      summary: arrayOf(string, 'Plain-language sentences: what changed, or why nothing can be said.'),
    }),
  },
  'The same metrics before and after the annotation, with 95 % bootstrap intervals of the changes.',
);

interface ScopeQuerystring {
  readonly team?: string;
  readonly valueStream?: string;
  readonly 'value-stream'?: string;
  readonly portfolio?: string;
}

function toScope(query: ScopeQuerystring) {
  if (query.valueStream !== undefined && query['value-stream'] !== undefined)
    throw new FlowlensError('INVALID_ARGUMENT', 'give valueStream or its alias value-stream, not both');
  return {
    ...(query.team === undefined ? {} : { team: query.team }),
    ...((query.valueStream ?? query['value-stream']) === undefined
      ? {}
      : { valueStream: (query.valueStream ?? query['value-stream']) as string }),
    ...(query.portfolio === undefined ? {} : { portfolio: query.portfolio }),
  };
}

/** Who an annotation is added or removed by: the request's principal (src/auth/plugin.ts). */
function actorName(request: FastifyRequest): string {
  const actor = actorOf(request).trim().slice(0, MAX_PARAM);
  return actor === '' ? 'local' : actor;
}

/**
 * NOT_FOUND, as for an annotation that does not exist, when the request's principal is restricted
 * to a value stream and the annotation is not on it or on one of its teams (an annotation of the
 * whole organisation or of a portfolio is not shown to it either).
 */
async function checkAnnotationVisible(
  request: FastifyRequest,
  engine: MetricsEngine,
  store: Store,
  id: number,
): Promise<void> {
  const valueStream = restrictionOf(request);
  if (valueStream === null) return;
  const annotation = await getAnnotation(store, id);
  const { scope } = annotation;
  let visible = scope.team !== undefined || scope.valueStream !== undefined;
  if (visible) {
    try {
      engine.within(valueStream).resolve(scope);
    } catch (error) {
      if (!isFlowlensError(error) || error.code !== 'NOT_FOUND') throw error;
      visible = false;
    }
  }
  if (!visible) throw new FlowlensError('NOT_FOUND', `there is no annotation ${id}`);
}

export function registerAnnotationRoutes(
  api: FastifyInstance,
  context: { readonly engine: MetricsEngine; readonly store: Store; readonly now: () => number },
): void {
  const { engine, store, now } = context;

  api.get(
    '/annotations',
    {
      schema: {
        summary: 'The annotations shown on a scope’s charts',
        description:
          'The annotations of the scope and of the scopes inside it (a team’s are shown on its value ' +
          'stream’s and portfolio’s charts too), by date; within [from, to) when given.',
        tags: ['annotations'],
        querystring: {
          type: 'object',
          properties: {
            ...scopeParameters,
            from: dateOrInstant('Only from this date (YYYY-MM-DD or ISO 8601).'),
            to: dateOrInstant('Only before this date (YYYY-MM-DD or ISO 8601).'),
          },
          additionalProperties: false,
        },
        response: { 200: object({ annotations: arrayOf(annotation) }), ...errors(400, 500) },
      },
    },
    async (request) => {
      const query = request.query as ScopeQuerystring & { from?: string; to?: string };
      const annotations = await listAnnotations(engineFor(request, engine), store, {
        ...scopeFor(request, toScope(query)),
        ...(query.from === undefined ? {} : { fromMs: parseDateParam('from', query.from) }),
        ...(query.to === undefined ? {} : { toMs: parseDateParam('to', query.to) }),
      });
      return { annotations };
    },
  );

  api.post(
    '/annotations',
    {
      schema: {
        summary: 'Add an annotation',
        description:
          'A dated note on a scope ({} for the whole organisation; for a principal restricted to a value stream, that value ' +
          'stream). It is recorded as added by the signed-in user or token.',
        tags: ['annotations'],
        body: {
          type: 'object',
          properties: {
            scope: {
              type: 'object',
              properties: scopeParameters,
              additionalProperties: false,
              maxProperties: 1,
            },
            at: dateOrInstant('When it happened: YYYY-MM-DD (00:00 UTC) or ISO 8601 with an offset.'),
            title: { type: 'string', minLength: 1, maxLength: 200 },
            description: { type: ['string', 'null'], maxLength: 4000 },
          },
          required: ['at', 'title'],
          additionalProperties: false,
        },
        response: { 201: annotation, ...errors(400, 500) },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        scope?: ScopeQuerystring;
        at: string;
        title: string;
        description?: string | null;
      };
      const created = await addAnnotation(
        engineFor(request, engine),
        store,
        {
          ...scopeFor(request, toScope(body.scope ?? {})),
          atMs: parseDateParam('at', body.at),
          title: body.title,
          description: body.description ?? null,
          actor: actorName(request),
        },
        now,
      );
      return reply.code(201).send(created);
    },
  );

  api.delete(
    '/annotations/:id',
    {
      schema: {
        summary: 'Remove an annotation',
        tags: ['annotations'],
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        response: { 200: object({ removed: boolean }), ...errors(400, 404, 500) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      await checkAnnotationVisible(request, engine, store, id);
      await removeAnnotation(store, id, actorName(request));
      return { removed: true };
    },
  );

  api.get(
    '/annotations/:id/impact',
    {
      schema: {
        summary: 'The impact of an annotation',
        description:
          'Flow time (median, 85th percentile), efficiency, velocity, change failure rate and defect share of ' +
          'the annotation’s scope in `windowDays` days before its date and as many from it, each change with a ' +
          '95 % bootstrap interval and a verdict: better or worse only when the whole interval is on one side, ' +
          '"too little data" under 20 items (10 deployments) in a window.',
        tags: ['annotations'],
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        querystring: {
          type: 'object',
          properties: {
            windowDays: { type: 'integer', minimum: 7, maximum: 730, default: 90 },
            seed: { type: 'integer', minimum: 0, default: 1 },
          },
          additionalProperties: false,
        },
        response: { 200: impactDocument, ...errors(400, 404, 500) },
      },
    },
    async (request) => {
      const query = request.query as { windowDays: number; seed: number };
      const { id } = request.params as { id: number };
      await checkAnnotationVisible(request, engine, store, id);
      return annotationImpact(engineFor(request, engine), store, id, query);
    },
  );
}
