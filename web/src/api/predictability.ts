/**
 * Flow predictability (src/server/predictability-routes.ts; the types are the OpenAPI document's,
 * see schema.ts): the sprints of a scope that close in a period, planned against delivered, and the
 * summary.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import type { ApiAnswer } from './schema';
import type { ScopeQuery } from './types';

/** GET /metrics/predictability: the sprints that close in the period, planned against delivered. */
export type PredictabilityDocument = ApiAnswer<'/api/v1/metrics/predictability'>;
export type SprintPredictability = PredictabilityDocument['sprints'][number];

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
