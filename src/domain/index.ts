export {
  civilFromDays,
  DAY_MS,
  dayOf,
  daysFromCivil,
  isoWeekday,
  startOfMonthMs,
  startOfNextMonthMs,
} from './calendar.js';
export { csvCell, csvRow, neutraliseFormula } from './csv.js';
export type { ErrorCode } from './errors.js';
export { FlowlensError, isFlowlensError } from './errors.js';
export { hashUnit, Random } from './random.js';
export type { DeploymentStatus, FlowState, FlowType, RecordKind, RoleName, Stage } from './vocabulary.js';
export {
  DEPLOYMENT_STATUSES,
  FLOW_TYPES,
  RECORD_KINDS,
  ROLE_NAMES,
  STAGES,
  STATES,
} from './vocabulary.js';
