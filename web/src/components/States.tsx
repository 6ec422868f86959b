/** Loading, empty and error states, and a view of a query that shows the right one. */
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ label, height = 120 }: { label: string; height?: number }) {
  return (
    <div className="skeleton" style={{ height }} role="status" aria-live="polite">
      <span className="visually-hidden">Loading {label}…</span>
    </div>
  );
}

export function ErrorState({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  const message =
    error instanceof ApiError
      ? error.message
      : error instanceof Error
        ? error.message
        : 'Something went wrong.';
  return (
    <div className="state-box error" role="alert">
      <strong>Could not load {what}.</strong>
      <p>{message}</p>
      {onRetry !== undefined && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state-box">{children}</div>;
}

/** Loading, error or the data, from a TanStack query. */
export function QueryView<T>({
  query,
  what,
  height,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  height?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={what} {...(height === undefined ? {} : { height })} />;
  if (query.isError)
    return <ErrorState error={query.error} what={what} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
