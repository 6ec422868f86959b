/**
 * Annotations (src/server/annotation-routes.ts; the OpenAPI document is the reference): dated notes
 * on a scope, the list a scope's charts show (its own and those of the scopes inside it), adding and
 * removing one, and its measured impact.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import { apiSend } from './org';
import type { ScopeQuery } from './types';

export interface Annotation {
  readonly id: number;
  /** {} for the whole organisation. */
  readonly scope: ScopeQuery;
  /** ISO 8601 instant. */
  readonly at: string;
  readonly title: string;
  readonly description: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
}

export type ImpactMetric =
  | 'flowTimeP50'
  | 'flowTimeP85'
  | 'efficiency'
  | 'velocityPerWeek'
  | 'changeFailureRate'
  | 'defectShare';

export type ImpactVerdict = 'better' | 'worse' | 'no clear change' | 'too little data';

export interface MetricImpact {
  readonly before: number | null;
  readonly after: number | null;
  readonly change: number | null;
  readonly interval: readonly [number, number] | null;
  readonly better: 'lower' | 'higher';
  readonly verdict: ImpactVerdict;
}

export interface ImpactDocument {
  readonly annotation: Annotation;
  readonly before: { readonly from: string; readonly to: string };
  readonly after: { readonly from: string; readonly to: string };
  readonly windowDays: number;
  readonly seed: number;
  readonly impact: {
    readonly metrics: Record<ImpactMetric, MetricImpact>;
    readonly counts: {
      readonly before: { readonly items: number; readonly deployments: number; readonly days: number };
      readonly after: { readonly items: number; readonly deployments: number; readonly days: number };
    };
    readonly summary: readonly string[];
  };
}

export interface NewAnnotation {
  readonly scope: ScopeQuery;
  /** YYYY-MM-DD. */
  readonly at: string;
  readonly title: string;
  readonly description: string | null;
}

const scopeParams = (scope: ScopeQuery) => ({
  team: scope.team,
  valueStream: scope.valueStream,
  portfolio: scope.portfolio,
});

/** The annotations a scope's charts show within [from, to). */
export const useAnnotations = (scope: ScopeQuery, period: { readonly from: string; readonly to: string }) =>
  useQuery({
    queryKey: ['/annotations', scopeParams(scope), period.from, period.to],
    queryFn: ({ signal }) =>
      apiGet<{ annotations: readonly Annotation[] }>(
        '/annotations',
        { ...scopeParams(scope), from: period.from, to: period.to },
        signal,
      ),
  });

export const useAnnotationImpact = (id: number | null) =>
  useQuery({
    queryKey: ['/annotations/impact', id],
    queryFn: ({ signal }) => apiGet<ImpactDocument>(`/annotations/${id}/impact`, {}, signal),
    enabled: id !== null,
  });

export const addAnnotation = (input: NewAnnotation) => apiSend<Annotation>('POST', '/annotations', input);

export const removeAnnotation = (id: number) => apiSend<{ removed: boolean }>('DELETE', `/annotations/${id}`);
