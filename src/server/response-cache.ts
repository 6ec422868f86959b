/**
 * The answers of the dashboards' read routes (`GET /api/v1/metrics…`, `/org`, `/items`), kept
 * while the data they come from is unchanged: a dashboard opened by many people, or refreshed,
 * asks the same questions again and again, and the engine's answer to each costs milliseconds.
 *
 * An answer is kept per principal's view (role and value-stream restriction) and exact URL, and is
 * served again only when all of these still hold:
 * - no engine refresh (an import, a webhook delivery, a sync, a mapping change) has finished since;
 * - the engine holds the same organisation and mappings objects (an edit reloads them);
 * - no request other than GET/HEAD/OPTIONS has been answered since (any write through the API);
 * - it is at most `FLOWLENS_API_CACHE_SECONDS` old (default 5): item ages and answers without an
 *   explicit period move with the clock, and a change made by another process (the command line
 *   writing to the same database) is seen within that time.
 * Served answers carry `X-Flowlens-Cache: hit`. `FLOWLENS_API_CACHE=off` turns the cache off.
 * Runs as a preHandler, after authentication, the access policy and the query's validation.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MetricsEngine } from '../engine/index.js';
import { principalOf } from './visibility.js';

export interface ResponseCacheOptions {
  /** Default: on unless FLOWLENS_API_CACHE is `off`, `0` or `false`. */
  readonly enabled?: boolean;
  /** How long an answer may be served again, in milliseconds (default FLOWLENS_API_CACHE_SECONDS or 5 s). */
  readonly maxAgeMs?: number;
  /** How many answers are kept (least recently used go first); default 500. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

const CACHEABLE = /^\/api\/v1\/(metrics(\/[a-z-]+)?|org|items)$/;

interface Entry {
  readonly generation: number;
  readonly org: unknown;
  readonly mappings: unknown;
  readonly at: number;
  readonly payload: string;
  readonly contentType: string;
}

export function installResponseCache(
  app: FastifyInstance,
  engine: MetricsEngine,
  options: ResponseCacheOptions = {},
): void {
  const env = process.env;
  const enabled =
    options.enabled ?? !['off', '0', 'false'].includes((env.FLOWLENS_API_CACHE ?? '').toLowerCase());
  if (!enabled) return;
  const seconds = Number(env.FLOWLENS_API_CACHE_SECONDS ?? 5);
  const maxAgeMs = options.maxAgeMs ?? (Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 5000);
  const maxEntries = options.maxEntries ?? 500;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let generation = 0;
  const invalidate = () => {
    generation++;
    entries.clear();
  };
  engine.onRefresh(invalidate);

  const keyOf = (request: FastifyRequest): string | null => {
    if (request.method !== 'GET') return null;
    const route = request.routeOptions.url;
    if (route === undefined || !CACHEABLE.test(route)) return null;
    const principal = principalOf(request);
    return `${principal.role}\u0000${principal.valueStream ?? '*'}\u0000${request.url}`;
  };
  // What a request saw when it began: an answer computed across a change is not kept as current.
  const pending = Symbol('flowlens.responseCache');
  type Tagged = FastifyRequest & {
    [pending]?: { key: string; generation: number; org: unknown; mappings: unknown };
  };

  app.addHook('preHandler', async (request, reply) => {
    const key = keyOf(request);
    if (key === null) return;
    const entry = entries.get(key);
    if (
      entry !== undefined &&
      entry.generation === generation &&
      entry.org === engine.organisation() &&
      entry.mappings === engine.currentMappings() &&
      now() - entry.at <= maxAgeMs
    ) {
      // Most recently used last.
      entries.delete(key);
      entries.set(key, entry);
      return reply
        .header('content-type', entry.contentType)
        .header('x-flowlens-cache', 'hit')
        .send(entry.payload);
    }
    (request as Tagged)[pending] = {
      key,
      generation,
      org: engine.organisation(),
      mappings: engine.currentMappings(),
    };
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const began = (request as Tagged)[pending];
    if (
      began !== undefined &&
      began.generation === generation &&
      reply.statusCode === 200 &&
      typeof payload === 'string'
    ) {
      entries.set(began.key, {
        generation: began.generation,
        org: began.org,
        mappings: began.mappings,
        at: now(),
        payload,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    }
    return payload;
  });

  // Any write through the API may change what a read answers.
  app.addHook('onResponse', async (request) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) invalidate();
  });
}
