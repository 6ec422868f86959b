/**
 * The shapes of the API's answers the UI reads (the OpenAPI document at /api/v1/openapi.json is
 * the reference; src/server/schemas.ts and ui-schemas.ts generate it). Durations are seconds.
 */

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

export interface MetricsDocument {
  readonly period: { readonly from: string; readonly to: string };
  readonly scope: ScopeQuery;
  readonly flow: {
    readonly velocity: { readonly total: number; readonly byType: Record<FlowType, number> };
    readonly flowTime: DurationSummary;
    readonly leadTime: DurationSummary;
    readonly efficiency: number | null;
    readonly load: { readonly average: number | null; readonly atEnd: number };
    readonly distribution: Shares;
    readonly stages: StageShares;
    readonly loadDistribution: Shares;
    readonly waitByStatus: readonly WaitingStatus[];
  };
  readonly dora: {
    readonly deploymentFrequency: { readonly count: number; readonly perWeek: number; readonly tier: Tier };
    readonly leadTimeForChanges: {
      readonly median: number | null;
      readonly count: number;
      readonly tier: Tier;
    };
    readonly changeFailureRate: { readonly value: number | null; readonly tier: Tier };
    readonly recoveryTime: { readonly median: number | null; readonly count: number; readonly tier: Tier };
    readonly timeToRestore: { readonly median: number | null; readonly count: number };
  };
  readonly dataQuality: {
    readonly unmappedStatuses: readonly { source: string; status: string; items: number }[];
    readonly unmappedTypes: readonly { source: string; type: string; items: number }[];
    readonly itemsWithoutTeam: number;
    readonly statusDisagreements: number;
    readonly changesBeforeCreation: number;
    readonly outOfOrderChanges: number;
    readonly unlinkedChanges: Examples;
    readonly deploymentsWithoutChanges: Examples;
    readonly unattributedIncidents: Examples;
    readonly unresolvedIncidents: Examples;
    readonly negativeLeadTimes: Examples;
    readonly duplicateRecords: number;
    readonly pendingItems: number;
    /** Mappings proposed by `flowlens connect` that nobody has reviewed yet (organisation-wide). */
    readonly mappingsToReview: readonly {
      readonly source: string;
      readonly team: string | null;
      readonly proposedAt: string;
      readonly proposedBy: string;
    }[];
  };
}

export interface TrendBucket {
  readonly from: string;
  readonly to: string;
  readonly velocity: { readonly total: number; readonly byType: Record<FlowType, number> };
  readonly flowTime: DurationSummary;
  readonly leadTime: DurationSummary;
  readonly efficiency: number | null;
  readonly load: { readonly average: number | null; readonly atEnd: number };
  readonly distribution: Shares;
  readonly stages: StageShares;
}
/** The organisation's calendar an answer's buckets follow, when not the default (UTC, Monday). */
export interface CalendarSetting {
  readonly timeZone: string;
  readonly weekStart: 'monday' | 'sunday' | 'saturday';
}

export interface TrendDocument {
  readonly period?: { readonly from: string; readonly to: string; readonly calendar?: CalendarSetting };
  readonly bucket: 'week' | 'month';
  readonly buckets: readonly TrendBucket[];
}

export interface StatusTime {
  readonly status: string;
  readonly stage: StageOrUnmapped;
  readonly state: FlowState;
  readonly seconds: number;
  readonly items: number;
  readonly position: number;
}
export interface StatusTimesDocument {
  readonly completed: number;
  readonly leadTimeSeconds: number;
  readonly statuses: readonly StatusTime[];
}

export interface AgingItem {
  readonly source: string;
  readonly id: string;
  readonly status: string;
  readonly ageSeconds: number;
  readonly beyondMedian: boolean;
  readonly beyondP85: boolean;
}
export interface SeriesDocument {
  readonly velocityByWeek: readonly { week: string; count: number; byType: Record<FlowType, number> }[];
  readonly throughputByDay: readonly { day: string; count: number }[];
  readonly loadByDay: readonly { day: string; load: number }[];
  readonly cumulativeFlow: readonly {
    day: string;
    byState: Record<FlowState, number>;
    byStatus: Record<string, number>;
  }[];
  readonly waitByStatus: readonly WaitingStatus[];
  readonly aging: readonly AgingItem[];
  readonly agingTotal: number;
}

export interface CompletedItem {
  readonly source: string;
  readonly id: string;
  readonly flowType: FlowType;
  readonly completedAt: string;
  readonly flowTime: number;
  readonly leadTime: number;
}
export interface CompletedDocument {
  readonly total: number;
  readonly percentiles: {
    readonly p50: number | null;
    readonly p85: number | null;
    readonly p95: number | null;
  };
  readonly items: readonly CompletedItem[];
}

export interface ListedItem {
  readonly source: string;
  readonly id: string;
  readonly title: string | null;
  readonly type: string | null;
  readonly team: string | null;
  readonly flowType: FlowType;
  readonly status: string;
  readonly state: FlowState;
  readonly stage: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly flowTime: number | null;
  readonly age: number | null;
}
export interface ItemListDocument {
  readonly asOf: string;
  readonly total: number;
  readonly byState: Record<FlowState, number>;
  readonly byStatus: readonly { status: string; items: number }[];
  readonly items: readonly ListedItem[];
}

export interface ItemRef {
  readonly source: string;
  readonly id: string;
}
export interface ItemExamples {
  readonly count: number;
  readonly examples: readonly ItemRef[];
}
export interface DataQualityItemsDocument {
  readonly unmappedStatuses: readonly {
    source: string;
    status: string;
    items: number;
    examples: ItemRef[];
  }[];
  readonly unmappedTypes: readonly { source: string; type: string; items: number; examples: ItemRef[] }[];
  readonly itemsWithoutTeam: ItemExamples;
  readonly statusDisagreements: ItemExamples;
  readonly changesBeforeCreation: ItemExamples;
}

export interface ExtentDocument {
  readonly items: number;
  readonly firstActivity: string | null;
  readonly lastActivity: string | null;
}

export interface OrgTeam {
  readonly id: string;
  readonly name: string;
  readonly services: readonly { id: string; name: string | null }[];
}
export interface OrgStream {
  readonly id: string;
  readonly name: string;
  readonly teams: readonly OrgTeam[];
}
export interface OrgDocument {
  readonly portfolios: readonly { id: string; name: string; valueStreams: readonly OrgStream[] }[];
  readonly valueStreamsWithoutPortfolio: readonly OrgStream[];
  readonly teamsWithoutValueStream: readonly OrgTeam[];
}

export interface ItemSpan {
  readonly status: string;
  readonly stage: string;
  readonly state: string;
  readonly from: string;
  readonly to: string;
  readonly seconds: number;
}
export interface ItemDocument {
  readonly item: {
    readonly source: string;
    readonly id: string;
    readonly type: string;
    readonly flowType: FlowType;
    readonly typeMapped: boolean;
    readonly status: string;
    readonly title: string | null;
    readonly team: string | null;
    readonly parent: string | null;
    readonly children: readonly string[];
    readonly container: boolean;
    readonly url: string | null;
    readonly labels: readonly string[];
    readonly estimate: number | null;
    readonly product: string | null;
    readonly createdAt: string;
  };
  readonly history: readonly { at: string; from: string; to: string }[];
  readonly facts: {
    readonly asOf: string;
    readonly createdAt: string;
    readonly startedAt: string | null;
    readonly completedAt: string | null;
    readonly currentStatus: string;
    readonly currentStage: string;
    readonly currentState: FlowState;
    readonly leadTime: number | null;
    readonly flowTime: number | null;
    readonly activeTime: number | null;
    readonly age: number | null;
    readonly timePerStage: Record<string, number>;
    readonly timePerStatus: Record<string, number>;
    readonly spans: readonly ItemSpan[];
    readonly flags: { changeBeforeCreation: boolean; statusDisagrees: boolean; clockSkew: boolean };
  };
  readonly changes: readonly {
    source: string;
    id: string;
    createdAt: string;
    firstCommitAt: string | null;
    mergedAt: string | null;
    repository: string | null;
    author: string | null;
    reviewed: boolean | null;
  }[];
  readonly deployments: readonly {
    source: string;
    id: string;
    service: string;
    environment: string;
    production: boolean;
    at: string;
    status: string;
  }[];
  readonly incidents: readonly {
    source: string;
    id: string;
    service: string;
    openedAt: string;
    resolvedAt: string | null;
    causedBy: string | null;
    severity: string | null;
  }[];
}
