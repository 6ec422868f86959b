/**
 * Insights and allocation targets under /api/v1 (src/engine/insights.ts, src/insights).
 */
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/plugin.js';
import { DAY_MS } from '../domain/index.js';
import {
  type InsightsDocument,
  type InsightsQuery,
  type MetricsEngine,
  parseDateParam,
  scopeInsights,
  setAllocationTarget,
} from '../engine/index.js';
import type { Store } from '../store/index.js';
import {
  arrayOf,
  errors,
  instant,
  integer,
  MAX_PARAM,
  number,
  object,
  scope,
  scopeParameters,
  string,
} from './schemas.js';
import { engineFor, OrgVisibility, restrictionOf, scopeFor } from './visibility.js';

const target = object({ feature: number, defect: number, debtAndRisk: number }, 'Shares that add up to 1.');

const insight = object({
  rule: {
    type: 'string',
    enum: [
      'new-bottleneck',
      'load-above-range',
      'aging-items',
      'distribution-drift',
      'dora-tier-drop',
      'data-quality-regression',
    ],
  },
  severity: { type: 'string', enum: ['high', 'medium', 'low'] },
  title: string,
  explanation: string,
  evidence: object({
    numbers: { type: 'object', additionalProperties: { type: ['number', 'string', 'null'] } },
    chart: { ...string, description: 'The web UI path of the chart that shows it.' },
  }),
  action: string,
});

const insightsDocument = object(
  {
    scope,
    period: object({ from: instant, to: instant }),
    baseline: object({ from: instant, to: instant, periods: integer }),
    target: { oneOf: [target, { type: 'null' }] },
    insights: arrayOf(insight),
  },
  'Findings for the scope, each with its evidence and a recommended action, most severe first.',
);

interface InsightsQuerystring {
  readonly team?: string;
  readonly valueStream?: string;
  readonly 'value-stream'?: string;
  readonly portfolio?: string;
  readonly to?: string;
  readonly periodDays: number;
  readonly baselinePeriods: number;
}

/**
 * Insights kept per question and recomputed after every refresh (an import, a webhook, a mapping
 * change): the default question (the 28 days to tomorrow against the 6 periods before) of every
 * team, value stream, portfolio and the organisation is computed in the background right after the
 * refresh, so they are ready when asked; other questions are computed when asked and kept until the
 * next refresh.
 */
export class InsightsCache {
  private readonly answers = new Map<string, Promise<InsightsDocument>>();
  private generation = 0;

  constructor(
    private readonly engine: MetricsEngine,
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /**
   * The insights of a question; `valueStream` restricts the scopes to a value stream
   * (`MetricsEngine.within`). A restricted question about the value stream itself is the same as
   * the unrestricted one and shares its answer.
   */
  get(query: InsightsQuery, valueStream: string | null = null): Promise<InsightsDocument> {
    const restriction =
      valueStream === null ||
      (query.valueStream === valueStream && query.team === undefined && query.portfolio === undefined)
        ? null
        : valueStream;
    const key = JSON.stringify([
      restriction,
      query.team,
      query.valueStream,
      query.portfolio,
      query.toMs,
      query.periodDays,
      query.baselinePeriods,
    ]);
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = scopeInsights(
        restriction === null ? this.engine : this.engine.within(restriction),
        this.store,
        query,
      );
      this.answers.set(key, answer);
      // A failed question is not kept.
      answer.catch(() => this.answers.delete(key));
    }
    return answer;
  }

  /** Forgets every answer, and stops a recomputation under way. */
  forget(): void {
    this.answers.clear();
    this.generation++;
  }

  /** Forgets every answer and computes the default ones again, one scope at a time. */
  async recompute(): Promise<number> {
    this.answers.clear();
    const generation = ++this.generation;
    const org = this.engine.organisation();
    const scopes = [
      {},
      ...org.portfolios.map((p) => ({ portfolio: p.id })),
      ...org.valueStreams.map((v) => ({ valueStream: v.id })),
      ...org.teams.map((t) => ({ team: t.id })),
    ];
    const toMs = (Math.floor(this.now() / DAY_MS) + 1) * DAY_MS;
    let done = 0;
    for (const scope of scopes) {
      // Yield between scopes, and stop if another refresh started over.
      await new Promise((resolve) => setImmediate(resolve));
      if (generation !== this.generation) return done;
      await this.get({ ...scope, toMs, periodDays: 28, baselinePeriods: 6 }).catch(() => undefined);
      done++;
    }
    return done;
  }
}

/** How long refreshes must pause before the default insights are computed again. */
const RECOMPUTE_QUIET_MS = 1000;

export function registerInsightRoutes(
  api: FastifyInstance,
  context: { readonly engine: MetricsEngine; readonly store: Store; readonly now: () => number },
): InsightsCache {
  const { engine, store, now } = context;
  const cache = new InsightsCache(engine, store, now);
  // Every answer is forgotten at each refresh (none is ever stale); the default ones are computed
  // again once refreshes pause for RECOMPUTE_QUIET_MS, not after each one: under a stream of webhook
  // deliveries (a refresh each) recomputing after every refresh took the server's whole CPU
  // (docs/operations.md, Load). A question asked meanwhile is computed when asked.
  let pending: NodeJS.Timeout | null = null;
  const stop = engine.onRefresh(() => {
    cache.forget();
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = null;
      void cache.recompute();
    }, RECOMPUTE_QUIET_MS);
    pending.unref();
  });
  api.addHook('onClose', async () => {
    stop();
    if (pending !== null) clearTimeout(pending);
  });
  api.get(
    '/insights',
    {
      schema: {
        summary: 'Insights for a scope',
        description:
          'The rules of docs/insights.md over the period ending at `to` (default: tomorrow, UTC) and the ' +
          'equal periods before it: a new bottleneck, load above its usual range, items aging past the ' +
          '85th percentile, distribution drifting from the allocation target, a DORA tier drop, a ' +
          'data-quality regression. Each with its numbers, the chart that shows them and an action.',
        tags: ['insights'],
        querystring: {
          type: 'object',
          properties: {
            ...scopeParameters,
            to: {
              type: 'string',
              minLength: 10,
              maxLength: 40,
              description: 'End of the period (exclusive).',
            },
            periodDays: { type: 'integer', minimum: 7, maximum: 366, default: 28 },
            baselinePeriods: { type: 'integer', minimum: 1, maximum: 24, default: 6 },
          },
          additionalProperties: false,
        },
        response: { 200: insightsDocument, ...errors(400, 500) },
      },
    },
    async (request) => {
      const q = request.query as InsightsQuerystring;
      const valueStream = q.valueStream ?? q['value-stream'];
      const scope = scopeFor(request, {
        ...(q.team === undefined ? {} : { team: q.team }),
        ...(valueStream === undefined ? {} : { valueStream }),
        ...(q.portfolio === undefined ? {} : { portfolio: q.portfolio }),
      });
      return cache.get(
        {
          ...scope,
          toMs: q.to === undefined ? (Math.floor(now() / DAY_MS) + 1) * DAY_MS : parseDateParam('to', q.to),
          periodDays: q.periodDays,
          baselinePeriods: q.baselinePeriods,
        },
        restrictionOf(request),
      );
    },
  );
  api.put(
    '/teams/:team/allocation-target',
    {
      schema: {
        summary: "Set a team's capacity-allocation target",
        description:
          'Shares of features, defects, and debt and risk together, adding up to 1 (e.g. 0.6, 0.2, 0.2).',
        tags: ['insights'],
        params: {
          type: 'object',
          properties: { team: { type: 'string', minLength: 1, maxLength: MAX_PARAM } },
          required: ['team'],
        },
        body: {
          type: 'object',
          properties: {
            feature: { type: 'number', minimum: 0, maximum: 1 },
            defect: { type: 'number', minimum: 0, maximum: 1 },
            debtAndRisk: { type: 'number', minimum: 0, maximum: 1 },
          },
          required: ['feature', 'defect', 'debtAndRisk'],
          additionalProperties: false,
        },
        response: { 200: target, ...errors(400, 500) },
      },
    },
    async (request) => {
      const { team } = request.params as { team: string };
      const restriction = restrictionOf(request);
      // A restricted editor sets the targets of the teams in its value stream now, nothing else.
      if (restriction !== null) (await OrgVisibility.load(store, restriction)).check('team', team);
      const actor = actorOf(request).trim().slice(0, MAX_PARAM);
      const saved = await setAllocationTarget(
        engineFor(request, engine),
        store,
        team,
        request.body as { feature: number; defect: number; debtAndRisk: number },
        actor === '' ? 'local' : actor,
        now,
      );
      // The team's drift insights change with it.
      void cache.recompute();
      return saved;
    },
  );
  return cache;
}
