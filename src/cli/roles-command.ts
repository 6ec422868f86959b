/**
 * `flowlens roles [--value-stream V] [--json]`: role coverage of the value streams
 * (docs/organisation.md, "Roles") — who holds each DVS role, the gaps (a role nobody holds, a team
 * with no product owner) and the overloaded people, each with why it matters. With `--json` and a
 * value stream, one document:
 * `{"valueStream", "roles": {role: [person ids]}, "gaps": [{"role", "team"?, "why"}],
 * "overloaded": [{"person", "teams", "valueStreams", "why"}]}`.
 */
import type { Command } from 'commander';
import { readRoleCoverage } from '../admin/index.js';
import { formatInstant } from '../contract/index.js';
import { FlowlensError } from '../domain/index.js';
import { parseDateParam } from '../engine/index.js';
import { ROLE_GROUPS, type ValueStreamCoverage } from '../org/index.js';
import { type CliIo, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { limitFlags } from './org-command.js';
import { withStore } from './with-store.js';

interface RolesFlags {
  readonly db?: string;
  readonly valueStream?: string;
  readonly asOf?: string;
  readonly maxTeams?: string;
  readonly maxValueStreams?: string;
  readonly maxFacilitatedTeams?: string;
  readonly json?: boolean;
}

/** A value stream's coverage in the shape of `flowlens roles --json` (issue 6). */
export function rolesDocument(coverage: ValueStreamCoverage) {
  return {
    valueStream: coverage.valueStream.id,
    roles: coverage.roles,
    gaps: coverage.gaps.map((g) =>
      g.team === undefined ? { role: g.role, why: g.why } : { role: g.role, team: g.team, why: g.why },
    ),
    overloaded: coverage.overloaded.map((o) => ({
      person: o.person,
      teams: o.teams,
      valueStreams: o.valueStreams,
      why: o.why,
    })),
  };
}

export function registerRolesCommand(program: Command, io: CliIo): void {
  program
    .command('roles')
    .description(
      'role coverage of the value streams: who holds each DVS role, the gaps and the overloaded people',
    )
    .option('--value-stream <id>', 'only this value stream')
    .option(
      '--as-of <date>',
      'the instant of the coverage (default now): YYYY-MM-DD or an ISO 8601 timestamp',
    )
    .option('--max-teams <n>', 'overloaded above this many teams (default: the stored limit, 3)')
    .option(
      '--max-value-streams <n>',
      'overloaded above this many value streams (default: the stored limit, 2)',
    )
    .option(
      '--max-facilitated-teams <n>',
      'a DVS facilitator is overloaded above this many teams (default 8)',
    )
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
Gaps: a value-stream role (product manager, architect, business analyst, UX, security, QA and
adoption leads, DVS facilitator) nobody holds for the value stream, and a team with no product
owner. Overload: a person holding roles in more teams or value streams than the limits, or a DVS
facilitator over more teams than theirs. Change the stored limits with \`flowlens org limits\`.

Examples:
  flowlens roles
  flowlens roles --value-stream vs-platform --json`,
    )
    .action(async (flags: RolesFlags) => {
      const asOfMs = flags.asOf === undefined ? Date.now() : parseDateParam('--as-of', flags.asOf);
      const coverage = await withStore(io, flags.db, (store) =>
        readRoleCoverage(store, { asOfMs, limits: limitFlags(flags) }),
      );
      const streams = coverage.valueStreams.filter(
        (v) => flags.valueStream === undefined || v.valueStream.id === flags.valueStream,
      );
      if (flags.valueStream !== undefined && streams.length === 0)
        throw new FlowlensError(
          'INVALID_ARGUMENT',
          `--value-stream: there is no value stream "${flags.valueStream}" that is not archived (known: ${coverage.valueStreams
            .map((v) => v.valueStream.id)
            .join(', ')})`,
        );
      if (flags.json === true) {
        const document =
          flags.valueStream === undefined
            ? { asOf: formatInstant(asOfMs), valueStreams: streams.map(rolesDocument) }
            : rolesDocument(streams[0] as ValueStreamCoverage);
        writeLine(io.stdout, JSON.stringify(document, null, 2));
        return;
      }
      writeLine(
        io.stdout,
        `Role coverage as of ${formatInstant(asOfMs)} (limits: ${coverage.limits.maxTeams} teams, ${coverage.limits.maxValueStreams} value streams, ${coverage.limits.maxFacilitatedTeams} teams per facilitator)`,
      );
      for (const stream of streams) printStream(io, stream);
    });
}

function printStream(io: CliIo, stream: ValueStreamCoverage): void {
  writeLine(io.stdout);
  writeLine(io.stdout, `${stream.valueStream.name} (${stream.valueStream.id})`);
  const teamName = new Map(stream.teams.map((t) => [t.id, t.name]));
  for (const group of ROLE_GROUPS) {
    writeLine(io.stdout, `  ${group.label}`);
    for (const role of group.roles) {
      const row = stream.rows.find((r) => r.role === role);
      if (row === undefined) continue;
      const held = [
        ...row.valueStream.map((h) => h.name),
        ...Object.entries(row.teams).flatMap(([team, holders]) =>
          holders.map((h) => `${h.name} (${teamName.get(team) ?? team})`),
        ),
      ];
      const missing =
        row.required === 'team'
          ? stream.teams.filter((t) => (row.teams[t.id] ?? []).length === 0).map((t) => `no one in ${t.name}`)
          : row.required === 'valueStream' && row.valueStream.length === 0
            ? ['no one']
            : [];
      writeLine(io.stdout, `    ${row.label.padEnd(24)} ${[...held, ...missing].join(', ') || '—'}`);
    }
  }
  if (stream.gaps.length > 0) {
    writeLine(io.stdout, '  Gaps');
    for (const gap of stream.gaps) writeLine(io.stdout, `    - ${gap.why}`);
  }
  if (stream.overloaded.length > 0) {
    writeLine(io.stdout, '  Overloaded');
    for (const o of stream.overloaded) writeLine(io.stdout, `    - ${o.why}`);
  }
  if (stream.gaps.length === 0 && stream.overloaded.length === 0)
    writeLine(io.stdout, '  No gaps, no one overloaded.');
}
