/**
 * `flowlens backup --to FILE` and `flowlens restore --from FILE`: a consistent online copy of the
 * embedded SQLite database (while a server keeps writing), checked before it is kept, and its
 * restore — checked, refused over data without --force or while a server has the database open,
 * atomic. On PostgreSQL both print the `pg_dump` / `pg_restore` commands to use instead and exit 2:
 * PostgreSQL's own tools make consistent dumps of a live server, and Flowlens does not need to stand
 * in for them. The store code is in src/store/backup.ts; docs/operations.md is the reference.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FlowlensError } from '../domain/index.js';
import {
  type BackupReport,
  backupSqlite,
  isPostgresUrl,
  type RestoreReport,
  redactUrl,
  resolveDatabase,
  restoreSqlite,
} from '../store/index.js';
import { type CliIo, formatBytes, formatCount, formatDuration, writeLine } from './io.js';

interface BackupFlags {
  readonly to?: string;
  readonly db?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

interface RestoreFlags {
  readonly from?: string;
  readonly db?: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

/** Exit code of the PostgreSQL guidance: the command did not do the work (as a usage error). */
const POSTGRES_GUIDANCE_EXIT = 2;

export function registerBackupCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('backup')
    .description('copy the SQLite database to a file, online (a server may keep running)')
    .requiredOption('--to <file>', 'the backup file to write')
    .option(
      '--db <path-or-url>',
      'database: a SQLite file path or a postgres:// URL (default: $FLOWLENS_DB, else flowlens.db in $FLOWLENS_HOME)',
    )
    .option('--force', 'replace the --to file when it exists')
    .option('--json', 'print what was done as one JSON document')
    .addHelpText(
      'after',
      `
The copy is one consistent state of the database (SQLite's online backup API), checked with
PRAGMA integrity_check before it is kept. The facts snapshot (flowlens.db.facts) is not copied: it
is rebuilt from the database. On PostgreSQL this prints the pg_dump command to use instead.

Examples:
  flowlens backup --to /backups/flowlens-$(date +%F).db
  flowlens restore --from /backups/flowlens-2025-06-01.db --db /srv/flowlens/flowlens.db`,
    )
    .action(async (flags: BackupFlags) => {
      const database = resolveDatabase({ db: flags.db, env: io.env });
      if (isPostgresUrl(database)) {
        postgresGuidance(io, 'backup', database, flags.to ?? 'flowlens.dump');
        setExitCode(POSTGRES_GUIDANCE_EXIT);
        return;
      }
      const report = await backupSqlite(database, resolve(flags.to ?? ''), {
        overwrite: flags.force === true,
      });
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(report, null, 2));
      else printBackup(io, report);
    });

  program
    .command('restore')
    .description('replace the SQLite database by a backup made with `flowlens backup`')
    .requiredOption('--from <file>', 'the backup file')
    .option(
      '--db <path-or-url>',
      'the database to restore into (default: $FLOWLENS_DB, else flowlens.db in $FLOWLENS_HOME)',
    )
    .option('--force', 'replace a database that holds data')
    .option('--json', 'print what was done as one JSON document')
    .addHelpText(
      'after',
      `
The backup is checked first (a Flowlens database, intact, of a schema version this Flowlens knows).
A database that holds data is replaced only with --force, and never while a server or another
command has it open: stop it first. The restore is atomic: the copy is written beside the database
and renamed into place; the old -wal/-shm files and the facts snapshot are removed. A backup of an
older schema version is brought up to date when the database is next opened. On PostgreSQL this
prints the pg_restore command to use instead.`,
    )
    .action(async (flags: RestoreFlags) => {
      const database = resolveDatabase({ db: flags.db, env: io.env });
      if (isPostgresUrl(database)) {
        postgresGuidance(io, 'restore', database, flags.from ?? 'flowlens.dump');
        setExitCode(POSTGRES_GUIDANCE_EXIT);
        return;
      }
      if (flags.from === undefined)
        throw new FlowlensError('INVALID_ARGUMENT', '--from: give the backup file');
      const report = await restoreSqlite(resolve(flags.from), database, { force: flags.force === true });
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(report, null, 2));
      else printRestore(io, report);
    });
}

function totalRows(rows: Readonly<Record<string, number>>): number {
  return Object.values(rows).reduce((n, c) => n + c, 0);
}

function printBackup(io: CliIo, report: BackupReport): void {
  writeLine(
    io.stdout,
    `Backed up ${report.source} to ${report.target}: ${formatBytes(report.bytes)}, ` +
      `${formatCount(totalRows(report.rows))} records, schema ${report.schemaVersion}, in ${formatDuration(report.ms)}.`,
  );
  writeLine(io.stdout, 'The copy passed PRAGMA integrity_check.');
}

function printRestore(io: CliIo, report: RestoreReport): void {
  const replaced = totalRows(report.replacedRows);
  writeLine(
    io.stdout,
    `Restored ${report.source} into ${report.target}: ${formatBytes(report.bytes)}, ` +
      `${formatCount(totalRows(report.rows))} records, schema ${report.schemaVersion}, in ${formatDuration(report.ms)}` +
      `${replaced > 0 ? ` (replacing ${formatCount(replaced)} records)` : ''}.`,
  );
  if (report.removed.length > 0) writeLine(io.stdout, `Removed ${report.removed.join(', ')}.`);
}

/** The URL without its password: the commands are printed, and passwords go in ~/.pgpass or PGPASSWORD. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return redactUrl(url);
  }
}

function postgresGuidance(io: CliIo, command: 'backup' | 'restore', url: string, file: string): void {
  const target = withoutPassword(url);
  writeLine(
    io.stderr,
    `flowlens ${command}: the database is PostgreSQL (${redactUrl(url)}); use PostgreSQL's own tools, which ` +
      'copy a live server consistently:',
  );
  if (command === 'backup') {
    writeLine(io.stderr, `  pg_dump --format=custom --file '${file}' '${target}'`);
    writeLine(io.stderr, 'Then check it lists: pg_restore --list FILE > /dev/null');
  } else {
    writeLine(
      io.stderr,
      `  pg_restore --clean --if-exists --no-owner --single-transaction --dbname '${target}' '${file}'`,
    );
    writeLine(
      io.stderr,
      'Stop `flowlens start` first; it reads the facts from the database when it starts again.',
    );
  }
  writeLine(
    io.stderr,
    'The password is not shown: give it in ~/.pgpass or PGPASSWORD. docs/operations.md has the details.',
  );
}
