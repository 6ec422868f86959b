export type {
  DoraChange,
  DoraDeployment,
  DoraIncident,
  DoraInput,
  DoraMetrics,
  DoraTier,
} from './dora-metrics.js';
export { computeDoraMetrics, deploymentFrequencyTier } from './dora-metrics.js';
export type {
  AgingItem,
  CumulativeFlowDay,
  DetailedFlowItem,
  FlowDetails,
  WaitingStatus,
} from './flow-details.js';
export { computeFlowDetails } from './flow-details.js';
export type { DurationSummary, FlowItem, FlowMetrics, Period, Shares } from './flow-metrics.js';
export { averageDailyLoad, computeFlowMetrics, isInProgressAt } from './flow-metrics.js';
export type {
  ItemFacts,
  ItemHistoryInput,
  StageOrUnmapped,
  StatusChange,
  StatusClass,
  StatusSpan,
} from './item-history.js';
export { computeItemFacts, orderChanges } from './item-history.js';
export { percentileOfSorted, summarizeDurations } from './percentile.js';
