/**
 * `POST /api/v1/webhooks/github|gitlab|jira`: deliveries from the tools, verified on their raw
 * bytes before anything is parsed, de-duplicated by delivery id, turned into interchange records by
 * src/connectors (the same mapping as `flowlens sync`) and handed to the importer; the metrics
 * include a delivery when its answer arrives.
 *
 * | answer | when |
 * | --- | --- |
 * | 200 `stored` | the delivery's records are committed (and the metrics refreshed) |
 * | 200 `duplicate` | this delivery id was already received; nothing is stored again |
 * | 202 `ignored` | an event Flowlens does not read, or one that changes nothing (a ping, a pending deployment) |
 * | 202 `quarantined` | valid JSON of an unexpected shape: kept with the reason, nothing imported |
 * | 400 | the body is not JSON (the signature was valid) |
 * | 401 | the signature or token is missing or wrong; nothing is stored |
 * | 413 | the body is larger than `webhooks.maxBodyBytes` (refused from Content-Length, unread) |
 * | 503 | no secret is configured for this route, or the database or the tool's API is unavailable (with Retry-After) |
 *
 * Secrets: the environment variable named by `webhooks.<tool>.secretEnv` in flowlens.yaml, else
 * `FLOWLENS_WEBHOOK_SECRET_GITHUB`, `…_GITLAB`, `…_JIRA`. GitHub signs with `X-Hub-Signature-256`
 * (HMAC-SHA256), Jira with `X-Hub-Signature` (`sha256=…`, or a `secret` query parameter for Jira
 * Data Center, which cannot sign), GitLab sends the secret as `X-Gitlab-Token`. Every comparison
 * is constant-time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  eventOf,
  type FlowlensConfig,
  isHandledEvent,
  isSourceError,
  translateWebhook,
  UnexpectedPayload,
  type WebhookProvider,
} from '../connectors/index.js';
import { isFlowlensError } from '../domain/index.js';
import type { MetricsEngine } from '../engine/index.js';
import { RecordImport } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { SerialQueue } from './upload.js';
import { webhookRouteSchema } from './webhook-schemas.js';

export interface WebhookOptions {
  /** The configuration (webhook secrets, and the sources deliveries belong to); null: none. */
  readonly config: FlowlensConfig | null;
  /** Where secrets are read (default: the process environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface WebhookPluginOptions {
  readonly store: Store;
  readonly engine: MetricsEngine;
  readonly webhooks?: WebhookOptions;
  readonly now?: () => number;
}

const DEFAULT_MAX_BODY = 5 * 1024 * 1024;
const RETRY_AFTER_SECONDS = 30;
const SECURITY_LOG_INTERVAL_MS = 10_000;

const SECRET_ENV: Record<WebhookProvider, string> = {
  github: 'FLOWLENS_WEBHOOK_SECRET_GITHUB',
  gitlab: 'FLOWLENS_WEBHOOK_SECRET_GITLAB',
  jira: 'FLOWLENS_WEBHOOK_SECRET_JIRA',
};

const DELIVERY_HEADER: Record<WebhookProvider, readonly string[]> = {
  github: ['x-github-delivery'],
  gitlab: ['idempotency-key', 'x-gitlab-event-uuid', 'x-gitlab-webhook-uuid'],
  jira: ['x-atlassian-webhook-identifier'],
};

/** The webhook routes, as a Fastify plugin (register it under the API prefix). */
export async function webhookRoutes(app: FastifyInstance, options: WebhookPluginOptions): Promise<void> {
  const { store, engine } = options;
  const config = options.webhooks?.config ?? null;
  const env = options.webhooks?.env ?? process.env;
  const now = options.now ?? Date.now;
  const maxBody = config?.webhooks.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const queue = new SerialQueue();
  const refresher = new CoalescingRefresh(() => engine.refresh().then(() => undefined));
  const imports = new Map<WebhookProvider, Promise<RecordImport>>();
  const lastSecurityLog = new Map<WebhookProvider, number>();

  // The routes check headers and body themselves; their schemas document them for OpenAPI.
  app.setValidatorCompiler(() => () => true);
  // The raw bytes are kept: signatures are computed over them, before any parsing.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/x-www-form-urlencoded'],
    { parseAs: 'buffer', bodyLimit: maxBody },
    (_request, body, done) => done(null, body),
  );

  const secretOf = (provider: WebhookProvider): string | null => {
    const name = config?.webhooks[provider]?.secretEnv ?? SECRET_ENV[provider];
    const value = env[name];
    return value === undefined || value === '' ? null : value;
  };

  const importFor = (provider: WebhookProvider): Promise<RecordImport> => {
    let started = imports.get(provider);
    if (started === undefined) {
      started = RecordImport.start(store, { name: `webhook:${provider}`, format: 'webhook', now });
      started.catch(() => imports.delete(provider));
      imports.set(provider, started);
    }
    return started;
  };

  const refuse = (
    request: FastifyRequest,
    reply: FastifyReply,
    provider: WebhookProvider,
    message: string,
  ) => {
    const last = lastSecurityLog.get(provider) ?? 0;
    if (now() - last >= SECURITY_LOG_INTERVAL_MS) {
      lastSecurityLog.set(provider, now());
      request.log.warn({ provider, ip: request.ip }, `webhook refused: ${message}`);
    }
    return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message } });
  };

  const unavailable = (reply: FastifyReply, message: string) =>
    reply
      .code(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ error: { code: 'SERVICE_UNAVAILABLE', message } });

  const handle = async (provider: WebhookProvider, request: FastifyRequest, reply: FastifyReply) => {
    const secret = secretOf(provider);
    if (secret === null)
      return reply.code(503).send({
        error: {
          code: 'WEBHOOK_NOT_CONFIGURED',
          message: `no ${provider} webhook secret is configured: set ${config?.webhooks[provider]?.secretEnv ?? SECRET_ENV[provider]} (or webhooks.${provider}.secretEnv in flowlens.yaml); nothing was stored`,
        },
      });
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const problem = verify(provider, request, raw, secret);
    if (problem !== null) return refuse(request, reply, provider, problem);

    let payload: unknown;
    try {
      payload = decodeBody(raw, String(request.headers['content-type'] ?? ''));
    } catch (error) {
      request.log.warn({ provider }, `webhook body is not JSON: ${(error as Error).message}`);
      return reply.code(400).send({
        error: {
          code: 'INVALID_ARGUMENT',
          message: `the body is not valid JSON (${(error as Error).message})`,
        },
      });
    }
    const event = eventOf(
      provider,
      header(request, provider === 'github' ? 'x-github-event' : 'x-gitlab-event'),
      payload,
    );
    if (!isHandledEvent(provider, event))
      return reply.code(202).send({
        status: 'ignored',
        event,
        reason: `${event || 'this event'} is not an event Flowlens reads`,
      });
    const deliveryId =
      DELIVERY_HEADER[provider].map((h) => header(request, h)).find((v) => v !== undefined) ?? sha256(raw);
    if (deliveryId.length > 512)
      return reply.code(400).send({
        error: { code: 'INVALID_ARGUMENT', message: 'the delivery id is longer than 512 characters' },
      });

    try {
      return await queue.run(async () => {
        const seen = await store.db
          .selectFrom('webhook_deliveries')
          .select(['status', 'records'])
          .where('provider', '=', provider)
          .where('delivery_id', '=', deliveryId)
          .executeTakeFirst();
        if (seen !== undefined)
          return reply
            .code(200)
            .send({ status: 'duplicate', duplicate: true, event, deliveryId, records: 0 });
        const delivery = (status: string, records: number, reason: string | null, kept: string | null) => ({
          delivery: { provider, deliveryId, event, status, records, reason, payload: kept },
        });
        let outcome: Awaited<ReturnType<typeof translateWebhook>>;
        try {
          outcome = await translateWebhook(provider, event, payload, { config, env, store, now });
        } catch (error) {
          if (!(error instanceof UnexpectedPayload)) throw error;
          const reason = `unexpected payload: ${error.message}`;
          await (await importFor(provider)).commit(
            [],
            delivery('quarantined', 0, reason, raw.toString('utf8')),
          );
          return reply.code(202).send({ status: 'quarantined', event, deliveryId, reason });
        }
        if (outcome.status === 'ignored') {
          await (await importFor(provider)).commit([], delivery('ignored', 0, outcome.reason, null));
          return reply.code(202).send({ status: 'ignored', event, deliveryId, reason: outcome.reason });
        }
        const result = await (await importFor(provider)).commit(
          outcome.records,
          delivery('stored', outcome.records.length, null, null),
        );
        await refresher.request().catch((error: unknown) => {
          // The records are committed; the next refresh (or restart) brings them into the metrics.
          request.log.error({ err: error }, 'refresh after a webhook delivery failed');
        });
        return reply.code(200).send({
          status: 'stored',
          event,
          deliveryId,
          records: result.records,
          rejected: result.rejectedCount,
          counts: result.counts,
          ...(result.rejected.length === 0
            ? {}
            : {
                errors: result.rejected
                  .slice(0, 20)
                  .flatMap((r) =>
                    r.errors.map((e) => ({ kind: r.kind, id: r.id, field: e.field, message: e.message })),
                  ),
              }),
        });
      });
    } catch (error) {
      // Our own transient faults (the database, the tool's API) are 503 with Retry-After, never
      // a 4xx, so the sender's retries apply and the hook is not disabled for our fault.
      if (isSourceError(error))
        return unavailable(
          reply,
          `the ${provider} API could not be reached to complete the delivery: ${error.message}`,
        );
      if (isFlowlensError(error) && error.code === 'DATABASE_UNAVAILABLE')
        return unavailable(reply, error.message);
      throw error;
    }
  };

  for (const provider of ['github', 'gitlab', 'jira'] as const) {
    app.post(
      `/webhooks/${provider}`,
      { schema: webhookRouteSchema(provider), bodyLimit: maxBody },
      (request, reply) => handle(provider, request, reply),
    );
  }
}

/** Why a delivery's signature or token is refused, or null when it is good. */
function verify(
  provider: WebhookProvider,
  request: FastifyRequest,
  raw: Buffer,
  secret: string,
): string | null {
  if (provider === 'gitlab') {
    const token = header(request, 'x-gitlab-token');
    if (token === undefined) return 'the X-Gitlab-Token header is missing';
    return sameText(token, secret) ? null : 'the X-Gitlab-Token does not match';
  }
  const name = provider === 'github' ? 'x-hub-signature-256' : 'x-hub-signature';
  const signature = header(request, name);
  if (signature === undefined) {
    if (provider === 'jira') {
      const query = (request.query as Record<string, unknown> | undefined)?.secret;
      if (typeof query === 'string')
        return sameText(query, secret) ? null : 'the secret query parameter does not match';
    }
    return `the ${provider === 'github' ? 'X-Hub-Signature-256' : 'X-Hub-Signature'} header is missing`;
  }
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  if (match === null) return `the ${name} header is not "sha256=<64 hex digits>"`;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? null
    : 'the signature does not match the body';
}

/** Constant-time comparison of two strings of any lengths. */
function sameText(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function sha256(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/** JSON, or GitHub's form encoding (`payload=<json>`). */
function decodeBody(raw: Buffer, contentType: string): unknown {
  const text = raw.toString('utf8');
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const payload = new URLSearchParams(text).get('payload');
    if (payload === null) throw new Error('the form has no "payload" field');
    return JSON.parse(payload);
  }
  return JSON.parse(text);
}

/**
 * Refreshes the engine after deliveries, coalescing bursts: a request made while a refresh runs
 * is served by the next one, which starts when the current one ends — so when `request()`
 * resolves, a refresh that began after the caller's commit has finished.
 */
class CoalescingRefresh {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly refresh: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.next !== null) return this.next;
    if (this.running === null) {
      this.running = this.start();
      return this.running;
    }
    this.next = this.running.then(() => {
      this.next = null;
      this.running = this.start();
      return this.running;
    });
    return this.next;
  }

  private start(): Promise<void> {
    const run: Promise<void> = this.refresh().finally(() => {
      if (this.running === run) this.running = null;
    });
    return run;
  }
}
