/**
 * `flowlens demo`: generates the demo organisation (src/demo) and imports it into the database, or
 * writes it to an NDJSON file with `--out`. `loadDemoOrganisation` is the same import for the
 * server (`flowlens start --demo` on an empty database).
 *
 * The records are streamed to a file with backpressure (never all in memory), and an import goes
 * through that file and the ordinary importer, so the demo is validated and stored exactly like
 * any other import.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import {
  aiRolloutDate,
  DEFAULT_DEMO_SEED,
  DEMO_STORY,
  type DemoScale,
  describeDemoStory,
  formatDay,
  generateDemoOrganisation,
  parseDemoOptions,
  type ResolvedDemoOptions,
  resolveDemoOptions,
} from '../demo/index.js';
import { FlowlensError, RECORD_KINDS } from '../domain/index.js';
import { hasRejections, type ImportProgress, type ImportSummary, importFiles } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { type CliIo, formatBytes, formatCount, formatDuration, writeLine } from './io.js';
import { createProgressReporter } from './progress.js';
import { withStore } from './with-store.js';

/** Text is handed to the file stream in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 20;
const SHOWN_ERRORS = 20;

interface DemoFlags {
  readonly seed?: string;
  readonly scale?: string;
  readonly until?: string;
  readonly out?: string;
  readonly db?: string;
  readonly json?: boolean;
  readonly progress?: boolean;
}

/** What was generated: records per kind, in the order of RECORD_KINDS. */
export interface DemoFileResult {
  readonly path: string;
  readonly records: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly bytes: number;
  readonly durationMs: number;
}

export interface LoadDemoOptions {
  /** Default 1. */
  readonly seed?: number;
  /** Default `small`. */
  readonly scale?: DemoScale;
  /** `YYYY-MM-DD`; default today (UTC). */
  readonly until?: string;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface DemoLoadResult {
  readonly options: ResolvedDemoOptions;
  readonly generated: DemoFileResult;
  readonly import: ImportSummary;
}

export function registerDemoCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('demo')
    .description(
      'generate the demo organisation, two years of a made-up company, and import it (or write it to a file)',
    )
    .option(
      '--seed <n>',
      `seed of the generator; the same seed gives the same data (default ${DEFAULT_DEMO_SEED})`,
    )
    .option(
      '--scale <scale>',
      'small (30,000 work items, the default), large (1,000,000) or a number of work items',
    )
    .option('--until <date>', 'the day the history ends (exclusive), YYYY-MM-DD (default: today, UTC)')
    .option('--out <file>', 'write the records to this .ndjson file instead of importing them')
    .option(
      '--db <path-or-url>',
      'database: a SQLite file path or a postgres:// URL (default: $FLOWLENS_DB, else flowlens.db in $FLOWLENS_HOME)',
    )
    .option('--no-progress', 'no progress bar, even on a terminal')
    .option('--json', 'print a summary as one JSON document')
    .addHelpText(
      'after',
      `
The demo organisation has 2 portfolios, 4 value streams, 12 teams, 60 people in the DVS roles, 16
services and three tools (a Jira project, a GitHub board, a GitLab project), with work items, status
changes, pull requests, deployments and incidents over the two years before --until. The same
--seed, --scale and --until always give the same records. Its story (what the metrics should show)
is in the README, "The demo organisation".

Examples:
  flowlens demo                                  # import the small demo into the default database
  flowlens demo --db demo.db --until 2026-01-01
  flowlens demo --scale large --out large.ndjson # 1,000,000 work items, about 10 million records`,
    )
    .action(async (flags: DemoFlags) => {
      const options = parseDemoOptions(flags, todayUtc());
      if (flags.out !== undefined) {
        if (flags.db !== undefined) {
          throw new FlowlensError(
            'INVALID_ARGUMENT',
            '--out writes a file and imports nothing: give either --out or --db, not both',
          );
        }
        const result = await writeDemoFile(flags.out, options);
        if (flags.json === true) writeLine(io.stdout, JSON.stringify(jsonSummary(options, result), null, 2));
        else printWritten(io, options, result);
        return;
      }
      const result = await withStore(io, flags.db, async (store) => {
        const progress = createProgressReporter(io.stderr, flags.progress !== false && flags.json !== true);
        try {
          return await loadDemoOrganisation(store, { ...options, onProgress: (p) => progress.update(p) });
        } finally {
          progress.stop();
        }
      });
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify(jsonSummary(options, result.generated, result.import), null, 2));
      } else {
        printImported(io, options, result.generated, result.import);
      }
      if (hasRejections(result.import)) setExitCode(1);
    });
}

/**
 * Generates the demo organisation and imports it into the store (through a temporary NDJSON file
 * that is removed afterwards). The server calls this for `flowlens start --demo` on an empty database.
 */
export async function loadDemoOrganisation(
  store: Store,
  options: LoadDemoOptions = {},
): Promise<DemoLoadResult> {
  const resolved = resolveDemoOptions({
    seed: options.seed ?? DEFAULT_DEMO_SEED,
    scale: options.scale ?? 'small',
    until: options.until ?? todayUtc(),
  });
  const dir = await mkdtemp(join(tmpdir(), 'flowlens-demo-'));
  try {
    const file = join(
      dir,
      `flowlens-demo-seed${resolved.seed}-${resolved.items}-until-${resolved.until}.ndjson`,
    );
    const generated = await writeDemoFile(file, resolved);
    const summary = await importFiles(store, [file], {
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    await annotateDemoStory(store, resolved.until);
    return { options: resolved, generated, import: summary };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What the demo's story annotates: the AI coding assistant's roll-out in its team. */
export const DEMO_ROLLOUT_TITLE = 'AI coding assistant rolled out';
const DEMO_ACTOR = 'demo';

/**
 * The demo story's annotation (annotations are not interchange records, so they are not in the
 * file): the AI roll-out on its day, once — loading the demo again adds no second one.
 */
async function annotateDemoStory(store: Store, until: string): Promise<void> {
  const team = DEMO_STORY.aiAssistant.team;
  const at = Date.parse(`${aiRolloutDate(until)}T00:00:00Z`);
  const existing = await store.db
    .selectFrom('annotations')
    .select('id')
    .where('scope_kind', '=', 'team')
    .where('scope_id', '=', team)
    .where('at', '=', at)
    .where('title', '=', DEMO_ROLLOUT_TITLE)
    .executeTakeFirst();
  if (existing !== undefined) return;
  await store.db
    .insertInto('annotations')
    .values({
      scope_kind: 'team',
      scope_id: team,
      at,
      title: DEMO_ROLLOUT_TITLE,
      description:
        'Every engineer of the team got an AI coding assistant from this Monday (the demo story: its work takes about half the time from here on).',
      created_at: at,
      created_by: DEMO_ACTOR,
    })
    .execute();
}

/**
 * Writes the demo organisation to an NDJSON file, streaming: at most about a megabyte of text is
 * waiting for the disk at any time, so even `large` stays within a small, constant memory.
 */
export async function writeDemoFile(
  path: string,
  options: { readonly seed: number; readonly scale: DemoScale; readonly until: string },
): Promise<DemoFileResult> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.ndjson' && extension !== '.jsonl') {
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `--out: "${path}" must end in .ndjson or .jsonl (the importer reads NDJSON by its extension)`,
    );
  }
  const records = generateDemoOrganisation(options);
  const started = performance.now();
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    throw cannotWrite(path, error);
  }
  const stream = createWriteStream(path);
  let failure: unknown = null;
  stream.on('error', (error) => {
    failure = error;
  });
  const counts = new Map<string, number>();
  let count = 0;
  let bytes = 0;
  let chunk = '';
  try {
    for (const record of records) {
      const kind = record.kind as string;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      count++;
      chunk += `${JSON.stringify(record)}\n`;
      if (chunk.length >= CHUNK_CHARS) {
        if (failure !== null) throw failure;
        bytes += Buffer.byteLength(chunk);
        if (!stream.write(chunk)) await once(stream, 'drain');
        chunk = '';
      }
    }
    if (failure !== null) throw failure;
    bytes += Buffer.byteLength(chunk);
    stream.end(chunk);
    await finished(stream);
  } catch (error) {
    stream.destroy();
    throw cannotWrite(path, error);
  }
  const ordered: Record<string, number> = {};
  for (const kind of RECORD_KINDS) ordered[kind] = counts.get(kind) ?? 0;
  return { path, records: count, counts: ordered, bytes, durationMs: performance.now() - started };
}

function cannotWrite(path: string, error: unknown): unknown {
  if (error instanceof FlowlensError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return error;
  return new FlowlensError('INVALID_ARGUMENT', `--out: cannot write "${path}" (${code})`, { cause: error });
}

/** Today's date in UTC, the default end of the history. */
function todayUtc(): string {
  return formatDay(Math.floor(Date.now() / 86_400_000));
}

function scaleText(options: ResolvedDemoOptions): string {
  const items = `${formatCount(options.items)} work items`;
  return typeof options.scale === 'number' ? items : `${options.scale} (${items})`;
}

function printHeader(io: CliIo, options: ResolvedDemoOptions): void {
  const story = describeDemoStory(options.until);
  writeLine(
    io.stdout,
    `Demo organisation: seed ${options.seed}, scale ${scaleText(options)}, two years from ${story.historyStart} to ${story.until} (exclusive)`,
  );
}

function printCounts(io: CliIo, counts: Readonly<Record<string, number>>): void {
  const width = Math.max(...Object.values(counts).map((n) => formatCount(n).length));
  for (const [kind, n] of Object.entries(counts)) {
    writeLine(io.stdout, `  ${kind.padEnd(12)} ${formatCount(n).padStart(width)}`);
  }
}

function printWritten(io: CliIo, options: ResolvedDemoOptions, result: DemoFileResult): void {
  printHeader(io, options);
  writeLine(
    io.stdout,
    `Wrote ${formatCount(result.records)} records (${formatBytes(result.bytes)}) to ${result.path} in ${formatDuration(result.durationMs)}:`,
  );
  printCounts(io, result.counts);
  printStory(io, options);
  writeLine(io.stdout, `Import it with: flowlens import ${result.path}`);
}

function printImported(
  io: CliIo,
  options: ResolvedDemoOptions,
  generated: DemoFileResult,
  summary: ImportSummary,
): void {
  printHeader(io, options);
  const file = summary.files[0];
  if (file?.status === 'failed') writeLine(io.stderr, file.failure ?? 'the import failed');
  writeLine(
    io.stdout,
    `Generated ${formatCount(generated.records)} records (${formatBytes(generated.bytes)}) in ${formatDuration(generated.durationMs)}; ` +
      `imported them in ${formatDuration(summary.durationMs)} (${formatCount(summary.recordsPerSecond)} records/s):`,
  );
  for (const [kind, c] of Object.entries(summary.totals.counts)) {
    writeLine(
      io.stdout,
      `  ${kind.padEnd(12)} ${formatCount(c.inserted)} new, ${formatCount(c.updated)} updated, ${formatCount(c.unchanged)} unchanged`,
    );
  }
  const errors = summary.files.flatMap((f) => f.errors);
  for (const error of errors.slice(0, SHOWN_ERRORS)) {
    writeLine(io.stderr, `${error.file}:${error.line}: ${error.field}: ${error.message}`);
  }
  if (summary.totals.rejected > 0)
    writeLine(io.stderr, `${formatCount(summary.totals.rejected)} records rejected`);
  for (const u of summary.unresolved) {
    writeLine(
      io.stderr,
      `Unresolved: ${u.reference} → ${u.missingKind}: ${formatCount(u.records)} records refer to ${formatCount(u.missing)} missing (${u.examples.join(', ')})`,
    );
  }
  printStory(io, options);
}

function printStory(io: CliIo, options: ResolvedDemoOptions): void {
  const story = describeDemoStory(options.until);
  const cab = story.changeApprovalBoard;
  const people = story.stretchedProductOwner;
  const lines = [
    `${cab.valueStream}: most of the lead time is ideation ("${cab.approvalStatus}") and release ("${cab.cabStatus}", a weekly change-approval board); production deployments on Thursdays only`,
    `${story.overloadedTeam}: overloaded, the most work in progress, long waits and the lowest flow efficiency`,
    `${story.aiAssistant.team}: an AI coding assistant rolled out on ${story.aiRollout}; flow time about halves from then on`,
    'holidays: few completions from 19 December to 6 January (with a change freeze), fewer in August',
    `${story.risingDefects.valueStream}: the share of defects rises over the two years`,
    `roles: ${people.person} is product owner of ${people.teams.length} teams in ${people.valueStreams.length} value streams; ${story.teamWithoutProductOwner} has no product owner; ${story.valueStreamWithoutSecurityLead} has no security lead`,
    `data quality: ${story.unmapped.source} has an unmapped status "${story.unmapped.status}" and an unmapped type "${story.unmapped.type}"`,
  ];
  writeLine(io.stdout, 'What to look for:');
  for (const line of lines) writeLine(io.stdout, `  - ${line}`);
}

function jsonSummary(
  options: ResolvedDemoOptions,
  generated: DemoFileResult,
  summary?: ImportSummary,
): unknown {
  const common = {
    seed: options.seed,
    scale: options.scale,
    items: options.items,
    story: describeDemoStory(options.until),
    records: generated.counts,
    totalRecords: generated.records,
    bytes: generated.bytes,
    generationMs: Math.round(generated.durationMs),
  };
  if (summary === undefined) return { ...common, out: generated.path };
  return {
    ...common,
    import: {
      records: summary.totals.records,
      rejected: summary.totals.rejected,
      counts: summary.totals.counts,
      errors: summary.files.flatMap((f) => f.errors),
      unresolved: summary.unresolved,
      durationMs: summary.durationMs,
      recordsPerSecond: summary.recordsPerSecond,
    },
  };
}
