/**
 * The organisation's headline flow metrics over several fact indexes at once: what the mapping
 * editor's preview shows before a mapping is saved (docs/organisation.md, "The mapping editor").
 * The items of one source are taken from a small index of their facts recomputed with the proposed
 * mapping, the others from the engine's index, and the figures are those `queryFlow` gives for the
 * whole organisation (metrics.md §4), by the same formulas. Pure; durations returned in seconds.
 */
import { type Calendar, FLOW_TYPES } from '../domain/index.js';
import { type FactIndex, FLAG, STAGE_CODES, UNMAPPED_STAGE } from './fact-index.js';
import type { StageOrUnmapped } from './item-history.js';
import { percentileBySelection } from './percentile.js';
import { type DurationSummary, dailySamples, type FlowMetrics, type Period } from './period-query.js';

/** Velocity, flow and lead time, efficiency, load, distribution and stage shares of a period. */
export type HeadlineMetrics = Pick<
  FlowMetrics,
  'velocity' | 'flowTime' | 'leadTime' | 'efficiency' | 'load' | 'distribution' | 'stages'
>;

/** An index to take items from: all of them, all but one source's, or one source's only. */
export interface HeadlinePart {
  readonly index: FactIndex;
  /** Leave out this source's items (they come from another part). */
  readonly excludeSource?: string;
  /** Take only this source's items. */
  readonly onlySource?: string;
}

/** The headline metrics of every flow item of the parts, for the period, as queryFlow computes them. */
export function headlineMetrics(
  parts: readonly HeadlinePart[],
  period: Period,
  calendar?: Calendar,
): HeadlineMetrics {
  const { fromMs, toMs } = period;
  const { samples, sampleOf } = dailySamples(period, calendar);
  const loadDiff = new Float64Array(samples + 1);
  let atEnd = 0;
  const flowTimes: number[] = [];
  const leadTimes: number[] = [];
  const byType = [0, 0, 0, 0];
  const stageSums = new Float64Array(STAGE_CODES.length);
  let activeSum = 0;
  let flowSum = 0;
  let leadSum = 0;
  let unmappedStage = false;

  for (const { index, excludeSource, onlySource } of parts) {
    const excluded = excludeSource === undefined ? undefined : index.sources.find(excludeSource);
    const only = onlySource === undefined ? undefined : (index.sources.find(onlySource) ?? -1);
    index.forEachSlot(null, (slot) => {
      if (excluded !== undefined && index.source[slot] === excluded) return;
      if (only !== undefined && index.source[slot] !== only) return;
      const c = index.completedAt[slot] as number;
      if (c >= fromMs && c < toMs) {
        const type = index.flowType[slot] as number;
        byType[type] = (byType[type] as number) + 1;
        const flowMs = index.flowMs[slot] as number;
        const leadMs = index.leadMs[slot] as number;
        flowTimes.push(flowMs);
        leadTimes.push(leadMs);
        flowSum += flowMs;
        leadSum += leadMs;
        activeSum += index.activeMs[slot] as number;
        for (let s = 0; s < STAGE_CODES.length; s++)
          stageSums[s] = (stageSums[s] as number) + (index.stageMs[slot * STAGE_CODES.length + s] as number);
        if ((index.flags[slot] as number) & FLAG.unmappedStageTime) unmappedStage = true;
      }
      const wipFrom = index.wipOffset[slot] as number;
      const wipTo = wipFrom + (index.wipCount[slot] as number);
      for (let w = wipFrom; w < wipTo; w++) {
        const start = index.wipStart[w] as number;
        const end = index.wipEnd[w] as number;
        if (start <= toMs && toMs < end) atEnd++;
        const k0 = sampleOf(start);
        const k1 = sampleOf(end);
        if (samples > 0 && k0 < k1) {
          loadDiff[k0] = (loadDiff[k0] as number) + 1;
          loadDiff[k1] = (loadDiff[k1] as number) - 1;
        }
      }
    });
  }

  let load = 0;
  let loadSum = 0;
  for (let k = 0; k < samples; k++) {
    load += loadDiff[k] as number;
    loadSum += load;
  }
  const n = flowTimes.length;
  const stages: Partial<Record<StageOrUnmapped, number | null>> = {};
  for (let s = 0; s < STAGE_CODES.length; s++) {
    if (s === UNMAPPED_STAGE && !unmappedStage) continue;
    stages[STAGE_CODES[s] as StageOrUnmapped] = leadSum > 0 ? (stageSums[s] as number) / leadSum : null;
  }
  return {
    velocity: {
      total: n,
      byType: Object.fromEntries(
        FLOW_TYPES.map((type, t) => [type, byType[t]]),
      ) as HeadlineMetrics['velocity']['byType'],
    },
    flowTime: summary(Float64Array.from(flowTimes)),
    leadTime: summary(Float64Array.from(leadTimes)),
    efficiency: flowSum > 0 ? activeSum / flowSum : null,
    load: { average: samples > 0 ? loadSum / samples : null, atEnd },
    distribution: Object.fromEntries(
      FLOW_TYPES.map((type, t) => [type, n > 0 ? (byType[t] as number) / n : null]),
    ) as HeadlineMetrics['distribution'],
    stages,
  };
}

function summary(valuesMs: Float64Array): DurationSummary {
  const median = percentileBySelection(valuesMs, 50);
  const p85 = percentileBySelection(valuesMs, 85);
  return {
    median: median === null ? null : median / 1000,
    p85: p85 === null ? null : p85 / 1000,
    count: valuesMs.length,
  };
}
