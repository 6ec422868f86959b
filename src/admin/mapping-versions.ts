/**
 * Versions of a mapping (docs/organisation.md, "The mapping editor"): saving a source's mapping, or a
 * team's override of it, writes the `mapping` record (the triggers of migration 0002 queue the
 * source's items, whose facts are then recomputed) and keeps a version with who saved it, when, and
 * what changed; any version can be restored, which saves it again as a new version. A mapping
 * imported since the last saved version (or before the first) is kept as a version of its own
 * ("import") before the next save, so the history is complete and the imported one can be restored.
 */
import type { Kysely } from 'kysely';
import { formatInstant } from '../contract/index.js';
import { FlowlensError } from '../domain/index.js';
import {
  diffMappings,
  isSameMapping,
  type MappingChange,
  type MappingContent,
  summarizeChanges,
} from '../org/index.js';
import { type Database, type Store, toStoredRow } from '../store/index.js';
import { type EditContext, type EditEntry, type EditTransaction, runEdit } from './edit.js';

export interface MappingVersionView {
  readonly source: string;
  readonly team: string | null;
  readonly version: number;
  readonly savedAt: string;
  readonly savedBy: string;
  readonly note: string | null;
  /** This version removed the team's override. */
  readonly removed: boolean;
  /** The version this one restored. */
  readonly restoredFrom: number | null;
  readonly changes: readonly MappingChange[];
  /** The changes in a few words: "2 statuses, 1 type". */
  readonly summary: string;
  readonly mapping: MappingContent | null;
  /** The mapping in force is this version's (the newest such). */
  readonly current: boolean;
}

export interface SaveMappingInput {
  readonly source: string;
  /** A team's override; null for the source's own mapping. */
  readonly team: string | null;
  readonly mapping: MappingContent;
  readonly note?: string | null | undefined;
}

export interface SaveResult {
  /** False when the mapping was already exactly this (nothing was written). */
  readonly saved: boolean;
  readonly version: MappingVersionView | null;
  readonly changes: readonly MappingChange[];
}

type VersionRow = Database['mapping_versions'];

/** The stored mapping of a source (team null) or of a team's override; null when there is none. */
export async function readMappingRow(
  db: Kysely<Database>,
  source: string,
  team: string | null,
): Promise<MappingContent | null> {
  const row = await db
    .selectFrom('mappings')
    .selectAll()
    .where('source', '=', source)
    .where('team', '=', team ?? '')
    .executeTakeFirst();
  return row === undefined ? null : contentOf(row);
}

/** The newest versions of a mapping, newest first (all of them without a limit). */
export async function latestVersions(
  store: Store,
  source: string,
  team: string | null,
  limit?: number,
): Promise<MappingVersionView[]> {
  let query = store.db
    .selectFrom('mapping_versions')
    .selectAll()
    .where('source', '=', source)
    .where('team', '=', team ?? '')
    .orderBy('version', 'desc');
  if (limit !== undefined) query = query.limit(limit);
  const [rows, current] = await Promise.all([query.execute(), readMappingRow(store.db, source, team)]);
  const currentVersion = rows.find((r) => isSameMapping(versionContent(r), current))?.version;
  return rows.map((row) =>
    viewOf(row, currentVersion !== undefined && Number(row.version) === Number(currentVersion)),
  );
}

/** Saves a mapping as a new version; nothing when it is the mapping already in force. */
export function saveMapping(
  store: Store,
  context: EditContext,
  input: SaveMappingInput,
): Promise<SaveResult> {
  return runEdit(store, context, async (edit) => {
    if (input.team !== null) await checkTeam(edit, input.source, input.team);
    return writeVersion(edit, {
      source: input.source,
      team: input.team,
      mapping: input.mapping,
      note: input.note ?? null,
      restoredFrom: null,
      action: 'save-mapping',
    });
  });
}

/** Removes a team's override (its items fall back to the source's mapping), as a new version. */
export function removeOverride(
  store: Store,
  context: EditContext,
  input: { readonly source: string; readonly team: string; readonly note?: string | null | undefined },
): Promise<SaveResult> {
  return runEdit(store, context, async (edit) => {
    const current = await readMappingRow(edit.trx, input.source, input.team);
    if (current === null)
      throw new FlowlensError(
        'NOT_FOUND',
        `team ${input.team} has no override of the mapping of ${input.source}`,
      );
    return writeVersion(edit, {
      source: input.source,
      team: input.team,
      mapping: null,
      note: input.note ?? null,
      restoredFrom: null,
      action: 'remove-override',
    });
  });
}

/** Restores a version: saves its mapping (or its removal) again, as a new version. */
export function restoreVersion(
  store: Store,
  context: EditContext,
  input: {
    readonly source: string;
    readonly team: string | null;
    readonly version: number;
    readonly note?: string | null | undefined;
  },
): Promise<SaveResult> {
  return runEdit(store, context, async (edit) => {
    const row = await edit.trx
      .selectFrom('mapping_versions')
      .selectAll()
      .where('source', '=', input.source)
      .where('team', '=', input.team ?? '')
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (row === undefined)
      throw new FlowlensError(
        'NOT_FOUND',
        `the mapping of ${input.source}${input.team === null ? '' : ` for team ${input.team}`} has no version ${input.version}`,
      );
    return writeVersion(edit, {
      source: input.source,
      team: input.team,
      mapping: versionContent(row),
      note: input.note ?? `restored version ${input.version}`,
      restoredFrom: input.version,
      action: 'restore-mapping',
    });
  });
}

async function writeVersion(
  edit: EditTransaction,
  input: {
    source: string;
    team: string | null;
    mapping: MappingContent | null;
    note: string | null;
    restoredFrom: number | null;
    action: string;
  },
): Promise<{ result: SaveResult; entry: EditEntry | null }> {
  const { source, team } = input;
  const current = await readMappingRow(edit.trx, source, team);
  let latest = await latestRow(edit, source, team);
  const changes = diffMappings(current, input.mapping);
  const unchanged = input.mapping === null ? current === null : current !== null && changes.length === 0;
  if (unchanged)
    return {
      result: {
        saved: false,
        version: latest === undefined ? null : viewOf(latest, isSameMapping(versionContent(latest), current)),
        changes: [],
      },
      entry: null,
    };
  // A mapping imported since the last version (or before the first) becomes a version first.
  if (current !== null && (latest === undefined || !isSameMapping(versionContent(latest), current))) {
    const imported = await importedBy(edit, source, team);
    latest = await insertVersion(edit, {
      source,
      team,
      version: Number(latest?.version ?? 0) + 1,
      savedAt: imported.at ?? edit.nowMs,
      savedBy: 'import',
      note: imported.file === null ? 'imported' : `imported from ${imported.file}`,
      mapping: current,
      changes: diffMappings(latest === undefined ? null : versionContent(latest), current),
      restoredFrom: null,
    });
  }
  if (input.mapping === null) await edit.deleteRecord('mapping', { source, team: team ?? '' });
  else
    await edit.putRecord({
      kind: 'mapping',
      source,
      ...(team === null ? {} : { team }),
      statuses: input.mapping.statuses,
      types: input.mapping.types,
      ...(input.mapping.environments === null ? {} : { environments: input.mapping.environments }),
    });
  const row = await insertVersion(edit, {
    source,
    team,
    version: Number(latest?.version ?? 0) + 1,
    savedAt: edit.nowMs,
    savedBy: edit.actor,
    note: input.note,
    mapping: input.mapping,
    changes,
    restoredFrom: input.restoredFrom,
  });
  const what = `the mapping of ${source}${team === null ? '' : ` for team ${team}`}`;
  return {
    result: { saved: true, version: viewOf(row, true), changes },
    entry: {
      action: input.action,
      kind: 'mapping',
      target: team === null ? source : `${source} ${team}`,
      summary:
        input.mapping === null
          ? `removed ${what} (version ${row.version})`
          : `${input.restoredFrom === null ? 'saved' : `restored version ${input.restoredFrom} of`} ${what} as version ${row.version}: ${summarizeChanges(changes)}`,
      details: { version: Number(row.version), changes },
    },
  };
}

async function latestRow(
  edit: EditTransaction,
  source: string,
  team: string | null,
): Promise<VersionRow | undefined> {
  return edit.trx
    .selectFrom('mapping_versions')
    .selectAll()
    .where('source', '=', source)
    .where('team', '=', team ?? '')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function insertVersion(
  edit: EditTransaction,
  v: {
    source: string;
    team: string | null;
    version: number;
    savedAt: number;
    savedBy: string;
    note: string | null;
    mapping: MappingContent | null;
    changes: readonly MappingChange[];
    restoredFrom: number | null;
  },
): Promise<VersionRow> {
  const stored = v.mapping === null ? null : canonical(v.source, v.team, v.mapping);
  const row: VersionRow = {
    source: v.source,
    team: v.team ?? '',
    version: v.version,
    saved_at: v.savedAt,
    saved_by: v.savedBy,
    note: v.note,
    statuses: stored?.statuses ?? null,
    types: stored?.types ?? null,
    environments: stored?.environments ?? null,
    removed: v.mapping === null ? 1 : 0,
    changes: JSON.stringify(v.changes),
    restored_from: v.restoredFrom,
  };
  await edit.trx.insertInto('mapping_versions').values(row).execute();
  return row;
}

/** When and from which file the mapping in force was imported (its row's last batch). */
async function importedBy(
  edit: EditTransaction,
  source: string,
  team: string | null,
): Promise<{ at: number | null; file: string | null }> {
  const row = await edit.trx
    .selectFrom('mappings as m')
    .leftJoin('import_batches as b', 'b.id', 'm.updated_batch')
    .leftJoin('import_files as f', 'f.id', 'b.file_id')
    .select(['b.committed_at', 'f.path'])
    .where('m.source', '=', source)
    .where('m.team', '=', team ?? '')
    .executeTakeFirst();
  return {
    at: row?.committed_at === null || row?.committed_at === undefined ? null : Number(row.committed_at),
    file: row?.path ?? null,
  };
}

/** A team override needs a team: one with a record, or one the source's items name. */
async function checkTeam(edit: EditTransaction, source: string, team: string): Promise<void> {
  const record = await edit.trx.selectFrom('teams').select('id').where('id', '=', team).executeTakeFirst();
  if (record !== undefined) return;
  const named = await edit.trx
    .selectFrom('work_items')
    .select('id')
    .where('source', '=', source)
    .where('team', '=', team)
    .limit(1)
    .executeTakeFirst();
  if (named === undefined)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `team: there is no team "${team}", and no item of ${source} names it`,
    );
}

/** The mapping as the mappings table stores it: JSON with sorted keys (store/tables.ts). */
function canonical(source: string, team: string | null, mapping: MappingContent) {
  const { row } = toStoredRow({
    kind: 'mapping',
    source,
    ...(team === null ? {} : { team }),
    statuses: mapping.statuses,
    types: mapping.types,
    ...(mapping.environments === null ? {} : { environments: mapping.environments }),
  } as Parameters<typeof toStoredRow>[0]);
  return {
    statuses: row[2] as string,
    types: row[3] as string,
    environments: row[4] as string | null,
  };
}

function contentOf(row: { statuses: string; types: string; environments: string | null }): MappingContent {
  return {
    statuses: JSON.parse(row.statuses),
    types: JSON.parse(row.types),
    environments: row.environments === null ? null : JSON.parse(row.environments),
  };
}

function versionContent(row: VersionRow): MappingContent | null {
  if (Number(row.removed) === 1 || row.statuses === null || row.types === null) return null;
  return contentOf({ statuses: row.statuses, types: row.types, environments: row.environments });
}

function viewOf(row: VersionRow, current: boolean): MappingVersionView {
  const changes = JSON.parse(row.changes) as MappingChange[];
  return {
    source: row.source,
    team: row.team === '' ? null : row.team,
    version: Number(row.version),
    savedAt: formatInstant(Number(row.saved_at)),
    savedBy: row.saved_by,
    note: row.note,
    removed: Number(row.removed) === 1,
    restoredFrom: row.restored_from === null ? null : Number(row.restored_from),
    changes,
    summary: summarizeChanges(changes),
    mapping: versionContent(row),
    current,
  };
}
