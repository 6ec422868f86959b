/**
 * `POST /api/v1/webhooks/github|gitlab|jira`: deliveries from the tools, verified on their raw
 * bytes before anything is parsed, de-duplicated by delivery id, turned into interchange records by
 * src/connectors (the same mapping as `flowlens sync`) and handed to the importer; the metrics
 * include a delivery when its answer arrives.
 *
 * | answer | when |
 * | --- | --- |
 * | 200 `stored` | the delivery's records are committed (and the metrics refreshed) |
 * | 200 `deleted` | `jira:issue_deleted`: the item and its status changes leave the metrics; a tombstone and an audit entry keep them |
 * | 200 `duplicate` | this delivery id was received in the last 72 hours; nothing is stored again |
 * | 202 `ignored` | an event Flowlens reads that changes nothing (a ping, a pending deployment) |
 * | 202 `quarantined` | valid JSON of an unexpected shape: kept with the reason, nothing imported |
 * | 204 | an event type Flowlens does not read (`star`…): not an error, nothing stored |
 * | 400 | the body is not JSON, or nested deeper than 256 levels (the signature was valid); kept as `rejected` |
 * | 401 | the signature or token is missing or wrong; nothing is stored |
 * | 413 | the body is larger than `webhooks.maxBodyBytes` (refused from Content-Length, unread) |
 * | 503 | no secret is configured for this route, or the database or the tool's API is unavailable (with Retry-After) |
 *
 * A delivery id seen before is processed again when that delivery was set aside (`quarantined`) or
 * refused (`rejected`) — the sender's "redeliver" after a fix; the kept payload can also be replayed
 * with `flowlens webhooks replay` (webhook-admin-routes.ts) — or when it was first received more
 * than 72 hours ago (GitHub keeps deliveries for redelivery for three days): records are upserted
 * by their natural keys, so that stores nothing twice either.
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
  type WebhookProvider,
} from '../connectors/index.js';
import { isFlowlensError } from '../domain/index.js';
import type { MetricsEngine } from '../engine/index.js';
import { type RecordBatchResult, RecordImport, tombstoneItem } from '../ingest/index.js';
import {
  type BatchSyncState,
  classifyStoreFault,
  RETRY_AFTER_SECONDS as STORE_RETRY_AFTER,
  type Store,
} from '../store/index.js';
import { CoalescingRefresh } from './coalescing-refresh.js';
import { SerialQueue } from './upload.js';
import { decideDelivery } from './webhook-decision.js';
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
/** How long a delivery id counts as a duplicate after it was first received. */
export const WEBHOOK_DEDUPE_WINDOW_MS = 72 * 60 * 60 * 1000;
/** The deepest nesting of arrays and objects a delivery may have (real payloads have under 20). */
export const WEBHOOK_MAX_DEPTH = 256;

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

  /**
   * The deliveries of one tool that arrived while the previous group was being written, decided
   * one after the other in arrival order and committed together (SQLite: one transaction), each
   * still its own import batch with its own answer. Groups run one at a time, in the queue that
   * also records refused bodies.
   */
  const decideGroup = async (provider: WebhookProvider, jobs: readonly DeliveryJob[]) => {
    const answers: (Answer | Error | undefined)[] = jobs.map(() => undefined);
    const ids = [...new Set(jobs.map((job) => job.deliveryId))];
    const seen = new Map<string, { status: string; receivedAt: number }>();
    for (const row of await store.db
      .selectFrom('webhook_deliveries')
      .select(['delivery_id', 'status', 'received_at'])
      .where('provider', '=', provider)
      .where('delivery_id', 'in', ids)
      .execute())
      seen.set(row.delivery_id, { status: row.status, receivedAt: Number(row.received_at) });
    // Sources with a tombstone: only their records need the per-item check.
    const buriedSources = new Set(
      (await store.db.selectFrom('item_tombstones').select('source').distinct().execute()).map(
        (r) => r.source,
      ),
    );
    const pending: {
      readonly index: number;
      readonly deliveryId: string;
      readonly status: string;
      readonly records: readonly unknown[];
      readonly sync: BatchSyncState;
      readonly answer: (result: RecordBatchResult) => Answer;
    }[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const group = pending.splice(0);
      const results = await (await importFor(provider)).commitEach(
        group.map((entry) => ({ records: entry.records, sync: entry.sync })),
      );
      const committed = refresher.ticket();
      group.forEach((entry, i) => {
        const result = results[i] ?? new Error('no result for a delivery of the group');
        answers[entry.index] = result instanceof Error ? result : { ...entry.answer(result), committed };
        if (!(result instanceof Error))
          seen.set(entry.deliveryId, { status: entry.status, receivedAt: now() });
      });
    };
    for (const [index, job] of jobs.entries()) {
      const { deliveryId, event, payload, raw } = job;
      const delivery = (status: string, records: number, reason: string | null, kept: string | null) => ({
        delivery: { provider, deliveryId, event, status, records, reason, payload: kept },
      });
      try {
        // The same id twice in one group: the first is written before the second is judged.
        if (pending.some((entry) => entry.deliveryId === deliveryId)) await flush();
        const before = seen.get(deliveryId);
        if (
          before !== undefined &&
          before.status !== 'quarantined' &&
          before.status !== 'rejected' &&
          before.receivedAt > now() - WEBHOOK_DEDUPE_WINDOW_MS
        ) {
          answers[index] = {
            code: 200,
            body: { status: 'duplicate', duplicate: true, event, deliveryId, records: 0 },
            refresh: false,
          };
          continue;
        }
        const decision = await decideDelivery(provider, event, payload, {
          config,
          env,
          store,
          now,
          buriedSources,
          onBroken: (error) =>
            job.log.error({ err: error, provider, deliveryId }, 'a webhook payload broke its mapping'),
        });
        if (decision.status === 'quarantined') {
          const reason = decision.reason;
          pending.push({
            index,
            deliveryId,
            status: 'quarantined',
            records: [],
            sync: delivery('quarantined', 0, reason, storableText(raw)),
            answer: () => ({
              code: 202,
              body: { status: 'quarantined', event, deliveryId, reason },
              refresh: false,
            }),
          });
          continue;
        }
        if (decision.status === 'deleted') {
          // A deletion is written on its own, after what arrived before it.
          await flush();
          const done = await tombstoneItem(store, {
            source: decision.source,
            id: decision.id,
            via: `webhook:${provider}`,
            reason: decision.reason,
            at: now(),
            delivery: { provider, deliveryId, event },
          });
          buriedSources.add(decision.source);
          seen.set(deliveryId, { status: 'deleted', receivedAt: now() });
          answers[index] = {
            committed: refresher.ticket(),
            code: 200,
            body: {
              status: 'deleted',
              event,
              deliveryId,
              records: done.removed ? 1 : 0,
              reason: `${decision.reason}: the item left the metrics; a tombstone and an audit entry keep what it was`,
            },
            refresh: true,
          };
          continue;
        }
        if (decision.status === 'ignored') {
          const reason = decision.reason;
          pending.push({
            index,
            deliveryId,
            status: 'ignored',
            records: [],
            sync: delivery('ignored', 0, reason, null),
            answer: () => ({
              code: 202,
              body: { status: 'ignored', event, deliveryId, reason },
              refresh: false,
            }),
          });
          continue;
        }
        pending.push({
          index,
          deliveryId,
          status: 'stored',
          records: decision.records,
          sync: delivery('stored', decision.records.length, null, null),
          answer: (result) => ({
            code: 200,
            body: {
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
            },
            refresh: true,
          }),
        });
      } catch (error) {
        answers[index] = error instanceof Error ? error : new Error(String(error));
      }
    }
    try {
      await flush();
    } catch (error) {
      // The whole group could not be written (e.g. the import log could not be opened).
      for (const entry of pending.splice(0)) answers[entry.index] = error as Error;
      for (let i = 0; i < answers.length; i++) answers[i] ??= error as Error;
    }
    return answers.map((answer) => answer ?? new Error('a delivery of the group was not decided'));
  };

  const batchers = new Map<WebhookProvider, DeliveryBatcher>();
  const batcherFor = (provider: WebhookProvider): DeliveryBatcher => {
    let batcher = batchers.get(provider);
    if (batcher === undefined) {
      batcher = new DeliveryBatcher(queue, (jobs) => decideGroup(provider, jobs));
      batchers.set(provider, batcher);
    }
    return batcher;
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

  const unavailable = (reply: FastifyReply, message: string, retryAfter = RETRY_AFTER_SECONDS) =>
    reply
      .code(503)
      .header('retry-after', String(retryAfter))
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

    const eventHeader = header(request, provider === 'github' ? 'x-github-event' : 'x-gitlab-event');
    const deliveryId =
      DELIVERY_HEADER[provider].map((h) => header(request, h)).find((v) => v !== undefined) ?? sha256(raw);
    if (deliveryId.length > 512)
      return reply.code(400).send({
        error: { code: 'INVALID_ARGUMENT', message: 'the delivery id is longer than 512 characters' },
      });
    const delivery = (
      event: string,
      status: string,
      records: number,
      reason: string | null,
      kept: string | null,
    ) => ({
      delivery: { provider, deliveryId, event, status, records, reason, payload: kept },
    });

    let payload: unknown;
    try {
      payload = decodeBody(raw, String(request.headers['content-type'] ?? ''));
    } catch (error) {
      // Signed by the sender, so kept (as `rejected`) for whoever looks into it; the sender's
      // redelivery of the same id is processed again.
      const message = `the body is not valid JSON (${(error as Error).message}); the delivery is kept as rejected`;
      request.log.warn({ provider, deliveryId }, `webhook ${message}`);
      try {
        await queue.run(async () =>
          (await importFor(provider)).commit(
            [],
            delivery(eventHeader ?? '', 'rejected', 0, message, storableText(raw)),
          ),
        );
      } catch (stored) {
        request.log.error({ err: stored }, 'a rejected webhook delivery could not be recorded');
      }
      return reply.code(400).send({ error: { code: 'INVALID_ARGUMENT', message } });
    }
    const event = eventOf(provider, eventHeader, payload);
    // An event type the hook sends but Flowlens does not read is no error: 204, nothing stored.
    if (!isHandledEvent(provider, event)) return reply.code(204).send();

    // What the delivery's group decided; a delivery that changed data is answered once a refresh
    // that began after its commit has finished — awaited outside the queue, so that the
    // deliveries arriving meanwhile commit and share that refresh instead of each waiting for its own.
    let answer: Answer;
    try {
      const decided = await batcherFor(provider).submit({
        deliveryId,
        event,
        payload,
        raw,
        log: request.log,
      });
      if (decided instanceof Error) throw decided;
      answer = decided;
    } catch (error) {
      // Our own transient faults (the database, the tool's API) are 503 with Retry-After, never
      // a 4xx, so the sender's retries apply and the hook is not disabled for our fault.
      if (isSourceError(error))
        return unavailable(
          reply,
          `the ${provider} API could not be reached to complete the delivery: ${error.message}`,
        );
      const fault = classifyStoreFault(error);
      if (fault !== null) {
        request.log.warn(
          { provider, deliveryId, code: fault.code },
          `webhook delivery not stored: ${fault.reason}`,
        );
        return unavailable(
          reply,
          `the delivery could not be stored now (${fault.reason}: ${fault.code}); it was not stored, retry it later`,
          STORE_RETRY_AFTER[fault.reason],
        );
      }
      if (isFlowlensError(error) && error.code === 'DATABASE_UNAVAILABLE')
        return unavailable(reply, error.message);
      throw error;
    }
    if (answer.refresh)
      await refresher.request(answer.committed ?? refresher.ticket()).catch((error: unknown) => {
        // The records are committed; the next refresh (or restart) brings them into the metrics.
        request.log.error({ err: error }, 'refresh after a webhook delivery failed');
      });
    return reply.code(answer.code).send(answer.body);
  };

  for (const provider of ['github', 'gitlab', 'jira'] as const) {
    app.post(
      `/webhooks/${provider}`,
      { schema: webhookRouteSchema(provider), bodyLimit: maxBody },
      (request, reply) => handle(provider, request, reply),
    );
  }
}

interface Answer {
  readonly code: number;
  readonly body: unknown;
  /** Whether the delivery changed data (answered after a refresh that began after its commit). */
  readonly refresh: boolean;
  /** The refresher's ticket when the delivery was committed (CoalescingRefresh.ticket). */
  readonly committed?: number;
}

interface DeliveryJob {
  readonly deliveryId: string;
  readonly event: string;
  readonly payload: unknown;
  readonly raw: Buffer;
  readonly log: FastifyRequest['log'];
}

/** Most deliveries decided and committed together. */
const MAX_GROUP = 128;

/**
 * Collects the deliveries that arrive while a group is being written into the next group: under
 * load many deliveries share one transaction and one refresh; alone, a delivery is a group of one
 * and waits for nothing.
 */
class DeliveryBatcher {
  private waiting: { job: DeliveryJob; settle: (answer: Answer | Error) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly queue: SerialQueue,
    private readonly decide: (jobs: readonly DeliveryJob[]) => Promise<(Answer | Error)[]>,
  ) {}

  submit(job: DeliveryJob): Promise<Answer | Error> {
    return new Promise((settle) => {
      this.waiting.push({ job, settle });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the event loop's current turn: the store answers synchronously, so without this pause
    // each delivery would be decided before the next one's bytes are even read. Every request read
    // in this turn joins the group.
    setImmediate(() => void this.queue.run(() => this.drain()));
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    const group = this.waiting.splice(0, MAX_GROUP);
    if (this.waiting.length > 0) this.schedule();
    if (group.length === 0) return;
    let answers: (Answer | Error)[];
    try {
      answers = await this.decide(group.map((entry) => entry.job));
    } catch (error) {
      answers = group.map(() => (error instanceof Error ? error : new Error(String(error))));
    }
    group.forEach((entry, i) => {
      entry.settle(answers[i] ?? new Error('a delivery of the group was not decided'));
    });
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

/** The body as text a database column takes: invalid UTF-8 replaced, NUL characters too (PostgreSQL). */
function storableText(raw: Buffer): string {
  return raw.toString('utf8').replaceAll('\u0000', '\ufffd');
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
    return parseShallowJson(payload);
  }
  return parseShallowJson(text);
}

/**
 * JSON.parse, after one linear scan that refuses nesting deeper than WEBHOOK_MAX_DEPTH: a body of
 * 100,000 `[` is refused in a millisecond and never reaches a recursive walk of the value.
 */
export function parseShallowJson(text: string): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > WEBHOOK_MAX_DEPTH)
        throw new Error(`it is nested deeper than ${WEBHOOK_MAX_DEPTH} levels at character ${i + 1}`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return JSON.parse(text);
}
