/**
 * `flowlens metrics`: flow metrics, DORA metrics and data quality of a scope and period
 * (contract.md §2), as tables or as one JSON document; `flowlens rebuild` recomputes every item's
 * facts.
 */
import type { Command } from 'commander';
import { type MappingReview, mappingsToReview } from '../connectors/index.js';
import { defaultSnapshotPath, type MetricsDocument, MetricsEngine, rebuildFacts } from '../engine/index.js';
import { parseDateParam } from '../engine/params.js';
import { type CliIo, formatCount, formatDuration, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface MetricsFlags {
  readonly db?: string;
  readonly from?: string;
  readonly to?: string;
  readonly team?: string;
  readonly valueStream?: string;
  readonly portfolio?: string;
  readonly json?: boolean;
}

export function registerMetricsCommand(program: Command, io: CliIo): void {
  program
    .command('metrics')
    .description('flow metrics, DORA metrics and data quality for a scope and period')
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
    .option('--json', 'print one JSON document (durations in seconds)')
    .addHelpText(
      'after',
      `
The period is half-open, [from, to): --from 2025-01-01 --to 2025-04-01 is the first quarter of 2025.
Definitions: docs/metrics.md. Without a scope, the whole organisation.

Examples:
  flowlens metrics --from 2025-01-01 --to 2025-04-01
  flowlens metrics --from 2025-01-01 --to 2025-04-01 --team t-payments --json`,
    )
    .action(async (flags: MetricsFlags) => {
      const fromMs = parseDateParam('--from', flags.from as string);
      const toMs = parseDateParam('--to', flags.to as string);
      const document = await withStore(io, flags.db, async (store) => {
        const query = {
          fromMs,
          toMs,
          team: flags.team,
          valueStream: flags.valueStream,
          portfolio: flags.portfolio,
        };
        // A scope loads only its own items; the whole organisation loads from (and keeps) the
        // facts snapshot the server uses.
        const whole =
          query.team === undefined && query.valueStream === undefined && query.portfolio === undefined;
        const engine = await MetricsEngine.open(
          store,
          whole ? { snapshotPath: await defaultSnapshotPath(store, io.env) } : { scope: query },
        );
        try {
          return { metrics: engine.metrics(query), toReview: await mappingsToReview(store) };
        } finally {
          await engine.close();
        }
      });
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(document.metrics, null, 2));
      else printMetrics(io, document.metrics, document.toReview);
    });

  program
    .command('rebuild')
    .description("recompute every item's facts from its history and the current mappings")
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .action(async (flags: { db?: string; json?: boolean }) => {
      const report = await withStore(io, flags.db, (store) => rebuildFacts(store));
      if (flags.json === true)
        writeLine(
          io.stdout,
          JSON.stringify({ computed: report.computed, removed: report.removed, ms: Math.round(report.ms) }),
        );
      else
        writeLine(
          io.stdout,
          `Rebuilt the facts of ${formatCount(report.computed)} items` +
            (report.removed > 0 ? ` (removed ${formatCount(report.removed)})` : '') +
            ` in ${formatDuration(report.ms)}.`,
        );
    });
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));

/** Seconds as days (≥ 1 day) or hours. */
export function humanDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const days = seconds / 86_400;
  if (days >= 1) return `${days.toFixed(1)} d`;
  const hours = seconds / 3600;
  if (hours >= 1) return `${hours.toFixed(1)} h`;
  return `${Math.round(seconds / 60)} min`;
}

function table(io: CliIo, rows: readonly (readonly string[])[]): void {
  // A row's last cell is not padded and does not widen its column.
  const widths: number[] = [];
  for (const row of rows)
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  for (const row of rows)
    writeLine(
      io.stdout,
      `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('   ')}`.trimEnd(),
    );
}

function printMetrics(io: CliIo, m: MetricsDocument, toReview: readonly MappingReview[] = []): void {
  const scope = m.scope.team ?? m.scope.valueStream ?? m.scope.portfolio;
  const scopeName =
    m.scope.team !== undefined
      ? `team ${scope}`
      : m.scope.valueStream !== undefined
        ? `value stream ${scope}`
        : m.scope.portfolio !== undefined
          ? `portfolio ${scope}`
          : 'the whole organisation';
  writeLine(io.stdout, `Metrics for ${scopeName}, ${m.period.from} to ${m.period.to} (end excluded)`);
  writeLine(io.stdout);
  writeLine(io.stdout, 'Flow');
  const f = m.flow;
  table(io, [
    [
      'velocity',
      `${f.velocity.total} completed`,
      Object.entries(f.velocity.byType)
        .map(([t, n]) => `${t} ${n}`)
        .join(', '),
    ],
    [
      'flow time',
      `median ${humanDuration(f.flowTime.median)}`,
      `p85 ${humanDuration(f.flowTime.p85)}`,
      `(${f.flowTime.count} items)`,
    ],
    [
      'lead time',
      `median ${humanDuration(f.leadTime.median)}`,
      `p85 ${humanDuration(f.leadTime.p85)}`,
      `(${f.leadTime.count} items)`,
    ],
    ['efficiency', pct(f.efficiency)],
    ['load', `average ${num(f.load.average)}`, `at end ${f.load.atEnd}`],
    [
      'distribution',
      Object.entries(f.distribution)
        .map(([t, v]) => `${t} ${pct(v)}`)
        .join(', '),
    ],
    [
      'stages',
      Object.entries(f.stages)
        .map(([s, v]) => `${s} ${pct(v ?? null)}`)
        .join(', '),
    ],
  ]);
  if (f.waitByStatus.length > 0) {
    writeLine(io.stdout);
    writeLine(io.stdout, 'Where completed items waited (the first is the main bottleneck)');
    table(
      io,
      f.waitByStatus.slice(0, 5).map((w) => [w.status, humanDuration(w.seconds), `${w.items} items`]),
    );
  }
  writeLine(io.stdout);
  writeLine(io.stdout, 'DORA');
  const d = m.dora;
  const tier = (t: string | null) => (t === null ? '' : `[${t}]`);
  table(io, [
    [
      'deployment frequency',
      `${d.deploymentFrequency.count} deployments`,
      `${num(d.deploymentFrequency.perWeek, 2)} a week`,
      tier(d.deploymentFrequency.tier),
    ],
    [
      'lead time for changes',
      `median ${humanDuration(d.leadTimeForChanges.median)}`,
      `(${d.leadTimeForChanges.count} changes)`,
      tier(d.leadTimeForChanges.tier),
    ],
    ['change failure rate', pct(d.changeFailureRate.value), '', tier(d.changeFailureRate.tier)],
    [
      'recovery time',
      `median ${humanDuration(d.recoveryTime.median)}`,
      `(${d.recoveryTime.count} incidents)`,
      tier(d.recoveryTime.tier),
    ],
    [
      'time to restore',
      `median ${humanDuration(d.timeToRestore.median)}`,
      `(${d.timeToRestore.count} incidents)`,
    ],
  ]);
  const q = m.dataQuality;
  const notes: string[] = [];
  for (const u of q.unmappedStatuses.slice(0, 5))
    notes.push(`unmapped status "${u.status}" in ${u.source}: ${u.items} items`);
  for (const u of q.unmappedTypes.slice(0, 5))
    notes.push(`unmapped type "${u.type}" in ${u.source}: ${u.items} items (counted as feature)`);
  const counted: [number, string][] = [
    [q.itemsWithoutTeam, 'items with no team'],
    [q.unlinkedChanges.count, 'changes linked to no work item'],
    [q.deploymentsWithoutChanges.count, 'deployments with no changes'],
    [q.unattributedIncidents.count, 'incidents with no attributable deployment'],
    [q.unresolvedIncidents.count, 'unresolved incidents (not in recovery time)'],
    [q.negativeLeadTimes.count, 'changes with a negative lead time (left out)'],
    [q.statusDisagreements, 'items whose status field disagrees with their last change'],
    [q.changesBeforeCreation, 'items with a change before their creation'],
    [q.outOfOrderChanges, 'status changes that arrived out of order'],
    [q.duplicateRecords, 'records imported more than once (stored once)'],
    [q.pendingItems, 'items whose facts are not yet recomputed'],
  ];
  for (const [count, what] of counted) if (count > 0) notes.push(`${formatCount(count)} ${what}`);
  for (const review of toReview)
    notes.push(
      `mapping of ${review.source} proposed by \`${review.proposedBy}\`: to review (\`flowlens mapping show ${review.source}\`)`,
    );
  writeLine(io.stdout);
  writeLine(io.stdout, notes.length === 0 ? 'Data quality: nothing to report.' : 'Data quality');
  for (const note of notes) writeLine(io.stdout, `  - ${note}`);
}
