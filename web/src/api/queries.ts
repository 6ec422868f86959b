/**
 * The data of the screens, one TanStack Query hook per API route. Answers are cached by route and
 * parameters, so moving between screens reuses what was already fetched (the overview's value
 * stream figures are the value stream page's headline figures).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, apiGet, type Params } from './client';
import type {
  CompletedDocument,
  DataQualityItemsDocument,
  ExtentDocument,
  ItemDocument,
  ItemListDocument,
  MetricsDocument,
  OrgDocument,
  ScopeQuery,
  SeriesDocument,
  StatusTimesDocument,
  TrendDocument,
} from './types';

export interface PeriodQuery {
  readonly from: string;
  readonly to: string;
}

function get<T>(path: string, params: Params = {}) {
  return {
    queryKey: [path, params],
    queryFn: ({ signal }: { signal: AbortSignal }) => apiGet<T>(path, params, signal),
  };
}

/** Client errors (4xx) are answers, not accidents: they are not retried. */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

/** Only the dates: a period from the URL also carries its `range`, which the API does not take. */
const dates = (period: PeriodQuery): Params => ({ from: period.from, to: period.to });

const scopeParams = (scope: ScopeQuery): Params => ({
  team: scope.team,
  valueStream: scope.valueStream,
  portfolio: scope.portfolio,
});

export const useOrg = () => useQuery({ ...get<OrgDocument>('/org'), staleTime: 5 * 60_000 });
export const useExtent = () => useQuery({ ...get<ExtentDocument>('/extent'), staleTime: 5 * 60_000 });

export const useMetrics = (scope: ScopeQuery, period: PeriodQuery, enabled = true) =>
  useQuery({ ...get<MetricsDocument>('/metrics', { ...dates(period), ...scopeParams(scope) }), enabled });

export const useTrend = (scope: ScopeQuery, period: PeriodQuery, bucket: 'week' | 'month') =>
  useQuery(get<TrendDocument>('/metrics/trend', { ...dates(period), ...scopeParams(scope), bucket }));

export const useStatusTimes = (scope: ScopeQuery, period: PeriodQuery) =>
  useQuery(get<StatusTimesDocument>('/metrics/statuses', { ...dates(period), ...scopeParams(scope) }));

export const useSeries = (scope: ScopeQuery, period: PeriodQuery) =>
  useQuery(
    get<SeriesDocument>('/metrics/series', { ...dates(period), ...scopeParams(scope), aging: 100_000 }),
  );

export const useCompleted = (scope: ScopeQuery, period: PeriodQuery) =>
  useQuery(get<CompletedDocument>('/metrics/completed', { ...dates(period), ...scopeParams(scope) }));

export interface ItemFilters {
  readonly state?: string;
  readonly flowType?: string;
  readonly status?: string;
  readonly q?: string;
  readonly sort: string;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
  readonly asOf?: string;
}

export const useItemList = (scope: ScopeQuery, filters: ItemFilters) =>
  useQuery({
    ...get<ItemListDocument>('/items', { ...scopeParams(scope), ...filters }),
    placeholderData: keepPreviousData,
  });

export const useItem = (source: string, id: string) =>
  useQuery(get<ItemDocument>(`/items/${encodeURIComponent(source)}/${encodeURIComponent(id)}`));

export const useDataQualityItems = (scope: ScopeQuery) =>
  useQuery(get<DataQualityItemsDocument>('/data-quality/items', scopeParams(scope)));
