import { describe, expect, it } from 'vitest';
import { A, B, C, D, E, PERIOD } from '../../test/support/metric-items.js';
import { FactIndex, toFlatFacts } from './fact-index.js';
import { decodeSnapshot, encodeSnapshot, SnapshotError, snapshotStamp } from './fact-snapshot.js';
import { queryFlow } from './period-query.js';

const STAMP = { storeId: 'store-1', version: 'v-7' };

function itemsOf(source: string, team: string | null, suffix = '') {
  return [A, B, C, D, E].map((item) =>
    toFlatFacts({ source, id: `${item.id}${suffix}`, team, flowType: item.flowType, facts: item.facts }),
  );
}

function sampleIndex(): FactIndex {
  const index = new FactIndex();
  for (const f of itemsOf('jira:X', 't1')) index.upsertFlat(f);
  for (const f of itemsOf('github:y', 't2', '-2')) index.upsertFlat(f);
  for (const f of itemsOf('gitlab:z', null, '-3')) index.upsertFlat({ ...f, unmappedType: 'Spike' });
  // Replaced and removed items leave dropped slots behind, which the snapshot keeps as they are.
  index.upsertFlat(itemsOf('jira:X', 't2')[1] as ReturnType<typeof itemsOf>[number]);
  index.remove('github:y', 'C-2');
  return index;
}

/** The snapshot as one byte array, as the file holds it. */
function bytesOf(index: FactIndex, stamp = STAMP): Uint8Array {
  return new Uint8Array(Buffer.concat(encodeSnapshot(index, stamp)));
}

function answers(index: FactIndex) {
  return {
    all: queryFlow(index, null, PERIOD, { details: true }),
    t1: queryFlow(index, index.teamMask(['t1']), PERIOD, { details: true }),
    t2: queryFlow(index, index.teamMask(['t2']), PERIOD, { details: true }),
    live: index.live,
    size: index.size,
  };
}

describe('the fact index snapshot', () => {
  it('gives back an index that answers exactly as the original, dropped slots and all', () => {
    const index = sampleIndex();
    const restored = decodeSnapshot(bytesOf(index), STAMP);
    expect(restored).not.toBeNull();
    expect(answers(restored as FactIndex)).toEqual(answers(index));
    expect(restored?.slotOf('jira:X', 'B')).toBe(index.slotOf('jira:X', 'B'));
    expect(restored?.slotOf('github:y', 'C-2')).toBeUndefined();
  });

  it('can be updated after loading, like an index built item by item', () => {
    const index = sampleIndex();
    const restored = decodeSnapshot(bytesOf(index), STAMP) as FactIndex;
    const extra = itemsOf('jira:X', 't1', '-new');
    for (const f of extra) {
      index.upsertFlat(f);
      restored.upsertFlat(f);
    }
    index.remove('jira:X', 'A');
    restored.remove('jira:X', 'A');
    expect(answers(restored)).toEqual(answers(index));
    restored.compact();
    index.compact();
    expect(answers(restored)).toEqual(answers(index));
  });

  it('keeps item ids in any script, including characters outside one byte and lone surrogates', () => {
    const index = new FactIndex();
    const ids = ['ÄÖ-1', '任务-2', '😀-3', '\ud800-4'];
    itemsOf('jira:X', 't1').forEach((f, i) => {
      if (i < ids.length) index.upsertFlat({ ...f, id: ids[i] as string });
    });
    const restored = decodeSnapshot(bytesOf(index), STAMP) as FactIndex;
    for (const id of ids) expect(restored.slotOf('jira:X', id)).toBe(index.slotOf('jira:X', id));
    expect(answers(restored)).toEqual(answers(index));
  });

  it('is not used for other facts: another store or another version gives null', () => {
    const bytes = bytesOf(sampleIndex());
    expect(snapshotStamp(bytes)).toEqual(STAMP);
    expect(decodeSnapshot(bytes, { ...STAMP, version: 'v-8' })).toBeNull();
    expect(decodeSnapshot(bytes, { ...STAMP, storeId: 'store-2' })).toBeNull();
  });

  it('refuses a truncated, foreign or damaged file with an error naming what is wrong', () => {
    const bytes = bytesOf(sampleIndex());
    const fail = (b: Uint8Array) => {
      try {
        decodeSnapshot(b, STAMP);
      } catch (error) {
        expect(error).toBeInstanceOf(SnapshotError);
        return (error as Error).message;
      }
      throw new Error('decoded a bad snapshot');
    };
    expect(fail(bytes.subarray(0, bytes.length - 8))).toMatch(/bytes long, its header says/);
    expect(fail(bytes.subarray(0, 40))).toMatch(/cut short in its header/);
    expect(fail(new TextEncoder().encode('SQLite format 3\u0000 and more'))).toBe(
      'not a Flowlens facts snapshot',
    );
    const otherFormat = bytes.slice();
    new DataView(otherFormat.buffer).setUint32(8, 99, true);
    expect(fail(otherFormat)).toBe('snapshot format 99, this Flowlens reads format 1');
    // A team id past the dictionary, in the `team` section.
    const header = JSON.parse(
      Buffer.from(bytes.subarray(16, 16 + new DataView(bytes.buffer).getUint32(12, true))).toString(),
    );
    const teamSection = header.sections.find((s: { name: string }) => s.name === 'team');
    const damaged = bytes.slice();
    new DataView(damaged.buffer).setInt32(teamSection.offset + 4 * 3, 57, true);
    expect(fail(damaged)).toBe('item slot 3 is out of range');
    const spanSection = header.sections.find((s: { name: string }) => s.name === 'spanClass');
    const badSpan = bytes.slice();
    new DataView(badSpan.buffer).setInt32(spanSection.offset, 1000, true);
    expect(fail(badSpan)).toBe('status span 0 names an unknown status class');
  });

  it('reads a snapshot that starts at an odd offset of its buffer', () => {
    const index = sampleIndex();
    const bytes = bytesOf(index);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(answers(decodeSnapshot(shifted.subarray(3), STAMP) as FactIndex)).toEqual(answers(index));
  });

  it('snapshots an empty index', () => {
    const restored = decodeSnapshot(bytesOf(new FactIndex()), STAMP) as FactIndex;
    expect(restored.live).toBe(0);
    expect(queryFlow(restored, null, PERIOD).flow.velocity.total).toBe(0);
  });
});
