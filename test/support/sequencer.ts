/**
 * The order in which `npm test` starts its files. Vitest starts the files that took longest in the
 * previous run first, which keeps the workers busy to the end; without a previous run (a fresh
 * clone, as in CI) it starts the largest files first, and a small file that takes minutes (the
 * crash tests) may start last and run alone while the other workers wait. So when no file has a
 * recorded duration, the files below (the slowest, measured) start first, in this order; the rest
 * follow in Vitest's own order. Only the order changes: every file runs, as it would anyway.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest files of the suite, slowest first, as measured in a whole run (`npx vitest run
 * --reporter=json --outputFile=…`, each file's end time minus its start time; 2026-11-21, after
 * the engine read small stores' facts in process: 125, 54, 49, 42, 37, 36, 32, 29, 29, 26, 24 and
 * 21 s).
 */
const SLOWEST_FIRST = [
  'test/crash.test.ts',
  'test/import-crash.test.ts',
  'test/annotations.test.ts',
  'test/reconcile.test.ts',
  'test/hostile/webhooks.test.ts',
  'test/hostile/connectors.test.ts',
  'test/hostile/import.test.ts',
  'test/connectors-github.test.ts',
  'test/import-idempotency.test.ts',
  'test/engine.test.ts',
  'test/audit.test.ts',
  'test/metrics-oracle.test.ts',
];

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const path = (file: TestSpecification) => relative(root, file.moduleId).split('\\').join('/');
    const measured = files.some(
      (file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${path(file)}`) !== undefined,
    );
    if (measured) return sorted;
    const rank = (file: TestSpecification) => {
      const index = SLOWEST_FIRST.indexOf(path(file));
      return index === -1 ? SLOWEST_FIRST.length : index;
    };
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
