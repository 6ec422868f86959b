/**
 * The connectors' HTTP client: one small layer over `fetch` that every connector shares.
 *
 * - **Rate limits.** A 429, or a 403 that says so (GitHub), waits as the server asks: `Retry-After`
 *   (seconds or a date), else `x-ratelimit-reset` / `ratelimit-reset` (epoch seconds, or Jira's ISO
 *   timestamp) when `…-remaining` is 0, else — GitHub's secondary limit without headers — at least a
 *   minute, then exponentially longer. A response whose `…-remaining` is 0 makes the next request
 *   wait for the reset first. A wait longer than `maxWaitMs` stops the sync with an error instead.
 * - **Retries.** 5xx, 408, connection resets, timeouts and bodies cut short are retried with
 *   jittered exponential backoff, at most `maxRetries` times per request.
 * - **Errors** name the source, the method and URL, the page, and what went wrong; a 401/403 is
 *   reported as refused credentials (the sync stops, nothing is deleted). No header value — so no
 *   credential — ever appears in a message.
 * - **Network policy.** Base URLs and redirects to loopback, link-local or private addresses are
 *   refused unless the source allows its private network (hostile-input.md §24).
 * - **ETags.** A request may carry `If-None-Match`; a 304 is "not modified", not an error.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { FlowlensError } from '../domain/index.js';

export type SourceErrorReason =
  | 'auth'
  | 'not-found'
  | 'rate-limit'
  | 'http'
  | 'network'
  | 'malformed'
  | 'network-policy';

/** A source's API failed or refused: names the source, the request and the page. */
export class SourceError extends FlowlensError {
  constructor(
    readonly reason: SourceErrorReason,
    message: string,
    readonly request: {
      readonly source: string;
      readonly url: string;
      readonly page?: string;
      readonly status?: number;
    },
    options?: { cause?: unknown },
  ) {
    super('SOURCE_FAILED', message, options);
    this.name = 'SourceError';
  }
}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}

export interface HttpPolicy {
  /** Milliseconds before a request is abandoned (and retried). */
  readonly timeoutMs: number;
  /** Retries of one request (5xx, resets, timeouts, truncated bodies, rate limits). */
  readonly maxRetries: number;
  /** Longest single wait for a rate limit. */
  readonly maxWaitMs: number;
  /** First backoff delay; it doubles with each retry (with jitter), up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Shortest wait after a secondary rate limit that gives no header (GitHub: one minute). */
  readonly secondaryWaitMs: number;
}

export const DEFAULT_POLICY: HttpPolicy = {
  timeoutMs: 30_000,
  maxRetries: 6,
  maxWaitMs: 900_000,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  secondaryWaitMs: 60_000,
};

export interface HttpStats {
  calls: number;
  retries: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  notModified: number;
}

export interface WaitInfo {
  readonly reason: string;
  readonly ms: number;
  readonly url: string;
}

export interface HttpClientOptions {
  /** The configured source's name, for messages. */
  readonly source: string;
  /** Headers sent with every request (authentication, Accept). Never shown in messages. */
  readonly headers: Readonly<Record<string, string>>;
  readonly policy?: Partial<HttpPolicy>;
  readonly allowPrivateNetwork?: boolean;
  /** Called before each wait for a rate limit (the CLI shows it). */
  readonly onWait?: (info: WaitInfo) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface RequestSpec {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** What is being fetched, for messages: `issues, page 3`. */
  readonly page?: string;
  /** An ETag from an earlier response: sent as If-None-Match. */
  readonly etag?: string | null;
}

export interface JsonResponse<T> {
  readonly status: number;
  readonly url: string;
  readonly headers: Headers;
  /** The parsed body; null for a 304. */
  readonly body: T | null;
  readonly notModified: boolean;
  readonly etag: string | null;
}

const MAX_REDIRECTS = 5;
const SHOWN_BODY = 300;

export class HttpClient {
  readonly stats: HttpStats = { calls: 0, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0, notModified: 0 };
  private readonly policy: HttpPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private pausedUntil = 0;
  private readonly checkedHosts = new Map<string, Promise<void>>();

  constructor(private readonly options: HttpClientOptions) {
    this.policy = { ...DEFAULT_POLICY, ...options.policy };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  get source(): string {
    return this.options.source;
  }

  /** Fetches JSON, with the retries, waits and checks described above. */
  async json<T>(spec: RequestSpec): Promise<JsonResponse<T>> {
    const method = spec.method ?? 'GET';
    let url = spec.url;
    const origin = new URL(spec.url).origin;
    let redirects = 0;
    let attempt = 0;
    let secondaryWaits = 0;
    const where = () => ({
      source: this.options.source,
      url,
      ...(spec.page === undefined ? {} : { page: spec.page }),
    });
    const label = () =>
      `${this.options.source}: ${method} ${url}${spec.page === undefined ? '' : ` (${spec.page})`}`;
    for (;;) {
      await this.checkNetwork(url, origin, label, where);
      const pause = this.pausedUntil - this.now();
      if (pause > 0)
        await this.waitForLimit(pause, 'the rate limit is used up until its reset', url, label, where);
      this.stats.calls++;
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method,
          headers: {
            // Credentials go to the configured server only, never to another host a redirect names.
            ...(new URL(url).origin === origin ? this.options.headers : { accept: 'application/json' }),
            ...(spec.headers ?? {}),
            ...(spec.etag ? { 'if-none-match': spec.etag } : {}),
          },
          ...(spec.body === undefined ? {} : { body: spec.body }),
          redirect: 'manual',
          signal: AbortSignal.timeout(this.policy.timeoutMs),
        });
        text = response.status === 304 ? '' : await response.text();
      } catch (error) {
        const what = describeNetworkError(error, this.policy.timeoutMs);
        if (attempt < this.policy.maxRetries) {
          attempt++;
          this.stats.retries++;
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw new SourceError(
          'network',
          `${label()}: ${what}, still failing after ${attempt + 1} attempts`,
          where(),
          {
            cause: error,
          },
        );
      }
      this.noteRemaining(response.headers);
      const status = response.status;
      if (status >= 300 && status < 400 && status !== 304) {
        const location = response.headers.get('location');
        if (location === null || redirects >= MAX_REDIRECTS)
          throw new SourceError('http', `${label()}: HTTP ${status} without a usable redirect`, {
            ...where(),
            status,
          });
        redirects++;
        url = new URL(location, url).toString();
        continue;
      }
      if (status === 304) {
        this.stats.notModified++;
        return {
          status,
          url,
          headers: response.headers,
          body: null,
          notModified: true,
          etag: spec.etag ?? null,
        };
      }
      if (status === 429 || (status === 403 && isRateLimited(response.headers, text))) {
        const secondary = isSecondaryLimit(text) && !hasRateHeaders(response.headers);
        const wait = this.rateLimitWait(response.headers, secondary ? secondaryWaits++ : attempt);
        if (attempt >= this.policy.maxRetries + 2)
          throw new SourceError(
            'rate-limit',
            `${label()}: still rate limited (HTTP ${status}) after ${attempt + 1} attempts; try again later`,
            { ...where(), status },
          );
        attempt++;
        await this.waitForLimit(
          wait,
          rateLimitReason(status, response.headers, secondary),
          url,
          label,
          where,
        );
        continue;
      }
      if (status === 401 || status === 403) {
        throw new SourceError(
          'auth',
          `${label()}: HTTP ${status}: the credentials were refused (${serverMessage(text)}); check the token and its permissions — nothing was deleted`,
          { ...where(), status },
        );
      }
      if (status === 404 || status === 410) {
        throw new SourceError('not-found', `${label()}: HTTP ${status}: not found (${serverMessage(text)})`, {
          ...where(),
          status,
        });
      }
      if (status >= 500 || status === 408) {
        if (attempt < this.policy.maxRetries) {
          attempt++;
          this.stats.retries++;
          const asked = retryAfterMs(response.headers.get('retry-after'), this.now());
          await this.sleep(Math.min(this.policy.maxWaitMs, Math.max(asked ?? 0, this.backoff(attempt))));
          continue;
        }
        throw new SourceError(
          'http',
          `${label()}: HTTP ${status} ${response.statusText}, still failing after ${attempt + 1} attempts (${serverMessage(text)})`,
          { ...where(), status },
        );
      }
      if (status < 200 || status >= 300) {
        throw new SourceError(
          'http',
          `${label()}: HTTP ${status} ${response.statusText}: ${serverMessage(text)}`,
          {
            ...where(),
            status,
          },
        );
      }
      let body: T;
      try {
        body = JSON.parse(text) as T;
      } catch (error) {
        const cut = text.length === 0 ? 'an empty body' : `${text.length} characters`;
        throw new SourceError(
          'malformed',
          `${label()}: the response is not valid JSON (${(error as Error).message}; ${cut}); nothing of this page was imported`,
          { ...where(), status },
          { cause: error },
        );
      }
      return {
        status,
        url,
        headers: response.headers,
        body,
        notModified: false,
        etag: response.headers.get('etag'),
      };
    }
  }

  /** Jittered exponential backoff: between half and all of base·2^(attempt-1), capped. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private rateLimitWait(headers: Headers, attempt: number): number {
    const now = this.now();
    const asked = retryAfterMs(headers.get('retry-after'), now);
    if (asked !== null) return asked;
    const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
    const reset = resetAtMs(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'));
    if (reset !== null && (remaining === null || Number(remaining) === 0))
      return Math.max(1000, reset - now + 1000);
    // No header: GitHub's secondary limit asks for at least a minute, then exponentially longer.
    return Math.min(
      this.policy.maxWaitMs,
      Math.max(this.policy.secondaryWaitMs * 2 ** attempt, this.backoff(attempt + 1)),
    );
  }

  private async waitForLimit(
    ms: number,
    reason: string,
    url: string,
    label: () => string,
    where: () => { source: string; url: string; page?: string },
  ): Promise<void> {
    if (ms > this.policy.maxWaitMs)
      throw new SourceError(
        'rate-limit',
        `${label()}: ${reason}; the wait (${Math.ceil(ms / 1000)} s) is longer than the ${Math.round(this.policy.maxWaitMs / 1000)} s allowed (http.maxWaitSeconds); run the sync again later`,
        where(),
      );
    this.stats.rateLimitWaits++;
    this.stats.rateLimitWaitMs += ms;
    this.options.onWait?.({ reason, ms, url });
    await this.sleep(ms);
  }

  /** After a response that used up the quota, the next request waits for its reset. */
  private noteRemaining(headers: Headers): void {
    const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
    if (remaining === null || Number(remaining) > 0) return;
    const reset = resetAtMs(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'));
    if (reset !== null) this.pausedUntil = Math.max(this.pausedUntil, reset + 1000);
  }

  private async checkNetwork(
    url: string,
    origin: string,
    label: () => string,
    where: () => { source: string; url: string; page?: string },
  ): Promise<void> {
    // The allow-list covers the configured server only: a redirect from it to another private or
    // link-local host (a cloud metadata address…) is refused like any other.
    if (this.options.allowPrivateNetwork === true && new URL(url).origin === origin) return;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    let check = this.checkedHosts.get(host);
    if (check === undefined) {
      check = checkHostAllowed(host);
      this.checkedHosts.set(host, check);
    }
    try {
      await check;
    } catch (error) {
      throw new SourceError('network-policy', `${label()}: ${(error as Error).message}`, where());
    }
  }
}

/** Refuses loopback, link-local and private hosts (by name, literal address or DNS answer). */
export async function checkHostAllowed(host: string): Promise<void> {
  const refuse = (address: string) =>
    new Error(
      `${host}${address === host ? '' : ` (${address})`} is a loopback, link-local or private address; ` +
        'set allowPrivateNetwork: true on the source if this server is yours',
    );
  const lower = host.toLowerCase();
  if (lower === 'localhost' || lower.endsWith('.localhost')) throw refuse(host);
  if (isIP(lower) !== 0) {
    if (isPrivateAddress(lower)) throw refuse(host);
    return;
  }
  let addresses: { address: string }[];
  try {
    addresses = await lookup(lower, { all: true });
  } catch {
    return; // The request itself reports a name that does not resolve.
  }
  for (const { address } of addresses) if (isPrivateAddress(address)) throw refuse(address);
}

/** Loopback, private, link-local, CGNAT, unspecified and unique-local addresses (v4 and v6). */
export function isPrivateAddress(address: string): boolean {
  const a = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped !== null) return isPrivateAddress(mapped[1]!);
  if (isIP(a) === 4) {
    const [x = 0, y = 0] = a.split('.').map(Number);
    return (
      x === 0 ||
      x === 10 ||
      x === 127 ||
      (x === 100 && y >= 64 && y <= 127) ||
      (x === 169 && y === 254) ||
      (x === 172 && y >= 16 && y <= 31) ||
      (x === 192 && y === 168)
    );
  }
  if (isIP(a) === 6) {
    return a === '::1' || a === '::' || /^f[cd]/.test(a) || /^fe[89ab]/.test(a);
  }
  return false;
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** A reset time: epoch seconds (GitHub, GitLab) or an ISO 8601 timestamp (Jira Cloud). */
export function resetAtMs(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date;
}

function hasRateHeaders(headers: Headers): boolean {
  return headers.has('retry-after') || headers.has('x-ratelimit-reset') || headers.has('ratelimit-reset');
}

function isRateLimited(headers: Headers, text: string): boolean {
  const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  return (
    remaining === '0' || headers.has('retry-after') || isSecondaryLimit(text) || /rate limit/i.test(text)
  );
}

function isSecondaryLimit(text: string): boolean {
  return /secondary rate limit|abuse detection/i.test(text);
}

function rateLimitReason(status: number, headers: Headers, secondary: boolean): string {
  if (secondary) return `HTTP ${status}: secondary rate limit`;
  if (headers.has('retry-after'))
    return `HTTP ${status}: rate limited, Retry-After ${headers.get('retry-after')}`;
  return `HTTP ${status}: rate limit used up until its reset`;
}

function serverMessage(text: string): string {
  if (text.trim() === '') return 'no message';
  try {
    const parsed = JSON.parse(text) as {
      message?: unknown;
      errorMessages?: unknown;
      error?: unknown;
      errors?: unknown;
    };
    const message =
      typeof parsed.message === 'string'
        ? parsed.message
        : Array.isArray(parsed.errorMessages) && parsed.errorMessages.length > 0
          ? parsed.errorMessages.join('; ')
          : typeof parsed.error === 'string'
            ? parsed.error
            : JSON.stringify(parsed.errors ?? parsed);
    return message.slice(0, SHOWN_BODY);
  } catch {
    return text.replace(/\s+/g, ' ').trim().slice(0, SHOWN_BODY);
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
  const code = e.cause?.code;
  if (e.message === 'terminated' || code === 'UND_ERR_SOCKET')
    return 'the connection closed before the whole response arrived (truncated body)';
  return `${code ?? 'network error'}: ${e.cause?.message ?? e.message ?? String(error)}`;
}

/** The `rel="next"` URL of a Link header (GitHub, GitLab), or null. */
export function nextLink(headers: Headers): string | null {
  const link = headers.get('link');
  if (link === null) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (match !== null) return match[1]!;
  }
  return null;
}
