/**
 * `flowlens forecast when|how-many`: Monte Carlo forecasts from the scope's daily throughput
 * (src/forecast, src/engine/forecast.ts), as a short table or as one JSON document.
 */
import type { Command } from 'commander';
import { DAY_MS, FlowlensError } from '../domain/index.js';
import {
  DEFAULT_HISTORY_DAYS,
  DEFAULT_SEED,
  defaultSnapshotPath,
  type ForecastHistory,
  type ForecastQuery,
  forecastHowManyFor,
  forecastWhenFor,
  MetricsEngine,
  parseExcludedDays,
} from '../engine/index.js';
import { parseDateParam } from '../engine/params.js';
import type { Store } from '../store/index.js';
import { type CliIo, formatCount, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface ForecastFlags {
  readonly db?: string;
  readonly from?: string;
  readonly historyDays?: string;
  readonly exclude?: string;
  readonly seed?: string;
  readonly trials?: string;
  readonly team?: string;
  readonly valueStream?: string;
  readonly portfolio?: string;
  readonly json?: boolean;
}

const HELP = `
Each of 10,000 trials walks forward day by day, taking for each day the number of items the scope
completed on a day drawn at random from the history window: the --history-days whole UTC days
before --from (default ${DEFAULT_HISTORY_DAYS}), less the days given with --exclude. Day 1 is the
day of --from (default: today, UTC). The same --seed (default ${DEFAULT_SEED}) gives the same answer.`;

function commonOptions(command: Command): Command {
  return command
    .option('--team <id>', 'only this team')
    .option('--value-stream <id>', "only this value stream's teams")
    .option('--portfolio <id>', "only this portfolio's value streams")
    .option('--from <date>', 'the first day forecast, YYYY-MM-DD (default: today, UTC)')
    .option('--history-days <n>', `days of history sampled, before --from (default ${DEFAULT_HISTORY_DAYS})`)
    .option(
      '--exclude <days>',
      'history days that are not representative: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, comma-separated',
    )
    .option('--seed <n>', `seed of the random draws (default ${DEFAULT_SEED})`)
    .option('--trials <n>', 'number of trials (default 10000)')
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document');
}

export function registerForecastCommand(program: Command, io: CliIo): void {
  const forecast = program
    .command('forecast')
    .description('Monte Carlo forecasts from the daily throughput: when, and how many')
    .addHelpText('after', HELP);

  commonOptions(
    forecast
      .command('when')
      .description('when will N items be done? (the date by which 50/70/85/95 % of trials are)')
      .requiredOption('--items <n>', 'how many items'),
  )
    .addHelpText(
      'after',
      `${HELP}

Examples:
  flowlens forecast when --items 40 --team t-payments-api
  flowlens forecast when --items 200 --value-stream vs-webshop --from 2026-12-01 --exclude 2026-08-01..2026-08-21 --json`,
    )
    .action(async (flags: ForecastFlags & { items?: string }) => {
      const items = wholeNumber('--items', flags.items as string, 1);
      const query = queryOf(flags);
      const document = await withEngine(io, flags, (engine) => forecastWhenFor(engine, { ...query, items }));
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify(document, null, 2));
        return;
      }
      writeLine(
        io.stdout,
        `When will ${formatCount(items)} items of ${scopeText(document.scope)} be done, counting from ${document.from}?`,
      );
      for (const [p, date] of Object.entries(document.percentiles))
        writeLine(io.stdout, `  ${p.padStart(2)} %  ${date ?? 'not within 10 years'}`);
      if (document.notDone > 0)
        writeLine(io.stdout, `  (${formatCount(document.notDone)} trials were not done within 10 years)`);
      writeLine(io.stdout, historyText(document.trials, document.history));
    });

  commonOptions(
    forecast
      .command('how-many')
      .description('how many items will be done by a date? (the count 50/70/85/95 % of trials reach)')
      .requiredOption('--by <date>', 'the last day forecast, YYYY-MM-DD (counted to its end)'),
  )
    .addHelpText(
      'after',
      `${HELP}

Examples:
  flowlens forecast how-many --by 2026-12-31 --team t-payments-api
  flowlens forecast how-many --by 2027-03-31 --portfolio p-retail --json`,
    )
    .action(async (flags: ForecastFlags & { by?: string }) => {
      const byMs = dateOnly('--by', flags.by as string);
      const query = queryOf(flags);
      const document = await withEngine(io, flags, (engine) =>
        forecastHowManyFor(engine, { ...query, byMs }),
      );
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify(document, null, 2));
        return;
      }
      writeLine(
        io.stdout,
        `How many items of ${scopeText(document.scope)} will be done from ${document.from} to the end of ${document.by} (${formatCount(document.days)} days)?`,
      );
      for (const [p, count] of Object.entries(document.percentiles))
        writeLine(io.stdout, `  ${p.padStart(2)} %  ${formatCount(count)} or more`);
      writeLine(io.stdout, historyText(document.trials, document.history));
    });
}

function scopeText(scope: Record<string, string>): string {
  const [kind, id] = Object.entries(scope)[0] ?? [];
  if (kind === undefined) return 'the whole organisation';
  return `${kind === 'valueStream' ? 'value stream' : kind} ${id}`;
}

function historyText(trials: number, h: ForecastHistory): string {
  return (
    `From ${formatCount(trials)} trials sampling the daily throughput of ${h.from} to ${h.to} ` +
    `(${formatCount(h.sampledDays)} days${h.excludedDays.length > 0 ? `, ${h.excludedDays.length} excluded` : ''}; ` +
    `${formatCount(h.completed)} items completed, ${h.perDay.toFixed(1)} a day).`
  );
}

function wholeNumber(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min)
    throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${text}" is not a whole number ≥ ${min}`);
  return n;
}

function dateOnly(flag: string, text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text.trim()))
    throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${text}" is not a date (YYYY-MM-DD)`);
  return parseDateParam(flag, text.trim());
}

function queryOf(flags: ForecastFlags): ForecastQuery {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  return {
    fromMs: flags.from === undefined ? today : dateOnly('--from', flags.from),
    ...(flags.team === undefined ? {} : { team: flags.team }),
    ...(flags.valueStream === undefined ? {} : { valueStream: flags.valueStream }),
    ...(flags.portfolio === undefined ? {} : { portfolio: flags.portfolio }),
    ...(flags.historyDays === undefined
      ? {}
      : { historyDays: wholeNumber('--history-days', flags.historyDays, 1) }),
    ...(flags.exclude === undefined ? {} : { excludeDays: parseExcludedDays('--exclude', flags.exclude) }),
    ...(flags.seed === undefined ? {} : { seed: wholeNumber('--seed', flags.seed, 0) }),
    ...(flags.trials === undefined ? {} : { trials: wholeNumber('--trials', flags.trials, 1) }),
  };
}

async function withEngine<T>(
  io: CliIo,
  flags: ForecastFlags,
  work: (engine: MetricsEngine) => T,
): Promise<T> {
  return withStore(io, flags.db, async (store: Store) => {
    const scope = {
      ...(flags.team === undefined ? {} : { team: flags.team }),
      ...(flags.valueStream === undefined ? {} : { valueStream: flags.valueStream }),
      ...(flags.portfolio === undefined ? {} : { portfolio: flags.portfolio }),
    };
    // As `flowlens metrics`: a scope loads its own items, the whole organisation the snapshot.
    const whole = Object.keys(scope).length === 0;
    const engine = await MetricsEngine.open(
      store,
      whole ? { snapshotPath: await defaultSnapshotPath(store, io.env) } : { scope },
    );
    try {
      return work(engine);
    } finally {
      await engine.close();
    }
  });
}
