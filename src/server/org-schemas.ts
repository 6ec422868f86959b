/**
 * JSON Schemas of the organisation, role and mapping editor routes (org-routes.ts,
 * mapping-routes.ts): their parameters and bodies, which Fastify validates, and their responses,
 * which the OpenAPI document shows and the tests check every answer against.
 */
import { FLOW_TYPES, ROLE_NAMES, STAGES, STATES } from '../domain/index.js';
import {
  arrayOf,
  boolean,
  errors,
  instant,
  integer,
  MAX_PARAM,
  nullableInstant,
  nullableNumber,
  nullableString,
  object,
  record,
  sharesByType,
  stageShares,
  string,
} from './schemas.js';

const id = { type: 'string', minLength: 1, maxLength: MAX_PARAM } as const;
const text = { type: 'string', minLength: 1, maxLength: 4096 } as const;
const nullableText = { type: ['string', 'null'], minLength: 1, maxLength: 4096 } as const;
const dateParam = {
  type: 'string',
  maxLength: 100,
  description: 'YYYY-MM-DD (00:00 UTC of that day) or an ISO 8601 timestamp with offset',
} as const;
const nullableDate = {
  type: ['string', 'null'],
  maxLength: 100,
  description: `${dateParam.description}; null: open`,
};
const role = { type: 'string', enum: ROLE_NAMES } as const;

export const ACTOR_HEADER = 'x-flowlens-actor';

/** The `X-Flowlens-Actor` header: who makes an edit, until there are accounts (default "local"). */
export const actorHeaders = {
  type: 'object',
  properties: {
    [ACTOR_HEADER]: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description:
        'Who makes the change, as the audit trail and the mapping versions record it (default "local").',
    },
  },
} as const;

// ── The organisation ────────────────────────────────────────────────────────────────────────────

/** The collections of the organisation in paths, and their kinds. */
export const COLLECTIONS = {
  portfolios: 'portfolio',
  'value-streams': 'valueStream',
  teams: 'team',
  services: 'service',
  products: 'product',
  people: 'person',
} as const;

const parentOf: Record<string, string | null> = {
  portfolio: null,
  valueStream: 'The portfolio it belongs to (null: none).',
  team: 'The value stream it belongs to (null: none). Changing it is a move.',
  service: 'The team that owns it. Changing it is a move.',
  product: 'The team that owns it (null: none).',
  person: null,
};

const extraFields: Record<string, Record<string, unknown>> = {
  service: { repository: { ...nullableText, description: 'Its repository.' } },
  product: { description: { ...nullableText, description: 'What it is.' } },
  person: { email: { ...nullableText, description: 'Their email address.' } },
};

/** The body of POST /org/{collection}. */
export function createBodySchema(kind: string) {
  const parent = parentOf[kind];
  return {
    type: 'object',
    properties: {
      id: { ...id, description: 'Its id (natural key, as in the interchange format).' },
      name: { ...text, description: kind === 'service' ? 'Its name (optional).' : 'Its name.' },
      ...(parent === null || parent === undefined
        ? {}
        : { parent: { ...nullableText, description: parent } }),
      ...(extraFields[kind] ?? {}),
    },
    required: kind === 'service' ? ['id', 'parent'] : ['id', 'name'],
    additionalProperties: false,
  } as const;
}

/** The body of PATCH /org/{collection}/{id}. */
export function updateBodySchema(kind: string) {
  const parent = parentOf[kind];
  const movable = kind === 'team' || kind === 'valueStream' || kind === 'service';
  return {
    type: 'object',
    properties: {
      name: { ...text, description: 'A new name.' },
      ...(parent === null || parent === undefined
        ? {}
        : { parent: { ...nullableText, description: parent } }),
      ...(movable
        ? {
            effectiveAt: {
              ...dateParam,
              description: `When the move takes effect: ${dateParam.description}. Default now; it must be after the previous move. Work completed before it stays where the entity was.`,
            },
          }
        : {}),
      archived: {
        type: 'boolean',
        description: 'true archives it (hidden from lists and role coverage); false restores it.',
      },
      ...(extraFields[kind] ?? {}),
    },
    additionalProperties: false,
    minProperties: 1,
  } as const;
}

export const entityParamsSchema = {
  type: 'object',
  properties: { id: { ...id, description: 'Its id, URL-encoded.' } },
  required: ['id'],
  additionalProperties: false,
} as const;

const pastParent = object({
  parent: nullableString,
  from: { ...nullableInstant, description: 'Since (null: since ever).' },
  to: { ...instant, description: 'Until the move that ended it (excluded).' },
  movedAt: { ...instant, description: 'When the move was recorded.' },
  movedBy: string,
});

export const entitySchema = object(
  {
    kind: { type: 'string', enum: Object.values(COLLECTIONS) },
    id: string,
    name: string,
    parent: nullableString,
    archived: { oneOf: [{ type: 'null' }, object({ at: instant, by: string })] },
    history: arrayOf(pastParent, 'Where it belonged before its moves, oldest first.'),
    email: nullableString,
    repository: nullableString,
    description: nullableString,
  },
  'An entity of the organisation.',
  ['parent', 'history', 'email', 'repository', 'description'],
);

const change = object({
  at: instant,
  actor: string,
  action: string,
  kind: string,
  target: string,
  summary: string,
});

export const orgModelSchema = object(
  {
    portfolios: arrayOf(entitySchema),
    valueStreams: arrayOf(entitySchema),
    teams: arrayOf(entitySchema),
    services: arrayOf(entitySchema),
    products: arrayOf(entitySchema),
    people: arrayOf(entitySchema),
    unregisteredProducts: arrayOf(
      object({ product: string, items: integer }),
      'Products work items name that the organisation has no product for.',
    ),
    changes: arrayOf(change, 'The latest edits, newest first.'),
  },
  'The whole organisation as the editor shows it, archived entities included.',
);

const assignmentSchema = object(
  {
    id: { ...string, description: 'The assignment’s id (its natural key, encoded).' },
    person: string,
    personName: string,
    role,
    valueStream: nullableString,
    team: nullableString,
    from: nullableInstant,
    to: nullableInstant,
    current: { ...boolean, description: 'Held at the instant asked about (now by default).' },
  },
  'A person holding a role in a value stream or a team, from `from` to `to`.',
);

export const teamDetailSchema = object(
  {
    team: entitySchema,
    valueStream: { oneOf: [{ type: 'null' }, object({ id: string, name: string })] },
    services: arrayOf(entitySchema, 'The services it owns.'),
    products: arrayOf(entitySchema, 'The products it owns.'),
    roles: arrayOf(assignmentSchema, 'The roles held in it now.'),
    changes: arrayOf(change, 'The latest edits of it.'),
  },
  'A team: where it is (and was), what it owns and who holds its roles.',
);

// ── Roles ───────────────────────────────────────────────────────────────────────────────────────

const limitProperties = {
  maxTeams: { type: 'integer', minimum: 1, maximum: 1000, description: 'Teams a person may hold roles in.' },
  maxValueStreams: {
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    description: 'Value streams a person may hold roles in.',
  },
  maxFacilitatedTeams: {
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    description: 'Teams a DVS facilitator may facilitate (8 by default).',
  },
} as const;

export const rolesQuerySchema = {
  type: 'object',
  properties: {
    valueStream: { ...id, description: 'Only this value stream.' },
    asOf: {
      ...dateParam,
      description: `The instant of the coverage: ${dateParam.description}. Default now.`,
    },
    ...limitProperties,
  },
  additionalProperties: false,
} as const;

export const limitsSchema = object(
  { maxTeams: integer, maxValueStreams: integer, maxFacilitatedTeams: integer },
  'The overload limits.',
);

export const limitsBodySchema = {
  type: 'object',
  properties: limitProperties,
  additionalProperties: false,
  minProperties: 1,
} as const;

const overload = object(
  {
    person: string,
    teams: arrayOf(string),
    valueStreams: arrayOf(string),
    why: string,
    rules: arrayOf({ type: 'string', enum: ['teams', 'valueStreams', 'facilitator'] }),
  },
  'A person over a limit, and why it matters.',
);
const holder = object({
  person: string,
  name: string,
  assignment: string,
  from: nullableInstant,
  to: nullableInstant,
});

export const rolesDocumentSchema = object(
  {
    asOf: instant,
    limits: limitsSchema,
    valueStreams: arrayOf(
      object({
        valueStream: object({ id: string, name: string }),
        teams: arrayOf(object({ id: string, name: string })),
        rows: arrayOf(
          object({
            role,
            label: string,
            groups: arrayOf({ type: 'string', enum: ['product', 'program', 'architecture'] }),
            required: { type: ['string', 'null'], enum: ['valueStream', 'team', null] },
            valueStream: arrayOf(holder),
            teams: { type: 'object', additionalProperties: arrayOf(holder) },
          }),
          'The coverage matrix: each role, who holds it for the value stream and in each team.',
        ),
        roles: { type: 'object', additionalProperties: arrayOf(string) },
        gaps: arrayOf(object({ role, team: string, why: string }, undefined, ['team'])),
        overloaded: arrayOf(overload),
      }),
    ),
    overloaded: arrayOf(overload, 'Everyone overloaded, organisation-wide.'),
  },
  'Role coverage of the value streams at an instant: who holds each role, the gaps and the overloaded people.',
);

export const assignmentsQuerySchema = {
  type: 'object',
  properties: {
    person: id,
    role,
    team: id,
    valueStream: id,
    heldAt: {
      ...dateParam,
      description: `Only the assignments held at this instant: ${dateParam.description}.`,
    },
  },
  additionalProperties: false,
} as const;

export const assignmentBodySchema = {
  type: 'object',
  properties: {
    person: id,
    role,
    team: { ...id, description: 'The team the role is held in (or give valueStream).' },
    valueStream: { ...id, description: 'The value stream the role is held in (or give team).' },
    from: nullableDate,
    to: nullableDate,
  },
  required: ['person', 'role'],
  additionalProperties: false,
} as const;

export const assignmentDatesSchema = {
  type: 'object',
  properties: { from: nullableDate, to: nullableDate },
  additionalProperties: false,
  minProperties: 1,
} as const;

export const assignmentParamsSchema = {
  type: 'object',
  properties: { id: { ...id, description: 'The assignment’s id.' } },
  required: ['id'],
  additionalProperties: false,
} as const;

export const networkQuerySchema = {
  type: 'object',
  properties: { asOf: { ...dateParam, description: `The instant: ${dateParam.description}. Default now.` } },
  additionalProperties: false,
} as const;

const dependency = object({
  teams: { type: 'array', items: string, minItems: 2, maxItems: 2 },
  items: integer,
});

export const networkSchema = object(
  {
    asOf: instant,
    people: arrayOf(
      object({
        id: string,
        name: string,
        roles: arrayOf(object({ role, valueStream: nullableString, team: nullableString })),
        valueStreams: arrayOf(string),
        teams: arrayOf(string),
      }),
    ),
    valueStreams: arrayOf(object({ id: string, name: string })),
    teams: arrayOf(object({ id: string, name: string, valueStream: nullableString })),
    links: arrayOf(
      object({
        source: string,
        target: string,
        valueStreams: arrayOf(string),
        dependencies: arrayOf(dependency),
      }),
      'Who coordinates with whom: a shared value stream, or teams whose work depends on each other.',
    ),
    dependencies: arrayOf(dependency, 'Teams whose work items share a parent, in the year before asOf.'),
  },
  'The product management network: the people holding product roles and who coordinates with whom.',
);

// ── Mappings ────────────────────────────────────────────────────────────────────────────────────

const statusClass = {
  type: 'object',
  properties: { stage: { type: 'string', enum: STAGES }, state: { type: 'string', enum: STATES } },
  required: ['stage', 'state'],
  additionalProperties: false,
} as const;

export const mappingContentSchema = {
  type: 'object',
  properties: {
    statuses: {
      type: 'object',
      description: 'Raw status → {stage, state}.',
      additionalProperties: statusClass,
      maxProperties: 10_000,
    },
    types: {
      type: 'object',
      description: 'Raw type → flow type.',
      additionalProperties: { type: 'string', enum: FLOW_TYPES },
      maxProperties: 10_000,
    },
    environments: {
      type: ['object', 'null'],
      description:
        'Raw environment → production, staging, …; null: none named (production and prod are production).',
      additionalProperties: text,
      maxProperties: 10_000,
    },
  },
  required: ['statuses', 'types', 'environments'],
} as const;

export const sourceParamsSchema = {
  type: 'object',
  properties: {
    source: {
      ...id,
      description: 'The source, URL-encoded: `github:acme/payments` is `github%3Aacme%2Fpayments`.',
    },
  },
  required: ['source'],
  additionalProperties: false,
} as const;

export const teamQuerySchema = {
  type: 'object',
  properties: { team: { ...id, description: 'A team’s override of the source’s mapping.' } },
  additionalProperties: false,
} as const;

export const saveBodySchema = {
  type: 'object',
  properties: {
    team: { ...id, description: 'Save a team’s override instead of the source’s mapping.' },
    statuses: mappingContentSchema.properties.statuses,
    types: mappingContentSchema.properties.types,
    environments: mappingContentSchema.properties.environments,
    note: { ...text, maxLength: 1000, description: 'Why (kept with the version).' },
  },
  required: ['statuses', 'types'],
  additionalProperties: false,
} as const;

export const previewBodySchema = {
  type: 'object',
  properties: {
    team: saveBodySchema.properties.team,
    mapping: { oneOf: [{ type: 'null' }, { ...mappingContentSchema, additionalProperties: false }] },
    from: {
      ...dateParam,
      description: `Start of the period: ${dateParam.description}. Default: 90 days before \`to\`.`,
    },
    to: {
      ...dateParam,
      description: `End of the period (excluded): ${dateParam.description}. Default: the day after the last activity.`,
    },
  },
  required: ['mapping'],
  additionalProperties: false,
} as const;

export const restoreParamsSchema = {
  type: 'object',
  properties: { source: sourceParamsSchema.properties.source, version: { type: 'integer', minimum: 1 } },
  required: ['source', 'version'],
  additionalProperties: false,
} as const;

export const restoreBodySchema = {
  type: 'object',
  properties: { team: saveBodySchema.properties.team, note: saveBodySchema.properties.note },
  additionalProperties: false,
} as const;

export const overrideParamsSchema = {
  type: 'object',
  properties: { source: sourceParamsSchema.properties.source, team: id },
  required: ['source', 'team'],
  additionalProperties: false,
} as const;

export const jobParamsSchema = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
  additionalProperties: false,
} as const;

const mappingContent = {
  oneOf: [
    { type: 'null' },
    object({
      statuses: { type: 'object', additionalProperties: object({ stage: string, state: string }) },
      types: { type: 'object', additionalProperties: string },
      environments: { type: ['object', 'null'], additionalProperties: string },
    }),
  ],
};

const mappingChange = object({
  kind: { type: 'string', enum: ['status', 'type', 'environment'] },
  raw: string,
  before: { oneOf: [{ type: 'null' }, { type: 'string' }, object({ stage: string, state: string })] },
  after: { oneOf: [{ type: 'null' }, { type: 'string' }, object({ stage: string, state: string })] },
});

export const versionSchema = object(
  {
    source: string,
    team: nullableString,
    version: integer,
    savedAt: instant,
    savedBy: string,
    note: nullableString,
    removed: boolean,
    restoredFrom: { type: ['integer', 'null'] },
    changes: arrayOf(mappingChange),
    summary: string,
    mapping: mappingContent,
    current: boolean,
  },
  'A saved version of a mapping: who, when, what changed.',
);

export const jobSchema = object(
  {
    id: integer,
    source: string,
    team: nullableString,
    reason: string,
    state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    done: integer,
    total: { type: ['integer', 'null'] },
    queuedAt: instant,
    startedAt: nullableInstant,
    finishedAt: nullableInstant,
    error: nullableString,
  },
  'A recomputation of facts after a mapping change: the metrics use the new mapping once it is done.',
);

export const sourcesSchema = object({
  sources: arrayOf(
    object({
      source: string,
      items: integer,
      deployments: integer,
      statuses: integer,
      unmappedStatuses: integer,
      types: integer,
      unmappedTypes: integer,
      environments: integer,
      hasMapping: boolean,
      overrides: arrayOf(string),
      versions: integer,
      lastSaved: { oneOf: [{ type: 'null' }, object({ version: integer, at: instant, by: string })] },
    }),
  ),
  jobs: arrayOf(jobSchema, 'The latest recomputations, newest first.'),
});

export const sourceDetailSchema = object(
  {
    source: string,
    team: nullableString,
    mapping: mappingContent,
    sourceMapping: mappingContent,
    items: integer,
    statuses: arrayOf(
      object({
        raw: string,
        items: { ...integer, description: 'Items that were ever in it.' },
        current: { ...integer, description: 'Items in it now.' },
        mapped: boolean,
        stage: string,
        state: string,
        overridden: boolean,
      }),
      'Every raw status seen, unmapped first.',
    ),
    types: arrayOf(
      object({ raw: string, items: integer, mapped: boolean, flowType: string, overridden: boolean }),
      'Every raw type seen, unmapped first.',
    ),
    environments: arrayOf(
      object({ raw: string, deployments: integer, named: nullableString, production: boolean }),
      'Every raw environment of its deployments.',
    ),
    teams: arrayOf(object({ team: string, items: integer, override: boolean })),
    versions: arrayOf(versionSchema, 'The latest versions, newest first.'),
    jobs: arrayOf(jobSchema, 'The latest recomputations of this source.'),
  },
  'A source’s raw values and how its mapping (or a team’s override) classifies them.',
);

const headline = object({
  velocity: object({ total: integer, byType: record(FLOW_TYPES, integer) }),
  flowTime: object({ median: nullableNumber, p85: nullableNumber, count: integer }),
  leadTime: object({ median: nullableNumber, p85: nullableNumber, count: integer }),
  efficiency: nullableNumber,
  load: object({ average: nullableNumber, atEnd: integer }),
  distribution: sharesByType,
  stages: stageShares,
});
const beforeAfter = (schema: unknown) => object({ before: schema, after: schema });

export const previewSchema = object(
  {
    source: string,
    team: nullableString,
    period: object({ from: instant, to: instant }),
    changes: arrayOf(mappingChange),
    organisation: beforeAfter(headline),
    sourceOnly: beforeAfter(headline),
    unmappedItems: beforeAfter(integer),
    productionDeployments: beforeAfter(integer),
  },
  'How the headline metrics of the period change with the proposed mapping (durations in seconds).',
);

export const saveResultSchema = object(
  {
    saved: { ...boolean, description: 'false when the mapping was already exactly this.' },
    version: { oneOf: [{ type: 'null' }, versionSchema] },
    changes: arrayOf(mappingChange),
    job: { oneOf: [{ type: 'null' }, jobSchema] },
  },
  'The version saved, and the recomputation it started.',
);

export const orgResponses = {
  model: { 200: orgModelSchema, ...errors(500) },
  created: { 201: entitySchema, 200: entitySchema, ...errors(400, 409, 500) },
  entity: { 200: entitySchema, ...errors(400, 404, 500) },
  team: { 200: teamDetailSchema, ...errors(404, 500) },
  roles: { 200: rolesDocumentSchema, ...errors(400, 404, 500) },
  assignments: { 200: object({ assignments: arrayOf(assignmentSchema) }), ...errors(400, 500) },
  assignment: { 200: assignmentSchema, 201: assignmentSchema, ...errors(400, 404, 409, 500) },
  deleted: { 200: object({ deleted: string }), ...errors(404, 500) },
  limits: { 200: limitsSchema, ...errors(400, 500) },
  network: { 200: networkSchema, ...errors(400, 500) },
  sources: { 200: sourcesSchema, ...errors(500) },
  source: { 200: sourceDetailSchema, ...errors(400, 404, 500) },
  preview: { 200: previewSchema, ...errors(400, 404, 500) },
  save: { 200: saveResultSchema, ...errors(400, 404, 500) },
  versions: { 200: object({ versions: arrayOf(versionSchema) }), ...errors(400, 500) },
  jobs: { 200: object({ jobs: arrayOf(jobSchema) }), ...errors(500) },
  job: { 200: jobSchema, ...errors(404, 500) },
};
