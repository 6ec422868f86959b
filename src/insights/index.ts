export type {
  AgingItem,
  AllocationTarget,
  Insight,
  InsightInput,
  InsightRule,
  PeriodMetrics,
  Thresholds,
  Tier,
} from './rules.js';
export { DEFAULT_THRESHOLDS, findInsights } from './rules.js';
