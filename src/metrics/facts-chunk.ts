/**
 * Stored facts in columnar chunks: how a reader on another thread hands a million items to the
 * index cheaply. Strings that repeat (sources, teams, raw types, status lists) travel once, as
 * additions to a dictionary shared by all chunks of a scan; numbers travel in typed arrays, which
 * move between threads without copying. Pure.
 */
import { FLOW_TYPES, type FlowType } from '../domain/index.js';
import type { EncodedFacts } from './fact-index.js';

/** Numbers per row in `FactsChunk.numbers`. */
export const CHUNK_NUMBERS = 7;

export interface FactsChunk {
  readonly count: number;
  /** Strings first used in this chunk; their ids continue the scan's dictionary. */
  readonly newStrings: readonly string[];
  readonly ids: readonly string[];
  /** Dictionary ids; -1 for null (team) or a mapped type (rawType). */
  readonly source: Int32Array;
  readonly team: Int32Array;
  readonly rawType: Int32Array;
  readonly statusList: Int32Array;
  readonly flowType: Uint8Array;
  readonly flags: Int32Array;
  /** createdAt, startedAt, completedAt, lead, flow, active (NaN for null), out-of-order count. */
  readonly numbers: Float64Array;
  /** The rows' `history` values, one after the other; row i is [offsets[i], offsets[i + 1]). */
  readonly history: Uint8Array;
  readonly historyOffsets: Int32Array;
}

/** Builds chunks from stored facts, one row at a time. */
export class FactsChunkBuilder {
  private readonly dictionary = new Map<string, number>();
  private newStrings: string[] = [];
  private rows: EncodedFacts[] = [];
  private historyBytes = 0;

  constructor(private readonly rowsPerChunk = 20_000) {}

  /** Adds a row; returns a full chunk when one is ready. */
  add(row: EncodedFacts): FactsChunk | null {
    this.rows.push(row);
    this.historyBytes += row.history.byteLength;
    return this.rows.length >= this.rowsPerChunk ? this.flush() : null;
  }

  /** The rows added since the last chunk, as a chunk (null when there are none). */
  flush(): FactsChunk | null {
    const rows = this.rows;
    const count = rows.length;
    if (count === 0) return null;
    const chunk = {
      count,
      newStrings: [] as string[],
      ids: rows.map((r) => r.id),
      source: new Int32Array(count),
      team: new Int32Array(count),
      rawType: new Int32Array(count),
      statusList: new Int32Array(count),
      flowType: new Uint8Array(count),
      flags: new Int32Array(count),
      numbers: new Float64Array(count * CHUNK_NUMBERS),
      history: new Uint8Array(this.historyBytes),
      historyOffsets: new Int32Array(count + 1),
    };
    let offset = 0;
    const orNaN = (v: number | null) => (v === null ? Number.NaN : v);
    rows.forEach((r, i) => {
      chunk.source[i] = this.idOf(r.source);
      chunk.team[i] = r.team === null ? -1 : this.idOf(r.team);
      chunk.rawType[i] = r.unmappedType === null ? -1 : this.idOf(r.unmappedType);
      chunk.statusList[i] = this.idOf(r.spanStatuses);
      chunk.flowType[i] = FLOW_TYPES.indexOf(r.flowType);
      chunk.flags[i] = r.flags;
      const n = i * CHUNK_NUMBERS;
      chunk.numbers[n] = r.createdAtMs;
      chunk.numbers[n + 1] = orNaN(r.startedAtMs);
      chunk.numbers[n + 2] = orNaN(r.completedAtMs);
      chunk.numbers[n + 3] = orNaN(r.leadTimeMs);
      chunk.numbers[n + 4] = orNaN(r.flowTimeMs);
      chunk.numbers[n + 5] = orNaN(r.activeTimeMs);
      chunk.numbers[n + 6] = r.outOfOrderChanges;
      chunk.historyOffsets[i] = offset;
      chunk.history.set(r.history, offset);
      offset += r.history.byteLength;
    });
    chunk.historyOffsets[count] = offset;
    chunk.newStrings = this.newStrings;
    this.newStrings = [];
    this.rows = [];
    this.historyBytes = 0;
    return chunk;
  }

  private idOf(text: string): number {
    let id = this.dictionary.get(text);
    if (id === undefined) {
      id = this.dictionary.size;
      this.dictionary.set(text, id);
      this.newStrings.push(text);
    }
    return id;
  }
}

/** Reads the chunks of one scan back into encoded rows, keeping the scan's dictionary. */
export class FactsChunkReader {
  private readonly strings: string[] = [];

  /** Calls `receive` with each row of the chunk. */
  read(chunk: FactsChunk, receive: (row: EncodedFacts) => void): void {
    for (const text of chunk.newStrings) this.strings.push(text);
    const nullable = (v: number) => (Number.isNaN(v) ? null : v);
    for (let i = 0; i < chunk.count; i++) {
      const n = i * CHUNK_NUMBERS;
      const team = chunk.team[i] as number;
      const rawType = chunk.rawType[i] as number;
      receive({
        source: this.strings[chunk.source[i] as number] as string,
        id: chunk.ids[i] as string,
        team: team === -1 ? null : (this.strings[team] as string),
        flowType: (FLOW_TYPES[chunk.flowType[i] as number] ?? 'feature') as FlowType,
        unmappedType: rawType === -1 ? null : (this.strings[rawType] as string),
        outOfOrderChanges: chunk.numbers[n + 6] as number,
        createdAtMs: chunk.numbers[n] as number,
        startedAtMs: nullable(chunk.numbers[n + 1] as number),
        completedAtMs: nullable(chunk.numbers[n + 2] as number),
        leadTimeMs: nullable(chunk.numbers[n + 3] as number),
        flowTimeMs: nullable(chunk.numbers[n + 4] as number),
        activeTimeMs: nullable(chunk.numbers[n + 5] as number),
        flags: chunk.flags[i] as number,
        spanStatuses: this.strings[chunk.statusList[i] as number] as string,
        history: chunk.history.subarray(
          chunk.historyOffsets[i] as number,
          chunk.historyOffsets[i + 1] as number,
        ),
      });
    }
  }
}
