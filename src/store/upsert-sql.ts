/**
 * The SQL of the bulk upsert, per store. A record that exists is updated only when a field
 * differs, so `updated` and `unchanged` can be told apart. Inserted and updated rows are told apart
 * by `created_batch` in what the statement returns (PostgreSQL) or by a temporary trigger that
 * counts updates (SQLite, see sqlite.ts).
 */
import type { Dialect } from './dialect.js';
import type { ColumnType, FlatRows, TableSpec } from './tables.js';

/** Which identity a statement's rows conflict on: the primary key, or `idKey` (rows with an id). */
export type ConflictTarget = 'key' | 'idKey';

/** `ON CONFLICT … DO UPDATE … WHERE <a field differs>` for the table and identity. */
export function conflictClause(spec: TableSpec, dialect: Dialect, target: ConflictTarget): string {
  const key = target === 'key' ? spec.key : (spec.idKey ?? spec.key);
  const mutable = spec.columns.filter((c) => !key.includes(c.name)).map((c) => q(c.name));
  const differs = dialect === 'sqlite' ? 'IS NOT' : 'IS DISTINCT FROM';
  const set = [...mutable.map((c) => `${c} = excluded.${c}`), 'updated_batch = excluded.updated_batch'].join(
    ', ',
  );
  const where = mutable.map((c) => `${q(spec.table)}.${c} ${differs} excluded.${c}`).join(' OR ');
  const partial = target === 'idKey' ? ` WHERE "id" <> ''` : '';
  return `ON CONFLICT (${key.map(q).join(', ')})${partial} DO UPDATE SET ${set} WHERE ${where}`;
}

function columnList(spec: TableSpec): string {
  return [...spec.columns.map((c) => q(c.name)), 'created_batch', 'updated_batch'].join(', ');
}

/**
 * SQLite: a multi-row VALUES upsert of `rowCount` rows. The anonymous parameters are the rows'
 * column values in order; the named parameter `@batch` is the batch id.
 */
export function buildSqliteUpsert(spec: TableSpec, rowCount: number, target: ConflictTarget): string {
  const tuple = `(${new Array(spec.columns.length).fill('?').join(',')},@batch,@batch)`;
  const tuples = new Array<string>(rowCount).fill(tuple);
  return `INSERT INTO ${q(spec.table)} (${columnList(spec)}) VALUES ${tuples.join(',')} ${conflictClause(spec, 'sqlite', target)}`;
}

/** The temporary table a batch's rows of one table and identity are copied into (see postgres.ts). */
export function postgresStageTable(spec: TableSpec, target: ConflictTarget): string {
  return `flowlens_stage_${spec.table}_${target === 'key' ? 'key' : 'id'}`;
}

const PG_TYPES: Record<ColumnType, string> = {
  text: 'text',
  bigint: 'bigint',
  double: 'double precision',
  integer: 'integer',
};

/** PostgreSQL: creates the session's staging table for a table and identity (emptied at every commit). */
export function buildPostgresStage(spec: TableSpec, target: ConflictTarget): string {
  const columns = spec.columns.map((c) => `${q(c.name)} ${PG_TYPES[c.type]}`).join(', ');
  return `CREATE TEMP TABLE IF NOT EXISTS ${postgresStageTable(spec, target)} (${columns}) ON COMMIT DELETE ROWS`;
}

/** PostgreSQL: `COPY … FROM STDIN` into the staging table, in text format. */
export function buildPostgresCopy(spec: TableSpec, target: ConflictTarget): string {
  return `COPY ${postgresStageTable(spec, target)} (${spec.columns.map((c) => q(c.name)).join(', ')}) FROM STDIN`;
}

/**
 * PostgreSQL: the upsert of the staged rows into the table. Parameter $1 is the batch id. Returns
 * one row: `inserted` and `written` (inserted + updated).
 */
export function buildPostgresUpsertFromStage(spec: TableSpec, target: ConflictTarget): string {
  const insert =
    `INSERT INTO ${q(spec.table)} (${columnList(spec)}) ` +
    `SELECT s.*, $1::bigint, $1::bigint FROM ${postgresStageTable(spec, target)} AS s ` +
    `${conflictClause(spec, 'postgres', target)} RETURNING created_batch`;
  return `WITH written AS (${insert}) SELECT count(*) FILTER (WHERE created_batch = $1::bigint)::int AS inserted, count(*)::int AS written FROM written`;
}

/** Rows as PostgreSQL's COPY text format: tab-separated, `\N` for null, backslash escapes. */
export function toCopyText(cells: FlatRows, width: number): string {
  const lines: string[] = [];
  const fields: string[] = new Array<string>(width);
  for (let start = 0; start < cells.length; start += width) {
    for (let c = 0; c < width; c++) {
      const cell = cells[start + c] ?? null;
      fields[c] = cell === null ? '\\N' : typeof cell === 'number' ? String(cell) : escapeCopy(cell);
    }
    lines.push(fields.join('\t'));
  }
  lines.push('');
  return lines.join('\n');
}

const COPY_SPECIAL = /[\\\t\n\r]/;

function escapeCopy(text: string): string {
  if (!COPY_SPECIAL.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function q(identifier: string): string {
  return `"${identifier}"`;
}

/** Splits a batch's rows by the identity they conflict on; most tables have only the key. */
export function splitByIdentity(spec: TableSpec, cells: FlatRows): [ConflictTarget, FlatRows][] {
  if (spec.idKey === undefined) return [['key', cells]];
  const width = spec.columns.length;
  const idColumn = spec.columns.findIndex((c) => c.name === 'id');
  let withId = 0;
  for (let i = idColumn; i < cells.length; i += width) if (cells[i] !== '') withId++;
  if (withId === 0) return [['key', cells]];
  const byKey: FlatRows = [];
  const byId: FlatRows = [];
  for (let start = 0; start < cells.length; start += width) {
    const target = cells[start + idColumn] === '' ? byKey : byId;
    for (let c = start; c < start + width; c++) target.push(cells[c] ?? null);
  }
  const groups: [ConflictTarget, FlatRows][] = [];
  if (byKey.length > 0) groups.push(['key', byKey]);
  groups.push(['idKey', byId]);
  return groups;
}
