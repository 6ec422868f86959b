/**
 * `flowlens backup` / `flowlens restore` and the database's own safety nets (hostile-input.md §37):
 * a backup taken while another process imports is one consistent state (whole batches only) and
 * restores to the same metrics and rows; corrupt, foreign, non-database and newer files are refused
 * with a message that says so; a database with data, or one a server has open, is not replaced
 * without --force / at all; PostgreSQL gets the pg_dump guidance. Opening an older database takes
 * an automatic copy first, a migration that fails leaves the database at its previous version, and
 * a damaged file is refused at start-up with a clear message.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowlensError } from '../src/domain/index.js';
import { latestSchemaVersion, openSqliteStore } from '../src/store/index.js';
import { createInitialMigration } from '../src/store/migrations/0001-initial.js';
import { createItemFactsMigration } from '../src/store/migrations/0002-item-facts.js';
import { createFactsVersionMigration } from '../src/store/migrations/0003-facts-version.js';
import { createConnectorsMigration } from '../src/store/migrations/0004-connectors.js';
import { createOrganisationMigration } from '../src/store/migrations/0005-organisation.js';
import { preMigrationBackupPath } from '../src/store/sqlite.js';
import { cli } from './support/cli.js';
import { writeNdjson } from './support/files.js';
import { countRows, dumpDatabase } from './support/stores.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IMPORT_CHILD = fileURLToPath(new URL('./support/import-child.ts', import.meta.url));
const PERIOD = ['--from', '2025-01-01', '--to', '2025-07-01'];
const DEMO = ['--scale', '1500', '--until', '2025-07-01', '--no-progress'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-backup-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function ok(args: readonly string[]) {
  const result = await cli(args);
  expect(result.code, `flowlens ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

async function metricsOf(db: string, scope: readonly string[] = []): Promise<unknown> {
  return JSON.parse((await ok(['metrics', '--db', db, '--json', ...PERIOD, ...scope])).stdout);
}

async function rowsOf(db: string): Promise<Record<string, number>> {
  const store = await openSqliteStore(db);
  try {
    return await countRows(store);
  } finally {
    await store.close();
  }
}

/** Work items of their own source (no team): they change no value stream's metrics. */
function extraItems(count: number): string {
  return writeNdjson(
    dir,
    'extra.ndjson',
    Array.from({ length: count }, (_, i) => ({
      kind: 'workItem',
      source: 'jira:EXTRA',
      id: `EXTRA-${i + 1}`,
      type: 'Story',
      status: 'Done',
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      title: `Extra ${i + 1}`,
    })),
  );
}

function rawQuery<T>(path: string, text: string): T[] {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(text).all() as T[];
  } finally {
    db.close();
  }
}

describe('flowlens backup and restore', () => {
  it('a backup taken while another process imports restores to the same rows and metrics, whole batches only', async () => {
    const source = join(dir, 'source.db');
    await ok(['demo', '--db', source, ...DEMO]);
    const demoRows = await rowsOf(source);
    const extra = extraItems(6000);
    // Another process imports 6,000 items in batches of 100, pausing before each.
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', IMPORT_CHILD, '--db', source, '--batch-size', '100', '--pause-ms', '15', extra],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let childErr = '';
    child.stderr?.on('data', (chunk) => {
      childErr += String(chunk);
    });
    const childDone = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until the import is under way, then back up twice while it runs.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const rows = rawQuery<{ n: number }>(
        source,
        "select count(*) as n from work_items where source = 'jira:EXTRA'",
      );
      if ((rows[0]?.n ?? 0) >= 300) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const backup = join(dir, 'backup.db');
    const result = await ok(['backup', '--db', source, '--to', backup]);
    expect(result.stdout).toMatch(
      /^Backed up .*source\.db to .*backup\.db: [\d.]+ MiB, [\d,]+ records, schema \S+, in [\d.]+ m?s\.\nThe copy passed PRAGMA integrity_check\.\n$/,
    );
    const again = await cli(['backup', '--db', source, '--to', backup]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already; choose another --to, or add --force to replace it');
    expect(await childDone, childErr).toBe(0);

    // The copy is one committed state: its extra items are whole batches, as its import log says.
    expect(existsSync(`${backup}-wal`)).toBe(false);
    const [{ n: extraInBackup }] = rawQuery<{ n: number }>(
      backup,
      "select count(*) as n from work_items where source = 'jira:EXTRA'",
    ) as [{ n: number }];
    const [{ logged }] = rawQuery<{ logged: number }>(
      backup,
      "select coalesce(sum(b.records), 0) as logged from import_batches b join import_files f on f.id = b.file_id where f.path like '%extra.ndjson'",
    ) as [{ logged: number }];
    expect(extraInBackup).toBeGreaterThan(0);
    expect(extraInBackup).toBeLessThan(6000);
    expect(extraInBackup % 100).toBe(0);
    expect(logged).toBe(extraInBackup);

    const restored = join(dir, 'restored.db');
    const restore = await ok(['restore', '--from', backup, '--db', restored]);
    expect(restore.stdout).toMatch(/^Restored .*backup\.db into .*restored\.db: /);
    expect(await rowsOf(restored)).toEqual({ ...demoRows, work_items: demoRows.work_items! + extraInBackup });
    // The demo's value streams are untouched by the extra items: the same metrics as the source.
    for (const scope of [
      ['--value-stream', 'vs-webshop'],
      ['--team', 't-checkout'],
    ])
      expect(await metricsOf(restored, scope)).toEqual(await metricsOf(source, scope));
    // And the rest resumes from the restored import log.
    const resumed = await ok(['import', '--db', restored, '--json', extra]);
    expect(JSON.parse(resumed.stdout).files[0]).toMatchObject({ resumedAfterLine: extraInBackup });
    expect(await rowsOf(restored)).toEqual(await rowsOf(source));
    expect(await metricsOf(restored)).toEqual(await metricsOf(source));
  }, 120_000);

  it('a quiet database round-trips exactly; restoring over data needs --force and removes the old WAL and snapshot', async () => {
    const source = join(dir, 'source.db');
    await ok(['demo', '--db', source, '--scale', '300', '--until', '2025-07-01', '--no-progress']);
    const backup = join(dir, 'quiet.db');
    const json = JSON.parse((await ok(['backup', '--db', source, '--to', backup, '--json'])).stdout);
    expect(json).toMatchObject({ source, target: backup, schemaVersion: latestSchemaVersion() });
    expect(json.bytes).toBe(statSync(backup).size);

    // A target that holds other data: refused without --force, replaced with it.
    const target = join(dir, 'target.db');
    await ok(['import', '--db', target, extraItems(10)]);
    await ok(['metrics', '--db', target, ...PERIOD]); // writes target.db.facts
    expect(existsSync(`${target}.facts`)).toBe(true);
    writeFileSync(`${target}-wal`, 'stale write-ahead log of the old database');
    const refused = await cli(['restore', '--from', backup, '--db', target]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${target} already holds 10 records; add --force to replace it`);
    const forced = await ok(['restore', '--from', backup, '--db', target, '--force', '--json']);
    const report = JSON.parse(forced.stdout);
    expect(report.replacedRows.work_items).toBe(10);
    expect(report.removed).toEqual(expect.arrayContaining([`${target}-wal`, `${target}.facts`]));
    expect(existsSync(`${target}.facts`)).toBe(false);

    const a = await openSqliteStore(source);
    const b = await openSqliteStore(target);
    try {
      expect(await dumpDatabase(b)).toEqual(await dumpDatabase(a));
    } finally {
      await a.close();
      await b.close();
    }
    expect(await metricsOf(target)).toEqual(await metricsOf(source));
  }, 60_000);

  it('refuses a non-database, a foreign SQLite file, a corrupt backup and a newer schema, each with its reason', async () => {
    const good = join(dir, 'good.db');
    await ok(['import', '--db', good, extraItems(50)]);
    const backup = join(dir, 'good-backup.db');
    await ok(['backup', '--db', good, '--to', backup]);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all\n');
    const foreign = join(dir, 'foreign.db');
    const other = new BetterSqlite3(foreign);
    other.exec('create table customers (id integer primary key, name text)');
    other.close();
    // Garbage over the pages after the first: the header is intact, the b-trees are not.
    const corrupt = join(dir, 'corrupt.db');
    const bytes = readFileSync(backup);
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(corrupt, bytes);
    const newer = join(dir, 'newer.db');
    writeFileSync(newer, readFileSync(backup));
    const edit = new BetterSqlite3(newer);
    edit.prepare('insert into flowlens_migrations (name, timestamp) values (?, ?)').run('9999-future', 'x');
    edit.close();

    const target = join(dir, 'target.db');
    const cases = [
      [text, 2, 'is not a SQLite database (it does not start with the SQLite header)'],
      [foreign, 2, 'is a SQLite database, but not a Flowlens one (it has no flowlens_migrations table)'],
      [corrupt, 2, 'is damaged: the SQLite integrity check reports'],
      [newer, 1, `has schema version 9999-future, newer than this Flowlens knows (${latestSchemaVersion()})`],
      [join(dir, 'missing.db'), 1, 'there is no file'],
    ] as const;
    for (const [file, code, message] of cases) {
      const result = await cli(['restore', '--from', file, '--db', target]);
      expect(result.stderr, file).toContain(message);
      expect(result.code, file).toBe(code);
      expect(existsSync(target), file).toBe(false);
    }
    // A backup of a foreign or damaged database is refused too, and leaves no file behind.
    const copy = join(dir, 'copy-of-corrupt.db');
    const fromCorrupt = await cli(['backup', '--db', corrupt, '--to', copy]);
    expect(fromCorrupt.code).not.toBe(0);
    expect(existsSync(copy)).toBe(false);
  }, 60_000);

  it('refuses to restore over a database another process has open', async () => {
    const source = join(dir, 'source.db');
    await ok(['import', '--db', source, extraItems(20)]);
    const backup = join(dir, 'b.db');
    await ok(['backup', '--db', source, '--to', backup]);
    const store = await openSqliteStore(source);
    try {
      const result = await cli(['restore', '--from', backup, '--db', source, '--force']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${source} is in use by another process`);
    } finally {
      await store.close();
    }
    await ok(['restore', '--from', backup, '--db', source, '--force']);
  });

  it('on PostgreSQL prints the pg_dump / pg_restore commands, without the password, and exits 2', async () => {
    const url = 'postgres://flowlens:s3cret@db.internal:5432/flowlens';
    const backup = await cli(['backup', '--db', url, '--to', '/backups/f.dump']);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain(
      "pg_dump --format=custom --file '/backups/f.dump' 'postgres://flowlens@db.internal:5432/flowlens'",
    );
    const restore = await cli(['restore', '--db', url, '--from', '/backups/f.dump']);
    expect(restore.code).toBe(2);
    expect(restore.stderr).toContain('pg_restore --clean --if-exists --no-owner --single-transaction');
    expect(backup.stderr + restore.stderr).not.toContain('s3cret');
  });
});

/** A database at schema 0005, as an older Flowlens left it, with one portfolio in it. */
async function olderDatabase(path: string): Promise<void> {
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  const migrations = {
    '0001-initial': createInitialMigration('sqlite'),
    '0002-item-facts': createItemFactsMigration('sqlite'),
    '0003-facts-version': createFactsVersionMigration('sqlite'),
    '0004-connectors': createConnectorsMigration('sqlite'),
    '0005-organisation': createOrganisationMigration('sqlite'),
  };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'flowlens_migrations',
    migrationLockTableName: 'flowlens_migrations_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
  raw
    .prepare("insert into portfolios (id, name, created_batch, updated_batch) values ('p-old', 'Old', 1, 1)")
    .run();
  await db.destroy();
}

function migrationsIn(path: string): string[] {
  return rawQuery<{ name: string }>(path, 'select name from flowlens_migrations order by name').map(
    (r) => r.name,
  );
}

describe('opening an existing SQLite database (hostile-input.md §37)', () => {
  it('takes a backup before migrating an older database, and the backup restores the old version', async () => {
    const path = join(dir, 'old.db');
    await olderDatabase(path);
    const store = await openSqliteStore(path);
    expect(store.schemaVersion).toBe(latestSchemaVersion());
    await store.close();
    const copy = preMigrationBackupPath(path);
    expect(copy).toBe(`${path}.pre-${latestSchemaVersion()}.bak`);
    expect(migrationsIn(copy).at(-1)).toBe('0005-organisation');
    expect(rawQuery(copy, 'select id from portfolios')).toEqual([{ id: 'p-old' }]);
    expect(migrationsIn(path).at(-1)).toBe(latestSchemaVersion());

    // Opening it again migrates nothing and copies nothing.
    rmSync(copy);
    await (await openSqliteStore(path)).close();
    expect(existsSync(copy)).toBe(false);
  });

  it('a migration that fails leaves the database at its previous version, with a clear message', async () => {
    const path = join(dir, 'old.db');
    await olderDatabase(path);
    // 0006 creates `annotations` and then `allocation_targets`: a table of that name already there
    // makes its second statement fail, after the first one has run.
    const raw = new BetterSqlite3(path);
    raw.exec('create table allocation_targets (squatter text)');
    raw.close();
    const error = await openSqliteStore(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FlowlensError);
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED' });
    expect((error as Error).message).toMatch(/^migration 0006-annotations failed: .*allocation_targets/);
    // Nothing of the failed run stayed: the same migrations, no `annotations` table.
    expect(migrationsIn(path).at(-1)).toBe('0005-organisation');
    expect(rawQuery(path, "select name from sqlite_master where name = 'annotations'")).toEqual([]);
    expect(rawQuery(path, 'select id from portfolios')).toEqual([{ id: 'p-old' }]);
    const check = rawQuery<{ integrity_check: string }>(path, 'pragma integrity_check');
    expect(check).toEqual([{ integrity_check: 'ok' }]);
  });

  it('a damaged database file is refused at start-up with a message that names the fix', async () => {
    const path = join(dir, 'damaged.db');
    await ok(['import', '--db', path, extraItems(200)]);
    // The schema's page (page 1, after the 100-byte header) overwritten.
    const bytes = readFileSync(path);
    for (let i = 100; i < 4096; i++) bytes[i] = 0xa5;
    writeFileSync(path, bytes);
    const before = readFileSync(path);
    const result = await cli(['db', 'info', '--db', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the SQLite database ${path} is damaged`);
    expect(result.stderr).toContain('flowlens restore --from <backup>');
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
