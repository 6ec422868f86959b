// Runs one import in its own process (so its peak memory is its own) and prints one JSON line:
// the import summary's totals, the duration and the process's peak resident memory.
// Usage: node bench/import-child.mjs <database> <file>
import { importFiles } from '../dist/ingest/index.js';
import { openStore } from '../dist/store/index.js';

const [database, file] = process.argv.slice(2);
const store = await openStore({ db: database, env: {} });
const started = performance.now();
const summary = await importFiles(store, [file]);
const seconds = (performance.now() - started) / 1000;
await store.close();
process.stdout.write(
  `${JSON.stringify({
    records: summary.totals.records,
    rejected: summary.totals.rejected,
    seconds,
    recordsPerSecond: summary.totals.records / seconds,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    unresolved: summary.unresolved,
  })}\n`,
);
