/**
 * Mappings proposed by `flowlens connect` (migration 0004, `mapping_reviews`) that are still to
 * review: read by the connectors' commands and by the metric engine's data quality.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface MappingReview {
  readonly source: string;
  readonly team: string;
  readonly proposedAt: number;
  readonly proposedBy: string;
  readonly statuses: number;
  readonly types: number;
}

/**
 * Mappings proposed by `flowlens connect` that nobody has reviewed: still exactly as proposed (a
 * mapping imported since, from a file or the API, counts as reviewed) and not accepted.
 */
export async function pendingMappingReviews(db: Kysely<Database>): Promise<MappingReview[]> {
  const rows = await db
    .selectFrom('mapping_reviews as r')
    .innerJoin('mappings as m', (join) =>
      join.onRef('m.source', '=', 'r.source').onRef('m.team', '=', 'r.team'),
    )
    .select([
      'r.source',
      'r.team',
      'r.proposed_at',
      'r.proposed_by',
      'r.batch_id',
      'm.updated_batch',
      'm.statuses',
      'm.types',
    ])
    .orderBy('r.source')
    .execute();
  return rows
    .filter((row) => Number(row.updated_batch) === Number(row.batch_id))
    .map((row) => ({
      source: row.source,
      team: row.team,
      proposedAt: Number(row.proposed_at),
      proposedBy: row.proposed_by,
      statuses: Object.keys(JSON.parse(row.statuses) as object).length,
      types: Object.keys(JSON.parse(row.types) as object).length,
    }));
}
