/**
 * `flowlens connect`: checks a source's credentials and scope against its server, writes it into
 * the configuration, and proposes a mapping of its statuses, types and environments — imported
 * through the importer and marked "to review" until a person accepts or replaces it.
 */
import { sql } from 'kysely';
import { RecordImport } from '../ingest/index.js';
import { type MappingReview, pendingMappingReviews, type Store } from '../store/index.js';
import { type SourceConfig, sourceSchema, writeSource } from './config.js';
import { createConnector } from './connectors.js';
import type { HttpPolicy } from './http.js';
import { mappingRecord } from './shared.js';
import type { CheckResult, Env, MappingProposal } from './types.js';

export interface ConnectResult {
  readonly source: SourceConfig;
  readonly check: CheckResult;
  readonly configPath: string;
  /** Per records' source: what was proposed, and how many entries are new. */
  readonly mappings: readonly { readonly proposal: MappingProposal; readonly added: number }[];
}

export interface ConnectOptions {
  readonly env: Env;
  readonly configPath: string;
  /** Import the proposed mapping (default true). */
  readonly mapping?: boolean;
  readonly now?: () => number;
  readonly policy?: Partial<HttpPolicy>;
}

/** Validates the source's settings (as the configuration file would hold them). */
export function parseSourceSettings(settings: Record<string, unknown>): SourceConfig {
  return sourceSchema.parse(settings);
}

export async function connectSource(
  store: Store,
  settings: Record<string, unknown>,
  options: ConnectOptions,
): Promise<ConnectResult> {
  const now = options.now ?? Date.now;
  const source = parseSourceSettings(settings);
  const connector = createConnector(source, {
    env: options.env,
    store,
    now,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  });
  const check = await connector.check();
  writeSource(options.configPath, settings);
  const mappings: { proposal: MappingProposal; added: number }[] = [];
  if (options.mapping !== false) {
    for (const proposal of await connector.proposeMappings()) {
      mappings.push(await importProposal(store, proposal, `flowlens connect ${source.name}`, now));
    }
  }
  return { source, check, configPath: options.configPath, mappings };
}

/**
 * Imports a proposed mapping. A stored mapping of the source keeps every entry it has (a person
 * may have reviewed it); only statuses, types and environments it lacks are added. The mapping is
 * marked "to review" when anything was added.
 */
export async function importProposal(
  store: Store,
  proposal: MappingProposal,
  proposedBy: string,
  now: () => number,
): Promise<{ proposal: MappingProposal; added: number }> {
  const stored = await store.db
    .selectFrom('mappings')
    .select(['statuses', 'types', 'environments'])
    .where('source', '=', proposal.source)
    .where('team', '=', '')
    .executeTakeFirst();
  const before = {
    statuses: stored === undefined ? {} : (JSON.parse(stored.statuses) as MappingProposal['statuses']),
    types: stored === undefined ? {} : (JSON.parse(stored.types) as MappingProposal['types']),
    environments:
      stored?.environments === null || stored === undefined
        ? {}
        : (JSON.parse(stored.environments) as MappingProposal['environments']),
  };
  let added = 0;
  const merge = <T>(kept: Record<string, T>, proposed: Record<string, T>): Record<string, T> => {
    const out = { ...kept };
    for (const [key, value] of Object.entries(proposed)) {
      if (Object.hasOwn(out, key)) continue;
      out[key] = value;
      added++;
    }
    return out;
  };
  const merged: MappingProposal = {
    source: proposal.source,
    statuses: merge(before.statuses, proposal.statuses),
    types: merge(before.types, proposal.types),
    environments: merge(before.environments, proposal.environments),
  };
  if (added === 0) return { proposal: merged, added };
  const imports = await RecordImport.start(store, {
    name: `connect:${proposal.source}`,
    format: 'connect',
    now,
  });
  const result = await imports.commit([mappingRecord(merged)], undefined, true);
  if (result.rejectedCount > 0) {
    const why = result.rejected.flatMap((r) => r.errors.map((e) => `${e.field}: ${e.message}`)).join('; ');
    throw new Error(`the proposed mapping of ${proposal.source} was refused by the importer: ${why}`);
  }
  await sql`delete from mapping_reviews where source = ${proposal.source} and team = ''`.execute(store.db);
  await store.db
    .insertInto('mapping_reviews')
    .values({
      source: proposal.source,
      team: '',
      proposed_at: now(),
      proposed_by: proposedBy,
      batch_id: result.batchId,
    })
    .execute();
  return { proposal: merged, added };
}

export type { MappingReview } from '../store/index.js';

/**
 * Mappings proposed by `flowlens connect` that nobody has reviewed (kept by the store: the metric
 * engine reports them under data quality too).
 */
export async function mappingsToReview(store: Store): Promise<MappingReview[]> {
  return pendingMappingReviews(store.db);
}

/** Marks the proposed mappings of these sources as reviewed; returns the sources that had one. */
export async function acceptMappings(store: Store, sources: readonly string[]): Promise<string[]> {
  const pending = new Set((await mappingsToReview(store)).map((m) => m.source));
  const accepted = sources.filter((s) => pending.has(s));
  if (sources.length > 0)
    await store.db
      .deleteFrom('mapping_reviews')
      .where('source', 'in', [...sources])
      .execute();
  return accepted;
}
