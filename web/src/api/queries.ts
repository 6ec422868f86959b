/**
 * The data of the screens, one TanStack Query hook per API route. Answers are cached by route and
 * parameters, so moving between screens reuses what was already fetched (the overview's value
 * stream figures are the value stream page's headline figures).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dayStartIn } from '../lib/period';
import { ApiError, apiGet, type Params } from './client';
import type { ApiPath } from './schema';
import type {
  CalendarSetting,
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

function get<T>(path: ApiPath, params: Params = {}) {
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

/**
 * Only the dates: a period from the URL also carries its `range`, which the API does not take. The
 * days start at 00:00 in the organisation's time zone (docs/metrics.md §1): UTC days are sent as
 * they are, other zones' as the instants of their local midnights.
 */
const dates = (period: PeriodQuery, timeZone: string | undefined): Params => ({
  from: dayStartIn(period.from, timeZone),
  to: dayStartIn(period.to, timeZone),
});

/** The organisation's calendar (GET /settings/calendar); rarely changed. */
export const useCalendarSetting = () =>
  useQuery({ ...get<CalendarSetting>('/settings/calendar'), staleTime: 5 * 60_000 });

/**
 * The time zone the period's days are in, and whether it is known yet (the period's queries wait
 * for it; a failed read leaves UTC).
 */
function usePeriodZone(): { readonly timeZone: string | undefined; readonly known: boolean } {
  const calendar = useCalendarSetting();
  return { timeZone: calendar.data?.timeZone, known: calendar.isFetched || calendar.isError };
}

const scopeParams = (scope: ScopeQuery): Params => ({
  team: scope.team,
  valueStream: scope.valueStream,
  portfolio: scope.portfolio,
});

export const useOrg = () => useQuery({ ...get<OrgDocument>('/org'), staleTime: 5 * 60_000 });
export const useExtent = () => useQuery({ ...get<ExtentDocument>('/extent'), staleTime: 5 * 60_000 });

export const useMetrics = (scope: ScopeQuery, period: PeriodQuery, enabled = true) => {
  const zone = usePeriodZone();
  return useQuery({
    ...get<MetricsDocument>('/metrics', { ...dates(period, zone.timeZone), ...scopeParams(scope) }),
    enabled: enabled && zone.known,
  });
};

export const useTrend = (scope: ScopeQuery, period: PeriodQuery, bucket: 'week' | 'month') => {
  const zone = usePeriodZone();
  return useQuery({
    ...get<TrendDocument>('/metrics/trend', {
      ...dates(period, zone.timeZone),
      ...scopeParams(scope),
      bucket,
    }),
    enabled: zone.known,
  });
};

export const useStatusTimes = (scope: ScopeQuery, period: PeriodQuery) => {
  const zone = usePeriodZone();
  return useQuery({
    ...get<StatusTimesDocument>('/metrics/statuses', {
      ...dates(period, zone.timeZone),
      ...scopeParams(scope),
    }),
    enabled: zone.known,
  });
};

export const useSeries = (scope: ScopeQuery, period: PeriodQuery) => {
  const zone = usePeriodZone();
  return useQuery({
    ...get<SeriesDocument>('/metrics/series', {
      ...dates(period, zone.timeZone),
      ...scopeParams(scope),
      aging: 100_000,
    }),
    enabled: zone.known,
  });
};

export const useCompleted = (scope: ScopeQuery, period: PeriodQuery) => {
  const zone = usePeriodZone();
  return useQuery({
    ...get<CompletedDocument>('/metrics/completed', {
      ...dates(period, zone.timeZone),
      ...scopeParams(scope),
    }),
    enabled: zone.known,
  });
};

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
