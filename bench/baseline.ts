/**
 * The simplest possible importer, for comparison: every record its own INSERT … ON CONFLICT
 * statement, each committed on its own (autocommit), validated with the same schemas. Runs over
 * the first `limit` records of a file and reports its rate.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { validateRecord } from '../src/contract/index.js';
import { openStore, TABLES, type TableSpec, toStoredRow } from '../src/store/index.js';
import { usesIdKey } from '../src/store/tables.js';
import { buildSqliteUpsert, conflictClause } from '../src/store/upsert-sql.js';

export interface BaselineResult {
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
}

export async function runBaseline(database: string, file: string, limit: number): Promise<BaselineResult> {
  // Create the schema through the real store, then write with a plain connection.
  const store = await openStore({ db: database, env: {} });
  await store.close();
  const isPostgres = database.startsWith('postgres');
  const sqlite = isPostgres ? null : new BetterSqlite3(database);
  sqlite?.pragma('journal_mode = WAL');
  sqlite?.pragma('synchronous = NORMAL');
  const client = isPostgres ? new pg.Client({ connectionString: database }) : null;
  await client?.connect();
  const sqliteStatements = new Map<string, BetterSqlite3.Statement>();
  let records = 0;
  const started = performance.now();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (records >= limit) break;
    const result = validateRecord(JSON.parse(line));
    if (!result.ok) continue;
    const { kind, row } = toStoredRow(result.record);
    const spec = TABLES[kind] as TableSpec;
    const target = usesIdKey(spec, row) ? 'idKey' : 'key';
    if (sqlite !== null) {
      const key = `${kind}:${target}`;
      let statement = sqliteStatements.get(key);
      if (statement === undefined) {
        statement = sqlite.prepare(buildSqliteUpsert(spec, 1, target));
        sqliteStatements.set(key, statement);
      }
      statement.run(row, { batch: 1 });
    } else if (client !== null) {
      await client.query(postgresSingleRowUpsert(spec, target), [...row, 1]);
    }
    records++;
  }
  const seconds = (performance.now() - started) / 1000;
  sqlite?.close();
  await client?.end();
  return { records, seconds, recordsPerSecond: records / seconds };
}

function postgresSingleRowUpsert(spec: TableSpec, target: 'key' | 'idKey'): string {
  const columns = [...spec.columns.map((c) => `"${c.name}"`), 'created_batch', 'updated_batch'].join(', ');
  const values = spec.columns.map((_, i) => `$${i + 1}`).join(', ');
  const batch = `$${spec.columns.length + 1}::bigint`;
  return `INSERT INTO "${spec.table}" (${columns}) VALUES (${values}, ${batch}, ${batch}) ${conflictClause(spec, 'postgres', target)}`;
}
