/**
 * The routes under `/api/v1` that the web UI uses beyond the metrics, the series and the item:
 * trends, time per status, completed items, the item list, the items behind data quality, and the
 * time the data covers. The figures come from src/engine/views.ts, by the rules of the metrics.
 */
import type { FastifyInstance } from 'fastify';
import type { FlowType } from '../domain/index.js';
import { FlowlensError } from '../domain/index.js';
import {
  completedItems,
  dataExtent,
  dataQualityItems,
  flowTrend,
  type ItemSort,
  type ItemStateFilter,
  listItems,
  type MetricsEngine,
  parseDateParam,
  statusTimes,
  type TrendBucket,
} from '../engine/index.js';
import type { Store } from '../store/index.js';
import { type MetricsQuerystring, toMetricsQuery } from './routes.js';
import {
  completedQuerySchema,
  itemListQuerySchema,
  periodScopeQuerySchema,
  scopeQuerySchema,
  trendQuerySchema,
  uiResponses,
} from './ui-schemas.js';
import { engineFor, scopeFor } from './visibility.js';

export interface UiRouteContext {
  readonly store: Store;
  readonly engine: MetricsEngine;
  /** The clock for ages in the item list (tests fix it). */
  readonly now: () => number;
}

interface ScopeQuerystring {
  readonly team?: string;
  readonly valueStream?: string;
  readonly 'value-stream'?: string;
  readonly portfolio?: string;
}

interface ItemListQuerystring extends ScopeQuerystring {
  readonly state?: ItemStateFilter;
  readonly flowType?: FlowType;
  readonly status?: string;
  readonly q?: string;
  readonly sort: ItemSort;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
  readonly asOf?: string;
}

/** One scope at most; `value-stream` is an alias of `valueStream`, as for GET /metrics. */
function toScope(query: ScopeQuerystring) {
  if (query.valueStream !== undefined && query['value-stream'] !== undefined)
    throw new FlowlensError('INVALID_ARGUMENT', 'give valueStream or its alias value-stream, not both');
  const scope = {
    team: query.team,
    valueStream: query.valueStream ?? query['value-stream'],
    portfolio: query.portfolio,
  };
  const given = Object.entries(scope).filter(([, value]) => value !== undefined);
  if (given.length > 1)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `give one scope at most: ${given.map(([key]) => key).join(' and ')} were ${given.length === 2 ? 'both' : 'all'} given`,
    );
  return scope;
}

export function registerUiRoutes(api: FastifyInstance, context: UiRouteContext): void {
  const { engine, store } = context;

  api.get(
    '/metrics/trend',
    {
      schema: {
        summary: 'Flow metrics per week or month',
        description:
          'The flow metrics of each week or calendar month of the period (ISO weeks and months in UTC, or those ' +
          "of the organisation's calendar, GET /settings/calendar; the first and last clipped to " +
          'the period). Each bucket holds exactly what GET /metrics answers for the bucket as its period.',
        tags: ['metrics'],
        querystring: trendQuerySchema,
        response: uiResponses.trend,
      },
    },
    async (request) => {
      const query = request.query as MetricsQuerystring & { bucket: TrendBucket };
      return flowTrend(engineFor(request, engine), {
        ...scopeFor(request, toMetricsQuery(query)),
        bucket: query.bucket,
      });
    },
  );

  api.get(
    '/metrics/statuses',
    {
      schema: {
        summary: 'Time per status of the items completed in the period',
        description:
          'For the value stream map: each status the completed items passed through, with its stage and ' +
          'state, the time spent in it between creation and completion, the items, and its position in ' +
          'the flow. The waiting statuses agree with `waitByStatus` of GET /metrics.',
        tags: ['metrics'],
        querystring: periodScopeQuerySchema,
        response: uiResponses.statuses,
      },
    },
    async (request) =>
      statusTimes(
        engineFor(request, engine),
        scopeFor(request, toMetricsQuery(request.query as MetricsQuerystring)),
      ),
  );

  api.get(
    '/metrics/completed',
    {
      schema: {
        summary: 'The items completed in the period, with their flow times',
        description:
          'For the cycle-time scatter: each completed item with its completion instant and flow and lead ' +
          'times, and the 50th, 85th and 95th percentiles of the flow times (p50 and p85 equal the flow ' +
          'time median and p85 of GET /metrics).',
        tags: ['metrics'],
        querystring: completedQuerySchema,
        response: uiResponses.completed,
      },
    },
    async (request) => {
      const query = request.query as MetricsQuerystring & { limit: number };
      return completedItems(engineFor(request, engine), {
        ...scopeFor(request, toMetricsQuery(query)),
        limit: query.limit,
      });
    },
  );

  api.get(
    '/items',
    {
      schema: {
        summary: "A scope's work items, filtered and sorted",
        description:
          'The work items of a team, value stream or portfolio (or all) as they are now, filtered by ' +
          'current state, flow type, current status and text (id or title), sorted and paged. `byState` and ' +
          '`byStatus` count the items for the filter controls.',
        tags: ['items'],
        querystring: itemListQuerySchema,
        response: uiResponses.items,
      },
    },
    async (request) => {
      const query = request.query as ItemListQuerystring;
      return await listItems(engineFor(request, engine), store.db, {
        ...scopeFor(request, toScope(query)),
        state: query.state,
        flowType: query.flowType,
        status: query.status,
        q: query.q,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        offset: query.offset,
        asOfMs: query.asOf === undefined ? context.now() : parseDateParam('asOf', query.asOf),
      });
    },
  );

  api.get(
    '/data-quality/items',
    {
      schema: {
        summary: 'The work items behind the data-quality counts',
        description:
          'Per source, each unmapped status and type with its item count and example items; items with no ' +
          'team, status disagreements and changes before creation, with examples. Over all the history of ' +
          "the scope's items, like the counts of GET /metrics.",
        tags: ['metrics'],
        querystring: scopeQuerySchema,
        response: uiResponses.dataQuality,
      },
    },
    async (request) =>
      dataQualityItems(
        engineFor(request, engine),
        scopeFor(request, toScope(request.query as ScopeQuerystring)),
      ),
  );

  api.get(
    '/extent',
    {
      schema: {
        summary: 'The time the data covers',
        description:
          'The first and last instant of work-item activity; the UI sets its default period by it.',
        tags: ['metrics'],
        response: uiResponses.extent,
      },
    },
    async (request) => dataExtent(engineFor(request, engine)),
  );
}
