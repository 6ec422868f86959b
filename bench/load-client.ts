/**
 * The load benchmark's client side (bench/load-bench.ts): autocannon runs measured from every
 * response's own time, and the signed GitHub deliveries they send. Shared by the main thread and
 * the worker thread that sends the webhook stream (bench/load-stream-worker.ts).
 */
import { createHmac } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import autocannon from 'autocannon';

/** What one autocannon run measured, from the client's side. */
export interface ClientFigures {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly errors: number;
  readonly non2xx: number;
}

/**
 * Runs autocannon and computes the figures from every response's own time (autocannon's histogram
 * has no 95th percentile): nearest-rank percentiles, errors and non-2xx answers counted apart.
 */
export async function runAutocannon(options: autocannon.Options): Promise<ClientFigures> {
  const times: number[] = [];
  // Without a callback autocannon returns its event emitter, made thenable (the types say Promise).
  const instance = autocannon(options) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
  const result = (await instance) as unknown as autocannon.Result & { totalCompletedRequests?: number };
  // Off the main thread autocannon leaves its result unaggregated: the total is a field of its own.
  const requests = result.totalCompletedRequests ?? result.requests.total;
  return figures(times, {
    requests,
    seconds: result.duration,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  });
}

/** A new signed `issues` delivery of issue `n` (its delivery id is `load-<n>`). */
export function delivery(secret: string, n: number): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({
    action: 'opened',
    repository: { full_name: 'acme/load' },
    issue: {
      number: n,
      title: `Load issue ${n}`,
      state: 'open',
      created_at: '2026-01-05T10:00:00Z',
      updated_at: '2026-01-05T10:00:00Z',
      labels: [],
      user: { login: 'load' },
    },
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': `load-${n}`,
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  };
}

/**
 * The requests of an autocannon webhook run: each a new delivery of its own issue. `first` is the
 * first issue number, so that senders running side by side never repeat each other's.
 */
export function webhookRequests(secret: string, first: number): autocannon.Request[] {
  let n = first - 1;
  return [
    {
      method: 'POST',
      path: '/api/v1/webhooks/github',
      setupRequest: (request) => {
        const { headers, body } = delivery(secret, ++n);
        return { ...request, headers: { ...request.headers, ...headers }, body };
      },
    },
  ];
}

/**
 * A stream of deliveries at a steady rate, as a sender posts events as they happen: one every
 * 1000/rate ms whether or not earlier ones have been answered (an open loop, unlike autocannon,
 * whose rate is a per-second quota each connection spends back to back at the start of every
 * second). Each time is measured from the moment the delivery was due, so a sender falling behind
 * counts against the server, not for it. Keep-alive connections are reused, opened as needed.
 */
export async function paceDeliveries(options: {
  readonly url: string;
  readonly secret: string;
  readonly first: number;
  readonly rate: number;
  readonly duration: number;
}): Promise<ClientFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL('/api/v1/webhooks/github', options.url);
  const interval = 1000 / options.rate;
  const count = Math.round(options.rate * options.duration);
  const times: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const send = (n: number, due: number) =>
    new Promise<void>((resolve) => {
      const { headers, body } = delivery(options.secret, n);
      const request = httpRequest(
        target,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: 10_000,
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            times.push(performance.now() - due);
            if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) non2xx++;
            resolve();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('no answer within 10 s')));
      request.on('error', () => {
        errors++;
        resolve();
      });
      request.end(body);
    });
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < count && started + sent * interval <= now) {
        inFlight.push(send(options.first + sent, started + sent * interval));
        sent++;
      }
      if (sent >= count) resolve();
      else setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return figures(times, { requests: times.length, seconds, errors, non2xx });
}

/** Nearest-rank percentiles of the response times (ms), rounded to 0.1 ms. */
function figures(
  times: number[],
  counts: { requests: number; seconds: number; errors: number; non2xx: number },
): ClientFigures {
  times.sort((a, b) => a - b);
  const rank = (p: number) => (times.length === 0 ? 0 : (times[Math.ceil(p * times.length) - 1] ?? 0));
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    requests: counts.requests,
    perSecond: Math.round(counts.requests / counts.seconds),
    p50: round(rank(0.5)),
    p95: round(rank(0.95)),
    p99: round(rank(0.99)),
    max: round(times.at(-1) ?? 0),
    errors: counts.errors,
    non2xx: counts.non2xx,
  };
}
