/**
 * The answers of the dashboards' read routes (`GET /api/v1/metrics…`, `/org`, `/items`), kept
 * while the data they come from is unchanged: a dashboard opened by many people, or refreshed,
 * asks the same questions again and again, and the engine's answer to each costs milliseconds.
 *
 * An answer is kept per principal's view (role and value-stream restriction) and exact URL, and is
 * served again only when all of these still hold:
 * - no request other than GET/HEAD/OPTIONS has been answered since (any write through the API: an
 *   import, a mapping or organisation edit, an annotation — the writer's next read sees it);
 * - the engine holds the same organisation and mappings objects (an edit reloads them);
 * - no engine refresh that did not come from such a write (a webhook delivery, a reconcile poll)
 *   has finished since — except while such refreshes come in quick succession. The first refresh
 *   after a quiet spell of `FLOWLENS_API_CACHE_SETTLE_MS` (default 1000 ms) forgets every answer
 *   at once; during a stream of them an answer begun before the latest is served until a moment
 *   drawn between half and all of that time after it was begun, so the dashboards lag the stream
 *   by less than that time, and the answers are computed again one here, one there, instead of
 *   every delivery sending every open dashboard back to the engine at the same instant;
 * - it is at most `FLOWLENS_API_CACHE_SECONDS` old (default 5): item ages and answers without an
 *   explicit period move with the clock, and a change made by another process (the command line
 *   writing to the same database) is seen within that time.
 * Concurrent requests for an answer not kept yet wait for the first one's instead of computing it
 * again each. Served answers carry `X-Flowlens-Cache: hit`. `FLOWLENS_API_CACHE=off` turns the
 * cache off. The lookup is the route's own onRequest hook, after the application's (authentication
 * and the access policy): a kept answer was given to the same principal's view for the very same
 * URL, so the query's parsing and validation are not repeated for it.
 */
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler, onSendHookHandler } from 'fastify';
import type { MetricsEngine } from '../engine/index.js';
import { isWebhookRoute } from './security.js';
import { principalOf } from './visibility.js';

export interface ResponseCacheOptions {
  /** Default: on unless FLOWLENS_API_CACHE is `off`, `0` or `false`. */
  readonly enabled?: boolean;
  /** How long an answer may be served again, in milliseconds (default FLOWLENS_API_CACHE_SECONDS or 5 s). */
  readonly maxAgeMs?: number;
  /**
   * How long an answer may be served across refreshes not coming from an API write that follow
   * each other closely, in milliseconds (default FLOWLENS_API_CACHE_SETTLE_MS or 1000; 0 forgets
   * at every refresh).
   */
  readonly settleMs?: number;
  /** Draws the fraction (0–1) of settleMs, above a half, an answer lives during a stream (default Math.random). */
  readonly random?: () => number;
  /** How many answers are kept (least recently used go first); default 500. */
  readonly maxEntries?: number;
  /** How long a request waits for another one computing the same answer (default 10 s). */
  readonly waitMs?: number;
  readonly now?: () => number;
}

const CACHEABLE = /^\/api\/v1\/(metrics(\/[a-z-]+)?|org|items)$/;

interface Entry {
  readonly generation: number;
  readonly org: unknown;
  readonly mappings: unknown;
  /** How many refreshes had finished when its computation began (what it saw). */
  readonly refreshes: number;
  /** When it was kept. */
  readonly at: number;
  /** Until when it is served once a refresh of a stream finished after it began. */
  readonly streamUntil: number;
  readonly payload: string;
  readonly contentType: string;
}

/** A request computing an answer others wait for: resolved with the entry, or null if it failed. */
interface Flight {
  readonly generation: number;
  readonly done: Promise<Entry | null>;
  readonly finish: (entry: Entry | null) => void;
}

function fromEnv(name: string, fallback: number, scale: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value * scale : fallback;
}

export function installResponseCache(
  app: FastifyInstance,
  engine: MetricsEngine,
  options: ResponseCacheOptions = {},
): void {
  const enabled =
    options.enabled ?? !['off', '0', 'false'].includes((process.env.FLOWLENS_API_CACHE ?? '').toLowerCase());
  if (!enabled) return;
  const maxAgeMs = options.maxAgeMs ?? fromEnv('FLOWLENS_API_CACHE_SECONDS', 5000, 1000);
  const settleMs = options.settleMs ?? fromEnv('FLOWLENS_API_CACHE_SETTLE_MS', 1000, 1);
  const maxEntries = options.maxEntries ?? 500;
  const waitMs = options.waitMs ?? 10_000;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const entries = new Map<string, Entry>();
  const flights = new Map<string, Flight>();
  let generation = 0;
  const invalidate = () => {
    generation++;
    entries.clear();
    flights.clear();
  };

  // Refreshes not caused by an API write: the first after a quiet spell forgets at once; during a
  // stream, each answer begun before the latest lives until its own `streamUntil`.
  let lastRefresh = Number.NEGATIVE_INFINITY;
  let refreshes = 0;
  engine.onRefresh(() => {
    const at = now();
    if (at - lastRefresh >= settleMs) invalidate();
    lastRefresh = at;
    refreshes++;
  });

  const keyOf = (request: FastifyRequest): string | null => {
    if (request.method !== 'GET') return null;
    const route = request.routeOptions.url;
    if (route === undefined || !CACHEABLE.test(route)) return null;
    const principal = principalOf(request);
    return `${principal.role}\u0000${principal.valueStream ?? '*'}\u0000${request.url}`;
  };
  const current = (entry: Entry | null | undefined): entry is Entry =>
    entry !== undefined &&
    entry !== null &&
    entry.generation === generation &&
    entry.org === engine.organisation() &&
    entry.mappings === engine.currentMappings() &&
    (entry.refreshes === refreshes || now() < entry.streamUntil) &&
    now() - entry.at <= maxAgeMs;

  // What a request saw when it began: an answer computed across a change is not kept as current.
  const pending = Symbol('flowlens.responseCache');
  type Tagged = FastifyRequest & {
    [pending]?: {
      key: string;
      generation: number;
      began: number;
      refreshes: number;
      org: unknown;
      mappings: unknown;
      flight: Flight;
    };
  };
  const land = (request: FastifyRequest, entry: Entry | null) => {
    const began = (request as Tagged)[pending];
    if (began === undefined) return;
    (request as Tagged)[pending] = undefined;
    if (flights.get(began.key) === began.flight) flights.delete(began.key);
    began.flight.finish(entry);
  };

  const lookup: onRequestAsyncHookHandler = async (request, reply) => {
    const key = keyOf(request);
    if (key === null) return;
    let entry = entries.get(key);
    if (!current(entry)) {
      const flight = flights.get(key);
      if (flight !== undefined && flight.generation === generation) {
        let timer: NodeJS.Timeout | undefined;
        entry =
          (await Promise.race([
            flight.done,
            new Promise<null>((resolve) => {
              timer = setTimeout(() => resolve(null), waitMs);
            }),
          ])) ?? undefined;
        clearTimeout(timer);
      }
    }
    if (current(entry)) {
      // Most recently used last.
      entries.delete(key);
      entries.set(key, entry);
      return reply
        .header('content-type', entry.contentType)
        .header('x-flowlens-cache', 'hit')
        .send(entry.payload);
    }
    let finish: (entry: Entry | null) => void = () => {};
    const done = new Promise<Entry | null>((resolve) => {
      finish = resolve;
    });
    const flight: Flight = { generation, done, finish };
    flights.set(key, flight);
    (request as Tagged)[pending] = {
      key,
      generation,
      began: now(),
      refreshes,
      org: engine.organisation(),
      mappings: engine.currentMappings(),
      flight,
    };
    return undefined;
  };

  const keep: onSendHookHandler = async (request, reply, payload) => {
    const began = (request as Tagged)[pending];
    if (began === undefined) return payload;
    let entry: Entry | null = null;
    if (began.generation === generation && reply.statusCode === 200 && typeof payload === 'string') {
      entry = {
        generation: began.generation,
        org: began.org,
        mappings: began.mappings,
        refreshes: began.refreshes,
        at: now(),
        streamUntil: began.began + settleMs * (0.5 + random() / 2),
        payload,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      };
      entries.set(began.key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    }
    land(request, entry);
    return payload;
  };

  // A request that ends without reaching onSend (aborted by its client) releases its waiters.
  const release = async (request: FastifyRequest) => {
    land(request, null);
  };
  // Any write through the API may change what a read answers. A webhook delivery's change reaches
  // the answers through the engine's refresh (above), not here.
  const forget = async () => {
    invalidate();
  };

  // Hooks on the routes that need them only: a webhook delivery (thousands a second) runs none.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.includes('GET') && CACHEABLE.test(route.url)) {
      route.onRequest = [...hooks(route.onRequest), lookup];
      route.onSend = [...hooks(route.onSend), keep];
      route.onRequestAbort = [...hooks(route.onRequestAbort), release];
      route.onResponse = [...hooks(route.onResponse), release];
    } else if (methods.some((m) => !READS.includes(m)) && !isWebhookRoute(route.url))
      route.onResponse = [...hooks(route.onResponse), forget];
  });
}

const READS = ['GET', 'HEAD', 'OPTIONS'];

/** A route option's hooks as a list (Fastify takes one, a list, or none). */
function hooks<T>(given: T | readonly T[] | undefined): T[] {
  if (given === undefined) return [];
  return Array.isArray(given) ? [...(given as T[])] : [given as T];
}
