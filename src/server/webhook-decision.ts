/**
 * What a webhook delivery comes to under today's mapping: the one decision the live route
 * (webhook-routes.ts) and the replay of a kept delivery (webhook-admin-routes.ts) share, so that a
 * replayed payload is judged exactly as it would be if it arrived now.
 * - `quarantined`: JSON of a shape the mapping cannot read (or that broke it): set aside, with the reason;
 * - `deleted`: the item was deleted at its source: the caller tombstones it (src/ingest/tombstone.ts);
 * - `ignored`: nothing to store — an event about something no source follows, or records of an
 *   item deleted at its source, which is not brought back;
 * - `stored`: the records to import.
 * The caller writes what was decided (the route in its group's transaction, the replay at once).
 */
import {
  translateWebhook,
  UnexpectedPayload,
  type WebhookContext,
  type WebhookOutcome,
  type WebhookProvider,
} from '../connectors/index.js';
import { isTombstoned } from '../ingest/index.js';
import type { Store } from '../store/index.js';

export type DeliveryDecision =
  | { readonly status: 'quarantined'; readonly reason: string }
  | Exclude<WebhookOutcome, { status: 'records' }>
  | {
      readonly status: 'stored';
      readonly records: Extract<WebhookOutcome, { status: 'records' }>['records'];
    };

export interface DecisionContext extends WebhookContext {
  /**
   * The sources that have any tombstone (a cheap pre-check: only their records are looked up one
   * by one). Absent: every source's records are looked up.
   */
  readonly buriedSources?: ReadonlySet<string>;
  /** Told when the payload broke the mapping (a TypeError or RangeError, not a shape it refused). */
  readonly onBroken?: (error: Error) => void;
}

export async function decideDelivery(
  provider: WebhookProvider,
  event: string,
  payload: unknown,
  context: DecisionContext,
): Promise<DeliveryDecision> {
  let outcome: WebhookOutcome;
  try {
    outcome = await translateWebhook(provider, event, payload, context);
  } catch (error) {
    // A payload the mapping cannot read is set aside with the reason, never a crash: a shape it
    // did not expect, or one that broke it (a TypeError on a field of the wrong type).
    if (!(error instanceof UnexpectedPayload || error instanceof TypeError || error instanceof RangeError))
      throw error;
    if (!(error instanceof UnexpectedPayload)) context.onBroken?.(error);
    return { status: 'quarantined', reason: `unexpected payload: ${error.message}` };
  }
  if (outcome.status !== 'records') return outcome;
  const buried = await firstTombstoned(context.store, outcome.records, context.buriedSources);
  if (buried !== null)
    return { status: 'ignored', reason: `${buried} was deleted at its source; it is not brought back` };
  return { status: 'stored', records: outcome.records };
}

/** The first work item of the records that was deleted at its source, as `source/id`, or null. */
async function firstTombstoned(
  store: Store,
  records: Extract<WebhookOutcome, { status: 'records' }>['records'],
  buriedSources: ReadonlySet<string> | undefined,
): Promise<string | null> {
  for (const record of records) {
    if (record.kind !== 'workItem' && record.kind !== 'transition') continue;
    const source = String(record.source);
    if (buriedSources !== undefined && !buriedSources.has(source)) continue;
    const id = String(record.kind === 'workItem' ? record.id : record.item);
    if (await isTombstoned(store, source, id)) return `${source}/${id}`;
  }
  return null;
}
