/**
 * Appends audit entries from a process of its own, so that a test can run several writers at once
 * against one database and check that the chain stays whole:
 *
 *   node --import tsx test/support/audit-child.ts --db <path-or-url> --count N --actor NAME
 *     [--start-at EPOCH_MS]
 *
 * Each entry is appended in its own transaction (`appendAudit` without a caller's transaction).
 * Prints `done <count>` when finished.
 */
import { parseArgs } from 'node:util';
import { appendAudit } from '../../src/audit/index.js';
import { openStore } from '../../src/store/index.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    count: { type: 'string' },
    actor: { type: 'string' },
    'start-at': { type: 'string' },
  },
});
if (values.db === undefined) {
  process.stderr.write('usage: audit-child.ts --db <path-or-url> --count N --actor NAME\n');
  process.exit(2);
}
const count = Number(values.count ?? 100);
const actor = values.actor ?? `child-${process.pid}`;
const store = await openStore({ db: values.db, env: {} });
// Writers started together begin appending at the same instant, whatever their start-up took.
const startAt = Number(values['start-at'] ?? 0);
if (startAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
try {
  for (let i = 0; i < count; i++)
    await appendAudit(store, {
      actor,
      action: 'test.append',
      kind: 'test',
      target: `${actor}-${i}`,
      summary: `entry ${i} of ${actor}`,
      after: { i },
    });
  process.stdout.write(`done ${count}\n`);
} finally {
  await store.close();
}
