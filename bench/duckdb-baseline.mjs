// Baseline (b): the same SQL in DuckDB, over the transitions of the interchange file loaded into an
// in-memory DuckDB table (the load is timed apart). Prints one JSON line.
// Usage: node bench/duckdb-baseline.mjs <interchange.ndjson> <sqlite database with the mappings>
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { PER_ITEM_SQL, WEEKLY_SQL } from './baseline-sql.mjs';

const [file, database] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const t0 = performance.now();
await db.run(`create table transitions as
  select source, item, epoch_ms(cast("at" as timestamptz)) as "at", "from" as from_status, "to" as to_status
  from read_json('${file.replaceAll("'", "''")}', format = 'newline_delimited',
    columns = {kind: 'VARCHAR', source: 'VARCHAR', item: 'VARCHAR', "at": 'VARCHAR', "from": 'VARCHAR', "to": 'VARCHAR'})
  where kind = 'transition'`);
await db.run('create table bench_states (source varchar, status varchar, state varchar)');
const sqlite = new Database(database, { readonly: true });
const appender = await db.createAppender('bench_states');
for (const m of sqlite.prepare("select source, statuses from mappings where team = ''").all())
  for (const [status, c] of Object.entries(JSON.parse(m.statuses))) {
    appender.appendVarchar(m.source);
    appender.appendVarchar(status);
    appender.appendVarchar(c.state);
    appender.endRow();
  }
appender.closeSync();
sqlite.close();
const loadMs = performance.now() - t0;
const time = async (text) => {
  const times = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const reader = await db.runAndReadAll(text);
    rows = reader.currentRowCount;
    times.push(performance.now() - t);
  }
  return { ms: times.sort((a, b) => a - b)[1], rows };
};
const perItem = await time(PER_ITEM_SQL);
const weekly = await time(WEEKLY_SQL);
process.stdout.write(
  `${JSON.stringify({ loadMs, perItemMs: perItem.ms, items: perItem.rows, weeklyMs: weekly.ms, weeks: weekly.rows, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
