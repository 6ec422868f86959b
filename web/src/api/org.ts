/**
 * The organisation, roles and mapping editor's part of the API (src/server/org-routes.ts and
 * mapping-routes.ts; the types are the OpenAPI document's or checked against it, see schema.ts):
 * the shapes of its answers, one TanStack Query hook per read, and the edits (made as the signed-in
 * account). After an edit every cached answer is refetched: a move or a mapping changes the metrics
 * too.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, ApiError, apiGet, type Params } from './client';
import type { Answers, ApiAnswer, ApiPath, Assert } from './schema';
import { csrfHeaders, requireSignIn } from './session';
import type { DurationSummary, FlowState, FlowType, Shares, StageOrUnmapped, StageShares } from './types';

export type OrgKind = 'portfolio' | 'valueStream' | 'team' | 'service' | 'product' | 'person';
export type RoleName =
  | 'product-manager'
  | 'product-owner'
  | 'architect'
  | 'business-analyst'
  | 'ux-lead'
  | 'security-lead'
  | 'dvs-facilitator'
  | 'qa-lead'
  | 'adoption-lead'
  | 'value-stream-architect';

export const ROLE_NAMES: readonly RoleName[] = [
  'product-manager',
  'product-owner',
  'architect',
  'business-analyst',
  'ux-lead',
  'security-lead',
  'dvs-facilitator',
  'qa-lead',
  'adoption-lead',
  'value-stream-architect',
];

export const ROLE_LABELS: Record<RoleName, string> = {
  'product-manager': 'Product manager',
  'product-owner': 'Product owner',
  architect: 'Architect',
  'business-analyst': 'Business analyst',
  'ux-lead': 'UX lead',
  'security-lead': 'Security lead',
  'dvs-facilitator': 'DVS facilitator',
  'qa-lead': 'QA lead',
  'adoption-lead': 'Adoption lead',
  'value-stream-architect': 'Value stream architect',
};

/**
 * The collection of each kind in the API's paths; literal, so `/org/${COLLECTION[kind]}` is checked
 * against the documented paths (see apiSend).
 */
export const COLLECTION = {
  portfolio: 'portfolios',
  valueStream: 'value-streams',
  team: 'teams',
  service: 'services',
  product: 'products',
  person: 'people',
} as const satisfies Record<OrgKind, string>;

export interface PastParent {
  readonly parent: string | null;
  readonly from: string | null;
  readonly to: string;
  readonly movedAt: string;
  readonly movedBy: string;
}

export interface OrgEntity {
  readonly kind: OrgKind;
  readonly id: string;
  readonly name: string;
  readonly parent?: string | null;
  readonly archived: { readonly at: string; readonly by: string } | null;
  readonly history?: readonly PastParent[];
  readonly email?: string | null;
  readonly repository?: string | null;
  readonly description?: string | null;
}

export interface OrgChange {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly kind: string;
  readonly target: string;
  readonly summary: string;
}

/** GET /org/model: every entity of the organisation with its history, and the recent changes. */
export type OrgModel = ApiAnswer<'/api/v1/org/model'>;

/** GET /roles/assignments: every role assignment, past and current. */
export type AssignmentsDocument = ApiAnswer<'/api/v1/roles/assignments'>;
export type Assignment = AssignmentsDocument['assignments'][number];

/** GET /org/teams/{id}: a team with its value stream, services, products, roles and changes. */
export type TeamDetail = ApiAnswer<'/api/v1/org/teams/{id}'>;

export interface Holder {
  readonly person: string;
  readonly name: string;
  readonly assignment: string;
  readonly from: string | null;
  readonly to: string | null;
}

export interface CoverageRow {
  readonly role: RoleName;
  readonly label: string;
  readonly groups: readonly ('product' | 'program' | 'architecture')[];
  readonly required: 'valueStream' | 'team' | null;
  readonly valueStream: readonly Holder[];
  readonly teams: Readonly<Record<string, readonly Holder[]>>;
}

export interface Overload {
  readonly person: string;
  readonly teams: readonly string[];
  readonly valueStreams: readonly string[];
  readonly why: string;
  readonly rules: readonly ('teams' | 'valueStreams' | 'facilitator')[];
}

export interface RoleGap {
  readonly role: RoleName;
  readonly team?: string;
  readonly why: string;
}

export interface StreamCoverage {
  readonly valueStream: { readonly id: string; readonly name: string };
  readonly teams: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly CoverageRow[];
  readonly roles: Readonly<Record<RoleName, readonly string[]>>;
  readonly gaps: readonly RoleGap[];
  readonly overloaded: readonly Overload[];
}

export interface Limits {
  readonly maxTeams: number;
  readonly maxValueStreams: number;
  readonly maxFacilitatedTeams: number;
}

export interface RolesDocument {
  readonly asOf: string;
  readonly limits: Limits;
  readonly valueStreams: readonly StreamCoverage[];
  readonly overloaded: readonly Overload[];
}

/** GET /roles/network: the people, teams and value streams, linked by roles and dependencies. */
export type NetworkDocument = ApiAnswer<'/api/v1/roles/network'>;
export type TeamDependency = NetworkDocument['dependencies'][number];

export interface StatusClass {
  readonly stage: StageOrUnmapped;
  readonly state: FlowState;
}

export interface MappingContent {
  readonly statuses: Readonly<Record<string, StatusClass>>;
  readonly types: Readonly<Record<string, FlowType>>;
  readonly environments: Readonly<Record<string, string>> | null;
}

export interface MappingChange {
  readonly kind: 'status' | 'type' | 'environment';
  readonly raw: string;
  readonly before: StatusClass | string | null;
  readonly after: StatusClass | string | null;
}

export interface MappingVersion {
  readonly source: string;
  readonly team: string | null;
  readonly version: number;
  readonly savedAt: string;
  readonly savedBy: string;
  readonly note: string | null;
  readonly removed: boolean;
  readonly restoredFrom: number | null;
  readonly changes: readonly MappingChange[];
  readonly summary: string;
  readonly mapping: MappingContent | null;
  readonly current: boolean;
}

/** GET /mappings/jobs/{id}: a recomputation after a mapping change, and its progress. */
export type RecomputeJob = ApiAnswer<'/api/v1/mappings/jobs/{id}'>;

/** GET /mappings: every source with its counts and mapping versions, and the recomputations. */
export type MappingSourcesDocument = ApiAnswer<'/api/v1/mappings'>;
export type SourceSummary = MappingSourcesDocument['sources'][number];

export interface SourceDetail {
  readonly source: string;
  readonly team: string | null;
  readonly mapping: MappingContent | null;
  readonly sourceMapping: MappingContent | null;
  readonly items: number;
  readonly statuses: readonly {
    readonly raw: string;
    readonly items: number;
    readonly current: number;
    readonly mapped: boolean;
    readonly stage: StageOrUnmapped;
    readonly state: FlowState;
    readonly overridden: boolean;
  }[];
  readonly types: readonly {
    readonly raw: string;
    readonly items: number;
    readonly mapped: boolean;
    readonly flowType: FlowType;
    readonly overridden: boolean;
  }[];
  readonly environments: readonly {
    readonly raw: string;
    readonly deployments: number;
    readonly named: string | null;
    readonly production: boolean;
  }[];
  readonly teams: readonly { readonly team: string; readonly items: number; readonly override: boolean }[];
  readonly versions: readonly MappingVersion[];
  readonly jobs: readonly RecomputeJob[];
}

export interface Headline {
  readonly velocity: { readonly total: number; readonly byType: Record<FlowType, number> };
  readonly flowTime: DurationSummary;
  readonly leadTime: DurationSummary;
  readonly efficiency: number | null;
  readonly load: { readonly average: number | null; readonly atEnd: number };
  readonly distribution: Shares;
  readonly stages: StageShares;
}

export interface MappingPreview {
  readonly period: { readonly from: string; readonly to: string };
  readonly changes: readonly MappingChange[];
  readonly organisation: { readonly before: Headline; readonly after: Headline };
  readonly sourceOnly: { readonly before: Headline; readonly after: Headline };
  readonly unmappedItems: { readonly before: number; readonly after: number };
  readonly productionDeployments: { readonly before: number; readonly after: number };
}

export interface SaveResult {
  readonly saved: boolean;
  readonly version: MappingVersion | null;
  readonly changes: readonly MappingChange[];
  readonly job: RecomputeJob | null;
}

/**
 * A hand-written type as the schema knows it: the flow vocabulary (stages, states, flow types) and
 * the role names as strings, which the mapping and roles schemas do not enumerate (the server
 * checks them against the vocabulary when a mapping is saved or a role assigned). Tuples become
 * arrays. Only for the checks below: the UI reads the narrower types.
 */
type AsSchema<T> = T extends StageOrUnmapped | FlowState | FlowType | RoleName
  ? string
  : T extends readonly (infer E)[]
    ? readonly AsSchema<E>[]
    : T extends object
      ? { readonly [K in keyof T as K extends RoleName ? string : K]: AsSchema<T[K]> }
      : T;

// The answers the UI reads with narrower types than the schema's hold what the UI expects in every
// other respect; the sub-shapes the pages name are the aliased answers' parts.
type _Checks = [
  Assert<Answers<ApiAnswer<'/api/v1/roles'>, AsSchema<RolesDocument>>>,
  Assert<Answers<ApiAnswer<'/api/v1/mappings/{source}'>, AsSchema<SourceDetail>>>,
  Assert<Answers<ApiAnswer<'/api/v1/mappings/{source}/preview', 'post'>, AsSchema<MappingPreview>>>,
  Assert<Answers<ApiAnswer<'/api/v1/mappings/{source}', 'put'>, AsSchema<SaveResult>>>,
  Assert<Answers<OrgModel['teams'][number] | TeamDetail['team'], OrgEntity>>,
  Assert<Answers<OrgModel['changes'][number], OrgChange>>,
  Assert<Answers<ApiAnswer<'/api/v1/roles/settings'>, Limits>>,
];

type SendMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A method with a path the OpenAPI document has that operation for, and the body to send. */
export type SendRequest = {
  [M in SendMethod]: [method: M, path: ApiPath<Lowercase<M>>, body?: unknown];
}[SendMethod];

/**
 * Sends an edit; an error answer becomes an ApiError with the API's message. The path is relative
 * to `API` and must be one the OpenAPI document has the method for (`PUT /roles/settings`, not
 * `POST /roles/settings`), checked when the UI is type-checked.
 */
export async function apiSend<T>(...request: SendRequest): Promise<T>;
export async function apiSend<T>(method: SendMethod, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(await csrfHeaders()),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The Flowlens server cannot be reached. Is it running?');
  }
  const json = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  if (response.status === 401) requireSignIn();
  if (!response.ok)
    throw new ApiError(
      response.status,
      json?.error?.code ?? 'HTTP',
      json?.error?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
    );
  return json as T;
}

// ── Reads ───────────────────────────────────────────────────────────────────────────────────────

function get<T>(path: ApiPath, params: Params = {}) {
  return {
    queryKey: [path, params],
    queryFn: ({ signal }: { signal: AbortSignal }) => apiGet<T>(path, params, signal),
  };
}

export const useOrgModel = () => useQuery(get<OrgModel>('/org/model'));
export const useTeamDetail = (id: string) =>
  useQuery(get<TeamDetail>(`/org/teams/${encodeURIComponent(id)}`));
export const useRoles = (asOf: string | undefined) =>
  useQuery(get<RolesDocument>('/roles', asOf === undefined ? {} : { asOf }));
export const useAssignments = () => useQuery(get<AssignmentsDocument>('/roles/assignments'));
export const useNetwork = (asOf: string | undefined) =>
  useQuery(get<NetworkDocument>('/roles/network', asOf === undefined ? {} : { asOf }));
export const useMappingSources = () =>
  useQuery({
    ...get<MappingSourcesDocument>('/mappings'),
    // While a recomputation runs, follow its progress.
    refetchInterval: (query) =>
      query.state.data?.jobs.some((j) => j.state === 'queued' || j.state === 'running') ? 500 : false,
  });
export const useMappingSource = (source: string, team: string | null) =>
  useQuery(get<SourceDetail>(`/mappings/${encodeURIComponent(source)}`, team === null ? {} : { team }));
export const useJob = (id: number | null) =>
  useQuery({
    ...get<RecomputeJob>(`/mappings/jobs/${id ?? 0}`),
    enabled: id !== null,
    refetchInterval: (query) =>
      query.state.data?.state === 'done' || query.state.data?.state === 'failed' ? false : 300,
  });

/** An edit: sent, then every cached answer refetched (a move or a mapping changes the metrics). */
export function useEdit<I, T>(send: (input: I) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries(),
  });
}
