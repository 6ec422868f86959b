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
  /** FLAG.changeBeforeCreation | FLAG.statusDisagrees. */
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
      (f.flags?.statusDisagrees ? FLAG.statusDisagrees : 0),
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
} as const;

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
  classStatus = new Int32Array(16);
  classState = new Uint8Array(16);
  classStage = new Uint8Array(16);

  keys: string[] = [];
  private slotByKey = new Map<string, number>();
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

  static key(source: string, id: string): string {
    return source + KEY_SEPARATOR + id;
  }

  static splitKey(key: string): { source: string; id: string } {
    const at = key.indexOf(KEY_SEPARATOR);
    return { source: key.slice(0, at), id: key.slice(at + 1) };
  }

  /** The live slot of an item, if indexed. */
  slotOf(source: string, id: string): number | undefined {
    return this.slotByKey.get(FactIndex.key(source, id));
  }

  /** Adds an item, or replaces its previous facts. */
  upsert(item: IndexedItem): void {
    this.upsertFlat(toFlatFacts(item));
  }

  /** Adds an item from its flat facts (as stored), or replaces its previous facts. */
  upsertFlat(item: FlatFacts): void {
    const key = FactIndex.key(item.source, item.id);
    const previous = this.slotByKey.get(key);
    if (previous !== undefined) this.drop(previous);
    const slot = this.size++;
    this.ensureSlots(this.size);
    this.live++;
    this.slotByKey.set(key, slot);
    this.keys[slot] = key;
    this.alive[slot] = 1;
    this.team[slot] = item.team === null ? -1 : this.teams.id(item.team);
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
    let flags = item.flags & (FLAG.changeBeforeCreation | FLAG.statusDisagrees);
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
      fresh.slotByKey.set(key, to);
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
    const before = this.classKeys.size;
    const cls = this.classKeys.id(`${stateCode}:${stageCode}:${status}`);
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

const PER_SLOT_COLUMNS = [
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
