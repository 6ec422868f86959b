/**
 * The kept webhook deliveries, and their replay (admin only; hostile-input.md case 9). A delivery
 * set aside as `quarantined` (valid JSON of a shape the mapping could not read) or `rejected` (not
 * JSON) keeps its raw payload in `webhook_deliveries` (migration 0004). After a fix — a new
 * Flowlens, a source added to flowlens.yaml — `replayDelivery` runs that payload again through the
 * current mapping and the importer, decided by the same function as a live delivery
 * (webhook-decision.ts): the records, the delivery's row and the batch's audit entry commit in one transaction
 * (records upserted by identity, so nothing is stored twice); a `jira:issue_deleted` tombstones the
 * item; a record about a tombstoned item is ignored; a payload still unreadable stays quarantined
 * with the reason of today's mapping. The row then says what happened last.
 *
 * | route | |
 * | --- | --- |
 * | `GET /webhooks/deliveries?status=&provider=&limit=` | the kept deliveries, newest first (no payloads) |
 * | `POST /webhooks/deliveries/{id}/replay?provider=` | replays one quarantined or rejected delivery |
 *
 * The same functions serve `flowlens webhooks list|replay` (src/cli/webhooks-command.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../auth/plugin.js';
import { eventOf, type FlowlensConfig, type WebhookProvider } from '../connectors/index.js';
import { FlowlensError } from '../domain/index.js';
import type { MetricsEngine } from '../engine/index.js';
import { RecordImport, tombstoneItem } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { arrayOf, errors, integer, nullableString, object, string } from './schemas.js';
import { SerialQueue } from './upload.js';
import { refuseRestricted } from './visibility.js';
import { decideDelivery } from './webhook-decision.js';
import { parseShallowJson } from './webhook-routes.js';

export const DELIVERY_STATUSES = ['stored', 'deleted', 'ignored', 'quarantined', 'rejected'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
const PROVIDERS: readonly WebhookProvider[] = ['github', 'gitlab', 'jira'];
/** Statuses whose payload is kept, and which can be replayed. */
export const REPLAYABLE: readonly string[] = ['quarantined', 'rejected'];

export interface DeliveryView {
  readonly provider: string;
  readonly deliveryId: string;
  readonly event: string;
  /** When it was received (or last replayed). */
  readonly receivedAt: string;
  readonly status: string;
  readonly records: number;
  readonly reason: string | null;
  /** Bytes of the kept payload (null: not kept; only set-aside deliveries keep it). */
  readonly payloadBytes: number | null;
}

export interface DeliveryFilter {
  readonly status?: string | undefined;
  readonly provider?: string | undefined;
  readonly limit?: number | undefined;
}

/** The kept deliveries, newest first. */
export async function listDeliveries(store: Store, filter: DeliveryFilter = {}): Promise<DeliveryView[]> {
  let query = store.db
    .selectFrom('webhook_deliveries')
    .select(['provider', 'delivery_id', 'event', 'received_at', 'status', 'records', 'reason', 'payload'])
    .orderBy('received_at', 'desc')
    .orderBy('provider')
    .orderBy('delivery_id')
    .limit(filter.limit ?? 100);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.provider !== undefined) query = query.where('provider', '=', filter.provider);
  return (await query.execute()).map((row) => ({
    provider: row.provider,
    deliveryId: row.delivery_id,
    event: row.event,
    receivedAt: new Date(Number(row.received_at)).toISOString(),
    status: row.status,
    records: Number(row.records),
    reason: row.reason,
    payloadBytes: row.payload === null ? null : Buffer.byteLength(row.payload),
  }));
}

export interface ReplayContext {
  readonly store: Store;
  /** The configuration the mapping reads (the sources deliveries belong to); null: none. */
  readonly config: FlowlensConfig | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now?: () => number;
  /** Who replays (the audit entries' actor is `webhook-replay:<actor>`). */
  readonly actor: string;
}

export interface ReplayResult {
  readonly provider: string;
  readonly deliveryId: string;
  readonly event: string;
  /** The status before the replay. */
  readonly before: string;
  /** What the replay did: `stored`, `deleted`, `ignored`, or still `quarantined` / `rejected`. */
  readonly status: DeliveryStatus;
  readonly records: number;
  readonly rejected: number;
  readonly reason: string | null;
}

/** A delivery's provider, given or found from its id; errors name the fix. */
export async function resolveDelivery(
  store: Store,
  deliveryId: string,
  provider?: string,
): Promise<{ provider: WebhookProvider; status: string }> {
  if (provider !== undefined && !PROVIDERS.includes(provider as WebhookProvider))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `provider "${provider}" is not one of ${PROVIDERS.join(', ')}`,
    );
  let query = store.db
    .selectFrom('webhook_deliveries')
    .select(['provider', 'status'])
    .where('delivery_id', '=', deliveryId);
  if (provider !== undefined) query = query.where('provider', '=', provider);
  const found = await query.execute();
  if (found.length === 0)
    throw new FlowlensError(
      'NOT_FOUND',
      `no webhook delivery "${deliveryId}"${provider === undefined ? '' : ` from ${provider}`} is kept; list them with \`flowlens webhooks list\` (GET /api/v1/webhooks/deliveries)`,
    );
  if (found.length > 1)
    throw new FlowlensError(
      'CONFLICT',
      `the delivery id "${deliveryId}" was received from ${found.map((f) => f.provider).join(' and ')}; name the provider (--provider, or ?provider=)`,
    );
  return { provider: found[0]!.provider as WebhookProvider, status: found[0]!.status };
}

/** The payload text as the route decoded it: JSON, or GitHub's form encoding (`payload=<json>`). */
function decodeKept(text: string): unknown {
  if (/^payload=/.test(text)) {
    const payload = new URLSearchParams(text).get('payload');
    if (payload === null) throw new Error('the form has no "payload" field');
    return parseShallowJson(payload);
  }
  return parseShallowJson(text);
}

/**
 * Replays one kept delivery through today's mapping and the importer; see the file's comment.
 * A delivery that is not quarantined or rejected is refused (CONFLICT): it was handled already.
 * The tool's API or the database failing now throws, and the row stays as it was.
 */
export async function replayDelivery(
  context: ReplayContext,
  deliveryId: string,
  providerGiven?: string,
): Promise<ReplayResult> {
  const { store } = context;
  const now = context.now ?? Date.now;
  const { provider } = await resolveDelivery(store, deliveryId, providerGiven);
  const row = await store.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('provider', '=', provider)
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirstOrThrow();
  if (!REPLAYABLE.includes(row.status))
    throw new FlowlensError(
      'CONFLICT',
      `the ${provider} delivery "${deliveryId}" is ${row.status}, not quarantined or rejected: it was handled and is not replayed`,
    );
  if (row.payload === null)
    throw new FlowlensError(
      'CONFLICT',
      `the ${provider} delivery "${deliveryId}" kept no payload, so it cannot be replayed; ask the sender to redeliver it`,
    );
  const payloadText = row.payload;
  const imports = await RecordImport.start(store, {
    name: `webhook-replay:${provider}`,
    format: 'webhook',
    now,
    actor: `webhook-replay:${context.actor}`,
  });
  const base = { provider, deliveryId, before: row.status };
  const keep = async (event: string, status: 'quarantined' | 'rejected', reason: string) => {
    await imports.commit([], {
      delivery: { provider, deliveryId, event, status, records: 0, reason, payload: payloadText },
    });
    return { ...base, event, status, records: 0, rejected: 0, reason } satisfies ReplayResult;
  };

  let payload: unknown;
  try {
    payload = decodeKept(payloadText);
  } catch (error) {
    return keep(
      row.event,
      'rejected',
      `the body is not valid JSON (${(error as Error).message}); the delivery is kept as rejected`,
    );
  }
  const event = eventOf(provider, row.event === '' ? undefined : row.event, payload);
  const decision = await decideDelivery(provider, event, payload, {
    config: context.config,
    env: context.env,
    store,
    now,
  });
  if (decision.status === 'quarantined') return keep(event, 'quarantined', decision.reason);
  if (decision.status === 'deleted') {
    const done = await tombstoneItem(store, {
      source: decision.source,
      id: decision.id,
      via: `webhook-replay:${provider}`,
      reason: decision.reason,
      at: now(),
      delivery: { provider, deliveryId, event },
    });
    return {
      ...base,
      event,
      status: 'deleted',
      records: done.removed ? 1 : 0,
      rejected: 0,
      reason: decision.reason,
    };
  }
  if (decision.status === 'ignored') {
    await imports.commit([], {
      delivery: {
        provider,
        deliveryId,
        event,
        status: 'ignored',
        records: 0,
        reason: decision.reason,
        payload: null,
      },
    });
    return { ...base, event, status: 'ignored', records: 0, rejected: 0, reason: decision.reason };
  }
  const records = decision.records;
  const result = await imports.commit(records, {
    delivery: {
      provider,
      deliveryId,
      event,
      status: 'stored',
      records: records.length,
      reason: null,
      payload: null,
    },
  });
  return {
    ...base,
    event,
    status: 'stored',
    records: result.records,
    rejected: result.rejectedCount,
    reason: null,
  };
}

/** Replays every quarantined delivery (of one provider, when given), oldest first. */
export async function replayQuarantined(
  context: ReplayContext,
  provider?: string,
): Promise<{ results: ReplayResult[]; failed: { provider: string; deliveryId: string; message: string }[] }> {
  let query = context.store.db
    .selectFrom('webhook_deliveries')
    .select(['provider', 'delivery_id'])
    .where('status', '=', 'quarantined')
    .orderBy('received_at')
    .orderBy('delivery_id');
  if (provider !== undefined) query = query.where('provider', '=', provider);
  const results: ReplayResult[] = [];
  const failed: { provider: string; deliveryId: string; message: string }[] = [];
  for (const row of await query.execute()) {
    try {
      results.push(await replayDelivery(context, row.delivery_id, row.provider));
    } catch (error) {
      failed.push({ provider: row.provider, deliveryId: row.delivery_id, message: (error as Error).message });
    }
  }
  return { results, failed };
}

// ── Routes ──────────────────────────────────────────────────────────────────────────────────────

const deliverySchema = object(
  {
    provider: { type: 'string', enum: PROVIDERS },
    deliveryId: string,
    event: string,
    receivedAt: { type: 'string', format: 'date-time', description: 'Received, or last replayed.' },
    status: { type: 'string', enum: DELIVERY_STATUSES },
    records: integer,
    reason: nullableString,
    payloadBytes: {
      type: ['integer', 'null'],
      description: 'Size of the kept payload; null when none is kept (only set-aside deliveries keep one).',
    },
  },
  'A webhook delivery as received and handled.',
);

const replaySchema = object(
  {
    provider: { type: 'string', enum: PROVIDERS },
    deliveryId: string,
    event: string,
    before: { type: 'string', description: 'The status before the replay: quarantined or rejected.' },
    status: { type: 'string', enum: DELIVERY_STATUSES },
    records: integer,
    rejected: { ...integer, description: 'Records the importer refused (with the import log’s errors).' },
    reason: nullableString,
  },
  'What the replay did; the delivery’s row now says the same.',
);

export interface WebhookAdminContext {
  readonly store: Store;
  readonly engine: MetricsEngine;
  readonly config: FlowlensConfig | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
}

export function registerWebhookAdminRoutes(api: FastifyInstance, context: WebhookAdminContext): void {
  // One replay at a time: each continues the running import `webhook-replay:<tool>` in order.
  const queue = new SerialQueue();
  const replayContext = (request: FastifyRequest): ReplayContext => ({
    store: context.store,
    config: context.config,
    env: context.env,
    now: context.now,
    actor: actorOf(request),
  });

  api.get(
    '/webhooks/deliveries',
    {
      schema: {
        summary: 'Kept webhook deliveries',
        description:
          'The webhook deliveries received, newest first, with how each was handled and why. Quarantined ' +
          '(an unexpected shape) and rejected (not JSON) ones keep their payload and can be replayed. Admin only.',
        tags: ['webhooks'],
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: DELIVERY_STATUSES, description: 'Only this status.' },
            provider: { type: 'string', enum: PROVIDERS, description: 'Only this tool.' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
          additionalProperties: false,
        },
        response: {
          200: object({ deliveries: arrayOf(deliverySchema) }),
          ...errors(400, 401, 403, 500, 503),
        },
      },
    },
    async (request) => {
      refuseRestricted(request, 'the webhook deliveries');
      const q = request.query as { status?: string; provider?: string; limit: number };
      return { deliveries: await listDeliveries(context.store, q) };
    },
  );

  api.post(
    '/webhooks/deliveries/:id/replay',
    {
      schema: {
        summary: 'Replay a quarantined or rejected webhook delivery',
        description:
          'Runs the kept payload again through the current mapping and the importer, as a live delivery: ' +
          'the records, the delivery’s row and an audit entry commit together; a payload still unreadable ' +
          'stays quarantined with today’s reason. A delivery handled already is a 409. Admin only.',
        tags: ['webhooks'],
        params: object({ id: { type: 'string', minLength: 1, maxLength: 512 } }),
        querystring: {
          type: 'object',
          properties: {
            provider: {
              type: 'string',
              enum: PROVIDERS,
              description: 'The tool, when the same id was received from two.',
            },
          },
          additionalProperties: false,
        },
        response: {
          200: replaySchema,
          ...errors(400, 401, 403, 404, 409, 500, 502, 503),
        },
      },
    },
    async (request) => {
      refuseRestricted(request, 'replaying a webhook delivery');
      const { id } = request.params as { id: string };
      const { provider } = request.query as { provider?: string };
      const result = await queue.run(() => replayDelivery(replayContext(request), id, provider));
      if (result.status === 'stored' || result.status === 'deleted')
        await context.engine.refresh().catch((error: unknown) => {
          request.log.error({ err: error }, 'refresh after a webhook replay failed');
        });
      return result;
    },
  );
}
