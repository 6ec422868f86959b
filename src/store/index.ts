export type { BackupReport, DatabaseFileInfo, RestoreReport } from './backup.js';
export { backupSqlite, heldByAnotherProcess, inspectDatabaseFile, restoreSqlite } from './backup.js';
export type {
  BatchInput,
  BatchResult,
  BatchSyncState,
  CountsByKind,
  KindCounts,
  LineError,
} from './batch.js';
export { addCounts } from './batch.js';
export type { Dialect } from './dialect.js';
export type {
  ComputeFacts,
  FactsQueue,
  ItemFactsRow,
  QueuedChange,
  QueuedItem,
  QueueKey,
} from './facts-queue.js';
export { FACT_COLUMNS, SCAN_COLUMNS } from './facts-queue.js';
export type { StoreFault, StoreFaultReason, StoreHealthState } from './health.js';
export { classifyStoreFault, noteStoreFault, RETRY_AFTER_SECONDS, storeHealth } from './health.js';
export type { ItemIdentityRow } from './item-identity.js';
export type { MappingReview } from './mapping-reviews.js';
export { pendingMappingReviews } from './mapping-reviews.js';
export { latestSchemaVersion } from './migrate.js';
export type { StoreLocationInput } from './open.js';
export { isPostgresUrl, openStore, resolveDatabase, resolveDataHome } from './open.js';
export { openPostgresStore, redactUrl } from './postgres.js';
export type { Database } from './schema.js';
export { openSqliteStore } from './sqlite.js';
export type { ImportFileInfo, ImportLog, ResumePoint, StartedFile, Store } from './store.js';
export type { Cell, FlatRows, Row, TableSpec } from './tables.js';
export { TABLE_LIST, TABLES, toStoredRow } from './tables.js';
export type { UnresolvedReference } from './unresolved.js';
export { findUnresolvedReferences } from './unresolved.js';
