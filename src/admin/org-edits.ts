/**
 * Creating, renaming, moving and archiving the entities of the organisation (docs/organisation.md).
 * Portfolios, value streams, teams, services and people are interchange records: an edit writes the
 * record the importer would, by its natural key. Products, archiving and the history of moves live
 * in the editor's own tables (migration 0005).
 *
 * A move of a team (to another value stream), a value stream (to another portfolio) or a service (to
 * another team) takes effect at an instant (now by default, or an earlier one after the previous
 * move): where the entity was until then is kept, and metrics count its work where it was at the
 * time (metrics.md §4).
 */
import { formatInstant } from '../contract/index.js';
import { FlowlensError } from '../domain/index.js';
import { checkMoveInstant } from '../org/index.js';
import type { Store } from '../store/index.js';
import { type EditContext, type EditTransaction, runEdit } from './edit.js';
import {
  KIND_NAMES,
  MOVABLE_KINDS,
  notFound,
  type OrgEntity,
  type OrgKind,
  PARENTS,
  readOrgEntity,
} from './org-model.js';

export interface CreateEntityInput {
  readonly id: string;
  readonly name?: string | undefined;
  /** The parent's id: a value stream's portfolio, a team's value stream, a service's or product's team. */
  readonly parent?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly repository?: string | null | undefined;
  readonly description?: string | null | undefined;
}

export interface UpdateEntityInput {
  readonly name?: string | undefined;
  /** A new parent (null: none) — a move, for teams, value streams and services. */
  readonly parent?: string | null | undefined;
  /** When a move takes effect (epoch ms; default now). */
  readonly effectiveAtMs?: number | undefined;
  readonly archived?: boolean | undefined;
  readonly email?: string | null | undefined;
  readonly repository?: string | null | undefined;
  readonly description?: string | null | undefined;
}

interface Current {
  readonly name: string | null;
  readonly parent: string | null;
  readonly email: string | null;
  readonly repository: string | null;
  readonly description: string | null;
  readonly archived: boolean;
}

/** Creates an entity; CONFLICT when one of that kind has the id already. */
export async function createEntity(
  store: Store,
  context: EditContext,
  kind: OrgKind,
  input: CreateEntityInput,
): Promise<OrgEntity> {
  await runEdit(store, context, async (edit) => {
    if ((await readCurrent(edit, kind, input.id)) !== null)
      throw new FlowlensError('CONFLICT', `there is already a ${KIND_NAMES[kind]} "${input.id}"`);
    const parent = input.parent ?? null;
    const parentSpec = PARENTS[kind];
    if (parentSpec === undefined && parent !== null)
      throw new FlowlensError('INVALID_ARGUMENT', `parent: a ${KIND_NAMES[kind]} has no parent`);
    if (parentSpec !== undefined && parent !== null) await checkParent(edit, parentSpec.kind, parent);
    if (kind === 'product') {
      const name = requireText('name', input.name);
      await edit.trx
        .insertInto('products')
        .values({
          id: requireText('id', input.id),
          name,
          team: parent,
          description: input.description ?? null,
          created_at: edit.nowMs,
          updated_at: edit.nowMs,
        })
        .execute();
    } else {
      await edit.putRecord(
        recordOf(kind, input.id, {
          name: input.name ?? null,
          parent,
          email: input.email ?? null,
          repository: input.repository ?? null,
          description: null,
          archived: false,
        }),
      );
    }
    return {
      result: undefined,
      entry: {
        action: 'create',
        kind,
        target: input.id,
        summary: `created ${KIND_NAMES[kind]} ${input.id}${input.name === undefined ? '' : ` "${input.name}"`}${
          parent === null ? '' : ` in ${parent}`
        }`,
        after: input,
      },
    };
  });
  return readOrgEntity(store, kind, input.id);
}

/** Renames, moves, archives or restores an entity, or changes its other fields. */
export async function updateEntity(
  store: Store,
  context: EditContext,
  kind: OrgKind,
  id: string,
  input: UpdateEntityInput,
): Promise<OrgEntity> {
  await runEdit(store, context, async (edit) => {
    const current = await readCurrent(edit, kind, id);
    if (current === null) throw notFound(kind, id, await knownIds(edit, kind));
    const next: Current = {
      name: input.name === undefined ? current.name : input.name,
      parent: input.parent === undefined ? current.parent : input.parent,
      email: input.email === undefined ? current.email : input.email,
      repository: input.repository === undefined ? current.repository : input.repository,
      description: input.description === undefined ? current.description : input.description,
      archived: input.archived ?? current.archived,
    };
    const said: string[] = [];
    const parentSpec = PARENTS[kind];
    if (input.parent !== undefined && parentSpec === undefined)
      throw new FlowlensError('INVALID_ARGUMENT', `parent: a ${KIND_NAMES[kind]} has no parent`);
    const moved = parentSpec !== undefined && next.parent !== current.parent;
    if (input.effectiveAtMs !== undefined && !(moved && isMovable(kind)))
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `effectiveAt: is only for a move of a team, a value stream or a service to another parent`,
      );
    if (moved && parentSpec !== undefined) {
      if (next.parent !== null) await checkParent(edit, parentSpec.kind, next.parent);
      if (isMovable(kind)) {
        const atMs = input.effectiveAtMs ?? edit.nowMs;
        const past = await edit.trx
          .selectFrom('org_history')
          .select(['parent', 'to_at'])
          .where('kind', '=', kind)
          .where('id', '=', id)
          .execute();
        const problem = checkMoveInstant(
          past.map((p) => ({ parent: p.parent, toMs: Number(p.to_at) })),
          atMs,
          edit.nowMs,
        );
        if (problem !== null)
          throw new FlowlensError('INVALID_ARGUMENT', `effectiveAt: ${formatInstant(atMs)} ${problem}`);
        await edit.trx
          .insertInto('org_history')
          .values({
            kind,
            id,
            parent: current.parent,
            to_at: atMs,
            moved_at: edit.nowMs,
            moved_by: edit.actor,
          })
          .execute();
        said.push(
          `moved from ${current.parent ?? '(none)'} to ${next.parent ?? '(none)'} as of ${formatInstant(atMs)}`,
        );
      } else said.push(`moved from ${current.parent ?? '(none)'} to ${next.parent ?? '(none)'}`);
    }
    if (next.name !== current.name) said.push(`renamed from "${current.name ?? id}" to "${next.name ?? id}"`);
    for (const field of ['email', 'repository', 'description'] as const)
      if (next[field] !== current[field])
        said.push(`${field} set to ${next[field] === null ? '(none)' : `"${next[field]}"`}`);
    if (kind === 'product') {
      if (said.length > 0)
        await edit.trx
          .updateTable('products')
          .set({
            name: requireText('name', next.name ?? undefined),
            team: next.parent,
            description: next.description,
            updated_at: edit.nowMs,
          })
          .where('id', '=', id)
          .execute();
    } else if (said.length > 0) await edit.putRecord(recordOf(kind, id, next));
    if (next.archived !== current.archived) {
      if (next.archived)
        await edit.trx
          .insertInto('org_archived')
          .values({ kind, id, archived_at: edit.nowMs, archived_by: edit.actor })
          .execute();
      else await edit.trx.deleteFrom('org_archived').where('kind', '=', kind).where('id', '=', id).execute();
      said.push(next.archived ? 'archived' : 'restored from the archive');
    }
    return {
      result: undefined,
      entry:
        said.length === 0
          ? null
          : {
              action: moved ? 'move' : next.archived !== current.archived ? 'archive' : 'update',
              kind,
              target: id,
              summary: `${KIND_NAMES[kind]} ${id}: ${said.join('; ')}`,
              before: current,
              after: next,
            },
    };
  });
  return readOrgEntity(store, kind, id);
}

function isMovable(kind: OrgKind): kind is (typeof MOVABLE_KINDS)[number] {
  return (MOVABLE_KINDS as readonly string[]).includes(kind);
}

/** The interchange record of an entity with these fields (contract.md §1). */
function recordOf(kind: OrgKind, id: string, fields: Current): Record<string, unknown> {
  const optional = (name: string, value: string | null) => (value === null ? {} : { [name]: value });
  switch (kind) {
    case 'portfolio':
      return { kind, id, ...optional('name', fields.name) };
    case 'valueStream':
      return { kind, id, ...optional('name', fields.name), ...optional('portfolio', fields.parent) };
    case 'team':
      return { kind, id, ...optional('name', fields.name), ...optional('valueStream', fields.parent) };
    case 'service':
      return {
        kind,
        id,
        ...optional('team', fields.parent),
        ...optional('name', fields.name),
        ...optional('repository', fields.repository),
      };
    case 'person':
      return { kind, id, ...optional('name', fields.name), ...optional('email', fields.email) };
    default:
      throw new Error(`no interchange record for ${kind}`);
  }
}

/** The entity's fields as stored, or null when there is none. */
async function readCurrent(edit: EditTransaction, kind: OrgKind, id: string): Promise<Current | null> {
  const trx = edit.trx;
  const archived =
    (await trx
      .selectFrom('org_archived')
      .select('id')
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined;
  const base = { email: null, repository: null, description: null, archived };
  switch (kind) {
    case 'portfolio': {
      const row = await trx.selectFrom('portfolios').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : { ...base, name: row.name, parent: null };
    }
    case 'valueStream': {
      const row = await trx.selectFrom('value_streams').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : { ...base, name: row.name, parent: row.portfolio };
    }
    case 'team': {
      const row = await trx.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : { ...base, name: row.name, parent: row.value_stream };
    }
    case 'service': {
      const row = await trx.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined
        ? null
        : { ...base, name: row.name, parent: row.team, repository: row.repository };
    }
    case 'product': {
      const row = await trx.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined
        ? null
        : { ...base, name: row.name, parent: row.team, description: row.description };
    }
    default: {
      const row = await trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : { ...base, name: row.name, parent: null, email: row.email };
    }
  }
}

async function knownIds(edit: EditTransaction, kind: OrgKind): Promise<{ id: string }[]> {
  const table = (
    {
      portfolio: 'portfolios',
      valueStream: 'value_streams',
      team: 'teams',
      service: 'services',
      product: 'products',
      person: 'people',
    } as const
  )[kind];
  return edit.trx.selectFrom(table).select('id').orderBy('id').limit(13).execute();
}

/** A parent must exist and not be archived. */
async function checkParent(edit: EditTransaction, kind: OrgKind, id: string): Promise<void> {
  const parent = await readCurrent(edit, kind, id);
  if (parent === null) {
    const known = await knownIds(edit, kind);
    throw new FlowlensError('INVALID_ARGUMENT', `parent: ${notFound(kind, id, known).message}`);
  }
  if (parent.archived)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `parent: the ${KIND_NAMES[kind]} "${id}" is archived; restore it first or choose another`,
    );
}

function requireText(field: string, value: string | null | undefined): string {
  if (value === undefined || value === null || value.trim() === '')
    throw new FlowlensError('INVALID_ARGUMENT', `${field}: is required and must not be empty`);
  if (value.length > 4096)
    throw new FlowlensError('INVALID_ARGUMENT', `${field}: is longer than 4096 characters`);
  if (value.includes('\u0000'))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `${field}: contains a NUL character (\\u0000), which cannot be stored`,
    );
  return value;
}
