/**
 * The web UI, served at `/`: the files Vite built (`dist/web`), read once when the server starts.
 * Hashed files under `assets/` are cached for a year (their name changes with their content);
 * everything else (index.html) is revalidated on each load, by its ETag. Text files are sent
 * gzip-compressed to clients that accept it. A path that is no file and has no extension is a
 * client route: it gets index.html, so a shared link opens the right screen. Paths under `/api`
 * never do: an unknown API path stays a JSON 404.
 *
 * Without a build (a checkout where only the server was compiled), `/` is the page that explains
 * the API, and says how to build the UI.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.svg',
  '.txt',
  '.webmanifest',
]);
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE = 'no-cache';

interface WebFile {
  readonly body: Buffer;
  readonly gzip: Buffer | null;
  readonly type: string;
  readonly etag: string;
  readonly cache: string;
}

/** The built web UI in memory: URL path → file. */
export class WebApp {
  private files: ReadonlyMap<string, WebFile>;
  private builtAt: number;

  private constructor(readonly root: string) {
    this.builtAt = indexTime(root);
    this.files = readBuild(root);
  }

  /** Reads a build folder (it must hold index.html). */
  static load(root: string): WebApp {
    return new WebApp(root);
  }

  file(path: string): WebFile | undefined {
    return this.files.get(path);
  }

  /**
   * Reads the build again when index.html changed since (a rebuild while the server runs), so a
   * page load after `npm run build:web` gets the new build. One stat per page load.
   */
  refreshIfRebuilt(): void {
    const time = indexTime(this.root);
    if (time === this.builtAt || time === 0) return;
    try {
      this.files = readBuild(this.root);
      this.builtAt = time;
    } catch {
      // A build in progress: keep serving the previous one.
    }
  }
}

function indexTime(root: string): number {
  try {
    return statSync(join(root, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

function readBuild(root: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const url = `/${relative(root, path).split(sep).join('/')}`;
        const ext = extname(entry.name).toLowerCase();
        const body = readFileSync(path);
        const gzip = COMPRESSIBLE.has(ext) && body.length > 512 ? gzipSync(body, { level: 9 }) : null;
        files.set(url, {
          body,
          gzip: gzip !== null && gzip.length < body.length ? gzip : null,
          type: TYPES[ext] ?? 'application/octet-stream',
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
          cache: url.startsWith('/assets/') ? IMMUTABLE_CACHE : REVALIDATE_CACHE,
        });
      }
    }
  };
  walk(root);
  if (!files.has('/index.html')) throw new Error(`${root} holds no index.html`);
  return files;
}

/**
 * Where the build is: `dist/web` beside the compiled server (dist/server → dist/web), or, when the
 * server runs from its sources (tests, tsx), the checkout's `dist/web`. Null when there is none.
 */
export function findWebBuild(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '../web'), resolve(here, '../../dist/web')])
    if (existsSync(join(candidate, 'index.html')) && statSync(candidate).isDirectory()) return candidate;
  return null;
}

function notFound(request: FastifyRequest, apiPrefix: string): ApiError {
  const path = request.url.split('?')[0] ?? '';
  return new ApiError(
    404,
    'NOT_FOUND',
    `there is no route ${request.method} ${path}; the API is described at ${apiPrefix}/openapi.json`,
  );
}

function send(request: FastifyRequest, reply: FastifyReply, file: WebFile) {
  reply
    .header('content-type', file.type)
    .header('cache-control', file.cache)
    .header('etag', file.etag)
    .header('x-content-type-options', 'nosniff');
  if (file.gzip !== null) reply.header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  const gzip = file.gzip !== null && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.send(gzip ? file.gzip : file.body);
}

/**
 * Serves the web UI at `/` and its client routes; without a build, `fallbackPage` at `/`. API paths
 * (`apiPrefix` and anything under `/api`) are never answered with the UI.
 */
export function registerWebApp(
  app: FastifyInstance,
  options: { readonly web: WebApp | null; readonly apiPrefix: string; readonly fallbackPage: () => string },
): void {
  const { web, apiPrefix } = options;
  if (web === null) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', REVALIDATE_CACHE)
        .send(options.fallbackPage()),
    );
    return;
  }
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      throw notFound(request, apiPrefix);
    }
    if (path === '/api' || path.startsWith('/api/')) throw notFound(request, apiPrefix);
    const last = path.slice(path.lastIndexOf('/') + 1);
    // A page load (not an asset): pick up a rebuild.
    if (!last.includes('.') || path === '/index.html') web.refreshIfRebuilt();
    const file = web.file(path === '/' ? '/index.html' : path);
    if (file !== undefined) return send(request, reply, file);
    // A missing file (a stale asset, a typo) is a 404; a path without an extension is a screen.
    if (last.includes('.')) throw notFound(request, apiPrefix);
    return send(request, reply, web.file('/index.html') as WebFile);
  };
  app.get('/', { schema: { hide: true } }, handler);
  app.get('/*', { schema: { hide: true } }, handler);
}
