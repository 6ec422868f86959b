/**
 * The DVS roles as the organisation rules read them (docs/organisation.md, "Roles"): the two groups
 * of the role coverage matrix, which roles a value stream needs, which are product roles, and in
 * plain words why each one matters. Pure data.
 */
import type { RoleName } from '../domain/index.js';

export type RoleGroup = 'product' | 'program' | 'architecture';

/**
 * The rows of the coverage matrix, by group. The product manager and the architect sit in both the
 * product management and the program management group, as in the DVS model.
 */
export const ROLE_GROUPS: readonly {
  readonly group: RoleGroup;
  readonly label: string;
  readonly roles: readonly RoleName[];
}[] = [
  {
    group: 'product',
    label: 'Product management',
    roles: ['product-manager', 'product-owner', 'architect', 'business-analyst', 'ux-lead', 'security-lead'],
  },
  {
    group: 'program',
    label: 'Program management',
    roles: ['dvs-facilitator', 'product-manager', 'architect', 'qa-lead', 'adoption-lead'],
  },
  { group: 'architecture', label: 'Across value streams', roles: ['value-stream-architect'] },
];

/** Roles a value stream needs someone to hold for the value stream itself (a gap otherwise). */
export const VALUE_STREAM_ROLES: readonly RoleName[] = [
  'product-manager',
  'architect',
  'business-analyst',
  'ux-lead',
  'security-lead',
  'dvs-facilitator',
  'qa-lead',
  'adoption-lead',
];

/** The role every team needs (a gap otherwise). */
export const TEAM_ROLE: RoleName = 'product-owner';

/** The product roles: the people of the product management network. */
export const PRODUCT_ROLES: readonly RoleName[] = [
  'product-manager',
  'product-owner',
  'architect',
  'business-analyst',
  'ux-lead',
  'security-lead',
];

export const ROLE_LABELS: Readonly<Record<RoleName, string>> = {
  'product-manager': 'Product manager',
  'product-owner': 'Product owner',
  architect: 'Architect',
  'business-analyst': 'Business analyst',
  'ux-lead': 'UX lead',
  'security-lead': 'Security lead',
  'dvs-facilitator': 'DVS facilitator',
  'qa-lead': 'QA lead',
  'adoption-lead': 'Adoption lead',
  'value-stream-architect': 'Value stream architect',
};

/** What goes wrong when nobody holds the role: the second half of a gap's explanation. */
export const ROLE_GAP_CONSEQUENCES: Readonly<Record<RoleName, string>> = {
  'product-manager':
    'nobody owns the roadmap and the priorities across its teams, so capacity drifts to whoever asks loudest and what ships is not tied to outcomes',
  'product-owner':
    'nobody orders its backlog or accepts its stories against the Definition of Done, so the team decides alone what matters and its improvement work has no owner',
  architect:
    'nobody owns the dependencies between its teams and the architectural runway, so coupling goes unmanaged and enablers are not planned',
  'business-analyst':
    'nobody refines initiatives into features linked to outcomes, so work reaches the teams unrefined and waits longer in ideation',
  'ux-lead':
    'nobody keeps the user experience consistent across its teams or brings customer feedback back into the backlogs',
  'security-lead':
    'security work has no owner in its priorities, risk items wait without a sign-off, and secure-by-design policies are nobody’s job',
  'dvs-facilitator':
    'nobody facilitates flow across its teams, so bottlenecks, work in progress and impediments are not worked on and retrospectives lack data',
  'qa-lead':
    'nobody owns quality across its teams, so escaped defects, failed changes and incidents are nobody’s signal to act on',
  'adoption-lead': 'nobody checks whether what it builds is used, so adoption and outcomes go unmeasured',
  'value-stream-architect':
    'nobody keeps the 360° view of the business line, its constraints, its feedback mechanisms and the target design of the stream',
};

/** The overload rules' limits (docs/organisation.md, "Overload"). */
export interface OverloadLimits {
  /** A person holding team roles in more teams than this is overloaded. */
  readonly maxTeams: number;
  /** A person holding roles in more value streams than this is overloaded. */
  readonly maxValueStreams: number;
  /** A DVS facilitator over more teams than this is overloaded. */
  readonly maxFacilitatedTeams: number;
}

export const DEFAULT_OVERLOAD_LIMITS: OverloadLimits = Object.freeze({
  maxTeams: 3,
  maxValueStreams: 2,
  maxFacilitatedTeams: 8,
});
