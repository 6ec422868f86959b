/**
 * Organisation-wide settings of the editor (migration 0005 `org_settings`): the role overload limits
 * (docs/organisation.md, "Overload"). Unset, the defaults of src/org apply.
 */
import { FlowlensError } from '../domain/index.js';
import { DEFAULT_OVERLOAD_LIMITS, type OverloadLimits } from '../org/index.js';
import type { Store } from '../store/index.js';
import { type EditContext, runEdit } from './edit.js';

const OVERLOAD_KEY = 'overload';
const LIMIT_FIELDS = ['maxTeams', 'maxValueStreams', 'maxFacilitatedTeams'] as const;
/** A limit is a whole number from 1 to this. */
export const MAX_LIMIT = 1000;

/** The overload limits in force: the stored ones, the defaults for what is not stored. */
export async function readOverloadLimits(store: Store): Promise<OverloadLimits> {
  const row = await store.db
    .selectFrom('org_settings')
    .select('value')
    .where('key', '=', OVERLOAD_KEY)
    .executeTakeFirst();
  if (row === undefined) return DEFAULT_OVERLOAD_LIMITS;
  const stored = JSON.parse(row.value) as Partial<OverloadLimits>;
  return { ...DEFAULT_OVERLOAD_LIMITS, ...stored };
}

/** Checks limits given by a user: whole numbers from 1 to 1,000. */
export function checkOverloadLimits(limits: Partial<Record<string, unknown>>): Partial<OverloadLimits> {
  const checked: Partial<Record<(typeof LIMIT_FIELDS)[number], number>> = {};
  for (const field of LIMIT_FIELDS) {
    const value = limits[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIMIT)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `${field}: ${JSON.stringify(value)} is not a whole number from 1 to ${MAX_LIMIT}`,
      );
    checked[field] = value;
  }
  return checked;
}

/** Stores new overload limits (those given; the others keep their value). */
export async function saveOverloadLimits(
  store: Store,
  context: EditContext,
  limits: Partial<Record<string, unknown>>,
): Promise<OverloadLimits> {
  const changes = checkOverloadLimits(limits);
  const current = await readOverloadLimits(store);
  const next: OverloadLimits = { ...current, ...changes };
  await writeSetting(
    store,
    context,
    { key: OVERLOAD_KEY, label: 'overload limits', fields: LIMIT_FIELDS },
    current,
    next,
  );
  return next;
}

/**
 * Writes one organisation setting (a JSON value under `key` in `org_settings`) in an edit's
 * transaction, with one audit entry naming each field that changed (none when nothing did).
 */
export async function writeSetting<T extends object>(
  store: Store,
  context: EditContext,
  setting: { readonly key: string; readonly label: string; readonly fields: readonly (keyof T & string)[] },
  current: T,
  next: T,
): Promise<void> {
  await runEdit(store, context, async (edit) => {
    const value = JSON.stringify(next);
    const updated = await edit.trx
      .updateTable('org_settings')
      .set({ value, updated_at: edit.nowMs, updated_by: edit.actor })
      .where('key', '=', setting.key)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await edit.trx
        .insertInto('org_settings')
        .values({ key: setting.key, value, updated_at: edit.nowMs, updated_by: edit.actor })
        .execute();
    const said = setting.fields
      .filter((f) => next[f] !== current[f])
      .map((f) => `${f} ${String(current[f])} → ${String(next[f])}`);
    return {
      result: undefined,
      entry:
        said.length === 0
          ? null
          : {
              action: 'settings',
              kind: 'settings',
              target: setting.key,
              summary: `${setting.label}: ${said.join(', ')}`,
              before: current,
              after: next,
            },
    };
  });
}
