/**
 * JSON Schemas of the API: the parameters Fastify validates, and the responses, which document the
 * API in the OpenAPI document (`GET /api/v1/openapi.json`). Responses are serialised with
 * `JSON.stringify`, not from these schemas, so a response is exactly what the engine returned; the
 * tests check every response against its schema, so the document stays true.
 */
import { FLOW_TYPES, STAGES, STATES } from '../domain/index.js';

/** The longest a query or path parameter may be. */
export const MAX_PARAM = 1000;

export const string = { type: 'string' } as const;
export const nullableString = { type: ['string', 'null'] } as const;
export const integer = { type: 'integer', minimum: 0 } as const;
export const number = { type: 'number' } as const;
export const nullableNumber = { type: ['number', 'null'] } as const;
export const boolean = { type: 'boolean' } as const;
export const instant = { type: 'string', format: 'date-time' } as const;
export const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
export const day = { type: 'string', format: 'date' } as const;

export function object(
  properties: Record<string, unknown>,
  description?: string,
  optional: readonly string[] = [],
) {
  const required = Object.keys(properties).filter((key) => !optional.includes(key));
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties,
    // OpenAPI 3.0 does not allow an empty `required`.
    ...(required.length === 0 ? {} : { required }),
  };
}

export function record(keys: readonly string[], value: unknown, description?: string) {
  return object(Object.fromEntries(keys.map((k) => [k, value])), description);
}

export function arrayOf(items: unknown, description?: string) {
  return { type: 'array', ...(description === undefined ? {} : { description }), items };
}

// ── Errors ──────────────────────────────────────────────────────────────────────────────────────

export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'BAD_GATEWAY',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof ERROR_CODES)[number];

export const errorSchema = {
  ...object(
    {
      error: object({
        code: { type: 'string', enum: ERROR_CODES },
        message: { type: 'string', description: 'What is wrong; names the parameter at fault.' },
      }),
    },
    'An error. No stack trace is ever included.',
  ),
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter is missing or invalid (code INVALID_ARGUMENT); the message names it.',
  404: 'Not found (code NOT_FOUND).',
  409: 'It exists already, or the change clashes with what is there (code CONFLICT); the message says what.',
  413: 'The request body is larger than the server accepts (code PAYLOAD_TOO_LARGE); nothing was imported.',
  415: 'The request body has a content type this route does not take (code UNSUPPORTED_MEDIA_TYPE).',
  401: 'No valid credentials (code UNAUTHENTICATED): sign in, or send `Authorization: Bearer <token>`.',
  403: 'Signed in, but the role or value stream does not allow this, or the CSRF token is missing (code FORBIDDEN).',
  429: 'Too many requests (code RATE_LIMITED); the Retry-After header says when to try again.',
  500: 'An unexpected error (code INTERNAL); the server log has the details.',
  502: "A tool's API (Jira, GitHub, …) refused or failed the request Flowlens made for it (code BAD_GATEWAY); the message names the tool and what it answered.",
  503: 'The database cannot take the change now (locked, disk full, unreachable; code SERVICE_UNAVAILABLE); nothing was changed: retry after the seconds in the Retry-After header.',
};

export const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { ...errorSchema, description: ERROR_DESCRIPTIONS[status] ?? 'An error.' },
    ]),
  );

// ── Parameters ──────────────────────────────────────────────────────────────────────────────────

const DATE_HELP = 'YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset';

export const scopeParameters = {
  team: {
    type: 'string',
    minLength: 1,
    maxLength: MAX_PARAM,
    description: 'Only this team (at most one of team, valueStream and portfolio).',
  },
  valueStream: {
    type: 'string',
    minLength: 1,
    maxLength: MAX_PARAM,
    description: "Only this value stream's teams.",
  },
  'value-stream': {
    type: 'string',
    minLength: 1,
    maxLength: MAX_PARAM,
    description: 'Alias of valueStream, as the command line spells it.',
  },
  portfolio: {
    type: 'string',
    minLength: 1,
    maxLength: MAX_PARAM,
    description: "Only this portfolio's value streams.",
  },
} as const;

export const periodParameters = {
  from: {
    type: 'string',
    maxLength: 100,
    description: `Start of the period, included: ${DATE_HELP}.`,
    examples: ['2025-01-06'],
  },
  to: {
    type: 'string',
    maxLength: 100,
    description: `End of the period, excluded: ${DATE_HELP}.`,
    examples: ['2025-04-07'],
  },
} as const;

export const metricsQuerySchema = {
  type: 'object',
  properties: { ...periodParameters, ...scopeParameters },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

export const DEFAULT_AGING_LIMIT = 200;
export const MAX_AGING_LIMIT = 100_000;

export const seriesQuerySchema = {
  type: 'object',
  properties: {
    ...periodParameters,
    ...scopeParameters,
    aging: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_AGING_LIMIT,
      default: DEFAULT_AGING_LIMIT,
      description: `How many items of \`aging\` to return, oldest first (default ${DEFAULT_AGING_LIMIT}).`,
    },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

export const itemParamsSchema = {
  type: 'object',
  properties: {
    source: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_PARAM,
      description: "The item's source, URL-encoded: `github:acme/payments` is `github%3Aacme%2Fpayments`.",
    },
    id: { type: 'string', minLength: 1, maxLength: MAX_PARAM, description: "The item's id, URL-encoded." },
  },
  required: ['source', 'id'],
  additionalProperties: false,
} as const;

export const importQuerySchema = {
  type: 'object',
  properties: {
    strict: {
      type: 'boolean',
      default: false,
      description: 'true: import nothing if the body has any invalid line (as `flowlens import --strict`).',
    },
  },
  additionalProperties: false,
} as const;

export const NDJSON_TYPES = ['application/x-ndjson', 'application/json-seq', 'text/plain'] as const;

export const UNSUPPORTED_MEDIA_TYPE_MESSAGE =
  'send the records as the request body, one JSON object a line, with content type ' +
  'application/x-ndjson, application/json-seq or text/plain';

export const importBodySchema = {
  type: 'string',
  description:
    'Interchange records (contract.md §1), one JSON object a line (NDJSON). The body is streamed to a ' +
    'temporary file, never held in memory.',
} as const;

// ── Responses ───────────────────────────────────────────────────────────────────────────────────

export const period = object(
  {
    from: instant,
    to: instant,
    calendar: object(
      { timeZone: string, weekStart: { type: 'string', enum: ['monday', 'sunday', 'saturday'] } },
      "The organisation's calendar the days, weeks and months follow (GET /settings/calendar); only when it " +
        'is not the default (UTC, weeks from Monday).',
    ),
  },
  'The period [from, to), in UTC.',
  ['calendar'],
);
export const scope = {
  ...object(
    { team: string, valueStream: string, portfolio: string },
    'The scope asked for: {} for the whole organisation.',
    ['team', 'valueStream', 'portfolio'],
  ),
  maxProperties: 1,
};
export const countByType = record(FLOW_TYPES, integer);
export const sharesByType = record(FLOW_TYPES, nullableNumber);
export const durationSummary = (what: string) =>
  object(
    { median: nullableNumber, p85: nullableNumber, count: integer },
    `${what}: median and 85th percentile (nearest rank) in seconds, null without data.`,
  );
export const stageShares = {
  ...object(
    Object.fromEntries([...STAGES, 'unmapped'].map((s) => [s, nullableNumber])),
    'Σ time in stage / Σ lead time over the completed items; `unmapped` only when present.',
    ['unmapped'],
  ),
};
const waitingStatus = object({ status: string, seconds: number, items: integer });
export const tier = { type: ['string', 'null'], enum: ['elite', 'high', 'medium', 'low', null] };
const examples = object({ count: integer, examples: arrayOf(string, 'Up to 10 ids.') });

export const metricsDocumentSchema = object(
  {
    period,
    scope,
    flow: object({
      velocity: object({ total: integer, byType: countByType }, 'Items completed in the period.'),
      flowTime: durationSummary('Flow time (started → completed) of the items completed in the period'),
      leadTime: durationSummary('Lead time (created → completed) of the items completed in the period'),
      efficiency: { ...nullableNumber, description: 'Σ active time / Σ flow time; null when 0.' },
      load: object(
        { average: nullableNumber, atEnd: integer },
        'Work in progress: the mean of the daily samples at 00:00 UTC, and at `to`.',
      ),
      distribution: { ...sharesByType, description: 'Share of each flow type among completed items.' },
      stages: stageShares,
      loadDistribution: { ...sharesByType, description: 'Share of each flow type in the load at `to`.' },
      waitByStatus: arrayOf(waitingStatus, 'Up to 10 waiting statuses by total time, descending.'),
    }),
    dora: object({
      deploymentFrequency: object({ count: integer, perWeek: number, tier }),
      leadTimeForChanges: object({ median: nullableNumber, count: integer, tier }),
      changeFailureRate: object({ value: nullableNumber, tier }),
      recoveryTime: object({ median: nullableNumber, count: integer, tier }),
      timeToRestore: object({ median: nullableNumber, count: integer }),
    }),
    dataQuality: object({
      unmappedStatuses: arrayOf(object({ source: string, status: string, items: integer })),
      unmappedTypes: arrayOf(object({ source: string, type: string, items: integer })),
      itemsWithoutTeam: integer,
      statusDisagreements: integer,
      changesBeforeCreation: integer,
      outOfOrderChanges: integer,
      unlinkedChanges: examples,
      deploymentsWithoutChanges: examples,
      unattributedIncidents: examples,
      unresolvedIncidents: examples,
      negativeLeadTimes: examples,
      duplicateRecords: integer,
      pendingItems: integer,
      mappingsToReview: arrayOf(
        object({ source: string, team: nullableString, proposedAt: instant, proposedBy: string }),
        'Mappings proposed by `flowlens connect` that nobody has reviewed yet (organisation-wide).',
      ),
    }),
  },
  'Flow metrics, DORA metrics and data quality (contract.md §2, docs/metrics.md); durations in seconds. ' +
    'The same document as `flowlens metrics --json`.',
);

export const seriesDocumentSchema = object(
  {
    period,
    scope,
    velocityByWeek: arrayOf(
      object({
        week: {
          ...day,
          description:
            "The week's first day (Monday of the ISO week; the organisation's week start, period.calendar)",
        },
        count: integer,
        byType: countByType,
      }),
      "Completions per week overlapping the period (ISO weeks in UTC, or the organisation's calendar).",
    ),
    throughputByDay: arrayOf(
      object({ day, count: integer }),
      "Completions per day (UTC days, or the local days of the organisation's calendar).",
    ),
    loadByDay: arrayOf(
      object({ day, load: integer }),
      "Work in progress at the start of each day (00:00 UTC, or local midnight of the organisation's calendar).",
    ),
    cumulativeFlow: arrayOf(
      object({
        day,
        byState: record(STATES, integer),
        byStatus: { type: 'object', additionalProperties: integer },
      }),
      'Items in each state and status at the start of each day (as loadByDay).',
    ),
    waitByStatus: arrayOf(waitingStatus, 'Waiting statuses by total time, descending.'),
    aging: arrayOf(
      object({
        source: string,
        id: string,
        status: string,
        ageSeconds: number,
        beyondMedian: boolean,
        beyondP85: boolean,
      }),
      'Items in progress at `to`, oldest first, at most `aging` of them.',
    ),
    agingTotal: { ...integer, description: 'How many items were in progress at `to` (before the limit).' },
  },
  'The daily and weekly series behind the metrics.',
);

export const itemDocumentSchema = object(
  {
    item: object({
      source: string,
      id: string,
      type: string,
      flowType: { type: 'string', enum: FLOW_TYPES },
      typeMapped: boolean,
      status: string,
      title: nullableString,
      team: nullableString,
      parent: nullableString,
      children: arrayOf(string, 'Ids of the items of its source that name it as their parent.'),
      container: {
        ...boolean,
        description:
          'Whether other items name it as their parent: a container (an epic), left out of the metrics.',
      },
      url: nullableString,
      labels: arrayOf(string),
      estimate: nullableNumber,
      product: nullableString,
      createdAt: instant,
    }),
    history: arrayOf(object({ at: instant, from: string, to: string }), 'Status changes, in order.'),
    facts: object(
      {
        asOf: instant,
        createdAt: instant,
        startedAt: nullableInstant,
        completedAt: nullableInstant,
        currentStatus: string,
        currentStage: string,
        currentState: { type: 'string', enum: STATES },
        leadTime: nullableNumber,
        flowTime: nullableNumber,
        activeTime: nullableNumber,
        age: { ...nullableNumber, description: 'Seconds since started, while in progress.' },
        timePerStage: { type: 'object', additionalProperties: number },
        timePerStatus: { type: 'object', additionalProperties: number },
        spans: arrayOf(
          object({
            status: string,
            stage: string,
            state: string,
            from: instant,
            to: instant,
            seconds: number,
          }),
        ),
        flags: object(
          { changeBeforeCreation: boolean, statusDisagrees: boolean, clockSkew: boolean },
          '`clockSkew`: a change before the item’s creation or more than 5 minutes in the future (accepted; ' +
            'a future change counts from its time, an early one moves the creation).',
        ),
      },
      'The facts now (durations in seconds).',
    ),
    changes: arrayOf(
      object({
        source: string,
        id: string,
        createdAt: instant,
        firstCommitAt: nullableInstant,
        mergedAt: nullableInstant,
        repository: nullableString,
        author: nullableString,
        reviewed: { type: ['boolean', 'null'] },
      }),
      'Changes that name the item.',
    ),
    deployments: arrayOf(
      object({
        source: string,
        id: string,
        service: string,
        environment: string,
        production: boolean,
        at: instant,
        status: string,
      }),
      'Deployments of those changes, in time order.',
    ),
    incidents: arrayOf(
      object({
        source: string,
        id: string,
        service: string,
        openedAt: instant,
        resolvedAt: nullableInstant,
        causedBy: nullableString,
        severity: nullableString,
      }),
      'Incidents those deployments caused.',
    ),
  },
  'One work item: its record, status history, facts and delivery.',
);

const teamNode = object({
  id: string,
  name: string,
  services: arrayOf(object({ id: string, name: nullableString })),
});
const streamNode = object({ id: string, name: string, teams: arrayOf(teamNode) });

export const orgDocumentSchema = object(
  {
    portfolios: arrayOf(object({ id: string, name: string, valueStreams: arrayOf(streamNode) })),
    valueStreamsWithoutPortfolio: arrayOf(streamNode),
    teamsWithoutValueStream: arrayOf(teamNode),
  },
  'The organisation: portfolios → value streams → teams → services.',
);

export const healthDocumentSchema = object(
  {
    status: {
      type: 'string',
      enum: ['ok', 'degraded'],
      description:
        '`degraded`: the server answers reads, but the database cannot take writes now (writes get 503 with Retry-After).',
    },
    reasons: arrayOf(
      { type: 'string', enum: ['database-locked', 'disk', 'database-unavailable'] },
      'Why it is degraded (empty when ok): another process holds the database lock, the disk is full or failing, PostgreSQL cannot be reached.',
    ),
    version: string,
    database: { ...string, description: 'The SQLite file, or the PostgreSQL URL with its password hidden.' },
    schemaVersion: string,
    items: { ...integer, description: 'Work items whose facts are loaded.' },
    demo: { ...boolean, description: 'Whether the server was started with --demo.' },
  },
  'The server is up.',
);

const kindCounts = {
  type: 'object',
  description: 'Per record kind: inserted, updated, unchanged.',
  additionalProperties: object({ inserted: integer, updated: integer, unchanged: integer }),
};

export const importSummarySchema = object(
  {
    files: arrayOf(
      object(
        {
          file: { ...string, description: 'Always `upload.ndjson`: the request body.' },
          format: { type: 'string', enum: ['ndjson', 'csv'] },
          status: { type: 'string', enum: ['imported', 'rejected', 'failed'] },
          records: integer,
          recordsThisRun: integer,
          rejected: { ...integer, description: 'Lines rejected.' },
          counts: kindCounts,
          errors: arrayOf(
            object({ file: string, line: integer, field: string, message: string }),
            'The first rejected lines (up to 1,000).',
          ),
          resumedAfterLine: { type: ['integer', 'null'] },
          bytes: integer,
          durationMs: number,
          failure: string,
        },
        undefined,
        ['failure'],
      ),
    ),
    totals: object({ records: integer, rejected: integer, counts: kindCounts }),
    unresolved: arrayOf(
      object({
        reference: string,
        missingKind: string,
        records: integer,
        missing: integer,
        examples: arrayOf(string),
      }),
      'References to records the database does not have yet (reported, never rejected).',
    ),
    durationMs: number,
    recordsPerSecond: number,
  },
  'What the import did: the shape of `flowlens import --json`. Rejected lines do not change the status ' +
    '(200): check `totals.rejected` and `files[0].status`.',
);

export const responses = {
  metrics: { 200: metricsDocumentSchema, ...errors(400, 500) },
  series: { 200: seriesDocumentSchema, ...errors(400, 500) },
  item: { 200: itemDocumentSchema, ...errors(400, 404, 500) },
  org: { 200: orgDocumentSchema, ...errors(500) },
  health: { 200: healthDocumentSchema, ...errors(500) },
  import: { 200: importSummarySchema, ...errors(400, 413, 415, 500) },
};
