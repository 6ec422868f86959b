/**
 * `flowlens insights`: the findings for a scope, with their evidence and actions (docs/insights.md);
 * `flowlens target set`: a team's capacity-allocation target.
 */
import type { Command } from 'commander';
import { DAY_MS, FlowlensError } from '../domain/index.js';
import { MetricsEngine, scopeInsights, setAllocationTarget } from '../engine/index.js';
import { parseDateParam } from '../engine/params.js';
import { type CliIo, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

function whole(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${text}" is not a whole number`);
  return Number(text);
}

function share(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${text}" is not a share from 0 to 1`);
  return n;
}

export function registerInsightsCommand(program: Command, io: CliIo): void {
  program
    .command('insights')
    .description('findings for a scope, each with its evidence and a recommended action')
    .option('--team <id>', 'only this team')
    .option('--value-stream <id>', "only this value stream's teams")
    .option('--portfolio <id>', "only this portfolio's value streams")
    .option('--to <date>', 'end of the period, excluded (default: tomorrow, UTC)')
    .option('--period-days <n>', 'days in each period (default 28)')
    .option('--baseline-periods <n>', 'periods before it to compare with (default 6)')
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .addHelpText('after', '\nThe rules and their thresholds: docs/insights.md.')
    .action(
      async (flags: {
        team?: string;
        valueStream?: string;
        portfolio?: string;
        to?: string;
        periodDays?: string;
        baselinePeriods?: string;
        db?: string;
        json?: boolean;
      }) => {
        const toMs =
          flags.to === undefined
            ? (Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS
            : parseDateParam('--to', flags.to);
        const periodDays = whole('--period-days', flags.periodDays);
        const baselinePeriods = whole('--baseline-periods', flags.baselinePeriods);
        const doc = await withStore(io, flags.db, async (store) => {
          const engine = await MetricsEngine.open(store);
          try {
            return await scopeInsights(engine, store, {
              ...(flags.team === undefined ? {} : { team: flags.team }),
              ...(flags.valueStream === undefined ? {} : { valueStream: flags.valueStream }),
              ...(flags.portfolio === undefined ? {} : { portfolio: flags.portfolio }),
              toMs,
              ...(periodDays === undefined ? {} : { periodDays }),
              ...(baselinePeriods === undefined ? {} : { baselinePeriods }),
            });
          } finally {
            await engine.close();
          }
        });
        if (flags.json === true) {
          writeLine(io.stdout, JSON.stringify(doc, null, 2));
          return;
        }
        writeLine(
          io.stdout,
          `Insights for ${doc.period.from.slice(0, 10)} to ${doc.period.to.slice(0, 10)}, against the ${doc.baseline.periods} periods before:`,
        );
        if (doc.insights.length === 0) writeLine(io.stdout, '  Nothing stands out.');
        for (const i of doc.insights) {
          writeLine(io.stdout, `  [${i.severity}] ${i.title}`);
          writeLine(io.stdout, `    ${i.explanation}`);
          writeLine(io.stdout, `    Action: ${i.action}`);
          writeLine(io.stdout, `    Chart: ${i.evidence.chart}`);
        }
      },
    );

  program
    .command('target')
    .description("a team's capacity-allocation target (what the distribution insight compares with)")
    .command('set')
    .description('set the shares of features, defects, and debt and risk (adding up to 1)')
    .requiredOption('--team <id>', 'the team')
    .requiredOption('--feature <share>', 'share of features, e.g. 0.6')
    .requiredOption('--defect <share>', 'share of defects, e.g. 0.2')
    .requiredOption('--debt-and-risk <share>', 'share of debt and risk together, e.g. 0.2')
    .option('--actor <name>', 'who sets it (default: local)')
    .option(...DB_OPTION)
    .action(
      async (flags: {
        team: string;
        feature: string;
        defect: string;
        debtAndRisk: string;
        actor?: string;
        db?: string;
      }) => {
        const target = {
          feature: share('--feature', flags.feature),
          defect: share('--defect', flags.defect),
          debtAndRisk: share('--debt-and-risk', flags.debtAndRisk),
        };
        await withStore(io, flags.db, async (store) => {
          const engine = await MetricsEngine.open(store, { scope: { team: flags.team } });
          try {
            await setAllocationTarget(engine, store, flags.team, target, flags.actor ?? 'local');
          } finally {
            await engine.close();
          }
        });
        writeLine(
          io.stdout,
          `Set the allocation target of ${flags.team}: features ${target.feature}, defects ${target.defect}, debt and risk ${target.debtAndRisk}.`,
        );
      },
    );
}
