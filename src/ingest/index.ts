export { CSV_COLUMNS } from './csv-reader.js';
export type { ImportOptions, ImportProgress } from './importer.js';
export { importFiles } from './importer.js';
export type { RecordBatchResult, RecordImportOptions, RejectedRecord } from './record-import.js';
export { RecordImport } from './record-import.js';
export type { FileStatus, FileSummary, ImportSummary, RejectedLine } from './summary.js';
export { hasRejections } from './summary.js';
export type { TombstoneInput, TombstoneResult } from './tombstone.js';
export { isTombstoned, tombstoneItem } from './tombstone.js';
