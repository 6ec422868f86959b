/**
 * `GET /api/v1/metrics/predictability`: flow predictability of a scope — the sprints of its teams
 * that close in the period, planned against delivered, and the summary across them
 * (src/engine/predictability.ts). Same parameters and JSON as `flowlens predictability --json`. A
 * principal restricted to a value stream sees only its teams' sprints (see visibility.ts).
 */
import type { FastifyInstance } from 'fastify';
import { type MetricsEngine, predictabilityFor } from '../engine/index.js';
import type { Store } from '../store/index.js';
import { type MetricsQuerystring, toMetricsQuery } from './routes.js';
import {
  arrayOf,
  errors,
  instant,
  integer,
  metricsQuerySchema,
  nullableInstant,
  nullableNumber,
  nullableString,
  number,
  object,
  period,
  scope,
  string,
} from './schemas.js';
import { engineFor, scopeFor } from './visibility.js';

const band = object(
  { low: number, high: number },
  'The band of ratios called predictable: 0.8 to 1 (80 % to 100 % of the plan delivered).',
);

const sprintSchema = object(
  {
    source: string,
    id: string,
    name: string,
    team: { ...nullableString, description: 'The sprint’s team, or the team most of its items belong to.' },
    state: { ...nullableString, description: 'future, active or closed, as the source says.' },
    start: instant,
    end: { ...instant, description: 'The planned end.' },
    completedAt: nullableInstant,
    closedAt: { ...instant, description: 'When the sprint is measured: completedAt, else end.' },
    goal: nullableString,
    planned: { ...integer, description: 'Items in the sprint at its start, not already complete.' },
    added: { ...integer, description: 'Items that joined after the start (scope added).' },
    removed: { ...integer, description: 'Planned or added items taken out before the close.' },
    delivered: { ...integer, description: 'Planned items complete by the close and not removed.' },
    completed: { ...integer, description: 'Delivered plus added items completed in the sprint.' },
    notDelivered: { ...integer, description: 'Planned items neither delivered nor removed.' },
    doneBeforeStart: { ...integer, description: 'Items already complete at the start (not planned).' },
    excluded: { ...integer, description: 'Members left out: containers, or items not imported.' },
    ratio: { ...nullableNumber, description: 'delivered ÷ planned; null when nothing was planned.' },
    completionRatio: {
      ...nullableNumber,
      description: 'completed ÷ planned; null when nothing was planned.',
    },
  },
  'One sprint, planned against delivered.',
);

const summarySchema = object(
  {
    sprints: integer,
    measured: { ...integer, description: 'Sprints with something planned (a ratio).' },
    meanRatio: nullableNumber,
    medianRatio: nullableNumber,
    minRatio: nullableNumber,
    maxRatio: nullableNumber,
    inBand: { ...integer, description: 'Measured sprints whose ratio is within the band.' },
    band,
    planned: integer,
    delivered: integer,
    added: integer,
    removed: integer,
  },
  'Across the sprints: the ratios’ mean, median and range, and how many are in the band.',
);

export const predictabilityDocumentSchema = object(
  {
    period,
    scope,
    band,
    sprints: arrayOf(sprintSchema, 'Sprints that close in the period, by close.'),
    summary: summarySchema,
  },
  'Flow predictability: planned against delivered per sprint.',
);

export function registerPredictabilityRoutes(
  api: FastifyInstance,
  context: { readonly engine: MetricsEngine; readonly store: Store },
): void {
  const { engine, store } = context;
  api.get(
    '/metrics/predictability',
    {
      schema: {
        summary: 'Flow predictability: planned against delivered per sprint',
        description:
          "The sprints (or planning intervals) of the scope's teams that close in [from, to) — closed, or " +
          'planned to end when not closed — each with the items planned at its start, added, removed and ' +
          'delivered, the ratio delivered ÷ planned, and the mean and median ratio across them with how ' +
          'many are within the 80–100 % band. Sprints come from sources that have them (the `sprint` ' +
          'record, the Jira connector); none: an empty list. As `flowlens predictability --json`.',
        tags: ['metrics'],
        querystring: metricsQuerySchema,
        response: { 200: predictabilityDocumentSchema, ...errors(400, 404, 500) },
      },
    },
    async (request) =>
      predictabilityFor(
        store,
        engineFor(request, engine),
        scopeFor(request, toMetricsQuery(request.query as MetricsQuerystring)),
      ),
  );
}
