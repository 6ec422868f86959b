/**
 * Runs `importFiles` in its own process, so that a test can kill it with SIGKILL mid-import:
 *
 *   node --import tsx test/support/import-child.ts --db <path-or-url> [--batch-size N]
 *     [--pause-ms N] [--parallel auto|always|never] [--strict] [--source S] <file>…
 *
 * `--pause-ms` waits before each batch is written (outside the transaction), to leave a test the
 * time to interrupt an import of a small file. Prints the summary as one JSON line.
 */
import { parseArgs } from 'node:util';
import { importFiles } from '../../src/ingest/index.js';
import { openStore, type Store } from '../../src/store/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    'batch-size': { type: 'string' },
    'pause-ms': { type: 'string' },
    parallel: { type: 'string' },
    strict: { type: 'boolean' },
    source: { type: 'string' },
  },
});
if (values.db === undefined || positionals.length === 0) {
  process.stderr.write('usage: import-child.ts --db <path-or-url> [options] <file>…\n');
  process.exit(2);
}

const pauseMs = Number(values['pause-ms'] ?? 0);
const opened = await openStore({ db: values.db, env: {} });
const store: Store =
  pauseMs > 0
    ? {
        ...opened,
        importLog: {
          ...opened.importLog,
          commitBatch: async (input) => {
            await new Promise((resolve) => setTimeout(resolve, pauseMs));
            return opened.importLog.commitBatch(input);
          },
        },
      }
    : opened;
try {
  const summary = await importFiles(store, positionals, {
    ...(values['batch-size'] === undefined ? {} : { batchSize: Number(values['batch-size']) }),
    ...(values.strict === true ? { strict: true } : {}),
    ...(values.source === undefined ? {} : { source: values.source }),
    ...(values.parallel === undefined ? {} : { parallel: values.parallel as 'auto' | 'always' | 'never' }),
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await opened.close();
}
