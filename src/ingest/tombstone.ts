/**
 * Work items deleted at their source: `tombstoneItem` removes the item and its status changes and
 * keeps a tombstone (migration 0009) with what was removed, in one transaction with an audit entry
 * (`item.delete`) and, for a webhook, the delivery's row — so the deletion, its evidence and the
 * record that the delivery was handled commit together or not at all. Migration 0002's triggers
 * queue the item, so the next facts refresh drops it from every metric. `isTombstoned` lets a late
 * delivery about the same item be ignored instead of bringing it back.
 */
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database, Store } from '../store/index.js';

export interface TombstoneInput {
  readonly source: string;
  readonly id: string;
  /** How the deletion was learnt: `webhook:jira`, `sync:<source>`… (also the audit entry's actor). */
  readonly via: string;
  readonly reason: string;
  readonly at: number;
  /** The webhook delivery that reported it, recorded in the same transaction. */
  readonly delivery?: {
    readonly provider: string;
    readonly deliveryId: string;
    readonly event: string;
  };
}

export interface TombstoneResult {
  /** Whether a stored item was removed (false: it was unknown, or already a tombstone). */
  readonly removed: boolean;
  readonly transitions: number;
}

/**
 * Deletes a work item at its source's word and keeps its tombstone; see the file's comment. A
 * former id of a renamed item (migration 0012) deletes the item under its current id.
 */
export async function tombstoneItem(store: Store, given: TombstoneInput): Promise<TombstoneResult> {
  return store.db.transaction().execute(async (trx) => {
    const input = { ...given, id: await currentItemId(trx, given.source, given.id) };
    const known = await trx
      .selectFrom('item_tombstones')
      .select('deleted_at')
      .where('source', '=', input.source)
      .where('id', '=', input.id)
      .executeTakeFirst();
    const item = await trx
      .selectFrom('work_items')
      .selectAll()
      .where('source', '=', input.source)
      .where('id', '=', input.id)
      .executeTakeFirst();
    const transitions = await trx
      .selectFrom('transitions')
      .selectAll()
      .where('source', '=', input.source)
      .where('item', '=', input.id)
      .execute();
    const record =
      item === undefined && transitions.length === 0
        ? null
        : JSON.stringify({ workItem: item ?? null, transitions }, (_key, value: unknown) =>
            typeof value === 'bigint' ? Number(value) : value,
          );
    if (known === undefined) {
      await trx
        .insertInto('item_tombstones')
        .values({
          source: input.source,
          id: input.id,
          deleted_at: input.at,
          via: input.via,
          reason: input.reason,
          record,
        })
        .execute();
    }
    if (transitions.length > 0)
      await trx
        .deleteFrom('transitions')
        .where('source', '=', input.source)
        .where('item', '=', input.id)
        .execute();
    if (item !== undefined)
      await trx
        .deleteFrom('work_items')
        .where('source', '=', input.source)
        .where('id', '=', input.id)
        .execute();
    if (known === undefined || item !== undefined)
      await appendAudit(
        store,
        {
          actor: input.via,
          action: 'item.delete',
          kind: 'workItem',
          target: `${input.source}/${input.id}`,
          summary: `${input.id} of ${input.source} was deleted at its source (${input.reason}); its ${transitions.length} status change(s) left the metrics with it`,
          before: item === undefined ? null : { workItem: item, transitions: transitions.length },
          after: null,
          at: input.at,
        },
        trx,
      );
    if (input.delivery !== undefined) await recordDelivery(trx, input, item !== undefined);
    return { removed: item !== undefined, transitions: transitions.length };
  });
}

async function recordDelivery(trx: Transaction<Database>, input: TombstoneInput, removed: boolean) {
  const delivery = input.delivery!;
  const row = {
    event: delivery.event,
    received_at: input.at,
    status: 'deleted',
    records: removed ? 1 : 0,
    reason: input.reason,
    payload: null,
  };
  await trx
    .insertInto('webhook_deliveries')
    .values({ provider: delivery.provider, delivery_id: delivery.deliveryId, ...row })
    .onConflict((c) => c.columns(['provider', 'delivery_id']).doUpdateSet(row))
    .execute();
}

/**
 * Whether the item was deleted at its source (a tombstone exists), under this id or, for a former
 * id of a renamed item, under the id it was renamed to.
 */
export async function isTombstoned(store: Store, source: string, id: string): Promise<boolean> {
  const ids = [id];
  const alias = await store.db
    .selectFrom('item_aliases')
    .select('new_id')
    .where('source', '=', source)
    .where('old_id', '=', id)
    .executeTakeFirst();
  if (alias !== undefined) ids.push(alias.new_id);
  const row = await store.db
    .selectFrom('item_tombstones')
    .select('id')
    .where('source', '=', source)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return row !== undefined;
}

/** The id an item is stored under now: `id`, or the id it was renamed to when `id` is a former one. */
async function currentItemId(trx: Transaction<Database>, source: string, id: string): Promise<string> {
  const stored = await trx
    .selectFrom('work_items')
    .select('id')
    .where('source', '=', source)
    .where('id', '=', id)
    .executeTakeFirst();
  if (stored !== undefined) return id;
  const alias = await trx
    .selectFrom('item_aliases')
    .select('new_id')
    .where('source', '=', source)
    .where('old_id', '=', id)
    .executeTakeFirst();
  return alias?.new_id ?? id;
}
