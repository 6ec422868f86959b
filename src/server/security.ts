/**
 * The server's protections that are not about who asks: security headers on every response (a
 * Content-Security-Policy that lets the page load only its own scripts, styles, images and API;
 * no sniffing, no referrer, no framing; HSTS when the request came over TLS), the socket timeouts
 * that cut a slow client (slow loris) while others are served, the JSON body limit (413 above it),
 * and the rate limits of sign-in (per address and per account) and of the webhooks (per address).
 * `@fastify/helmet` was not used: it sets a dozen headers of its own by default and sends HSTS on
 * plain HTTP unless told otherwise; the exact set below is shorter than its configuration.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

/** The Content-Security-Policy of every response: the web UI's own assets and API only. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The policy of a response: for an HTML page the server writes itself with a `<style>` element (the
 * page shown when the web UI is not built), that exact style is allowed by its SHA-256; nothing
 * else inline ever is.
 */
function policyFor(payload: unknown, contentType: unknown): string {
  if (typeof payload !== 'string' || !String(contentType ?? '').startsWith('text/html'))
    return CONTENT_SECURITY_POLICY;
  const hashes = [...payload.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '', 'utf8')
        .digest('base64')}'`,
  );
  if (hashes.length === 0) return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${hashes.join(' ')}`);
}

/** HSTS for responses over TLS: a year, subdomains included. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

export interface Timeouts {
  /** The request's headers must arrive within this (default 15 s): a slow-loris client is cut. */
  readonly headersMs: number;
  /** The whole request, body included, must arrive within this (default 5 min: large imports). */
  readonly requestMs: number;
  /**
   * A kept-alive connection waiting for its next request is closed after this, or 5 s if less
   * (default 60 s). A request being answered is never cut for silence: a large import may take
   * minutes to answer once its body has arrived (receiving it is bounded by `requestMs`).
   */
  readonly idleMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { headersMs: 15_000, requestMs: 300_000, idleMs: 60_000 };

/** The Fastify options that apply the timeouts (Node checks them every second, not every 30 s). */
export function timeoutOptions(timeouts: Timeouts) {
  return {
    // No inactivity timeout on the socket: it would also cut a request whose answer takes longer
    // than it to compute (a large import). Slow clients are cut by the header and request timeouts.
    connectionTimeout: 0,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: Math.min(5_000, timeouts.idleMs),
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
  };
}

/** Largest JSON body of any route but the import (its own limit): 1 MiB. Larger → 413. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

export interface RateLimits {
  /** Sign-in attempts per client address per window (default 20 a minute). */
  readonly loginPerAddress: number;
  /** Sign-in attempts per account name per window, from any address (default 10 a minute). */
  readonly loginPerAccount: number;
  readonly loginWindowMs: number;
  /** Webhook deliveries per sender address per second (default 5,000); above: 503 with Retry-After. */
  readonly webhooksPerSecond: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  loginPerAddress: 20,
  loginPerAccount: 10,
  loginWindowMs: 60_000,
  webhooksPerSecond: 5_000,
};

const tooMany = (what: string) => (_request: FastifyRequest, context: { after: string }) =>
  new ApiError(429, 'RATE_LIMITED', `too many ${what}; try again in ${context.after}`);

/** The rate limit of the password sign-in route, per client address. */
export function loginAddressLimit(limits: RateLimits) {
  return {
    max: limits.loginPerAddress,
    timeWindow: limits.loginWindowMs,
    errorResponseBuilder: tooMany('sign-in attempts from this address'),
  };
}

/**
 * The sign-in limit per account name, from any address: a fixed window per name, counted in memory
 * (at most `MAX_KEYS` names; the oldest window is dropped first). `@fastify/rate-limit` runs one
 * limit per request, which the per-address limit uses.
 */
export class AccountLimiter {
  static readonly MAX_KEYS = 100_000;
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly limits: Pick<RateLimits, 'loginPerAccount' | 'loginWindowMs'>) {}

  /** Counts an attempt on `account`; throws 429 RATE_LIMITED above the limit. */
  hit(account: string, now: number = Date.now()): void {
    const key = account.slice(0, 200);
    let window = this.windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      this.windows.delete(key);
      if (this.windows.size >= AccountLimiter.MAX_KEYS) {
        const oldest = this.windows.keys().next();
        if (oldest.done !== true) this.windows.delete(oldest.value);
      }
      window = { count: 0, resetAt: now + this.limits.loginWindowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > this.limits.loginPerAccount) {
      const seconds = Math.ceil((window.resetAt - now) / 1000);
      throw Object.assign(
        new ApiError(
          429,
          'RATE_LIMITED',
          `too many sign-in attempts for this account; try again in ${seconds} seconds`,
        ),
        { retryAfterSeconds: seconds },
      );
    }
  }
}

/**
 * The webhooks' rate limit, per sender address. Above it the answer is 503 with Retry-After, not
 * 429: GitLab disables a hook that keeps getting 4xx answers, and a flood is our limit, not the
 * sender's fault.
 */
export function webhookLimit(limits: RateLimits) {
  return {
    max: limits.webhooksPerSecond,
    timeWindow: 1_000,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
      new ApiError(
        503,
        'RATE_LIMITED',
        `too many webhook deliveries from this address; retry in ${context.after}`,
      ),
  };
}

/** Whether a route is a webhook (rate-limited per sender address). */
export function isWebhookRoute(url: string): boolean {
  // The deliveries' own routes, not the admin's list and replay (webhook-admin-routes.ts).
  return /^\/api\/v1\/webhooks\/(github|gitlab|jira)$/.test(url);
}

/** Adds the security headers to every response, errors and static files included. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', policyFor(payload, reply.getHeader('content-type')));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    // request.protocol is https over TLS, or with trustProxy and X-Forwarded-Proto: https.
    if (request.protocol === 'https') reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    return payload;
  });
}
