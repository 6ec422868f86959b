// `npm start`: builds the server (dist/) when it is missing or older than src/, and the web UI
// (dist/web) when it is missing or older than web/, then runs `flowlens start --demo`.
// Arguments after `npm start --` are passed on (e.g. `npm start -- --port 8080`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'cli', 'entry.js');

/** The latest modification time of the files under `dir` that `keep` accepts. */
function newest(dir, keep) {
  let time = 0;
  if (!existsSync(dir)) return time;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) time = Math.max(time, newest(path, keep));
    else if (keep(entry.name)) time = Math.max(time, statSync(path).mtimeMs);
  }
  return time;
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const notTest = (name) => !/\.test\.tsx?$/.test(name);

/** Runs `npm run <script>`; exits with its status when it fails. */
function run(script, why) {
  process.stderr.write(`${why}: npm run ${script}…\n`);
  const build = spawnSync('npm', ['run', script], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    process.stderr.write('npm start: the build failed; fix the errors above and run `npm start` again.\n');
    process.exit(build.status ?? 1);
  }
}

// The server: the TypeScript sources tsc compiles.
const serverSources = Math.max(
  newest(join(root, 'src'), (name) => name.endsWith('.ts') && notTest(name)),
  mtime(join(root, 'tsconfig.json')),
  mtime(join(root, 'tsconfig.build.json')),
);
if (!existsSync(entry)) run('build:server', 'The server is not built');
else if (mtime(entry) < serverSources) run('build:server', 'src/ changed since the last build');

// The web UI: what Vite bundles.
const webIndex = join(root, 'dist', 'web', 'index.html');
const webSources = Math.max(newest(join(root, 'web'), notTest), mtime(join(root, 'package-lock.json')));
if (!existsSync(webIndex)) run('build:web', 'The web UI is not built');
else if (mtime(webIndex) < webSources) run('build:web', 'web/ changed since the last build');

// Run the CLI in this process, as `flowlens start --demo …`: signals (Ctrl-C) reach it directly.
process.argv.splice(2, process.argv.length - 2, 'start', '--demo', ...process.argv.slice(2));
await import(pathToFileURL(entry).href);
