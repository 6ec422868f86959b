/** `flowlens mapping show|accept`: the mappings proposed by `flowlens connect`, and their review. */
import type { Command } from 'commander';
import { acceptMappings, mappingsToReview } from '../connectors/index.js';
import { formatInstant } from '../contract/index.js';
import { FlowlensError } from '../domain/index.js';
import { type CliIo, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

export function registerMappingCommand(program: Command, io: CliIo): void {
  const mapping = program
    .command('mapping')
    .description('the status/type mappings of the sources, and the proposals still to review');

  mapping
    .command('show')
    .description('show the mapping of sources (default: those still to review) as a mapping record')
    .argument('[source...]', 'the sources, e.g. jira:jira-pay')
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .action(async (sources: string[], flags: { db?: string; json?: boolean }) => {
      const shown = await withStore(io, flags.db, async (store) => {
        const reviews = await mappingsToReview(store);
        const wanted = sources.length > 0 ? sources : reviews.map((r) => r.source);
        const rows =
          wanted.length === 0
            ? []
            : await store.db
                .selectFrom('mappings')
                .selectAll()
                .where('source', 'in', wanted)
                .where('team', '=', '')
                .execute();
        return wanted.map((source) => {
          const row = rows.find((r) => r.source === source);
          const review = reviews.find((r) => r.source === source);
          return {
            source,
            toReview: review !== undefined,
            ...(review === undefined
              ? {}
              : { proposedBy: review.proposedBy, proposedAt: formatInstant(review.proposedAt) }),
            mapping:
              row === undefined
                ? null
                : {
                    kind: 'mapping',
                    source,
                    statuses: JSON.parse(row.statuses),
                    types: JSON.parse(row.types),
                    ...(row.environments === null ? {} : { environments: JSON.parse(row.environments) }),
                  },
          };
        });
      });
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify(shown, null, 2));
        return;
      }
      if (shown.length === 0) writeLine(io.stdout, 'No mapping is waiting for review.');
      for (const entry of shown) {
        if (entry.mapping === null) {
          writeLine(io.stdout, `${entry.source}: no mapping`);
          continue;
        }
        writeLine(
          io.stdout,
          entry.toReview
            ? `${entry.source}: to review (proposed by \`${entry.proposedBy}\` at ${entry.proposedAt}). Edit this record and \`flowlens import\` it, or \`flowlens mapping accept ${entry.source}\`:`
            : `${entry.source}: reviewed`,
        );
        writeLine(io.stdout, JSON.stringify(entry.mapping));
      }
    });

  mapping
    .command('accept')
    .description('mark proposed mappings as reviewed, as they are')
    .argument('<source...>', 'the sources, e.g. jira:jira-pay')
    .option(...DB_OPTION)
    .action(async (sources: string[], flags: { db?: string }) => {
      const accepted = await withStore(io, flags.db, (store) => acceptMappings(store, sources));
      const missing = sources.filter((s) => !accepted.includes(s));
      for (const source of accepted) writeLine(io.stdout, `Accepted the mapping of ${source}.`);
      if (missing.length > 0)
        throw new FlowlensError(
          'INVALID_ARGUMENT',
          `no proposed mapping to review for ${missing.join(', ')}`,
        );
    });
}
