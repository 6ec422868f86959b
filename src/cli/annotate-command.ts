/**
 * `flowlens annotate add|list|remove|impact`: dated notes on a scope and the impact of one
 * (src/engine/annotations.ts), as lines of text or JSON.
 */
import type { Command } from 'commander';
import { FlowlensError } from '../domain/index.js';
import {
  type Annotation,
  addAnnotation,
  annotationImpact,
  listAnnotations,
  MetricsEngine,
  removeAnnotation,
} from '../engine/index.js';
import { parseDateParam } from '../engine/params.js';
import { IMPACT_METRICS } from '../forecast/index.js';
import type { Store } from '../store/index.js';
import { type CliIo, formatCount, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface ScopeFlags {
  readonly team?: string;
  readonly valueStream?: string;
  readonly portfolio?: string;
  readonly db?: string;
  readonly json?: boolean;
}

function scopeOptions(command: Command): Command {
  return command
    .option('--team <id>', 'a team')
    .option('--value-stream <id>', 'a value stream')
    .option('--portfolio <id>', 'a portfolio')
    .option(...DB_OPTION)
    .option('--json', 'print JSON');
}

const scopeOf = (flags: ScopeFlags) => ({
  ...(flags.team === undefined ? {} : { team: flags.team }),
  ...(flags.valueStream === undefined ? {} : { valueStream: flags.valueStream }),
  ...(flags.portfolio === undefined ? {} : { portfolio: flags.portfolio }),
});

function scopeText(a: Annotation): string {
  const [kind, id] = Object.entries(a.scope)[0] ?? [];
  return kind === undefined ? 'organisation' : `${kind === 'valueStream' ? 'value stream' : kind} ${id}`;
}

function idOf(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new FlowlensError('INVALID_ARGUMENT', `"${text}" is not an annotation id (a whole number ≥ 1)`);
  return Number(text);
}

async function withEngine<T>(
  io: CliIo,
  db: string | undefined,
  work: (engine: MetricsEngine, store: Store) => Promise<T>,
) {
  return withStore(io, db, async (store) => {
    const engine = await MetricsEngine.open(store);
    try {
      return await work(engine, store);
    } finally {
      await engine.close();
    }
  });
}

export function registerAnnotateCommand(program: Command, io: CliIo): void {
  const annotate = program
    .command('annotate')
    .description('dated notes on a scope ("AI assistant rolled out"), and their impact on the metrics');

  scopeOptions(
    annotate
      .command('add')
      .description('add an annotation (without a scope: the whole organisation)')
      .requiredOption('--at <date>', 'when it happened: YYYY-MM-DD (00:00 UTC) or ISO 8601 with an offset')
      .requiredOption('--title <text>', 'what happened, in a few words')
      .option('--description <text>', 'more about it')
      .option('--actor <name>', 'who adds it (default: local)'),
  ).action(
    async (flags: ScopeFlags & { at: string; title: string; description?: string; actor?: string }) => {
      const atMs = parseDateParam('--at', flags.at);
      const created = await withEngine(io, flags.db, (engine, store) =>
        addAnnotation(engine, store, {
          ...scopeOf(flags),
          atMs,
          title: flags.title,
          description: flags.description ?? null,
          actor: flags.actor ?? 'local',
        }),
      );
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(created, null, 2));
      else
        writeLine(
          io.stdout,
          `Added annotation ${created.id} on ${scopeText(created)} at ${created.at.slice(0, 10)}: ${created.title}`,
        );
    },
  );

  scopeOptions(
    annotate
      .command('list')
      .description('the annotations shown on a scope’s charts: its own and those of the scopes inside it'),
  ).action(async (flags: ScopeFlags) => {
    const annotations = await withEngine(io, flags.db, (engine, store) =>
      listAnnotations(engine, store, scopeOf(flags)),
    );
    if (flags.json === true) {
      writeLine(io.stdout, JSON.stringify({ annotations }, null, 2));
      return;
    }
    if (annotations.length === 0) writeLine(io.stdout, 'No annotations.');
    for (const a of annotations)
      writeLine(
        io.stdout,
        `${String(a.id).padStart(4)}  ${a.at.slice(0, 10)}  ${scopeText(a).padEnd(28)} ${a.title}`,
      );
  });

  annotate
    .command('remove <id>')
    .description('remove an annotation')
    .option(...DB_OPTION)
    .action(async (id: string, flags: { db?: string }) => {
      const n = idOf(id);
      await withStore(io, flags.db, (store) => removeAnnotation(store, n));
      writeLine(io.stdout, `Removed annotation ${n}.`);
    });

  annotate
    .command('impact <id>')
    .description('the metrics in equal windows before and after the annotation, with 95 % intervals')
    .option('--window-days <n>', 'days in each window (default 90)')
    .option('--seed <n>', 'seed of the bootstrap (default 1)')
    .option(...DB_OPTION)
    .option('--json', 'print JSON')
    .action(
      async (id: string, flags: { windowDays?: string; seed?: string; db?: string; json?: boolean }) => {
        const n = idOf(id);
        const whole = (flag: string, text: string | undefined) => {
          if (text === undefined) return undefined;
          if (!/^\d+$/.test(text))
            throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${text}" is not a whole number`);
          return Number(text);
        };
        const windowDays = whole('--window-days', flags.windowDays);
        const seed = whole('--seed', flags.seed);
        const doc = await withEngine(io, flags.db, (engine, store) =>
          annotationImpact(engine, store, n, {
            ...(windowDays === undefined ? {} : { windowDays }),
            ...(seed === undefined ? {} : { seed }),
          }),
        );
        if (flags.json === true) {
          writeLine(io.stdout, JSON.stringify(doc, null, 2));
          return;
        }
        const { impact } = doc;
        writeLine(
          io.stdout,
          `Impact of "${doc.annotation.title}" (${scopeText(doc.annotation)}, ${doc.annotation.at.slice(0, 10)}): ` +
            `${doc.windowDays} days before (${formatCount(impact.counts.before.items)} items, ${formatCount(impact.counts.before.deployments)} deployments) ` +
            `against ${doc.windowDays} days after (${formatCount(impact.counts.after.items)} items, ${formatCount(impact.counts.after.deployments)} deployments).`,
        );
        for (const line of impact.summary) writeLine(io.stdout, `  ${line}`);
        for (const m of IMPACT_METRICS)
          writeLine(io.stdout, `  ${m.padEnd(18)} ${impact.metrics[m].verdict}`);
      },
    );
}
