/**
 * The in-memory columnar index of item facts: one slot per item, its numbers in typed arrays, its
 * status spans and work-in-progress intervals in shared growable arrays. Built once from the stored
 * facts and updated item by item after each import (an updated item takes a new slot; the old one
 * is dropped and the space reclaimed by compaction). Period queries (period-query.ts) scan it.
 * Pure: no IO.
 */
import { FLOW_TYPES, type FlowState, type FlowType, STAGES, STATES } from '../domain/index.js';
import type { ItemFacts, StageOrUnmapped, StatusSpan } from './item-history.js';

/** Stage codes in the index: the four stages, then `unmapped`. */
export const STAGE_CODES: readonly StageOrUnmapped[] = [...STAGES, 'unmapped'];
export const UNMAPPED_STAGE = STAGE_CODES.indexOf('unmapped');
export const STATE_CODES: readonly FlowState[] = STATES;
export const WAITING = STATE_CODES.indexOf('waiting');
export const ACTIVE = STATE_CODES.indexOf('active');
export const DONE = STATE_CODES.indexOf('done');

/** An item as the index takes it: its identity, scope, flow type and facts. */
export interface IndexedItem {
  readonly source: string;
  readonly id: string;
  readonly team: string | null;
  readonly flowType: FlowType;
  /** The raw type when no mapping names it (counted as `feature`, reported under data quality). */
  readonly unmappedType?: string | null;
  /** Status changes that arrived after a later change of the same item (data quality). */
  readonly outOfOrderChanges?: number;
  /** Another item names it as its parent: a container (an epic), not a flow item (metrics.md §2). */
  readonly container?: boolean;
  readonly facts: Pick<
    ItemFacts,
    | 'createdAtMs'
    | 'startedAtMs'
    | 'completedAtMs'
    | 'leadTimeMs'
    | 'flowTimeMs'
    | 'activeTimeMs'
    | 'timePerStageMs'
    | 'wipIntervals'
  > & {
    readonly spans: readonly Pick<StatusSpan, 'status' | 'stage' | 'state' | 'startMs'>[];
    readonly flags?: ItemFacts['flags'];
  };
}

/**
 * An item's facts in flat form, as stored (item_facts) and indexed: spans as
 * [startMs, status, stateCode, stageCode, …], work-in-progress intervals as [startMs, endMs | null, …].
 */
export interface FlatFacts {
  readonly source: string;
  readonly id: string;
  readonly team: string | null;
  readonly flowType: FlowType;
  readonly unmappedType: string | null;
  readonly outOfOrderChanges: number;
  readonly createdAtMs: number;
  readonly startedAtMs: number | null;
  readonly completedAtMs: number | null;
  readonly leadTimeMs: number | null;
  readonly flowTimeMs: number | null;
  readonly activeTimeMs: number | null;
  /** Time per stage of a complete item ({} otherwise). */
  readonly stageMs: Readonly<Partial<Record<StageOrUnmapped, number>>>;
  readonly spans: readonly (number | string)[];
  readonly wip: readonly (number | null)[];
  /** FLAG.changeBeforeCreation | FLAG.statusDisagrees | FLAG.container. */
  readonly flags: number;
}

/** An item's facts in flat form. */
export function toFlatFacts(item: IndexedItem): FlatFacts {
  const f = item.facts;
  const spans: (number | string)[] = [];
  for (const span of f.spans)
    spans.push(span.startMs, span.status, STATE_CODES.indexOf(span.state), STAGE_CODES.indexOf(span.stage));
  const wip: (number | null)[] = [];
  for (const [start, end] of f.wipIntervals) wip.push(start, end);
  return {
    source: item.source,
    id: item.id,
    team: item.team,
    flowType: item.flowType,
    unmappedType: item.unmappedType ?? null,
    outOfOrderChanges: item.outOfOrderChanges ?? 0,
    createdAtMs: f.createdAtMs,
    startedAtMs: f.startedAtMs,
    completedAtMs: f.completedAtMs,
    leadTimeMs: f.leadTimeMs,
    flowTimeMs: f.flowTimeMs,
    activeTimeMs: f.activeTimeMs,
    stageMs: f.completedAtMs === null ? {} : f.timePerStageMs,
    spans,
    wip,
    flags:
      (f.flags?.changeBeforeCreation ? FLAG.changeBeforeCreation : 0) |
      (f.flags?.statusDisagrees ? FLAG.statusDisagrees : 0) |
      (item.container === true ? FLAG.container : 0),
  };
}

/** Per-item flag bits. */
export const FLAG = {
  changeBeforeCreation: 1,
  statusDisagrees: 2,
  /** The item spent time in (or is in) a status no mapping names. */
  unmappedStatus: 4,
  /** Its completed history has an `unmapped` stage entry (so the stage breakdown shows `unmapped`). */
  unmappedStageTime: 8,
  /** A container (another item names it as its parent): left out of the period metrics. */
  container: 16,
} as const;

/** The flags stored with an item's facts; the others are derived when it is indexed. */
const STORED_FLAGS = FLAG.changeBeforeCreation | FLAG.statusDisagrees | FLAG.container;

/** Strings ↔ small integers. */
export class Dictionary {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
  find(value: string): number | undefined {
    return this.ids.get(value);
  }
  get size(): number {
    return this.values.length;
  }
}

type TypedArray = Float64Array | Int32Array | Uint8Array;

function grow<T extends TypedArray>(array: T, capacity: number): T {
  if (array.length >= capacity) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(capacity, array.length * 2, 64));
  bigger.set(array);
  return bigger;
}

const KEY_SEPARATOR = '\u0000';

export class FactIndex {
  /** Slots in use (live and dropped). */
  size = 0;
  /** Live items. */
  live = 0;
  readonly teams = new Dictionary();
  readonly sources = new Dictionary();
  readonly rawTypes = new Dictionary();
  readonly statuses = new Dictionary();
  /** Status classes: a status name with its state and stage. */
  private readonly classKeys = new Dictionary();
  private readonly classByCombination = new Map<number, number>();
  private readonly statusLists = new Map<string, string[]>();
  classStatus = new Int32Array(16);
  classState = new Uint8Array(16);
  classStage = new Uint8Array(16);

  keys: string[] = [];
  /** Per team (index team + 1; 0 is "no team"): its slots, live and dropped, in order. */
  private teamSlots: { slots: Int32Array; count: number }[] = [];
  /** Key → live slot; built on first need after a bulk load (see loadStored). */
  private slotMap: Map<string, number> | null = new Map();
  alive = new Uint8Array(0);
  team = new Int32Array(0);
  source = new Int32Array(0);
  flowType = new Uint8Array(0);
  unmappedType = new Int32Array(0);
  flags = new Uint8Array(0);
  outOfOrder = new Int32Array(0);
  createdAt = new Float64Array(0);
  /** NaN when null. */
  startedAt = new Float64Array(0);
  completedAt = new Float64Array(0);
  leadMs = new Float64Array(0);
  flowMs = new Float64Array(0);
  activeMs = new Float64Array(0);
  /** Five per slot, in STAGE_CODES order. */
  stageMs = new Float64Array(0);
  spanOffset = new Int32Array(0);
  spanCount = new Int32Array(0);
  wipOffset = new Int32Array(0);
  wipCount = new Int32Array(0);

  spanUsed = 0;
  spanStart = new Float64Array(0);
  spanClass = new Int32Array(0);
  wipUsed = 0;
  wipStart = new Float64Array(0);
  /** Infinity while still open. */
  wipEnd = new Float64Array(0);

  static from(items: Iterable<IndexedItem>): FactIndex {
    const index = new FactIndex();
    for (const item of items) index.upsert(item);
    return index;
  }

  /**
   * The index's columns and dictionaries as they are (views, not copies): what a snapshot stores
   * (fact-snapshot.ts). Dropped slots are included, marked by `alive`.
   */
  columns(): IndexColumns {
    const perSlot = {} as Record<PerSlotColumn, TypedArray>;
    for (const name of PER_SLOT_COLUMNS) perSlot[name] = (this[name] as TypedArray).subarray(0, this.size);
    const classCount = this.classKeys.size;
    return {
      size: this.size,
      live: this.live,
      teams: this.teams.values,
      sources: this.sources.values,
      rawTypes: this.rawTypes.values,
      statuses: this.statuses.values,
      classStatus: this.classStatus.subarray(0, classCount),
      classState: this.classState.subarray(0, classCount),
      classStage: this.classStage.subarray(0, classCount),
      keys: this.keys.length === this.size ? this.keys : this.keys.slice(0, this.size),
      perSlot: perSlot as IndexColumns['perSlot'],
      stageMs: this.stageMs.subarray(0, this.size * STAGE_CODES.length),
      spanStart: this.spanStart.subarray(0, this.spanUsed),
      spanClass: this.spanClass.subarray(0, this.spanUsed),
      wipStart: this.wipStart.subarray(0, this.wipUsed),
      wipEnd: this.wipEnd.subarray(0, this.wipUsed),
    };
  }

  /**
   * An index made of columns (from a snapshot): the arrays are used as they are (the index grows
   * them on its next update); the team slot lists, the status classes' lookups and the key map are
   * rebuilt. The columns must be consistent (see fact-snapshot.ts, which checks them).
   */
  static fromColumns(c: IndexColumns): FactIndex {
    const index = new FactIndex();
    for (const v of c.teams) index.teams.id(v);
    for (const v of c.sources) index.sources.id(v);
    for (const v of c.rawTypes) index.rawTypes.id(v);
    for (const v of c.statuses) index.statuses.id(v);
    for (let cls = 0; cls < c.classStatus.length; cls++) {
      const made = index.classOfCodes(
        c.statuses[c.classStatus[cls] as number] as string,
        c.classState[cls] as number,
        c.classStage[cls] as number,
      );
      if (made !== cls) throw new Error(`status class ${cls} is a repeat of class ${made}`);
    }
    // Views on a snapshot's buffer: the index only reads them, and replaces them when it grows.
    const columns = index as unknown as Record<string, unknown>;
    for (const name of PER_SLOT_COLUMNS) columns[name] = c.perSlot[name];
    columns.stageMs = c.stageMs;
    columns.spanStart = c.spanStart;
    columns.spanClass = c.spanClass;
    columns.wipStart = c.wipStart;
    columns.wipEnd = c.wipEnd;
    index.size = c.size;
    index.live = c.live;
    index.spanUsed = c.spanStart.length;
    index.wipUsed = c.wipStart.length;
    index.keys = c.keys as string[];
    index.slotMap = null;
    const team = c.perSlot.team;
    for (let slot = 0; slot < c.size; slot++) index.addToTeam(team[slot] as number, slot);
    return index;
  }

  static key(source: string, id: string): string {
    return source + KEY_SEPARATOR + id;
  }

  static splitKey(key: string): { source: string; id: string } {
    const at = key.indexOf(KEY_SEPARATOR);
    return { source: key.slice(0, at), id: key.slice(at + 1) };
  }

  /** Makes room for this many more items, status spans and intervals (avoids regrowing on a load). */
  reserve(items: number, spans: number, intervals: number): void {
    this.ensureSlots(this.size + items);
    this.ensureSpans(this.spanUsed + spans);
    this.ensureWip(this.wipUsed + intervals);
  }

  /** The live slot of an item, if indexed. */
  slotOf(source: string, id: string): number | undefined {
    return this.slotByKey.get(FactIndex.key(source, id));
  }

  private get slotByKey(): Map<string, number> {
    if (this.slotMap === null) {
      const map = new Map<string, number>();
      for (let slot = 0; slot < this.size; slot++)
        if (this.alive[slot] === 1) map.set(this.keys[slot] as string, slot);
      this.slotMap = map;
    }
    return this.slotMap;
  }

  /**
   * Adds an item read from the store during the initial load, where every item comes once: no
   * lookup of a previous slot, and the key map is built only when first needed (after the first
   * answer), not item by item.
   */
  loadStored(item: EncodedFacts): void {
    this.slotMap = null;
    this.fresh = true;
    try {
      this.upsertEncoded(item);
    } finally {
      this.fresh = false;
    }
  }

  private fresh = false;

  /** Adds an item, or replaces its previous facts. */
  upsert(item: IndexedItem): void {
    this.upsertFlat(toFlatFacts(item));
  }

  /** Adds an item from its flat facts (as stored), or replaces its previous facts. */
  upsertFlat(item: FlatFacts): void {
    const slot = this.beginSlot(item);
    let flags = item.flags & STORED_FLAGS;
    for (let s = 0; s < STAGE_CODES.length; s++) {
      const ms = item.stageMs[STAGE_CODES[s] as StageOrUnmapped];
      this.stageMs[slot * STAGE_CODES.length + s] = item.completedAtMs === null ? 0 : (ms ?? 0);
    }
    if (item.completedAtMs !== null && item.stageMs.unmapped !== undefined) flags |= FLAG.unmappedStageTime;

    const spans = item.spans;
    const spanTotal = spans.length / 4;
    this.ensureSpans(this.spanUsed + spanTotal);
    this.spanOffset[slot] = this.spanUsed;
    this.spanCount[slot] = spanTotal;
    for (let i = 0; i < spans.length; i += 4) {
      const stage = spans[i + 3] as number;
      if (stage === UNMAPPED_STAGE) flags |= FLAG.unmappedStatus;
      this.spanStart[this.spanUsed] = spans[i] as number;
      this.spanClass[this.spanUsed++] = this.classOfCodes(
        spans[i + 1] as string,
        spans[i + 2] as number,
        stage,
      );
    }
    const wip = item.wip;
    this.ensureWip(this.wipUsed + wip.length / 2);
    this.wipOffset[slot] = this.wipUsed;
    this.wipCount[slot] = wip.length / 2;
    for (let i = 0; i < wip.length; i += 2) {
      this.wipStart[this.wipUsed] = wip[i] as number;
      this.wipEnd[this.wipUsed++] = (wip[i + 1] as number | null) ?? Number.POSITIVE_INFINITY;
    }
    this.flags[slot] = flags;
  }

  /** Adds an item from its stored (encoded) facts, or replaces its previous facts. */
  upsertEncoded(item: EncodedFacts): void {
    const slot = this.beginSlot(item);
    let flags = item.flags & STORED_FLAGS;
    const view = new DataView(item.history.buffer, item.history.byteOffset, item.history.byteLength);
    const spanTotal = view.getUint32(0, true);
    const wipTotal = view.getUint32(4, true);
    for (let s = 0; s < STAGE_CODES.length; s++) {
      const ms = view.getFloat64(8 + s * 8, true);
      this.stageMs[slot * STAGE_CODES.length + s] = item.completedAtMs === null || Number.isNaN(ms) ? 0 : ms;
      if (s === UNMAPPED_STAGE && item.completedAtMs !== null && !Number.isNaN(ms))
        flags |= FLAG.unmappedStageTime;
    }
    // Many items share a status list: parse each distinct list once.
    let statuses = this.statusLists.get(item.spanStatuses);
    if (statuses === undefined) {
      statuses = JSON.parse(item.spanStatuses) as string[];
      if (this.statusLists.size < 100_000) this.statusLists.set(item.spanStatuses, statuses);
    }
    this.ensureSpans(this.spanUsed + spanTotal);
    this.spanOffset[slot] = this.spanUsed;
    this.spanCount[slot] = spanTotal;
    let off = HEADER_BYTES;
    for (let i = 0; i < spanTotal; i++, off += SPAN_BYTES) {
      const stage = view.getUint8(off + 9);
      if (stage === UNMAPPED_STAGE) flags |= FLAG.unmappedStatus;
      this.spanStart[this.spanUsed] = view.getFloat64(off, true);
      this.spanClass[this.spanUsed++] = this.classOfCodes(
        statuses[view.getUint16(off + 10, true)] as string,
        view.getUint8(off + 8),
        stage,
      );
    }
    this.ensureWip(this.wipUsed + wipTotal);
    this.wipOffset[slot] = this.wipUsed;
    this.wipCount[slot] = wipTotal;
    for (let i = 0; i < wipTotal; i++, off += WIP_BYTES) {
      this.wipStart[this.wipUsed] = view.getFloat64(off, true);
      this.wipEnd[this.wipUsed++] = view.getFloat64(off + 8, true);
    }
    this.flags[slot] = flags;
  }

  /** Takes a new slot for an item (dropping its previous one) and fills its scalar columns. */
  private beginSlot(item: Omit<FlatFacts, 'spans' | 'wip' | 'stageMs'>): number {
    const key = FactIndex.key(item.source, item.id);
    if (!this.fresh) {
      const previous = this.slotByKey.get(key);
      if (previous !== undefined) this.drop(previous);
    }
    const slot = this.size++;
    this.ensureSlots(this.size);
    this.live++;
    if (!this.fresh) this.slotByKey.set(key, slot);
    this.keys[slot] = key;
    this.alive[slot] = 1;
    const teamId = item.team === null ? -1 : this.teams.id(item.team);
    this.team[slot] = teamId;
    this.addToTeam(teamId, slot);
    this.source[slot] = this.sources.id(item.source);
    this.flowType[slot] = FLOW_TYPES.indexOf(item.flowType);
    this.unmappedType[slot] = item.unmappedType === null ? -1 : this.rawTypes.id(item.unmappedType);
    this.outOfOrder[slot] = item.outOfOrderChanges;
    this.createdAt[slot] = item.createdAtMs;
    this.startedAt[slot] = item.startedAtMs ?? Number.NaN;
    this.completedAt[slot] = item.completedAtMs ?? Number.NaN;
    this.leadMs[slot] = item.leadTimeMs ?? Number.NaN;
    this.flowMs[slot] = item.flowTimeMs ?? Number.NaN;
    this.activeMs[slot] = item.activeTimeMs ?? Number.NaN;
    return slot;
  }

  /** Removes an item (its facts could no longer be computed, e.g. it was deleted). */
  remove(source: string, id: string): void {
    const slot = this.slotByKey.get(FactIndex.key(source, id));
    if (slot !== undefined) this.drop(slot);
  }

  /** Reclaims the space of dropped slots when they make up more than a third of the index. */
  compactIfWorthIt(): boolean {
    const dropped = this.size - this.live;
    if (dropped < 1024 || dropped * 3 < this.size) return false;
    this.compact();
    return true;
  }

  /**
   * Calls `visit` with every live flow item's slot of the teams the mask lets through (null: of
   * every team). Containers (epics: items another names as parent) are not flow items and are
   * left out (metrics.md §2).
   * With a mask, only those teams' slots are visited, so a team's query does not scan the index.
   */
  forEachSlot(mask: Uint8Array | null, visit: (slot: number) => void): void {
    const { alive, flags } = this;
    if (mask === null) {
      for (let slot = 0; slot < this.size; slot++)
        if (alive[slot] === 1 && ((flags[slot] as number) & FLAG.container) === 0) visit(slot);
      return;
    }
    for (let t = 0; t < mask.length; t++) {
      if (mask[t] !== 1) continue;
      const list = this.teamSlots[t];
      if (list === undefined) continue;
      for (let i = 0; i < list.count; i++) {
        const slot = list.slots[i] as number;
        if (alive[slot] === 1 && ((flags[slot] as number) & FLAG.container) === 0) visit(slot);
      }
    }
  }

  /** Rewrites the index with its live slots only, in the same order. */
  compact(): void {
    const fresh = new FactIndex();
    // Share the dictionaries so ids stay valid.
    Object.assign(fresh, {
      teams: this.teams,
      sources: this.sources,
      rawTypes: this.rawTypes,
      statuses: this.statuses,
      classKeys: this.classKeys,
      classByCombination: this.classByCombination,
      classStatus: this.classStatus,
      classState: this.classState,
      classStage: this.classStage,
    });
    fresh.ensureSlots(this.live);
    fresh.ensureSpans(this.spanUsed);
    fresh.ensureWip(this.wipUsed);
    for (let slot = 0; slot < this.size; slot++) {
      if (this.alive[slot] === 0) continue;
      const to = fresh.size++;
      fresh.live++;
      const key = this.keys[slot] as string;
      fresh.keys[to] = key;
      fresh.slotMap?.set(key, to);
      fresh.addToTeam(this.team[slot] as number, to);
      for (const name of PER_SLOT_COLUMNS)
        (fresh[name] as TypedArray)[to] = (this[name] as TypedArray)[slot] as number;
      for (let s = 0; s < STAGE_CODES.length; s++)
        fresh.stageMs[to * STAGE_CODES.length + s] = this.stageMs[slot * STAGE_CODES.length + s] as number;
      const spans = this.spanCount[slot] as number;
      const spanFrom = this.spanOffset[slot] as number;
      fresh.spanOffset[to] = fresh.spanUsed;
      fresh.spanCount[to] = spans;
      fresh.spanStart.set(this.spanStart.subarray(spanFrom, spanFrom + spans), fresh.spanUsed);
      fresh.spanClass.set(this.spanClass.subarray(spanFrom, spanFrom + spans), fresh.spanUsed);
      fresh.spanUsed += spans;
      const wips = this.wipCount[slot] as number;
      const wipFrom = this.wipOffset[slot] as number;
      fresh.wipOffset[to] = fresh.wipUsed;
      fresh.wipCount[to] = wips;
      fresh.wipStart.set(this.wipStart.subarray(wipFrom, wipFrom + wips), fresh.wipUsed);
      fresh.wipEnd.set(this.wipEnd.subarray(wipFrom, wipFrom + wips), fresh.wipUsed);
      fresh.wipUsed += wips;
    }
    Object.assign(this, fresh);
  }

  /** The status class of a span: its status name id, state code and stage code. */
  classOfCodes(status: string, stateCode: number, stageCode: number): number {
    // One lookup of the status string, then a number key: no string is built per span.
    // State and stage codes are below 8 each: 64 combinations per status, no two keys alike.
    const combination = this.statuses.id(status) * 64 + stateCode * 8 + stageCode;
    const known = this.classByCombination.get(combination);
    if (known !== undefined) return known;
    const before = this.classKeys.size;
    const cls = this.classKeys.id(`${stateCode}:${stageCode}:${status}`);
    this.classByCombination.set(combination, cls);
    if (cls === before) {
      this.classStatus = grow(this.classStatus, cls + 1);
      this.classState = grow(this.classState, cls + 1);
      this.classStage = grow(this.classStage, cls + 1);
      this.classStatus[cls] = this.statuses.id(status);
      this.classState[cls] = stateCode;
      this.classStage[cls] = stageCode;
    }
    return cls;
  }

  get classCount(): number {
    return this.classKeys.size;
  }

  /**
   * The slots' team filter for a scope: `mask[team + 1]` is 1 for the teams in scope (index 0 is
   * "no team"). Null means the whole organisation.
   */
  teamMask(teamIds: Iterable<string> | null): Uint8Array | null {
    if (teamIds === null) return null;
    const mask = new Uint8Array(this.teams.size + 1);
    for (const team of teamIds) {
      const id = this.teams.find(team);
      if (id !== undefined) mask[id + 1] = 1;
    }
    return mask;
  }

  /** Appends a slot to its team's slot list. */
  private addToTeam(teamId: number, slot: number): void {
    let list = this.teamSlots[teamId + 1];
    if (list === undefined) {
      list = { slots: new Int32Array(64), count: 0 };
      this.teamSlots[teamId + 1] = list;
    }
    if (list.count === list.slots.length) list.slots = grow(list.slots, list.count * 2);
    list.slots[list.count++] = slot;
  }

  private drop(slot: number): void {
    if (this.alive[slot] === 0) return;
    this.alive[slot] = 0;
    this.live--;
    this.slotByKey.delete(this.keys[slot] as string);
  }

  private ensureSlots(n: number): void {
    if (this.alive.length >= n) return;
    for (const name of PER_SLOT_COLUMNS)
      (this as Record<string, unknown>)[name] = grow(this[name] as TypedArray, n);
    this.stageMs = grow(this.stageMs, this.alive.length * STAGE_CODES.length);
  }

  private ensureSpans(n: number): void {
    this.spanStart = grow(this.spanStart, n);
    this.spanClass = grow(this.spanClass, n);
  }

  private ensureWip(n: number): void {
    this.wipStart = grow(this.wipStart, n);
    this.wipEnd = grow(this.wipEnd, n);
  }
}

/** The per-slot columns, by name. */
export type PerSlotColumn = (typeof PER_SLOT_COLUMNS)[number];

/** What `FactIndex.columns()` gives and `FactIndex.fromColumns()` takes. */
export interface IndexColumns {
  readonly size: number;
  readonly live: number;
  readonly teams: readonly string[];
  readonly sources: readonly string[];
  readonly rawTypes: readonly string[];
  readonly statuses: readonly string[];
  /** Per status class: its status (index into `statuses`), state code and stage code. */
  readonly classStatus: Int32Array;
  readonly classState: Uint8Array;
  readonly classStage: Uint8Array;
  /** Per slot: `FactIndex.key(source, id)`. */
  readonly keys: readonly string[];
  readonly perSlot: { readonly [K in PerSlotColumn]: FactIndex[K] };
  readonly stageMs: Float64Array;
  readonly spanStart: Float64Array;
  readonly spanClass: Int32Array;
  readonly wipStart: Float64Array;
  readonly wipEnd: Float64Array;
}

export const PER_SLOT_COLUMNS = [
  'alive',
  'team',
  'source',
  'flowType',
  'unmappedType',
  'flags',
  'outOfOrder',
  'createdAt',
  'startedAt',
  'completedAt',
  'leadMs',
  'flowMs',
  'activeMs',
  'spanOffset',
  'spanCount',
  'wipOffset',
  'wipCount',
] as const satisfies readonly (keyof FactIndex)[];

/**
 * An item's facts as stored: the numbers as they are; the item's distinct statuses as a JSON array
 * (`spanStatuses`); and its history as one little-endian binary value (no JSON to parse when a
 * million items are loaded): span count (u32), interval count (u32), 5 stage times (float64, in
 * STAGE_CODES order, NaN where the item has no time in that stage), then 12 bytes per status span
 * (start float64, state code u8, stage code u8, index into `spanStatuses` u16), then 16 bytes per
 * work-in-progress interval (start, end float64; +Infinity while open).
 */
export interface EncodedFacts extends Omit<FlatFacts, 'spans' | 'wip' | 'stageMs'> {
  readonly spanStatuses: string;
  readonly history: Uint8Array;
}

const SPAN_BYTES = 12;
const WIP_BYTES = 16;
/** Where the scalar facts sit in the header (after the counts and the five stage times). */
const SCALARS = 8 + 5 * 8;
const HEADER_BYTES = SCALARS + 6 * 8 + 4 + 4 + 4 + 4;

export function encodeFacts(f: FlatFacts): EncodedFacts {
  const statuses: string[] = [];
  const spanCount = f.spans.length / 4;
  const wipCount = f.wip.length / 2;
  const history = new Uint8Array(HEADER_BYTES + spanCount * SPAN_BYTES + wipCount * WIP_BYTES);
  const view = new DataView(history.buffer);
  view.setUint32(0, spanCount, true);
  view.setUint32(4, wipCount, true);
  for (let s = 0; s < STAGE_CODES.length; s++)
    view.setFloat64(8 + s * 8, f.stageMs[STAGE_CODES[s] as StageOrUnmapped] ?? Number.NaN, true);
  // The scalar facts travel in the history too, so a scan reads one value instead of ten.
  const times = [f.createdAtMs, f.startedAtMs, f.completedAtMs, f.leadTimeMs, f.flowTimeMs, f.activeTimeMs];
  times.forEach((t, i) => {
    view.setFloat64(SCALARS + i * 8, t ?? Number.NaN, true);
  });
  view.setUint32(SCALARS + 48, f.flags, true);
  view.setUint32(SCALARS + 52, f.outOfOrderChanges, true);
  view.setUint32(SCALARS + 56, FLOW_TYPES.indexOf(f.flowType), true);
  view.setUint32(SCALARS + 60, f.unmappedType === null ? 1 : 0, true);
  let off = HEADER_BYTES;
  const spans = f.spans;
  for (let i = 0; i < spans.length; i += 4, off += SPAN_BYTES) {
    const status = spans[i + 1] as string;
    let at = statuses.indexOf(status);
    if (at === -1) at = statuses.push(status) - 1;
    view.setFloat64(off, spans[i] as number, true);
    view.setUint8(off + 8, spans[i + 2] as number);
    view.setUint8(off + 9, spans[i + 3] as number);
    view.setUint16(off + 10, at, true);
  }
  const wip = f.wip;
  for (let i = 0; i < wip.length; i += 2, off += WIP_BYTES) {
    view.setFloat64(off, wip[i] as number, true);
    view.setFloat64(off + 8, (wip[i + 1] as number | null) ?? Number.POSITIVE_INFINITY, true);
  }
  return {
    source: f.source,
    id: f.id,
    team: f.team,
    flowType: f.flowType,
    unmappedType: f.unmappedType,
    outOfOrderChanges: f.outOfOrderChanges,
    createdAtMs: f.createdAtMs,
    startedAtMs: f.startedAtMs,
    completedAtMs: f.completedAtMs,
    leadTimeMs: f.leadTimeMs,
    flowTimeMs: f.flowTimeMs,
    activeTimeMs: f.activeTimeMs,
    flags: f.flags,
    spanStatuses: JSON.stringify(statuses),
    history,
  };
}

/** Back to the flat form (for tests). */
export function decodeFacts(e: EncodedFacts): FlatFacts {
  const statuses = JSON.parse(e.spanStatuses) as string[];
  const view = new DataView(e.history.buffer, e.history.byteOffset, e.history.byteLength);
  const spanCount = view.getUint32(0, true);
  const wipCount = view.getUint32(4, true);
  const stageMs: Partial<Record<StageOrUnmapped, number>> = {};
  STAGE_CODES.forEach((stage, s) => {
    const ms = view.getFloat64(8 + s * 8, true);
    if (!Number.isNaN(ms)) stageMs[stage] = ms;
  });
  const spans: (number | string)[] = [];
  let off = HEADER_BYTES;
  for (let i = 0; i < spanCount; i++, off += SPAN_BYTES)
    spans.push(
      view.getFloat64(off, true),
      statuses[view.getUint16(off + 10, true)] as string,
      view.getUint8(off + 8),
      view.getUint8(off + 9),
    );
  const wip: (number | null)[] = [];
  for (let i = 0; i < wipCount; i++, off += WIP_BYTES) {
    const end = view.getFloat64(off + 8, true);
    wip.push(view.getFloat64(off, true), end === Number.POSITIVE_INFINITY ? null : end);
  }
  const { spanStatuses: _statuses, history: _history, ...rest } = e;
  return { ...rest, spans, wip, stageMs };
}

/**
 * Encoded facts from what a scan reads: the item's identity, team, unmapped raw type, status list
 * and history; the scalar facts come out of the history's header.
 */
export function encodedFromHistory(
  source: string,
  id: string,
  team: string | null,
  rawType: string,
  spanStatuses: string,
  history: Uint8Array,
): EncodedFacts {
  const view = new DataView(history.buffer, history.byteOffset, history.byteLength);
  const time = (i: number) => {
    const t = view.getFloat64(SCALARS + i * 8, true);
    return Number.isNaN(t) ? null : t;
  };
  return {
    source,
    id,
    team,
    flowType: FLOW_TYPES[view.getUint32(SCALARS + 56, true)] ?? 'feature',
    unmappedType: view.getUint32(SCALARS + 60, true) === 1 ? null : rawType,
    outOfOrderChanges: view.getUint32(SCALARS + 52, true),
    createdAtMs: time(0) as number,
    startedAtMs: time(1),
    completedAtMs: time(2),
    leadTimeMs: time(3),
    flowTimeMs: time(4),
    activeTimeMs: time(5),
    flags: view.getUint32(SCALARS + 48, true),
    spanStatuses,
    history,
  };
}
