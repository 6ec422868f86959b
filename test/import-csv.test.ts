/**
 * CSV import of work items and transitions: header names in any case and spacing, labels separated
 * by `;`, the source from `options.source`, unknown columns refused, bad rows rejected with their
 * line numbers. The fixture is real Jira data from Apache DevLake (test/fixtures/devlake-jira).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { importFiles } from '../src/ingest/index.js';
import type { Store } from '../src/store/index.js';
import { writeNdjson, writeText } from './support/files.js';
import {
  createTestStore,
  describeEachStore,
  dumpDatabase,
  type TestDatabase,
  useTestStore,
} from './support/stores.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/devlake-jira/', import.meta.url));
const WORK_ITEMS = `${FIXTURES}work-items.csv`;
const TRANSITIONS = `${FIXTURES}transitions.csv`;

/** The fixture rows as NDJSON records, written by hand from the CSV: the same data, other format. */
function fixtureAsRecords(source: string): object[] {
  const read = (path: string) =>
    parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const items = read(WORK_ITEMS).map((r) => ({
    kind: 'workItem',
    source,
    id: r.ID,
    type: r.Type,
    status: r.Status,
    createdAt: r['Created At'],
    title: r.Title,
    url: r.URL,
    ...(r.Labels ? { labels: r.Labels.split(';') } : {}),
    ...(r.Estimate ? { estimate: Number(r.Estimate) } : {}),
    ...(r.parent ? { parent: r.parent } : {}),
  }));
  const transitions = read(TRANSITIONS).map((r) => ({
    kind: 'transition',
    source,
    item: r.item,
    at: r.AT,
    from: r.From,
    to: r.to,
    id: r.Id,
    by: r.By,
  }));
  return [...items, ...transitions];
}

describeEachStore('CSV import', (kind) => {
  let store: Store;
  let database: TestDatabase;
  useTestStore(kind, (opened) => ({ store, database } = opened));

  it('imports Jira work items and their status changes (DevLake sample)', async () => {
    const summary = await importFiles(store, [WORK_ITEMS, TRANSITIONS], { source: 'jira:EE' });

    expect(summary.files.map((f) => [f.format, f.status, f.records, f.rejected])).toEqual([
      ['csv', 'imported', 10, 0],
      ['csv', 'imported', 63, 0],
    ]);
    expect(summary.totals.counts).toEqual({
      workItem: { inserted: 10, updated: 0, unchanged: 0 },
      transition: { inserted: 63, updated: 0, unchanged: 0 },
    });
    expect(summary.unresolved).toEqual([]);
    const dump = await dumpDatabase(store);
    expect(dump.work_items?.find((r) => r.id === 'EE-3')).toEqual({
      source: 'jira:EE',
      id: 'EE-3',
      type: '故事',
      status: '已完成',
      created_at: Date.UTC(2020, 5, 12, 0, 15, 41, 600),
      title: '\u200b问题积压图率',
      team: null,
      parent: null,
      url: 'https://merico.atlassian.net/browse/EE-3',
      labels: '["Saas","frontEnd"]',
      estimate: 0,
      product: null,
    });
    expect(dump.work_items?.find((r) => r.id === 'EE-25')).toMatchObject({
      parent: 'EE-1',
      estimate: 0,
      labels: null,
    });
    expect(dump.work_items?.find((r) => r.id === 'EE-1')).toMatchObject({ estimate: null });
    expect(dump.transitions?.find((r) => r.id === '10716')).toEqual({
      source: 'jira:EE',
      item: 'EE-26',
      at: Date.UTC(2020, 5, 12, 0, 44, 27, 184),
      from_status: '待办',
      to_status: 'In Progress',
      id: '10716',
      by: 'Rankin Zheng',
    });
  });

  it('stores the CSV exactly as the same records in NDJSON', async () => {
    await importFiles(store, [WORK_ITEMS, TRANSITIONS], { source: 'jira:EE' });
    const other = await createTestStore(kind);
    try {
      const ndjson = writeNdjson(other.database.dir, 'same.ndjson', fixtureAsRecords('jira:EE'));
      const summary = await importFiles(other.store, [ndjson]);
      expect(summary.totals.rejected).toBe(0);
      expect(await dumpDatabase(store)).toEqual(await dumpDatabase(other.store));
    } finally {
      await other.database.destroy();
    }
  });

  it('matches header names in any case and spacing, splits labels on ";" and reads numbers', async () => {
    const file = writeText(
      database.dir,
      'items.csv',
      [
        '  SOURCE , Id ,type,STATUS,created_at,Labels,ESTIMATE,Title',
        'jira:PAY,PAY-1,Story,To Do,2025-01-06T09:30:00+01:00,a; b ;;c,3.5,  Hello  ',
        '',
      ].join('\n'),
    );
    const summary = await importFiles(store, [file]);

    expect(summary.files[0]).toMatchObject({ status: 'imported', records: 1, rejected: 0 });
    expect((await dumpDatabase(store)).work_items).toEqual([
      {
        source: 'jira:PAY',
        id: 'PAY-1',
        type: 'Story',
        status: 'To Do',
        created_at: Date.UTC(2025, 0, 6, 8, 30),
        title: 'Hello',
        team: null,
        parent: null,
        url: null,
        labels: '["a","b","c"]',
        estimate: 3.5,
        product: null,
      },
    ]);
  });

  it('rejects a row with a bad timestamp with its line number and imports the others', async () => {
    const file = writeText(
      database.dir,
      'transitions.csv',
      [
        'Item,At,From,To,By',
        'PAY-1,2025-01-06T10:00:00Z,To Do,In Progress,"Ada ""the first"" Lovelace"',
        'PAY-1,yesterday,In Progress,Done,Ada',
        'PAY-2,2025-01-07T10:00:00-05:00,To Do,Done,',
        'PAY-3,2025-01-07T10:00:00,To Do,Done,',
      ].join('\r\n'),
    );
    const summary = await importFiles(store, [file], { source: 'jira:PAY' });

    expect(summary.files[0]).toMatchObject({ status: 'imported', records: 2, rejected: 2 });
    expect(summary.files[0]?.errors).toEqual([
      {
        file,
        line: 3,
        field: 'transition.at',
        message: '"yesterday" is not an ISO 8601 timestamp with offset',
      },
      {
        file,
        line: 5,
        field: 'transition.at',
        message: '"2025-01-07T10:00:00" is not an ISO 8601 timestamp with offset',
      },
    ]);
    expect((await dumpDatabase(store)).transitions?.map((t) => [t.source, t.item, t.at, t.by])).toEqual([
      ['jira:PAY', 'PAY-1', Date.UTC(2025, 0, 6, 10, 0), 'Ada "the first" Lovelace'],
      ['jira:PAY', 'PAY-2', Date.UTC(2025, 0, 7, 15, 0), null],
    ]);
  });

  it('numbers lines as in the file when a quoted cell spans lines', async () => {
    const file = writeText(
      database.dir,
      'multiline.csv',
      [
        'source,id,type,status,createdAt,title',
        'jira:PAY,PAY-1,Story,To Do,2025-01-06T09:30:00Z,"first line',
        'second line"',
        'jira:PAY,PAY-2,Story,,2025-01-06T09:30:00Z,missing status',
        'jira:PAY,PAY-3,Story,Done,2025-01-06T09:30:00Z,',
      ].join('\n'),
    );
    const summary = await importFiles(store, [file]);

    expect(summary.files[0]?.errors).toEqual([
      { file, line: 4, field: 'workItem.status', message: 'is required' },
    ]);
    const items = (await dumpDatabase(store)).work_items?.map((r) => [r.id, r.title]);
    expect(items).toEqual([
      ['PAY-1', 'first line\nsecond line'],
      ['PAY-3', null],
    ]);
  });

  it('reports a bad record that spans lines at the line it starts on', async () => {
    const file = writeText(
      database.dir,
      'multiline-bad.csv',
      [
        'source,id,type,status,createdAt,title',
        'jira:PAY,PAY-1,Story,,2025-01-06T09:30:00Z,"first line',
        'second line',
        'third line"',
        'jira:PAY,PAY-2,Story,Done,2025-01-06T09:30:00Z,',
      ].join('\n'),
    );
    const summary = await importFiles(store, [file]);

    expect(summary.files[0]?.errors).toEqual([
      { file, line: 2, field: 'workItem.status', message: 'is required' },
    ]);
    expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual(['PAY-2']);
  });

  it('fails a file with an unknown column, naming it, and goes on with the next file', async () => {
    const bad = writeText(
      database.dir,
      'sprint.csv',
      'id,type,status,createdAt,Sprint\nPAY-1,Story,To Do,2025-01-06T09:30:00Z,S1\n',
    );
    const good = writeText(
      database.dir,
      'good.csv',
      'id,type,status,createdAt\nPAY-2,Story,To Do,2025-01-06T09:30:00Z\n',
    );
    const summary = await importFiles(store, [bad, good], { source: 'jira:PAY' });

    expect(summary.files.map((f) => [f.status, f.records])).toEqual([
      ['failed', 0],
      ['imported', 1],
    ]);
    expect(summary.files[0]?.failure).toContain('"Sprint"');
    expect(summary.files[0]?.failure).toContain(bad);
    expect((await dumpDatabase(store)).work_items?.map((r) => r.id)).toEqual(['PAY-2']);
  });

  it('does not log a file that failed on its header as an import still running', async () => {
    const bad = writeText(
      database.dir,
      'sprint.csv',
      'id,type,status,createdAt,Sprint\nPAY-1,Story,To Do,2025-01-06T09:30:00Z,S1\n',
    );
    await importFiles(store, [bad], { source: 'jira:PAY' });

    const running = await store.db
      .selectFrom('import_files')
      .select(['path', 'status'])
      .where('status', '=', 'running')
      .execute();
    expect(running).toEqual([]);
  });

  it('fails a CSV without a source column when no source is given, and says how to name one', async () => {
    const file = writeText(
      database.dir,
      'nosource.csv',
      'id,type,status,createdAt\nPAY-1,Story,To Do,2025-01-06T09:30:00Z\n',
    );
    const summary = await importFiles(store, [file]);

    expect(summary.files[0]?.status).toBe('failed');
    expect(summary.files[0]?.failure).toMatch(/source/);
    expect((await dumpDatabase(store)).work_items).toEqual([]);
  });

  it('reads both kinds from one CSV with a kind column, the source column winning over the option', async () => {
    const file = writeText(
      database.dir,
      'mixed.csv',
      [
        'kind,source,id,type,status,createdAt,item,at,from,to',
        'workItem,,PAY-1,Story,Done,2025-01-06T09:30:00Z,,,,',
        'transition,jira:OTHER,,,,,PAY-1,2025-01-06T10:00:00Z,To Do,Done',
        'epic,,E-1,,,,,,,',
      ].join('\n'),
    );
    const summary = await importFiles(store, [file], { source: 'jira:PAY' });

    expect(summary.files[0]).toMatchObject({ status: 'imported', records: 2, rejected: 1 });
    expect(summary.files[0]?.errors.map((e) => [e.line, e.field])).toEqual([[4, 'kind']]);
    const dump = await dumpDatabase(store);
    expect(dump.work_items?.map((r) => [r.source, r.id])).toEqual([['jira:PAY', 'PAY-1']]);
    expect(dump.transitions?.map((r) => [r.source, r.item])).toEqual([['jira:OTHER', 'PAY-1']]);
  });

  it('with strict, imports nothing of a CSV with a bad row', async () => {
    const file = writeText(
      database.dir,
      'strict.csv',
      'id,type,status,createdAt\nPAY-1,Story,To Do,2025-01-06T09:30:00Z\nPAY-2,Story,To Do,last week\n',
    );
    const summary = await importFiles(store, [file], { source: 'jira:PAY', strict: true });

    expect(summary.files[0]).toMatchObject({ status: 'rejected', records: 0, rejected: 1 });
    expect(summary.files[0]?.errors.map((e) => [e.line, e.field])).toEqual([[3, 'workItem.createdAt']]);
    expect((await dumpDatabase(store)).work_items).toEqual([]);
  });
});
