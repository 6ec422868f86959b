/**
 * How each interchange record kind is stored: its table, its columns and its identity (the
 * primary key, contract.md §1). One description drives the migrations' expectations, the bulk
 * upserts of both stores and the test helpers that compare databases.
 *
 * Conventions: instants are epoch milliseconds (`bigint` columns, `…_at`), lists and objects are
 * JSON text, booleans are 0/1 integers; the same on SQLite and PostgreSQL. Every data table also
 * carries `created_batch` and `updated_batch`, the import batches that inserted and last changed
 * the row.
 */

import type { ValidRecord, ValidRecordOf } from '../contract/index.js';
import type { RecordKind } from '../domain/index.js';

export type ColumnType = 'text' | 'bigint' | 'double' | 'integer';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
}

export interface TableSpec<K extends RecordKind = RecordKind> {
  readonly kind: K;
  readonly table: string;
  /** Data columns in row order; the identity columns come first. */
  readonly columns: readonly ColumnSpec[];
  /** The primary key: the record's identity. */
  readonly key: readonly string[];
  /**
   * A second identity for rows whose `id` column is not '' (a unique index on these columns where
   * `id` <> ''): a transition with an id is identified by source + id, one without by its primary
   * key (contract.md §1).
   */
  readonly idKey?: readonly string[];
  /** Turns a validated record into column values, in `columns` order. */
  readonly toRow: (record: ValidRecordOf<K>) => Row;
}

export type Cell = string | number | null;
export type Row = Cell[];
/**
 * Rows of one table laid end to end: row r is `cells[r * width … (r + 1) * width - 1]`, width being
 * the table's column count. One array per kind and batch is cheap to pass between threads and to
 * bind, where thousands of small arrays are not.
 */
export type FlatRows = Cell[];

const t = (name: string, nullable = false): ColumnSpec => ({ name, type: 'text', nullable });
const at = (name: string, nullable = false): ColumnSpec => ({ name, type: 'bigint', nullable });
const num = (name: string): ColumnSpec => ({ name, type: 'double', nullable: true });
const int = (name: string): ColumnSpec => ({ name, type: 'integer', nullable: true });

const opt = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
/** JSON with object keys sorted, so that equal mappings compare equal whatever the key order. */
const canonicalJson = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(sortKeys(value));

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/**
 * The identity of a role assignment: person, role, the scope it is held in, and when it starts,
 * as a JSON array (unambiguous whatever characters the ids hold).
 */
export function roleKey(record: ValidRecordOf<'role'>): string {
  const scope = record.team === undefined ? `valueStream:${record.valueStream}` : `team:${record.team}`;
  return JSON.stringify([record.person, record.role, scope, record.from ?? null]);
}

function spec<K extends RecordKind>(value: TableSpec<K>): TableSpec<K> {
  return value;
}

export const TABLES = {
  portfolio: spec({
    kind: 'portfolio',
    table: 'portfolios',
    columns: [t('id'), t('name')],
    key: ['id'],
    toRow: (r) => [r.id, r.name],
  }),
  valueStream: spec({
    kind: 'valueStream',
    table: 'value_streams',
    columns: [t('id'), t('name'), t('portfolio', true)],
    key: ['id'],
    toRow: (r) => [r.id, r.name, opt(r.portfolio)],
  }),
  team: spec({
    kind: 'team',
    table: 'teams',
    columns: [t('id'), t('name'), t('value_stream', true)],
    key: ['id'],
    toRow: (r) => [r.id, r.name, opt(r.valueStream)],
  }),
  person: spec({
    kind: 'person',
    table: 'people',
    columns: [t('id'), t('name'), t('email', true)],
    key: ['id'],
    toRow: (r) => [r.id, r.name, opt(r.email)],
  }),
  service: spec({
    kind: 'service',
    table: 'services',
    columns: [t('id'), t('team'), t('name', true), t('repository', true)],
    key: ['id'],
    toRow: (r) => [r.id, r.team, opt(r.name), opt(r.repository)],
  }),
  role: spec({
    kind: 'role',
    table: 'roles',
    columns: [
      t('key'),
      t('person'),
      t('role'),
      t('value_stream', true),
      t('team', true),
      at('from_at', true),
      at('to_at', true),
    ],
    key: ['key'],
    toRow: (r) => [roleKey(r), r.person, r.role, opt(r.valueStream), opt(r.team), opt(r.from), opt(r.to)],
  }),
  mapping: spec({
    kind: 'mapping',
    table: 'mappings',
    // `team` is '' for the mapping of the whole source, a team id for that team's override.
    columns: [t('source'), t('team'), t('statuses'), t('types'), t('environments', true)],
    key: ['source', 'team'],
    toRow: (r) => [
      r.source,
      r.team ?? '',
      canonicalJson(r.statuses) as string,
      canonicalJson(r.types) as string,
      canonicalJson(r.environments),
    ],
  }),
  workItem: spec({
    kind: 'workItem',
    table: 'work_items',
    columns: [
      t('source'),
      t('id'),
      t('type'),
      t('status'),
      at('created_at'),
      t('title', true),
      t('team', true),
      t('parent', true),
      t('url', true),
      t('labels', true),
      num('estimate'),
      t('product', true),
    ],
    key: ['source', 'id'],
    toRow: (r) => [
      r.source,
      r.id,
      r.type,
      r.status,
      r.createdAt,
      opt(r.title),
      opt(r.team),
      opt(r.parent),
      opt(r.url),
      json(r.labels),
      opt(r.estimate),
      opt(r.product),
    ],
  }),
  transition: spec({
    kind: 'transition',
    table: 'transitions',
    // Stored in item order (the primary key), which is the order an item's history is read in.
    // `id` is '' for a transition without one, so that it can be part of the primary key: two
    // transitions with different ids are two records even when they agree on everything else.
    columns: [t('source'), t('item'), at('at'), t('from_status'), t('to_status'), t('id'), t('by', true)],
    key: ['source', 'item', 'at', 'from_status', 'to_status', 'id'],
    idKey: ['source', 'id'],
    toRow: (r) => [r.source, r.item, r.at, r.from, r.to, r.id ?? '', opt(r.by)],
  }),
  change: spec({
    kind: 'change',
    table: 'changes',
    columns: [
      t('source'),
      t('id'),
      at('created_at'),
      at('first_commit_at', true),
      at('merged_at', true),
      t('items', true),
      t('repository', true),
      t('author', true),
      int('reviewed'),
    ],
    key: ['source', 'id'],
    toRow: (r) => [
      r.source,
      r.id,
      r.createdAt,
      opt(r.firstCommitAt),
      opt(r.mergedAt),
      json(r.items),
      opt(r.repository),
      opt(r.author),
      r.reviewed === undefined ? null : r.reviewed ? 1 : 0,
    ],
  }),
  deployment: spec({
    kind: 'deployment',
    table: 'deployments',
    columns: [
      t('source'),
      t('id'),
      t('service'),
      t('environment'),
      at('at'),
      t('status'),
      t('changes', true),
    ],
    key: ['source', 'id'],
    toRow: (r) => [r.source, r.id, r.service, r.environment, r.at, r.status, json(r.changes)],
  }),
  incident: spec({
    kind: 'incident',
    table: 'incidents',
    columns: [
      t('source'),
      t('id'),
      t('service'),
      at('opened_at'),
      at('resolved_at', true),
      t('caused_by', true),
      t('severity', true),
    ],
    key: ['source', 'id'],
    toRow: (r) => [
      r.source,
      r.id,
      r.service,
      r.openedAt,
      opt(r.resolvedAt),
      opt(r.causedBy),
      opt(r.severity),
    ],
  }),
  sprint: spec({
    kind: 'sprint',
    table: 'sprints',
    // `items` is the membership history as JSON, sorted by item then added instant; migration 0011's
    // triggers keep it as rows of `sprint_items` too.
    columns: [
      t('source'),
      t('id'),
      t('name'),
      at('start_at', true),
      at('end_at', true),
      t('team', true),
      t('state', true),
      at('completed_at', true),
      t('goal', true),
      t('items', true),
    ],
    key: ['source', 'id'],
    toRow: (r) => [
      r.source,
      r.id,
      r.name,
      opt(r.start),
      opt(r.end),
      opt(r.team),
      opt(r.state),
      opt(r.completedAt),
      opt(r.goal),
      r.items === undefined ? null : JSON.stringify(sprintItems(r.items)),
    ],
  }),
} as const satisfies { [K in RecordKind]: TableSpec<K> };

/** A sprint's membership entries in a canonical order, each as `{item, added, removed}` (null: still in). */
function sprintItems(
  items: readonly { item: string; added: number; removed?: number | undefined }[],
): { item: string; added: number; removed: number | null }[] {
  return items
    .map((e) => ({ item: e.item, added: e.added, removed: e.removed ?? null }))
    .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : a.added - b.added));
}

/** Every table spec, in the order records of different kinds are written within a batch. */
export const TABLE_LIST: readonly TableSpec[] = Object.values(TABLES) as TableSpec[];

/** The stored row of a validated record, and the record's identity as one string. */
export function toStoredRow(record: ValidRecord): { kind: RecordKind; identity: string; row: Row } {
  const table = TABLES[record.kind] as TableSpec;
  const row = table.toRow(record as never);
  return { kind: record.kind, identity: identityOf(record, row), row };
}

/**
 * The record's identity within its kind (contract.md §1): the primary key's values, or for a
 * transition with an id, source + id. Every text part but the last is prefixed with its length, so
 * two different identities never give the same string whatever characters the values hold, and the
 * two forms of transition identity never collide (`#` vs a digit after the source).
 */
function identityOf(record: ValidRecord, row: Row): string {
  switch (record.kind) {
    case 'transition':
      return record.id === undefined
        ? `${record.source.length}:${record.source}${record.item.length}:${record.item}${record.at}:${record.from.length}:${record.from}${record.to}`
        : `${record.source.length}:${record.source}#${record.id}`;
    case 'workItem':
    case 'change':
    case 'deployment':
    case 'incident':
    case 'sprint':
    case 'mapping':
      return `${String(row[0]).length}:${row[0]}${row[1]}`;
    default:
      return String(row[0]);
  }
}

/** Whether a row of this table is identified by `idKey` (its id column is set). */
export function usesIdKey(spec: TableSpec, row: Row): boolean {
  if (spec.idKey === undefined) return false;
  return row[spec.columns.findIndex((c) => c.name === 'id')] !== '';
}

/** Rows in `cells` (flat, see FlatRows). */
export function rowCount(spec: TableSpec, cells: FlatRows): number {
  return cells.length / spec.columns.length;
}
