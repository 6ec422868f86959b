/**
 * `flowlens start`: opens the database, loads the metric engine and serves the HTTP API until
 * SIGINT or SIGTERM; with `--demo`, an empty database gets the demo organisation first. Every API
 * route but the public ones needs a login or an API token; with `--demo`, anonymous visitors may
 * read (writes still need a login). On a database without accounts the first start creates the
 * administrator `admin`, with the password from `FLOWLENS_ADMIN_PASSWORD` or a generated one,
 * printed this once.
 */
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { ensureFirstAdmin } from '../auth/users.js';
import { loadConfig } from '../connectors/index.js';
import {
  describeReconcile,
  type Liveness,
  parseEvery,
  reconcileSources,
  recordReconcile,
  schedulePeriodic,
  startLiveness,
  webhookSources,
} from '../connectors/reconcile.js';
import { FlowlensError } from '../domain/index.js';
import { defaultSnapshotPath, MetricsEngine } from '../engine/index.js';
import { API_PREFIX, buildServer } from '../server/index.js';
import { openStore, type Store } from '../store/index.js';
import { loadDemoOrganisation } from './demo-command.js';
import { type CliIo, formatCount, formatDuration, writeLine } from './io.js';
import { DB_OPTION } from './options.js';

export const DEFAULT_PORT = 4400;
export const DEFAULT_HOST = '127.0.0.1';

interface StartFlags {
  readonly config?: string;
  readonly port?: string;
  readonly host?: string;
  readonly demo?: boolean;
  readonly db?: string;
  readonly trustProxy?: boolean;
}

export interface StartOptions {
  /** flowlens.yaml (webhook secrets and sources): `--config`, else `$FLOWLENS_CONFIG`, else in `$FLOWLENS_HOME`. */
  readonly config?: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly demo: boolean;
  readonly db?: string | undefined;
  /** Behind a reverse proxy: trust X-Forwarded-For and X-Forwarded-Proto. */
  readonly trustProxy?: boolean;
}

export function registerStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('serve the HTTP API (and, later, the web dashboard)')
    .option('--port <port>', `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`)
    .option('--host <host>', `address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for every interface)`)
    .option(
      '--demo',
      'demo mode: anonymous visitors may read (writes need a login); loads the demo organisation into an empty database',
    )
    .option(
      '--trust-proxy',
      'behind a reverse proxy: trust its X-Forwarded-For and X-Forwarded-Proto headers',
    )
    .option(...DB_OPTION)
    .option(
      '--config <path>',
      'flowlens.yaml, for the webhook secrets and sources (default: $FLOWLENS_CONFIG, else in $FLOWLENS_HOME)',
    )
    .addHelpText(
      'after',
      `
The API is described at /api/v1/openapi.json. Stop the server with Ctrl-C (SIGINT) or SIGTERM.
Every API route but /api/v1/health, the sign-in and the webhooks needs a login or an API token
(\`flowlens token create\`). The first start creates the administrator "admin" and prints its
password once (or takes it from FLOWLENS_ADMIN_PASSWORD). Security: docs/security.md.

Examples:
  flowlens start --demo
  flowlens start --port 8080 --host 0.0.0.0 --db postgres://flowlens@db.internal/flowlens`,
    )
    .action(async (flags: StartFlags) => {
      const options: StartOptions = {
        port: parsePort(flags.port),
        host: flags.host ?? DEFAULT_HOST,
        demo: flags.demo === true,
        db: flags.db,
        config: flags.config,
        trustProxy: flags.trustProxy === true,
      };
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await serve(io, options, stop.signal);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/**
 * Runs the server until `signal` aborts, then closes the server and the store. `onListening` gets
 * the running server (tests use it to find the port).
 */
export async function serve(
  io: CliIo,
  options: StartOptions,
  signal: AbortSignal,
  onListening?: (app: FastifyInstance, url: string) => void,
): Promise<void> {
  const started = performance.now();
  // An invalid configuration stops the start before anything is opened.
  const loaded = loadConfig(options.config, io.env);
  // The server commits on the thread that answers requests: the write-ahead log is copied back
  // into the database on a worker thread instead of inside those commits (wal-checkpointer.ts).
  const store = await openStore({
    db: options.db,
    env: io.env,
    sqlite: {
      checkpointInBackground: {
        onFailure: (message) =>
          writeLine(io.stderr, `warning: ${message}; the server checkpoints by itself again`),
      },
    },
  });
  let app: FastifyInstance | undefined;
  let engine: MetricsEngine | undefined;
  let liveness: Liveness | undefined;
  let reconciling: Promise<void> | undefined;
  let reconciled = false;
  let periodic: { stop(): Promise<void> } | undefined;
  try {
    const openMs = performance.now() - started;
    if (options.demo) await loadDemoIfEmpty(io, store);
    const admin = await ensureFirstAdmin(store, io.env);
    if (admin.created)
      writeLine(
        io.stdout,
        admin.generated
          ? `Created the administrator "${admin.name}" with the password ${admin.password} — shown only this once; ` +
              `change it with \`flowlens user passwd ${admin.name}\`.`
          : `Created the administrator "${admin.name}" with the password from FLOWLENS_ADMIN_PASSWORD.`,
      );
    const engineStarted = performance.now();
    let fromSnapshot = false;
    engine = await MetricsEngine.open(store, {
      snapshotPath: await defaultSnapshotPath(store, io.env),
      onSnapshot: (event) => {
        if (event.kind === 'loaded') fromSnapshot = true;
        if (event.kind === 'not-saved')
          writeLine(
            io.stderr,
            `The facts snapshot was not written (${event.reason}); the next start reads the database.`,
          );
      },
    });
    const engineMs = performance.now() - engineStarted;
    writeLine(
      io.stdout,
      `Opened ${store.location} (${store.dialect}, schema ${store.schemaVersion}) and loaded the facts of ` +
        `${formatCount(engine.index.live)} work items in ${formatDuration(openMs + engineMs)} ` +
        `(database ${formatDuration(openMs)}, metric engine ${formatDuration(engineMs)}` +
        `${fromSnapshot ? ', from the facts snapshot' : ''}).`,
    );
    if (signal.aborted) return;
    app = await buildServer({
      store,
      engine,
      demo: options.demo,
      auth: {
        mode: options.demo ? 'demo' : 'required',
        oidc: loaded.config.auth?.oidc ?? null,
        env: io.env,
      },
      trustProxy: options.trustProxy === true,
      logger: { level: io.env.FLOWLENS_LOG_LEVEL ?? 'warn' },
      webhooks: { config: loaded.exists ? loaded.config : null, env: io.env },
    });
    const address = await listen(app, options);
    // Gap detection (src/connectors/reconcile.ts): deliveries sent while no server listened are
    // fetched by a reconcile poll of the sources that receive webhooks, in the background. Recorded
    // once listening, so a start that fails (port in use) leaves the previous run's verdict standing.
    liveness = await startLiveness(store, { gapMinutes: loaded.config.reconcile.gapMinutes });
    const sources = webhookSources(loaded.config, io.env);
    if (liveness.verdict.gap && loaded.config.reconcile.onStart && sources.length > 0) {
      const reason = liveness.verdict.reason;
      const runId = liveness.runId;
      const refreshed = engine;
      writeLine(
        io.stdout,
        `Reconcile poll of ${sources.map((s) => s.name).join(', ')} started in the background: ${reason}.`,
      );
      reconciling = reconcileSources(store, loaded.config, {
        sources: sources.map((s) => s.name),
        env: io.env,
        reason,
      })
        .then(async (summary) => {
          for (const source of summary.sources)
            writeLine(io.stdout, `Reconcile: ${describeReconcile(source)}`);
          await recordReconcile(store, runId, summary);
          await refreshed.refresh();
          reconciled = true;
          writeLine(io.stdout, 'Reconcile poll done; the metrics include what it found.');
        })
        .catch((error: unknown) => {
          writeLine(
            io.stderr,
            `The reconcile poll failed (${(error as Error).message}); run \`flowlens sync --reconcile\` when the cause is fixed.`,
          );
        });
    }
    // `reconcile.every`: the same poll while serving, timed from the end of the last run.
    const every = loaded.config.reconcile.every;
    if (every !== undefined && sources.length > 0) {
      const startPoll = reconciling;
      const pollEngine = engine;
      periodic = schedulePeriodic(async () => {
        await startPoll;
        try {
          const summary = await reconcileSources(store, loaded.config, {
            sources: sources.map((s) => s.name),
            env: io.env,
            reason: `periodic (reconcile.every: ${every})`,
          });
          for (const source of summary.sources)
            writeLine(io.stdout, `Periodic reconcile: ${describeReconcile(source)}`);
          await pollEngine.refresh();
        } catch (error) {
          writeLine(
            io.stderr,
            `The periodic reconcile poll failed (${(error as Error).message}); it runs again in ${every}.`,
          );
        }
      }, parseEvery(every));
    }
    const url = publicUrl(address, options.host);
    writeLine(io.stdout, `Flowlens is serving on ${url} (API: ${url}${API_PREFIX}/openapi.json)`);
    writeLine(io.stdout, 'Press Ctrl-C to stop.');
    onListening?.(app, url);
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    writeLine(io.stdout, 'Stopping…');
  } finally {
    await app?.close();
    // A reconcile poll still running is given a moment; what it committed stays either way.
    const stopping = periodic?.stop();
    if (stopping !== undefined)
      await Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    if (reconciling !== undefined)
      await Promise.race([reconciling, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    // A stop is clean only when no reconcile poll was left unfinished: otherwise the next start
    // polls again.
    await liveness?.stop(signal.aborted && (reconciling === undefined || reconciled)).catch(() => undefined);
    // A snapshot still due after the last import is written before the store closes.
    await engine?.close();
    await store.close();
  }
  writeLine(io.stdout, 'Stopped.');
}

/** `--demo`: loads the demo organisation when the database has no work items. */
async function loadDemoIfEmpty(io: CliIo, store: Store): Promise<void> {
  const started = performance.now();
  const any = await store.db.selectFrom('work_items').select('id').limit(1).executeTakeFirst();
  if (any !== undefined) {
    writeLine(io.stdout, 'The database already has work items; not loading the demo organisation.');
    return;
  }
  writeLine(io.stdout, 'The database is empty: loading the demo organisation (seed 1, small)…');
  const result = await loadDemoOrganisation(store, { seed: 1, scale: 'small' });
  const ms = performance.now() - started;
  writeLine(
    io.stdout,
    `Loaded the demo organisation: ${formatCount(result.import.totals.records)} records in ${formatDuration(ms)}.`,
  );
}

async function listen(app: FastifyInstance, options: StartOptions): Promise<{ port: number }> {
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new FlowlensError(
        'INVALID_CONFIG',
        `port ${options.port} on ${options.host} is already in use; choose another with --port`,
      );
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES')
      throw new FlowlensError(
        'INVALID_CONFIG',
        `cannot listen on ${options.host}:${options.port} (${code}); check --host and --port`,
      );
    throw error;
  }
  const address = app.server.address();
  return { port: typeof address === 'object' && address !== null ? address.port : options.port };
}

/** The address to print: `localhost` for loopback and wildcard hosts, else the host as given. */
function publicUrl(address: { port: number }, host: string): string {
  const local = ['127.0.0.1', 'localhost', '0.0.0.0', '::', '::1', ''].includes(host);
  const name = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${address.port}`;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new FlowlensError('INVALID_ARGUMENT', `--port: "${value}" is not a port number from 0 to 65535`);
  return port;
}
