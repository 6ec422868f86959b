/**
 * `GET /api/v1/forecast/when` and `/forecast/how-many`: the Monte Carlo forecasts of
 * `flowlens forecast` (src/engine/forecast.ts), same parameters, same JSON.
 */
import type { FastifyInstance } from 'fastify';
import { DAY_MS, FlowlensError } from '../domain/index.js';
import {
  DEFAULT_HISTORY_DAYS,
  DEFAULT_SEED,
  type ForecastQuery,
  forecastHowManyFor,
  forecastWhenFor,
  type MetricsEngine,
  parseDateParam,
  parseExcludedDays,
} from '../engine/index.js';
import { FORECAST_PERCENTILES } from '../forecast/index.js';
import {
  arrayOf,
  day,
  errors,
  integer,
  MAX_PARAM,
  nullableString,
  number,
  object,
  scope,
  scopeParameters,
} from './schemas.js';
import { engineFor, scopeFor } from './visibility.js';

const dateParameter = (description: string) => ({
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description,
});

const commonParameters = {
  ...scopeParameters,
  from: dateParameter('The first day forecast, YYYY-MM-DD (UTC); default today.'),
  historyDays: {
    type: 'integer',
    minimum: 1,
    maximum: 3660,
    default: DEFAULT_HISTORY_DAYS,
    description: 'Days of history sampled: the whole UTC days before `from`.',
  },
  exclude: {
    type: 'string',
    maxLength: MAX_PARAM,
    description:
      'History days that are not representative: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, comma-separated.',
  },
  seed: { type: 'integer', minimum: 0, default: DEFAULT_SEED, description: 'Seed of the random draws.' },
  trials: {
    type: 'integer',
    minimum: 1,
    maximum: 100_000,
    default: 10_000,
    description: 'Number of trials.',
  },
} as const;

const whenQuerySchema = {
  type: 'object',
  properties: {
    ...commonParameters,
    items: { type: 'integer', minimum: 1, maximum: 10_000_000, description: 'How many items.' },
  },
  required: ['items'],
  additionalProperties: false,
} as const;

const howManyQuerySchema = {
  type: 'object',
  properties: {
    ...commonParameters,
    by: dateParameter('The last day forecast, YYYY-MM-DD (UTC), counted to its end.'),
  },
  required: ['by'],
  additionalProperties: false,
} as const;

const percentileKeys = (value: unknown) =>
  object(Object.fromEntries(FORECAST_PERCENTILES.map((p) => [String(p), value])));

const history = object(
  {
    from: day,
    to: day,
    days: integer,
    excludedDays: arrayOf(day),
    sampledDays: integer,
    completed: integer,
    perDay: number,
  },
  'The history window sampled: its first and last day, the days excluded, and the items completed.',
);

const whenDocument = object(
  {
    question: { type: 'string', enum: ['when'] },
    scope,
    items: integer,
    from: day,
    percentiles: {
      ...percentileKeys(nullableString),
      description:
        'Per percentile, the date by which that share of trials is done (null: not within 10 years).',
    },
    histogram: arrayOf(object({ date: day, trials: integer }), 'Trials done on each date.'),
    notDone: integer,
    trials: integer,
    seed: integer,
    history,
  },
  'When will N items be done?',
);

const howManyDocument = object(
  {
    question: { type: 'string', enum: ['how-many'] },
    scope,
    from: day,
    by: day,
    days: integer,
    percentiles: {
      ...percentileKeys(integer),
      description: 'Per percentile, the count that share of trials reaches or exceeds by the end of `by`.',
    },
    histogram: arrayOf(object({ count: integer, trials: integer }), 'Trials ending at each count.'),
    trials: integer,
    seed: integer,
    history,
  },
  'How many items will be done by a date?',
);

interface ForecastQuerystring {
  readonly team?: string;
  readonly valueStream?: string;
  readonly 'value-stream'?: string;
  readonly portfolio?: string;
  readonly from?: string;
  readonly historyDays: number;
  readonly exclude?: string;
  readonly seed: number;
  readonly trials: number;
}

function toForecastQuery(query: ForecastQuerystring, now: () => number): ForecastQuery {
  if (query.valueStream !== undefined && query['value-stream'] !== undefined)
    throw new FlowlensError('INVALID_ARGUMENT', 'give valueStream or its alias value-stream, not both');
  const valueStream = query.valueStream ?? query['value-stream'];
  const given = [query.team, valueStream, query.portfolio].filter((v) => v !== undefined);
  if (given.length > 1)
    throw new FlowlensError('INVALID_ARGUMENT', 'give one scope at most: team, valueStream or portfolio');
  return {
    fromMs:
      query.from === undefined ? Math.floor(now() / DAY_MS) * DAY_MS : parseDateParam('from', query.from),
    ...(query.team === undefined ? {} : { team: query.team }),
    ...(valueStream === undefined ? {} : { valueStream }),
    ...(query.portfolio === undefined ? {} : { portfolio: query.portfolio }),
    historyDays: query.historyDays,
    ...(query.exclude === undefined ? {} : { excludeDays: parseExcludedDays('exclude', query.exclude) }),
    seed: query.seed,
    trials: query.trials,
  };
}

export function registerForecastRoutes(
  api: FastifyInstance,
  context: { readonly engine: MetricsEngine; readonly now: () => number },
): void {
  const { engine, now } = context;
  api.get(
    '/forecast/when',
    {
      schema: {
        summary: 'When will N items be done? (Monte Carlo)',
        description:
          "10,000 trials (by default) sampling the scope's daily throughput over the history window. A " +
          "trial's answer is the first day at whose end it reaches `items`; the p-th percentile is the date " +
          'by which p % of trials are done. Deterministic for a seed. As `flowlens forecast when --json`.',
        tags: ['forecast'],
        querystring: whenQuerySchema,
        response: { 200: whenDocument, ...errors(400, 500) },
      },
    },
    async (request) => {
      const query = request.query as ForecastQuerystring & { items: number };
      return forecastWhenFor(engineFor(request, engine), {
        ...scopeFor(request, toForecastQuery(query, now)),
        items: query.items,
      });
    },
  );
  api.get(
    '/forecast/how-many',
    {
      schema: {
        summary: 'How many items will be done by a date? (Monte Carlo)',
        description:
          "10,000 trials (by default) sampling the scope's daily throughput over the history window, from " +
          '`from` to the end of `by`; the p-th percentile is the count that p % of trials reach or exceed. ' +
          'Deterministic for a seed. As `flowlens forecast how-many --json`.',
        tags: ['forecast'],
        querystring: howManyQuerySchema,
        response: { 200: howManyDocument, ...errors(400, 500) },
      },
    },
    async (request) => {
      const query = request.query as ForecastQuerystring & { by: string };
      return forecastHowManyFor(engineFor(request, engine), {
        ...scopeFor(request, toForecastQuery(query, now)),
        byMs: parseDateParam('by', query.by),
      });
    },
  );
}
