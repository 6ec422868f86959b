export type { DataQuality, EngineOptions, MetricsDocument, MetricsQuery } from './engine.js';
export { checkPeriod, MetricsEngine } from './engine.js';
export type { RefreshOptions, RefreshReport, StoredItem } from './facts.js';
export { itemFacts, loadMappings, pendingFactCount, rebuildFacts, refreshFacts } from './facts.js';
export type { OrgModel, ResolvedScope, ScopeQuery } from './org.js';
export { loadOrg, orgTree, resolveScope, servicesOf } from './org.js';
export { parseDateParam } from './params.js';
