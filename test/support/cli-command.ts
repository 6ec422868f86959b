/**
 * How a test runs the real `flowlens` command as a child process (`flowlens start`, killed with
 * SIGKILL and started again): the arguments to give `process.execPath` before the CLI's own.
 *
 * - The build (`bin/flowlens`, which runs dist/cli/entry.js) when it is up to date: every file of
 *   src/ has its compiled file in dist/, at least as new as the source. `npm install` / `npm ci`
 *   build (the `prepare` script), and so does `.ci/run` before the tests, so in CI this is the case.
 *   It starts in about half the time of the sources through tsx, which transpiles the whole import
 *   graph on each start (measured: ~2.7 s against ~5.5 s to "serving on" for `flowlens start`).
 * - Otherwise the sources through tsx (`node --import tsx src/cli/entry.ts`), so that a developer
 *   who edited src/ without building still tests what they wrote.
 *
 * FLOWLENS_TEST_CLI=source (or =build) forces one or the other; =build fails when the build is
 * missing or older than the sources, naming the fix.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: the working directory to give the child. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const BIN = join(ROOT, 'bin', 'flowlens');
const ENTRY = join(SRC, 'cli', 'entry.ts');

/** The first source file whose compiled file is missing or older, or undefined when all are built. */
export function staleSource(): string | undefined {
  const walk = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = walk(path);
        if (found !== undefined) return found;
        continue;
      }
      // Unit tests next to the code are not compiled (tsconfig.build.json).
      if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      const built = join(DIST, `${relative(SRC, path).slice(0, -'.ts'.length)}.js`);
      let builtAt: number;
      try {
        builtAt = statSync(built).mtimeMs;
      } catch {
        return relative(ROOT, path);
      }
      if (builtAt < statSync(path).mtimeMs) return relative(ROOT, path);
    }
    return undefined;
  };
  return walk(SRC);
}

let chosen: { args: readonly string[]; built: boolean } | undefined;

/**
 * The arguments of `node` that run the CLI, to be followed by the CLI's own:
 * `spawn(process.execPath, [...cliCommand().args, 'start', …], { cwd: ROOT })`.
 * Decided once per test file.
 */
export function cliCommand(): { args: readonly string[]; built: boolean } {
  if (chosen !== undefined) return chosen;
  const wanted = process.env.FLOWLENS_TEST_CLI;
  if (wanted !== undefined && wanted !== '' && wanted !== 'source' && wanted !== 'build')
    throw new Error(`FLOWLENS_TEST_CLI is "${wanted}"; set it to "source" or "build", or unset it.`);
  const source = { args: ['--import', 'tsx', ENTRY], built: false } as const;
  const build = { args: [BIN], built: true } as const;
  if (wanted === 'source') chosen = source;
  else {
    const stale = staleSource();
    if (wanted === 'build' && stale !== undefined)
      throw new Error(
        `FLOWLENS_TEST_CLI=build, but the build is older than ${stale} (or missing); run \`npm run build:server\`, or unset FLOWLENS_TEST_CLI to test the sources.`,
      );
    chosen = stale === undefined ? build : source;
  }
  return chosen;
}
