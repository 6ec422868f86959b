/**
 * `flowlens predictability`: flow predictability of a scope — per sprint (or planning interval)
 * closing in the period, the items planned at its start against those delivered, the scope added
 * and removed, and the mean and median ratio across sprints (src/engine/predictability.ts), as a
 * table or as one JSON document (the same as GET /api/v1/metrics/predictability).
 */
import type { Command } from 'commander';
import { FlowlensError } from '../domain/index.js';
import { MetricsEngine, type PredictabilityDocument, predictabilityFor } from '../engine/index.js';
import { parseDateParam } from '../engine/params.js';
import { type CliIo, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface PredictabilityFlags {
  readonly db?: string;
  readonly from?: string;
  readonly to?: string;
  readonly team?: string;
  readonly valueStream?: string;
  readonly portfolio?: string;
  readonly json?: boolean;
}

export function registerPredictabilityCommand(program: Command, io: CliIo): void {
  program
    .command('predictability')
    .description('flow predictability: items planned against delivered per sprint, for a scope and period')
    .requiredOption(
      '--from <date>',
      'start of the period, included: YYYY-MM-DD (00:00 UTC) or an ISO 8601 timestamp',
    )
    .requiredOption(
      '--to <date>',
      'end of the period, excluded: YYYY-MM-DD (00:00 UTC) or an ISO 8601 timestamp',
    )
    .option('--team <id>', 'only this team')
    .option('--value-stream <id>', "only this value stream's teams")
    .option('--portfolio <id>', "only this portfolio's value streams")
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
Lists the sprints (or planning intervals) of the scope's teams that close in [from, to) — closed, or
planned to end when still open. Per sprint: planned (items in it at its start), added and removed
after the start, delivered (planned items complete by the close) and the ratio delivered / planned;
then the mean and median ratio and how many sprints are in the 80–100 % band. Sprints come from
sources that have them (the "sprint" record of docs/import.md, the Jira connector).
Definitions: docs/metrics.md, "Flow predictability". Without a scope, the whole organisation.

Examples:
  flowlens predictability --from 2025-01-01 --to 2025-04-01 --team t-payments
  flowlens predictability --from 2025-01-01 --to 2025-04-01 --value-stream vs-checkout --json`,
    )
    .action(async (flags: PredictabilityFlags) => {
      const fromMs = parseDateParam('--from', flags.from as string);
      const toMs = parseDateParam('--to', flags.to as string);
      const given = [
        ['--team', flags.team],
        ['--value-stream', flags.valueStream],
        ['--portfolio', flags.portfolio],
      ].filter(([, value]) => value !== undefined);
      if (given.length > 1)
        throw new FlowlensError(
          'INVALID_ARGUMENT',
          `give one scope at most: ${given.map(([name]) => name).join(' and ')} were given; keep one`,
        );
      const query = {
        fromMs,
        toMs,
        ...(flags.team === undefined ? {} : { team: flags.team }),
        ...(flags.valueStream === undefined ? {} : { valueStream: flags.valueStream }),
        ...(flags.portfolio === undefined ? {} : { portfolio: flags.portfolio }),
      };
      const document = await withStore(io, flags.db, async (store) => {
        // Opening the engine brings the stored facts (completion) up to date.
        const engine = await MetricsEngine.open(store, { scope: query });
        try {
          return await predictabilityFor(store, engine, query);
        } finally {
          await engine.close();
        }
      });
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(document, null, 2));
      else printPredictability(io, document);
    });
}

const percent = (ratio: number | null) => (ratio === null ? '–' : `${Math.round(ratio * 100)} %`);

function printPredictability(io: CliIo, document: PredictabilityDocument): void {
  const scope = Object.entries(document.scope)
    .map(([kind, id]) => `${kind} ${id}`)
    .join('');
  writeLine(
    io.stdout,
    `Flow predictability — ${scope === '' ? 'whole organisation' : scope}, ${document.period.from.slice(0, 10)} to ${document.period.to.slice(0, 10)} (excluded)`,
  );
  if (document.sprints.length === 0) {
    writeLine(
      io.stdout,
      'No sprints close in this period for this scope. Sprints come from sources that have them: ' +
        'import "sprint" records (docs/import.md) or sync a Jira source with boards.',
    );
    return;
  }
  const header = ['Sprint', 'Team', 'Closed', 'Planned', 'Added', 'Removed', 'Delivered', 'Ratio'];
  const rows = document.sprints.map((s) => [
    s.name,
    s.team ?? '–',
    s.closedAt.slice(0, 10),
    String(s.planned),
    String(s.added),
    String(s.removed),
    String(s.delivered),
    percent(s.ratio),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  writeLine(io.stdout);
  writeLine(io.stdout, line(header));
  for (const row of rows) writeLine(io.stdout, line(row));
  const s = document.summary;
  writeLine(io.stdout);
  writeLine(
    io.stdout,
    `${s.sprints} sprint${s.sprints === 1 ? '' : 's'}, ${s.measured} with a plan: mean ${percent(s.meanRatio)}, ` +
      `median ${percent(s.medianRatio)}, ${s.inBand} of ${s.measured} within ${percent(s.band.low)}–${percent(s.band.high)} ` +
      `(planned ${s.planned}, delivered ${s.delivered}, added ${s.added}, removed ${s.removed}).`,
  );
}
