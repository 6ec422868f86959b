/**
 * Improvement items under /api/v1 (src/admin/improvements.ts): made from an insight, in a team's
 * backlog, optionally written back to the team's tracker; listed; moved through their statuses.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  connectorWriteBack,
  createImprovement,
  IMPROVEMENT_STATUSES,
  IMPROVEMENT_TYPES,
  type Improvement,
  type ImprovementType,
  type InsightRef,
  listImprovements,
  listTrackers,
  setImprovementStatus,
} from '../admin/index.js';
import { actorOf } from '../auth/plugin.js';
import type { FlowlensConfig } from '../connectors/index.js';
import { DAY_MS } from '../domain/index.js';
import { type MetricsEngine, parseDateParam } from '../engine/index.js';
import type { Store } from '../store/index.js';
import {
  arrayOf,
  errors,
  instant,
  integer,
  MAX_PARAM,
  nullableString,
  object,
  scope,
  scopeParameters,
  string,
} from './schemas.js';
import { engineFor, refuseRestricted, restrictionOf, scopeFor } from './visibility.js';

const RULES = [
  'new-bottleneck',
  'load-above-range',
  'aging-items',
  'distribution-drift',
  'dora-tier-drop',
  'data-quality-regression',
] as const;

const improvement = object({
  id: integer,
  item: object({ source: string, id: string, url: nullableString }, 'The work item it is.'),
  team: string,
  type: { type: 'string', enum: [...IMPROVEMENT_TYPES] },
  title: string,
  insight: object(
    {
      rule: { type: 'string', enum: [...RULES] },
      subject: nullableString,
      severity: { type: 'string', enum: ['high', 'medium', 'low'] },
      title: string,
      explanation: string,
      evidence: object({
        numbers: { type: 'object', additionalProperties: { type: ['number', 'string', 'null'] } },
        chart: string,
      }),
      action: string,
    },
    'The insight as it was when the item was made.',
  ),
  scope,
  period: object({ from: instant, to: instant }),
  createdAt: instant,
  createdBy: string,
  tracker: {
    oneOf: [object({ source: string, key: string, url: string }), { type: 'null' }],
    description: "The tracker's issue, when written back.",
  },
  status: nullableString,
});

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });

interface CreateBody {
  scope?: { team?: string; valueStream?: string; portfolio?: string };
  rule: InsightRef['rule'];
  subject?: string;
  to?: string;
  periodDays: number;
  baselinePeriods: number;
  type?: ImprovementType;
  team?: string;
  title?: string;
  writeBack?: { source: string; project?: string; repo?: string };
}

/** Where the server is, as the client reached it (for the tracker's link back). */
function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function registerImprovementRoutes(
  api: FastifyInstance,
  context: {
    readonly engine: MetricsEngine;
    readonly store: Store;
    readonly config: FlowlensConfig | null;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly now: () => number;
  },
): void {
  const { engine, store, now } = context;
  const writeBack = connectorWriteBack(context.config, store, { env: context.env, now });

  api.get(
    '/improvements',
    {
      schema: {
        summary: 'Improvement items',
        description: 'The improvement items made from insights, newest first; of one team when given.',
        tags: ['insights'],
        querystring: {
          type: 'object',
          properties: { team: scopeParameters.team },
          additionalProperties: false,
        },
        response: { 200: object({ improvements: arrayOf(improvement) }), ...errors(400, 404, 500) },
      },
    },
    async (request) => {
      const { team } = request.query as { team?: string };
      const visible = engineFor(request, engine);
      if (team !== undefined) visible.resolve({ team });
      let improvements: Improvement[] = await listImprovements(store, team === undefined ? {} : { team });
      if (restrictionOf(request) !== null) {
        const teams = new Set(visible.organisation().teams.map((t) => t.id));
        improvements = improvements.filter((i) => teams.has(i.team));
      }
      return { improvements };
    },
  );

  api.get(
    '/improvements/trackers',
    {
      // The sources and projects of every value stream (docs/security.md, "Value-stream access").
      onRequest: async (request) =>
        refuseRestricted(request, 'The trackers of flowlens.yaml (they serve every value stream)'),
      schema: {
        summary: 'Where improvement items can be written back',
        description:
          'The Jira and GitHub sources of flowlens.yaml, their projects or repositories, and the raw type of each ' +
          'that its mapping counts as debt and as risk (null: none; writing back that type is refused).',
        tags: ['insights'],
        response: {
          200: object({
            trackers: arrayOf(
              object({
                source: string,
                kind: { type: 'string', enum: ['jira', 'github'] },
                projects: arrayOf(string),
                repos: arrayOf(string),
                types: object({ debt: nullableString, risk: nullableString }),
              }),
            ),
          }),
          ...errors(500),
        },
      },
    },
    async () => ({ trackers: await listTrackers(context.config, store) }),
  );

  api.post(
    '/improvements',
    {
      schema: {
        summary: 'Make an improvement item from an insight',
        description:
          'The insight is computed again from the scope and period (as `GET /insights` with the same ' +
          'parameters) and found by its rule and subject; the item (type debt or risk) goes to the ' +
          "scope's team, or to `team`, one of the scope's teams. With `writeBack`, the item is also " +
          'created in that Jira or GitHub source (flowlens.yaml), with a link back to the evidence; the ' +
          'stored item is then the tracker’s issue, which the next sync updates. One item per insight ' +
          'and period (409 otherwise).',
        tags: ['insights'],
        body: {
          type: 'object',
          properties: {
            scope: {
              type: 'object',
              properties: {
                team: scopeParameters.team,
                valueStream: scopeParameters.valueStream,
                portfolio: scopeParameters.portfolio,
              },
              additionalProperties: false,
              maxProperties: 1,
            },
            rule: { type: 'string', enum: [...RULES] },
            subject: {
              ...text(MAX_PARAM),
              description: 'Which of the rule’s insights: its status, DORA metric or check.',
            },
            to: {
              type: 'string',
              minLength: 10,
              maxLength: 40,
              description: 'End of the period (exclusive), as for GET /insights.',
            },
            periodDays: { type: 'integer', minimum: 7, maximum: 366, default: 28 },
            baselinePeriods: { type: 'integer', minimum: 1, maximum: 24, default: 6 },
            type: { type: 'string', enum: [...IMPROVEMENT_TYPES] },
            team: {
              ...scopeParameters.team,
              description: 'The backlog it goes to, when the scope is not a team.',
            },
            title: text(200),
            writeBack: {
              type: 'object',
              properties: {
                source: text(64),
                project: { ...text(64), description: 'The Jira project key (when the source has several).' },
                repo: {
                  ...text(200),
                  description: 'The GitHub repository, owner/repo (when the source has several).',
                },
              },
              required: ['source'],
              additionalProperties: false,
            },
          },
          required: ['rule'],
          additionalProperties: false,
        },
        response: { 201: improvement, ...errors(400, 404, 409, 500, 502) },
      },
    },
    async (request, reply) => {
      const body = request.body as CreateBody;
      const scoped = scopeFor(request, {
        ...(body.scope?.team === undefined ? {} : { team: body.scope.team }),
        ...(body.scope?.valueStream === undefined ? {} : { valueStream: body.scope.valueStream }),
        ...(body.scope?.portfolio === undefined ? {} : { portfolio: body.scope.portfolio }),
      });
      const created = await createImprovement(
        engineFor(request, engine),
        store,
        {
          ...scoped,
          toMs:
            body.to === undefined ? (Math.floor(now() / DAY_MS) + 1) * DAY_MS : parseDateParam('to', body.to),
          periodDays: body.periodDays,
          baselinePeriods: body.baselinePeriods,
          insight: { rule: body.rule, ...(body.subject === undefined ? {} : { subject: body.subject }) },
          ...(body.type === undefined ? {} : { type: body.type }),
          ...(body.team === undefined ? {} : { backlogTeam: body.team }),
          ...(body.title === undefined ? {} : { title: body.title }),
          ...(body.writeBack === undefined ? {} : { writeBack: body.writeBack }),
          actor: actorOf(request),
          baseUrl: baseUrlOf(request),
        },
        writeBack,
        now,
      );
      return reply.code(201).send(created);
    },
  );

  api.patch(
    '/improvements/:id',
    {
      schema: {
        summary: 'Move an improvement item to a status',
        description:
          'For items of the `flowlens` source (a status change recorded as a transition); an item written ' +
          'back to a tracker changes there (409).',
        tags: ['insights'],
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        body: {
          type: 'object',
          properties: { status: { type: 'string', enum: [...IMPROVEMENT_STATUSES] } },
          required: ['status'],
          additionalProperties: false,
        },
        response: { 200: improvement, ...errors(400, 404, 409, 500) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const visible = engineFor(request, engine);
      if (restrictionOf(request) !== null) {
        const [current] = (await listImprovements(store)).filter((i) => i.id === id);
        if (current !== undefined) visible.resolve({ team: current.team });
      }
      return setImprovementStatus(
        visible,
        store,
        id,
        (request.body as { status: string }).status,
        actorOf(request),
        now,
      );
    },
  );
}
