/**
 * The closed vocabularies of the model (contract.md §1, metrics.md §2).
 * Each is a readonly tuple, so it serves both as a runtime list (validation, help text)
 * and, through `(typeof X)[number]`, as a string-literal union type.
 */

/** Every kind of interchange record, in the order a human would read an organisation. */
export const RECORD_KINDS = [
  'portfolio',
  'valueStream',
  'team',
  'person',
  'service',
  'role',
  'mapping',
  'workItem',
  'transition',
  'change',
  'deployment',
  'incident',
  'sprint',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** States of a sprint (contract.md §1, addition): planned, running, finished. */
export const SPRINT_STATES = ['future', 'active', 'closed'] as const;
export type SprintState = (typeof SPRINT_STATES)[number];

/** The four stages of a delivery value stream (metrics.md §2). */
export const STAGES = ['ideate', 'create', 'release', 'operate'] as const;
export type Stage = (typeof STAGES)[number];

/** The states a mapped status can have (metrics.md §2). */
export const STATES = ['new', 'waiting', 'active', 'done', 'cancelled'] as const;
export type FlowState = (typeof STATES)[number];

/** Flow item types of the Flow Framework (metrics.md §2). */
export const FLOW_TYPES = ['feature', 'defect', 'risk', 'debt'] as const;
export type FlowType = (typeof FLOW_TYPES)[number];

/** Outcomes of a deployment (contract.md §1). */
export const DEPLOYMENT_STATUSES = ['success', 'failed'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** The DVS roles a person can hold in a value stream or team (contract.md §1). */
export const ROLE_NAMES = [
  'product-manager',
  'product-owner',
  'architect',
  'business-analyst',
  'ux-lead',
  'security-lead',
  'dvs-facilitator',
  'qa-lead',
  'adoption-lead',
  'value-stream-architect',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
