export type { DataQuality, EngineOptions, MetricsDocument, MetricsQuery, SnapshotEvent } from './engine.js';
export { checkPeriod, MetricsEngine } from './engine.js';
export type { FactsVersion, RefreshOptions, RefreshReport, StoredItem } from './facts.js';
export {
  itemFacts,
  loadMappings,
  pendingFactCount,
  readFactsVersion,
  rebuildFacts,
  refreshFacts,
} from './facts.js';
export type { ForecastHistory, ForecastQuery, HowManyDocument, WhenDocument } from './forecast.js';
export { DEFAULT_HISTORY_DAYS, DEFAULT_SEED, forecastHowManyFor, forecastWhenFor } from './forecast.js';
export type { OrgModel, ResolvedScope, ScopeQuery } from './org.js';
export { loadOrg, orgTree, resolveScope, servicesOf } from './org.js';
export { parseDateParam } from './params.js';
export { defaultSnapshotPath, loadSnapshot, saveSnapshot } from './snapshot.js';
export type {
  CompletedQuery,
  ItemListQuery,
  ItemSort,
  ItemStateFilter,
  TrendBucket,
  TrendQuery,
} from './views.js';
export {
  bucketBoundaries,
  completedItems,
  dataExtent,
  dataQualityItems,
  flowTrend,
  ITEM_SORTS,
  ITEM_STATES,
  listItems,
  statusTimes,
} from './views.js';
