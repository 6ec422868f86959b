/**
 * `flowlens improve`: an improvement item from an insight, in a team's backlog, optionally written
 * back to the team's Jira or GitHub (docs/insights.md, "Closing the loop"); `flowlens improvements`:
 * the items made so far, and `flowlens improvements set-status` to move a Flowlens one.
 */
import type { Command } from 'commander';
import {
  connectorWriteBack,
  createImprovement,
  IMPROVEMENT_TYPES,
  type Improvement,
  type ImprovementType,
  type InsightRef,
  listImprovements,
  setImprovementStatus,
} from '../admin/index.js';
import { loadConfig } from '../connectors/index.js';
import { DAY_MS, FlowlensError } from '../domain/index.js';
import { MetricsEngine } from '../engine/index.js';
import { parseDateParam } from '../engine/params.js';
import { type CliIo, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { DEFAULT_PORT } from './start-command.js';
import { withStore } from './with-store.js';

const RULES: readonly InsightRef['rule'][] = [
  'new-bottleneck',
  'load-above-range',
  'aging-items',
  'distribution-drift',
  'dora-tier-drop',
  'data-quality-regression',
];

function whole(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${text}" is not a whole number`);
  return Number(text);
}

function describe(i: Improvement): string {
  const where = i.tracker === null ? '' : ` · ${i.tracker.source} ${i.tracker.key} ${i.tracker.url}`;
  return `${i.id}\t${i.item.id}\t${i.type}\t${i.status ?? 'gone'}\t${i.team}\t${i.title}${where}`;
}

export function registerImproveCommand(program: Command, io: CliIo): void {
  program
    .command('improve')
    .description('make an improvement item (debt or risk) from an insight, in a team’s backlog')
    .requiredOption('--rule <rule>', `the insight's rule: ${RULES.join(', ')}`)
    .option(
      '--subject <text>',
      'which of the rule’s insights (its status, DORA metric or check), when it finds several',
    )
    .option('--team <id>', 'the insight of this team (its backlog gets the item)')
    .option('--value-stream <id>', 'the insight of this value stream (give --backlog)')
    .option('--portfolio <id>', 'the insight of this portfolio (give --backlog)')
    .option('--backlog <team>', 'the team whose backlog gets it, when the scope is not a team')
    .option('--type <type>', `debt or risk (default: risk for a DORA tier drop, else debt)`)
    .option('--title <text>', "the item's title (default: the insight's)")
    .option('--to <date>', 'end of the insight’s period, excluded (default: tomorrow, UTC)')
    .option('--period-days <n>', 'days in each period (default 28)')
    .option('--baseline-periods <n>', 'periods before it to compare with (default 6)')
    .option('--write-back <source>', 'also create it in this Jira or GitHub source of flowlens.yaml')
    .option('--project <key>', 'the Jira project to create it in (when the source has several)')
    .option('--repo <owner/repo>', 'the GitHub repository to create it in (when the source has several)')
    .option(
      '--url <url>',
      `where Flowlens is served, for the tracker's link back (default http://localhost:${DEFAULT_PORT})`,
    )
    .option('--actor <name>', 'who makes it (default: local)')
    .option('--config <file>', 'the configuration (default: $FLOWLENS_HOME/flowlens.yaml)')
    .option(...DB_OPTION)
    .option('--json', 'print the item as JSON')
    .addHelpText(
      'after',
      `
The insight is computed again for the scope and period (as \`flowlens insights\`); the item is a
work item of the team, type debt or risk, linked to the insight and its evidence. With
--write-back, it is created in the tracker too (its description links back to the evidence) and
the stored item is the tracker's issue, which the next sync updates.

Examples:
  flowlens improve --team t-payments-api --rule aging-items
  flowlens improve --value-stream vs-webshop --backlog t-checkout --rule new-bottleneck --subject "Awaiting CAB"
  flowlens improve --team t-ledger --rule dora-tier-drop --subject changeFailureRate --write-back jira-pay`,
    )
    .action(
      async (flags: {
        rule: string;
        subject?: string;
        team?: string;
        valueStream?: string;
        portfolio?: string;
        backlog?: string;
        type?: string;
        title?: string;
        to?: string;
        periodDays?: string;
        baselinePeriods?: string;
        writeBack?: string;
        project?: string;
        repo?: string;
        url?: string;
        actor?: string;
        config?: string;
        db?: string;
        json?: boolean;
      }) => {
        if (!(RULES as readonly string[]).includes(flags.rule))
          throw new FlowlensError(
            'INVALID_ARGUMENT',
            `--rule: "${flags.rule}" is not one of ${RULES.join(', ')}`,
          );
        if (flags.type !== undefined && !(IMPROVEMENT_TYPES as readonly string[]).includes(flags.type))
          throw new FlowlensError('INVALID_ARGUMENT', `--type: must be debt or risk, not "${flags.type}"`);
        const baseUrl = flags.url ?? `http://localhost:${DEFAULT_PORT}`;
        if (!/^https?:\/\/[^/]+/.test(baseUrl))
          throw new FlowlensError('INVALID_ARGUMENT', `--url: "${baseUrl}" is not an http(s) address`);
        const toMs =
          flags.to === undefined
            ? (Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS
            : parseDateParam('--to', flags.to);
        const periodDays = whole('--period-days', flags.periodDays);
        const baselinePeriods = whole('--baseline-periods', flags.baselinePeriods);
        const config = flags.writeBack === undefined ? null : loadConfig(flags.config, io.env).config;
        const improvement = await withStore(io, flags.db, async (store) => {
          const engine = await MetricsEngine.open(store);
          try {
            return await createImprovement(
              engine,
              store,
              {
                ...(flags.team === undefined ? {} : { team: flags.team }),
                ...(flags.valueStream === undefined ? {} : { valueStream: flags.valueStream }),
                ...(flags.portfolio === undefined ? {} : { portfolio: flags.portfolio }),
                toMs,
                ...(periodDays === undefined ? {} : { periodDays }),
                ...(baselinePeriods === undefined ? {} : { baselinePeriods }),
                insight: {
                  rule: flags.rule as InsightRef['rule'],
                  ...(flags.subject === undefined ? {} : { subject: flags.subject }),
                },
                ...(flags.type === undefined ? {} : { type: flags.type as ImprovementType }),
                ...(flags.backlog === undefined ? {} : { backlogTeam: flags.backlog }),
                ...(flags.title === undefined ? {} : { title: flags.title }),
                ...(flags.writeBack === undefined
                  ? {}
                  : {
                      writeBack: {
                        source: flags.writeBack,
                        ...(flags.project === undefined ? {} : { project: flags.project }),
                        ...(flags.repo === undefined ? {} : { repo: flags.repo }),
                      },
                    }),
                actor: flags.actor ?? 'local',
                baseUrl,
              },
              connectorWriteBack(config, store, { env: io.env, now: Date.now }),
            );
          } finally {
            await engine.close();
          }
        });
        if (flags.json === true) {
          writeLine(io.stdout, JSON.stringify(improvement, null, 2));
          return;
        }
        writeLine(
          io.stdout,
          `Made improvement item ${improvement.item.id} (${improvement.type}) in team ${improvement.team}'s backlog, from "${improvement.insight.title}".`,
        );
        if (improvement.tracker !== null)
          writeLine(
            io.stdout,
            `Created in ${improvement.tracker.source} as ${improvement.tracker.key}: ${improvement.tracker.url}`,
          );
      },
    );

  const improvements = program
    .command('improvements')
    .description('the improvement items made from insights')
    .option('--team <id>', 'only this team’s')
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .action(async (flags: { team?: string; db?: string; json?: boolean }) => {
      const list = await withStore(io, flags.db, (store) =>
        listImprovements(store, flags.team === undefined ? {} : { team: flags.team }),
      );
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify({ improvements: list }, null, 2));
        return;
      }
      if (list.length === 0) {
        writeLine(io.stdout, 'No improvement items yet; make one with flowlens improve.');
        return;
      }
      writeLine(io.stdout, 'id\titem\ttype\tstatus\tteam\ttitle');
      for (const i of list) writeLine(io.stdout, describe(i));
    });

  improvements
    .command('set-status <id> <status>')
    .description('move a Flowlens improvement item to open, in progress, done or cancelled')
    .option('--actor <name>', 'who moves it (default: local)')
    .option(...DB_OPTION)
    .action(async (id: string, status: string, flags: { actor?: string; db?: string }) => {
      const n = whole('id', id);
      if (n === undefined || n < 1)
        throw new FlowlensError('INVALID_ARGUMENT', `id: "${id}" is not an improvement id`);
      const moved = await withStore(
        io,
        flags.db ?? improvements.opts<{ db?: string }>().db,
        async (store) => {
          const engine = await MetricsEngine.open(store);
          try {
            return await setImprovementStatus(engine, store, n, status, flags.actor ?? 'local');
          } finally {
            await engine.close();
          }
        },
      );
      writeLine(io.stdout, `${moved.item.id}: ${moved.status}`);
    });
}
