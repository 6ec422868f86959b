/**
 * `flowlens webhooks list|replay`: the webhook deliveries kept in the database, and the replay of
 * those set aside (hostile-input.md case 9). A delivery of an unexpected shape is answered 202 and
 * kept as `quarantined` with its raw payload and the reason; one that is not JSON as `rejected`.
 * After a fix — a Flowlens upgrade, a source added to flowlens.yaml — `replay` runs the kept
 * payload again through today's mapping and the importer, exactly as a live delivery
 * (src/server/webhook-admin-routes.ts): the row then says `stored` (or `deleted`, `ignored`), or
 * stays quarantined with the current reason.
 */
import type { Command } from 'commander';
import { loadConfig } from '../connectors/index.js';
import { FlowlensError } from '../domain/index.js';
import {
  DELIVERY_STATUSES,
  type DeliveryView,
  listDeliveries,
  type ReplayContext,
  type ReplayResult,
  replayDelivery,
  replayQuarantined,
} from '../server/webhook-admin-routes.js';
import { type CliIo, formatCount, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface ListFlags {
  readonly db?: string;
  readonly json?: boolean;
  readonly status?: string;
  readonly source?: string;
  readonly limit?: string;
}

interface ReplayFlags {
  readonly db?: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly source?: string;
  readonly allQuarantined?: boolean;
  readonly actor?: string;
}

const SOURCE_FLAG = ['--source <tool>', 'only deliveries from this tool: github, gitlab or jira'] as const;
const PROVIDERS = ['github', 'gitlab', 'jira'];

function checkProvider(value: string | undefined): string | undefined {
  if (value !== undefined && !PROVIDERS.includes(value))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `--source: "${value}" is not a webhook sender; give one of ${PROVIDERS.join(', ')}`,
    );
  return value;
}

export function registerWebhooksCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  const webhooks = program
    .command('webhooks')
    .description('webhook deliveries kept in the database: list them, replay those set aside')
    .addHelpText(
      'after',
      `
Every webhook delivery is recorded with how it was handled. One of an unexpected shape is answered
202 and kept as "quarantined" with its raw payload and the reason; one that is not JSON as
"rejected". After the fix (a Flowlens upgrade, a source added to flowlens.yaml), replay it: the
payload goes through today's mapping and the importer like a live delivery, and is stored once.
See docs/connectors.md#webhooks.`,
    );

  webhooks
    .command('list')
    .description('the deliveries received, newest first, with their status and reason')
    .option(
      '--status <status>',
      `only this status: ${DELIVERY_STATUSES.join(', ')} (quarantined and rejected ones can be replayed)`,
    )
    .option(...SOURCE_FLAG)
    .option('--limit <n>', 'at most this many (default 100)')
    .option(...DB_OPTION)
    .option('--json', 'print the deliveries as JSON')
    .addHelpText(
      'after',
      `
Examples:
  flowlens webhooks list --status quarantined
  flowlens webhooks list --source jira --json`,
    )
    .action(async (flags: ListFlags) => {
      if (flags.status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(flags.status))
        throw new FlowlensError(
          'INVALID_ARGUMENT',
          `--status: "${flags.status}" is not a delivery status; give one of ${DELIVERY_STATUSES.join(', ')}`,
        );
      const limit = flags.limit === undefined ? 100 : Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
        throw new FlowlensError(
          'INVALID_ARGUMENT',
          `--limit: "${flags.limit}" is not a whole number from 1 to 100000`,
        );
      const provider = checkProvider(flags.source);
      const deliveries = await withStore(io, flags.db, (store) =>
        listDeliveries(store, { status: flags.status, provider, limit }),
      );
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify({ deliveries }, null, 2));
        return;
      }
      if (deliveries.length === 0) {
        writeLine(io.stdout, 'No webhook deliveries match.');
        return;
      }
      for (const d of deliveries) writeLine(io.stdout, describeDelivery(d));
      writeLine(io.stdout, `${formatCount(deliveries.length)} deliveries.`);
    });

  webhooks
    .command('replay')
    .description('run quarantined or rejected deliveries again through the current mapping and importer')
    .argument('[id...]', 'delivery ids (from `flowlens webhooks list`)')
    .option('--all-quarantined', 'replay every quarantined delivery (of --source, when given)')
    .option(...SOURCE_FLAG)
    .option(
      '--config <path>',
      'flowlens.yaml, for the sources deliveries belong to (default: $FLOWLENS_CONFIG, else in $FLOWLENS_HOME)',
    )
    .option('--actor <name>', 'who replays, for the audit trail (default: local)')
    .option(...DB_OPTION)
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      `
Each replay commits like a live delivery: its records, the delivery's row and an audit entry in one
transaction; records are upserted by identity, so nothing is stored twice. A delivery still
unreadable stays quarantined with today's reason. A running server's metrics include the replayed
records at its next refresh (or replay through POST /api/v1/webhooks/deliveries/{id}/replay).
The exit code is 1 when a delivery is still quarantined or rejected, or could not be replayed.

Examples:
  flowlens webhooks replay 72d3162e-cc78-11e3-81ab-4c9367dc0958
  flowlens webhooks replay --all-quarantined --source jira --json`,
    )
    .action(async (ids: string[], flags: ReplayFlags) => {
      const provider = checkProvider(flags.source);
      if (ids.length === 0 && flags.allQuarantined !== true)
        throw new FlowlensError(
          'INVALID_ARGUMENT',
          'name the deliveries to replay (ids from `flowlens webhooks list --status quarantined`), or give --all-quarantined',
        );
      if (ids.length > 0 && flags.allQuarantined === true)
        throw new FlowlensError('INVALID_ARGUMENT', 'give delivery ids or --all-quarantined, not both');
      const loaded = loadConfig(flags.config, io.env);
      const outcome = await withStore(io, flags.db, async (store) => {
        const context: ReplayContext = {
          store,
          config: loaded.exists ? loaded.config : null,
          env: io.env,
          actor: flags.actor ?? 'local',
        };
        if (flags.allQuarantined === true) return replayQuarantined(context, provider);
        const results: ReplayResult[] = [];
        const failed: { provider: string; deliveryId: string; message: string }[] = [];
        for (const id of ids) {
          try {
            results.push(await replayDelivery(context, id, provider));
          } catch (error) {
            failed.push({ provider: provider ?? '?', deliveryId: id, message: (error as Error).message });
          }
        }
        return { results, failed };
      });
      const stillSetAside = outcome.results.filter(
        (r) => r.status === 'quarantined' || r.status === 'rejected',
      );
      if (flags.json === true) writeLine(io.stdout, JSON.stringify(outcome, null, 2));
      else {
        for (const r of outcome.results) writeLine(io.stdout, describeReplay(r));
        for (const f of outcome.failed) writeLine(io.stderr, `${f.deliveryId}: not replayed: ${f.message}`);
        const stored = outcome.results.filter((r) => r.status === 'stored').length;
        writeLine(
          io.stdout,
          `Replayed ${formatCount(outcome.results.length)} deliver${outcome.results.length === 1 ? 'y' : 'ies'}: ` +
            `${formatCount(stored)} stored, ${formatCount(stillSetAside.length)} still set aside` +
            `${outcome.failed.length === 0 ? '' : `, ${formatCount(outcome.failed.length)} not replayed`}.`,
        );
      }
      if (stillSetAside.length > 0 || outcome.failed.length > 0) setExitCode(1);
    });
}

function describeDelivery(d: DeliveryView): string {
  const payload = d.payloadBytes === null ? '' : ` [payload kept: ${formatCount(d.payloadBytes)} bytes]`;
  const reason = d.reason === null ? '' : ` — ${d.reason}`;
  return `${d.receivedAt}  ${d.provider}  ${d.deliveryId}  ${d.event || '?'}  ${d.status} (${d.records} records)${reason}${payload}`;
}

function describeReplay(r: ReplayResult): string {
  const what =
    r.status === 'stored'
      ? `stored ${r.records} record(s)${r.rejected > 0 ? `, ${r.rejected} rejected by the importer (see flowlens import log)` : ''}`
      : r.status === 'deleted'
        ? `deleted at its source: ${r.reason}`
        : `${r.status}: ${r.reason ?? ''}`;
  return `${r.provider} ${r.deliveryId} (${r.event || '?'}, was ${r.before}): ${what}`;
}
