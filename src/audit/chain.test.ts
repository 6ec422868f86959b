import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditRow, ChainVerifier, canonicalJson, chainEntry, entryHash, GENESIS_HASH } from './chain.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth, leaves out undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"x":null,"z":1}]},"b":1}',
    );
  });

  it('gives one form for equal values whatever the key order', () => {
    expect(canonicalJson({ a: 1, b: [1, 2] })).toBe(canonicalJson({ b: [1, 2], a: 1 }));
  });

  it('writes non-finite numbers as null, bigints as strings, dates as ISO 8601, undefined in arrays as null', () => {
    expect(canonicalJson([Number.NaN, Number.POSITIVE_INFINITY, 10n, new Date(0), undefined, -0])).toBe(
      '[null,null,"10","1970-01-01T00:00:00.000Z",null,0]',
    );
  });

  it('has no value for undefined and null (the column stays NULL)', () => {
    expect(canonicalJson(undefined)).toBeNull();
    expect(canonicalJson(null)).toBeNull();
  });

  it('round-trips: the canonical form of the parsed canonical form is itself', () => {
    const text = canonicalJson({ é: 'ü\u2028', n: 1e21, s: 'a"b\\c', list: [true, false, 0.1] }) as string;
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('refuses a cycle, naming it', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });
});

describe('entry hash', () => {
  const entry = {
    actor: 'ana',
    action: 'team.create',
    kind: 'team',
    target: 't1',
    summary: 'created team t1',
  };

  it('is the SHA-256 of the format line and the JSON array of the fields, previous hash last', () => {
    const row = chainEntry(undefined, { ...entry, after: { name: 'T', id: 't1' }, at: 1_700_000_000_000 });
    const text =
      'flowlens-audit-v1\n' +
      JSON.stringify([
        1,
        1_700_000_000_000,
        'ana',
        'team.create',
        'team',
        't1',
        'created team t1',
        null,
        '{"id":"t1","name":"T"}',
        GENESIS_HASH,
      ]);
    expect(row.hash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(row.prev_hash).toBe(GENESIS_HASH);
    expect(row.seq).toBe(1);
  });

  it('links each entry to the one before and numbers them without gaps', () => {
    const first = chainEntry(undefined, { ...entry, at: 1 });
    const second = chainEntry(first, { ...entry, at: 2 });
    expect(second.seq).toBe(2);
    expect(second.prev_hash).toBe(first.hash);
    expect(second.hash).not.toBe(first.hash);
  });

  it('changes with every field', () => {
    const row = chainEntry(undefined, { ...entry, before: { a: 1 }, after: { a: 2 }, at: 5 });
    const { hash: _hash, ...fields } = row;
    for (const [key, value] of Object.entries(fields)) {
      const changed = { ...fields, [key]: typeof value === 'number' ? value + 1 : `${String(value)}x` };
      expect(entryHash(changed), key).not.toBe(row.hash);
    }
  });

  it('refuses an instant that is not whole milliseconds', () => {
    expect(() => chainEntry(undefined, { ...entry, at: 1.5 })).toThrow(/whole epoch milliseconds/);
  });
});

describe('chain verification', () => {
  const chain = (n: number): AuditRow[] => {
    const rows: AuditRow[] = [];
    for (let i = 0; i < n; i++)
      rows.push(
        chainEntry(rows.at(-1), {
          actor: 'a',
          action: 'x',
          kind: 'k',
          target: `${i}`,
          summary: `s${i}`,
          at: i,
        }),
      );
    return rows;
  };
  const verify = (rows: readonly AuditRow[]) => {
    const verifier = new ChainVerifier();
    for (const row of rows) verifier.next(row);
    return verifier;
  };

  it('accepts an intact chain and reports its head', () => {
    const rows = chain(5);
    const verifier = verify(rows);
    expect(verifier.broken).toBeUndefined();
    expect(verifier.checked).toBe(5);
    expect(verifier.head).toEqual({ seq: 5, hash: rows[4]?.hash });
  });

  it('names an edited entry (hash mismatch)', () => {
    const rows = chain(5);
    rows[2] = { ...(rows[2] as AuditRow), summary: 'nothing happened' };
    expect(verify(rows).broken).toMatchObject({ seq: 3, reason: 'hash-mismatch' });
    expect(verify(rows).checked).toBe(2);
  });

  it('names the entry after an edited and re-hashed one (its link breaks)', () => {
    const rows = chain(5);
    const { hash: _hash, ...edited } = { ...(rows[2] as AuditRow), summary: 'nothing happened' };
    rows[2] = { ...edited, hash: entryHash(edited) };
    expect(verify(rows).broken).toMatchObject({ seq: 4, reason: 'prev-hash-mismatch' });
  });

  it('names a deleted entry (gap), and the first one deleted at the start', () => {
    const rows = chain(5);
    expect(verify([...rows.slice(0, 2), ...rows.slice(3)]).broken).toMatchObject({
      seq: 3,
      reason: 'seq-gap',
      message: expect.stringMatching(/entry 3 is missing \(deleted\): after entry 2 comes entry 4/),
    });
    expect(verify(rows.slice(2)).broken).toMatchObject({
      seq: 1,
      message: expect.stringMatching(/entries 1\.\.2 are missing/),
    });
  });

  it('names an entry inserted or moved out of order', () => {
    const rows = chain(4);
    expect(verify([rows[0], rows[1], rows[1], rows[2]] as AuditRow[]).broken).toMatchObject({
      seq: 2,
      reason: 'seq-gap',
      message: expect.stringMatching(/out of order/),
    });
  });

  it('cannot see a removed tail by itself: the shorter chain is intact (an anchor is needed)', () => {
    const verifier = verify(chain(5).slice(0, 3));
    expect(verifier.broken).toBeUndefined();
    expect(verifier.head?.seq).toBe(3);
  });
});
