/**
 * Insights and improvement items (src/server/insight-routes.ts, improvement-routes.ts; the types are
 * the OpenAPI document's, see schema.ts): the findings of a scope with their evidence, the
 * improvement items made from them, the trackers they can be written back to, and the edits.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import { apiSend } from './org';
import type { Accepted, Answers, ApiAnswer, ApiBody, Assert } from './schema';
import type { ScopeQuery } from './types';

/** GET /insights: the findings of a scope over a period, with the baseline they are measured against. */
export type InsightsDocument = ApiAnswer<'/api/v1/insights'>;
export type Insight = InsightsDocument['insights'][number];
export type InsightRule = Insight['rule'];

/** GET /improvements: every improvement item, newest first. */
export type ImprovementsDocument = ApiAnswer<'/api/v1/improvements'>;
export type Improvement = ImprovementsDocument['improvements'][number];
export type ImprovementType = Improvement['type'];

/** GET /improvements/trackers: the sources improvement items can be written back to. */
export type TrackersDocument = ApiAnswer<'/api/v1/improvements/trackers'>;
export type Tracker = TrackersDocument['trackers'][number];

/** What the UI sends to POST /improvements: narrower than what the route accepts (the scope is always sent). */
export interface NewImprovement {
  readonly scope: ScopeQuery;
  readonly rule: InsightRule;
  readonly subject?: string;
  readonly to: string;
  readonly periodDays: number;
  readonly type: ImprovementType;
  readonly team?: string;
  readonly title?: string;
  readonly writeBack?: { readonly source: string; readonly project?: string; readonly repo?: string };
}

export const IMPROVEMENT_STATUSES = ['open', 'in progress', 'done', 'cancelled'] as const;

type ImprovementStatus = ApiBody<'/api/v1/improvements/{id}', 'patch'>['status'];
// The route accepts what the UI sends, and the UI offers every status the route accepts; the
// answers of the edits are the improvement items the list shows.
type _Checks = [
  Assert<Accepted<NewImprovement, ApiBody<'/api/v1/improvements', 'post'>>>,
  Assert<Answers<ImprovementStatus, (typeof IMPROVEMENT_STATUSES)[number]>>,
  Assert<Answers<(typeof IMPROVEMENT_STATUSES)[number], ImprovementStatus>>,
  Assert<Answers<ApiAnswer<'/api/v1/improvements', 'post', 201>, Improvement>>,
  Assert<Answers<ApiAnswer<'/api/v1/improvements/{id}', 'patch'>, Improvement>>,
];

const scopeParams = (scope: ScopeQuery) => ({
  team: scope.team,
  valueStream: scope.valueStream,
  portfolio: scope.portfolio,
});

/** The subject that tells apart the insights of one rule (as the server reads it). */
export function insightSubject(insight: Insight): string | null {
  const n = insight.evidence.numbers;
  const subject = n.status ?? n.metric ?? n.check;
  return typeof subject === 'string' ? subject : null;
}

export const useInsights = (scope: ScopeQuery, to: string, periodDays: number) =>
  useQuery({
    queryKey: ['/insights', scopeParams(scope), to, periodDays],
    queryFn: ({ signal }) =>
      apiGet<InsightsDocument>('/insights', { ...scopeParams(scope), to, periodDays }, signal),
  });

export const useImprovements = () =>
  useQuery({
    queryKey: ['/improvements'],
    queryFn: ({ signal }) => apiGet<ImprovementsDocument>('/improvements', {}, signal),
  });

export const useTrackers = () =>
  useQuery({
    queryKey: ['/improvements/trackers'],
    queryFn: ({ signal }) => apiGet<TrackersDocument>('/improvements/trackers', {}, signal),
    staleTime: 5 * 60_000,
  });

export const createImprovement = (input: NewImprovement) =>
  apiSend<Improvement>('POST', '/improvements', input);

export const setImprovementStatus = ({ id, status }: { id: number; status: string }) =>
  apiSend<Improvement>('PATCH', `/improvements/${id}`, { status });
