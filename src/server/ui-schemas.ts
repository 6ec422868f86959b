/**
 * JSON Schemas of the routes the web UI uses beyond the metrics (ui-routes.ts): their parameters,
 * which Fastify validates, and their responses, which the OpenAPI document shows and the tests
 * check every answer against.
 */
import { FLOW_TYPES, STATES } from '../domain/index.js';
import { ITEM_SORTS, ITEM_STATES } from '../engine/index.js';
import {
  arrayOf,
  countByType,
  durationSummary,
  errors,
  instant,
  integer,
  MAX_PARAM,
  nullableInstant,
  nullableNumber,
  nullableString,
  number,
  object,
  period,
  periodParameters,
  scope,
  scopeParameters,
  sharesByType,
  stageShares,
  string,
} from './schemas.js';

// ── Parameters ──────────────────────────────────────────────────────────────────────────────────

export const trendQuerySchema = {
  type: 'object',
  properties: {
    ...periodParameters,
    ...scopeParameters,
    bucket: {
      type: 'string',
      enum: ['week', 'month'],
      default: 'week',
      description:
        "Weeks (ISO weeks from Monday in UTC by default, else the organisation's calendar) or calendar " +
        'months; the first and last are clipped to the period.',
    },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

export const periodScopeQuerySchema = {
  type: 'object',
  properties: { ...periodParameters, ...scopeParameters },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

export const DEFAULT_COMPLETED_LIMIT = 20_000;
export const MAX_COMPLETED_LIMIT = 200_000;

export const completedQuerySchema = {
  type: 'object',
  properties: {
    ...periodParameters,
    ...scopeParameters,
    limit: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_COMPLETED_LIMIT,
      default: DEFAULT_COMPLETED_LIMIT,
      description: `How many items to return, in completion order (default ${DEFAULT_COMPLETED_LIMIT}).`,
    },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

export const scopeQuerySchema = {
  type: 'object',
  properties: { ...scopeParameters },
  additionalProperties: false,
} as const;

export const MAX_ITEM_PAGE = 500;

export const itemListQuerySchema = {
  type: 'object',
  properties: {
    ...scopeParameters,
    state: {
      type: 'string',
      enum: ITEM_STATES,
      description: 'Only items whose current state is this; `in-progress` is waiting or active.',
    },
    flowType: { type: 'string', enum: FLOW_TYPES, description: 'Only items of this flow type.' },
    status: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_PARAM,
      description: 'Only items whose current status is this.',
    },
    q: {
      type: 'string',
      maxLength: 200,
      description: 'Only items whose id or title contains this text, in any case.',
    },
    sort: {
      type: 'string',
      enum: ITEM_SORTS,
      default: 'age',
      description:
        'age (of items in progress), completedAt, createdAt, flowTime or id; items without the value come last.',
    },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_ITEM_PAGE, default: 50 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
    asOf: {
      type: 'string',
      maxLength: 100,
      description: 'The instant ages are taken at (YYYY-MM-DD or ISO 8601); default now.',
    },
  },
  additionalProperties: false,
} as const;

// ── Responses ───────────────────────────────────────────────────────────────────────────────────

const trendDocumentSchema = object(
  {
    period,
    scope,
    bucket: { type: 'string', enum: ['week', 'month'] },
    buckets: arrayOf(
      object({
        from: instant,
        to: instant,
        velocity: object({ total: integer, byType: countByType }),
        flowTime: durationSummary('Flow time of the items completed in the bucket'),
        leadTime: durationSummary('Lead time of the items completed in the bucket'),
        efficiency: nullableNumber,
        load: object({ average: nullableNumber, atEnd: integer }),
        distribution: sharesByType,
        stages: stageShares,
      }),
      'One entry per week or month; each holds the flow metrics of GET /metrics for [from, to).',
    ),
  },
  'Flow metrics per week or month of the period.',
);

const statusTimesDocumentSchema = object(
  {
    period,
    scope,
    completed: { ...integer, description: 'Items completed in the period.' },
    leadTimeSeconds: {
      ...number,
      description: 'Σ lead time of those items (the denominator of the stage shares).',
    },
    statuses: arrayOf(
      object({
        status: string,
        stage: { type: 'string', enum: ['ideate', 'create', 'release', 'operate', 'unmapped'] },
        state: { type: 'string', enum: STATES },
        seconds: {
          ...number,
          description: 'Time the completed items spent in it, between creation and completion.',
        },
        items: { ...integer, description: 'Completed items that spent time in it.' },
        position: {
          ...number,
          description:
            'Mean of (first entry − created) / lead time over those items: 0 at creation, 1 at completion.',
        },
      }),
      'By stage, then by position: the order of the flow.',
    ),
  },
  'Where the time of the items completed in the period went, status by status.',
);

const completedDocumentSchema = object(
  {
    period,
    scope,
    total: integer,
    percentiles: object(
      { p50: nullableNumber, p85: nullableNumber, p95: nullableNumber },
      'Nearest-rank percentiles of the flow times, in seconds.',
    ),
    items: arrayOf(
      object({
        source: string,
        id: string,
        flowType: { type: 'string', enum: FLOW_TYPES },
        completedAt: instant,
        flowTime: number,
        leadTime: number,
      }),
      'In completion order, at most `limit`.',
    ),
  },
  'The items completed in the period with their flow times.',
);

const itemListDocumentSchema = object(
  {
    scope,
    asOf: instant,
    total: { ...integer, description: 'Items that pass every filter (before paging).' },
    byState: object(
      Object.fromEntries(STATES.map((s) => [s, integer])),
      'Items per current state, with every filter but `state`.',
    ),
    byStatus: arrayOf(
      object({ status: string, items: integer }),
      'Items per current status, with every filter but `status`.',
    ),
    items: arrayOf(
      object({
        source: string,
        id: string,
        title: nullableString,
        type: nullableString,
        team: nullableString,
        flowType: { type: 'string', enum: FLOW_TYPES },
        status: string,
        state: { type: 'string', enum: STATES },
        stage: string,
        createdAt: instant,
        startedAt: nullableInstant,
        completedAt: nullableInstant,
        flowTime: { ...nullableNumber, description: 'Seconds, when complete.' },
        age: { ...nullableNumber, description: 'Seconds since started at `asOf`, while in progress.' },
      }),
    ),
  },
  "A page of a scope's work items as they are now.",
);

const itemRef = object({ source: string, id: string });
const itemExamples = object(
  { count: integer, examples: arrayOf(itemRef, 'Up to 10, the smallest ids.') },
  'How many items, and examples.',
);

const dataQualityItemsDocumentSchema = object(
  {
    scope,
    unmappedStatuses: arrayOf(
      object({ source: string, status: string, items: integer, examples: arrayOf(itemRef) }),
    ),
    unmappedTypes: arrayOf(
      object({ source: string, type: string, items: integer, examples: arrayOf(itemRef) }),
    ),
    itemsWithoutTeam: itemExamples,
    statusDisagreements: itemExamples,
    changesBeforeCreation: itemExamples,
  },
  'The work items behind the item-level data-quality counts of GET /metrics.',
);

const extentDocumentSchema = object(
  {
    items: integer,
    firstActivity: nullableInstant,
    lastActivity: nullableInstant,
  },
  'The first and last instant of work-item activity (creation, status change, completion); null without items.',
);

export const uiResponses = {
  trend: { 200: trendDocumentSchema, ...errors(400, 500) },
  statuses: { 200: statusTimesDocumentSchema, ...errors(400, 500) },
  completed: { 200: completedDocumentSchema, ...errors(400, 500) },
  items: { 200: itemListDocumentSchema, ...errors(400, 500) },
  dataQuality: { 200: dataQualityItemsDocumentSchema, ...errors(400, 500) },
  extent: { 200: extentDocumentSchema, ...errors(500) },
};
