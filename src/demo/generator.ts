/**
 * The demo organisation generator: a deterministic, streaming source of interchange records
 * (contract.md §1). The organisation comes first (portfolios, value streams, teams, people, roles,
 * services, mappings); then the work, in the order it was created: each work item with its status
 * changes and its pull/merge requests, and, as the history passes them, the deployments of those
 * changes and the incidents they caused.
 *
 * How the data is made, so that the metrics find the story in it (story.ts):
 * - items are created at random instants of *working time* (work-calendar.ts), so fewer are
 *   created at weekends, in August and over Christmas; every duration is drawn in working hours
 *   and laid onto the same calendar, so work slows down in the same places;
 * - each team has a flow profile (medians of the time spent new, in analysis, waiting for approval,
 *   ready, in development, review and QA; chances of blocking and rework);
 * - a change is released with the next deployment slot of its service: Thursdays after the change
 *   approval board for the web shop, weekly app releases for iOS and Android, and for the others
 *   slots often enough to deploy about ten merged changes at a time; no slots in the change freeze
 *   around Christmas. Whether a slot's first attempt fails is a hash of the slot, so an item knows
 *   when it is released before the deployment is written.
 *
 * Memory is bounded by the deployment slots still ahead of the history (the changes they will ship),
 * never by the number of items: `large` streams 1,000,000 work items in constant memory.
 */
import { formatInstant } from '../contract/index.js';
import { civilFromDays, DAY_MS, daysFromCivil, type FlowType, isoWeekday } from '../domain/index.js';
import { type DemoOptions, type ResolvedDemoOptions, resolveDemoOptions } from './options.js';
import {
  type DemoService,
  type DemoSource,
  type DemoTeam,
  type DemoValueStream,
  type FlowProfile,
  GITHUB,
  GITLAB,
  JIRA,
  PEOPLE,
  PORTFOLIOS,
  RAW_TYPES,
  SERVICES,
  SOURCES,
  TEAMS,
  TITLE_VERBS,
  UNMAPPED_STATUS,
  UNMAPPED_TYPE,
  VALUE_STREAMS,
} from './organisation.js';
import { hashUnit, Random } from './random.js';
import { DemoSprints } from './sprints.js';
import { AI_SPEED_FACTOR, aiRolloutDay, DEMO_STORY } from './story.js';
import { HOUR_MS, InstantFormatter, isFreezeDay, MINUTE_MS, WorkCalendar } from './work-calendar.js';

/** One interchange record, as it is written to a line of NDJSON. */
export type DemoRecord = Record<string, unknown>;

/** Days after `until` the calendar reaches: the planned future of items still in progress. */
const CALENDAR_EXTRA_DAYS = 1100;
/**
 * Work starts this many days before the two years of history, so that the two years begin with
 * work already in progress (a steady state) rather than with an empty organisation.
 */
export const RUN_IN_DAYS = 91;
/** Work items per epic (Jira teams get one epic per this many items a quarter). */
const ITEMS_PER_EPIC = 40;
/** Merged changes a continuously deploying service ships per deployment, on average. */
const CHANGES_PER_DEPLOYMENT = 7.5;
/** Share of items that reach development and get a change. */
const ITEMS_WITH_CHANGES = 0.82;
const INCIDENT_SOURCE = 'pagerduty:acme';

const CANCEL_CHANCE = 0.09;
const STALL_CHANCE = 0.012;
const FORGOTTEN_CHANCE = 0.004;
const REOPEN_CHANCE = 0.035;
const UNMAPPED_STATUS_CHANCE = 0.012;
const UNMAPPED_TYPE_CHANCE = 0.012;
const CAB_DEFER_CHANCE = 0.3;
const UNLINKED_CHANGE_CHANCE = 0.05;

/**
 * Generates the demo organisation: a stream of interchange records, the same for the same options.
 * The options are checked at once (FlowlensError INVALID_ARGUMENT); the records are made as they
 * are read.
 */
export function generateDemoOrganisation(options: DemoOptions): Iterable<DemoRecord> {
  const resolved = resolveDemoOptions(options);
  return {
    [Symbol.iterator]: () => new DemoGenerator(resolved).records(),
  };
}

interface TeamState {
  readonly spec: DemoTeam;
  readonly index: number;
  readonly profile: FlowProfile;
  readonly valueStream: DemoValueStream;
  readonly source: DemoSource;
  readonly services: ServiceState[];
  readonly cab: boolean;
  readonly ai: boolean;
  readonly overloaded: boolean;
  readonly risingDefects: boolean;
  readonly parking: boolean;
  readonly spikes: boolean;
  readonly payments: boolean;
  /** The epics children of this team pick from: the current quarter's. */
  epicQuarter: number;
  epicIds: string[];
}

interface ServiceState {
  readonly spec: DemoService;
  readonly index: number;
  readonly team: TeamState;
  readonly source: DemoSource;
  readonly repositoryUrl: string;
  readonly separator: string;
  /** Deployment slot times within a slot day, in milliseconds after 00:00 UTC. */
  slotTimes: number[];
  /** Continuous services deploy every `everyDays` working days (on those with index ≡ offset). */
  everyDays: number;
  offset: number;
  changeNumber: number;
}

interface PendingSlot {
  readonly service: ServiceState;
  readonly atMs: number;
  readonly changes: string[];
  lastMergedMs: number;
}

interface PlannedEpic {
  readonly team: TeamState;
  readonly createdAtMs: number;
  readonly quarter: number;
  readonly quarterLabel: string;
  readonly quarterEndMs: number;
}

/** One item's status history being built: transitions before `until` only. */
class History {
  status = '';
  t = 0;
  stopped = false;
  speedUpFrom = Number.POSITIVE_INFINITY;
  readonly at: number[] = [];
  readonly from: string[] = [];
  readonly to: string[] = [];

  constructor(
    private readonly calendar: WorkCalendar,
    private readonly untilMs: number,
  ) {}

  reset(status: string, createdAtMs: number, speedUpFrom: number): void {
    this.status = status;
    this.t = createdAtMs;
    this.stopped = false;
    this.speedUpFrom = speedUpFrom;
    this.at.length = 0;
    this.from.length = 0;
    this.to.length = 0;
  }

  /** Moves to `to` at `atMs` (whole seconds, at least a minute after the last change). */
  go(to: string, atMs: number): boolean {
    if (this.stopped) return false;
    let ms = Math.floor(atMs / 1000) * 1000;
    if (ms < this.t + MINUTE_MS) ms = this.t + MINUTE_MS;
    if (!(ms < this.untilMs)) {
      this.stopped = true;
      return false;
    }
    this.at.push(ms);
    this.from.push(this.status);
    this.to.push(to);
    this.status = to;
    this.t = ms;
    return true;
  }

  /** The instant `hours` working hours after the last change (faster after an AI roll-out). */
  after(hours: number): number {
    const factor = this.t >= this.speedUpFrom ? AI_SPEED_FACTOR : 1;
    return this.calendar.addWorkHours(this.t, hours * factor);
  }

  /** Moves to `to` after `hours` working hours. */
  step(to: string, hours: number): boolean {
    if (this.stopped) return false;
    return this.go(to, this.after(hours));
  }

  /** The time of the last change, or NaN once the history has stopped at `until`. */
  get lastMs(): number {
    return this.stopped ? Number.NaN : this.t;
  }
}

class DemoGenerator {
  private readonly rng: Random;
  private readonly seed: number;
  private readonly calendar: WorkCalendar;
  private readonly formatter: InstantFormatter;
  private readonly startMs: number;
  private readonly untilMs: number;
  private readonly rolloutMs: number;
  /** Per calendar day: its index among working days (weekdays outside the freeze), or -1. */
  private readonly workingIndex: Int32Array;
  private readonly teams: TeamState[];
  private readonly teamWeights: number[];
  private readonly services: ServiceState[];
  private readonly history: History;
  private readonly out: DemoRecord[] = [];
  private readonly pending = new Map<number, Map<number, PendingSlot>>();
  private flushedDay: number;
  private readonly counters = { jira: 1000, github: 200, gitlab: 100, incident: 4000 };
  private readonly deploymentNumbers = new Map<string, number>();
  private readonly changesOf: { opened: number; firstCommit: number; merged: number; slot: number }[] = [];
  /** The Scrum teams' sprints (sprints.ts), written after the work. */
  private readonly sprints: DemoSprints;

  constructor(private readonly options: ResolvedDemoOptions) {
    this.seed = options.seed;
    this.rng = new Random(options.seed);
    this.startMs = options.startDay * DAY_MS;
    this.untilMs = options.untilDay * DAY_MS;
    this.rolloutMs = aiRolloutDay(options.untilDay) * DAY_MS;
    const firstDay = options.startDay - RUN_IN_DAYS;
    const days = options.untilDay - firstDay + CALENDAR_EXTRA_DAYS;
    this.calendar = new WorkCalendar(firstDay, days);
    this.formatter = new InstantFormatter(firstDay, options.untilDay - firstDay + 1);
    this.history = new History(this.calendar, this.untilMs);
    this.sprints = new DemoSprints(JIRA.id, TEAMS, firstDay, this.untilMs);
    this.flushedDay = firstDay;

    this.workingIndex = new Int32Array(days);
    let working = 0;
    let workingDaysInHistory = 0;
    for (let i = 0; i < days; i++) {
      const day = firstDay + i;
      const isWorking = isoWeekday(day) < 5 && !isFreezeDay(day);
      this.workingIndex[i] = isWorking ? working++ : -1;
      if (isWorking && day < options.untilDay) workingDaysInHistory++;
    }

    const story = DEMO_STORY;
    this.teams = TEAMS.map((spec, index) => {
      const valueStream = VALUE_STREAMS.find((v) => v.id === spec.valueStream) as DemoValueStream;
      return {
        spec,
        index,
        profile: spec.profile,
        valueStream,
        source: SOURCES.find((s) => s.key === spec.source) as DemoSource,
        services: [],
        cab: spec.valueStream === story.changeApprovalBoard.valueStream,
        ai: spec.id === story.aiAssistant.team,
        overloaded: spec.id === story.overloadedTeam,
        risingDefects: spec.valueStream === story.risingDefects.valueStream,
        parking: spec.valueStream === 'vs-mobile',
        spikes: spec.valueStream === 'vs-webshop',
        payments: spec.valueStream === 'vs-payments',
        epicQuarter: -1,
        epicIds: [],
      };
    });
    const totalWeight = TEAMS.reduce((sum, t) => sum + t.weight, 0);
    let cumulative = 0;
    this.teamWeights = TEAMS.map((t) => {
      cumulative += t.weight / totalWeight;
      return cumulative;
    });

    this.services = SERVICES.map((spec, index) => {
      const team = this.teams.find((t) => t.spec.id === spec.team) as TeamState;
      const source = team.source;
      const host =
        source === GITHUB
          ? 'https://github.com'
          : source === GITLAB
            ? 'https://gitlab.com'
            : 'https://bitbucket.org';
      const service: ServiceState = {
        spec,
        index,
        team,
        source,
        repositoryUrl: `${host}/${spec.repo}`,
        separator: source === GITLAB ? '!' : '#',
        slotTimes: [],
        everyDays: 1,
        offset: 0,
        changeNumber: 0,
      };
      team.services.push(service);
      return service;
    });
    for (const service of this.services) {
      const teamShare = service.team.spec.weight / totalWeight;
      const serviceShare =
        service.spec.weight / service.team.services.reduce((sum, s) => sum + s.spec.weight, 0);
      const changesPerDay =
        (options.items * teamShare * serviceShare * ITEMS_WITH_CHANGES) / Math.max(1, workingDaysInHistory);
      this.planSlots(service, changesPerDay / CHANGES_PER_DEPLOYMENT);
    }
  }

  private planSlots(service: ServiceState, slotsPerDay: number): void {
    const cadence = service.spec.cadence;
    if (cadence.kind === 'cab') {
      service.slotTimes = [14 * HOUR_MS];
    } else if (cadence.kind === 'weekly') {
      service.slotTimes = [cadence.hour * HOUR_MS];
    } else if (slotsPerDay >= 1.5) {
      const n = Math.min(24, Math.round(slotsPerDay));
      const spacing = (7 * HOUR_MS) / n;
      service.slotTimes = Array.from(
        { length: n },
        (_, j) => 8.5 * HOUR_MS + Math.round(((j + 0.5) * spacing) / MINUTE_MS) * MINUTE_MS,
      );
    } else {
      service.everyDays = Math.max(1, Math.min(10, Math.round(1 / Math.max(slotsPerDay, 0.01))));
      service.offset = service.index % service.everyDays;
      service.slotTimes = [14.5 * HOUR_MS];
    }
  }

  // ─── The stream ──────────────────────────────────────────────────────────────────────────────

  *records(): Generator<DemoRecord, void, undefined> {
    yield* this.organisation();
    const epics = this.planEpics();
    const regular = Math.max(0, this.options.items - epics.length);
    const totalWork = this.calendar.toWork(this.untilMs);
    const out = this.out;
    let nextEpic = 0;
    // Creation instants: the order statistics of `regular` uniform points in working time,
    // drawn in increasing order (1 − the running product of U^(1/k) is the next smallest).
    let remaining = 1;
    for (let i = 0; i < regular; i++) {
      remaining *= this.rng.nextPositive() ** (1 / (regular - i));
      let createdAtMs = Math.floor(this.calendar.fromWork((1 - remaining) * totalWork) / 1000) * 1000;
      if (!(createdAtMs < this.untilMs)) createdAtMs = this.untilMs - 1000;
      const day = Math.floor(createdAtMs / DAY_MS);
      if (day > this.flushedDay) this.flushBefore(day);
      while (nextEpic < epics.length && (epics[nextEpic] as PlannedEpic).createdAtMs <= createdAtMs) {
        this.epic(epics[nextEpic] as PlannedEpic);
        nextEpic++;
      }
      this.item(createdAtMs);
      for (let r = 0; r < out.length; r++) yield out[r] as DemoRecord;
      out.length = 0;
    }
    while (nextEpic < epics.length) this.epic(epics[nextEpic++] as PlannedEpic);
    this.flushBefore(Number.POSITIVE_INFINITY);
    for (let r = 0; r < out.length; r++) yield out[r] as DemoRecord;
    out.length = 0;
    yield* this.sprints.records();
  }

  private *organisation(): Generator<DemoRecord, void, undefined> {
    for (const p of PORTFOLIOS) yield { kind: 'portfolio', id: p.id, name: p.name };
    for (const v of VALUE_STREAMS)
      yield { kind: 'valueStream', id: v.id, name: v.name, portfolio: v.portfolio };
    for (const t of TEAMS) yield { kind: 'team', id: t.id, name: t.name, valueStream: t.valueStream };
    for (const p of PEOPLE) {
      yield {
        kind: 'person',
        id: p.id,
        name: p.name,
        email: `${p.id.slice(2).replace(/-/g, '.')}@acme.example`,
      };
    }
    for (const p of PEOPLE) {
      for (const r of p.roles) {
        const role: DemoRecord = { kind: 'role', person: p.id, role: r.role };
        if (r.valueStream !== undefined) role.valueStream = r.valueStream;
        if (r.team !== undefined) role.team = r.team;
        role.from = formatInstant((this.options.startDay + r.from) * DAY_MS);
        if (r.to !== undefined) role.to = formatInstant((this.options.startDay + r.to) * DAY_MS);
        yield role;
      }
    }
    for (const s of this.services) {
      yield {
        kind: 'service',
        id: s.spec.id,
        team: s.spec.team,
        name: s.spec.name,
        repository: s.repositoryUrl,
      };
    }
    for (const source of SOURCES) {
      yield {
        kind: 'mapping',
        source: source.id,
        statuses: { ...source.statuses },
        types: { ...source.types },
        environments: { ...source.environments },
      };
    }
  }

  // ─── Work items ──────────────────────────────────────────────────────────────────────────────

  private item(createdAtMs: number): void {
    const rng = this.rng;
    const u = rng.next();
    let teamIndex = 0;
    while (teamIndex < this.teamWeights.length - 1 && u >= (this.teamWeights[teamIndex] as number))
      teamIndex++;
    const team = this.teams[teamIndex] as TeamState;
    const flowType = this.flowType(team, createdAtMs);
    const service = this.service(team);
    if (team.source === JIRA) this.jiraItem(team, service, flowType, createdAtMs);
    else if (team.source === GITHUB) this.githubItem(team, service, flowType, createdAtMs);
    else this.gitlabItem(team, service, flowType, createdAtMs);
  }

  private flowType(team: TeamState, atMs: number): FlowType {
    const progress = Math.max(0, (atMs - this.startMs) / (this.untilMs - this.startMs));
    const story = DEMO_STORY.risingDefects;
    const defect = team.risingDefects
      ? story.defectShareAtStart + (story.defectShareAtEnd - story.defectShareAtStart) * progress
      : team.payments
        ? 0.15
        : 0.18;
    const risk = team.payments ? 0.1 : 0.06;
    const debt = 0.12;
    const r = this.rng.next();
    if (r < defect) return 'defect';
    if (r < defect + risk) return 'risk';
    if (r < defect + risk + debt) return 'debt';
    return 'feature';
  }

  private service(team: TeamState): ServiceState {
    const services = team.services;
    if (services.length === 1) return services[0] as ServiceState;
    let r = this.rng.next() * services.reduce((sum, s) => sum + s.spec.weight, 0);
    for (const s of services) {
      r -= s.spec.weight;
      if (r < 0) return s;
    }
    return services[services.length - 1] as ServiceState;
  }

  private title(team: TeamState, flowType: FlowType): string {
    return `${this.rng.pick(TITLE_VERBS[flowType])} ${this.rng.pick(team.valueStream.subjects)}`;
  }

  /** Hours drawn around a median (log-normal). */
  private hours(median: number, sigma = 0.8): number {
    return median <= 0 ? 0 : this.rng.logNormal(median, sigma);
  }

  /**
   * Where an item is cancelled: -1 not at all, else 0 (while new), 1 (in ideation) or 2 (when
   * ready). Defects and risks skip ideation, so they are cancelled when new or ready.
   */
  private cancellation(bugLike: boolean): number {
    if (!this.rng.chance(CANCEL_CHANCE)) return -1;
    const r = this.rng.next();
    const where = r < 0.55 ? 0 : r < 0.8 ? 1 : 2;
    return bugLike && where === 1 ? 2 : where;
  }

  /** Extra hours an item waits before development: most none, a few stall for months. */
  private stall(): number {
    return this.rng.chance(STALL_CHANCE) ? this.rng.logNormal(420, 0.6) : 0;
  }

  private devHours(team: TeamState, flowType: FlowType): number {
    const base = team.profile.dev * (flowType === 'feature' ? 1 : flowType === 'debt' ? 0.8 : 0.5);
    const forgotten = this.rng.chance(FORGOTTEN_CHANCE) ? 25 : 1;
    return this.hours(base * forgotten, 0.75);
  }

  private jiraItem(team: TeamState, service: ServiceState, flowType: FlowType, createdAtMs: number): void {
    const rng = this.rng;
    const p = team.profile;
    const h = this.history;
    const id = `SHOP-${++this.counters.jira}`;
    let rawType = RAW_TYPES.jira[flowType];
    if (team.spikes && flowType === 'feature' && rng.chance(UNMAPPED_TYPE_CHANCE)) rawType = UNMAPPED_TYPE;
    h.reset('Funnel', createdAtMs, Number.POSITIVE_INFINITY);
    this.changesOf.length = 0;
    const bugLike = flowType === 'defect' || flowType === 'risk';
    const cancel = this.cancellation(bugLike);
    if (cancel === 0) {
      h.step("Won't Do", this.hours(p.funnel, 1));
    } else if (rawType === UNMAPPED_TYPE) {
      // A spike: analysed, time-boxed, done; nothing to deploy.
      h.step('Analysis', this.hours(p.funnel, 1));
      h.step('In Progress', this.hours(p.analysis));
      h.step('Released', this.hours(16, 0.5));
    } else {
      if (!bugLike) {
        h.step('Analysis', this.hours(p.funnel, 1));
        if (cancel === 1) h.step("Won't Do", this.hours(p.analysis));
        else {
          h.step('Awaiting Approval', this.hours(p.analysis));
          h.step('Ready', this.hours(p.approval, 0.6));
        }
      } else {
        h.step('Ready', this.hours(p.funnel * 0.2, 1));
      }
      if (cancel === 2) h.step("Won't Do", this.hours(p.ready));
      else if (cancel !== 1) {
        if (team.parking && rng.chance(UNMAPPED_STATUS_CHANCE)) {
          h.step(UNMAPPED_STATUS, this.hours(p.ready * 0.5));
          h.step('Ready', this.hours(120, 0.6));
        }
        h.step('In Progress', this.hours(p.ready) + this.stall());
        this.jiraDevelopAndRelease(team, service, flowType);
        if (h.status === 'Released' && rng.chance(REOPEN_CHANCE)) {
          h.step('In Progress', this.hours(60, 0.8));
          this.jiraDevelopAndRelease(team, service, flowType);
        }
      }
    }
    const item: DemoRecord = this.workItem(JIRA, id, rawType, createdAtMs, team, flowType);
    if (rawType === 'Story') {
      if (team.epicIds.length > 0 && rng.chance(0.85)) item.parent = rng.pick(team.epicIds);
      item.estimate = rng.pick(STORY_POINTS);
    } else if (rawType === 'Vulnerability') {
      item.labels = ['security'];
    }
    item.url = `https://acme.atlassian.net/browse/${id}`;
    const last = h.at.length - 1;
    this.sprints.note(
      team.spec.id,
      { id, number: this.counters.jira, createdAtMs },
      h,
      h.status === 'Released' ? (h.at[last] as number) : Number.NaN,
      h.status === "Won't Do" ? (h.at[last] as number) : Number.NaN,
    );
    this.emitItem(item, JIRA, id);
    this.emitChanges(service, id);
  }

  /** In Progress → Code Review (→ rework) → QA (→ rework) → Awaiting CAB or Ready for Release → Released. */
  private jiraDevelopAndRelease(team: TeamState, service: ServiceState, flowType: FlowType): void {
    const rng = this.rng;
    const p = team.profile;
    const h = this.history;
    const startedMs = h.lastMs;
    h.step('Code Review', this.devHours(team, flowType));
    const openedMs = h.lastMs;
    for (let loop = 0; loop < 3 && rng.chance(p.reviewLoopChance); loop++) {
      h.step('In Progress', this.hours(p.review));
      h.step('Code Review', this.hours(p.dev * 0.25));
    }
    h.step('QA', this.hours(p.review));
    let mergedMs = h.lastMs;
    if (rng.chance(p.qaFailChance)) {
      h.step('In Progress', this.hours(p.qa * 0.5));
      h.step('Code Review', this.hours(p.dev * 0.3));
      h.step('QA', this.hours(p.review));
      mergedMs = h.lastMs;
    }
    let slotMs = Number.NaN;
    if (team.cab) {
      h.step('Awaiting CAB', this.hours(p.qa));
      if (!h.stopped) {
        // The board meets on Thursday morning and looks at what was waiting by Wednesday 16:00.
        slotMs = this.nextSlot(service, h.t + 22 * HOUR_MS);
        if (rng.chance(CAB_DEFER_CHANCE)) slotMs = this.nextSlot(service, slotMs + MINUTE_MS);
      }
    } else {
      h.step('Ready for Release', this.hours(p.qa));
      if (!h.stopped)
        slotMs = this.nextSlot(service, h.t + (service.spec.cadence.kind === 'weekly' ? 2 : 0.5) * HOUR_MS);
    }
    if (Number.isFinite(slotMs)) {
      h.go('Released', this.successOf(service, slotMs) + (5 + rng.int(20)) * MINUTE_MS);
    }
    this.recordChange(startedMs, openedMs, mergedMs, slotMs);
  }

  private githubItem(team: TeamState, service: ServiceState, flowType: FlowType, createdAtMs: number): void {
    const rng = this.rng;
    const p = team.profile;
    const h = this.history;
    const number = ++this.counters.github;
    const id = `acme/payments#${number}`;
    h.reset('triage', createdAtMs, Number.POSITIVE_INFINITY);
    this.changesOf.length = 0;
    const bugLike = flowType === 'defect' || flowType === 'risk';
    const cancel = this.cancellation(bugLike);
    if (cancel === 0) h.step('closed-not-planned', this.hours(p.funnel, 1));
    else {
      if (!bugLike) {
        h.step('backlog', this.hours(p.funnel, 1));
        if (cancel === 1) h.step('closed-not-planned', this.hours(p.approval));
        else h.step('todo', this.hours(p.approval, 0.7));
      } else {
        h.step('todo', this.hours(p.funnel * 0.5, 1));
      }
      if (cancel === 2) h.step('closed-not-planned', this.hours(p.ready));
      else if (cancel !== 1) {
        h.step('in progress', this.hours(p.ready) + this.stall());
        this.githubDevelop(team, service, flowType);
        if (h.status === 'done' && rng.chance(REOPEN_CHANCE)) {
          h.step('in progress', this.hours(60, 0.8));
          this.githubDevelop(team, service, flowType);
        }
      }
    }
    const rawType = RAW_TYPES.github[flowType];
    const item = this.workItem(GITHUB, id, rawType, createdAtMs, team, flowType);
    item.labels = rng.chance(0.25) ? [rawType, 'priority:high'] : [rawType];
    item.url = `https://github.com/acme/payments/issues/${number}`;
    this.emitItem(item, GITHUB, id);
    this.emitChanges(service, id);
  }

  /** in progress (→ blocked) → in review (→ rework) → done, when the pull request is merged. */
  private githubDevelop(team: TeamState, service: ServiceState, flowType: FlowType): void {
    const rng = this.rng;
    const p = team.profile;
    const h = this.history;
    const startedMs = h.lastMs;
    if (rng.chance(p.blockedChance)) {
      h.step('blocked', this.hours(p.dev * 0.3));
      h.step('in progress', this.hours(p.blocked));
    }
    h.step('in review', this.devHours(team, flowType));
    const openedMs = h.lastMs;
    for (let loop = 0; loop < 3 && rng.chance(p.reviewLoopChance); loop++) {
      h.step('in progress', this.hours(p.review));
      h.step('in review', this.hours(p.dev * 0.25));
    }
    h.step('done', this.hours(p.review));
    const mergedMs = h.lastMs;
    const slotMs = Number.isNaN(mergedMs) ? Number.NaN : this.nextSlot(service, mergedMs + 10 * MINUTE_MS);
    this.recordChange(startedMs, openedMs, mergedMs, slotMs);
  }

  private gitlabItem(team: TeamState, service: ServiceState, flowType: FlowType, createdAtMs: number): void {
    const rng = this.rng;
    const p = team.profile;
    const h = this.history;
    const number = ++this.counters.gitlab;
    const id = `platform/infra#${number}`;
    h.reset('opened', createdAtMs, team.ai ? this.rolloutMs : Number.POSITIVE_INFINITY);
    this.changesOf.length = 0;
    const bugLike = flowType === 'defect' || flowType === 'risk';
    const cancel = this.cancellation(bugLike);
    if (cancel === 0) h.step('workflow::cancelled', this.hours(p.funnel, 1));
    else {
      if (!bugLike) {
        h.step('workflow::refinement', this.hours(p.funnel, 1));
        if (cancel === 1) h.step('workflow::cancelled', this.hours(p.analysis));
        else h.step('workflow::ready', this.hours(p.analysis));
      } else {
        h.step('workflow::ready', this.hours(p.funnel * 0.4, 1));
      }
      if (cancel === 2) h.step('workflow::cancelled', this.hours(p.ready));
      else if (cancel !== 1) {
        h.step('workflow::in dev', this.hours(p.ready) + this.stall());
        this.gitlabDevelop(team, service, flowType);
        if (h.status === 'closed' && rng.chance(REOPEN_CHANCE)) {
          h.step('workflow::in dev', this.hours(60, 0.8));
          this.gitlabDevelop(team, service, flowType);
        }
      }
    }
    const rawType = RAW_TYPES.gitlab[flowType];
    const item = this.workItem(GITLAB, id, rawType, createdAtMs, team, flowType);
    item.labels = [rawType];
    if (flowType === 'feature') item.estimate = 1 + rng.int(5);
    item.url = `https://gitlab.com/platform/infra/-/issues/${number}`;
    this.emitItem(item, GITLAB, id);
    this.emitChanges(service, id);
  }

  /** in dev (→ blocked) → in review (→ rework) → verification (→ rework) → closed, when the MR is merged. */
  private gitlabDevelop(team: TeamState, service: ServiceState, flowType: FlowType): void {
    const rng = this.rng;
    const p = team.profile;
    const h = this.history;
    const startedMs = h.lastMs;
    if (rng.chance(p.blockedChance)) {
      h.step('workflow::blocked', this.hours(p.dev * 0.3));
      h.step('workflow::in dev', this.hours(p.blocked));
    }
    h.step('workflow::in review', this.devHours(team, flowType));
    const openedMs = h.lastMs;
    for (let loop = 0; loop < 3 && rng.chance(p.reviewLoopChance); loop++) {
      h.step('workflow::in dev', this.hours(p.review));
      h.step('workflow::in review', this.hours(p.dev * 0.25));
    }
    h.step('workflow::verification', this.hours(p.review));
    if (rng.chance(p.qaFailChance)) {
      h.step('workflow::in dev', this.hours(p.qa));
      h.step('workflow::in review', this.hours(p.dev * 0.3));
      h.step('workflow::verification', this.hours(p.review));
    }
    h.step('closed', this.hours(p.qa));
    const mergedMs = h.lastMs;
    const slotMs = Number.isNaN(mergedMs) ? Number.NaN : this.nextSlot(service, mergedMs + 10 * MINUTE_MS);
    this.recordChange(startedMs, openedMs, mergedMs, slotMs);
  }

  private workItem(
    source: DemoSource,
    id: string,
    rawType: string,
    createdAtMs: number,
    team: TeamState,
    flowType: FlowType,
  ): DemoRecord {
    return {
      kind: 'workItem',
      source: source.id,
      id,
      type: rawType,
      status: this.history.status,
      createdAt: this.formatter.format(createdAtMs),
      title: this.title(team, flowType),
      team: team.spec.id,
      product: team.valueStream.name,
    };
  }

  private emitItem(item: DemoRecord, source: DemoSource, id: string): void {
    const out = this.out;
    const h = this.history;
    const fmt = this.formatter;
    out.push(item);
    for (let i = 0; i < h.at.length; i++) {
      out.push({
        kind: 'transition',
        source: source.id,
        item: id,
        at: fmt.format(h.at[i] as number),
        from: h.from[i] as string,
        to: h.to[i] as string,
      });
    }
  }

  // ─── Changes, deployments, incidents ─────────────────────────────────────────────────────────

  /** Remembers the pull/merge request of one development round of the item being built. */
  private recordChange(startedMs: number, openedMs: number, mergedMs: number, slotMs: number): void {
    if (Number.isNaN(startedMs) || Number.isNaN(openedMs)) return;
    // The first commit comes early in development, in working time.
    const started = this.calendar.toWork(startedMs);
    const firstCommitMs = this.calendar.fromWork(started + (this.calendar.toWork(openedMs) - started) * 0.15);
    const firstCommit = Math.floor(Math.min(firstCommitMs, openedMs) / 1000) * 1000;
    this.changesOf.push({
      opened: openedMs - 60_000 * (1 + this.rng.int(30)),
      firstCommit,
      merged: mergedMs,
      slot: slotMs,
    });
  }

  private emitChanges(service: ServiceState, itemId: string): void {
    for (const c of this.changesOf) {
      const opened = Math.max(c.opened, c.firstCommit + MINUTE_MS);
      this.emitChange(service, itemId, c.firstCommit, opened, c.merged, c.slot);
      if (!Number.isNaN(c.merged) && this.rng.chance(UNLINKED_CHANGE_CHANCE)) {
        // A dependency bump nobody filed an item for, merged later the same day by a bot or a hurried human.
        const bumpOpened = c.merged + HOUR_MS;
        const bumpMerged = bumpOpened + (20 + this.rng.int(160)) * MINUTE_MS;
        const slot = this.nextSlot(service, bumpMerged + 10 * MINUTE_MS);
        this.emitChange(service, null, bumpOpened - 10 * MINUTE_MS, bumpOpened, bumpMerged, slot);
      }
    }
  }

  private emitChange(
    service: ServiceState,
    itemId: string | null,
    firstCommitMs: number,
    openedMs: number,
    mergedMs: number,
    slotMs: number,
  ): void {
    if (!(openedMs < this.untilMs)) return;
    const id = `${service.spec.repo}${service.separator}${++service.changeNumber}`;
    const change: DemoRecord = {
      kind: 'change',
      source: service.source.id,
      id,
      createdAt: this.formatter.format(openedMs),
      firstCommitAt: this.formatter.format(firstCommitMs),
    };
    const merged = mergedMs < this.untilMs;
    if (merged) change.mergedAt = this.formatter.format(mergedMs);
    if (itemId !== null) change.items = [itemId];
    change.repository = service.repositoryUrl;
    change.reviewed =
      itemId === null ? this.rng.chance(0.6) : this.rng.chance(service.team.overloaded ? 0.85 : 0.97);
    this.out.push(change);
    if (merged && Number.isFinite(slotMs) && this.successOf(service, slotMs) < this.untilMs) {
      this.addToSlot(service, slotMs, id, mergedMs);
    }
  }

  private isSlotDay(service: ServiceState, day: number): boolean {
    const index = day - this.calendar.firstDay;
    if (index < 0 || index >= this.calendar.days) return false;
    const working = this.workingIndex[index] as number;
    if (working < 0) return false;
    const cadence = service.spec.cadence;
    if (cadence.kind === 'cab') return isoWeekday(day) === 3;
    if (cadence.kind === 'weekly') return isoWeekday(day) === cadence.weekday;
    return working % service.everyDays === service.offset;
  }

  /** The first deployment slot of the service at or after `afterMs` (+Infinity past the calendar). */
  private nextSlot(service: ServiceState, afterMs: number): number {
    if (!Number.isFinite(afterMs)) return Number.POSITIVE_INFINITY;
    let day = Math.floor(afterMs / DAY_MS);
    for (let k = 0; k < 80; k++, day++) {
      if (!this.isSlotDay(service, day)) continue;
      for (const offset of service.slotTimes) {
        const t = day * DAY_MS + offset;
        if (t >= afterMs) return t;
      }
    }
    return Number.POSITIVE_INFINITY;
  }

  private slotFails(service: ServiceState, slotMs: number): boolean {
    return (
      hashUnit(this.seed, service.index * 8 + 1, slotMs / MINUTE_MS) <
      service.team.valueStream.deploymentFailureRate
    );
  }

  /** When the slot's deployment succeeds: at once, or after a failed attempt and a retry. */
  private successOf(service: ServiceState, slotMs: number): number {
    if (!this.slotFails(service, slotMs)) return slotMs;
    return (
      slotMs +
      (30 + Math.floor(hashUnit(this.seed, service.index * 8 + 2, slotMs / MINUTE_MS) * 60)) * MINUTE_MS
    );
  }

  private addToSlot(service: ServiceState, slotMs: number, changeId: string, mergedMs: number): void {
    const day = Math.floor(slotMs / DAY_MS);
    let bucket = this.pending.get(day);
    if (bucket === undefined) {
      bucket = new Map();
      this.pending.set(day, bucket);
    }
    const key = ((slotMs - day * DAY_MS) / MINUTE_MS) * 32 + service.index;
    let slot = bucket.get(key);
    if (slot === undefined) {
      slot = { service, atMs: slotMs, changes: [], lastMergedMs: mergedMs };
      bucket.set(key, slot);
    }
    slot.changes.push(changeId);
    if (mergedMs > slot.lastMergedMs) slot.lastMergedMs = mergedMs;
  }

  /** Writes the deployments of every slot on a day before `day`, in time order. */
  private flushBefore(day: number): void {
    const due = [...this.pending.keys()].filter((d) => d < day).sort((a, b) => a - b);
    for (const d of due) {
      const bucket = this.pending.get(d) as Map<number, PendingSlot>;
      this.pending.delete(d);
      const slots = [...bucket.entries()].sort((a, b) => a[0] - b[0]).map(([, slot]) => slot);
      for (const slot of slots) this.deploy(slot);
    }
    if (Number.isFinite(day)) this.flushedDay = day;
  }

  private deploymentId(source: DemoSource): string {
    const n = (this.deploymentNumbers.get(source.id) ?? 10_000) + 1;
    this.deploymentNumbers.set(source.id, n);
    return `${source.deploymentPrefix}-${n}`;
  }

  private deploy(slot: PendingSlot): void {
    const { service, atMs, changes } = slot;
    const source = service.source;
    const fmt = this.formatter;
    if (source !== GITHUB) {
      // Staging first (GitHub's teams deploy straight to production behind a canary).
      const stagingMs = Math.max(slot.lastMergedMs + 5 * MINUTE_MS, atMs - 75 * MINUTE_MS);
      this.out.push({
        kind: 'deployment',
        source: source.id,
        id: this.deploymentId(source),
        service: service.spec.id,
        environment: source.stagingEnvironment,
        at: fmt.format(Math.min(stagingMs, atMs - MINUTE_MS)),
        status: 'success',
        changes,
      });
    }
    const successMs = this.successOf(service, atMs);
    if (successMs !== atMs) {
      this.out.push({
        kind: 'deployment',
        source: source.id,
        id: this.deploymentId(source),
        service: service.spec.id,
        environment: source.productionEnvironment,
        at: fmt.format(atMs),
        status: 'failed',
        changes,
      });
    }
    const id = this.deploymentId(source);
    this.out.push({
      kind: 'deployment',
      source: source.id,
      id,
      service: service.spec.id,
      environment: source.productionEnvironment,
      at: fmt.format(successMs),
      status: 'success',
      changes,
    });
    this.incidents(service, id, successMs);
    if (this.rng.chance(0.02)) {
      // A configuration-only redeploy in the same window: a deployment that lists no changes.
      const configMs = successMs + (20 + this.rng.int(100)) * MINUTE_MS;
      if (configMs < this.untilMs) {
        this.out.push({
          kind: 'deployment',
          source: source.id,
          id: this.deploymentId(source),
          service: service.spec.id,
          environment: source.productionEnvironment,
          at: fmt.format(configMs),
          status: 'success',
        });
      }
    }
  }

  private incidents(service: ServiceState, deploymentId: string, deployedMs: number): void {
    const rng = this.rng;
    const rate = service.team.valueStream.changeFailureRate * (service.team.overloaded ? 2 : 1);
    if (rng.chance(rate)) {
      const openedMs = deployedMs + 10 * MINUTE_MS + rng.exponential(3 * HOUR_MS);
      this.incident(service, rng.chance(0.8) ? deploymentId : null, openedMs);
    }
    if (rng.chance(0.012)) this.incident(service, null, deployedMs + rng.exponential(72 * HOUR_MS));
  }

  private incident(service: ServiceState, causedBy: string | null, openedAtMs: number): void {
    const rng = this.rng;
    const openedMs = Math.floor(openedAtMs / 1000) * 1000;
    if (!(openedMs < this.untilMs)) return;
    const r = rng.next();
    const severity = r < 0.1 ? 'SEV1' : r < 0.4 ? 'SEV2' : 'SEV3';
    const hours = service.team.valueStream.recoveryHours * (severity === 'SEV1' ? 0.6 : 1);
    const resolvedMs = Math.floor((openedMs + HOUR_MS * rng.logNormal(hours, 0.9) + MINUTE_MS) / 1000) * 1000;
    const incident: DemoRecord = {
      kind: 'incident',
      source: INCIDENT_SOURCE,
      id: `INC-${++this.counters.incident}`,
      service: service.spec.id,
      openedAt: this.formatter.format(openedMs),
    };
    if (resolvedMs < this.untilMs && !rng.chance(0.03))
      incident.resolvedAt = this.formatter.format(resolvedMs);
    if (causedBy !== null) incident.causedBy = causedBy;
    incident.severity = severity;
    this.out.push(incident);
  }

  // ─── Epics ───────────────────────────────────────────────────────────────────────────────────

  /** Epics of the Jira teams: a few at the start of every quarter, in proportion to the team's work. */
  private planEpics(): PlannedEpic[] {
    const { untilDay, items } = this.options;
    const startDay = this.calendar.firstDay;
    const totalWork = this.calendar.toWork(this.untilMs);
    const totalWeight = TEAMS.reduce((sum, t) => sum + t.weight, 0);
    const planned: PlannedEpic[] = [];
    const first = civilFromDays(startDay);
    let year = first.year;
    let month = Math.floor((first.month - 1) / 3) * 3 + 1;
    for (let quarter = 0; ; quarter++) {
      const quarterStart = daysFromCivil(year, month, 1);
      if (quarterStart >= untilDay) break;
      const nextYear = month === 10 ? year + 1 : year;
      const nextMonth = month === 10 ? 1 : month + 3;
      const quarterEnd = daysFromCivil(nextYear, nextMonth, 1);
      const fromMs = Math.max(quarterStart, startDay) * DAY_MS;
      const toMs = Math.min(quarterEnd, untilDay) * DAY_MS;
      const share = this.calendar.workBetween(fromMs, toMs) / totalWork;
      const label = `Q${(month + 2) / 3} ${year}`;
      for (const team of this.teams) {
        if (team.source !== JIRA) continue;
        const count = Math.floor((items * (team.spec.weight / totalWeight) * share) / ITEMS_PER_EPIC);
        const spacing = Math.min(3, 40 / Math.max(1, count));
        for (let j = 0; j < count; j++) {
          const createdAtMs =
            Math.floor(this.calendar.addWorkHours(fromMs, 1 + j * spacing + team.index * 0.1) / 1000) * 1000;
          if (createdAtMs < this.untilMs) {
            planned.push({
              team,
              createdAtMs,
              quarter,
              quarterLabel: label,
              quarterEndMs: quarterEnd * DAY_MS,
            });
          }
        }
      }
      year = nextYear;
      month = nextMonth;
    }
    return planned.sort((a, b) => a.createdAtMs - b.createdAtMs || a.team.index - b.team.index);
  }

  private epic(plan: PlannedEpic): void {
    const rng = this.rng;
    const h = this.history;
    const team = plan.team;
    const id = `SHOP-${++this.counters.jira}`;
    h.reset('Funnel', plan.createdAtMs, Number.POSITIVE_INFINITY);
    h.step('Analysis', this.hours(24, 0.6));
    if (rng.chance(0.12)) h.step("Won't Do", this.hours(60, 0.6));
    else {
      h.step('In Progress', this.hours(60, 0.6));
      const slip = rng.chance(0.15) ? 480 : 0;
      const endWork = this.calendar.toWork(plan.quarterEndMs) + (rng.normal() * 40 + 24 + slip) * HOUR_MS;
      h.go('Released', this.calendar.fromWork(endWork));
    }
    if (plan.quarter !== team.epicQuarter) {
      team.epicQuarter = plan.quarter;
      team.epicIds = [];
    }
    team.epicIds.push(id);
    const item: DemoRecord = {
      kind: 'workItem',
      source: JIRA.id,
      id,
      type: 'Epic',
      status: h.status,
      createdAt: this.formatter.format(plan.createdAtMs),
      title: `${plan.quarterLabel}: ${rng.pick(TITLE_VERBS.feature)} ${rng.pick(team.valueStream.subjects)}`,
      team: team.spec.id,
      product: team.valueStream.name,
      url: `https://acme.atlassian.net/browse/${id}`,
    };
    this.emitItem(item, JIRA, id);
  }
}

const STORY_POINTS: readonly number[] = [1, 2, 2, 3, 3, 3, 5, 5, 8, 13];
