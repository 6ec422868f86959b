/**
 * The organisation's calendar (docs/metrics.md §1, "The organisation's calendar"): the IANA time
 * zone and the first day of the week the metrics' days, weeks and months follow, stored under
 * `calendar` in `org_settings` (migration 0005) next to the overload limits. Unset, UTC and Monday
 * apply — exactly the buckets of before the setting existed. A change is an edit: one transaction,
 * one audit entry (`settings.update`, target `calendar`); the engine reads it again (`MetricsEngine.reloadCalendar`)
 * and its next answers follow it — the stored facts do not depend on it, so nothing is recomputed.
 */
import {
  type CalendarSettings,
  canonicalTimeZone,
  FlowlensError,
  WEEK_STARTS,
  type WeekStart,
} from '../domain/index.js';
import { CALENDAR_SETTING_KEY, loadCalendarSettings } from '../engine/index.js';
import type { Store } from '../store/index.js';
import type { EditContext } from './edit.js';
import { writeSetting } from './settings.js';

/** Where a user finds the valid time zone names (errors and help say it). */
export const TIME_ZONE_HELP =
  'use an IANA time zone name such as Europe/Berlin, America/New_York or UTC ' +
  '(`flowlens settings calendar --list-time-zones` lists the ones this server knows, as ' +
  "Intl.supportedValuesOf('timeZone') does in Node)";

/** The calendar settings in force: the stored ones, or the default (UTC, Monday). */
export async function readCalendarSettings(store: Store): Promise<CalendarSettings> {
  return loadCalendarSettings(store.db);
}

/**
 * Checks calendar settings given by a user (`timeZone`, `weekStart`, each optional): the zone is an
 * IANA name this runtime knows, returned in its canonical spelling; the week start is monday,
 * sunday or saturday.
 */
export function checkCalendarSettings(input: Partial<Record<string, unknown>>): Partial<CalendarSettings> {
  const unknown = Object.keys(input).filter((key) => key !== 'timeZone' && key !== 'weekStart');
  if (unknown.length > 0)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `${unknown.join(', ')}: not a calendar setting; the settings are timeZone and weekStart`,
    );
  const checked: { timeZone?: string; weekStart?: WeekStart } = {};
  if (input.timeZone !== undefined) {
    const zone = typeof input.timeZone === 'string' ? canonicalTimeZone(input.timeZone.trim()) : null;
    if (zone === null)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `timeZone: ${JSON.stringify(input.timeZone)} is not a time zone this server knows; ${TIME_ZONE_HELP}`,
      );
    checked.timeZone = zone;
  }
  if (input.weekStart !== undefined) {
    const value =
      typeof input.weekStart === 'string' ? input.weekStart.trim().toLowerCase() : input.weekStart;
    if (!WEEK_STARTS.includes(value as WeekStart))
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `weekStart: ${JSON.stringify(input.weekStart)} is not a week start; use one of ${WEEK_STARTS.join(', ')}`,
      );
    checked.weekStart = value as WeekStart;
  }
  return checked;
}

/** Stores new calendar settings (those given; the other keeps its value) and returns those in force. */
export async function saveCalendarSettings(
  store: Store,
  context: EditContext,
  input: Partial<Record<string, unknown>>,
): Promise<CalendarSettings> {
  const changes = checkCalendarSettings(input);
  const current = await readCalendarSettings(store);
  const next: CalendarSettings = { ...current, ...changes };
  await writeSetting(
    store,
    context,
    { key: CALENDAR_SETTING_KEY, label: 'calendar', fields: ['timeZone', 'weekStart'] },
    current,
    next,
  );
  return next;
}
