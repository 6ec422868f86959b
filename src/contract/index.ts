export type { EpochMs } from './instant.js';
export { formatInstant, parseInstant } from './instant.js';
export type { InterchangeRecord, ValidRecord, ValidRecordOf } from './records.js';
export { MAX_TEXT_LENGTH, RECORD_SCHEMAS } from './records.js';
export type { FieldError, ValidationResult } from './validate.js';
export { describeValue, formatFieldError, validateRecord } from './validate.js';
