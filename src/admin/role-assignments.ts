/**
 * People's role assignments (contract.md §1 `role` records): listed, added, given other dates, and
 * removed. An assignment's natural key is (person, role, scope, from) — the id the API and the
 * command line use is that key, encoded — so an assignment added here is the same record a later
 * import of the organisation file updates.
 */
import { formatFieldError, formatInstant, type ValidRecord, validateRecord } from '../contract/index.js';
import { FlowlensError, ROLE_NAMES, type RoleName } from '../domain/index.js';
import { isHeldAt, type RoleAssignment } from '../org/index.js';
import { type Database, type Store, toStoredRow } from '../store/index.js';
import { type EditContext, type EditTransaction, runEdit } from './edit.js';

/** An assignment as the API and the command line show it. */
export interface AssignmentView {
  readonly id: string;
  readonly person: string;
  readonly personName: string;
  readonly role: RoleName;
  readonly valueStream: string | null;
  readonly team: string | null;
  readonly from: string | null;
  readonly to: string | null;
  /** Held at the instant asked about (now by default). */
  readonly current: boolean;
}

export interface AssignmentFilter {
  readonly person?: string | undefined;
  readonly role?: RoleName | undefined;
  readonly team?: string | undefined;
  readonly valueStream?: string | undefined;
  /** Only the assignments held at this instant. */
  readonly heldAtMs?: number | undefined;
}

export interface NewAssignment {
  readonly person: string;
  readonly role: string;
  readonly team?: string | null | undefined;
  readonly valueStream?: string | null | undefined;
  readonly fromMs?: number | null | undefined;
  readonly toMs?: number | null | undefined;
}

/** The id of an assignment: its stored key, base64url-encoded. */
export function assignmentId(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** Every assignment as the role rules take them (src/org). */
export async function readAssignments(store: Store): Promise<RoleAssignment[]> {
  const rows = await store.db.selectFrom('roles').selectAll().orderBy('key').execute();
  return rows.flatMap((row) =>
    (ROLE_NAMES as readonly string[]).includes(row.role) ? [toAssignment(row)] : [],
  );
}

/** The assignments that match the filter, by person, role and start. */
export async function listAssignments(
  store: Store,
  filter: AssignmentFilter,
  nowMs: number,
): Promise<AssignmentView[]> {
  const [assignments, people] = await Promise.all([
    readAssignments(store),
    store.db.selectFrom('people').select(['id', 'name']).execute(),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const at = filter.heldAtMs ?? nowMs;
  return assignments
    .filter(
      (a) =>
        (filter.person === undefined || a.person === filter.person) &&
        (filter.role === undefined || a.role === filter.role) &&
        (filter.team === undefined || a.team === filter.team) &&
        (filter.valueStream === undefined || a.valueStream === filter.valueStream) &&
        (filter.heldAtMs === undefined || isHeldAt(a, filter.heldAtMs)),
    )
    .map((a) => view(a, names.get(a.person) ?? a.person, at))
    .sort(
      (a, b) =>
        compare(a.person, b.person) ||
        compare(a.role, b.role) ||
        compare(a.team ?? a.valueStream ?? '', b.team ?? b.valueStream ?? '') ||
        compare(a.from ?? '', b.from ?? ''),
    );
}

/** Adds an assignment; CONFLICT when the person holds the role there already at an overlapping time. */
export async function addAssignment(
  store: Store,
  context: EditContext,
  input: NewAssignment,
): Promise<AssignmentView> {
  const key = await runEdit(store, context, async (edit) => {
    const record = roleRecord(input);
    const key = toStoredRow(validated(record)).identity;
    await checkScope(edit, record);
    await checkOverlap(edit, record, null);
    await edit.putRecord(record);
    return {
      result: key,
      entry: {
        action: 'assign',
        kind: 'role',
        target: assignmentId(key),
        summary: `${input.person} holds ${input.role} in ${scopeName(record)}${period(record)}`,
      },
    };
  });
  return readView(store, key, (context.now ?? Date.now)());
}

/** Gives an assignment other dates (null: open); its id changes with its start. */
export async function updateAssignment(
  store: Store,
  context: EditContext,
  id: string,
  dates: { readonly fromMs?: number | null | undefined; readonly toMs?: number | null | undefined },
): Promise<AssignmentView> {
  const key = await runEdit(store, context, async (edit) => {
    const row = await findRow(edit, id);
    const current = toAssignment(row);
    const record = roleRecord({
      person: current.person,
      role: current.role,
      team: current.team,
      valueStream: current.valueStream,
      fromMs: dates.fromMs === undefined ? current.fromMs : dates.fromMs,
      toMs: dates.toMs === undefined ? current.toMs : dates.toMs,
    });
    const newKey = toStoredRow(validated(record)).identity;
    await checkOverlap(edit, record, row.key);
    if (newKey !== row.key) await edit.deleteRecord('role', { key: row.key });
    const outcome = await edit.putRecord(record);
    return {
      result: newKey,
      entry:
        outcome === 'unchanged' && newKey === row.key
          ? null
          : {
              action: 'update-assignment',
              kind: 'role',
              target: assignmentId(newKey),
              summary: `${current.person} holds ${current.role} in ${scopeName(record)}${period(record)}`,
            },
    };
  });
  return readView(store, key, (context.now ?? Date.now)());
}

/** Removes an assignment (as if it had never been; to end one, give it an end date instead). */
export async function removeAssignment(store: Store, context: EditContext, id: string): Promise<void> {
  await runEdit(store, context, async (edit) => {
    const row = await findRow(edit, id);
    await edit.deleteRecord('role', { key: row.key });
    const a = toAssignment(row);
    return {
      result: undefined,
      entry: {
        action: 'unassign',
        kind: 'role',
        target: id,
        summary: `removed ${a.person}'s ${a.role} in ${a.team === null ? `value stream ${a.valueStream}` : `team ${a.team}`}`,
      },
    };
  });
}

function toAssignment(row: Database['roles']): RoleAssignment {
  return {
    id: assignmentId(row.key),
    person: row.person,
    role: row.role as RoleName,
    valueStream: row.team === null ? row.value_stream : null,
    team: row.team,
    fromMs: row.from_at === null ? null : Number(row.from_at),
    toMs: row.to_at === null ? null : Number(row.to_at),
  };
}

function view(a: RoleAssignment, personName: string, atMs: number): AssignmentView {
  return {
    id: a.id,
    person: a.person,
    personName,
    role: a.role,
    valueStream: a.valueStream,
    team: a.team,
    from: a.fromMs === null ? null : formatInstant(a.fromMs),
    to: a.toMs === null ? null : formatInstant(a.toMs),
    current: isHeldAt(a, atMs),
  };
}

async function readView(store: Store, key: string, nowMs: number): Promise<AssignmentView> {
  const row = await store.db.selectFrom('roles').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
  const person = await store.db
    .selectFrom('people')
    .select('name')
    .where('id', '=', row.person)
    .executeTakeFirst();
  return view(toAssignment(row), person?.name ?? row.person, nowMs);
}

async function findRow(edit: EditTransaction, id: string): Promise<Database['roles']> {
  const key = Buffer.from(id, 'base64url').toString('utf8');
  const row = await edit.trx.selectFrom('roles').selectAll().where('key', '=', key).executeTakeFirst();
  if (row === undefined)
    throw new FlowlensError(
      'NOT_FOUND',
      `there is no role assignment "${id}"; list them with GET /api/v1/roles/assignments`,
    );
  return row;
}

/** The interchange record of an assignment (validated when written). */
function roleRecord(input: NewAssignment): Record<string, unknown> {
  const team = input.team ?? null;
  const valueStream = input.valueStream ?? null;
  return {
    kind: 'role',
    person: input.person,
    role: input.role,
    ...(team === null ? {} : { team }),
    ...(valueStream === null ? {} : { valueStream }),
    ...(input.fromMs === null || input.fromMs === undefined ? {} : { from: formatInstant(input.fromMs) }),
    ...(input.toMs === null || input.toMs === undefined ? {} : { to: formatInstant(input.toMs) }),
  };
}

/** The record validated by the contract's schema; INVALID_ARGUMENT naming the field otherwise. */
function validated(record: Record<string, unknown>): ValidRecord {
  const result = validateRecord(record);
  if (!result.ok)
    throw new FlowlensError('INVALID_ARGUMENT', result.errors.map(formatFieldError).join('; '), {
      details: result.errors,
    });
  return result.record;
}

/** The person and the team or value stream must exist and not be archived. */
async function checkScope(edit: EditTransaction, record: Record<string, unknown>): Promise<void> {
  const trx = edit.trx;
  const archived = async (kind: string, id: string) =>
    (await trx
      .selectFrom('org_archived')
      .select('id')
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined;
  const person = record.person;
  if (typeof person === 'string') {
    const found = await trx.selectFrom('people').select('id').where('id', '=', person).executeTakeFirst();
    if (found === undefined)
      throw new FlowlensError('INVALID_ARGUMENT', `person: there is no person "${person}"; add them first`);
    if (await archived('person', person))
      throw new FlowlensError('INVALID_ARGUMENT', `person: "${person}" is archived; restore them first`);
  }
  if (typeof record.team === 'string') {
    const found = await trx.selectFrom('teams').select('id').where('id', '=', record.team).executeTakeFirst();
    if (found === undefined)
      throw new FlowlensError('INVALID_ARGUMENT', `team: there is no team "${record.team}"`);
    if (await archived('team', record.team))
      throw new FlowlensError('INVALID_ARGUMENT', `team: "${record.team}" is archived`);
  }
  if (typeof record.valueStream === 'string') {
    const found = await trx
      .selectFrom('value_streams')
      .select('id')
      .where('id', '=', record.valueStream)
      .executeTakeFirst();
    if (found === undefined)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `valueStream: there is no value stream "${record.valueStream}"`,
      );
    if (await archived('valueStream', record.valueStream))
      throw new FlowlensError('INVALID_ARGUMENT', `valueStream: "${record.valueStream}" is archived`);
  }
}

/** A person holds a role in one place once at a time: no two assignments of it overlap. */
async function checkOverlap(
  edit: EditTransaction,
  record: Record<string, unknown>,
  ignoreKey: string | null,
): Promise<void> {
  const fromMs = record.from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(record.from as string);
  const toMs = record.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(record.to as string);
  let query = edit.trx
    .selectFrom('roles')
    .selectAll()
    .where('person', '=', String(record.person))
    .where('role', '=', String(record.role));
  query =
    typeof record.team === 'string'
      ? query.where('team', '=', record.team)
      : query.where('team', 'is', null).where('value_stream', '=', String(record.valueStream));
  for (const row of await query.execute()) {
    if (row.key === ignoreKey) continue;
    const otherFrom = row.from_at === null ? Number.NEGATIVE_INFINITY : Number(row.from_at);
    const otherTo = row.to_at === null ? Number.POSITIVE_INFINITY : Number(row.to_at);
    if (fromMs < otherTo && otherFrom < toMs) {
      const other = toAssignment(row);
      throw new FlowlensError(
        'CONFLICT',
        `${other.person} already holds ${other.role} in ${scopeName(record)}${period({
          from: other.fromMs === null ? undefined : formatInstant(other.fromMs),
          to: other.toMs === null ? undefined : formatInstant(other.toMs),
        })} (assignment ${other.id}); change that one's dates instead`,
      );
    }
  }
}

function scopeName(record: Record<string, unknown>): string {
  return typeof record.team === 'string'
    ? `team ${record.team}`
    : `value stream ${String(record.valueStream)}`;
}

function period(record: Record<string, unknown>): string {
  const from = record.from as string | undefined;
  const to = record.to as string | undefined;
  if (from === undefined && to === undefined) return '';
  return ` from ${from?.slice(0, 10) ?? 'the start'} to ${to?.slice(0, 10) ?? 'now'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
