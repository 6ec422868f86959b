/**
 * Hostile input, case 12 (slow loris): a client that sends its request at 1 byte a second is cut by
 * the header timeout (headers) or the request timeout (a body), while other clients are served
 * normally all along. The server runs with short timeouts so that the test takes seconds.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/index.js';
import { DEFAULT_TIMEOUTS } from '../src/server/security.js';
import { createTestStore, type TestStore } from './support/stores.js';

type App = Awaited<ReturnType<typeof buildServer>>;

/** Sends `text` one byte a second; resolves with what the server answered and when the socket closed. */
function trickle(
  port: number,
  text: string,
): Promise<{ closedAfterMs: number; answer: string; sent: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < text.length && !socket.destroyed) socket.write(text[sent++] ?? '');
    }, 1000);
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ closedAfterMs: Date.now() - started, answer, sent });
    });
  });
}

describe('a slow client (1 byte/s)', () => {
  let t: TestStore;
  let app: App;
  let port: number;
  beforeAll(async () => {
    t = await createTestStore('sqlite');
    app = await buildServer({
      store: t.store,
      webRoot: null,
      auth: { mode: 'trusted' },
      timeouts: { headersMs: 2_000, requestMs: 4_000, idleMs: 10_000 },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await t.database.destroy();
  });

  it('is cut by the header and request timeouts while other clients are served', async () => {
    const headers = trickle(port, 'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: yes\r\n\r\n');
    const body = JSON.stringify({ scope: {}, at: '2025-01-01', title: 'slow' });
    const slowBody = (async () => {
      // Headers at once, then the body a byte a second.
      const socket = connect(port, '127.0.0.1');
      const started = Date.now();
      socket.write(
        `POST /api/v1/annotations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      let sent = 0;
      let answer = '';
      const timer = setInterval(() => {
        if (!socket.destroyed) socket.write(body[sent++] ?? '');
      }, 1000);
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('error', () => undefined);
      return new Promise<{ closedAfterMs: number; answer: string; sent: number }>((resolve) =>
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ closedAfterMs: Date.now() - started, answer, sent });
        }),
      );
    })();
    // Meanwhile, others are served: a request every 100 ms for 5 seconds.
    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [slowHeaders, slowRequest] = await Promise.all([headers, slowBody]);
    // Cut within the timeout plus Node's one-second check, long before the request was complete.
    expect(slowHeaders.closedAfterMs).toBeGreaterThanOrEqual(2_000);
    expect(slowHeaders.closedAfterMs).toBeLessThan(4_500);
    expect(slowHeaders.sent).toBeLessThan(10);
    expect(slowHeaders.answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(slowRequest.closedAfterMs).toBeGreaterThanOrEqual(4_000);
    expect(slowRequest.closedAfterMs).toBeLessThan(6_500);
    expect(slowRequest.sent).toBeLessThan(body.length);
    expect(slowRequest.answer === '' || /^HTTP\/1\.1 408/.test(slowRequest.answer)).toBe(true);
    // Nothing half-sent was stored.
    expect(await t.store.db.selectFrom('annotations').selectAll().execute()).toEqual([]);
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length * 0.95)]).toBeLessThan(250);
  }, 20_000);

  it('the defaults cut slow headers after 15 s and a request after 5 minutes', () => {
    expect(DEFAULT_TIMEOUTS).toEqual({ headersMs: 15_000, requestMs: 300_000, idleMs: 60_000 });
  });
});
