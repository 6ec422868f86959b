/**
 * `npm run bench:metrics`: the metric engine at scale. Generates the demo organisation (default
 * `large`: 1,000,000 work items, ~8.1M transitions, ~100,000 deployments), imports it into SQLite
 * (kept in .bench/ between runs), then, each phase in its own process so its peak memory is its own:
 * - rebuild: recompute every item's facts;
 * - serve, twice: server start to the first whole-organisation answer (cold) — first right after the
 *   rebuild (facts read from the database, snapshot written), then a restart (from the snapshot) —
 *   then the whole organisation over one year and one team over one quarter, all flow + DORA
 *   metrics, median of 10 runs (warm);
 * - baselines computing per-item flow time, active time and weekly throughput from the raw
 *   transitions with window-function SQL: (a) in SQLite, (b) in DuckDB.
 *
 * With --postgres, the same data is also imported into a throwaway PostgreSQL server (default
 * durability settings) and the rebuild and serve phases run there too.
 *
 * Options: --scale small|large|N, --until YYYY-MM-DD, --team T, --stores sqlite,postgres (default
 * sqlite; --postgres is short for both)
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { startPostgresServer } from '../test/support/postgres-server.js';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'large' },
    until: { type: 'string', default: '2026-11-01' },
    team: { type: 'string', default: 't-payments-api' },
    postgres: { type: 'boolean', default: false },
    stores: { type: 'string' },
  },
});
// --stores sqlite,postgres chooses the stores (default sqlite; --postgres is short for both).
const stores = (values.stores ?? (values.postgres === true ? 'sqlite,postgres' : 'sqlite')).split(',');
const scale = values.scale as string;
const until = values.until as string;
const benchDir = join(process.cwd(), '.bench');
mkdirSync(benchDir, { recursive: true });
const file = join(benchDir, `demo-${scale}-${until}.ndjson`);
const database = join(benchDir, `metrics-${scale}-${until}.db`);
const flowlens = join(process.cwd(), 'bin', 'flowlens');
const log = (text: string) => process.stderr.write(`${text}\n`);
const child = async (args: string[]) => {
  const { stdout } = await run('node', args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
};

if (!existsSync(file)) {
  const started = performance.now();
  await run(
    flowlens,
    ['demo', '--scale', scale, '--seed', '1', '--until', until, '--out', file, '--no-progress'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  log(
    `generated ${file} (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
const resultsFile = join(benchDir, `metrics-results-${scale}.json`);
// Results of a store not run this time are kept from the previous results file.
const results: Record<string, unknown> = {
  ...(existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {}),
  scale,
  until,
};
const serveArgs = (db: string) => [
  'bench/metrics-child.mjs',
  'serve',
  db,
  until,
  values.team as string,
  '10',
];
if (stores.includes('sqlite')) await sqlitePhases();
if (stores.includes('postgres')) await postgresPhases();
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

async function sqlitePhases(): Promise<void> {
  if (!existsSync(database)) {
    const imported = await child(['bench/import-child.mjs', database, file]);
    results.import = imported;
    log(`imported ${imported.records} records in ${imported.seconds.toFixed(1)} s`);
  }
  results.rebuild = await child(['bench/metrics-child.mjs', 'rebuild', database]);
  log(`rebuild: ${JSON.stringify(results.rebuild)}`);
  // The rebuild rewrote the facts, so the first start reads them from the database (and writes the
  // snapshot); a restart then loads the snapshot.
  results.serveFromDatabase = await child(serveArgs(database));
  log(`serve, first start after the rebuild: ${JSON.stringify(results.serveFromDatabase)}`);
  results.serve = await child(serveArgs(database));
  log(`serve, restart: ${JSON.stringify(results.serve)}`);
  results.sqliteSql = await child(['bench/metrics-child.mjs', 'sqlite-sql', database]);
  log(`sqlite window SQL: ${JSON.stringify(results.sqliteSql)}`);
  results.duckdbSql = await child(['bench/duckdb-baseline.mjs', file, database]);
  log(`duckdb window SQL: ${JSON.stringify(results.duckdbSql)}`);
  const serve = results.serve as { orgYear: { medianMs: number } };
  const sqlite = results.sqliteSql as { perItemMs: number; weeklyMs: number };
  const duck = results.duckdbSql as { perItemMs: number; weeklyMs: number };
  results.ratios = {
    sqliteSqlOverFlowlens: (sqlite.perItemMs + sqlite.weeklyMs) / serve.orgYear.medianMs,
    duckdbSqlOverFlowlens: (duck.perItemMs + duck.weeklyMs) / serve.orgYear.medianMs,
  };
}

async function postgresPhases(): Promise<void> {
  const server = await startPostgresServer({ durable: true });
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('create database bench_metrics');
    await admin.end();
    const url = new URL(server.adminUrl);
    url.pathname = '/bench_metrics';
    const database = url.toString();
    results.postgresImport = await child(['bench/import-child.mjs', database, file]);
    log(`postgres import: ${JSON.stringify(results.postgresImport)}`);
    results.postgresRebuild = await child(['bench/metrics-child.mjs', 'rebuild', database]);
    log(`postgres rebuild: ${JSON.stringify(results.postgresRebuild)}`);
    results.postgresServeFromDatabase = await child(serveArgs(database));
    log(
      `postgres serve, first start after the rebuild: ${JSON.stringify(results.postgresServeFromDatabase)}`,
    );
    results.postgresServe = await child(serveArgs(database));
    log(`postgres serve, restart: ${JSON.stringify(results.postgresServe)}`);
  } finally {
    await server.stop();
  }
}
