/**
 * What accounts (users.ts) and API tokens (tokens.ts) share about their rows: the lookup by id or
 * by name (the command line and the API accept either), the check that a new name is free, the
 * principal a row acts as, and the ISO 8601 form of a row's epoch-millisecond times. Messages name
 * the table's noun ("user", "token") and the command that lists its rows.
 */
import type { Kysely } from 'kysely';
import { FlowlensError } from '../domain/index.js';
import type { Database } from '../store/schema.js';
import { checkRole } from './names.js';
import type { Principal } from './principal.js';

/** The tables of named accounts, with the noun their messages use. */
const NOUNS = { users: 'user', api_tokens: 'token' } as const;
export type AccountTable = keyof typeof NOUNS;

/** The columns every account table has; the queries below read only these. */
type Named = Record<AccountTable, { id: string; name: string }>;

/** The database or a transaction on it (a `Transaction` is a `Kysely`). */
type Db = Kysely<Database>;

/** The row of `table` whose id or name is `idOrName`; NOT_FOUND naming the list command otherwise. */
export async function findByIdOrName<T extends AccountTable>(
  db: Db,
  table: T,
  idOrName: string,
): Promise<Database[T]> {
  const row = await (db as unknown as Kysely<Named>)
    .selectFrom(table as AccountTable)
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  if (row === undefined)
    throw new FlowlensError(
      'NOT_FOUND',
      `there is no ${NOUNS[table]} with the id or name "${idOrName.slice(0, 120)}"; \`flowlens ${NOUNS[table]} list\` lists them`,
    );
  return row as unknown as Database[T];
}

/** Whether a row of `table` already has the name `name`. */
export async function nameTaken(db: Db, table: AccountTable, name: string): Promise<boolean> {
  const row = await (db as unknown as Kysely<Named>)
    .selectFrom(table)
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

/** Refuses (CONFLICT) a name a row of `table` already has; `otherFix` follows "choose another name". */
export async function checkNameFree(db: Db, table: AccountTable, name: string, otherFix = ''): Promise<void> {
  if (await nameTaken(db, table, name))
    throw new FlowlensError(
      'CONFLICT',
      `there is already a ${NOUNS[table]} named "${name}"; choose another name${otherFix}`,
    );
}

/** Who a user's or a token's row acts as; a token's actor name is `token:<name>`. */
export function accountPrincipal(
  kind: 'user' | 'token',
  row: {
    readonly id: string;
    readonly name: string;
    readonly role: string;
    readonly value_stream: string | null;
  },
): Principal {
  return {
    kind,
    id: row.id,
    name: kind === 'token' ? `token:${row.name}` : row.name,
    role: checkRole(row.role),
    valueStream: row.value_stream,
  };
}

/** Epoch milliseconds as ISO 8601; null stays null. */
export function isoTime(ms: number): string;
export function isoTime(ms: number | null): string | null;
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
