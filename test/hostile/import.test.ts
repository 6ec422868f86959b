/**
 * Hostile and broken import input (the extras to ../shared/docs/hostile-input.md): an NDJSON
 * line of 10 MB, invalid UTF-8 in a file and in an API body, timestamps without an offset, in the
 * year 10000 and before 1970, references to items never imported, and a fast-check fuzz test of the
 * importer: arbitrary mixes of valid and broken lines, with or without a batch that fails
 * half-written — no crash, every valid record stored, no partial batch.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { MetricsEngine } from '../../src/engine/index.js';
import { importFiles } from '../../src/ingest/index.js';
import { buildServer } from '../../src/server/index.js';
import type { BatchInput, Store } from '../../src/store/index.js';
import { count } from '../support/connectors.js';
import { writeText } from '../support/files.js';
import { recordArb, renderRecord } from '../support/record-arbitraries.js';
import {
  clearDatabase,
  createTestDatabase,
  describeEachStore,
  dumpDatabase,
  type TestDatabase,
} from '../support/stores.js';

const item = (id: string, extra: object = {}) => ({
  kind: 'workItem',
  source: 'jira:PAY',
  id,
  type: 'Story',
  status: 'To Do',
  createdAt: '2025-01-06T09:30:00Z',
  ...extra,
});
const line = (value: object) => `${JSON.stringify(value)}\n`;
const TEN_MB = 10 * 1024 * 1024;

/** Broken lines of every sort the importer must reject one by one (none is blank: blank lines are skipped). */
const BROKEN_LINES: readonly Buffer[] = [
  '{"kind": "workItem", "source": ',
  'hello',
  '{name: 1}',
  '42',
  '[]',
  'null',
  '"a string"',
  JSON.stringify({ kind: 'epic', source: 'jira:PAY', id: 'E-1' }),
  JSON.stringify({
    kind: 'workItem',
    source: 'jira:PAY',
    id: 'NO-STATUS',
    type: 'Story',
    createdAt: '2025-01-06T09:30:00Z',
  }),
  JSON.stringify(item('NO-OFFSET', { createdAt: '2025-01-06T09:30:00' })),
  JSON.stringify(item('YEAR-10000', { createdAt: '10000-01-01T00:00:00Z' })),
  JSON.stringify(item('NUL', { title: 'a\u0000b' })),
  JSON.stringify(item('DROP', { createdAt: "2025-01-06'; DROP TABLE work_items;--" })),
  JSON.stringify({ ...item('PROTO'), __proto__: { status: 'Done' }, status: 12 }),
  JSON.stringify(item('LONG', { title: 'x'.repeat(3000) })),
].map((text) => Buffer.from(text));
const INVALID_UTF8 = Buffer.concat([
  Buffer.from('{"kind":"workItem","source":"jira:PAY","id":"BAD-'),
  Buffer.from([0xff, 0xfe, 0xc3]),
  Buffer.from('","type":"Story","status":"To Do","createdAt":"2025-01-06T09:30:00Z"}'),
]);
const MAX_LINE_BYTES = 2500;

describeEachStore('hostile import input', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let reference: TestDatabase;
  let referenceStore: Store;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    store = await database.open();
    reference = await createTestDatabase(kind);
    referenceStore = await reference.open();
  });
  afterAll(async () => {
    await database.destroy();
    await reference.destroy();
  });
  afterEach(async () => {
    await clearDatabase(store);
  });

  it('extra: an NDJSON line of 10 MB is rejected with a clear per-line error; its neighbours are imported and nothing of it', async () => {
    const huge = line(item('HUGE-1', { title: 'x'.repeat(TEN_MB) }));
    const file = writeText(
      database.dir,
      'huge-line.ndjson',
      Buffer.from(`${line(item('A-1'))}${huge}${line(item('A-2'))}`),
    );
    const summary = await importFiles(store, [file]);
    expect(summary.files[0]).toMatchObject({ status: 'imported', records: 2, rejected: 1 });
    expect(summary.files[0]?.errors).toEqual([
      { file, line: 2, field: 'line', message: 'is longer than 1048576 bytes' },
    ]);
    expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual(['A-1', 'A-2']);

    // With strict, nothing of the file is imported.
    await clearDatabase(store);
    const strict = await importFiles(store, [file], { strict: true });
    expect(strict.files[0]).toMatchObject({ status: 'rejected', records: 0 });
    expect(await count(store, 'work_items')).toBe(0);
  });

  it('extra: a line of invalid UTF-8 is rejected naming its line; the others are imported', async () => {
    const file = writeText(
      database.dir,
      'utf8.ndjson',
      Buffer.concat([Buffer.from(line(item('U-1'))), INVALID_UTF8, Buffer.from(`\n${line(item('U-2'))}`)]),
    );
    const summary = await importFiles(store, [file]);
    expect(summary.files[0]?.errors).toEqual([
      { file, line: 2, field: 'line', message: 'is not valid UTF-8' },
    ]);
    expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual(['U-1', 'U-2']);
  });

  it('extra: timestamps without offset and in the year 10000 are rejected; before 1970 is stored exactly', async () => {
    const file = writeText(
      database.dir,
      'times.ndjson',
      [
        line(item('T-NO-OFFSET', { createdAt: '2025-01-06T09:30:00' })),
        line(item('T-DATE-ONLY', { createdAt: '2025-01-06' })),
        line(item('T-10000', { createdAt: '10000-01-01T00:00:00Z' })),
        line(item('T-10000-EXPANDED', { createdAt: '+010000-01-01T00:00:00Z' })),
        line(item('T-1969', { createdAt: '1969-07-20T20:17:40Z' })),
        line(item('T-1900', { createdAt: '1900-01-01T00:00:00+01:00' })),
        line(item('T-9999', { createdAt: '9999-12-31T23:59:59.999Z' })),
      ].join(''),
    );
    const summary = await importFiles(store, [file]);
    expect(summary.files[0]?.errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [1, 'workItem.createdAt', '"2025-01-06T09:30:00" is not an ISO 8601 timestamp with offset'],
      [2, 'workItem.createdAt', '"2025-01-06" is not an ISO 8601 timestamp with offset'],
      [3, 'workItem.createdAt', '"10000-01-01T00:00:00Z" is not an ISO 8601 timestamp with offset'],
      [4, 'workItem.createdAt', '"+010000-01-01T00:00:00Z" is not an ISO 8601 timestamp with offset'],
    ]);
    const stored = new Map((await dumpDatabase(store)).work_items?.map((r) => [r.id, r.created_at]));
    expect(Object.fromEntries(stored)).toEqual({
      'T-1900': Date.UTC(1899, 11, 31, 23),
      'T-1969': Date.parse('1969-07-20T20:17:40Z'),
      'T-9999': Date.parse('9999-12-31T23:59:59.999Z'),
    });
    // …and read back through the API as the same instants.
    const engine = await MetricsEngine.open(store);
    const app = await buildServer({ store, engine, webRoot: null, auth: { mode: 'trusted' } });
    try {
      const answer = await app.inject({ url: '/api/v1/items/jira%3APAY/T-1969' });
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json().item.createdAt).toBe('1969-07-20T20:17:40.000Z');
    } finally {
      await app.close();
      await engine.close();
    }
  });

  it('extra: references to unknown items are stored and reported, never dropped; the unknown item is a 404', async () => {
    const file = writeText(
      database.dir,
      'dangling.ndjson',
      line({
        kind: 'transition',
        source: 'jira:PAY',
        item: 'GHOST-1',
        at: '2025-01-07T10:00:00Z',
        from: 'To Do',
        to: 'Done',
      }) + line(item('CHILD-1', { parent: 'GHOST-EPIC' })),
    );
    const summary = await importFiles(store, [file]);
    expect(summary.files[0]).toMatchObject({ records: 2, rejected: 0 });
    expect(summary.unresolved).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reference: 'transition.item',
          missingKind: 'workItem',
          examples: ['jira:PAY GHOST-1'],
        }),
      ]),
    );
    expect(await count(store, 'transitions')).toBe(1);
    const engine = await MetricsEngine.open(store);
    const app = await buildServer({ store, engine, webRoot: null, auth: { mode: 'trusted' } });
    try {
      const ghost = await app.inject({ url: '/api/v1/items/jira%3APAY/GHOST-1' });
      expect(ghost.statusCode).toBe(404);
      expect(ghost.json().error.message).toBe('there is no work item "GHOST-1" in source "jira:PAY"');
      expect((await app.inject({ url: '/api/v1/items/jira%3APAY/CHILD-1' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await engine.close();
    }
  });

  it('extra: the import API answers a 10 MB line and invalid UTF-8 with per-line errors, and with strict imports nothing', async () => {
    const engine = await MetricsEngine.open(store);
    const app: FastifyInstance = await buildServer({
      store,
      engine,
      webRoot: null,
      auth: { mode: 'trusted' },
    });
    try {
      const body = Buffer.concat([
        Buffer.from(line(item('API-1'))),
        Buffer.from(line(item('API-HUGE', { title: 'y'.repeat(TEN_MB) }))),
        INVALID_UTF8,
        Buffer.from(`\n${line(item('API-2'))}`),
      ]);
      const strict = await app.inject({
        method: 'POST',
        url: '/api/v1/import?strict=true',
        headers: { 'content-type': 'application/x-ndjson' },
        payload: body,
      });
      expect(strict.statusCode, strict.body.slice(0, 300)).toBe(200);
      expect(await count(store, 'work_items')).toBe(0);
      const answer = await app.inject({
        method: 'POST',
        url: '/api/v1/import',
        headers: { 'content-type': 'application/x-ndjson' },
        payload: body,
      });
      expect(answer.statusCode, answer.body.slice(0, 300)).toBe(200);
      const file = answer.json().files[0];
      expect(file).toMatchObject({ status: 'imported', records: 2, rejected: 2 });
      expect(file.errors.map((e: { line: number; message: string }) => [e.line, e.message])).toEqual([
        [2, 'is longer than 1048576 bytes'],
        [3, 'is not valid UTF-8'],
      ]);
      expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual(['API-1', 'API-2']);
    } finally {
      await app.close();
      await engine.close();
    }
  });

  it('extra: fuzz — any mix of valid and broken lines: no crash, every valid record stored, no partial batch after a failure', async () => {
    type Line =
      | { readonly valid: true; readonly text: string }
      | { readonly valid: false; readonly bytes: Buffer };
    const lineArb: fc.Arbitrary<Line> = fc.oneof(
      { weight: 3, arbitrary: recordArb.map((r) => ({ valid: true as const, text: renderRecord(r) })) },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            fc.constantFrom(...BROKEN_LINES, INVALID_UTF8),
            // Garbage that is not JSON: never starts a valid object.
            fc
              .string({ minLength: 1, maxLength: 40 })
              .map((s) => Buffer.from(`#${s.replace(/[\r\n]/g, ' ')}`)),
          )
          .map((bytes) => ({ valid: false as const, bytes })),
      },
    );
    const runs = kind === 'sqlite' ? 40 : 12;
    let failedRuns = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        async (lines, batchSize, failAtBatch) => {
          await clearDatabase(store);
          await clearDatabase(referenceStore);
          const file = writeText(
            database.dir,
            'fuzz.ndjson',
            Buffer.concat(
              lines.map((l) => Buffer.concat([l.valid ? Buffer.from(l.text) : l.bytes, Buffer.from('\n')])),
            ),
          );
          const validOnly = (through: number) =>
            writeText(
              reference.dir,
              'valid.ndjson',
              lines
                .slice(0, through)
                .flatMap((l) => (l.valid ? [`${l.text}\n`] : []))
                .join(''),
            );
          const options = { batchSize, maxLineBytes: MAX_LINE_BYTES };

          if (failAtBatch !== undefined) {
            // The batch `failAtBatch` fails inside its transaction, after its first rows are written.
            let calls = 0;
            let committedThrough = 0;
            const failing: Store = {
              ...store,
              importLog: {
                ...store.importLog,
                commitBatch: async (input: BatchInput) => {
                  calls++;
                  if (calls !== failAtBatch) return store.importLog.commitBatch(input);
                  const rows = new Map(input.rows);
                  rows.set('incident', ['pd', 'poison', null, 0, null, null, null]);
                  return store.importLog.commitBatch({ ...input, rows });
                },
              },
            };
            const outcome = await importFiles(failing, [file], {
              ...options,
              onBatchCommitted: (info) => {
                committedThrough = info.lastLine;
              },
            }).then(
              () => 'finished' as const,
              () => 'failed' as const,
            );
            if (outcome === 'failed') {
              failedRuns++;
              // Exactly the batches before the failing one: the database as after importing the
              // valid lines up to the last committed line, and nothing of the failed batch.
              await importFiles(referenceStore, [validOnly(committedThrough)], { batchSize: 1000 });
              expect(await dumpDatabase(store)).toEqual(await dumpDatabase(referenceStore));
              expect(await count(store, 'incidents')).toBe(0);
              await clearDatabase(referenceStore);
            }
          }

          // (Re-)run without a fault: it resumes or starts, and never throws.
          const summary = await importFiles(store, [file], options);
          const valid = lines.filter((l) => l.valid).length;
          expect(summary.files[0]?.status).toBe('imported');
          expect(summary.files[0]?.records).toBe(valid);
          if (failAtBatch === undefined) expect(summary.files[0]?.rejected).toBe(lines.length - valid);
          await importFiles(referenceStore, [validOnly(lines.length)], { batchSize: 1000 });
          expect(await dumpDatabase(store)).toEqual(await dumpDatabase(referenceStore));
        },
      ),
      { numRuns: runs, seed: 7_2026 },
    );
    // The failing-batch path was taken, not only drawn.
    expect(failedRuns).toBeGreaterThan(0);
  }, 600_000);
});
