/**
 * A real HTTP server on 127.0.0.1 that answers like Jira, GitHub or GitLab from recorded payloads
 * (test/support/devlake.ts), and misbehaves on demand: 429 with Retry-After, 5xx, slow answers,
 * bodies cut short, connections reset, malformed JSON. Every request is logged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** JSON (serialised), or a string sent as it is. */
  readonly body?: unknown;
}

export type Handler = (request: ReplayRequest, server: ReplayServer) => Reply | Promise<Reply>;

export type FaultKind = 'status' | 'slow' | 'truncate' | 'reset' | 'malformed';

export interface Fault {
  /** Which requests it hits (default: any). */
  readonly when?: (request: ReplayRequest) => boolean;
  readonly kind: FaultKind;
  /** `status`: the status and headers to answer with. */
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** `slow`: milliseconds before the (normal) answer. */
  readonly delayMs?: number;
  /** How many matching requests it hits (default 1; Infinity for all). */
  times?: number;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly at: number;
  readonly status: number | 'reset' | 'truncated';
  readonly authorization: string | undefined;
  readonly ifNoneMatch: string | undefined;
}

export class ReplayServer {
  readonly requests: LoggedRequest[] = [];
  private readonly faults: Fault[] = [];
  private server!: Server;
  url = '';

  private constructor(private readonly handler: Handler) {}

  static async start(handler: Handler): Promise<ReplayServer> {
    const replay = new ReplayServer(handler);
    replay.server = createServer((req, res) => {
      replay.serve(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ message: `replay server error: ${(error as Error).message}` }));
      });
    });
    await new Promise<void>((resolve) => replay.server.listen(0, '127.0.0.1', resolve));
    replay.url = `http://127.0.0.1:${(replay.server.address() as AddressInfo).port}`;
    return replay;
  }

  /** Adds a fault; faults are tried in the order added. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, times: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Requests whose path matches. */
  count(path: RegExp): number {
    return this.requests.filter((r) => path.test(r.path)).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://replay');
    const request: ReplayRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const log = (status: LoggedRequest['status']) =>
      this.requests.push({
        method: request.method,
        path: request.path,
        query: url.search,
        at: Date.now(),
        status,
        authorization: req.headers.authorization ?? (req.headers['private-token'] as string | undefined),
        ifNoneMatch: req.headers['if-none-match'],
      });
    const fault = this.faults.find((f) => (f.times ?? 0) > 0 && (f.when === undefined || f.when(request)));
    if (fault !== undefined) fault.times = (fault.times ?? 1) - 1;
    if (fault?.kind === 'reset') {
      log('reset');
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      log(fault.status ?? 500);
      res.writeHead(fault.status ?? 500, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify(fault.body ?? { message: 'injected fault' }));
      return;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
    const reply = await this.handler(request, this);
    const status = reply.status ?? 200;
    let text =
      reply.body === undefined
        ? ''
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body);
    if (fault?.kind === 'malformed') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    const headers = { 'content-type': 'application/json; charset=utf-8', ...reply.headers };
    if (fault?.kind === 'truncate') {
      const bytes = Buffer.from(text);
      log('truncated');
      res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      await new Promise((resolve) => setTimeout(resolve, 20));
      req.socket.destroy();
      return;
    }
    log(status);
    res.writeHead(status, headers);
    res.end(text);
  }
}
