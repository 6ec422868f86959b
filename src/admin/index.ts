/**
 * The organisation editor's application layer (docs/organisation.md): what the API and the command
 * line call to read and change the organisation, the role assignments and the mappings, and to
 * follow the recomputation a mapping change starts. It writes through the store in one transaction
 * per edit and leaves the rules to the pure core (src/org).
 */
export {
  checkCalendarSettings,
  readCalendarSettings,
  saveCalendarSettings,
  TIME_ZONE_HELP,
} from './calendar-settings.js';
export type { EditContext, EditEntry } from './edit.js';
export { checkActor, DEFAULT_ACTOR, runEdit } from './edit.js';
export type {
  Improvement,
  ImprovementStatus,
  ImprovementType,
  InsightRef,
  NewImprovement,
  Tracker,
  TrackerItem,
  WriteBack,
  WriteBackRequest,
} from './improvements.js';
export {
  connectorWriteBack,
  createImprovement,
  defaultImprovementType,
  getImprovement,
  IMPROVEMENT_SOURCE,
  IMPROVEMENT_STATUSES,
  IMPROVEMENT_TYPES,
  insightSubject,
  listImprovements,
  listTrackers,
  setImprovementStatus,
} from './improvements.js';
export type { MappingPreview, PreviewInput } from './mapping-preview.js';
export { previewMapping } from './mapping-preview.js';
export type {
  EnvironmentValue,
  MappingSourceDetail,
  MappingSourceSummary,
  StatusValue,
  TypeValue,
} from './mapping-values.js';
export { listMappingSources, readMappingSource } from './mapping-values.js';
export type { MappingVersionView, SaveMappingInput, SaveResult } from './mapping-versions.js';
export {
  latestVersions,
  readMappingRow,
  removeOverride,
  restoreVersion,
  saveMapping,
} from './mapping-versions.js';
export type { CreateEntityInput, UpdateEntityInput } from './org-edits.js';
export { createEntity, updateEntity } from './org-edits.js';
export type { OrgChangeEntry, OrgEntity, OrgKind, OrgModelDocument, PastParentEntry } from './org-model.js';
export {
  entitiesOf,
  KIND_NAMES,
  MOVABLE_KINDS,
  ORG_KINDS,
  PARENTS,
  readOrgEntity,
  readOrgModel,
  recentChanges,
} from './org-model.js';
export type { RecomputeJobView, RecomputeState } from './recompute.js';
export { RecomputeJobs } from './recompute.js';
export type { AssignmentFilter, AssignmentView, NewAssignment } from './role-assignments.js';
export {
  addAssignment,
  assignmentId,
  listAssignments,
  readAssignments,
  removeAssignment,
  updateAssignment,
} from './role-assignments.js';
export { DEPENDENCY_WINDOW_DAYS, readOrgSnapshot, readProductNetwork, readRoleCoverage } from './roles.js';
export { checkOverloadLimits, MAX_LIMIT, readOverloadLimits, saveOverloadLimits } from './settings.js';
