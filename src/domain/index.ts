export type { Calendar, CalendarSettings, WeekStart } from './calendar.js';
export {
  calendarBoundaries,
  calendarOf,
  canonicalTimeZone,
  civilFromDays,
  DAY_MS,
  DEFAULT_CALENDAR,
  dayOf,
  daysFromCivil,
  isDefaultCalendar,
  isoWeekday,
  knownTimeZones,
  startOfMonthMs,
  startOfNextMonthMs,
  UTC_CALENDAR,
  WEEK_STARTS,
} from './calendar.js';
export { csvCell, csvRow, neutraliseFormula } from './csv.js';
export type { ErrorCode } from './errors.js';
export { FlowlensError, isFlowlensError } from './errors.js';
export { hashUnit, Random } from './random.js';
export type {
  DeploymentStatus,
  FlowState,
  FlowType,
  RecordKind,
  RoleName,
  SprintState,
  Stage,
} from './vocabulary.js';
export {
  DEPLOYMENT_STATUSES,
  FLOW_TYPES,
  RECORD_KINDS,
  ROLE_NAMES,
  SPRINT_STATES,
  STAGES,
  STATES,
} from './vocabulary.js';
