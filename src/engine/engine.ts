import { sql } from 'kysely';
/**
 * The metric engine: the stored facts loaded into the in-memory index, the DORA facts prepared, the
 * organisation, and the answers of `flowlens metrics` and the API computed from them (contract.md
 * §2, docs/metrics.md). `refresh()` brings it up to date after an import: it recomputes the facts
 * of the items the import touched and updates the index with them only.
 */
import { formatInstant } from '../contract/index.js';
import { type Calendar, calendarOf, DAY_MS, FlowlensError, UTC_CALENDAR } from '../domain/index.js';
import { deploymentOutcomes } from '../metrics/dora-outcomes.js';
import {
  computeItemFacts,
  DoraBuilder,
  type DoraDeployment,
  type DoraIncident,
  type DoraIndex,
  type DoraMetrics,
  type EncodedFacts,
  encodeFacts,
  FactIndex,
  FactsChunkReader,
  type FlatFacts,
  type FlowDetails,
  type FlowMetrics,
  type ItemQuality,
  type Mappings,
  orderChanges,
  prepareDora,
  queryDora,
  queryFlow,
  referenceInstant,
  type SnapshotStamp,
  type TeamWindows,
  teamWindows,
  type WaitingStatus,
} from '../metrics/index.js';
import { isWithin } from '../org/index.js';
import { type Database, pendingMappingReviews, type Store } from '../store/index.js';
import { calendarField, loadCalendarSettings } from './calendar-setting.js';
import {
  loadMappings,
  pendingFactCount,
  type RefreshReport,
  readFactsVersion,
  refreshFacts,
} from './facts.js';
import {
  loadOrg,
  type OrgModel,
  orgTree,
  orgTreeWithin,
  orgWithin,
  type ResolvedScope,
  resolveScope,
  resolveWithin,
  type ScopeQuery,
  serviceFilter,
} from './org.js';
import { loadSnapshot, saveSnapshot } from './snapshot.js';

/** How far in the future a change may lie before the item is flagged `clockSkew`. */
const CLOCK_SKEW_TOLERANCE_MS = 5 * 60 * 1000;

export interface MetricsQuery extends ScopeQuery {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The JSON of `flowlens metrics --json` and `GET /api/v1/metrics` (contract.md §2). */
export interface MetricsDocument {
  readonly period: {
    readonly from: string;
    readonly to: string;
    /** The organisation's calendar, when not the default (docs/metrics.md §1). */
    readonly calendar?: { readonly timeZone: string; readonly weekStart: string };
  };
  readonly scope: ResolvedScope['scope'];
  readonly flow: Omit<FlowMetrics, 'loadDistribution'> & {
    readonly loadDistribution: FlowMetrics['loadDistribution'];
    readonly waitByStatus: readonly WaitingStatus[];
  };
  readonly dora: Omit<DoraMetrics, 'quality'>;
  readonly dataQuality: DataQuality;
}

interface Examples {
  readonly count: number;
  /** Up to 10 ids. */
  readonly examples: readonly string[];
}

export interface DataQuality extends ItemQuality {
  readonly unlinkedChanges: Examples;
  readonly deploymentsWithoutChanges: Examples;
  readonly unattributedIncidents: Examples;
  readonly unresolvedIncidents: Examples;
  readonly negativeLeadTimes: Examples;
  /** Records imported again unchanged (counted by the import log, organisation-wide). */
  readonly duplicateRecords: number;
  /** Items whose facts wait to be recomputed (0 once the engine is up to date). */
  readonly pendingItems: number;
  /**
   * Mappings `flowlens connect` proposed that nobody has reviewed yet (organisation-wide): their
   * statuses and types are a guess until someone accepts or edits them.
   */
  readonly mappingsToReview: readonly {
    readonly source: string;
    /** Null: the mapping of the whole source. */
    readonly team: string | null;
    readonly proposedAt: string;
    readonly proposedBy: string;
  }[];
}

export interface EngineOptions {
  /** Only the items of this scope are loaded (the command line loads what it needs). */
  readonly scope?: ScopeQuery;
  readonly now?: () => number;
  /**
   * Where to keep the start-up snapshot of the fact index (snapshot.ts; `defaultSnapshotPath`
   * gives the usual place). With one, an open without `scope` loads the index from the snapshot
   * when it was made from the stored facts, and writes a new one after loading from the database
   * or applying changes. None when absent.
   */
  readonly snapshotPath?: string | null;
  /** Told how the index was loaded and when a snapshot was written or could not be. */
  readonly onSnapshot?: (event: SnapshotEvent) => void;
}

export type SnapshotEvent =
  | { readonly kind: 'loaded'; readonly items: number; readonly ms: number }
  | { readonly kind: 'not-used'; readonly reason: string }
  | { readonly kind: 'saved'; readonly bytes: number; readonly ms: number }
  | { readonly kind: 'not-saved'; readonly reason: string };

export interface RefreshRequest {
  /** When to write the start-up snapshot afterwards (default: once refreshes pause). */
  readonly snapshot?: 'now' | 'later';
  /**
   * Apply the recomputed facts to the index all at once when the refresh is done (a mapping
   * change), instead of page by page as they are computed (an import).
   */
  readonly atomic?: boolean;
  /** Told the items done and the items queued, after each page. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** After an import, the snapshot is rewritten once imports have paused this long. */
const SNAPSHOT_DELAY_MS = 10_000;

const EXAMPLES = 10;

export class MetricsEngine {
  private constructor(
    private readonly store: Store,
    readonly index: FactIndex,
    private dora: DoraIndex,
    private org: OrgModel,
    private mappings: Mappings,
    private duplicates: number,
    private pending: number,
    private readonly options: EngineOptions,
  ) {}

  /**
   * Opens the engine on a store: queued facts are computed first (so the numbers are up to date),
   * then the facts are loaded into the index.
   */
  static async open(store: Store, options: EngineOptions = {}): Promise<MetricsEngine> {
    const snapshotPath = options.scope === undefined ? (options.snapshotPath ?? null) : null;
    if (snapshotPath !== null) {
      const engine = await MetricsEngine.openFromSnapshot(store, snapshotPath, options);
      if (engine !== null) return engine;
    }
    await refreshFacts(store);
    const loadedFrom = snapshotPath === null ? null : await readFactsVersion(store.db);
    const [org, mappings] = await Promise.all([loadOrg(store.db), loadMappings(store.db)]);
    const index = new FactIndex();
    const teams =
      options.scope === undefined
        ? null
        : options.scope.team !== undefined
          ? [options.scope.team]
          : resolveScope(org, options.scope, new Set()).teams;
    // Room for everything at once: growing a few hundred MiB of arrays by doubling costs seconds.
    let sizing = store.db
      .selectFrom('item_facts')
      .select((eb) => [eb.fn.countAll<number>().as('items'), sql<number>`sum(length(history))`.as('bytes')]);
    if (teams !== null)
      sizing = teams.length === 0 ? sizing.where(sql<boolean>`1 = 0`) : sizing.where('team', 'in', teams);
    const size = await sizing.executeTakeFirst();
    const items = Number(size?.items ?? 0);
    // Spans take most of a history after its fixed 112-byte header (intervals, 16 bytes each, the
    // rest; they are fewer and grow as needed).
    const body = Math.max(0, Number(size?.bytes ?? 0) - items * 112);
    index.reserve(items, Math.ceil(body / 12), 0);
    const reader = new FactsChunkReader();
    const engine = new MetricsEngine(
      store,
      index,
      prepareDora({ deployments: [], changes: [], incidents: [] }),
      org,
      mappings,
      0,
      0,
      options,
    );
    // The facts are read on a worker thread (SQLite) while the DORA facts load here.
    await Promise.all([
      store.factsQueue.scanChunks(teams, (chunk) => reader.read(chunk, (row) => index.loadStored(row))),
      engine.reloadDora(),
    ]);
    await engine.reloadBookkeeping();
    if (loadedFrom !== null) {
      // The snapshot is stamped with the facts version read before the scan; saveSnapshot checks
      // that it is still the stored one (no other process wrote facts meanwhile).
      engine.factsVersion = loadedFrom;
      engine.saveSnapshot();
    }
    return engine;
  }

  /**
   * The engine with its index from the snapshot, when the snapshot was made from the stored facts;
   * items queued since (an import from the command line) are then computed and applied as after
   * an import. Null when there is no usable snapshot.
   */
  private static async openFromSnapshot(
    store: Store,
    path: string,
    options: EngineOptions,
  ): Promise<MetricsEngine | null> {
    const version = await readFactsVersion(store.db);
    const load = loadSnapshot(path, version);
    if (load.index === null) {
      options.onSnapshot?.({ kind: 'not-used', reason: load.reason });
      return null;
    }
    options.onSnapshot?.({ kind: 'loaded', items: load.index.live, ms: load.ms });
    const [org, mappings] = await Promise.all([loadOrg(store.db), loadMappings(store.db)]);
    const engine = new MetricsEngine(
      store,
      load.index,
      prepareDora({ deployments: [], changes: [], incidents: [] }),
      org,
      mappings,
      0,
      0,
      options,
    );
    engine.factsVersion = version;
    const report = await engine.refresh({ snapshot: 'now' });
    if (report.computed === 0 && report.removed === 0) engine.snapshotDirty = false;
    return engine;
  }

  /**
   * After an import or a mapping change: recomputes the queued items' facts, updates the index with
   * them, and reloads the organisation, the mappings and the DORA facts. Refreshes run one after
   * the other, in the order they were asked for.
   */
  refresh(options: RefreshRequest = {}): Promise<RefreshReport> {
    const run = this.refreshQueue.then(
      () => this.runRefresh(options),
      () => this.runRefresh(options),
    );
    this.refreshQueue = run.catch(() => undefined);
    return run;
  }

  private refreshQueue: Promise<unknown> = Promise.resolve();

  private readonly refreshListeners = new Set<(report: RefreshReport) => void>();

  /** Calls `listener` after every refresh (an import, a webhook, a mapping change); returns its removal. */
  onRefresh(listener: (report: RefreshReport) => void): () => void {
    this.refreshListeners.add(listener);
    return () => this.refreshListeners.delete(listener);
  }

  private async runRefresh(options: RefreshRequest): Promise<RefreshReport> {
    // A snapshot being written reads the index: it is not changed under it.
    if (this.saving !== null) await this.saving;
    this.refreshing = true;
    let report: RefreshReport;
    try {
      // All at once: the pages' facts are kept (encoded, compact) and applied together at the end,
      // so no answer mixes facts of before and after the change.
      const held: { facts: EncodedFacts[]; removed: { source: string; id: string }[] } | null =
        options.atomic === true ? { facts: [], removed: [] } : null;
      report = await refreshFacts(this.store, {
        onPage: (facts: readonly FlatFacts[], removed) => {
          if (held !== null) {
            for (const f of facts) held.facts.push(encodeFacts(f));
            held.removed.push(...removed);
            return;
          }
          for (const f of facts) this.index.upsertFlat(f);
          for (const r of removed) this.index.remove(r.source, r.id);
        },
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
      if (held !== null) {
        for (const f of held.facts) this.index.upsertEncoded(f);
        for (const r of held.removed) this.index.remove(r.source, r.id);
      }
      this.index.compactIfWorthIt();
    } finally {
      this.refreshing = false;
    }
    // The organisation and the mappings are read again only when a batch since the last read may
    // have changed them (as the DORA facts below): a webhook delivery of an issue changes neither.
    // The batches committed since (SQLite) are read once for the three questions below.
    this.recentBatches = await this.readRecentBatches();
    try {
      const stale = await this.organisationMayHaveChanged();
      if (stale.org) this.org = await loadOrg(this.store.db);
      if (stale.mappings) this.mappings = await loadMappings(this.store.db);
      this.organisationThrough = stale.through;
      // Reading every deployment, change and incident again costs hundreds of milliseconds; a
      // webhook delivery or an import of work items changes none of them, so they are read again
      // only when a batch since the last read may have (see doraMayHaveChanged).
      if (await this.doraMayHaveChanged()) await this.reloadDora();
      await this.reloadBookkeeping(true);
    } finally {
      this.recentBatches = null;
    }
    if (report.version !== undefined && this.factsVersion !== null) {
      this.factsVersion = { storeId: this.factsVersion.storeId, version: report.version };
      this.snapshotDirty = true;
      if (options.snapshot === 'now') this.saveSnapshot();
      else this.saveSnapshotLater();
    }
    for (const listener of this.refreshListeners) listener(report);
    return report;
  }

  /** The facts version the index holds (null: unknown, so no snapshot is written). */
  private factsVersion: SnapshotStamp | null = null;
  private snapshotDirty = true;
  private refreshing = false;
  private snapshotTimer: NodeJS.Timeout | null = null;

  private saveSnapshotLater(): void {
    if (this.snapshotTimer !== null) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      this.saveSnapshot();
    }, SNAPSHOT_DELAY_MS);
    this.snapshotTimer.unref();
  }

  private saving: Promise<void> | null = null;

  /**
   * Writes the snapshot of the index (in the background), if it changed since the last one and the
   * stored facts are still those it holds. A snapshot that cannot be written is reported through
   * `onSnapshot`, never thrown: the next start then loads from the database.
   */
  saveSnapshot(): Promise<void> {
    const previous = this.saving ?? Promise.resolve();
    const next = previous.then(() => this.writeSnapshot());
    this.saving = next;
    void next.finally(() => {
      if (this.saving === next) this.saving = null;
    });
    return next;
  }

  private async writeSnapshot(): Promise<void> {
    const path = this.options.scope === undefined ? (this.options.snapshotPath ?? null) : null;
    if (path === null || this.factsVersion === null || !this.snapshotDirty) return;
    const stamp = this.factsVersion;
    const started = performance.now();
    try {
      const current = await readFactsVersion(this.store.db);
      if (current.storeId !== stamp.storeId || current.version !== stamp.version) {
        this.options.onSnapshot?.({
          kind: 'not-saved',
          reason: 'the stored facts were changed by another process',
        });
        return;
      }
      // Refreshed (or refreshing) meanwhile: the refresh schedules its own save.
      if (this.factsVersion !== stamp || this.refreshing) return;
      const { bytes } = await saveSnapshot(path, this.index, stamp);
      this.snapshotDirty = false;
      this.options.onSnapshot?.({ kind: 'saved', bytes, ms: performance.now() - started });
    } catch (error) {
      this.options.onSnapshot?.({ kind: 'not-saved', reason: (error as Error).message });
    }
  }

  /** Writes a due snapshot and waits for it (call before the store closes). */
  async close(): Promise<void> {
    if (this.snapshotTimer !== null) {
      clearTimeout(this.snapshotTimer);
      this.snapshotTimer = null;
    }
    await this.saveSnapshot();
  }

  /**
   * The value stream this engine's answers are restricted to (see `within`); null: the whole
   * organisation.
   */
  readonly restriction: string | null = null;

  private views: Map<string, MetricsEngine> | null = null;

  /**
   * This engine as a principal restricted to one value stream sees it (docs/security.md,
   * "Value-stream access"): every scope is resolved by `resolveWithin` — no scope is the value
   * stream, a team counts only while it belonged to it, anything else is NOT_FOUND — so every
   * answer built on `resolve`/`scopeFilter` (metrics, series, the views, forecasts, insights,
   * impacts) holds only what the value stream's metrics count; `tree()` holds the value stream alone.
   * The view shares this engine's index, organisation and refreshes (it reads them through its
   * prototype, so it is never stale); whatever changes the engine is delegated to this engine.
   */
  within(valueStream: string): MetricsEngine {
    if (this.restriction !== null) {
      if (this.restriction === valueStream) return this;
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `an engine restricted to value stream "${this.restriction}" cannot be widened to "${valueStream}"`,
      );
    }
    this.views ??= new Map();
    let view = this.views.get(valueStream);
    if (view === undefined) {
      view = Object.create(this) as MetricsEngine;
      const own = (name: string, value: unknown) =>
        Object.defineProperty(view, name, { value, enumerable: false, writable: false });
      own('restriction', valueStream);
      own('views', null);
      Object.defineProperty(view, 'restrictedOrg', { value: null, writable: true, enumerable: false });
      // Whatever writes the engine's state runs on the engine itself, never on the view.
      own('refresh', (options?: RefreshRequest) => this.refresh(options));
      own('onRefresh', (listener: (report: RefreshReport) => void) => this.onRefresh(listener));
      own('reloadOrganisation', () => this.reloadOrganisation());
      own('reloadDora', () => this.reloadDora());
      own('reloadBookkeeping', () => this.reloadBookkeeping());
      own('reloadCalendar', () => this.reloadCalendar());
      own('saveSnapshot', () => this.saveSnapshot());
      own('close', () => this.close());
      this.views.set(valueStream, view);
    }
    return view;
  }

  /**
   * The organisation (restricted to a value stream: only it, its current teams and their services,
   * see `orgWithin`).
   */
  organisation(): OrgModel {
    if (this.restriction === null) return this.org;
    if (this.restrictedOrg?.from !== this.org)
      this.restrictedOrg = { from: this.org, org: orgWithin(this.org, this.restriction) };
    return this.restrictedOrg.org;
  }

  private restrictedOrg: { readonly from: OrgModel; readonly org: OrgModel } | null = null;

  private orgCalendar: Calendar = UTC_CALENDAR;

  /**
   * The organisation's calendar (docs/metrics.md §1): the days, weeks and months the buckets,
   * daily samples and deployment days follow. Read at open, after every refresh and by
   * `reloadCalendar`; the facts do not depend on it, so a change applies to the next answer.
   */
  calendar(): Calendar {
    return this.orgCalendar;
  }

  /** Reads the calendar setting again (after it was changed). */
  async reloadCalendar(): Promise<void> {
    this.orgCalendar = calendarOf(await loadCalendarSettings(this.store.db));
  }

  /** The period as an answer reports it: with the calendar when it is not the default. */
  reportedPeriod(query: { readonly fromMs: number; readonly toMs: number }): MetricsDocument['period'] {
    return {
      from: formatInstant(query.fromMs),
      to: formatInstant(query.toMs),
      ...calendarField(this.orgCalendar),
    };
  }

  /** Reloads the organisation after an edit of it (its facts are not affected). */
  async reloadOrganisation(): Promise<void> {
    this.org = await loadOrg(this.store.db);
  }

  /** The mappings the facts were computed with (after the last refresh). */
  currentMappings(): Mappings {
    return this.mappings;
  }

  /**
   * A scope resolved for a scan of the index: its team mask (null: all), the windows of the teams
   * in it only part of the time, and the scope as the JSON reports it.
   */
  scopeFilter(query: ScopeQuery): {
    readonly resolved: ResolvedScope;
    readonly mask: Uint8Array | null;
    readonly windows: TeamWindows | null;
  } {
    const resolved = this.resolve(query);
    return {
      resolved,
      mask: this.index.teamMask(resolved.teams),
      windows: teamWindows(this.index, resolved.windows),
    };
  }

  tree() {
    return this.restriction === null ? orgTree(this.org) : orgTreeWithin(this.org, this.restriction);
  }

  /**
   * Per successful production deployment of the scope in the period: whether it caused a failure
   * (what the change failure rate counts, deployment by deployment).
   */
  deploymentOutcomes(query: MetricsQuery): boolean[] {
    const resolved = this.resolve(query);
    return deploymentOutcomes(
      this.dora,
      { fromMs: query.fromMs, toMs: query.toMs },
      serviceFilter(this.org, resolved),
    );
  }

  /**
   * Resolves a scope; throws INVALID_ARGUMENT naming an unknown team, value stream or portfolio
   * (restricted to a value stream: NOT_FOUND for anything outside it, see `within`).
   */
  resolve(query: ScopeQuery): ResolvedScope {
    if (this.restriction !== null) return resolveWithin(this.org, query, this.restriction);
    return resolveScope(this.org, query, new Set(this.index.teams.values));
  }

  /** Flow metrics, DORA metrics and data quality of a scope and period (contract.md §2). */
  metrics(query: MetricsQuery): MetricsDocument {
    checkPeriod(query);
    const { resolved, mask, windows } = this.scopeFilter(query);
    const period = { fromMs: query.fromMs, toMs: query.toMs };
    const calendar = this.orgCalendar;
    const flow = queryFlow(this.index, mask, period, { windows, calendar });
    const dora = queryDora(this.dora, period, serviceFilter(this.org, resolved), calendar);
    const { quality, ...doraMetrics } = dora;
    const examples = (ids: readonly string[]): Examples => ({
      count: ids.length,
      examples: smallest(ids, EXAMPLES),
    });
    return {
      period: this.reportedPeriod(query),
      scope: resolved.scope,
      flow: {
        velocity: flow.flow.velocity,
        flowTime: flow.flow.flowTime,
        leadTime: flow.flow.leadTime,
        efficiency: flow.flow.efficiency,
        load: flow.flow.load,
        distribution: flow.flow.distribution,
        stages: flow.flow.stages,
        loadDistribution: flow.flow.loadDistribution,
        waitByStatus: flow.waitByStatus.slice(0, 10),
      },
      dora: doraMetrics,
      dataQuality: {
        ...flow.quality,
        unlinkedChanges: examples(quality.unlinkedChanges),
        deploymentsWithoutChanges: examples(quality.deploymentsWithoutChanges),
        unattributedIncidents: examples(quality.unattributedIncidents),
        unresolvedIncidents: examples(quality.unresolvedIncidents),
        negativeLeadTimes: examples(quality.negativeLeadTimes),
        duplicateRecords: this.duplicates,
        pendingItems: this.pending,
        mappingsToReview: this.reviewsWithin(),
      },
    };
  }

  /** The daily and weekly series and the views behind the metrics (GET /api/v1/metrics/series). */
  series(query: MetricsQuery) {
    checkPeriod(query);
    const { resolved, mask, windows } = this.scopeFilter(query);
    const period = { fromMs: query.fromMs, toMs: query.toMs };
    const calendar = this.orgCalendar;
    const result = queryFlow(this.index, mask, period, { details: true, windows, calendar });
    const details = result.details as FlowDetails;
    // The local date of a day's or week's start (in UTC by default).
    const day = (ms: number) => calendar.dateOf(ms);
    return {
      period: this.reportedPeriod(query),
      scope: resolved.scope,
      velocityByWeek: details.velocityByWeek.map((w) => ({
        week: day(w.weekStartMs),
        count: w.count,
        byType: w.byType,
      })),
      throughputByDay: details.throughputByDay.map((d) => ({ day: day(d.dayStartMs), count: d.count })),
      loadByDay: details.loadByDay.map((d) => ({ day: day(d.dayStartMs), load: d.load })),
      cumulativeFlow: details.cumulativeFlow.map((d) => ({
        day: day(d.atMs),
        byState: d.byState,
        byStatus: d.byStatus,
      })),
      waitByStatus: details.waitByStatus,
      aging: details.aging,
    };
  }

  /** One item: its record, its status history with durations, its facts now, and its delivery. */
  async item(source: string, id: string) {
    const db = this.store.db;
    const row = await db
      .selectFrom('work_items')
      .selectAll()
      .where('source', '=', source)
      .where('id', '=', id)
      .executeTakeFirst();
    // Restricted to a value stream: an item it does not count is answered as one that does not exist.
    if (row === undefined || !this.counts(source, id, row.team))
      throw new FlowlensError('NOT_FOUND', `there is no work item "${id}" in source "${source}"`);
    const transitions = await db
      .selectFrom('transitions')
      .select(['at', 'from_status', 'to_status', 'id', 'by'])
      .where('source', '=', source)
      .where('item', '=', id)
      .execute();
    // Items naming it as their parent: with any, it is a container, not a flow item (metrics.md §2).
    const children = await db
      .selectFrom('work_items')
      .select(['id', 'team'])
      .where('source', '=', source)
      .where('parent', '=', id)
      .orderBy('id')
      .execute();
    const now = (this.options.now ?? Date.now)();
    const resolved = this.mappings.forItem(source, row.team);
    const changes = transitions.map((t) => ({ atMs: Number(t.at), from: t.from_status, to: t.to_status }));
    const facts = computeItemFacts({
      createdAtMs: Number(row.created_at),
      status: row.status,
      changes,
      classify: resolved.classify,
      asOfMs: now,
    });
    const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
    const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms));
    const linked = await this.delivery(id);
    return {
      item: {
        source: row.source,
        id: row.id,
        type: row.type,
        flowType: resolved.typeOf(row.type).flowType,
        typeMapped: resolved.typeOf(row.type).mapped,
        status: row.status,
        title: row.title,
        team: row.team,
        parent: row.parent,
        // Restricted to a value stream: only the children it counts are named.
        children: children.filter((c) => this.counts(source, c.id, c.team)).map((c) => c.id),
        container: children.length > 0,
        url: row.url,
        labels: row.labels === null ? [] : (JSON.parse(row.labels) as string[]),
        estimate: row.estimate,
        product: row.product,
        createdAt: formatInstant(Number(row.created_at)),
      },
      history: orderChanges(changes).map((c) => ({ at: formatInstant(c.atMs), from: c.from, to: c.to })),
      facts: {
        asOf: formatInstant(now),
        createdAt: formatInstant(facts.createdAtMs),
        startedAt: iso(facts.startedAtMs),
        completedAt: iso(facts.completedAtMs),
        currentStatus: facts.currentStatus,
        currentStage: facts.currentStage,
        currentState: facts.currentState,
        leadTime: seconds(facts.leadTimeMs),
        flowTime: seconds(facts.flowTimeMs),
        activeTime: seconds(facts.activeTimeMs),
        age:
          facts.startedAtMs === null || facts.completedAtMs !== null
            ? null
            : seconds(now - facts.startedAtMs),
        timePerStage: mapValues(facts.timePerStageMs, (ms) => ms / 1000),
        timePerStatus: mapValues(facts.timePerStatusMs, (ms) => ms / 1000),
        spans: facts.spans.map((s) => ({
          status: s.status,
          stage: s.stage,
          state: s.state,
          from: formatInstant(s.startMs),
          to: formatInstant(s.endMs),
          seconds: (s.endMs - s.startMs) / 1000,
        })),
        flags: {
          ...facts.flags,
          // Clock skew (hostile-input.md §27): a change before the item's creation, or one more than
          // five minutes after now — accepted, left out of the facts until its time, and flagged.
          clockSkew:
            facts.flags.changeBeforeCreation || changes.some((c) => c.atMs > now + CLOCK_SKEW_TOLERANCE_MS),
        },
      },
      ...linked,
    };
  }

  /**
   * Whether the value stream this engine is restricted to counts an item of `team` (always, when
   * not restricted): the team belonged to it at the item's completion or, for an item not complete,
   * belongs to it now — where the item list and the data-quality counts place it (metrics.md §4).
   */
  private counts(source: string, id: string, team: string | null): boolean {
    if (this.restriction === null) return true;
    if (team === null) return false;
    const resolved = this.resolve({});
    if (!resolved.teams?.includes(team)) return false;
    const windows = resolved.windows.get(team);
    if (windows === undefined) return true;
    const slot = this.index.slotOf(source, id);
    return isWithin(windows, slot === undefined ? Number.MAX_VALUE : referenceInstant(this.index, slot));
  }

  /**
   * The mapping reviews a restricted engine shows: those of a team of its value stream, and those of
   * a whole source that has items in it.
   */
  private reviewsWithin(): DataQuality['mappingsToReview'] {
    if (this.restriction === null || this.toReview.length === 0) return this.toReview;
    const { resolved, mask } = this.scopeFilter({});
    const teams = new Set(resolved.teams ?? []);
    let sources: Set<string> | null = null;
    return this.toReview.filter((review) => {
      if (review.team !== null) return teams.has(review.team);
      if (sources === null) {
        const codes = new Set<number>();
        this.index.forEachSlot(mask, (slot) => {
          codes.add(this.index.source[slot] as number);
        });
        sources = new Set([...codes].map((code) => this.index.sources.values[code] as string));
      }
      return sources.has(review.source);
    });
  }

  private async delivery(id: string) {
    const db = this.store.db;
    const pattern = `%${JSON.stringify(id).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const changes = await db
      .selectFrom('changes')
      .selectAll()
      .where((eb) => eb('items', 'like', eb.val(pattern)))
      .execute();
    const linkedChanges = changes.filter((c) => (JSON.parse(c.items ?? '[]') as string[]).includes(id));
    const changeIds = new Set(linkedChanges.map((c) => c.id));
    const deployments: Database['deployments'][] = [];
    for (const change of linkedChanges) {
      const changePattern = `%${JSON.stringify(change.id).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db
        .selectFrom('deployments')
        .selectAll()
        .where('changes', 'like', changePattern)
        .execute();
      for (const d of rows)
        if (
          (JSON.parse(d.changes ?? '[]') as string[]).some((c) => changeIds.has(c)) &&
          !deployments.some((x) => x.id === d.id && x.source === d.source)
        )
          deployments.push(d);
    }
    if (this.restriction !== null) {
      // Changes are linked to items by id alone, so another source's change may name the same id:
      // restricted to a value stream, only its deployments (by the services of its teams) and the
      // changes they shipped or that come from its services' repositories are shown.
      const resolved = this.resolve({});
      const inScope = serviceFilter(this.org, resolved);
      const kept = deployments.filter((d) => inScope === null || inScope(d.service, Number(d.at)));
      const shipped = new Set(kept.flatMap((d) => JSON.parse(d.changes ?? '[]') as string[]));
      const teams = resolved.teams ?? [];
      const repositories = new Set(
        teams.length === 0
          ? []
          : (
              await db
                .selectFrom('services')
                .select('repository')
                .where('team', 'in', [...teams])
                .where('repository', 'is not', null)
                .execute()
            ).map((s) => s.repository),
      );
      deployments.splice(0, deployments.length, ...kept);
      linkedChanges.splice(
        0,
        linkedChanges.length,
        ...linkedChanges.filter(
          (c) => shipped.has(c.id) || (c.repository !== null && repositories.has(c.repository)),
        ),
      );
    }
    const deploymentIds = deployments.map((d) => d.id);
    const incidents =
      deploymentIds.length === 0
        ? []
        : await db.selectFrom('incidents').selectAll().where('caused_by', 'in', deploymentIds).execute();
    const iso = (ms: number | null) => (ms === null ? null : formatInstant(Number(ms)));
    return {
      changes: linkedChanges.map((c) => ({
        source: c.source,
        id: c.id,
        createdAt: formatInstant(Number(c.created_at)),
        firstCommitAt: iso(c.first_commit_at),
        mergedAt: iso(c.merged_at),
        repository: c.repository,
        author: c.author,
        reviewed: c.reviewed === null ? null : Number(c.reviewed) === 1,
      })),
      deployments: deployments
        .sort((a, b) => Number(a.at) - Number(b.at))
        .map((d) => ({
          source: d.source,
          id: d.id,
          service: d.service,
          environment: d.environment,
          production: this.mappings.isProduction(d.source, d.environment),
          at: formatInstant(Number(d.at)),
          status: d.status,
        })),
      incidents: incidents.map((i) => ({
        source: i.source,
        id: i.id,
        service: i.service,
        openedAt: formatInstant(Number(i.opened_at)),
        resolvedAt: iso(i.resolved_at),
        causedBy: i.caused_by,
        severity: i.severity,
      })),
    };
  }

  /**
   * Whether a batch committed since the DORA facts were last read may have written a deployment, a
   * change, an incident, a service or a mapping (whose production environments DORA reads): its
   * counts say so, or it is an editor's batch (counts `{}`). On SQLite batch ids follow commit order
   * (one writer at a time), so "since" is `id > last id read`; on PostgreSQL concurrent writers may
   * commit out of id order, so the DORA facts are always read again there.
   */
  private async doraMayHaveChanged(): Promise<boolean> {
    if (this.store.dialect !== 'sqlite' || this.doraThrough === null) return true;
    const batches = await this.batchesAfter(this.doraThrough);
    const changed = batches.some(({ counts }) => {
      if (Object.keys(counts).length === 0) return true;
      return Object.entries(counts).some(
        ([kind, c]) => !DORA_INDIFFERENT_KINDS.has(kind) && (c.inserted ?? 0) + (c.updated ?? 0) > 0,
      );
    });
    // None of them changed a DORA fact: the facts held include them, and they are not read again.
    if (!changed) for (const batch of batches) this.doraThrough = Math.max(this.doraThrough, batch.id);
    return changed;
  }

  /**
   * Whether the batches committed since the organisation and the mappings were last read may have
   * changed them: their counts name an organisation kind or a mapping, or an editor wrote them
   * (counts `{}`). Always yes on PostgreSQL, and before the first read (see doraMayHaveChanged).
   */
  private async organisationMayHaveChanged(): Promise<{
    org: boolean;
    mappings: boolean;
    through: number | null;
  }> {
    if (this.store.dialect !== 'sqlite') return { org: true, mappings: true, through: null };
    const since = this.organisationThrough;
    if (since === null) return { org: true, mappings: true, through: await this.lastBatchId() };
    let org = false;
    let mappings = false;
    let through = since;
    for (const { id, counts } of await this.batchesAfter(since)) {
      through = Math.max(through, id);
      const written = Object.entries(counts)
        .filter(([, c]) => (c.inserted ?? 0) + (c.updated ?? 0) > 0)
        .map(([kind]) => kind);
      if (Object.keys(counts).length === 0 || written.some((kind) => ORGANISATION_KINDS.has(kind)))
        org = true;
      if (Object.keys(counts).length === 0 || written.includes('mapping')) mappings = true;
    }
    return { org, mappings, through };
  }

  /**
   * The batches committed since the earliest point the refresh's three questions ask from (the
   * organisation's, the DORA facts' and the bookkeeping's), read once per refresh on SQLite; null
   * outside a refresh (or on PostgreSQL), when each reads its own.
   */
  private recentBatches: { readonly after: number; readonly batches: readonly RecentBatch[] } | null = null;

  private async readRecentBatches(): Promise<{ after: number; batches: RecentBatch[] } | null> {
    if (this.store.dialect !== 'sqlite') return null;
    const points = [this.organisationThrough, this.doraThrough, this.bookkept.through].filter(
      (p): p is number => p !== null,
    );
    const after = Math.min(...points);
    return { after, batches: await this.batchesAfter(after) };
  }

  /** The import batches with an id above `id`, with their counts, oldest first. */
  private async batchesAfter(id: number): Promise<RecentBatch[]> {
    const recent = this.recentBatches;
    if (recent !== null && recent.after <= id) return recent.batches.filter((b) => b.id > id);
    const rows = await this.store.db
      .selectFrom('import_batches')
      .select(['id', 'counts'])
      .where('id', '>', id)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      counts: JSON.parse(row.counts) as RecentBatch['counts'],
    }));
  }

  /** The last import batch the organisation and the mappings held include (null: unknown). */
  private organisationThrough: number | null = null;

  /** The last import batch whose writes the DORA facts include (null: unknown). */
  private doraThrough: number | null = null;

  private async lastBatchId(): Promise<number> {
    const row = await this.store.db
      .selectFrom('import_batches')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  async reloadDora(): Promise<void> {
    // Read before the tables: a batch committed while they are read is looked at again next time.
    const through = await this.lastBatchId();
    await this.readDora();
    this.doraThrough = through;
  }

  private async readDora(): Promise<void> {
    // Streamed: a million changes are never all held as rows at once.
    const scan = this.store.factsQueue;
    const deployments: DoraDeployment[] = [];
    await scan.scanTable(
      'deployments',
      ['source', 'id', 'service', 'environment', 'at', 'status', 'changes'],
      (v) => {
        deployments.push({
          id: v[1] as string,
          service: v[2] as string,
          atMs: Number(v[4]),
          success: v[5] === 'success',
          production: this.mappings.isProduction(v[0] as string, v[3] as string),
          changes: v[6] === null ? [] : (JSON.parse(v[6] as string) as string[]),
        });
      },
    );
    const builder = new DoraBuilder(deployments);
    deployments.length = 0;
    await scan.scanTable('changes', ['id', 'created_at', 'first_commit_at', 'items'], (v) => {
      builder.addChange({
        id: v[0] as string,
        createdAtMs: Number(v[1]),
        firstCommitAtMs: v[2] === null ? null : Number(v[2]),
        // Stored as a JSON array: "[]" or null when it names no work item.
        linked: v[3] !== null && v[3] !== '[]',
      });
    });
    const incidents: DoraIncident[] = [];
    await scan.scanTable('incidents', ['id', 'service', 'opened_at', 'resolved_at', 'caused_by'], (v) => {
      incidents.push({
        id: v[0] as string,
        service: v[1] as string,
        openedAtMs: Number(v[2]),
        resolvedAtMs: v[3] === null ? null : Number(v[3]),
        causedBy: v[4] as string | null,
      });
    });
    this.dora = builder.build(incidents);
  }

  /**
   * Reads the import log's totals, the calendar, the queue's length and the mappings to review
   * again. `drained`: a refresh has just emptied the facts queue, so it is not counted again (what
   * is committed meanwhile is counted by the refresh it brings).
   */
  async reloadBookkeeping(drained = false): Promise<void> {
    // Batches are never changed once committed: on SQLite (ids in commit order) only the new ones
    // are read and added; on PostgreSQL all of them.
    const since = this.store.dialect === 'sqlite' ? this.bookkept : { through: 0, duplicates: 0 };
    let { through, duplicates } = since;
    for (const batch of await this.batchesAfter(since.through)) {
      for (const kind of Object.values(batch.counts)) duplicates += kind.unchanged ?? 0;
      through = Math.max(through, batch.id);
    }
    this.bookkept = { through, duplicates };
    this.duplicates = duplicates;
    await this.reloadCalendar();
    this.pending = drained ? 0 : await pendingFactCount(this.store);
    this.toReview = (await pendingMappingReviews(this.store.db)).map((r) => ({
      source: r.source,
      team: r.team === '' ? null : r.team,
      proposedAt: formatInstant(r.proposedAt),
      proposedBy: r.proposedBy,
    }));
  }

  private toReview: DataQuality['mappingsToReview'] = [];
  /** The duplicates counted in the import batches up to `through`. */
  private bookkept = { through: 0, duplicates: 0 };
}

/** An import batch as the refresh's bookkeeping reads it. */
interface RecentBatch {
  readonly id: number;
  readonly counts: Readonly<
    Record<string, { readonly inserted?: number; readonly updated?: number; readonly unchanged?: number }>
  >;
}

/** Record kinds the organisation is read from (org/timeline.ts). */
const ORGANISATION_KINDS = new Set(['portfolio', 'valueStream', 'team', 'service']);

/** Record kinds whose writes leave the DORA facts as they are. */
const DORA_INDIFFERENT_KINDS = new Set([
  'workItem',
  'transition',
  'person',
  'role',
  'team',
  'valueStream',
  'portfolio',
]);

/** A period must be [from, to) with from < to and at most 10 years long. */
export function checkPeriod(query: { fromMs: number; toMs: number }): void {
  if (!(query.fromMs < query.toMs))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `the period is empty: --to (${formatInstant(query.toMs)}) must be after --from (${formatInstant(query.fromMs)})`,
    );
  if (query.toMs - query.fromMs > 3660 * DAY_MS)
    throw new FlowlensError('INVALID_ARGUMENT', 'the period is longer than 10 years; ask for a shorter one');
}

function mapValues<T, U>(
  record: Readonly<Partial<Record<string, T>>>,
  f: (value: T) => U,
): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v as T)]));
}

/** The n smallest ids, in order (so examples never depend on the order records arrived in). */
function smallest(ids: readonly string[], n: number): string[] {
  const kept: string[] = [];
  for (const id of ids) {
    if (kept.length === n && id >= (kept[n - 1] as string)) continue;
    let at = kept.length;
    while (at > 0 && (kept[at - 1] as string) > id) at--;
    kept.splice(at, 0, id);
    if (kept.length > n) kept.pop();
  }
  return kept;
}
