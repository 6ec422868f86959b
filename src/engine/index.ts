export type { Annotation, AnnotationScopeKind, ImpactDocument, NewAnnotation } from './annotations.js';
export {
  addAnnotation,
  annotationImpact,
  getAnnotation,
  listAnnotations,
  removeAnnotation,
} from './annotations.js';
export { CALENDAR_SETTING_KEY, calendarField, loadCalendarSettings } from './calendar-setting.js';
export type {
  DataQuality,
  EngineOptions,
  MetricsDocument,
  MetricsQuery,
  RefreshRequest,
  SnapshotEvent,
} from './engine.js';
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
export {
  DEFAULT_HISTORY_DAYS,
  DEFAULT_SEED,
  forecastHowManyFor,
  forecastWhenFor,
  parseExcludedDays,
} from './forecast.js';
export type { InsightsDocument, InsightsQuery } from './insights.js';
export { getAllocationTarget, scopeInsights, setAllocationTarget } from './insights.js';
export type { MovableKind, OrgModel, ResolvedScope, ScopeQuery } from './org.js';
export { loadOrg, orgTree, pastParents, resolveScope, serviceFilter } from './org.js';
export { parseDateParam } from './params.js';
export type {
  PredictabilityDocument,
  PredictabilityQuery,
  SprintPredictability,
} from './predictability.js';
export { predictabilityFor } from './predictability.js';
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
