/** `flowlens import <file>…`: imports interchange files and reports what happened. */
import type { Command } from 'commander';
import { FlowlensError } from '../domain/index.js';
import { hasRejections, type ImportSummary, importFiles } from '../ingest/index.js';
import { type CliIo, formatCount, formatDuration, writeLine } from './io.js';
import { createProgressReporter } from './progress.js';
import { withStore } from './with-store.js';

const SHOWN_ERRORS = 20;

interface ImportFlags {
  readonly db?: string;
  readonly strict?: boolean;
  readonly json?: boolean;
  readonly source?: string;
  readonly batchSize?: string;
  readonly progress?: boolean;
}

export function registerImportCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('import')
    .description('import interchange files (.ndjson, .jsonl) or CSV files of work items or transitions')
    .argument('<file...>', 'files to import, in order')
    .option(
      '--db <path-or-url>',
      'database: a SQLite file path or a postgres:// URL (default: $FLOWLENS_DB, else flowlens.db in $FLOWLENS_HOME)',
    )
    .option('--strict', 'import nothing from a file that has any invalid line')
    .option('--source <source>', 'source for CSV rows without a "source" column, e.g. jira:PAY')
    .option('--batch-size <records>', 'records per transaction (default 20000)')
    .option('--no-progress', 'no progress bar, even on a terminal')
    .option('--json', 'print the import summary as one JSON document')
    .addHelpText(
      'after',
      `
Valid lines are imported and invalid ones listed with their line number, field and reason; the exit
code is 1 when any line or file was rejected. With --strict, a file with any invalid line imports
nothing. Importing the same records again changes nothing; an interrupted import resumes where its
last committed batch ended when you run the same command again.

Examples:
  flowlens import events.ndjson
  flowlens import --strict --json export-*.ndjson > summary.json
  flowlens import --source jira:PAY issues.csv transitions.csv`,
    )
    .action(async (files: string[], flags: ImportFlags) => {
      const batchSize = parseBatchSize(flags.batchSize);
      const summary = await withStore(io, flags.db, async (store) => {
        const progress = createProgressReporter(io.stderr, flags.progress !== false && flags.json !== true);
        try {
          return await importFiles(store, files, {
            strict: flags.strict === true,
            ...(flags.source === undefined ? {} : { source: flags.source }),
            ...(batchSize === undefined ? {} : { batchSize }),
            onProgress: (p) => progress.update(p),
          });
        } finally {
          progress.stop();
        }
      });
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(summary, null, 2));
      else printSummary(io, summary);
      if (hasRejections(summary)) setExitCode(1);
    });
}

function parseBatchSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 1_000_000) {
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `--batch-size: "${value}" is not a whole number from 1 to 1000000`,
    );
  }
  return parsed;
}

function printSummary(io: CliIo, summary: ImportSummary): void {
  const out = io.stdout;
  for (const file of summary.files) {
    if (file.status === 'failed') {
      writeLine(io.stderr, file.failure ?? `${file.file}: failed`);
      continue;
    }
    if (file.status === 'rejected') {
      writeLine(
        out,
        `${file.file}: rejected (--strict): ${plural(file.rejected, 'invalid line')}, nothing imported`,
      );
      continue;
    }
    const resumed =
      file.resumedAfterLine === null || file.resumedAfterLine === 0
        ? ''
        : ` (resumed after line ${formatCount(file.resumedAfterLine)})`;
    writeLine(
      out,
      `${file.file}: ${plural(file.records, 'record')}${resumed}, ${formatCount(file.rejected)} rejected`,
    );
    for (const [kind, c] of Object.entries(file.counts)) {
      writeLine(
        out,
        `  ${kind}: ${formatCount(c.inserted)} new, ${formatCount(c.updated)} updated, ${formatCount(c.unchanged)} unchanged`,
      );
    }
  }
  const errors = summary.files.flatMap((f) => f.errors);
  for (const error of errors.slice(0, SHOWN_ERRORS)) {
    writeLine(io.stderr, `${error.file}:${error.line}: ${error.field}: ${error.message}`);
  }
  if (summary.totals.rejected > Math.min(errors.length, SHOWN_ERRORS)) {
    writeLine(
      io.stderr,
      `…${plural(summary.totals.rejected, 'rejected line')} in all (--json lists up to 1,000; the import log keeps up to 10,000 per file)`,
    );
  }
  if (summary.unresolved.length > 0) {
    writeLine(out, 'Unresolved references (records that refer to something not imported yet):');
    for (const u of summary.unresolved) {
      const examples = u.examples.join(', ') + (u.missing > u.examples.length ? ', …' : '');
      writeLine(
        out,
        `  ${u.reference} → ${u.missingKind}: ${plural(u.records, 'record')} ${u.records === 1 ? 'refers' : 'refer'} to ${formatCount(u.missing)} missing (${examples})`,
      );
    }
  }
  const failed = summary.files.filter((f) => f.status === 'failed').length;
  const rejectedFiles = summary.files.filter((f) => f.status === 'rejected').length;
  const totals = Object.values(summary.totals.counts).reduce(
    (sum, c) => ({
      inserted: sum.inserted + c.inserted,
      updated: sum.updated + c.updated,
      unchanged: sum.unchanged + c.unchanged,
    }),
    { inserted: 0, updated: 0, unchanged: 0 },
  );
  const problems = [
    `${formatCount(summary.totals.rejected)} rejected`,
    ...(rejectedFiles > 0 ? [`${plural(rejectedFiles, 'file')} refused by --strict`] : []),
    ...(failed > 0 ? [`${plural(failed, 'file')} failed`] : []),
  ];
  writeLine(
    out,
    `Read ${plural(summary.totals.records, 'record')} from ${plural(summary.files.length, 'file')} in ` +
      `${formatDuration(summary.durationMs)} (${formatCount(summary.recordsPerSecond)} records/s): ` +
      `${formatCount(totals.inserted)} new, ${formatCount(totals.updated)} updated, ${formatCount(totals.unchanged)} unchanged; ` +
      `${problems.join(', ')}.`,
  );
}

/** "1 record", "2 records", "1,000 records". */
function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
