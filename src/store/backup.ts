/**
 * Backups of the embedded SQLite store, and their restore (`flowlens backup` / `flowlens restore`,
 * docs/operations.md).
 *
 * A backup is SQLite's online backup API (better-sqlite3's `db.backup()`): it reads the database
 * through a read transaction of its own, which in WAL mode never blocks a server that keeps writing,
 * and copies every page in one step, so the copy is the database as of one commit — never half a
 * batch. The copy is written next to the target under a temporary name, checked (`PRAGMA
 * integrity_check`, a schema version this build knows) and only then renamed to the target.
 *
 * A restore checks the file first (a SQLite file, intact, with Flowlens's migration table and no
 * migration this build does not know), refuses to replace a database that holds data unless forced
 * and refuses while another process (a server) has the target open, then copies the file to a
 * temporary name beside the target, removes the target's `-wal`/`-shm` (which belong to the old
 * database and would otherwise be replayed into the new one) and renames the copy into place. The
 * facts snapshot (`<db>.facts`) is not part of a backup — it is rebuilt from the database — and a
 * restore deletes the old one.
 *
 * The facts snapshot of the restored database is not needed: the next start reads the facts from
 * the database (its stamp would not match anyway).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { FlowlensError } from '../domain/index.js';
import { latestSchemaVersion, pendingMigrations } from './migrate.js';
import { TABLE_LIST } from './tables.js';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Pages copied per step: everything at once, so the copy is one consistent read. */
const ALL_PAGES = 0x7fffffff;

/** What a Flowlens SQLite file holds, as far as a backup or a restore needs to know. */
export interface DatabaseFileInfo {
  readonly path: string;
  readonly bytes: number;
  /** The newest migration applied (the schema version). */
  readonly schemaVersion: string;
  /** Migrations this build would still apply when the database is opened. */
  readonly pendingMigrations: readonly string[];
  /** Rows per data table (by table name). */
  readonly rows: Readonly<Record<string, number>>;
}

export interface BackupReport {
  readonly source: string;
  readonly target: string;
  readonly bytes: number;
  readonly ms: number;
  readonly schemaVersion: string;
  readonly rows: Readonly<Record<string, number>>;
}

export interface RestoreReport {
  readonly source: string;
  readonly target: string;
  readonly bytes: number;
  readonly ms: number;
  readonly schemaVersion: string;
  /** Rows the replaced database held (empty when there was none). */
  readonly replacedRows: Readonly<Record<string, number>>;
  readonly rows: Readonly<Record<string, number>>;
  /** Files removed beside the target (`-wal`, `-shm`, the facts snapshot). */
  readonly removed: readonly string[];
}

/**
 * Copies the SQLite database at `source` to `target` online. Refuses an existing `target` unless
 * `overwrite`. The copy is verified before it takes the target's name.
 */
export async function backupSqlite(
  source: string,
  target: string,
  options: { overwrite?: boolean; busyTimeoutMs?: number } = {},
): Promise<BackupReport> {
  const started = performance.now();
  if (!existsSync(source))
    throw new FlowlensError(
      'NOT_FOUND',
      `there is no database at ${source}; check --db (or FLOWLENS_DB / FLOWLENS_HOME)`,
    );
  if (existsSync(target) && options.overwrite !== true)
    throw new FlowlensError(
      'CONFLICT',
      `${target} exists already; choose another --to, or add --force to replace it`,
    );
  if (!existsSync(dirname(target)))
    throw new FlowlensError('INVALID_ARGUMENT', `--to: the directory ${dirname(target)} does not exist`);
  const temporary = temporaryBeside(target, 'backup');
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(source, { fileMustExist: true });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  } catch (error) {
    throw new FlowlensError(
      'DATABASE_UNAVAILABLE',
      `cannot open the SQLite database ${source}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    await db.backup(temporary, { progress: () => ALL_PAGES });
  } catch (error) {
    removeQuietly(temporary);
    throw new FlowlensError(
      'DATABASE_UNAVAILABLE',
      `the backup of ${source} failed: ${(error as Error).message}; nothing was written to ${target}`,
      { cause: error },
    );
  } finally {
    db.close();
  }
  let info: DatabaseFileInfo;
  try {
    toSingleFile(temporary);
    info = inspectDatabaseFile(temporary, { what: 'the copy' });
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
  renameSync(temporary, target);
  return {
    source,
    target,
    bytes: statSync(target).size,
    ms: performance.now() - started,
    schemaVersion: info.schemaVersion,
    rows: info.rows,
  };
}

/**
 * Checks that `path` is an intact Flowlens SQLite database of a schema version this build knows;
 * throws a FlowlensError that says what is wrong otherwise. Opens the file read-only.
 */
export function inspectDatabaseFile(path: string, options: { what?: string } = {}): DatabaseFileInfo {
  const what = options.what ?? path;
  if (!existsSync(path)) throw new FlowlensError('NOT_FOUND', `${what}: there is no file ${path}`);
  const bytes = statSync(path).size;
  if (!hasSqliteHeader(path))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `${what} is not a SQLite database (it does not start with the SQLite header); give a file made by \`flowlens backup\``,
    );
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `${what} cannot be opened as a SQLite database: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    let problems: string[];
    try {
      problems = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).filter((r) => r !== 'ok');
    } catch (error) {
      problems = [(error as Error).message];
    }
    if (problems.length > 0)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `${what} is damaged: the SQLite integrity check reports ${problems.slice(0, 3).join('; ')}` +
          `${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}; use another backup`,
      );
    const hasMigrations = db
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'flowlens_migrations'")
      .get();
    if (hasMigrations === undefined)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `${what} is a SQLite database, but not a Flowlens one (it has no flowlens_migrations table)`,
      );
    const applied = db
      .prepare('select name from flowlens_migrations order by name')
      .pluck()
      .all() as string[];
    const known = pendingMigrations([], 'sqlite');
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length > 0)
      throw new FlowlensError(
        'DATABASE_TOO_NEW',
        `${what} has schema version ${unknown.at(-1)}, newer than this Flowlens knows (${latestSchemaVersion()}); ` +
          'restore it with the Flowlens version that made it, or upgrade Flowlens',
      );
    if (applied.length === 0)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `${what} is an empty Flowlens database (no schema version)`,
      );
    return {
      path,
      bytes,
      schemaVersion: applied.at(-1) ?? '',
      pendingMigrations: known.filter((name) => !applied.includes(name)),
      rows: countRows(db),
    };
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` by the backup at `source`: checked, refused over a database
 * with data unless `force`, refused while another process has `target` open, and atomic (a copy
 * under a temporary name, renamed into place).
 */
export async function restoreSqlite(
  source: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<RestoreReport> {
  const started = performance.now();
  const info = inspectDatabaseFile(source, { what: `the backup ${source}` });
  if (!existsSync(dirname(target)))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `--db: the directory ${dirname(target)} does not exist; create it first`,
    );
  let replacedRows: Record<string, number> = {};
  if (existsSync(target) && statSync(target).size > 0) {
    if (heldByAnotherProcess(target))
      throw new FlowlensError(
        'CONFLICT',
        `${target} is in use by another process (a running \`flowlens start\`, an import, a sync); stop it, then restore`,
      );
    replacedRows = rowsOfExisting(target);
    const total = Object.values(replacedRows).reduce((n, c) => n + c, 0);
    if (total > 0 && options.force !== true)
      throw new FlowlensError(
        'CONFLICT',
        `${target} already holds ${total.toLocaleString('en-US')} records; add --force to replace it ` +
          '(take a `flowlens backup` of it first if you may need it), or restore into another --db',
      );
  }
  const temporary = temporaryBeside(target, 'restore');
  const from = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(temporary, { progress: () => ALL_PAGES });
  } catch (error) {
    removeQuietly(temporary);
    throw new FlowlensError(
      'DATABASE_UNAVAILABLE',
      `the copy of ${source} to ${target} failed: ${(error as Error).message}; ${target} is unchanged`,
      { cause: error },
    );
  } finally {
    from.close();
  }
  // Checked once more (a disk error while copying), then put in place: the old database's WAL and
  // shared-memory files go first, so they can never be replayed into the restored one.
  try {
    toSingleFile(temporary);
    inspectDatabaseFile(temporary, { what: 'the restored copy' });
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
  const removed: string[] = [];
  for (const stale of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) {
    if (existsSync(stale)) {
      rmSync(stale, { force: true });
      removed.push(stale);
    }
  }
  renameSync(temporary, target);
  const snapshot = `${target}.facts`;
  if (existsSync(snapshot)) {
    rmSync(snapshot, { force: true });
    removed.push(snapshot);
  }
  return {
    source,
    target,
    bytes: statSync(target).size,
    ms: performance.now() - started,
    schemaVersion: info.schemaVersion,
    replacedRows,
    rows: info.rows,
    removed,
  };
}

/**
 * Whether another connection has the SQLite database open: in WAL mode every open connection holds
 * a shared lock on the file, so an exclusive lock is refused (without waiting) while one does.
 */
export function heldByAnotherProcess(path: string): boolean {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true });
  } catch {
    return false;
  }
  try {
    // A lock that lasts: a process that just ended (its lock released a moment later) is not one.
    db.pragma('busy_timeout = 1000');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
  } finally {
    db.close();
  }
}

function rowsOfExisting(path: string): Record<string, number> {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch {
    // Not a database at all: nothing in it to lose, but say so rather than replace it silently.
    throw new FlowlensError(
      'CONFLICT',
      `${path} exists and is not a SQLite database; move it away, or restore into another --db`,
    );
  }
  try {
    return countRows(db);
  } catch (error) {
    throw new FlowlensError(
      'CONFLICT',
      `${path} exists and cannot be read (${(error as Error).message}); move it away, or restore into another --db`,
      { cause: error },
    );
  } finally {
    db.close();
  }
}

/** Rows per data table; tables the file does not have count as absent. */
function countRows(db: BetterSqlite3.Database): Record<string, number> {
  const tables = new Set(
    db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[],
  );
  const rows: Record<string, number> = {};
  for (const spec of TABLE_LIST) {
    if (!tables.has(spec.table)) continue;
    rows[spec.table] = Number(db.prepare(`select count(*) from "${spec.table}"`).pluck().get());
  }
  return rows;
}

/**
 * A copy made by the backup API keeps the source's WAL mode; switched to a rollback journal it is
 * one self-contained file (no `-wal`/`-shm` beside it). The store turns WAL on again when it opens.
 */
function toSingleFile(path: string): void {
  const db = new BetterSqlite3(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** A name in the target's directory, so the final rename stays on one file system (atomic). */
function temporaryBeside(target: string, purpose: string): string {
  return join(dirname(target), `.${basename(target)}.${purpose}-${randomBytes(4).toString('hex')}.tmp`);
}

function removeQuietly(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
}
