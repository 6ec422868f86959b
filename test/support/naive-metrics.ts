/**
 * A naive oracle of docs/metrics.md, for tests only: a second, deliberately simple implementation
 * of the metric definitions, written from the document and not from the engine. It imports nothing
 * from src/metrics or src/engine (only the vocabulary of src/domain), and it takes the raw
 * interchange records of an organisation (contract.md §1) as they would be written to a file:
 *
 * - records are de-duplicated by their identity, the later one winning (contract.md §1);
 * - every item's history is replayed at query time: its changes put in the canonical order of
 *   §3/§8, its status at an instant found by walking them, its completion by scanning them;
 * - the load is sampled by asking every item, at every sampled instant, what state it is in;
 * - percentiles by sorting and the nearest-rank formula of §1.
 *
 * Facts are evaluated as of the end of time (every change counts), as the engine's stored facts
 * are (metrics.md §8, "Evaluation instant": the engine evaluates at the end of time).
 *
 * Moves (`kind: 'move'`, not an interchange record: the organisation editor records them) say that
 * from an instant on a team belongs to another value stream, a value stream to another portfolio,
 * or a service to another team. Before its first move an entity has the parent its record gives.
 * An item counts in a scope where its team was at the instant that matters (metrics.md §4): its
 * completion, each sampled instant, `to`, and for data quality its completion or, if it is not
 * complete, now; a deployment where its service's team was when it happened.
 *
 * What it does not compute: `outOfOrderChanges`, `duplicateRecords` and `pendingItems` of the data
 * quality block, which depend on how the records were split into import batches, not on the
 * records.
 */
import { FLOW_TYPES, type FlowState, type FlowType, STAGES, type Stage } from '../../src/domain/index.js';

// ---------------------------------------------------------------------------------------------
// The interchange records (contract.md §1), as plain objects with ISO 8601 timestamps.

export interface PortfolioRecord {
  readonly kind: 'portfolio';
  readonly id: string;
  readonly name: string;
}
export interface ValueStreamRecord {
  readonly kind: 'valueStream';
  readonly id: string;
  readonly name: string;
  readonly portfolio?: string;
}
export interface TeamRecord {
  readonly kind: 'team';
  readonly id: string;
  readonly name: string;
  readonly valueStream?: string;
}
export interface ServiceRecord {
  readonly kind: 'service';
  readonly id: string;
  readonly team: string;
  readonly name?: string;
}
export interface MappingRecord {
  readonly kind: 'mapping';
  readonly source: string;
  readonly team?: string;
  readonly statuses: Readonly<Record<string, { readonly stage: Stage; readonly state: FlowState }>>;
  readonly types: Readonly<Record<string, FlowType>>;
  readonly environments?: Readonly<Record<string, string>>;
}
export interface WorkItemRecord {
  readonly kind: 'workItem';
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly createdAt: string;
  readonly team?: string;
  readonly title?: string;
  readonly parent?: string;
}
export interface TransitionRecord {
  readonly kind: 'transition';
  readonly source: string;
  readonly item: string;
  readonly at: string;
  readonly from: string;
  readonly to: string;
  readonly id?: string;
}
export interface ChangeRecord {
  readonly kind: 'change';
  readonly source: string;
  readonly id: string;
  readonly createdAt: string;
  readonly firstCommitAt?: string;
  readonly items?: readonly string[];
}
export interface DeploymentRecord {
  readonly kind: 'deployment';
  readonly source: string;
  readonly id: string;
  readonly service: string;
  readonly environment: string;
  readonly at: string;
  readonly status: 'success' | 'failed';
  readonly changes?: readonly string[];
}
export interface IncidentRecord {
  readonly kind: 'incident';
  readonly source: string;
  readonly id: string;
  readonly service: string;
  readonly openedAt: string;
  readonly resolvedAt?: string;
  readonly causedBy?: string;
}

/** From `at` on, the entity belongs to `to` (null: to none). Applied by the organisation editor. */
export interface MoveRecord {
  readonly kind: 'move';
  readonly entity: 'team' | 'valueStream' | 'service';
  readonly id: string;
  readonly to: string | null;
  readonly at: string;
}

export type OrgRecord =
  | MoveRecord
  | PortfolioRecord
  | ValueStreamRecord
  | TeamRecord
  | ServiceRecord
  | MappingRecord
  | WorkItemRecord
  | TransitionRecord
  | ChangeRecord
  | DeploymentRecord
  | IncidentRecord;

/** The identity of a record within its kind (contract.md §1), as one string. */
export function identityOf(record: OrgRecord): string {
  const parts: string[] = [record.kind];
  switch (record.kind) {
    case 'portfolio':
    case 'valueStream':
    case 'team':
    case 'service':
      parts.push(record.id);
      break;
    case 'mapping':
      parts.push(record.source, record.team ?? '');
      break;
    case 'move':
      parts.push(record.entity, record.id, record.at);
      break;
    case 'transition':
      if (record.id !== undefined) parts.push(record.source, '#id', record.id);
      else parts.push(record.source, record.item, String(ms(record.at)), record.from, record.to);
      break;
    default:
      parts.push(record.source, record.id);
  }
  return JSON.stringify(parts);
}

// ---------------------------------------------------------------------------------------------
// The query and the document (contract.md §2).

export interface NaiveQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly team?: string;
  readonly valueStream?: string;
  readonly portfolio?: string;
}

type Shares = Record<FlowType, number | null>;
type Tier = 'elite' | 'high' | 'medium' | 'low';
interface Examples {
  count: number;
  examples: string[];
}

export interface NaiveDocument {
  period: { from: string; to: string };
  scope: { team?: string; valueStream?: string; portfolio?: string };
  flow: {
    velocity: { total: number; byType: Record<FlowType, number> };
    flowTime: { median: number | null; p85: number | null; count: number };
    leadTime: { median: number | null; p85: number | null; count: number };
    efficiency: number | null;
    load: { average: number | null; atEnd: number };
    distribution: Shares;
    stages: Partial<Record<Stage | 'unmapped', number | null>>;
    loadDistribution: Shares;
    waitByStatus: { status: string; seconds: number; items: number }[];
  };
  dora: {
    deploymentFrequency: { count: number; perWeek: number; tier: Tier | null };
    leadTimeForChanges: { median: number | null; count: number; tier: Tier | null };
    changeFailureRate: { value: number | null; tier: Tier | null };
    recoveryTime: { median: number | null; count: number; tier: Tier | null };
    timeToRestore: { median: number | null; count: number };
  };
  dataQuality: {
    unmappedStatuses: { source: string; status: string; items: number }[];
    unmappedTypes: { source: string; type: string; items: number }[];
    itemsWithoutTeam: number;
    statusDisagreements: number;
    changesBeforeCreation: number;
    unlinkedChanges: Examples;
    deploymentsWithoutChanges: Examples;
    unattributedIncidents: Examples;
    unresolvedIncidents: Examples;
    negativeLeadTimes: Examples;
  };
}

export interface NaiveSeries {
  period: { from: string; to: string };
  scope: { team?: string; valueStream?: string; portfolio?: string };
  velocityByWeek: { week: string; count: number; byType: Record<FlowType, number> }[];
  throughputByDay: { day: string; count: number }[];
  loadByDay: { day: string; load: number }[];
  cumulativeFlow: {
    day: string;
    byState: Record<FlowState, number>;
    byStatus: Record<string, number>;
  }[];
  waitByStatus: { status: string; seconds: number; items: number }[];
  aging: {
    source: string;
    id: string;
    status: string;
    ageSeconds: number;
    beyondMedian: boolean;
    beyondP85: boolean;
  }[];
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
const HOUR = 60 * 60 * 1000;

function ms(iso: string): number {
  if (!/(Z|[+-]\d\d:\d\d)$/.test(iso)) throw new Error(`not an instant with offset: ${iso}`);
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`not an instant: ${iso}`);
  return value;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function day(t: number): string {
  return iso(t).slice(0, 10);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Nearest rank (metrics.md §1): v[ceil(p/100 · n)], v[1] for p = 0, null with no values. */
function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p === 0 ? 1 : Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

function seconds(msValue: number | null): number | null {
  return msValue === null ? null : msValue / 1000;
}

/** metrics.md §8: the examples are the ten smallest ids (byte order, as the stores sort). */
function examples(ids: readonly string[]): Examples {
  return { count: ids.length, examples: [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 10) };
}

/** 00:00 UTC of each day with from ≤ t < to. */
function midnights(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  let t = Math.floor(fromMs / DAY) * DAY;
  if (t < fromMs) t += DAY;
  for (; t < toMs; t += DAY) out.push(t);
  return out;
}

/** Monday 00:00 UTC of the ISO week holding t. */
function weekStart(t: number): number {
  const d = new Date(Math.floor(t / DAY) * DAY);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return d.getTime() - weekday * DAY;
}

function zeroCounts(): Record<FlowType, number> {
  return { feature: 0, defect: 0, risk: 0, debt: 0 };
}

function sharesOf(counts: Record<FlowType, number>, total: number): Shares {
  const out = {} as Shares;
  for (const type of FLOW_TYPES) out[type] = total > 0 ? counts[type] / total : null;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The organisation after de-duplication.

interface Org {
  portfolios: Map<string, PortfolioRecord>;
  valueStreams: Map<string, ValueStreamRecord>;
  teams: Map<string, TeamRecord>;
  services: Map<string, ServiceRecord>;
  mappings: MappingRecord[];
  items: WorkItemRecord[];
  transitions: TransitionRecord[];
  changes: ChangeRecord[];
  deployments: DeploymentRecord[];
  incidents: IncidentRecord[];
  moves: MoveRecord[];
}

/** One record per identity, the later one winning (contract.md §1). */
export function dedupe(records: readonly OrgRecord[]): OrgRecord[] {
  const byIdentity = new Map<string, OrgRecord>();
  for (const record of records) {
    const key = identityOf(record);
    byIdentity.delete(key);
    byIdentity.set(key, record);
  }
  return [...byIdentity.values()];
}

function organise(records: readonly OrgRecord[]): Org {
  const org: Org = {
    portfolios: new Map(),
    valueStreams: new Map(),
    teams: new Map(),
    services: new Map(),
    mappings: [],
    items: [],
    transitions: [],
    changes: [],
    deployments: [],
    incidents: [],
    moves: [],
  };
  for (const r of dedupe(records)) {
    if (r.kind === 'portfolio') org.portfolios.set(r.id, r);
    else if (r.kind === 'valueStream') org.valueStreams.set(r.id, r);
    else if (r.kind === 'team') org.teams.set(r.id, r);
    else if (r.kind === 'service') org.services.set(r.id, r);
    else if (r.kind === 'mapping') org.mappings.push(r);
    else if (r.kind === 'workItem') org.items.push(r);
    else if (r.kind === 'transition') org.transitions.push(r);
    else if (r.kind === 'change') org.changes.push(r);
    else if (r.kind === 'deployment') org.deployments.push(r);
    else if (r.kind === 'move') org.moves.push(r);
    else org.incidents.push(r);
  }
  return org;
}

// ---------------------------------------------------------------------------------------------
// Mapping (metrics.md §2; the team's mapping overrides the source's entry by entry).

interface StatusClass {
  stage: Stage | 'unmapped';
  state: FlowState;
}

function mappingOf(org: Org, source: string, team: string | null): MappingRecord | undefined {
  return org.mappings.find((m) => m.source === source && (m.team ?? null) === team);
}

function classifyStatus(org: Org, item: WorkItemRecord, status: string): StatusClass {
  const team = item.team ?? null;
  const override = team === null ? undefined : mappingOf(org, item.source, team);
  if (override !== undefined && Object.hasOwn(override.statuses, status))
    return { ...(override.statuses[status] as StatusClass) };
  const base = mappingOf(org, item.source, null);
  if (base !== undefined && Object.hasOwn(base.statuses, status))
    return { ...(base.statuses[status] as StatusClass) };
  return { stage: 'unmapped', state: 'waiting' };
}

function typeOf(org: Org, item: WorkItemRecord): { flowType: FlowType; mapped: boolean } {
  const team = item.team ?? null;
  const override = team === null ? undefined : mappingOf(org, item.source, team);
  if (override !== undefined && Object.hasOwn(override.types, item.type))
    return { flowType: override.types[item.type] as FlowType, mapped: true };
  const base = mappingOf(org, item.source, null);
  if (base !== undefined && Object.hasOwn(base.types, item.type))
    return { flowType: base.types[item.type] as FlowType, mapped: true };
  return { flowType: 'feature', mapped: false };
}

/** metrics.md §5: the source's mapping decides; otherwise `production` or `prod`, in any case. */
function isProduction(org: Org, source: string, environment: string): boolean {
  const environments = mappingOf(org, source, null)?.environments;
  if (environments !== undefined && Object.hasOwn(environments, environment))
    return environments[environment] === 'production';
  return ['production', 'prod'].includes(environment.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// One item's history (metrics.md §3 and §8).

interface Change {
  at: number;
  from: string;
  to: string;
}

/**
 * By time; at one instant, each change starts from the status the previous one ended in; when
 * none does, one whose `from` is no other remaining change's `to`; what is still tied, by `from`,
 * then `to`.
 */
export function canonicalOrder(changes: readonly Change[]): Change[] {
  const byTie = (a: Change, b: Change) => cmp(a.from, b.from) || cmp(a.to, b.to);
  const instants = [...new Set(changes.map((c) => c.at))].sort((a, b) => a - b);
  const ordered: Change[] = [];
  let current: string | null = null;
  for (const instant of instants) {
    const remaining = changes.filter((c) => c.at === instant);
    while (remaining.length > 0) {
      const continuing = remaining.filter((c) => c.from === current).sort(byTie);
      const starting = remaining
        .filter((c) => !remaining.some((other) => other !== c && other.to === c.from))
        .sort(byTie);
      const next = continuing[0] ?? starting[0] ?? ([...remaining].sort(byTie)[0] as Change);
      remaining.splice(remaining.indexOf(next), 1);
      ordered.push(next);
      current = next.to;
    }
  }
  return ordered;
}

/** A status the item entered, when, and how the item's mapping classifies it. */
interface Step extends StatusClass {
  status: string;
  at: number;
}

interface Item {
  record: WorkItemRecord;
  source: string;
  id: string;
  team: string | null;
  flowType: FlowType;
  typeMapped: boolean;
  /** createdAt, or the first change when that precedes it. */
  createdAt: number;
  steps: Step[];
  startedAt: number | null;
  completedAt: number | null;
  changeBeforeCreation: boolean;
  statusDisagrees: boolean;
}

const inProgress = (state: FlowState) => state === 'waiting' || state === 'active';

function replay(org: Org, record: WorkItemRecord, transitions: readonly TransitionRecord[]): Item {
  const changes = canonicalOrder(transitions.map((t) => ({ at: ms(t.at), from: t.from, to: t.to })));
  const created = ms(record.createdAt);
  const first = changes[0];
  const changeBeforeCreation = first !== undefined && first.at < created;
  const createdAt = changeBeforeCreation ? (first as Change).at : created;
  const statuses: { status: string; at: number }[] = [
    { status: first?.from ?? record.status, at: createdAt },
  ];
  for (const c of changes) statuses.push({ status: c.to, at: c.at });
  const steps = statuses.map((s) => ({ ...s, ...classifyStatus(org, record, s.status) }));

  let startedAt: number | null = null;
  for (const step of steps)
    if (inProgress(step.state)) {
      startedAt = step.at;
      break;
    }
  let completedAt: number | null = null;
  const last = steps[steps.length - 1] as Step;
  if (last.state === 'done') {
    // The last entry into the done state: walk back over consecutive done statuses.
    let i = steps.length - 1;
    while (i > 0 && (steps[i - 1] as Step).state === 'done') i--;
    completedAt = (steps[i] as Step).at;
    if (startedAt === null) startedAt = completedAt;
  }
  const type = typeOf(org, record);
  return {
    record,
    source: record.source,
    id: record.id,
    team: record.team ?? null,
    flowType: type.flowType,
    typeMapped: type.mapped,
    createdAt,
    steps,
    startedAt,
    completedAt,
    changeBeforeCreation,
    statusDisagrees: changes.length > 0 && last.status !== record.status,
  };
}

/** The step the item is in at t (the last one entered at or before t); null before it existed. */
function stepAt(item: Item, t: number): Step | null {
  let found: Step | null = null;
  for (const step of item.steps) if (step.at <= t) found = step;
  return found;
}

/** Work in progress at t: started at or before t and waiting or active at t. */
function inProgressAt(item: Item, t: number): boolean {
  if (item.startedAt === null || item.startedAt > t) return false;
  const step = stepAt(item, t);
  return step !== null && inProgress(step.state);
}

/** Time the item spent in each step within [from, to). */
function* stays(item: Item, fromMs: number, toMs: number): Generator<{ step: Step; ms: number }> {
  for (let i = 0; i < item.steps.length; i++) {
    const step = item.steps[i] as Step;
    const end = i + 1 < item.steps.length ? (item.steps[i + 1] as Step).at : Number.POSITIVE_INFINITY;
    const overlap = Math.min(end, toMs) - Math.max(step.at, fromMs);
    yield { step, ms: Math.max(0, overlap) };
  }
}

function leadTime(item: Item): number {
  return (item.completedAt as number) - item.createdAt;
}

function flowTime(item: Item): number {
  return (item.completedAt as number) - (item.startedAt as number);
}

function activeTime(item: Item): number {
  let total = 0;
  for (const { step, ms: stay } of stays(item, item.startedAt as number, item.completedAt as number))
    if (step.state === 'active') total += stay;
  return total;
}

// ---------------------------------------------------------------------------------------------
// Scope (metrics.md §4, §5): items by their team; deployments by their service's team; each
// where the team (and its value stream) belonged at the instant that matters.

interface Scope {
  label: NaiveDocument['scope'];
  /** Whether an item of this team (null: none) counts in the scope at instant t. */
  holds: (team: string | null, t: number) => boolean;
}

/** An entity's parent at t: its record's, changed by each of its moves at or before t. */
function parentAt(org: Org, entity: MoveRecord['entity'], id: string, t: number): string | null {
  let parent: string | null =
    entity === 'team'
      ? (org.teams.get(id)?.valueStream ?? null)
      : entity === 'valueStream'
        ? (org.valueStreams.get(id)?.portfolio ?? null)
        : (org.services.get(id)?.team ?? null);
  const moves = org.moves
    .filter((m) => m.entity === entity && m.id === id && ms(m.at) <= t)
    .sort((a, b) => ms(a.at) - ms(b.at));
  for (const m of moves) parent = m.to;
  return parent;
}

function resolveScope(org: Org, query: NaiveQuery): Scope {
  if (query.team !== undefined) return { label: { team: query.team }, holds: (team) => team === query.team };
  const hasRecord = (team: string | null): team is string => team !== null && org.teams.has(team);
  if (query.valueStream !== undefined)
    return {
      label: { valueStream: query.valueStream },
      holds: (team, t) => hasRecord(team) && parentAt(org, 'team', team, t) === query.valueStream,
    };
  if (query.portfolio !== undefined)
    return {
      label: { portfolio: query.portfolio },
      holds: (team, t) => {
        if (!hasRecord(team)) return false;
        const stream = parentAt(org, 'team', team, t);
        return (
          stream !== null &&
          org.valueStreams.has(stream) &&
          parentAt(org, 'valueStream', stream, t) === query.portfolio
        );
      },
    };
  return { label: {}, holds: () => true };
}

/** Every flow item of the organisation, replayed. */
function flowItems(org: Org): Item[] {
  const items: Item[] = [];
  // Containers — items another item of the same source names as its parent — are not flow items.
  const parents = new Set(
    org.items.flatMap((r) => (r.parent === undefined ? [] : [`${r.source}\u0000${r.parent}`])),
  );
  for (const record of org.items) {
    if (parents.has(`${record.source}\u0000${record.id}`)) continue;
    const history = org.transitions.filter((t) => t.source === record.source && t.item === record.id);
    items.push(replay(org, record, history));
  }
  return items;
}

/** The items that count in the scope for what is not tied to an instant: at completion, or now. */
function itemsNow(items: readonly Item[], scope: Scope): Item[] {
  return items.filter((i) => scope.holds(i.team, i.completedAt ?? Number.POSITIVE_INFINITY));
}

/** Work in progress at t in the scope. */
function inProgressInScope(item: Item, scope: Scope, t: number): boolean {
  return inProgressAt(item, t) && scope.holds(item.team, t);
}

function serviceInScope(org: Org, scope: Scope, service: string, t: number): boolean {
  if (!org.services.has(service) && !org.moves.some((m) => m.entity === 'service' && m.id === service))
    return (
      scope.label.team === undefined &&
      scope.label.valueStream === undefined &&
      scope.label.portfolio === undefined
    );
  return scope.holds(parentAt(org, 'service', service, t), t);
}

// ---------------------------------------------------------------------------------------------
// Flow metrics (metrics.md §4).

function completedIn(items: readonly Item[], query: NaiveQuery, scope: Scope): Item[] {
  return items.filter(
    (i) =>
      i.completedAt !== null &&
      i.completedAt >= query.fromMs &&
      i.completedAt < query.toMs &&
      scope.holds(i.team, i.completedAt),
  );
}

function waitByStatus(completed: readonly Item[]): { status: string; seconds: number; items: number }[] {
  const total = new Map<string, number>();
  const who = new Map<string, Set<Item>>();
  for (const item of completed)
    for (const { step, ms: stay } of stays(item, item.createdAt, item.completedAt as number)) {
      if (step.state !== 'waiting' || stay <= 0) continue;
      total.set(step.status, (total.get(step.status) ?? 0) + stay);
      if (!who.has(step.status)) who.set(step.status, new Set());
      who.get(step.status)?.add(item);
    }
  return [...total]
    .map(([status, sum]) => ({ status, seconds: sum / 1000, items: who.get(status)?.size ?? 0 }))
    .sort((a, b) => b.seconds - a.seconds || cmp(a.status, b.status));
}

function flowMetrics(items: readonly Item[], query: NaiveQuery, scope: Scope): NaiveDocument['flow'] {
  const completed = completedIn(items, query, scope);
  const byType = zeroCounts();
  for (const item of completed) byType[item.flowType]++;
  const flowTimes = completed.map(flowTime);
  const leadTimes = completed.map(leadTime);
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const flowSum = sum(flowTimes);
  const leadSum = sum(leadTimes);
  const activeSum = sum(completed.map(activeTime));

  const stageSums = new Map<Stage | 'unmapped', number>();
  for (const item of completed)
    for (const { step, ms: stay } of stays(item, item.createdAt, item.completedAt as number))
      stageSums.set(step.stage, (stageSums.get(step.stage) ?? 0) + stay);
  const stages: NaiveDocument['flow']['stages'] = {};
  for (const stage of STAGES) stages[stage] = leadSum > 0 ? (stageSums.get(stage) ?? 0) / leadSum : null;
  const unmapped = stageSums.get('unmapped') ?? 0;
  if (unmapped > 0) stages.unmapped = unmapped / leadSum;

  const samples = midnights(query.fromMs, query.toMs);
  let loadSum = 0;
  for (const t of samples) for (const item of items) if (inProgressInScope(item, scope, t)) loadSum++;
  const atEndItems = items.filter((item) => inProgressInScope(item, scope, query.toMs));
  const atEndByType = zeroCounts();
  for (const item of atEndItems) atEndByType[item.flowType]++;

  return {
    velocity: { total: completed.length, byType },
    flowTime: {
      median: seconds(percentile(flowTimes, 50)),
      p85: seconds(percentile(flowTimes, 85)),
      count: flowTimes.length,
    },
    leadTime: {
      median: seconds(percentile(leadTimes, 50)),
      p85: seconds(percentile(leadTimes, 85)),
      count: leadTimes.length,
    },
    efficiency: flowSum > 0 ? activeSum / flowSum : null,
    load: { average: samples.length > 0 ? loadSum / samples.length : null, atEnd: atEndItems.length },
    distribution: sharesOf(byType, completed.length),
    stages,
    loadDistribution: sharesOf(atEndByType, atEndItems.length),
    waitByStatus: waitByStatus(completed).slice(0, 10),
  };
}

function itemQuality(items: readonly Item[]) {
  const unmappedStatuses = new Map<string, { source: string; status: string; items: number }>();
  const unmappedTypes = new Map<string, { source: string; type: string; items: number }>();
  for (const item of items) {
    const seen = new Set<string>();
    for (const step of item.steps) {
      if (step.stage !== 'unmapped' || seen.has(step.status)) continue;
      seen.add(step.status);
      const key = JSON.stringify([item.source, step.status]);
      const entry = unmappedStatuses.get(key) ?? { source: item.source, status: step.status, items: 0 };
      entry.items++;
      unmappedStatuses.set(key, entry);
    }
    if (!item.typeMapped) {
      const key = JSON.stringify([item.source, item.record.type]);
      const entry = unmappedTypes.get(key) ?? { source: item.source, type: item.record.type, items: 0 };
      entry.items++;
      unmappedTypes.set(key, entry);
    }
  }
  return {
    unmappedStatuses: [...unmappedStatuses.values()].sort(
      (a, b) => b.items - a.items || cmp(a.source, b.source) || cmp(a.status, b.status),
    ),
    unmappedTypes: [...unmappedTypes.values()].sort(
      (a, b) => b.items - a.items || cmp(a.source, b.source) || cmp(a.type, b.type),
    ),
    itemsWithoutTeam: items.filter((i) => i.team === null).length,
    statusDisagreements: items.filter((i) => i.statusDisagrees).length,
    changesBeforeCreation: items.filter((i) => i.changeBeforeCreation).length,
  };
}

// ---------------------------------------------------------------------------------------------
// DORA metrics (metrics.md §5, §6, §8).

interface Shipped {
  source: string;
  id: string;
  service: string;
  at: number;
  changes: readonly string[];
}

function doraMetrics(org: Org, scope: Scope, query: NaiveQuery, options: NaiveOptions) {
  const { fromMs, toMs } = query;
  // Successful production deployments, in time order (ties by id).
  const shipped: Shipped[] = org.deployments
    .filter((d) => d.status === 'success' && isProduction(org, d.source, d.environment))
    .map((d) => ({ source: d.source, id: d.id, service: d.service, at: ms(d.at), changes: d.changes ?? [] }))
    .sort((a, b) => a.at - b.at || cmp(a.id, b.id) || cmp(a.source, b.source));
  const inPeriod = (t: number) => t >= fromMs && t < toMs;
  const counted = shipped.filter((d) => inPeriod(d.at) && serviceInScope(org, scope, d.service, d.at));

  // Lead time for changes: each change at its first successful production deployment.
  const itemIds = new Set(org.items.map((i) => i.id));
  const leadTimes: number[] = [];
  const negative: string[] = [];
  const unlinked: string[] = [];
  for (const deployment of counted) {
    const firsts = org.changes
      .filter((c) => deployment.changes.includes(c.id))
      .filter((c) => shipped.find((d) => d.changes.includes(c.id)) === deployment)
      .sort((a, b) => cmp(a.id, b.id) || cmp(a.source, b.source));
    for (const change of firsts) {
      const lead = deployment.at - ms(change.firstCommitAt ?? change.createdAt);
      if (lead < 0) negative.push(change.id);
      else leadTimes.push(lead);
      // metrics.md §7: "changes not linked to any work item".
      const linked = options.changeLinkedByAnyId
        ? (change.items ?? []).length > 0
        : (change.items ?? []).some((id) => itemIds.has(id));
      if (!linked) unlinked.push(change.id);
    }
  }

  // Incident attribution: the deployment it names if that is a successful production one, else
  // the last successful production deployment of its service before it opened.
  const attributed = (incident: IncidentRecord): Shipped | undefined => {
    // Deployment ids are unique per source only: of several with the named id, the one of the
    // incident's own service, else the first.
    const namedAll = shipped.filter((d) => d.id === incident.causedBy);
    const named = namedAll.find((d) => d.service === incident.service) ?? namedAll[0];
    if (named !== undefined) return named;
    const opened = ms(incident.openedAt);
    return shipped.filter((d) => d.service === incident.service && d.at < opened).at(-1);
  };
  const incidentsByOpening = [...org.incidents].sort(
    (a, b) => ms(a.openedAt) - ms(b.openedAt) || cmp(a.id, b.id) || cmp(a.source, b.source),
  );
  let failed = 0;
  const recovery: number[] = [];
  const restore: number[] = [];
  const unresolved: string[] = [];
  for (const deployment of counted) {
    const caused = incidentsByOpening.filter((i) => attributed(i) === deployment);
    if (caused.length > 0) failed++;
    for (const incident of caused) {
      if (incident.resolvedAt === undefined) unresolved.push(incident.id);
      else {
        recovery.push(ms(incident.resolvedAt) - deployment.at);
        restore.push(ms(incident.resolvedAt) - ms(incident.openedAt));
      }
    }
  }
  const unattributed = incidentsByOpening
    .filter((i) => inPeriod(ms(i.openedAt)) && serviceInScope(org, scope, i.service, ms(i.openedAt)))
    .filter((i) => attributed(i) === undefined)
    .map((i) => i.id);

  const count = counted.length;
  const failureRate = count > 0 ? failed / count : null;
  const leadMedian = percentile(leadTimes, 50);
  const recoveryMedian = percentile(recovery, 50);
  const dora: NaiveDocument['dora'] = {
    deploymentFrequency: {
      count,
      perWeek: count / ((toMs - fromMs) / WEEK),
      tier: frequencyTier(
        counted.map((d) => d.at),
        query,
      ),
    },
    leadTimeForChanges: {
      median: seconds(leadMedian),
      count: leadTimes.length,
      tier: byThresholds(leadMedian, [DAY, 7 * DAY, 30 * DAY], false),
    },
    changeFailureRate: { value: failureRate, tier: byThresholds(failureRate, [0.05, 0.1, 0.15], true) },
    recoveryTime: {
      median: seconds(recoveryMedian),
      count: recovery.length,
      tier: byThresholds(recoveryMedian, [HOUR, DAY, 7 * DAY], false),
    },
    timeToRestore: { median: seconds(percentile(restore, 50)), count: restore.length },
  };
  return {
    dora,
    quality: {
      unlinkedChanges: examples(unlinked),
      deploymentsWithoutChanges: examples(counted.filter((d) => d.changes.length === 0).map((d) => d.id)),
      unattributedIncidents: examples(unattributed),
      unresolvedIncidents: examples(unresolved),
      negativeLeadTimes: examples(negative),
    },
  };
}

/** elite / high / medium / low by three thresholds, `<` (or `≤` when inclusive); null with no value. */
function byThresholds(value: number | null, limits: readonly [number, number, number], inclusive: boolean) {
  if (value === null) return null;
  const below = (limit: number) => (inclusive ? value <= limit : value < limit);
  if (below(limits[0])) return 'elite' as const;
  if (below(limits[1])) return 'high' as const;
  if (below(limits[2])) return 'medium' as const;
  return 'low' as const;
}

/**
 * metrics.md §6: deployment days (distinct UTC days with a deployment) of each ISO week and
 * calendar month lying wholly inside the period; medians by nearest rank.
 */
function frequencyTier(deployedAt: readonly number[], query: NaiveQuery): Tier | null {
  if (deployedAt.length === 0) return null;
  const days = new Set(deployedAt.map((t) => Math.floor(t / DAY)));
  const deploymentDays = (fromMs: number, toMs: number) => {
    let n = 0;
    for (let t = fromMs; t < toMs; t += DAY) if (days.has(t / DAY)) n++;
    return n;
  };
  const weeks: number[] = [];
  for (let monday = weekStart(query.fromMs); monday + WEEK <= query.toMs; monday += WEEK)
    if (monday >= query.fromMs) weeks.push(deploymentDays(monday, monday + WEEK));
  if (weeks.length === 0) return null;
  const weekly = percentile(weeks, 50) as number;
  if (weekly >= 5) return 'elite';
  if (weekly >= 1) return 'high';
  const months: number[] = [];
  const start = new Date(query.fromMs);
  let month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  for (;;) {
    const d = new Date(month);
    const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    if (next > query.toMs) break;
    if (month >= query.fromMs) months.push(deploymentDays(month, next));
    month = next;
  }
  if (months.length > 0 && (percentile(months, 50) as number) >= 1) return 'medium';
  return 'low';
}

// ---------------------------------------------------------------------------------------------
// The answers.

/**
 * Readings of metrics.md that the oracle can be told to follow instead of its own, for a
 * disagreement already reported (the tests say which and why).
 */
export interface NaiveOptions {
  /**
   * A change counts as linked when it names any id, whether or not a work item has it (the oracle's
   * own reading of §7, "changes not linked to any work item": only when it names an existing one).
   */
  readonly changeLinkedByAnyId?: boolean;
}

/** What `engine.metrics(query)` answers, less outOfOrderChanges, duplicateRecords, pendingItems. */
export function naiveMetrics(
  records: readonly OrgRecord[],
  query: NaiveQuery,
  options: NaiveOptions = {},
): NaiveDocument {
  const org = organise(records);
  const scope = resolveScope(org, query);
  const items = flowItems(org);
  const { dora, quality } = doraMetrics(org, scope, query, options);
  return {
    period: { from: iso(query.fromMs), to: iso(query.toMs) },
    scope: scope.label,
    flow: flowMetrics(items, query, scope),
    dora,
    dataQuality: { ...itemQuality(itemsNow(items, scope)), ...quality },
  };
}

/** What `engine.series(query)` answers. */
export function naiveSeries(records: readonly OrgRecord[], query: NaiveQuery): NaiveSeries {
  const org = organise(records);
  const scope = resolveScope(org, query);
  const items = flowItems(org);
  const completed = completedIn(items, query, scope);

  const velocityByWeek: NaiveSeries['velocityByWeek'] = [];
  for (let w = weekStart(query.fromMs); w < query.toMs; w += WEEK) {
    const inWeek = completed.filter((i) => weekStart(i.completedAt as number) === w);
    const byType = zeroCounts();
    for (const item of inWeek) byType[item.flowType]++;
    velocityByWeek.push({ week: day(w), count: inWeek.length, byType });
  }
  const throughputByDay: NaiveSeries['throughputByDay'] = [];
  for (let d = Math.floor(query.fromMs / DAY) * DAY; d < query.toMs; d += DAY)
    throughputByDay.push({
      day: day(d),
      count: completed.filter((i) => Math.floor((i.completedAt as number) / DAY) * DAY === d).length,
    });

  const samples = midnights(query.fromMs, query.toMs);
  const loadByDay = samples.map((t) => ({
    day: day(t),
    load: items.filter((item) => inProgressInScope(item, scope, t)).length,
  }));
  const cumulativeFlow = samples.map((t) => {
    const byState: Record<FlowState, number> = { new: 0, waiting: 0, active: 0, done: 0, cancelled: 0 };
    const counts = new Map<string, number>();
    for (const item of items) {
      const step = stepAt(item, t);
      if (step === null || !scope.holds(item.team, t)) continue;
      byState[step.state]++;
      counts.set(step.status, (counts.get(step.status) ?? 0) + 1);
    }
    const byStatus: Record<string, number> = {};
    for (const status of [...counts.keys()].sort(cmp)) byStatus[status] = counts.get(status) as number;
    return { day: day(t), byState, byStatus };
  });

  const flowTimes = completed.map(flowTime);
  const median = percentile(flowTimes, 50);
  const p85 = percentile(flowTimes, 85);
  const aging = items
    .filter((item) => inProgressInScope(item, scope, query.toMs))
    .map((item) => {
      const age = query.toMs - (item.startedAt as number);
      return {
        source: item.source,
        id: item.id,
        status: (stepAt(item, query.toMs) as Step).status,
        ageSeconds: age / 1000,
        beyondMedian: median !== null && age > median,
        beyondP85: p85 !== null && age > p85,
      };
    })
    .sort((a, b) => b.ageSeconds - a.ageSeconds || cmp(a.source, b.source) || cmp(a.id, b.id));

  return {
    period: { from: iso(query.fromMs), to: iso(query.toMs) },
    scope: scope.label,
    velocityByWeek,
    throughputByDay,
    loadByDay,
    cumulativeFlow,
    waitByStatus: waitByStatus(completed),
    aging,
  };
}

/** The scopes a test can ask for: the organisation, each portfolio, value stream and team. */
export function scopesOf(records: readonly OrgRecord[]): NaiveQuery[] {
  const org = organise(records);
  const teams = new Set<string>([...org.teams.keys()]);
  for (const item of org.items) if (item.team !== undefined) teams.add(item.team);
  return [
    { fromMs: 0, toMs: 0 },
    ...[...org.portfolios.keys()].sort(cmp).map((portfolio) => ({ fromMs: 0, toMs: 0, portfolio })),
    ...[...org.valueStreams.keys()].sort(cmp).map((valueStream) => ({ fromMs: 0, toMs: 0, valueStream })),
    ...[...teams].sort(cmp).map((team) => ({ fromMs: 0, toMs: 0, team })),
  ];
}
