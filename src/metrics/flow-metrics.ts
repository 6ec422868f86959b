/**
 * Flow metrics of a period [from, to) over a list of items (docs/metrics.md §4): the list is
 * indexed and queried as the server queries its whole index (period-query.ts). Pure.
 */
import type { FlowType } from '../domain/index.js';
import { FactIndex, type IndexedItem } from './fact-index.js';
import type { ItemFacts } from './item-history.js';
import { type FlowMetrics, type Period, queryFlow } from './period-query.js';

export type { DurationSummary, FlowMetrics, Period, Shares } from './period-query.js';

/** An item with its facts and its flow item type (an unmapped raw type counts as `feature`). */
export interface FlowItem {
  readonly source?: string;
  readonly id?: string;
  readonly team?: string | null;
  readonly facts: IndexedItem['facts'] & Pick<ItemFacts, 'createdAtMs'>;
  readonly flowType: FlowType;
}

/** Indexes plain items (ids default to their position). */
export function indexItems(items: readonly FlowItem[]): FactIndex {
  return FactIndex.from(
    items.map((item, i) => ({
      source: item.source ?? '',
      id: item.id ?? String(i),
      team: item.team ?? null,
      flowType: item.flowType,
      facts: item.facts,
    })),
  );
}

/** The flow metrics of the items for the period. */
export function computeFlowMetrics(items: readonly FlowItem[], period: Period): FlowMetrics {
  return queryFlow(indexItems(items), null, period).flow;
}

/** Whether the item is work in progress at instant t (started, and waiting or active then). */
export function isInProgressAt(item: Pick<FlowItem, 'facts'>, t: number): boolean {
  return item.facts.wipIntervals.some(([start, end]) => start <= t && (end === null || t < end));
}

/** The mean of the load sampled at 00:00 UTC of each day in [from, to); null with no such instant. */
export function averageDailyLoad(items: readonly FlowItem[], period: Period): number | null {
  return computeFlowMetrics(items, period).load.average;
}
