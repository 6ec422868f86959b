/**
 * Annotations (src/server/annotation-routes.ts; the types are the OpenAPI document's, see
 * schema.ts): dated notes on a scope, the list a scope's charts show (its own and those of the
 * scopes inside it), adding and removing one, and its measured impact.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import { apiSend } from './org';
import type { Accepted, Answers, ApiAnswer, ApiBody, Assert } from './schema';
import type { ScopeQuery } from './types';

/** GET /annotations: the annotations a scope's charts show. */
export type AnnotationsDocument = ApiAnswer<'/api/v1/annotations'>;
/** A dated note; its scope is {} for the whole organisation, `at` an ISO 8601 instant. */
export type Annotation = AnnotationsDocument['annotations'][number];

/** GET /annotations/{id}/impact: the metrics before and after an annotation, and the verdicts. */
export type ImpactDocument = ApiAnswer<'/api/v1/annotations/{id}/impact'>;
export type ImpactMetric = keyof ImpactDocument['impact']['metrics'];
export type MetricImpact = ImpactDocument['impact']['metrics'][ImpactMetric];
export type ImpactVerdict = MetricImpact['verdict'];

/**
 * What the UI sends to POST /annotations: narrower than what the route accepts (the scope and the
 * description are always sent).
 */
export interface NewAnnotation {
  readonly scope: ScopeQuery;
  /** YYYY-MM-DD. */
  readonly at: string;
  readonly title: string;
  readonly description: string | null;
}

// The route accepts what the UI sends; its answer is an annotation as the list shows it.
type _Checks = [
  Assert<Accepted<NewAnnotation, ApiBody<'/api/v1/annotations', 'post'>>>,
  Assert<Answers<ApiAnswer<'/api/v1/annotations', 'post', 201>, Annotation>>,
];

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
      apiGet<AnnotationsDocument>(
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

export const removeAnnotation = (id: number) =>
  apiSend<ApiAnswer<'/api/v1/annotations/{id}', 'delete'>>('DELETE', `/annotations/${id}`);
