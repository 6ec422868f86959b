/**
 * The shared checks of account and token input: names, roles, value streams and expiry dates.
 * Every message names what is wrong and what is accepted.
 */
import { FlowlensError } from '../domain/index.js';
import type { Store } from '../store/store.js';
import { ROLES, type Role } from './principal.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$/;

/** A user or token name: letters, digits and `._@+-`, 1 to 100, starting with a letter or digit. */
export function checkName(name: string, what: 'user' | 'token'): string {
  if (!NAME.test(name))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `the ${what} name "${name.slice(0, 120)}" is not valid: use 1 to 100 letters, digits, ".", "_", "@", "+" or "-", starting with a letter or digit`,
    );
  return name;
}

export function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `the role "${role.slice(0, 60)}" is not one of ${ROLES.join(', ')}`,
    );
  return role as Role;
}

/** The value stream, which must exist; null (the whole organisation) passes. */
export async function checkValueStream(store: Store, valueStream: string | null): Promise<string | null> {
  if (valueStream === null) return null;
  const found = await store.db
    .selectFrom('value_streams')
    .select('id')
    .where('id', '=', valueStream)
    .executeTakeFirst();
  if (found === undefined)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `there is no value stream "${valueStream.slice(0, 120)}"; \`flowlens org\` lists the value streams`,
    );
  return valueStream;
}

/**
 * An expiry: a duration from now (`30d`, `12h`, `90m`) or a date or timestamp (`2026-12-31`,
 * ISO 8601 with offset). Returns epoch milliseconds, which must be in the future.
 */
export function parseExpiry(value: string, now: number): number {
  const duration = /^(\d{1,6})([mhdw])$/.exec(value);
  let at: number;
  if (duration !== null) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[
      duration[2] as 'm' | 'h' | 'd' | 'w'
    ];
    at = now + Number(duration[1]) * unit;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    at = Date.parse(`${value}T00:00:00Z`);
  } else if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    at = Date.parse(value);
  } else at = Number.NaN;
  if (!Number.isFinite(at))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `the expiry "${value.slice(0, 60)}" is not a duration (30d, 12h, 90m, 2w) or a date (2026-12-31, or ISO 8601 with offset)`,
    );
  if (at <= now)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `the expiry ${new Date(at).toISOString()} is in the past; give a later date or a duration such as 30d`,
    );
  return at;
}
