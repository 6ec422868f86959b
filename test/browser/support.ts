/**
 * What the browser tests stand on: a Flowlens server (the built CLI, as a process) on a temporary
 * SQLite database loaded with a fixed demo organisation, Debian's Chromium driven by
 * playwright-core, and a page that records console errors. The server runs in demo mode (anonymous
 * visitors read) with a known administrator password: tests that change data sign in (`signIn`),
 * and Node-side calls use an admin API token (`authHeaders`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const OUTPUT = join(ROOT, 'test-output');
export const SCREENS = join(OUTPUT, 'screens');
export const CHROMIUM = process.env.FLOWLENS_CHROMIUM ?? '/usr/bin/chromium';

/** The demo organisation of the tests: fixed seed and end, so every run sees the same data. */
export const DEMO = { seed: 7, scale: 50_000, until: '2026-06-01' } as const;

/** The administrator the first start creates (FLOWLENS_ADMIN_PASSWORD). */
export const ADMIN = { name: 'admin', password: 'browser tests admin password' } as const;

export interface Server {
  readonly url: string;
  readonly dir: string;
  /** An admin API token, for calls from the test itself. */
  readonly token: string;
  /** The server's output so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Loads the demo into a new database and starts `flowlens start` on a free port: with `--demo`
 * (anonymous visitors read) unless `demo: false` (every route needs a sign-in).
 */
/** The built CLI, or an error that says to build it. */
export function builtCli(): string {
  if (
    !existsSync(join(ROOT, 'dist', 'web', 'index.html')) ||
    !existsSync(join(ROOT, 'dist', 'cli', 'entry.js'))
  )
    throw new Error('dist/ is not built: run `npm run build` (npm run test:browser does)');
  return join(ROOT, 'bin', 'flowlens');
}

/**
 * Loads the demo organisation (DEMO) into `dir/demo.db` with `flowlens demo`. The global setup
 * (test/browser/global-setup.ts) does it once per run; each server gets a copy of that directory.
 */
export function generateDemo(dir: string): void {
  const demo = spawnSync(
    process.execPath,
    [
      builtCli(),
      'demo',
      '--db',
      join(dir, 'demo.db'),
      '--seed',
      String(DEMO.seed),
      '--scale',
      String(DEMO.scale),
      '--until',
      DEMO.until,
      '--no-progress',
    ],
    { encoding: 'utf8' },
  );
  if (demo.status !== 0) throw new Error(`flowlens demo failed:\n${demo.stderr}`);
}

/**
 * Starts `flowlens start` on a free port on a new database with the demo (a copy of the run's
 * generated one, or generated here when the global setup did not run): with `--demo` (anonymous
 * visitors read) unless `demo: false` (every route needs a sign-in).
 */
export async function startServer(options: { demo?: boolean } = {}): Promise<Server> {
  const cli = builtCli();
  const dir = mkdtempSync(join(tmpdir(), 'flowlens-browser-'));
  const db = join(dir, 'demo.db');
  const generated = inject('browserDemoDir');
  if (generated === undefined) generateDemo(dir);
  else cpSync(generated, dir, { recursive: true });
  const created = spawnSync(
    process.execPath,
    [cli, 'token', 'create', '--name', 'browser-tests', '--role', 'admin', '--json', '--db', db],
    { encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`flowlens token create failed:\n${created.stderr}`);
  const token = (JSON.parse(created.stdout) as { token: string }).token;
  const args = [cli, 'start', '--db', db, '--port', '0', ...(options.demo === false ? [] : ['--demo'])];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FLOWLENS_LOG_LEVEL: 'error', FLOWLENS_ADMIN_PASSWORD: ADMIN.password },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+?) /.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dir,
    token,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENS, { recursive: true });
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page whose console errors, uncaught exceptions and failed requests are collected. */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Requests the app cancels on purpose (a query superseded by navigation) are not failures.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, problems };
}

/** Signs the page's browser context in as the administrator (the session cookie); the app reads it on load. */
export async function signIn(page: Page, server: Server): Promise<void> {
  const response = await page.request.post(`${server.url}/api/v1/session`, { data: ADMIN });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}

/** The Authorization header of the admin token, for requests the test makes itself. */
export function authHeaders(server: Server): Record<string, string> {
  return { authorization: `Bearer ${server.token}` };
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage });
}

/** GET from the API, as JSON. */
export async function api<T = Record<string, unknown>>(
  server: Server,
  path: string,
  params: Record<string, string | number> = {},
): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const response = await fetch(`${server.url}/api/v1${path}${query.size === 0 ? '' : `?${query}`}`, {
    headers: authHeaders(server),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
