/** `flowlens sync [source…]`: pulls the configured sources, incrementally, and reports what came in. */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  loadConfig,
  mappingsToReview,
  type SourceSyncSummary,
  type SyncSummary,
  syncSources,
} from '../connectors/index.js';
import { describeReconcile, reconcileSources } from '../connectors/reconcile.js';
import { FlowlensError } from '../domain/index.js';
import { findUnresolvedReferences, type UnresolvedReference } from '../store/index.js';
import { type CliIo, formatCount, formatDuration, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface SyncFlags {
  readonly config?: string;
  readonly db?: string;
  readonly json?: boolean;
  readonly progress?: boolean;
  readonly reconcile?: boolean;
}

export function registerSyncCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('sync')
    .description('pull the sources of flowlens.yaml (Jira, GitHub, GitLab, git), incrementally')
    .argument('[source...]', 'names of the sources to sync (default: all)')
    .option(
      '--config <path>',
      'the configuration file (default: $FLOWLENS_CONFIG, else flowlens.yaml in $FLOWLENS_HOME)',
    )
    .option(...DB_OPTION)
    .option('--no-progress', 'no progress bars, even on a terminal')
    .option('--json', 'print the summary as one JSON document')
    .option(
      '--reconcile',
      'a reconcile poll: the sync, then (Jira) a check of every stored issue the source no longer lists; one answering 404 is tombstoned',
    )
    .addHelpText(
      'after',
      `
Each source continues where its last sync stopped (a cursor per source and resource, stored in the
database with the records of each page). A sync that was killed continues after its last committed
page when run again, and duplicates nothing. The exit code is 1 when a source failed, its
credentials were refused, or records were rejected.

With --reconcile, each source is synced and then, for Jira, the keys of every issue in its scope are
listed: a stored issue missing from the listing is looked up, and one that answers 404 was deleted in
Jira — it leaves the metrics as a jira:issue_deleted webhook would make it (a tombstone and an audit
entry keep it). Nothing is deleted when the sync or the listing failed. \`flowlens start\` runs the
same poll by itself after a gap (docs/operations.md).

Examples:
  flowlens sync
  flowlens sync jira-pay github-web --json > sync.json
  flowlens sync --reconcile jira-pay`,
    )
    .action(async (names: string[], flags: SyncFlags) => {
      const loaded = loadConfig(flags.config, io.env);
      if (!loaded.exists)
        throw new FlowlensError(
          'INVALID_CONFIG',
          `no configuration at ${loaded.path}; add a source with \`flowlens connect jira|github|gitlab|git …\`, or name the file with --config`,
        );
      if (loaded.config.sources.length === 0)
        throw new FlowlensError(
          'INVALID_CONFIG',
          `${loaded.path} has no sources; add one with \`flowlens connect …\``,
        );
      if (flags.reconcile === true) {
        const summary = await withStore(io, flags.db, (store) =>
          reconcileSources(store, loaded.config, {
            sources: names,
            env: io.env,
            reason: 'by hand (flowlens sync --reconcile)',
          }),
        );
        if (flags.json === true) writeLine(io.stdout, JSON.stringify(summary, null, 2));
        else {
          for (const s of summary.sources) {
            writeLine(io.stdout, describeReconcile(s));
            for (const e of s.deletion.errors)
              writeLine(io.stderr, `${s.source}: ${e.id} not checked: ${e.message}`);
          }
        }
        if (
          summary.sources.some(
            (s) =>
              s.sync.status !== 'done' || s.deletion.status === 'aborted' || s.deletion.errors.length > 0,
          )
        )
          setExitCode(1);
        return;
      }
      const result = await withStore(io, flags.db, async (store) => {
        const bars = createBars(io, flags.progress !== false && flags.json !== true);
        let summary: SyncSummary;
        try {
          summary = await syncSources(store, loaded.config, {
            sources: names,
            env: io.env,
            onSourceStart: (source) => bars.start(source.name),
            onProgress: (p) => bars.update(p.source, p.label, p.done, p.total, p.records),
            onWait: (source, info) => bars.note(source, `waiting ${formatDuration(info.ms)}: ${info.reason}`),
            onSourceEnd: (s) => bars.end(s),
          });
        } finally {
          bars.stop();
        }
        const unresolved = await findUnresolvedReferences(store);
        const toReview = await mappingsToReview(store);
        return { summary, unresolved, toReview };
      });
      const { summary, unresolved, toReview } = result;
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify({ ...summary, unresolved, mappingsToReview: toReview }, null, 2));
      } else {
        printSummary(io, summary, unresolved);
        for (const review of toReview)
          writeLine(
            io.stdout,
            `Mapping of ${review.source} proposed by \`${review.proposedBy}\` is still to review (\`flowlens mapping show ${review.source}\`).`,
          );
      }
      if (summary.sources.some((s) => s.status !== 'done' || s.rejected > 0)) setExitCode(1);
    });
}

function printSummary(io: CliIo, summary: SyncSummary, unresolved: readonly UnresolvedReference[]): void {
  const out = io.stdout;
  for (const s of summary.sources) {
    const waits =
      s.rateLimitWaits === 0
        ? ''
        : `, ${formatCount(s.rateLimitWaits)} rate-limit wait${s.rateLimitWaits === 1 ? '' : 's'} (${formatDuration(s.rateLimitWaitMs)})`;
    const calls =
      s.kind === 'git'
        ? ''
        : ` — ${formatCount(s.apiCalls)} API calls, ${formatCount(s.retries)} retries${waits}`;
    const state =
      s.status === 'done'
        ? 'done'
        : s.status === 'needs-attention'
          ? 'NEEDS ATTENTION'
          : s.status === 'degraded'
            ? 'DEGRADED (rate-limited; run again later)'
            : 'FAILED';
    writeLine(out, `${s.source} (${s.kind}): ${state} in ${formatDuration(s.durationMs)}${calls}`);
    if (s.resumed.length > 0) writeLine(out, `  resumed an interrupted sync of ${s.resumed.join(', ')}`);
    for (const [kind, c] of Object.entries(s.counts)) {
      writeLine(
        out,
        `  ${kind}: ${formatCount(c.inserted)} new, ${formatCount(c.updated)} updated, ${formatCount(c.unchanged)} unchanged`,
      );
    }
    if (s.error !== undefined) writeLine(io.stderr, `${s.source}: ${s.error}`);
    for (const r of s.rejectedRecords.slice(0, 10))
      for (const e of r.errors)
        writeLine(io.stderr, `${s.source}: rejected ${r.kind} ${r.id}: ${e.field}: ${e.message}`);
  }
  if (unresolved.length > 0) {
    writeLine(out, 'Unresolved references (records that refer to something not imported yet):');
    for (const u of unresolved) {
      const examples = u.examples.join(', ') + (u.missing > u.examples.length ? ', …' : '');
      writeLine(
        out,
        `  ${u.reference} → ${u.missingKind}: ${formatCount(u.records)} records refer to ${formatCount(u.missing)} missing (${examples})`,
      );
    }
  }
  const total = summary.sources.reduce(
    (sum, s) => {
      for (const c of Object.values(s.counts)) {
        sum.inserted += c.inserted;
        sum.updated += c.updated;
        sum.unchanged += c.unchanged;
      }
      sum.records += s.records;
      sum.rejected += s.rejected;
      sum.calls += s.apiCalls;
      sum.waits += s.rateLimitWaits;
      return sum;
    },
    { records: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, calls: 0, waits: 0 },
  );
  const failed = summary.sources.filter((s) => s.status !== 'done').length;
  writeLine(
    out,
    `Synced ${formatCount(summary.sources.length)} source${summary.sources.length === 1 ? '' : 's'} in ${formatDuration(summary.durationMs)}: ` +
      `${formatCount(total.records)} records (${formatCount(total.inserted)} new, ${formatCount(total.updated)} updated, ${formatCount(total.unchanged)} unchanged), ` +
      `${formatCount(total.rejected)} rejected; ${formatCount(total.calls)} API calls, ${formatCount(total.waits)} rate-limit waits` +
      `${failed > 0 ? `; ${failed} failed` : ''}.`,
  );
}

interface Bars {
  start(source: string): void;
  update(source: string, label: string, done: number, total: number | null, records: number): void;
  note(source: string, text: string): void;
  end(summary: SourceSyncSummary): void;
  stop(): void;
}

/** One progress bar per source, on a terminal only. */
function createBars(io: CliIo, enabled: boolean): Bars {
  if (!enabled || io.stderr.isTTY !== true)
    return {
      start: () => undefined,
      update: () => undefined,
      note: () => undefined,
      end: () => undefined,
      stop: () => undefined,
    };
  const multi = new cliProgress.MultiBar(
    {
      stream: io.stderr as NodeJS.WritableStream,
      format: ' {source} |{bar}| {label} · {records} records {note}',
      barsize: 20,
      hideCursor: true,
      clearOnComplete: false,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    start(source) {
      bars.set(source, multi.create(1, 0, { source, label: 'starting', records: '0', note: '' }));
    },
    update(source, label, done, total, records) {
      const bar = bars.get(source);
      if (bar === undefined) return;
      bar.setTotal(Math.max(total ?? done + 1, done, 1));
      bar.update(done, { label, records: formatCount(records), note: '' });
    },
    note(source, text) {
      bars.get(source)?.update({ note: `· ${text}` });
    },
    end(summary) {
      const bar = bars.get(summary.source);
      if (bar === undefined) return;
      bar.setTotal(Math.max(1, bar.getTotal()));
      bar.update(bar.getTotal(), { label: summary.status, records: formatCount(summary.records), note: '' });
    },
    stop() {
      multi.stop();
    },
  };
}
