export type { CoverageRow, Holder, RoleCoverage, RoleGap, ValueStreamCoverage } from './coverage.js';
export { computeRoleCoverage, findRoleGaps } from './coverage.js';
export type {
  MappingChange,
  MappingContent,
  MappingEntryKind,
  StatusClassification,
} from './mapping-diff.js';
export { describeChange, diffMappings, isSameMapping, summarizeChanges } from './mapping-diff.js';
export type { NetworkLink, NetworkPerson, ProductNetwork, TeamDependency } from './network.js';
export { buildProductNetwork, dependenciesFromParents } from './network.js';
export type { Overload, OverloadRule } from './overload.js';
export { findOverload } from './overload.js';
export type { OverloadLimits, RoleGroup } from './roles.js';
export {
  DEFAULT_OVERLOAD_LIMITS,
  PRODUCT_ROLES,
  ROLE_GAP_CONSEQUENCES,
  ROLE_GROUPS,
  ROLE_LABELS,
  TEAM_ROLE,
  VALUE_STREAM_ROLES,
} from './roles.js';
export type { OrgSnapshot, RoleAssignment } from './snapshot.js';
export { activeAssignments, isHeldAt } from './snapshot.js';
export type { OrgTimelines, PastParent, Segment, Window } from './timeline.js';
export {
  ALWAYS,
  checkMoveInstant,
  intersectWindows,
  isAlways,
  isWithin,
  parentAt,
  teamWindowsInPortfolio,
  teamWindowsInValueStream,
  timelineOf,
  windowsWhere,
} from './timeline.js';
