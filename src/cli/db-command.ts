/** `flowlens db info`: where the data is, its schema version, what it holds and the last imports. */

import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { formatInstant } from '../contract/index.js';
import { isPostgresUrl, resolveDatabase, TABLE_LIST } from '../store/index.js';
import { type CliIo, formatCount, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

export function registerDbCommand(program: Command, io: CliIo): void {
  const db = program.command('db').description('the database: where it is and what it holds');
  db.command('info')
    .description('show the database location, schema version, record counts and recent imports')
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .action(async (flags: { db?: string; json?: boolean }) => {
      const location = resolveDatabase({ db: flags.db, env: io.env });
      if (!isPostgresUrl(location) && !existsSync(location)) {
        // Looking must not create: say where the database will be instead.
        if (flags.json === true)
          writeLine(io.stdout, JSON.stringify({ database: location, exists: false }, null, 2));
        else writeLine(io.stdout, `No database at ${location} yet; \`flowlens import\` creates it.`);
        return;
      }
      const info = await withStore(io, flags.db, async (store) => {
        const records: Record<string, number> = {};
        for (const spec of TABLE_LIST) {
          const row = await store.db
            .selectFrom(spec.table as 'work_items')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst();
          records[spec.kind] = Number(row?.n ?? 0);
        }
        const imports = await store.db
          .selectFrom('import_files')
          .select(['id', 'path', 'status', 'started_at', 'records', 'rejected'])
          .orderBy('id', 'desc')
          .limit(5)
          .execute();
        return {
          database: store.location,
          exists: true,
          store: store.dialect,
          schemaVersion: store.schemaVersion,
          records,
          recentImports: imports.map((i) => ({
            path: i.path,
            status: i.status,
            startedAt: formatInstant(Number(i.started_at)),
            records: Number(i.records),
            rejected: Number(i.rejected),
          })),
        };
      });
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify(info, null, 2));
        return;
      }
      writeLine(io.stdout, `Database: ${info.database} (${info.store}, schema ${info.schemaVersion})`);
      for (const [kind, count] of Object.entries(info.records))
        writeLine(io.stdout, `  ${kind.padEnd(12)} ${formatCount(count).padStart(12)}`);
      if (info.recentImports.length > 0) {
        writeLine(io.stdout, 'Recent imports:');
        for (const i of info.recentImports) {
          writeLine(
            io.stdout,
            `  ${i.startedAt}  ${i.status.padEnd(8)} ${formatCount(i.records)} record${i.records === 1 ? '' : 's'}, ${formatCount(i.rejected)} rejected  ${i.path}`,
          );
        }
      }
    });
}
