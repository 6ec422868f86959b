/**
 * The fact index as bytes: a snapshot the engine keeps next to the database so that a start does
 * not read and decode every stored fact again (a million items: a few hundred milliseconds instead
 * of ten seconds). Pure: bytes in, bytes out; the file handling is the engine's (engine/snapshot.ts).
 *
 * Layout (little-endian): the 8-byte magic `FLFACTS\n`, the format (u32), the header's length
 * (u32), the header (UTF-8 JSON: the stamp, the counts, the dictionaries, the section table), then
 * the sections, each starting on an 8-byte boundary: the index's typed arrays byte for byte, and
 * the item keys as one string plus their lengths. The stamp says which stored facts the snapshot
 * was made from; a reader gives it the stamp it expects and gets null when it differs.
 *
 * A snapshot is a cache: anything wrong with it (another format, a truncated or damaged file, an
 * inconsistent column) makes `decodeSnapshot` throw a SnapshotError, and the engine then loads the
 * facts from the database as if there were none.
 */
import { FLOW_TYPES } from '../domain/index.js';
import { FactIndex, type IndexColumns, PER_SLOT_COLUMNS, STAGE_CODES, STATE_CODES } from './fact-index.js';

/** Bump when the index's columns or their meaning change: older snapshots are then ignored. */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = 'FLFACTS\n';
const PREAMBLE = 16;

/** Which stored facts a snapshot was made from: the store's id and its facts version. */
export interface SnapshotStamp {
  readonly storeId: string;
  readonly version: string;
}

export class SnapshotError extends Error {}

type ElementType = 'f64' | 'i32' | 'u8';

interface Section {
  readonly name: string;
  readonly type: ElementType;
  readonly offset: number;
  readonly length: number;
}

interface Header {
  readonly format: number;
  readonly stamp: SnapshotStamp;
  readonly size: number;
  readonly live: number;
  readonly teams: readonly string[];
  readonly sources: readonly string[];
  readonly rawTypes: readonly string[];
  readonly statuses: readonly string[];
  /** How the joined keys are encoded: latin1 when every character fits in a byte, else UTF-16. */
  readonly keyEncoding: 'latin1' | 'utf16le';
  readonly sections: readonly Section[];
  readonly bytes: number;
}

type Typed = Float64Array | Int32Array | Uint8Array;

const BYTES: Record<ElementType, number> = { f64: 8, i32: 4, u8: 1 };

function typeOf(array: Typed): ElementType {
  if (array instanceof Float64Array) return 'f64';
  if (array instanceof Int32Array) return 'i32';
  return 'u8';
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/**
 * The snapshot of an index, as the parts of one file to be written in order (the typed arrays are
 * not copied).
 */
export function encodeSnapshot(index: FactIndex, stamp: SnapshotStamp): Uint8Array[] {
  const c = index.columns();
  const joined = c.keys.join('');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is for characters above one byte
  const keyEncoding: Header['keyEncoding'] = /[^\u0000-\u00ff]/.test(joined) ? 'utf16le' : 'latin1';
  const keyLengths = new Int32Array(c.keys.length);
  c.keys.forEach((key, i) => {
    keyLengths[i] = key.length;
  });
  const keyBytes = Buffer.from(joined, keyEncoding);
  const arrays: [string, Typed][] = [
    ...PER_SLOT_COLUMNS.map((name): [string, Typed] => [name, c.perSlot[name]]),
    ['stageMs', c.stageMs],
    ['spanStart', c.spanStart],
    ['spanClass', c.spanClass],
    ['wipStart', c.wipStart],
    ['wipEnd', c.wipEnd],
    ['classStatus', c.classStatus],
    ['classState', c.classState],
    ['classStage', c.classStage],
    ['keyLengths', keyLengths],
    ['keys', keyBytes],
  ];
  // The header's length depends on the offsets it lists: lay the sections out after a header
  // of a fixed, generous size for its non-section part, then pad the header up to it.
  const fixed = {
    format: SNAPSHOT_FORMAT,
    stamp,
    size: c.size,
    live: c.live,
    teams: c.teams,
    sources: c.sources,
    rawTypes: c.rawTypes,
    statuses: c.statuses,
    keyEncoding,
  };
  const sectionEstimate = arrays.length * 80;
  const headerRoom = align(Buffer.byteLength(JSON.stringify(fixed)) + sectionEstimate + 64);
  let offset = PREAMBLE + headerRoom;
  const sections: Section[] = [];
  const parts: Uint8Array[] = [];
  for (const [name, array] of arrays) {
    const type = typeOf(array);
    sections.push({ name, type, offset, length: array.length });
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    parts.push(bytes);
    const padded = align(bytes.byteLength);
    if (padded > bytes.byteLength) parts.push(new Uint8Array(padded - bytes.byteLength));
    offset += padded;
  }
  const header: Header = { ...fixed, sections, bytes: offset };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  if (headerBytes.byteLength > headerRoom) throw new Error('snapshot header larger than its room');
  const head = new Uint8Array(PREAMBLE + headerRoom).fill(0x20);
  head.set(Buffer.from(MAGIC, 'latin1'), 0);
  const view = new DataView(head.buffer);
  view.setUint32(8, SNAPSHOT_FORMAT, true);
  view.setUint32(12, headerBytes.byteLength, true);
  head.set(headerBytes, PREAMBLE);
  return [head, ...parts];
}

/** The stamp of a snapshot, read from its first bytes (null when they are not a snapshot's). */
export function snapshotStamp(bytes: Uint8Array): SnapshotStamp | null {
  try {
    return readHeader(bytes).stamp;
  } catch {
    return null;
  }
}

/**
 * The index a snapshot holds, or null when its stamp is not the expected one. Throws a
 * SnapshotError naming what is wrong when the bytes are not a consistent snapshot of this format.
 */
export function decodeSnapshot(bytes: Uint8Array, expected: SnapshotStamp): FactIndex | null {
  const header = readHeader(bytes);
  if (header.stamp.storeId !== expected.storeId || header.stamp.version !== expected.version) return null;
  if (header.bytes !== bytes.byteLength)
    throw new SnapshotError(
      `the snapshot is ${bytes.byteLength} bytes long, its header says ${header.bytes}`,
    );
  // Typed-array views need their element alignment: a buffer at an odd offset is copied once.
  const data = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const arrays = new Map<string, Typed>();
  for (const s of header.sections) {
    if (!(s.type in BYTES)) throw new SnapshotError(`section ${s.name} has an unknown type ${s.type}`);
    const end = s.offset + s.length * BYTES[s.type];
    if (!Number.isInteger(s.offset) || s.offset % 8 !== 0 || s.offset < PREAMBLE || end > data.byteLength)
      throw new SnapshotError(`section ${s.name} lies outside the snapshot`);
    const at = data.byteOffset + s.offset;
    arrays.set(
      s.name,
      s.type === 'f64'
        ? new Float64Array(data.buffer, at, s.length)
        : s.type === 'i32'
          ? new Int32Array(data.buffer, at, s.length)
          : new Uint8Array(data.buffer, at, s.length),
    );
  }
  const take = <T extends Typed>(name: string, kind: new (n: number) => T, length?: number): T => {
    const array = arrays.get(name);
    if (!(array instanceof kind)) throw new SnapshotError(`section ${name} is missing or of the wrong type`);
    if (length !== undefined && array.length !== length)
      throw new SnapshotError(`section ${name} has ${array.length} entries, not ${length}`);
    return array;
  };
  const size = header.size;
  const perSlot = {} as Record<string, Typed>;
  for (const name of PER_SLOT_COLUMNS) {
    const array = arrays.get(name);
    if (array === undefined) throw new SnapshotError(`section ${name} is missing`);
    if (array.length !== size)
      throw new SnapshotError(`section ${name} has ${array.length} entries, not ${size}`);
    perSlot[name] = array;
  }
  const keyLengths = take('keyLengths', Int32Array, size);
  const keyBytes = take('keys', Uint8Array);
  const joined = Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength).toString(
    header.keyEncoding,
  );
  const keys = new Array<string>(size);
  let at = 0;
  for (let i = 0; i < size; i++) {
    const length = keyLengths[i] as number;
    keys[i] = joined.slice(at, at + length);
    at += length;
  }
  if (at !== joined.length) throw new SnapshotError('the item keys do not add up to their stored text');
  const columns: IndexColumns = {
    size,
    live: header.live,
    teams: header.teams,
    sources: header.sources,
    rawTypes: header.rawTypes,
    statuses: header.statuses,
    classStatus: take('classStatus', Int32Array),
    classState: take('classState', Uint8Array),
    classStage: take('classStage', Uint8Array),
    keys,
    perSlot: perSlot as unknown as IndexColumns['perSlot'],
    stageMs: take('stageMs', Float64Array, size * STAGE_CODES.length),
    spanStart: take('spanStart', Float64Array),
    spanClass: take('spanClass', Int32Array),
    wipStart: take('wipStart', Float64Array),
    wipEnd: take('wipEnd', Float64Array),
  };
  checkColumns(columns);
  try {
    return FactIndex.fromColumns(columns);
  } catch (error) {
    throw new SnapshotError(`the snapshot's status classes are inconsistent: ${(error as Error).message}`);
  }
}

function readHeader(bytes: Uint8Array): Header {
  if (bytes.byteLength < PREAMBLE || Buffer.from(bytes.subarray(0, 8)).toString('latin1') !== MAGIC)
    throw new SnapshotError('not a Flowlens facts snapshot');
  const view = new DataView(bytes.buffer, bytes.byteOffset, PREAMBLE);
  const format = view.getUint32(8, true);
  if (format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(`snapshot format ${format}, this Flowlens reads format ${SNAPSHOT_FORMAT}`);
  const length = view.getUint32(12, true);
  if (PREAMBLE + length > bytes.byteLength)
    throw new SnapshotError('the snapshot is cut short in its header');
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(PREAMBLE, PREAMBLE + length)).toString('utf8')) as Header;
  } catch {
    throw new SnapshotError('the snapshot header is not valid JSON');
  }
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (
    typeof header !== 'object' ||
    header === null ||
    typeof header.stamp?.storeId !== 'string' ||
    typeof header.stamp?.version !== 'string' ||
    !Number.isSafeInteger(header.size) ||
    header.size < 0 ||
    !Number.isSafeInteger(header.live) ||
    !Number.isSafeInteger(header.bytes) ||
    !strings(header.teams) ||
    !strings(header.sources) ||
    !strings(header.rawTypes) ||
    !strings(header.statuses) ||
    (header.keyEncoding !== 'latin1' && header.keyEncoding !== 'utf16le') ||
    !Array.isArray(header.sections)
  )
    throw new SnapshotError('the snapshot header is incomplete');
  return header;
}

/** Every code and offset in range, so a damaged snapshot is refused rather than misread. */
function checkColumns(c: IndexColumns): void {
  const p = c.perSlot;
  const classes = c.classStatus.length;
  if (c.classState.length !== classes || c.classStage.length !== classes)
    throw new SnapshotError('the status class columns differ in length');
  for (let k = 0; k < classes; k++)
    if (
      (c.classStatus[k] as number) < 0 ||
      (c.classStatus[k] as number) >= c.statuses.length ||
      (c.classState[k] as number) >= STATE_CODES.length ||
      (c.classStage[k] as number) >= STAGE_CODES.length
    )
      throw new SnapshotError(`status class ${k} is out of range`);
  const spans = c.spanStart.length;
  const intervals = c.wipStart.length;
  if (c.spanClass.length !== spans) throw new SnapshotError('the span columns differ in length');
  if (c.wipEnd.length !== intervals) throw new SnapshotError('the interval columns differ in length');
  let live = 0;
  for (let slot = 0; slot < c.size; slot++) {
    const alive = p.alive[slot] as number;
    const team = p.team[slot] as number;
    const unmappedType = p.unmappedType[slot] as number;
    const spanOffset = p.spanOffset[slot] as number;
    const spanCount = p.spanCount[slot] as number;
    const wipOffset = p.wipOffset[slot] as number;
    const wipCount = p.wipCount[slot] as number;
    if (
      alive > 1 ||
      team < -1 ||
      team >= c.teams.length ||
      (p.source[slot] as number) < 0 ||
      (p.source[slot] as number) >= c.sources.length ||
      (p.flowType[slot] as number) >= FLOW_TYPES.length ||
      unmappedType < -1 ||
      unmappedType >= c.rawTypes.length ||
      spanOffset < 0 ||
      spanCount < 0 ||
      spanOffset + spanCount > spans ||
      wipOffset < 0 ||
      wipCount < 0 ||
      wipOffset + wipCount > intervals
    )
      throw new SnapshotError(`item slot ${slot} is out of range`);
    live += alive;
  }
  if (live !== c.live) throw new SnapshotError(`the snapshot counts ${c.live} live items but marks ${live}`);
  for (let s = 0; s < spans; s++) {
    const cls = c.spanClass[s] as number;
    if (cls < 0 || cls >= classes) throw new SnapshotError(`status span ${s} names an unknown status class`);
  }
}
