/** The test server's discovery: a machine without PostgreSQL fails the run with what to do. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { defaultSearchDirs, findPostgresBinaries, startPostgresServer } from './postgres-server.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowlens-pg-search-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('fails with the package to install and the variable to set when there is no PostgreSQL', async () => {
  expect(findPostgresBinaries([dir])).toBeNull();
  const failure = startPostgresServer({ searchDirs: [dir] });
  await expect(failure).rejects.toThrow(/apt-get install postgresql/);
  await expect(failure).rejects.toThrow(/FLOWLENS_TEST_PG_URL/);
});

it('finds an installation through a symlink, in the directory of the real binaries', () => {
  const real = join(dir, 'lib', 'postgresql', '15', 'bin');
  const onPath = join(dir, 'bin');
  for (const path of [real, onPath]) mkdirSync(path, { recursive: true });
  for (const name of ['initdb', 'pg_ctl', 'postgres']) writeFileSync(join(real, name), '');
  symlinkSync(join(real, 'initdb'), join(onPath, 'initdb'));

  expect(findPostgresBinaries([onPath])).toBe(real);
  // pg_ctl and postgres missing next to a lone initdb: not an installation.
  rmSync(join(real, 'postgres'));
  expect(findPostgresBinaries([onPath])).toBeNull();
});

it('looks on PATH first', () => {
  expect(defaultSearchDirs()[0]).toBe((process.env.PATH ?? '').split(delimiter).find((d) => d !== ''));
});
