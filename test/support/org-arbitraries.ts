/**
 * fast-check arbitraries of small, random but valid organisations as interchange records
 * (contract.md §1), for the metric oracle and property tests: portfolios, value streams, teams,
 * sources with mappings (team overrides, statuses and types left unmapped), work items with their
 * status changes over a ~60-day window, services, changes, deployments and incidents.
 *
 * The histories are made to hit the rules of metrics.md §3: changes at the same instant (chains and
 * broken chains), reopened items (done → active → done), cancelled items, items with no team or a
 * team without a record, a first change before `createdAt`, a `status` field that disagrees with
 * the last change. Delivery records hit §5: changes without items, commit times after the
 * deployment (negative lead times), production under several names and mapped environments,
 * failed and staging deployments, deployments without changes, incidents with and without a
 * cause, resolved or not (some at the very instant of a deployment). Status changes of an item
 * that never comes, and changes naming ids no work item has, are there too.
 *
 * Deployment and change ids are unique across sources: which record an incident's `causedBy` or a
 * deployment's `changes` then means is not settled by metrics.md (see KNOWN 4 in
 * metrics-oracle.test.ts).
 *
 * Every instant is a whole minute, written as ISO 8601 with `Z`: sums of durations are exact.
 */
import fc from 'fast-check';
import type { FlowState, FlowType, Stage } from '../../src/domain/index.js';
import type {
  ChangeRecord,
  DeploymentRecord,
  IncidentRecord,
  MappingRecord,
  MoveRecord,
  OrgRecord,
  TransitionRecord,
  WorkItemRecord,
} from './naive-metrics.js';

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** The window the histories fall in: 60 days from this instant (a Friday). */
export const WINDOW_START_MS = Date.UTC(2024, 11, 20);
export const WINDOW_DAYS = 60;
const WINDOW_MINUTES = WINDOW_DAYS * 24 * 60;

const at = (minute: number) => new Date(WINDOW_START_MS + minute * MINUTE_MS).toISOString();

/** Statuses of the work-item sources with their natural class; the last two are never mapped by the source. */
const STATUS_POOL: readonly (readonly [string, Stage, FlowState])[] = [
  ['Funnel', 'ideate', 'new'],
  ['Backlog', 'ideate', 'new'],
  ['Analysis', 'ideate', 'active'],
  ['Ready', 'create', 'waiting'],
  ['In Progress', 'create', 'active'],
  ['Blocked', 'create', 'waiting'],
  ['In Review', 'create', 'active'],
  ['Awaiting Deploy', 'release', 'waiting'],
  ['Deploying', 'release', 'active'],
  ['Done', 'release', 'done'],
  ['Closed', 'operate', 'done'],
  ["Won't Do", 'create', 'cancelled'],
  ['Duplicate', 'ideate', 'cancelled'],
  ['Parked', 'create', 'waiting'],
  ['Limbo', 'ideate', 'new'],
];
const NEVER_MAPPED = new Set(['Parked', 'Limbo']);
const STATUSES = STATUS_POOL.map(([status]) => status);
const STAGE_LIST: readonly Stage[] = ['ideate', 'create', 'release', 'operate'];
const STATE_LIST: readonly FlowState[] = ['new', 'waiting', 'active', 'done', 'cancelled'];
const TYPE_POOL: readonly (readonly [string, FlowType])[] = [
  ['Story', 'feature'],
  ['Bug', 'defect'],
  ['Vulnerability', 'risk'],
  ['TechDebt', 'debt'],
  ['Task', 'debt'],
  ['Spike', 'feature'],
  ['Chore', 'feature'],
];
const NEVER_MAPPED_TYPES = new Set(['Chore']);
const TYPES = TYPE_POOL.map(([type]) => type);
const FLOW_TYPE_LIST: readonly FlowType[] = ['feature', 'defect', 'risk', 'debt'];

const ITEM_SOURCES = ['jira:PAY', 'jira:WEB', 'gh:api'] as const;
const DEPLOY_SOURCES = ['ci', 'argo'] as const;
const ENVIRONMENTS = ['production', 'prod', 'Production', 'PROD', 'prd', 'live', 'staging', 'qa'] as const;
/** A team that items and services name but that has no team record. */
export const GHOST_TEAM = 't-ghost';

export interface GeneratedOrg {
  /**
   * The records, organisation first (the order does not matter to the importer); one per identity,
   * but for an item's two identical status changes, which the importer stores once.
   */
  readonly records: readonly OrgRecord[];
}

const statusArb = fc.constantFrom(...STATUSES);
const classArb = fc.record({ stage: fc.constantFrom(...STAGE_LIST), state: fc.constantFrom(...STATE_LIST) });

/** A source's mapping of the status pool: natural classes, some other, some left unmapped. */
const statusMappingArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 99 }), classArb), {
    minLength: STATUS_POOL.length,
    maxLength: STATUS_POOL.length,
  })
  .map((choices) => {
    const statuses: Record<string, { stage: Stage; state: FlowState }> = {};
    STATUS_POOL.forEach(([status, stage, state], i) => {
      const [roll, other] = choices[i] as [number, { stage: Stage; state: FlowState }];
      if (NEVER_MAPPED.has(status) || roll < 12) return;
      statuses[status] = roll < 85 ? { stage, state } : other;
    });
    return statuses;
  });

const typeMappingArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 99 }), fc.constantFrom(...FLOW_TYPE_LIST)), {
    minLength: TYPE_POOL.length,
    maxLength: TYPE_POOL.length,
  })
  .map((choices) => {
    const types: Record<string, FlowType> = {};
    TYPE_POOL.forEach(([type, flowType], i) => {
      const [roll, other] = choices[i] as [number, FlowType];
      if (NEVER_MAPPED_TYPES.has(type) || roll < 15) return;
      types[type] = roll < 85 ? flowType : other;
    });
    return types;
  });

/** A team's override: a few statuses and types classed otherwise (or mapped where the source is not). */
const overrideArb = fc.record({
  statuses: fc.dictionary(statusArb, classArb, { maxKeys: 3 }),
  types: fc.dictionary(fc.constantFrom(...TYPES), fc.constantFrom(...FLOW_TYPE_LIST), { maxKeys: 2 }),
});

const environmentsArb = fc.option(
  fc.dictionary(fc.constantFrom<string>(...ENVIRONMENTS), fc.constantFrom('production', 'staging', 'test'), {
    maxKeys: 4,
  }),
  { nil: undefined },
);

/** One step of an item's history. */
const stepArb = fc.record({
  gap: fc.oneof(
    { weight: 2, arbitrary: fc.constant(0) },
    /** To the next midnight (where the load and the cumulative flow are sampled). */
    { weight: 1, arbitrary: fc.constant(-1) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 600 }) },
    { weight: 5, arbitrary: fc.integer({ min: 600, max: 8 * 1440 }) },
  ),
  to: statusArb,
  /** A change whose `from` is not the status the item was in (a gap in the data). */
  brokenFrom: fc.option(statusArb, { freq: 8, nil: undefined }),
  withId: fc.boolean(),
});

const itemArb = fc.record({
  source: fc.nat(),
  team: fc.nat(),
  type: fc.constantFrom(...TYPES),
  createdMinute: fc.oneof(
    fc.integer({ min: 0, max: 50 * 1440 }),
    fc.integer({ min: 0, max: 50 }).map((d) => d * 1440),
  ),
  initial: fc.constantFrom('Funnel', 'Backlog', 'Backlog', 'Ready', 'In Progress', 'Parked', 'Done'),
  steps: fc.array(stepArb, { maxLength: 7 }),
  /** Minutes the first change comes before createdAt (clock skew), if it does. */
  skew: fc.option(fc.integer({ min: 1, max: 3 * 1440 }), { freq: 8, nil: undefined }),
  finish: fc.constantFrom(null, null, 'Done', 'Done', 'Closed', "Won't Do"),
  statusField: fc.option(statusArb, { freq: 8, nil: undefined }),
  /** Status changes of an item whose record never comes. */
  orphan: fc.integer({ min: 0, max: 24 }).map((n) => n === 0),
  /** Names an earlier item (this many before it) as its parent, making that one a container. */
  parentBack: fc.option(fc.integer({ min: 1, max: 6 }), { freq: 5, nil: undefined }),
});

const changeArb = fc.record({
  source: fc.constantFrom('gh:changes', 'gitlab:changes'),
  createdMinute: fc.integer({ min: 0, max: WINDOW_MINUTES }),
  commit: fc.oneof(
    fc.constant<number | undefined>(undefined),
    fc.integer({ min: -4 * 1440, max: 0 }),
    fc.integer({ min: 1, max: 2 * 1440 }),
  ),
  items: fc.oneof(
    fc.constant<number[] | undefined>(undefined),
    fc.constant([]),
    fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  ),
  unknownItem: fc.boolean(),
});

const deploymentArb = fc.record({
  source: fc.constantFrom(...DEPLOY_SOURCES),
  service: fc.nat(),
  environment: fc.constantFrom(...ENVIRONMENTS),
  minute: fc.oneof(
    fc.integer({ min: 0, max: WINDOW_MINUTES }),
    fc.integer({ min: 0, max: WINDOW_DAYS }).map((d) => d * 1440),
  ),
  success: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  changes: fc.oneof(
    fc.constant<number[] | undefined>(undefined),
    fc.constant([]),
    fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  ),
});

const incidentArb = fc.record({
  service: fc.nat(),
  openedMinute: fc.integer({ min: 0, max: WINDOW_MINUTES }),
  /** Opened at the very instant of a deployment (attribution looks strictly before). */
  atDeployment: fc.option(fc.nat(), { freq: 3, nil: undefined }),
  resolvedAfter: fc.option(fc.integer({ min: 0, max: 6 * 1440 }), { freq: 4, nil: undefined }),
  cause: fc.oneof(
    fc.constant<'none' | 'unknown' | number>('none'),
    fc.constant<'none' | 'unknown' | number>('unknown'),
    fc.nat(),
  ),
});

export interface OrgOptions {
  readonly maxItems?: number;
}

/** A small organisation, as records with distinct identities. */
export function orgArb(options: OrgOptions = {}): fc.Arbitrary<GeneratedOrg> {
  const maxItems = options.maxItems ?? 40;
  return fc
    .record({
      portfolios: fc.integer({ min: 1, max: 2 }),
      streams: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      teams: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      sources: fc.integer({ min: 1, max: 3 }),
      baseMappings: fc.array(
        fc.record({ present: fc.nat({ max: 9 }), statuses: statusMappingArb, types: typeMappingArb }),
        {
          minLength: 3,
          maxLength: 3,
        },
      ),
      overrides: fc.array(fc.record({ source: fc.nat(), team: fc.nat(), override: overrideArb }), {
        maxLength: 3,
      }),
      environments: fc.tuple(environmentsArb, environmentsArb),
      services: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      items: fc.array(itemArb, { maxLength: maxItems, size: 'medium' }),
      changes: fc.array(changeArb, { maxLength: 10, size: 'medium' }),
      deployments: fc.array(deploymentArb, { maxLength: 18, size: 'medium' }),
      /** A busy service: a deployment every (week)day for a while, for the higher frequency tiers. */
      daily: fc.option(
        fc.record({
          service: fc.nat(),
          startDay: fc.integer({ min: 0, max: 30 }),
          days: fc.integer({ min: 5, max: 45 }),
          weekdaysOnly: fc.boolean(),
          hour: fc.integer({ min: 0, max: 23 }),
        }),
        { freq: 3, nil: undefined },
      ),
      incidents: fc.array(incidentArb, { maxLength: 8, size: 'medium' }),
    })
    .map((m) => {
      const records: OrgRecord[] = [];
      const portfolios = Array.from({ length: m.portfolios }, (_, i) => `p-${i + 1}`);
      for (const id of portfolios) records.push({ kind: 'portfolio', id, name: `Portfolio ${id}` });
      const streams = m.streams.map((_, i) => `vs-${i + 1}`);
      m.streams.forEach((choice, i) => {
        // Mostly in a portfolio; sometimes in none, or in one without a record.
        const portfolio =
          choice % 7 === 6
            ? undefined
            : choice % 7 === 5
              ? 'p-ghost'
              : portfolios[choice % portfolios.length];
        records.push({
          kind: 'valueStream',
          id: streams[i] as string,
          name: `Stream ${i + 1}`,
          ...(portfolio === undefined ? {} : { portfolio }),
        });
      });
      const teams = m.teams.map((_, i) => `t-${i + 1}`);
      m.teams.forEach((choice, i) => {
        const valueStream = choice % 6 === 5 ? undefined : streams[choice % streams.length];
        records.push({
          kind: 'team',
          id: teams[i] as string,
          name: `Team ${i + 1}`,
          ...(valueStream === undefined ? {} : { valueStream }),
        });
      });
      const itemTeam = (n: number): string | undefined => {
        const k = n % (teams.length + 2);
        return k < teams.length ? teams[k] : k === teams.length ? undefined : GHOST_TEAM;
      };

      const sources = ITEM_SOURCES.slice(0, m.sources);
      sources.forEach((source, i) => {
        const base = m.baseMappings[i] as (typeof m.baseMappings)[number];
        // One source in ten has no mapping of its own (only team overrides, if any).
        if (base.present === 0) return;
        records.push({ kind: 'mapping', source, statuses: base.statuses, types: base.types });
      });
      const overridden = new Set<string>();
      for (const o of m.overrides) {
        const source = sources[o.source % sources.length] as string;
        const team = [...teams, GHOST_TEAM][o.team % (teams.length + 1)] as string;
        if (overridden.has(`${source}/${team}`)) continue;
        overridden.add(`${source}/${team}`);
        records.push({
          kind: 'mapping',
          source,
          team,
          statuses: o.override.statuses,
          types: o.override.types,
        });
      }
      DEPLOY_SOURCES.forEach((source, i) => {
        const environments = m.environments[i];
        if (environments === undefined && i === 1) return; // argo: no mapping at all
        records.push({
          kind: 'mapping',
          source,
          statuses: {},
          types: {},
          ...(environments === undefined ? {} : { environments }),
        });
      });

      const services = m.services.map((_, i) => `svc-${i + 1}`);
      m.services.forEach((choice, i) => {
        const team = choice % 5 === 4 ? GHOST_TEAM : (teams[choice % teams.length] as string);
        records.push({ kind: 'service', id: services[i] as string, team, name: `Service ${i + 1}` });
      });

      const itemIds: string[] = [];
      m.items.forEach((spec, n) => {
        const source = sources[spec.source % sources.length] as string;
        const id = `${source.split(':')[1]?.toUpperCase() ?? 'X'}-${n + 1}`;
        itemIds.push(id);
        const team = itemTeam(spec.team);
        const transitions: TransitionRecord[] = [];
        let status: string = spec.initial;
        let minute = spec.createdMinute - (spec.skew ?? 0);
        const steps = [...spec.steps];
        if (spec.finish !== null)
          steps.push({ gap: 1440 + (n % 5) * 97, to: spec.finish, brokenFrom: undefined, withId: false });
        steps.forEach((step, k) => {
          // The first change comes at createdAt (or before it, with skew) or later.
          if (k > 0 || spec.skew === undefined)
            minute = step.gap === -1 ? (Math.floor(minute / 1440) + 1) * 1440 : minute + step.gap;
          const from = step.brokenFrom ?? status;
          transitions.push({
            kind: 'transition',
            source,
            item: id,
            at: at(minute),
            from,
            to: step.to,
            ...(step.withId && k % 3 === 0 ? { id: `${id}/${k}` } : {}),
          });
          status = step.to;
        });
        const item: WorkItemRecord = {
          kind: 'workItem',
          source,
          id,
          type: spec.type,
          status: spec.statusField ?? status,
          createdAt: at(spec.createdMinute),
          ...(team === undefined ? {} : { team }),
          // Only an item of the same source can be a parent; a parent that was never imported
          // (an orphan's id) makes nothing a container.
          ...(spec.parentBack !== undefined && n - spec.parentBack >= 0
            ? { parent: itemIds[n - spec.parentBack] as string }
            : {}),
        };
        if (spec.orphan) records.push(...transitions);
        else records.push(item, ...transitions);
      });

      const changeIds = m.changes.map((_, i) => `c-${i + 1}`);
      m.changes.forEach((spec, i) => {
        const items = spec.items?.map((k) => itemIds[k % Math.max(1, itemIds.length)] ?? 'NONE-1');
        const change: ChangeRecord = {
          kind: 'change',
          source: spec.source,
          id: changeIds[i] as string,
          createdAt: at(spec.createdMinute),
          ...(spec.commit === undefined ? {} : { firstCommitAt: at(spec.createdMinute + spec.commit) }),
          // Sometimes naming an item that does not exist too, or only such an item.
          ...(items === undefined
            ? {}
            : {
                items:
                  spec.unknownItem && items.length > 0
                    ? i % 2 === 0
                      ? [...items, 'NOPE-404']
                      : ['NOPE-404']
                    : items,
              }),
        };
        records.push(change);
      });

      const deploymentIds = m.deployments.map((_, i) => `d-${i + 1}`);
      m.deployments.forEach((spec, i) => {
        const service =
          spec.service % 9 === 8 ? 'svc-ghost' : (services[spec.service % services.length] as string);
        // Mostly changes created before the deployment; one in seven any change (a commit time after
        // the deployment gives a negative lead time).
        const earlier = changeIds.filter((_, c) => (m.changes[c]?.createdMinute ?? 0) <= spec.minute);
        const pick = (k: number) => {
          const pool = k % 7 === 0 || earlier.length === 0 ? changeIds : earlier;
          return pool[k % Math.max(1, pool.length)] ?? 'c-none';
        };
        const changes = spec.changes === undefined ? undefined : [...new Set(spec.changes.map(pick))];
        const deployment: DeploymentRecord = {
          kind: 'deployment',
          source: spec.source,
          id: deploymentIds[i] as string,
          service,
          environment: spec.environment,
          at: at(spec.minute),
          status: spec.success ? 'success' : 'failed',
          ...(changes === undefined ? {} : { changes }),
        };
        records.push(deployment);
      });

      if (m.daily !== undefined) {
        const daily = m.daily;
        const service = services[daily.service % services.length] as string;
        for (let d = daily.startDay; d < daily.startDay + daily.days; d++) {
          const weekday = new Date(WINDOW_START_MS + d * DAY_MS).getUTCDay();
          if (daily.weekdaysOnly && (weekday === 0 || weekday === 6)) continue;
          const id = `d-daily-${d}`;
          deploymentIds.push(id);
          records.push({
            kind: 'deployment',
            source: 'ci',
            id,
            service,
            environment: 'production',
            at: at(d * 1440 + daily.hour * 60),
            status: 'success',
            changes: [],
          });
        }
      }

      const deploymentMinutes = records.flatMap((r) =>
        r.kind === 'deployment' ? [(Date.parse(r.at) - WINDOW_START_MS) / MINUTE_MS] : [],
      );
      m.incidents.forEach((spec, i) => {
        const openedMinute =
          spec.atDeployment === undefined || deploymentMinutes.length === 0
            ? spec.openedMinute
            : (deploymentMinutes[spec.atDeployment % deploymentMinutes.length] as number);
        const causedBy =
          spec.cause === 'none'
            ? undefined
            : spec.cause === 'unknown' || deploymentIds.length === 0
              ? 'd-unknown'
              : deploymentIds[spec.cause % deploymentIds.length];
        const incident: IncidentRecord = {
          kind: 'incident',
          source: 'pagerduty',
          id: `inc-${i + 1}`,
          service:
            spec.service % 7 === 6 ? 'svc-ghost' : (services[spec.service % services.length] as string),
          openedAt: at(openedMinute),
          ...(spec.resolvedAfter === undefined ? {} : { resolvedAt: at(openedMinute + spec.resolvedAfter) }),
          ...(causedBy === undefined ? {} : { causedBy }),
        };
        records.push(incident);
      });
      return { records };
    });
}

/** A period [from, to): whole days, whole months, arbitrary minutes, or shorter than a day. */
export const periodArb: fc.Arbitrary<{ fromMs: number; toMs: number }> = fc.oneof(
  fc.constantFrom(
    { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 1, 1) },
    { fromMs: Date.UTC(2024, 11, 30), toMs: Date.UTC(2025, 1, 24) },
    { fromMs: Date.UTC(2024, 11, 1), toMs: Date.UTC(2025, 2, 1) },
    { fromMs: WINDOW_START_MS, toMs: WINDOW_START_MS + 75 * DAY_MS },
  ),
  fc
    .tuple(fc.integer({ min: -3, max: WINDOW_DAYS + 5 }), fc.integer({ min: 1, max: 70 }))
    .map(([start, days]) => ({
      fromMs: WINDOW_START_MS + start * DAY_MS,
      toMs: WINDOW_START_MS + (start + days) * DAY_MS,
    })),
  fc
    .tuple(fc.integer({ min: 0, max: (WINDOW_DAYS + 5) * 1440 }), fc.integer({ min: 1, max: 45 * 1440 }))
    .map(([start, minutes]) => ({
      fromMs: WINDOW_START_MS + start * MINUTE_MS,
      toMs: WINDOW_START_MS + (start + minutes) * MINUTE_MS,
    })),
  fc
    .tuple(fc.integer({ min: 0, max: WINDOW_DAYS * 1440 }), fc.integer({ min: 1, max: 1439 }))
    .map(([start, minutes]) => ({
      fromMs: WINDOW_START_MS + start * MINUTE_MS,
      toMs: WINDOW_START_MS + (start + minutes) * MINUTE_MS,
    })),
);

/**
 * An earlier version of a record (same identity, other mutable fields), to be written before the
 * record itself: the later one must win (contract.md §1). Undefined for records with nothing to
 * vary.
 */
export function staleVersion(record: OrgRecord, n: number): OrgRecord | undefined {
  switch (record.kind) {
    case 'team':
      return { ...record, valueStream: n % 2 === 0 ? 'vs-1' : 'vs-ghost' };
    case 'valueStream':
      return { kind: 'valueStream', id: record.id, name: 'old name' };
    case 'service':
      return { ...record, team: n % 2 === 0 ? 't-1' : GHOST_TEAM };
    case 'mapping':
      return {
        ...record,
        statuses: { [STATUSES[n % STATUSES.length] as string]: { stage: 'operate', state: 'active' } },
      };
    case 'workItem': {
      const { team: _team, ...rest } = record;
      return n % 2 === 0
        ? { ...rest, status: STATUSES[n % STATUSES.length] as string, type: 'Chore' }
        : { ...record, team: GHOST_TEAM, createdAt: at(n % WINDOW_MINUTES) };
    }
    case 'transition':
      // Only a transition with an id keeps its identity when its instant or statuses change.
      return record.id === undefined ? undefined : { ...record, at: at(n % WINDOW_MINUTES), to: 'Limbo' };
    case 'change':
      return {
        kind: 'change',
        source: record.source,
        id: record.id,
        createdAt: at(n % WINDOW_MINUTES),
        items: [],
      };
    case 'deployment':
      return { ...record, status: record.status === 'success' ? 'failed' : 'success', environment: 'prod' };
    case 'incident': {
      const { resolvedAt: _resolved, causedBy: _cause, ...rest } = record;
      return n % 2 === 0 ? rest : { ...record, service: 'svc-1' };
    }
    default:
      return undefined;
  }
}

/**
 * A mapping record as a mapping change brings it: one of the organisation's mappings with a
 * status, a type or an environment classed otherwise (or no longer mapped), or a new team override.
 */
export function remapArb(records: readonly OrgRecord[]): fc.Arbitrary<MappingRecord | null> {
  const mappings = records.filter((r): r is MappingRecord => r.kind === 'mapping');
  const teams = records.flatMap((r) => (r.kind === 'team' ? [r.id] : []));
  const sources = [...new Set(records.flatMap((r) => (r.kind === 'workItem' ? [r.source] : [])))];
  const edits = fc.record({
    status: statusArb,
    cls: fc.option(classArb, { freq: 5, nil: undefined }),
    type: fc.constantFrom(...TYPES),
    flowType: fc.option(fc.constantFrom(...FLOW_TYPE_LIST), { freq: 5, nil: undefined }),
    environment: fc.constantFrom<string>(...ENVIRONMENTS),
    envName: fc.option(fc.constantFrom('production', 'staging'), { freq: 5, nil: undefined }),
    what: fc.constantFrom('status', 'status', 'type', 'environment'),
  });
  type Edit = typeof edits extends fc.Arbitrary<infer T> ? T : never;
  const apply = (mapping: MappingRecord, e: Edit): MappingRecord => {
    if (e.what === 'status') {
      const statuses = { ...mapping.statuses };
      if (e.cls === undefined) delete statuses[e.status];
      else statuses[e.status] = e.cls;
      return { ...mapping, statuses };
    }
    if (e.what === 'type') {
      const types = { ...mapping.types };
      if (e.flowType === undefined) delete types[e.type];
      else types[e.type] = e.flowType;
      return { ...mapping, types };
    }
    const environments = { ...mapping.environments };
    if (e.envName === undefined) delete environments[e.environment];
    else environments[e.environment] = e.envName;
    return { ...mapping, environments };
  };
  const choices: fc.Arbitrary<MappingRecord | null>[] = [];
  if (mappings.length > 0)
    choices.push(fc.tuple(fc.constantFrom(...mappings), edits).map(([m, e]) => apply(m, e)));
  if (sources.length > 0 && teams.length > 0)
    choices.push(
      fc.tuple(fc.constantFrom(...sources), fc.constantFrom(...teams), edits).map(([source, team, e]) =>
        apply(
          mappings.find((m) => m.source === source && m.team === team) ?? {
            kind: 'mapping',
            source,
            team,
            statuses: {},
            types: {},
          },
          e,
        ),
      ),
    );
  return choices.length === 0 ? fc.constant(null) : fc.oneof(...choices);
}

/**
 * Moves of the organisation's teams (to another value stream or to none), value streams (to another
 * portfolio or to none) and services (to another team) at whole minutes of the window: up to two per
 * entity, in time order, each to a parent other than the one it has then. Only entities and parents
 * with records move (the editor refuses others).
 */
export function movesArb(records: readonly OrgRecord[]): fc.Arbitrary<MoveRecord[]> {
  const ids = (kind: OrgRecord['kind']): string[] =>
    records.flatMap((r) => (r.kind === kind && 'id' in r ? [r.id as string] : []));
  const teams = ids('team');
  const streams = ids('valueStream');
  const portfolios = ids('portfolio');
  const services = ids('service');
  const initial = new Map<string, string | null>();
  for (const r of records) {
    if (r.kind === 'team') initial.set(`team:${r.id}`, r.valueStream ?? null);
    if (r.kind === 'valueStream') initial.set(`valueStream:${r.id}`, r.portfolio ?? null);
    if (r.kind === 'service') initial.set(`service:${r.id}`, r.team);
  }
  const entities: { entity: MoveRecord['entity']; id: string; targets: readonly (string | null)[] }[] = [
    ...teams.map((id) => ({ entity: 'team' as const, id, targets: [...streams, null] })),
    ...streams.map((id) => ({ entity: 'valueStream' as const, id, targets: [...portfolios, null] })),
    ...services.map((id) => ({ entity: 'service' as const, id, targets: teams })),
  ];
  const step = fc.record({ minute: fc.integer({ min: 0, max: WINDOW_MINUTES }), target: fc.nat() });
  return fc
    .array(fc.array(step, { maxLength: 2 }), { minLength: entities.length, maxLength: entities.length })
    .map((plans) => {
      const moves: MoveRecord[] = [];
      entities.forEach((e, i) => {
        let parent = initial.get(`${e.entity}:${e.id}`) ?? null;
        const steps = [...(plans[i] ?? [])].sort((a, b) => a.minute - b.minute);
        let last = -1;
        for (const s of steps) {
          const options = e.targets.filter((t) => t !== parent);
          if (s.minute <= last || options.length === 0) continue;
          const to = options[s.target % options.length] as string | null;
          moves.push({ kind: 'move', entity: e.entity, id: e.id, to, at: at(s.minute) });
          parent = to;
          last = s.minute;
        }
      });
      return moves;
    });
}

/** The file's lines: the records with exact duplicates and stale versions, in a random order. */
export function noisyLinesArb(records: readonly OrgRecord[]): fc.Arbitrary<OrgRecord[]> {
  return fc
    .record({
      order: fc.array(fc.nat(), { minLength: records.length, maxLength: records.length }),
      duplicates: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
      stale: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 10 }),
    })
    .map(({ order, duplicates, stale }) => {
      const lines = records
        .map((record, i) => ({ record, rank: order[i] ?? 0 }))
        .sort((a, b) => a.rank - b.rank)
        .map((x) => x.record);
      if (records.length === 0) return lines;
      for (const [index, position] of duplicates) {
        const record = records[index % records.length] as OrgRecord;
        // An exact copy may go anywhere: it changes nothing.
        lines.splice(position % (lines.length + 1), 0, record);
      }
      for (const [index, position, n] of stale) {
        const record = records[index % records.length] as OrgRecord;
        const old = staleVersion(record, n);
        if (old === undefined) continue;
        // A stale version goes before the first line of the record it precedes.
        const first = lines.indexOf(record);
        lines.splice(position % (first + 1), 0, old);
      }
      return lines;
    });
}

/** NDJSON text of records. */
export function toNdjson(records: readonly OrgRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}
