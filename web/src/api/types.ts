/**
 * The shapes of the API's answers the UI reads: aliases of the OpenAPI document's types
 * (openapi.d.ts, generated from /api/v1/openapi.json, whose route schemas are in
 * src/server/schemas.ts and ui-schemas.ts; see schema.ts). The flow vocabulary and the small shapes
 * the UI builds its own types from stay written out here, each checked against the answers below.
 * Durations are seconds.
 */
// With the extension: the browser tests (test/browser, NodeNext resolution) import this file too.
import type { Answers, ApiAnswer, Assert } from './schema.js';

export type FlowType = 'feature' | 'defect' | 'risk' | 'debt';
export const FLOW_TYPES: readonly FlowType[] = ['feature', 'defect', 'risk', 'debt'];
export type Stage = 'ideate' | 'create' | 'release' | 'operate';
export const STAGES: readonly Stage[] = ['ideate', 'create', 'release', 'operate'];
export type StageOrUnmapped = Stage | 'unmapped';
export type FlowState = 'new' | 'waiting' | 'active' | 'done' | 'cancelled';
export const STATES: readonly FlowState[] = ['new', 'waiting', 'active', 'done', 'cancelled'];
export type Tier = 'elite' | 'high' | 'medium' | 'low' | null;

export interface ScopeQuery {
  readonly team?: string;
  readonly valueStream?: string;
  readonly portfolio?: string;
}

export interface DurationSummary {
  readonly median: number | null;
  readonly p85: number | null;
  readonly count: number;
}
export type Shares = Record<FlowType, number | null>;
export type StageShares = Partial<Record<StageOrUnmapped, number | null>>;
export interface WaitingStatus {
  readonly status: string;
  readonly seconds: number;
  readonly items: number;
}
export interface Examples {
  readonly count: number;
  readonly examples: readonly string[];
}

/** GET /metrics: the flow, DORA and data-quality metrics of a scope over a period. */
export type MetricsDocument = ApiAnswer<'/api/v1/metrics'>;

/** GET /metrics/trend: the metrics of each week or month of the period. */
export type TrendDocument = ApiAnswer<'/api/v1/metrics/trend'>;
export type TrendBucket = TrendDocument['buckets'][number];
/** The organisation's calendar an answer's buckets follow, when not the default (UTC, Monday). */
export type CalendarSetting = ApiAnswer<'/api/v1/settings/calendar'>;

/** GET /metrics/statuses: the time the period's completed items spent in each status. */
export type StatusTimesDocument = ApiAnswer<'/api/v1/metrics/statuses'>;
export type StatusTime = StatusTimesDocument['statuses'][number];

/** GET /metrics/series: the daily and weekly series of the charts, and the aging items. */
export type SeriesDocument = ApiAnswer<'/api/v1/metrics/series'>;
export type AgingItem = SeriesDocument['aging'][number];

/** GET /metrics/completed: the period's completed items and the percentiles of their flow times. */
export type CompletedDocument = ApiAnswer<'/api/v1/metrics/completed'>;
export type CompletedItem = CompletedDocument['items'][number];

/** GET /items: a page of the scope's work items, with the counts by state and status. */
export type ItemListDocument = ApiAnswer<'/api/v1/items'>;
export type ListedItem = ItemListDocument['items'][number];

/** GET /data-quality/items: the items behind each data-quality count. */
export type DataQualityItemsDocument = ApiAnswer<'/api/v1/data-quality/items'>;
export type ItemExamples = DataQualityItemsDocument['itemsWithoutTeam'];
export type ItemRef = ItemExamples['examples'][number];

/** GET /extent: the first and last activity. */
export type ExtentDocument = ApiAnswer<'/api/v1/extent'>;

/** GET /org: the organisation's tree. */
export type OrgDocument = ApiAnswer<'/api/v1/org'>;
export type OrgStream = OrgDocument['valueStreamsWithoutPortfolio'][number];
export type OrgTeam = OrgDocument['teamsWithoutValueStream'][number];

/** GET /items/{source}/{id}: one item, its history, facts and linked changes, deployments, incidents. */
export type ItemDocument = ApiAnswer<'/api/v1/items/{source}/{id}'>;
export type ItemSpan = ItemDocument['facts']['spans'][number];

type Flow = MetricsDocument['flow'];
type Dora = MetricsDocument['dora'];
// The vocabulary and the small shapes above hold every value the answers carry (and the flow types
// and states are all of the schema's: the UI lists them).
type _Checks = [
  Assert<Answers<ListedItem['flowType'], FlowType>>,
  Assert<Answers<FlowType, ListedItem['flowType']>>,
  Assert<Answers<ListedItem['state'], FlowState>>,
  Assert<Answers<FlowState, ListedItem['state']>>,
  Assert<Answers<StatusTime['stage'], StageOrUnmapped>>,
  Assert<Answers<Dora[Exclude<keyof Dora, 'timeToRestore'>]['tier'], Tier>>,
  Assert<Answers<MetricsDocument['scope'], ScopeQuery>>,
  Assert<Answers<Flow['flowTime'] | Flow['leadTime'], DurationSummary>>,
  Assert<Answers<Flow['distribution'] | Flow['loadDistribution'], Shares>>,
  Assert<Answers<Flow['stages'] | TrendBucket['stages'], StageShares>>,
  Assert<Answers<Flow['waitByStatus'][number] | SeriesDocument['waitByStatus'][number], WaitingStatus>>,
  Assert<Answers<MetricsDocument['dataQuality']['unlinkedChanges'], Examples>>,
];
