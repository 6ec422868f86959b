/**
 * `npm run bench:import`: generates an interchange file (default 1,000,000 work items with 8
 * transitions each, 9,000,040 records) and imports it into a fresh SQLite and a fresh PostgreSQL
 * database with the real importer, each in its own process, measuring records/s and peak memory.
 * In the same run, the simplest baseline (one INSERT per record, each its own statement and
 * transaction) imports the first records of the same file, and the ratio is reported.
 *
 * Options: --items N, --transitions N, --baseline-records N, --stores sqlite,postgres, --keep
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { startPostgresServer } from '../test/support/postgres-server.js';
import { runBaseline } from './baseline.js';
import { generateInterchange } from './generate-interchange.js';

const run = promisify(execFile);

interface ChildResult {
  records: number;
  rejected: number;
  seconds: number;
  recordsPerSecond: number;
  maxRssBytes: number;
}

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    transitions: { type: 'string', default: '8' },
    'baseline-records': { type: 'string', default: '200000' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    keep: { type: 'boolean', default: false },
  },
});
const items = Number(values.items);
const transitions = Number(values.transitions);
const baselineRecords = Number(values['baseline-records']);
const stores = (values.stores ?? '').split(',');

const benchDir = join(process.cwd(), '.bench');
mkdirSync(benchDir, { recursive: true });
const file = join(benchDir, `interchange-${items}x${transitions}.ndjson`);
if (!existsSync(file)) {
  const started = performance.now();
  const records = await generateInterchange({ path: file, items, transitionsPerItem: transitions });
  log(
    `generated ${records.toLocaleString('en-US')} records (${mib(statSync(file).size)}) in ${seconds(started)}`,
  );
} else {
  log(`using ${file} (${mib(statSync(file).size)})`);
}

const work = mkdtempSync(join(tmpdir(), 'flowlens-bench-'));
const results: Record<string, unknown> = {
  items,
  transitionsPerItem: transitions,
  fileBytes: statSync(file).size,
};
try {
  if (stores.includes('sqlite')) {
    const importer = await importInChild(join(work, 'import.db'), file);
    report('SQLite', importer);
    const baseline = await runBaseline(join(work, 'baseline.db'), file, baselineRecords);
    reportBaseline('SQLite', baseline, importer);
    results.sqlite = { importer, baseline, ratio: importer.recordsPerSecond / baseline.recordsPerSecond };
  }
  if (stores.includes('postgres')) {
    // PostgreSQL's default durability (fsync, synchronous commit), unlike the test server.
    const server = await startPostgresServer({ durable: true });
    try {
      const importUrl = await createDatabase(server.adminUrl, 'bench_import');
      const importer = await importInChild(importUrl, file);
      report('PostgreSQL', importer);
      const baseline = await runBaseline(
        await createDatabase(server.adminUrl, 'bench_baseline'),
        file,
        baselineRecords,
      );
      reportBaseline('PostgreSQL', baseline, importer);
      results.postgres = { importer, baseline, ratio: importer.recordsPerSecond / baseline.recordsPerSecond };
    } finally {
      await server.stop();
    }
  }
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
writeFileSync(join(benchDir, 'import-results.json'), `${JSON.stringify(results, null, 2)}\n`);
log(`results written to ${join(benchDir, 'import-results.json')}`);

async function importInChild(database: string, path: string): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, [join('bench', 'import-child.mjs'), database, path], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function report(store: string, r: ChildResult): void {
  log(
    `${store}: ${r.records.toLocaleString('en-US')} records in ${r.seconds.toFixed(1)} s = ` +
      `${Math.round(r.recordsPerSecond).toLocaleString('en-US')} records/s, peak memory ${mib(r.maxRssBytes)}`,
  );
}

function reportBaseline(
  store: string,
  b: { records: number; seconds: number; recordsPerSecond: number },
  r: ChildResult,
): void {
  log(
    `${store} baseline (one INSERT per record, autocommit): ${b.records.toLocaleString('en-US')} records in ${b.seconds.toFixed(1)} s = ` +
      `${Math.round(b.recordsPerSecond).toLocaleString('en-US')} records/s; importer is ${(r.recordsPerSecond / b.recordsPerSecond).toFixed(1)}× faster`,
  );
}

function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MiB`;
}

function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}
