/**
 * The organisation's calendar setting as the engine reads it (docs/metrics.md §1, "The
 * organisation's calendar"): the time zone and week start stored under `calendar` in
 * `org_settings` (migration 0005), the default (UTC, Monday) when unset. Checking and saving a new
 * one is src/admin/calendar-settings.ts.
 */
import type { Kysely } from 'kysely';
import {
  type CalendarSettings,
  canonicalTimeZone,
  DEFAULT_CALENDAR,
  isDefaultCalendar,
  WEEK_STARTS,
  type WeekStart,
} from '../domain/index.js';
import type { Database } from '../store/index.js';

/** The `org_settings` key of the calendar. */
export const CALENDAR_SETTING_KEY = 'calendar';

/**
 * The stored calendar settings, or the default. A stored zone this runtime does not know (an ICU
 * without it) falls back to UTC rather than stopping every metric; `flowlens settings calendar`
 * then shows the stored value and says so.
 */
export async function loadCalendarSettings(db: Kysely<Database>): Promise<CalendarSettings> {
  const row = await db
    .selectFrom('org_settings')
    .select('value')
    .where('key', '=', CALENDAR_SETTING_KEY)
    .executeTakeFirst();
  if (row === undefined) return DEFAULT_CALENDAR;
  const stored = JSON.parse(row.value) as Partial<Record<keyof CalendarSettings, unknown>>;
  const zone = typeof stored.timeZone === 'string' ? canonicalTimeZone(stored.timeZone) : null;
  const weekStart = WEEK_STARTS.includes(stored.weekStart as WeekStart)
    ? (stored.weekStart as WeekStart)
    : DEFAULT_CALENDAR.weekStart;
  return { timeZone: zone ?? DEFAULT_CALENDAR.timeZone, weekStart };
}

/**
 * What an answer's `period` carries about the calendar: nothing with the default (the output stays
 * as it always was), `{calendar: {timeZone, weekStart}}` otherwise.
 */
export function calendarField(settings: CalendarSettings): { calendar?: CalendarSettings } {
  return isDefaultCalendar(settings)
    ? {}
    : { calendar: { timeZone: settings.timeZone, weekStart: settings.weekStart } };
}
