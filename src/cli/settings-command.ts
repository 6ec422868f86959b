/**
 * `flowlens settings calendar`: shows or changes the organisation's calendar — the IANA time zone
 * and the first day of the week the metrics' days, weeks and months follow (docs/metrics.md §1,
 * "The organisation's calendar"). Without options it shows the setting; with `--time-zone` and/or
 * `--week-start` it changes it (audited, as `PUT /api/v1/settings/calendar`); `--list-time-zones`
 * prints the zone names this installation knows.
 */
import type { Command } from 'commander';
import { readCalendarSettings, saveCalendarSettings } from '../admin/index.js';
import { isDefaultCalendar, knownTimeZones, WEEK_STARTS } from '../domain/index.js';
import { type CliIo, writeLine } from './io.js';
import { ACTOR_OPTION, DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface CalendarFlags {
  readonly timeZone?: string;
  readonly weekStart?: string;
  readonly listTimeZones?: boolean;
  readonly db?: string;
  readonly actor?: string;
  readonly json?: boolean;
}

export function registerSettingsCommand(program: Command, io: CliIo): void {
  const settings = program.command('settings').description("show or change the organisation's settings");
  settings
    .command('calendar')
    .description(
      'show or change the time zone and week start the daily, weekly and monthly buckets of the metrics follow',
    )
    .option(
      '--time-zone <name>',
      'an IANA time zone name, e.g. Europe/Berlin, America/New_York or UTC (the default)',
    )
    .option('--week-start <day>', `the first day of a week: ${WEEK_STARTS.join(', ')} (default monday)`)
    .option('--list-time-zones', 'print the time zone names this installation knows, one a line')
    .option(...ACTOR_OPTION)
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      '\nDays start at 00:00 in the time zone (a day may last 23 or 25 hours when the clocks change), weeks on\n' +
        'the week start, months on the 1st. The trends, the weekly velocity, the daily series, the load samples\n' +
        'and the DORA deployment days follow it; periods given as instants (--from/--to) stay those instants.\n' +
        'A running server applies a change made here at its next refresh (an import, a sync, a webhook); a\n' +
        'change through PUT /api/v1/settings/calendar applies at once.\n\n' +
        'Examples:\n' +
        '  flowlens settings calendar\n' +
        '  flowlens settings calendar --time-zone Europe/Berlin --week-start sunday\n' +
        '  flowlens settings calendar --list-time-zones | grep Australia',
    )
    .action(async (flags: CalendarFlags) => {
      if (flags.listTimeZones === true) {
        const zones = knownTimeZones();
        if (flags.json === true) writeLine(io.stdout, JSON.stringify({ timeZones: zones }, null, 2));
        else for (const zone of zones) writeLine(io.stdout, zone);
        return;
      }
      const changes: Record<string, string> = {};
      if (flags.timeZone !== undefined) changes.timeZone = flags.timeZone;
      if (flags.weekStart !== undefined) changes.weekStart = flags.weekStart;
      const calendar = await withStore(io, flags.db, (store) =>
        Object.keys(changes).length === 0
          ? readCalendarSettings(store)
          : saveCalendarSettings(store, { actor: flags.actor ?? 'local' }, changes),
      );
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(calendar, null, 2));
      else
        writeLine(
          io.stdout,
          `Calendar: time zone ${calendar.timeZone}, weeks start on ${calendar.weekStart}` +
            `${isDefaultCalendar(calendar) ? ' (the default)' : ''}.`,
        );
    });
}
