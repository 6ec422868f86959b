/**
 * Runs `flowlens sync`'s engine in its own process, so that a test can kill it with SIGKILL
 * mid-sync:
 *
 *   node --import tsx test/support/sync-child.ts --db <path-or-url> --config <flowlens.yaml>
 *
 * Secrets come from the environment, as for the CLI. Prints the summary as one JSON line.
 */
import { parseArgs } from 'node:util';
import { loadConfig, syncSources } from '../../src/connectors/index.js';
import { openStore } from '../../src/store/index.js';
import { FAST_POLICY } from './connectors.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, config: { type: 'string' } } });
if (values.db === undefined || values.config === undefined) {
  process.stderr.write('usage: sync-child.ts --db <path-or-url> --config <flowlens.yaml>\n');
  process.exit(2);
}
const store = await openStore({ db: values.db, env: {} });
try {
  const summary = await syncSources(store, loadConfig(values.config, process.env).config, {
    env: process.env,
    policy: FAST_POLICY,
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await store.close();
}
