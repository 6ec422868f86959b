/**
 * The command line, run in-process through `runCli` with captured output: what a user sees for
 * good and bad input, the exit codes, and `--json`. Runs on both stores (`--db` is a path or URL).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { writeNdjson, writeText } from './support/files.js';
import { createTestDatabase, describeEachStore, type TestDatabase } from './support/stores.js';

const GOOD = [
  { kind: 'team', id: 't-pay', name: 'Payments' },
  {
    kind: 'workItem',
    source: 'jira:PAY',
    id: 'PAY-1',
    type: 'Story',
    status: 'Done',
    createdAt: '2025-01-06T09:00:00+01:00',
    team: 't-pay',
  },
  {
    kind: 'transition',
    source: 'jira:PAY',
    item: 'PAY-1',
    at: '2025-01-07T10:00:00Z',
    from: 'To Do',
    to: 'In Progress',
  },
  {
    kind: 'transition',
    source: 'jira:PAY',
    item: 'PAY-1',
    at: '2025-01-09T10:00:00Z',
    from: 'In Progress',
    to: 'Done',
  },
];

describeEachStore('flowlens import', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('imports a clean file, exits 0 and says what it wrote', async () => {
    const file = writeNdjson(db.dir, 'events.ndjson', GOOD);
    const result = await cli(['import', '--db', db.location, file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4 records, 0 rejected');
    expect(result.stdout).toContain('  transition: 2 new, 0 updated, 0 unchanged');
    expect(result.stdout).toMatch(
      /Read 4 records from 1 file in .*: 4 new, 0 updated, 0 unchanged; 0 rejected\./,
    );
  });

  it('lists bad lines as file:line: field: message on stderr, imports the rest and exits 1', async () => {
    const file = writeNdjson(db.dir, 'events.ndjson', [
      ...GOOD,
      { kind: 'transition', source: 'jira:PAY', item: 'PAY-1', at: 'yesterday', from: 'To Do', to: 'Done' },
      '{"kind":"workItem",',
    ]);
    const result = await cli(['import', '--db', db.location, file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${file}:5: transition.at: "yesterday" is not an ISO 8601 timestamp with offset`,
    );
    expect(result.stderr).toContain(`${file}:6: line: is not valid JSON`);
    expect(result.stdout).toContain('4 records, 2 rejected');
  });

  it('--strict imports nothing from a file with a bad line', async () => {
    const file = writeNdjson(db.dir, 'events.ndjson', [
      ...GOOD,
      { kind: 'workItem', source: 'jira:PAY', id: 'PAY-2' },
    ]);
    const result = await cli(['import', '--strict', '--json', '--db', db.location, file]);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary.files[0]).toMatchObject({ status: 'rejected', records: 0, rejected: 1 });
    expect(summary.files[0].errors.map((e: { field: string }) => e.field)).toEqual([
      'workItem.type',
      'workItem.status',
      'workItem.createdAt',
    ]);
    const info = JSON.parse((await cli(['db', 'info', '--json', '--db', db.location])).stdout);
    expect(info.records.workItem).toBe(0);
    expect(info.recentImports[0]).toMatchObject({ status: 'rejected', rejected: 1 });
  });

  it('--json prints the summary: counts per kind, rejected with reasons, unresolved references', async () => {
    const file = writeNdjson(db.dir, 'events.ndjson', [
      ...GOOD,
      {
        kind: 'transition',
        source: 'jira:PAY',
        item: 'PAY-404',
        at: '2025-01-07T10:00:00Z',
        from: 'To Do',
        to: 'Done',
      },
    ]);
    const first = JSON.parse((await cli(['import', '--json', '--db', db.location, file])).stdout);
    expect(first.totals).toEqual({
      records: 5,
      rejected: 0,
      counts: {
        team: { inserted: 1, updated: 0, unchanged: 0 },
        workItem: { inserted: 1, updated: 0, unchanged: 0 },
        transition: { inserted: 3, updated: 0, unchanged: 0 },
      },
    });
    expect(first.unresolved).toEqual([
      {
        reference: 'transition.item',
        missingKind: 'workItem',
        records: 1,
        missing: 1,
        examples: ['jira:PAY PAY-404'],
      },
    ]);
    const again = JSON.parse((await cli(['import', '--json', '--db', db.location, file])).stdout);
    expect(again.totals.counts.transition).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('db info shows the store, schema version and counts', async () => {
    await cli(['import', '--db', db.location, writeNdjson(db.dir, 'events.ndjson', GOOD)]);
    const result = await cli(['db', 'info', '--db', db.location]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`(${kind}, schema 0013-reconcile)`);
    expect(result.stdout).toMatch(/transition\s+2/);
  });
});

it('uses $FLOWLENS_HOME/flowlens.db when neither --db nor FLOWLENS_DB is given', async () => {
  const db = await createTestDatabase('sqlite');
  try {
    const file = writeNdjson(db.dir, 'events.ndjson', GOOD);
    const result = await cli(['import', file], { FLOWLENS_HOME: `${db.dir}/home` });
    expect(result.code).toBe(0);
    const info = JSON.parse(
      (await cli(['db', 'info', '--json'], { FLOWLENS_HOME: `${db.dir}/home` })).stdout,
    );
    expect(info.database).toBe(`${db.dir}/home/flowlens.db`);
    expect(info.records.workItem).toBe(1);
    const viaEnv = JSON.parse(
      (await cli(['db', 'info', '--json'], { FLOWLENS_DB: `${db.dir}/home/flowlens.db` })).stdout,
    );
    expect(viaEnv.records.transition).toBe(2);
  } finally {
    await db.destroy();
  }
});

it('explains usage errors and unreadable files, with exit codes 2 and 1', async () => {
  const db = await createTestDatabase('sqlite');
  try {
    const badSize = await cli(['import', '--db', db.location, '--batch-size', 'lots', 'x.ndjson']);
    expect(badSize.code).toBe(2);
    expect(badSize.stderr).toContain('--batch-size: "lots" is not a whole number from 1 to 1000000');

    const unknownOption = await cli(['import', '--frobnicate']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--frobnicate'");

    const missing = await cli(['import', '--db', db.location, `${db.dir}/nope.ndjson`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${db.dir}/nope.ndjson: cannot read the file (ENOENT)`);

    const wrongType = await cli(['import', '--db', db.location, writeText(db.dir, 'events.xml', '<x/>')]);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toContain('unknown file type ".xml"; use .ndjson (or .jsonl) or .csv');

    const unreachable = await cli([
      'import',
      '--db',
      'postgres://nobody@127.0.0.1:1/none',
      writeNdjson(db.dir, 'a.ndjson', GOOD),
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(
      'cannot connect to PostgreSQL at postgres://nobody@127.0.0.1:1/none',
    );
  } finally {
    await db.destroy();
  }
});

it('prints help for the import command', async () => {
  const result = await cli(['import', '--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('--strict');
  expect(result.stdout).toContain('flowlens import --source jira:PAY issues.csv transitions.csv');
});
