// `npm start`: builds dist/ when it is missing or older than src/, then runs
// `flowlens start --demo`. Arguments after `npm start --` are passed on (e.g. `npm start -- --port 8080`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'cli', 'entry.js');

/** The latest modification time of the TypeScript sources the build compiles. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestSource(join(root, 'src')),
  statSync(join(root, 'tsconfig.json')).mtimeMs,
  statSync(join(root, 'tsconfig.build.json')).mtimeMs,
);
if (!existsSync(entry) || statSync(entry).mtimeMs < sources) {
  process.stderr.write(existsSync(entry) ? 'src/ changed since the last build: building…\n' : 'Building…\n');
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    process.stderr.write('npm start: the build failed; fix the errors above and run `npm start` again.\n');
    process.exit(build.status ?? 1);
  }
}

// Run the CLI in this process, as `flowlens start --demo …`: signals (Ctrl-C) reach it directly.
process.argv.splice(2, process.argv.length - 2, 'start', '--demo', ...process.argv.slice(2));
await import(pathToFileURL(entry).href);
