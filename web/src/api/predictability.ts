/**
 * Flow predictability (src/server/predictability-routes.ts; the OpenAPI document is the reference):
 * the sprints of a scope that close in a period, planned against delivered, and the summary.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import type { ScopeQuery } from './types';

export interface SprintPredictability {
  readonly source: string;
  readonly id: string;
  readonly name: string;
  readonly team: string | null;
  readonly state: string | null;
  readonly start: string;
  readonly end: string;
  readonly completedAt: string | null;
  readonly closedAt: string;
  readonly goal: string | null;
  readonly planned: number;
  readonly added: number;
  readonly removed: number;
  readonly delivered: number;
  readonly completed: number;
  readonly notDelivered: number;
  readonly doneBeforeStart: number;
  readonly excluded: number;
  readonly ratio: number | null;
  readonly completionRatio: number | null;
}

export interface PredictabilityDocument {
  readonly period: { readonly from: string; readonly to: string };
  readonly scope: ScopeQuery;
  readonly band: { readonly low: number; readonly high: number };
  readonly sprints: readonly SprintPredictability[];
  readonly summary: {
    readonly sprints: number;
    readonly measured: number;
    readonly meanRatio: number | null;
    readonly medianRatio: number | null;
    readonly minRatio: number | null;
    readonly maxRatio: number | null;
    readonly inBand: number;
    readonly band: { readonly low: number; readonly high: number };
    readonly planned: number;
    readonly delivered: number;
    readonly added: number;
    readonly removed: number;
  };
}

export const usePredictability = (scope: ScopeQuery, period: { from: string; to: string }) => {
  const params = {
    from: period.from,
    to: period.to,
    team: scope.team,
    valueStream: scope.valueStream,
    portfolio: scope.portfolio,
  };
  return useQuery({
    queryKey: ['/metrics/predictability', params],
    queryFn: ({ signal }) => apiGet<PredictabilityDocument>('/metrics/predictability', params, signal),
  });
};
