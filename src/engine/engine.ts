import { sql } from 'kysely';
/**
 * The metric engine: the stored facts loaded into the in-memory index, the DORA facts prepared, the
 * organisation, and the answers of `flowlens metrics` and the API computed from them (contract.md
 * §2, docs/metrics.md). `refresh()` brings it up to date after an import: it recomputes the facts
 * of the items the import touched and updates the index with them only.
 */
import { formatInstant } from '../contract/index.js';
import { DAY_MS, FlowlensError } from '../domain/index.js';
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
  type SnapshotStamp,
  type TeamWindows,
  teamWindows,
  type WaitingStatus,
} from '../metrics/index.js';
import { type Database, pendingMappingReviews, type Store } from '../store/index.js';
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
  type ResolvedScope,
  resolveScope,
  type ScopeQuery,
  serviceFilter,
} from './org.js';
import { loadSnapshot, saveSnapshot } from './snapshot.js';

export interface MetricsQuery extends ScopeQuery {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The JSON of `flowlens metrics --json` and `GET /api/v1/metrics` (contract.md §2). */
export interface MetricsDocument {
  readonly period: { readonly from: string; readonly to: string };
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
    [this.org, this.mappings] = await Promise.all([loadOrg(this.store.db), loadMappings(this.store.db)]);
    await this.reloadDora();
    await this.reloadBookkeeping();
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

  organisation(): OrgModel {
    return this.org;
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
    return orgTree(this.org);
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

  /** Resolves a scope; throws INVALID_ARGUMENT naming an unknown team, value stream or portfolio. */
  resolve(query: ScopeQuery): ResolvedScope {
    return resolveScope(this.org, query, new Set(this.index.teams.values));
  }

  /** Flow metrics, DORA metrics and data quality of a scope and period (contract.md §2). */
  metrics(query: MetricsQuery): MetricsDocument {
    checkPeriod(query);
    const { resolved, mask, windows } = this.scopeFilter(query);
    const period = { fromMs: query.fromMs, toMs: query.toMs };
    const flow = queryFlow(this.index, mask, period, { windows });
    const dora = queryDora(this.dora, period, serviceFilter(this.org, resolved));
    const { quality, ...doraMetrics } = dora;
    const examples = (ids: readonly string[]): Examples => ({
      count: ids.length,
      examples: smallest(ids, EXAMPLES),
    });
    return {
      period: { from: formatInstant(query.fromMs), to: formatInstant(query.toMs) },
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
        mappingsToReview: this.toReview,
      },
    };
  }

  /** The daily and weekly series and the views behind the metrics (GET /api/v1/metrics/series). */
  series(query: MetricsQuery) {
    checkPeriod(query);
    const { resolved, mask, windows } = this.scopeFilter(query);
    const period = { fromMs: query.fromMs, toMs: query.toMs };
    const result = queryFlow(this.index, mask, period, { details: true, windows });
    const details = result.details as FlowDetails;
    const day = (ms: number) => formatInstant(ms).slice(0, 10);
    return {
      period: { from: formatInstant(query.fromMs), to: formatInstant(query.toMs) },
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
    if (row === undefined)
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
      .select('id')
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
        children: children.map((c) => c.id),
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
        flags: facts.flags,
      },
      ...linked,
    };
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

  async reloadDora(): Promise<void> {
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

  async reloadBookkeeping(): Promise<void> {
    const batches = await this.store.db.selectFrom('import_batches').select('counts').execute();
    let duplicates = 0;
    for (const batch of batches) {
      const counts = JSON.parse(batch.counts) as Record<string, { unchanged?: number }>;
      for (const kind of Object.values(counts)) duplicates += kind.unchanged ?? 0;
    }
    this.duplicates = duplicates;
    this.pending = await pendingFactCount(this.store);
    this.toReview = (await pendingMappingReviews(this.store.db)).map((r) => ({
      source: r.source,
      team: r.team === '' ? null : r.team,
      proposedAt: formatInstant(r.proposedAt),
      proposedBy: r.proposedBy,
    }));
  }

  private toReview: DataQuality['mappingsToReview'] = [];
}

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
