/**
 * Vitest global setup of the browser tests: generates the demo organisation (fixed seed and end,
 * test/browser/support.ts DEMO) once for the run, with its facts snapshot (`demo.db.facts`, written
 * by `flowlens metrics` as by the server's first start), and hands the directory to the tests with
 * `provide` (read with `inject('browserDemoDir')`). Every server starts on a copy of it instead of
 * generating the same data and computing the same facts again; the directory is removed at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { builtCli, DEMO, generateDemo } from './support.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A directory with the generated demo (`demo.db`, `demo.db.facts`); never opened by a server. */
    browserDemoDir?: string;
  }
}

let dir: string | null = null;

export function setup(project: TestProject): void {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-browser-demo-'));
  generateDemo(dir);
  const db = join(dir, 'demo.db');
  const metrics = spawnSync(
    process.execPath,
    [builtCli(), 'metrics', '--db', db, '--from', '2026-05-01', '--to', DEMO.until, '--json'],
    { encoding: 'utf8' },
  );
  if (metrics.status !== 0 || !existsSync(`${db}.facts`))
    throw new Error(
      `flowlens metrics did not write the demo's facts snapshot ${db}.facts:\n${metrics.stderr}`,
    );
  project.provide('browserDemoDir', dir);
}

export function teardown(): void {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
}
