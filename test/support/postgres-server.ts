/**
 * A real, throwaway PostgreSQL server for the test run: a fresh cluster in a temporary directory,
 * tuned for speed (no fsync), trust authentication, listening on 127.0.0.1 at a free port and on a
 * unix socket inside the directory. PostgreSQL refuses to run as root, so as root the server runs as
 * the `postgres` system user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresServer {
  /** URL of the superuser's `postgres` database: tests create and drop their databases through it. */
  readonly adminUrl: string;
  readonly version: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'The integration tests need PostgreSQL: install the server binaries (Debian/Ubuntu: `apt-get install postgresql`), ' +
  'or point FLOWLENS_TEST_PG_URL at a server the tests may create and drop databases on ' +
  '(e.g. FLOWLENS_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres).';

/** Where PostgreSQL is looked for: PATH, then /usr/lib/postgresql/N/bin (Debian), /usr/pgsql-N/bin (RHEL). */
export function defaultSearchDirs(): string[] {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir !== '') candidates.push(dir);
  const newestFirst = (names: string[]) =>
    names.sort((a, b) => Number(b.replace(/\D+/g, '')) - Number(a.replace(/\D+/g, '')));
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name));
    for (const version of newestFirst(versions)) candidates.push(join('/usr/lib/postgresql', version, 'bin'));
  }
  const rhel = readdirSync('/usr').filter((name) => /^pgsql-\d+$/.test(name));
  for (const name of newestFirst(rhel)) candidates.push(join('/usr', name, 'bin'));
  return candidates;
}

/** The directory holding `initdb`, `pg_ctl` and `postgres` of one installation, or null. */
export function findPostgresBinaries(candidates: readonly string[] = defaultSearchDirs()): string | null {
  for (const dir of candidates) {
    const initdb = join(dir, 'initdb');
    if (!existsSync(initdb)) continue;
    // /usr/local/bin/initdb may be a symlink into the real installation: use the real directory,
    // where pg_ctl and postgres of the same version live.
    const real = dirname(realpathSync(initdb));
    if (['pg_ctl', 'postgres'].every((name) => existsSync(join(real, name)))) return real;
  }
  return null;
}

/**
 * Starts a fresh server; throws with a clear message when PostgreSQL is not installed. Tests run it
 * without durability (fsync off) for speed; `durable: true` keeps PostgreSQL's defaults, as a
 * benchmark must.
 */
export async function startPostgresServer(
  settings: { searchDirs?: readonly string[]; durable?: boolean } = {},
): Promise<PostgresServer> {
  const bin = findPostgresBinaries(settings.searchDirs);
  if (bin === null)
    throw new Error(`No PostgreSQL server binaries (initdb, pg_ctl, postgres) found. ${INSTALL_HINT}`);

  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await lookupUser('postgres') : null;
  const root = mkdtempSync(join(tmpdir(), 'flowlens-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  if (owner !== null) chownSync(root, owner.uid, owner.gid);

  // Runs a PostgreSQL program, as the postgres user when we are root (runuser keeps our environment
  // apart from HOME/USER and needs no password).
  const pg = async (program: string, args: readonly string[]) => {
    const file = join(bin, program);
    const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, [...args]];
    try {
      return await run(command, argv, { cwd: root, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(
        `${program} ${args.join(' ')} failed: ${(stderr || stdout || (error as Error).message).trim()}` +
          `${existsSync(logFile) ? `\n--- server log ---\n${readFileSync(logFile, 'utf8').slice(-4000)}` : ''}`,
      );
    }
  };

  try {
    await pg('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await findFreePort();
      const options = [
        '-c listen_addresses=127.0.0.1',
        `-p ${port}`,
        `-k ${root}`,
        ...(settings.durable === true
          ? []
          : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
        '-c max_connections=200',
        '-c shared_buffers=64MB',
      ].join(' ');
      try {
        await pg('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options]);
      } catch (error) {
        lastError = error; // most likely the port was taken in between: try another one
        continue;
      }
      const { stdout } = await run(join(bin, 'postgres'), ['--version']);
      return {
        adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
        version: stdout.trim(),
        stop: async () => {
          await pg('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => undefined);
          rmSync(root, { recursive: true, force: true });
        },
      };
    }
    throw lastError;
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

async function lookupUser(name: string): Promise<{ uid: number; gid: number }> {
  try {
    const uid = Number((await run('id', ['-u', name])).stdout.trim());
    const gid = Number((await run('id', ['-g', name])).stdout.trim());
    return { uid, gid };
  } catch {
    throw new Error(
      `The tests run as root, and PostgreSQL refuses to run as root, so the server runs as the "${name}" ` +
        `system user, which does not exist. ${INSTALL_HINT}`,
    );
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
