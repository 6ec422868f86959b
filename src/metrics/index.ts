export type {
  DoraChange,
  DoraDeployment,
  DoraIncident,
  DoraIndex,
  DoraInput,
  DoraMetrics,
  DoraTier,
  ShippedDeployment,
} from './dora-metrics.js';
export {
  computeDoraMetrics,
  DoraBuilder,
  deploymentFrequencyTier,
  prepareDora,
  queryDora,
} from './dora-metrics.js';
export type { EncodedFacts, FlatFacts, IndexColumns, IndexedItem } from './fact-index.js';
export {
  Dictionary,
  decodeFacts,
  encodedFromHistory,
  encodeFacts,
  FactIndex,
  FLAG,
  STAGE_CODES,
  STATE_CODES,
  toFlatFacts,
} from './fact-index.js';
export type { SnapshotStamp } from './fact-snapshot.js';
export {
  decodeSnapshot,
  encodeSnapshot,
  SNAPSHOT_FORMAT,
  SnapshotError,
  snapshotStamp,
} from './fact-snapshot.js';
export type { FactsChunk } from './facts-chunk.js';
export { CHUNK_NUMBERS, FactsChunkBuilder, FactsChunkReader } from './facts-chunk.js';
export type {
  AgingItem,
  CumulativeFlowDay,
  DetailedFlowItem,
  FlowDetails,
  WaitingStatus,
} from './flow-details.js';
export { computeFlowDetails } from './flow-details.js';
export type { DurationSummary, FlowItem, FlowMetrics, Period, Shares } from './flow-metrics.js';
export { averageDailyLoad, computeFlowMetrics, indexItems, isInProgressAt } from './flow-metrics.js';
export type { HeadlineMetrics, HeadlinePart } from './headline.js';
export { headlineMetrics } from './headline.js';
export type {
  ItemFacts,
  ItemHistoryInput,
  StageOrUnmapped,
  StatusChange,
  StatusClass,
  StatusSpan,
} from './item-history.js';
export { computeItemFacts, orderChanges } from './item-history.js';
export type { MappingDefinition, TypeClass } from './mapping.js';
export { Mappings, UNMAPPED_STATUS } from './mapping.js';
export { percentileBySelection, percentileOfSorted, summarizeDurations } from './percentile.js';
export type { FlowQueryResult, ItemQuality, TeamWindows } from './period-query.js';
export {
  clipToWindows,
  dailySamples,
  isInWindows,
  queryFlow,
  referenceInstant,
  statusAt,
  teamWindows,
} from './period-query.js';
export type { StatusUse } from './status-use.js';
export { statusUse } from './status-use.js';
