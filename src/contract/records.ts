/**
 * Zod schemas of the interchange format (contract.md §1): one source for validation, the
 * TypeScript types producers write (`InterchangeRecord`) and the validated form the importer
 * stores (`ValidRecord`, with every timestamp converted to epoch milliseconds in UTC).
 *
 * Unknown fields are ignored, so that files written by a newer producer still import (additions
 * to the contract are not breaking). Unknown kinds are errors.
 */
import { z } from 'zod';
import {
  DEPLOYMENT_STATUSES,
  FLOW_TYPES,
  type RecordKind,
  ROLE_NAMES,
  SPRINT_STATES,
  STAGES,
  STATES,
} from '../domain/index.js';
import { parseInstant } from './instant.js';

/** Longest accepted identifier, name or status, in characters. */
export const MAX_TEXT_LENGTH = 4096;

// PostgreSQL cannot store U+0000 in text, and no tool means it: reject it on every store alike.
const NUL_MESSAGE = 'contains a NUL character (\\u0000), which cannot be stored; remove it';
const hasNoNul = (value: string) => !value.includes('\u0000');

const text = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'is not a string') })
  .min(1, { error: 'must not be empty' })
  .max(MAX_TEXT_LENGTH, { error: `is longer than ${MAX_TEXT_LENGTH} characters` })
  .refine(hasNoNul, { error: NUL_MESSAGE });

const instant = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'is required' : 'is not an ISO 8601 timestamp with offset',
  })
  .transform((value, ctx) => {
    const epochMs = parseInstant(value);
    if (epochMs === null) {
      ctx.addIssue({ code: 'custom', message: 'is not an ISO 8601 timestamp with offset', input: value });
      return z.NEVER;
    }
    return epochMs;
  });

const textList = z.array(text, { error: 'is not an array of strings' });

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'is required' : `is not one of ${values.join(', ')}`),
  });
}

export const portfolioSchema = z.object({ kind: z.literal('portfolio'), id: text, name: text });

export const valueStreamSchema = z.object({
  kind: z.literal('valueStream'),
  id: text,
  name: text,
  portfolio: text.optional(),
});

export const teamSchema = z.object({
  kind: z.literal('team'),
  id: text,
  name: text,
  valueStream: text.optional(),
});

export const personSchema = z.object({
  kind: z.literal('person'),
  id: text,
  name: text,
  email: text.optional(),
});

export const serviceSchema = z.object({
  kind: z.literal('service'),
  id: text,
  team: text,
  name: text.optional(),
  repository: text.optional(),
});

export const roleSchema = z
  .object({
    kind: z.literal('role'),
    person: text,
    role: oneOf(ROLE_NAMES),
    valueStream: text.optional(),
    team: text.optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .superRefine((role, ctx) => {
    if ((role.valueStream === undefined) === (role.team === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['valueStream'],
        message: 'exactly one of valueStream or team is required (the scope the role is held in)',
      });
    }
    if (role.from !== undefined && role.to !== undefined && role.to < role.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before from' });
    }
  });

const statusMappingSchema = z.object({ stage: oneOf(STAGES), state: oneOf(STATES) });

export const mappingSchema = z.object({
  kind: z.literal('mapping'),
  source: text,
  team: text.optional(),
  statuses: z.record(text, statusMappingSchema, { error: 'is not an object of status → {stage, state}' }),
  types: z.record(text, oneOf(FLOW_TYPES), { error: 'is not an object of type → flow type' }),
  environments: z.record(text, text, { error: 'is not an object of environment → name' }).optional(),
});

export const workItemSchema = z.object({
  kind: z.literal('workItem'),
  source: text,
  id: text,
  type: text,
  status: text,
  createdAt: instant,
  title: z
    .string({ error: 'is not a string' })
    .max(65_536, { error: 'is longer than 65536 characters' })
    .refine(hasNoNul, { error: NUL_MESSAGE })
    .optional(),
  team: text.optional(),
  parent: text.optional(),
  url: text.optional(),
  labels: textList.optional(),
  estimate: z.number({ error: 'is not a number' }).nonnegative({ error: 'must not be negative' }).optional(),
  product: text.optional(),
  /**
   * The item's immutable id at its source (Jira's numeric issue id, GitHub's or GitLab's global
   * issue id). An item arriving under a new id with a source + sourceId stored under another id
   * renames the stored item, history and links included (src/store/item-identity.ts).
   */
  sourceId: text.optional(),
});

export const transitionSchema = z.object({
  kind: z.literal('transition'),
  source: text,
  item: text,
  at: instant,
  from: text,
  to: text,
  id: text.optional(),
  by: text.optional(),
});

export const changeSchema = z.object({
  kind: z.literal('change'),
  source: text,
  id: text,
  createdAt: instant,
  firstCommitAt: instant.optional(),
  mergedAt: instant.optional(),
  items: textList.optional(),
  repository: text.optional(),
  author: text.optional(),
  reviewed: z.boolean({ error: 'is not true or false' }).optional(),
});

export const deploymentSchema = z.object({
  kind: z.literal('deployment'),
  source: text,
  id: text,
  service: text,
  environment: text,
  at: instant,
  status: oneOf(DEPLOYMENT_STATUSES),
  changes: textList.optional(),
});

export const incidentSchema = z
  .object({
    kind: z.literal('incident'),
    source: text,
    id: text,
    service: text,
    openedAt: instant,
    resolvedAt: instant.optional(),
    causedBy: text.optional(),
    severity: text.optional(),
  })
  .superRefine((incident, ctx) => {
    if (incident.resolvedAt !== undefined && incident.resolvedAt < incident.openedAt) {
      ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'is before openedAt' });
    }
  });

/** Longest membership history of one sprint, in entries. */
export const MAX_SPRINT_ITEMS = 10_000;

const sprintMembershipSchema = z
  .object({ item: text, added: instant, removed: instant.optional() })
  .superRefine((entry, ctx) => {
    if (entry.removed !== undefined && entry.removed < entry.added)
      ctx.addIssue({ code: 'custom', path: ['removed'], message: 'is before added' });
  });

/**
 * A sprint or planning interval (an addition to contract.md §1): its dates and the history of its
 * membership — each entry says a work item of the same source was in the sprint from `added` until
 * `removed` (absent: still in it), so the scope committed at the start can be told from what was
 * added or taken out later. A sprint without dates (not started yet) is stored but not measured.
 */
export const sprintSchema = z
  .object({
    kind: z.literal('sprint'),
    source: text,
    id: text,
    name: text,
    start: instant.optional(),
    end: instant.optional(),
    team: text.optional(),
    state: oneOf(SPRINT_STATES).optional(),
    completedAt: instant.optional(),
    goal: z
      .string({ error: 'is not a string' })
      .max(65_536, { error: 'is longer than 65536 characters' })
      .refine(hasNoNul, { error: NUL_MESSAGE })
      .optional(),
    items: z
      .array(sprintMembershipSchema, { error: 'is not an array of {item, added, removed?}' })
      .max(MAX_SPRINT_ITEMS, { error: `has more than ${MAX_SPRINT_ITEMS} entries; split the history` })
      .optional(),
  })
  .superRefine((sprint, ctx) => {
    if ((sprint.start === undefined) !== (sprint.end === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [sprint.start === undefined ? 'start' : 'end'],
        message:
          'is required when the sprint has a start or an end (give both, or neither for a future sprint)',
      });
    if (sprint.start !== undefined && sprint.end !== undefined && sprint.end < sprint.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'is before start' });
    const seen = new Set<string>();
    for (const [index, entry] of (sprint.items ?? []).entries()) {
      const key = `${entry.item}\u0000${entry.added}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['items', index],
          message: `repeats item "${entry.item}" added at the same instant; give each membership once`,
        });
      seen.add(key);
    }
  });

/** The schema of each record kind. */
export const RECORD_SCHEMAS = {
  portfolio: portfolioSchema,
  valueStream: valueStreamSchema,
  team: teamSchema,
  person: personSchema,
  service: serviceSchema,
  role: roleSchema,
  mapping: mappingSchema,
  workItem: workItemSchema,
  transition: transitionSchema,
  change: changeSchema,
  deployment: deploymentSchema,
  incident: incidentSchema,
  sprint: sprintSchema,
} as const satisfies Record<RecordKind, z.ZodType>;

type Schemas = typeof RECORD_SCHEMAS;

/** A record as a producer writes it (timestamps as ISO 8601 strings). */
export type InterchangeRecord = { [K in RecordKind]: z.input<Schemas[K]> }[RecordKind];
/** A validated record (timestamps as epoch milliseconds, UTC). */
export type ValidRecord = { [K in RecordKind]: z.output<Schemas[K]> }[RecordKind];
/** The validated record of one kind. */
export type ValidRecordOf<K extends RecordKind> = z.output<Schemas[K]>;
