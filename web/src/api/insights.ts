/**
 * Insights and improvement items (src/server/insight-routes.ts, improvement-routes.ts; the OpenAPI
 * document is the reference): the findings of a scope with their evidence, the improvement items
 * made from them, the trackers they can be written back to, and the edits.
 */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import { apiSend } from './org';
import type { ScopeQuery } from './types';

export type InsightRule =
  | 'new-bottleneck'
  | 'load-above-range'
  | 'aging-items'
  | 'distribution-drift'
  | 'dora-tier-drop'
  | 'data-quality-regression';

export interface Insight {
  readonly rule: InsightRule;
  readonly severity: 'high' | 'medium' | 'low';
  readonly title: string;
  readonly explanation: string;
  readonly evidence: {
    readonly numbers: Readonly<Record<string, number | string | null>>;
    /** A path of this web app, with the scope and period. */
    readonly chart: string;
  };
  readonly action: string;
}

export interface InsightsDocument {
  readonly scope: ScopeQuery;
  readonly period: { readonly from: string; readonly to: string };
  readonly baseline: { readonly from: string; readonly to: string; readonly periods: number };
  readonly target: { readonly feature: number; readonly defect: number; readonly debtAndRisk: number } | null;
  readonly insights: readonly Insight[];
}

export type ImprovementType = 'debt' | 'risk';

export interface Improvement {
  readonly id: number;
  readonly item: { readonly source: string; readonly id: string; readonly url: string | null };
  readonly team: string;
  readonly type: ImprovementType;
  readonly title: string;
  readonly insight: Insight & { readonly subject: string | null };
  readonly scope: ScopeQuery;
  readonly period: { readonly from: string; readonly to: string };
  readonly createdAt: string;
  readonly createdBy: string;
  readonly tracker: { readonly source: string; readonly key: string; readonly url: string } | null;
  readonly status: string | null;
}

export interface Tracker {
  readonly source: string;
  readonly kind: 'jira' | 'github';
  readonly projects: readonly string[];
  readonly repos: readonly string[];
  readonly types: { readonly debt: string | null; readonly risk: string | null };
}

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
    queryFn: ({ signal }) => apiGet<{ improvements: readonly Improvement[] }>('/improvements', {}, signal),
  });

export const useTrackers = () =>
  useQuery({
    queryKey: ['/improvements/trackers'],
    queryFn: ({ signal }) => apiGet<{ trackers: readonly Tracker[] }>('/improvements/trackers', {}, signal),
    staleTime: 5 * 60_000,
  });

export const createImprovement = (input: NewImprovement) =>
  apiSend<Improvement>('POST', '/improvements', input);

export const setImprovementStatus = ({ id, status }: { id: number; status: string }) =>
  apiSend<Improvement>('PATCH', `/improvements/${id}`, { status });
