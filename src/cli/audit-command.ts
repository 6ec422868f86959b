/**
 * `flowlens audit verify|export|list`: the hash-chained audit trail (src/audit). `verify` checks
 * every entry's hash and link and prints the head (`seq:hash`) to record elsewhere; given such a
 * head later (`--expect-head`), it also detects entries removed from the end. It exits 1 naming the
 * first broken entry. `export` writes a period's entries as evidence: JSON (entries, the chain's
 * verification, the head) or CSV (one row per entry, spreadsheet-safe cells).
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { canonicalJson } from '../audit/chain.js';
import {
  type AuditExport,
  CSV_COLUMNS,
  exportAudit,
  listAudit,
  parseHead,
  type VerifyReport,
  verifyAudit,
} from '../audit/log.js';
import { csvRow, DAY_MS, FlowlensError } from '../domain/index.js';
import { parseDateParam } from '../engine/params.js';
import { type CliIo, formatCount, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface AuditFlags {
  readonly db?: string;
  readonly json?: boolean;
  readonly expectHead?: string;
  readonly from?: string;
  readonly to?: string;
  readonly format?: string;
  readonly out?: string;
  readonly kind?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly limit?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function registerAuditCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const audit = program
    .command('audit')
    .description('the audit trail: verify its hash chain, export evidence, list entries')
    .addHelpText(
      'after',
      `
Every change (edits of the organisation, roles and mappings, settings, import batches, annotations,
logins, tokens) appends an entry chained to the one before by SHA-256. \`audit verify\` prints the head
(seq:hash): keep it somewhere else (a ticket, a log) and pass it later as --expect-head to prove that
nothing was removed from the end either. See docs/audit.md.`,
    );

  audit
    .command('verify')
    .description('check every entry of the chain; exit 1 naming the first broken entry')
    .option('--expect-head <seq:hash>', 'a head printed earlier: the chain must still contain it')
    .option(...DB_OPTION)
    .option('--json', 'print the report as JSON')
    .action(async (flags: AuditFlags) => {
      const expectHead =
        flags.expectHead === undefined ? undefined : parseHead('--expect-head', flags.expectHead);
      const report = await withStore(io, flags.db, (store) =>
        verifyAudit(store, expectHead === undefined ? {} : { expectHead }),
      );
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(report, null, 2));
      else printReport(io, report);
      if (!report.ok) setExitCode(1);
    });

  audit
    .command('export')
    .description('write the entries of a period as evidence (JSON or CSV) with the chain verification')
    .option('--from <date>', 'entries at or after (YYYY-MM-DD or ISO 8601 timestamp; default: the first)')
    .option('--to <date>', 'entries up to this day inclusive, or before this timestamp (default: the last)')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'write to this file instead of standard output')
    .option(...DB_OPTION)
    .action(async (flags: AuditFlags) => {
      const format = flags.format ?? 'json';
      if (format !== 'json' && format !== 'csv')
        throw new FlowlensError('INVALID_ARGUMENT', `--format: "${format}" is not json or csv`);
      const period = {
        ...(flags.from === undefined ? {} : { fromMs: parseDateParam('--from', flags.from) }),
        ...(flags.to === undefined ? {} : { toMs: endOf('--to', flags.to) }),
      };
      const evidence = await withStore(io, flags.db, (store) => exportAudit(store, period));
      const text = format === 'json' ? `${JSON.stringify(evidence, null, 2)}\n` : toCsv(evidence);
      const verdict = evidence.verification.ok
        ? `the chain is intact (${formatCount(evidence.verification.checked)} entries; head ${headText(evidence.verification)})`
        : `THE CHAIN IS BROKEN: ${problemText(evidence.verification)}`;
      if (flags.out === undefined) {
        io.stdout.write(text);
        // The verdict goes to standard error, where it cannot mix with the exported document.
        if (format === 'csv' || !evidence.verification.ok) writeLine(io.stderr, `flowlens audit: ${verdict}`);
      } else {
        await writeFile(flags.out, text).catch((error: NodeJS.ErrnoException) => {
          throw new FlowlensError(
            'NOT_FOUND',
            `--out: cannot write ${flags.out} (${error.code ?? error.message}); give a path in an existing, writable directory`,
            { cause: error },
          );
        });
        writeLine(
          io.stdout,
          `Exported ${formatCount(evidence.entries.length)} audit entr${evidence.entries.length === 1 ? 'y' : 'ies'} to ${flags.out} (${format}); ${verdict}.`,
        );
      }
      if (!evidence.verification.ok) setExitCode(1);
    });

  audit
    .command('list')
    .description('the latest entries, newest first')
    .option('--kind <kind>', 'only this kind (team, mapping, import, annotation, token, user, …)')
    .option('--actor <actor>', 'only this actor')
    .option('--action <action>', 'only this action (e.g. import.batch, mapping.save-mapping)')
    .option('--limit <n>', 'how many (1–1000)', '50')
    .option(...DB_OPTION)
    .option('--json', 'print JSON')
    .action(async (flags: AuditFlags) => {
      const limit = Number(flags.limit ?? '50');
      const page = await withStore(io, flags.db, (store) =>
        listAudit(store, {
          limit,
          ...(flags.kind === undefined ? {} : { kind: flags.kind }),
          ...(flags.actor === undefined ? {} : { actor: flags.actor }),
          ...(flags.action === undefined ? {} : { action: flags.action }),
        }),
      );
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify(page, null, 2));
        return;
      }
      if (page.entries.length === 0) writeLine(io.stdout, 'No audit entries.');
      for (const entry of page.entries)
        writeLine(
          io.stdout,
          `${String(entry.seq).padStart(6)}  ${entry.at}  ${entry.actor}  ${entry.action}  ${entry.target}: ${entry.summary}`,
        );
    });
}

/** A date-only `--to` includes that day; a timestamp is the exclusive end. */
function endOf(label: string, text: string): number {
  const ms = parseDateParam(label, text);
  return DATE_ONLY.test(text) ? ms + DAY_MS : ms;
}

function headText(report: VerifyReport): string {
  return report.head === null ? '(empty)' : `${report.head.seq}:${report.head.hash}`;
}

function problemText(report: VerifyReport): string {
  const problems: string[] = [];
  if (report.broken !== null)
    problems.push(`entry ${report.broken.seq} (${report.broken.reason}): ${report.broken.message}`);
  if (report.anchor !== null && !report.anchor.ok) problems.push(`expected head: ${report.anchor.problem}`);
  return problems.join('; ');
}

function printReport(io: CliIo, report: VerifyReport): void {
  if (report.ok) {
    writeLine(
      io.stdout,
      `Audit trail intact: ${formatCount(report.checked)} entr${report.checked === 1 ? 'y' : 'ies'} checked${
        report.anchor === null ? '' : `, expected head ${report.anchor.seq} found`
      }.`,
    );
    writeLine(io.stdout, `Head: ${headText(report)}`);
    if (report.head !== null)
      writeLine(
        io.stdout,
        'Record the head elsewhere; `flowlens audit verify --expect-head <head>` later proves nothing was removed since.',
      );
    return;
  }
  writeLine(io.stdout, `Audit trail BROKEN: ${problemText(report)}`);
  writeLine(
    io.stdout,
    `${formatCount(report.checked)} of ${formatCount(report.entries)} entries intact before it; last intact: ${headText(report)}.`,
  );
  writeLine(
    io.stdout,
    'The database was changed outside Flowlens. Keep a copy of it as evidence and restore the last good backup (docs/audit.md).',
  );
}

function toCsv(evidence: AuditExport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of evidence.entries)
    lines.push(
      csvRow([
        e.seq,
        e.at,
        e.actor,
        e.action,
        e.kind,
        e.target,
        e.summary,
        e.before === null ? null : canonicalJson(e.before),
        e.after === null ? null : canonicalJson(e.after),
        e.prevHash,
        e.hash,
      ]),
    );
  return `${lines.join('\r\n')}\r\n`;
}
