/**
 * The views behind the flow metrics of a period over a list of items (docs/metrics.md §4): wait by
 * status (the bottleneck ranking), aging work in progress, cumulative flow, and the daily and
 * weekly series. The list is indexed and queried as the server queries its index. Pure.
 */
import { type FlowItem, indexItems } from './flow-metrics.js';
import { type FlowDetails, type Period, queryFlow } from './period-query.js';

export type { AgingItem, CumulativeFlowDay, FlowDetails, WaitingStatus } from './period-query.js';

/** An item with an id, for the views that list items. */
export interface DetailedFlowItem extends FlowItem {
  readonly id: string;
}

export function computeFlowDetails(items: readonly DetailedFlowItem[], period: Period): FlowDetails {
  return queryFlow(indexItems(items), null, period, { details: true }).details as FlowDetails;
}
