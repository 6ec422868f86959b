/**
 * The period of the current URL, and links that keep it. A URL without dates gets the default
 * preset as soon as the data's extent is known, written back into the URL (replacing the entry),
 * so what is on screen is always a shareable link.
 */
import { useEffect, useMemo } from 'react';
import { useExtent } from '../api/queries';
import { endDay, isDay, type Period, periodFromSearch, periodParams } from './period';
import { navigate, useLocation } from './router';

export interface PeriodState {
  /** Null until the period is known (the extent is loading for a URL without dates). */
  readonly period: Period | null;
  /** The day the presets end at. */
  readonly end: string | null;
  readonly error: unknown;
}

export function usePeriod(): PeriodState {
  const { search, pathname } = useLocation();
  const extent = useExtent();
  const explicit = isDay(search.get('from')) && isDay(search.get('to'));
  const end = extent.data === undefined ? null : endDay(extent.data.lastActivity, Date.now());
  const period = useMemo(() => {
    if (end !== null) return periodFromSearch(search, end);
    // With dates in the URL, the extent is not needed to show them.
    return explicit ? periodFromSearch(search, search.get('to') as string) : null;
  }, [search, end, explicit]);
  const inUrl =
    period !== null &&
    search.get('from') === period.from &&
    search.get('to') === period.to &&
    search.get('range') === period.range;
  useEffect(() => {
    if (period === null || inUrl) return;
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(periodParams(period))) next.set(key, value);
    navigate(`${pathname}?${next.toString()}`, { replace: true });
  }, [period, inUrl, search, pathname]);
  return { period, end, error: extent.error };
}

/** A path with the current period's parameters (and others), so a link keeps the period. */
export function useHref(): (path: string, extra?: Record<string, string | undefined>) => string {
  const { search } = useLocation();
  return (path, extra = {}) => {
    const next = new URLSearchParams();
    for (const key of ['from', 'to', 'range']) {
      const value = search.get(key);
      if (value !== null) next.set(key, value);
    }
    for (const [key, value] of Object.entries(extra)) if (value !== undefined) next.set(key, value);
    const query = next.toString();
    return query === '' ? path : `${path}?${query}`;
  };
}
