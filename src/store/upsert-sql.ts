/**
 * The SQL of the bulk upsert, per store. A record that exists is updated only when a field
 * differs, so `updated` and `unchanged` can be told apart; `created_batch` tells inserted rows
 * from updated ones in what the statement returns.
 */
import type { Dialect } from './dialect.js';
import type { ColumnType, TableSpec } from './tables.js';

const PG_ARRAY_TYPES: Record<ColumnType, string> = {
  text: 'text[]',
  bigint: 'bigint[]',
  double: 'double precision[]',
  integer: 'integer[]',
};

function conflictClause(spec: TableSpec, dialect: Dialect): string {
  const mutable = spec.columns.filter((c) => !spec.key.includes(c.name)).map((c) => q(c.name));
  const differs = dialect === 'sqlite' ? 'IS NOT' : 'IS DISTINCT FROM';
  const set = [...mutable.map((c) => `${c} = excluded.${c}`), 'updated_batch = excluded.updated_batch'].join(
    ', ',
  );
  const where = mutable.map((c) => `${q(spec.table)}.${c} ${differs} excluded.${c}`).join(' OR ');
  return `ON CONFLICT (${spec.key.map(q).join(', ')}) DO UPDATE SET ${set} WHERE ${where}`;
}

function columnList(spec: TableSpec): string {
  return [...spec.columns.map((c) => q(c.name)), 'created_batch', 'updated_batch'].join(', ');
}

/**
 * SQLite: a multi-row VALUES upsert of `rowCount` rows. Each row's parameters are its column
 * values followed by the batch id twice (created_batch, updated_batch).
 */
export function buildSqliteUpsert(spec: TableSpec, rowCount: number): string {
  const tuple = `(${new Array(spec.columns.length + 2).fill('?').join(',')})`;
  const tuples = new Array<string>(rowCount).fill(tuple);
  return `INSERT INTO ${q(spec.table)} (${columnList(spec)}) VALUES ${tuples.join(',')} ${conflictClause(spec, 'sqlite')} RETURNING created_batch`;
}

/**
 * PostgreSQL: one statement per batch whatever its size, the columns passed as arrays and zipped
 * by `unnest`. Parameter $1 is the batch id, $2… the column arrays. Returns the counts directly.
 */
export function buildPostgresUpsert(spec: TableSpec): string {
  const arrays = spec.columns.map((c, i) => `$${i + 2}::${PG_ARRAY_TYPES[c.type]}`).join(', ');
  const insert =
    `INSERT INTO ${q(spec.table)} (${columnList(spec)}) ` +
    `SELECT u.*, $1::bigint, $1::bigint FROM unnest(${arrays}) AS u ` +
    `${conflictClause(spec, 'postgres')} RETURNING created_batch`;
  return `WITH written AS (${insert}) SELECT count(*) FILTER (WHERE created_batch = $1::bigint)::int AS inserted, count(*)::int AS written FROM written`;
}

function q(identifier: string): string {
  return `"${identifier}"`;
}
