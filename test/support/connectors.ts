/** Helpers for the connector tests: configurations, a quick HTTP policy, and reading what was stored. */
import { sql } from 'kysely';
import type { HttpPolicy } from '../../src/connectors/http.js';
import { configSchema, type FlowlensConfig } from '../../src/connectors/index.js';
import type { Store } from '../../src/store/index.js';

/** Backoff in milliseconds instead of seconds, so retries do not slow the tests down. */
export const FAST_POLICY: Partial<HttpPolicy> = {
  baseDelayMs: 5,
  maxDelayMs: 40,
  secondaryWaitMs: 300,
  timeoutMs: 3000,
};

/** A configuration with these sources (validated as flowlens.yaml would be). */
export function configWith(...sources: Record<string, unknown>[]): FlowlensConfig {
  return configSchema.parse({ sources: sources.map((s) => ({ allowPrivateNetwork: true, ...s })) });
}

export type Row = Record<string, unknown>;

/** Every row of a table, values as plain JavaScript (numbers for bigint columns). */
export async function rows(store: Store, table: string, orderBy = 'id'): Promise<Row[]> {
  const result = await sql<Row>`select * from ${sql.table(table)} order by ${sql.ref(orderBy)}`.execute(
    store.db,
  );
  return result.rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  );
}

export async function count(store: Store, table: string): Promise<number> {
  const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
    store.db,
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Transitions per item, in time order, as `[from, to, at(ms)]`. */
export async function transitionsByItem(store: Store): Promise<Map<string, [string, string, number][]>> {
  const map = new Map<string, [string, string, number][]>();
  for (const t of await rows(store, 'transitions', 'at')) {
    const list = map.get(String(t.item)) ?? [];
    list.push([String(t.from_status), String(t.to_status), Number(t.at)]);
    map.set(String(t.item), list);
  }
  for (const list of map.values()) list.sort((a, b) => a[2] - b[2]);
  return map;
}
