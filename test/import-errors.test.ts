/**
 * Bad input (contract.md §1): a line that is not valid gets a clear error naming the line number
 * and field, and the rest is still imported; with `strict`, a file with any bad line imports nothing.
 */
import { expect, it } from 'vitest';
import { importFiles } from '../src/ingest/index.js';
import type { Store } from '../src/store/index.js';
import { writeNdjson, writeText } from './support/files.js';
import {
  countRows,
  describeEachStore,
  dumpDatabase,
  type TestDatabase,
  useTestStore,
} from './support/stores.js';

const KINDS =
  'portfolio, valueStream, team, person, service, role, mapping, workItem, transition, change, deployment, incident, sprint';

const item = (id: string, extra: object = {}) => ({
  kind: 'workItem',
  source: 'jira:PAY',
  id,
  type: 'Story',
  status: 'To Do',
  createdAt: '2025-01-06T09:30:00Z',
  ...extra,
});

/** Lines 1, 6 and 8 are valid; 7 is blank; the others are rejected. */
const MIXED = [
  item('PAY-1'),
  '{"kind": "workItem", "source": ',
  { kind: 'epic', source: 'jira:PAY', id: 'E-1' },
  { kind: 'workItem', source: 'jira:PAY', id: 'PAY-3', type: 'Story', createdAt: '2025-01-06T09:30:00Z' },
  { kind: 'transition', source: 'jira:PAY', item: 'PAY-1', at: 'yesterday', from: 'To Do', to: 'Done' },
  {
    kind: 'transition',
    source: 'jira:PAY',
    item: 'PAY-1',
    at: '2025-01-07T10:00:00+01:00',
    from: 'To Do',
    to: 'Done',
  },
  '',
  item('PAY-2'),
  item('PAY-9', { createdAt: '2025-01-06T09:30:00' }),
  {
    kind: 'deployment',
    source: 'ci',
    id: 'd-1',
    service: 'svc',
    environment: 'production',
    at: '2025-01-06T09:30:00Z',
    status: 'maybe',
  },
  '42',
];

function expectedErrors(file: string) {
  return [
    { file, line: 2, field: 'line', message: expect.stringMatching(/^is not valid JSON \(.+\)$/) },
    { file, line: 3, field: 'kind', message: `"epic" is not one of ${KINDS}` },
    { file, line: 4, field: 'workItem.status', message: 'is required' },
    {
      file,
      line: 5,
      field: 'transition.at',
      message: '"yesterday" is not an ISO 8601 timestamp with offset',
    },
    {
      file,
      line: 9,
      field: 'workItem.createdAt',
      message: '"2025-01-06T09:30:00" is not an ISO 8601 timestamp with offset',
    },
    { file, line: 10, field: 'deployment.status', message: '"maybe" is not one of success, failed' },
    { file, line: 11, field: 'record', message: '42 is not a JSON object' },
  ];
}

describeEachStore('rejected lines', (kind) => {
  let store: Store;
  let database: TestDatabase;
  useTestStore(kind, (opened) => ({ store, database } = opened));

  it('names the line, the field and what is wrong, and imports the valid lines', async () => {
    const file = writeNdjson(database.dir, 'mixed.ndjson', MIXED);
    const summary = await importFiles(store, [file], { batchSize: 2 });

    const [result] = summary.files;
    expect(result).toMatchObject({ status: 'imported', records: 3, rejected: 7 });
    expect(result?.errors).toEqual(expectedErrors(file));
    const yesterday = result?.errors.find((e) => e.line === 5);
    expect(`${yesterday?.field}: ${yesterday?.message}`).toBe(
      'transition.at: "yesterday" is not an ISO 8601 timestamp with offset',
    );
    expect(summary.totals).toEqual({
      records: 3,
      rejected: 7,
      counts: {
        workItem: { inserted: 2, updated: 0, unchanged: 0 },
        transition: { inserted: 1, updated: 0, unchanged: 0 },
      },
    });
    const dump = await dumpDatabase(store);
    expect(dump.work_items?.map((r) => r.id)).toEqual(['PAY-1', 'PAY-2']);
    expect(dump.transitions?.map((r) => [r.item, r.at])).toEqual([['PAY-1', Date.UTC(2025, 0, 7, 9, 0)]]);
    expect(await countRows(store)).toMatchObject({ deployments: 0 });
  });

  it('keeps the rejected lines in the import log', async () => {
    const file = writeNdjson(database.dir, 'mixed.ndjson', MIXED);
    await importFiles(store, [file], { batchSize: 2 });

    const logged = await store.db
      .selectFrom('import_errors')
      .select(['line', 'field', 'message'])
      .orderBy('line')
      .execute();
    expect(logged.map((e) => ({ ...e, line: Number(e.line) }))).toEqual(
      expectedErrors(file).map(({ file: _file, ...rest }) => rest),
    );
    const files = await store.db
      .selectFrom('import_files')
      .select(['status', 'records', 'rejected'])
      .execute();
    expect(files.map((f) => [f.status, Number(f.records), Number(f.rejected)])).toEqual([['done', 3, 7]]);
  });

  it('lists at most maxReportedErrors lines but counts them all', async () => {
    const file = writeNdjson(database.dir, 'mixed.ndjson', MIXED);
    const summary = await importFiles(store, [file], { maxReportedErrors: 2 });

    expect(summary.totals.rejected).toBe(7);
    expect(summary.files[0]?.errors.map((e) => e.line)).toEqual([2, 3]);
  });

  it('with strict, imports nothing of a file with a bad line and reports every error', async () => {
    const good = writeNdjson(database.dir, 'good.ndjson', [item('OK-1')]);
    const bad = writeNdjson(database.dir, 'mixed.ndjson', MIXED);
    const summary = await importFiles(store, [good, bad], { strict: true });

    expect(summary.files.map((f) => [f.file, f.status, f.records, f.rejected])).toEqual([
      [good, 'imported', 1, 0],
      [bad, 'rejected', 0, 7],
    ]);
    expect(summary.files[1]?.errors).toEqual(expectedErrors(bad));
    expect(summary.files[1]?.counts).toEqual({});
    expect(summary.totals).toEqual({
      records: 1,
      rejected: 7,
      counts: { workItem: { inserted: 1, updated: 0, unchanged: 0 } },
    });
    const dump = await dumpDatabase(store);
    expect(dump.work_items?.map((r) => r.id)).toEqual(['OK-1']);
    expect(dump.transitions).toEqual([]);
    const files = await store.db
      .selectFrom('import_files')
      .select(['status', 'strict'])
      .orderBy('id')
      .execute();
    expect(files).toEqual([
      { status: 'done', strict: 1 },
      { status: 'rejected', strict: 1 },
    ]);
    const logged = await store.db.selectFrom('import_errors').select('line').orderBy('line').execute();
    expect(logged.map((e) => Number(e.line))).toEqual([2, 3, 4, 5, 9, 10, 11]);
  });

  it('fails a file it cannot read or does not know on its own, and imports the others', async () => {
    const missing = `${database.dir}/missing.ndjson`;
    const notes = writeText(database.dir, 'notes.txt', 'hello\n');
    const good = writeNdjson(database.dir, 'good.ndjson', [item('OK-1')]);
    const summary = await importFiles(store, [missing, notes, good]);

    expect(summary.files.map((f) => [f.file, f.status, f.records])).toEqual([
      [missing, 'failed', 0],
      [notes, 'failed', 0],
      [good, 'imported', 1],
    ]);
    expect(summary.files[0]?.failure).toContain('ENOENT');
    expect(summary.files[1]?.failure).toContain('.txt');
    expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual(['OK-1']);
  });

  it('reads a file that starts with a byte order mark (NDJSON and CSV)', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const ndjson = writeText(
      database.dir,
      'bom.ndjson',
      Buffer.concat([bom, Buffer.from(`${JSON.stringify(item('BOM-1'))}\n`)]),
    );
    const csv = writeText(
      database.dir,
      'bom.csv',
      Buffer.concat([bom, Buffer.from('id,type,status,createdAt\nBOM-2,Story,To Do,2025-01-06T09:30:00Z\n')]),
    );
    const summary = await importFiles(store, [ndjson, csv], { source: 'jira:PAY' });

    expect(summary.files.flatMap((f) => f.errors)).toEqual([]);
    expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual(['BOM-1', 'BOM-2']);
  });

  it('rejects an over-long line and a line of invalid UTF-8, and imports their neighbours', async () => {
    const maxLineBytes = 1000;
    const long = JSON.stringify(item('LONG-1', { title: 'x'.repeat(maxLineBytes) }));
    const file = writeText(
      database.dir,
      'hostile.ndjson',
      Buffer.concat([
        Buffer.from(`${JSON.stringify(item('A-1'))}\n${long}\n${JSON.stringify(item('A-2'))}\n`),
        Buffer.from('{"kind":"workItem","source":"jira:PAY","id":"BAD-'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('","type":"Story","status":"To Do","createdAt":"2025-01-06T09:30:00Z"}\n'),
        Buffer.from(`${JSON.stringify(item('A-3'))}\n`),
      ]),
    );
    const summary = await importFiles(store, [file], { maxLineBytes });

    expect(summary.files[0]).toMatchObject({ status: 'imported', records: 3, rejected: 2 });
    expect(summary.files[0]?.errors).toEqual([
      { file, line: 2, field: 'line', message: `is longer than ${maxLineBytes} bytes` },
      { file, line: 4, field: 'line', message: 'is not valid UTF-8' },
    ]);
    expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual(['A-1', 'A-2', 'A-3']);
  });

  it('accepts a line of exactly maxLineBytes, with LF and with CRLF line breaks', async () => {
    const maxLineBytes = 300;
    const exact = (id: string) => {
      const base = JSON.stringify(item(id, { title: '' }));
      const missing = maxLineBytes - Buffer.byteLength(base);
      const title = 'é'.repeat(Math.floor(missing / 2)) + 'x'.repeat(missing % 2);
      const line = JSON.stringify(item(id, { title }));
      expect(Buffer.byteLength(line)).toBe(maxLineBytes);
      return line;
    };
    const lf = writeText(database.dir, 'lf.ndjson', `${exact('LF-1')}\n${exact('LF-2')}\n`);
    const crlf = writeText(database.dir, 'crlf.ndjson', `${exact('CRLF-1')}\r\n${exact('CRLF-2')}\r\n`);
    const summary = await importFiles(store, [lf, crlf], { maxLineBytes });

    expect(summary.files.flatMap((f) => f.errors)).toEqual([]);
    expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual([
      'CRLF-1',
      'CRLF-2',
      'LF-1',
      'LF-2',
    ]);
  });

  it('rejects a NUL character in a text field on both stores, and imports the other lines', async () => {
    // PostgreSQL cannot store NUL in text; SQLite could. Both must judge the line the same way.
    const file = writeNdjson(database.dir, 'nul.ndjson', [
      item('N-1'),
      item('N-2', { title: 'before\u0000after' }),
      item('N-3\u0000'),
      item('N-4', { labels: ['ok', 'not\u0000ok'] }),
      item('N-5'),
    ]);
    const summary = await importFiles(store, [file]);

    expect(summary.files[0]).toMatchObject({ status: 'imported', records: 2, rejected: 3 });
    expect(summary.files[0]?.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'workItem.title'],
      [3, 'workItem.id'],
      [4, 'workItem.labels.1'],
    ]);
    expect(summary.files[0]?.errors[0]?.message).toMatch(/NUL/);
    expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual(['N-1', 'N-5']);
  });
});
