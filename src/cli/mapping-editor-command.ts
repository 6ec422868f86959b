/**
 * The mapping editor from the command line (docs/organisation.md, "The mapping editor"), as
 * subcommands of `flowlens mapping`: `values` (every raw status, type and environment of a source
 * with its counts and classification, unmapped first), `preview` (how the headline metrics change),
 * `set` (save a new version; the facts of the source are recomputed, with progress), `versions`,
 * `restore` and `remove-override`. Edits name their actor with `--actor` (default "local").
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  latestVersions,
  type MappingPreview,
  previewMapping,
  readMappingRow,
  readMappingSource,
  removeOverride,
  restoreVersion,
  type SaveResult,
  saveMapping,
} from '../admin/index.js';
import {
  DAY_MS,
  FLOW_TYPES,
  FlowlensError,
  type FlowState,
  type FlowType,
  STAGES,
  STATES,
  type Stage,
} from '../domain/index.js';
import {
  dataExtent,
  defaultSnapshotPath,
  MetricsEngine,
  parseDateParam,
  refreshFacts,
} from '../engine/index.js';
import type { HeadlineMetrics } from '../metrics/index.js';
import { describeChange, type MappingContent } from '../org/index.js';
import type { Store } from '../store/index.js';
import { type CliIo, formatCount, formatDuration, writeLine } from './io.js';
import { DB_OPTION } from './options.js';
import { withStore } from './with-store.js';

interface EditFlags {
  readonly db?: string;
  readonly team?: string;
  readonly status: string[];
  readonly type: string[];
  readonly environment: string[];
  readonly unsetStatus: string[];
  readonly unsetType: string[];
  readonly unsetEnvironment: string[];
  readonly note?: string;
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly progress?: boolean;
  readonly json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Adds the editor's subcommands to `flowlens mapping` (made here when it does not exist yet). */
export function registerMappingEditorCommands(program: Command, io: CliIo): void {
  const mapping =
    program.commands.find((c) => c.name() === 'mapping') ??
    program.command('mapping').description('the status/type mappings of the sources');

  mapping
    .command('values')
    .description(
      'every raw status, type and environment of a source, with counts and how it is mapped (unmapped first)',
    )
    .argument('<source>', 'the source, e.g. jira:SHOP')
    .option('--team <id>', "over this team's items, with its override")
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .action(async (source: string, flags: { db?: string; team?: string; json?: boolean }) => {
      const detail = await withStore(io, flags.db, async (store) => {
        const engine = await MetricsEngine.open(store, {
          snapshotPath: await defaultSnapshotPath(store, io.env),
        });
        try {
          return await readMappingSource(store, engine.index, source, flags.team ?? null);
        } finally {
          await engine.close();
        }
      });
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify(detail, null, 2));
        return;
      }
      writeLine(
        io.stdout,
        `${source}${flags.team === undefined ? '' : ` for team ${flags.team}`}: ${formatCount(detail.items)} items`,
      );
      writeLine(
        io.stdout,
        `  ${'Status'.padEnd(28)} ${'items'.padStart(8)} ${'now'.padStart(8)}  stage / state`,
      );
      for (const s of detail.statuses)
        writeLine(
          io.stdout,
          `  ${s.raw.padEnd(28)} ${formatCount(s.items).padStart(8)} ${formatCount(s.current).padStart(8)}  ${
            s.mapped ? `${s.stage} / ${s.state}` : 'UNMAPPED (counts as waiting)'
          }${s.overridden ? '  (team override)' : ''}`,
        );
      writeLine(io.stdout, `  ${'Type'.padEnd(28)} ${'items'.padStart(8)}  flow type`);
      for (const t of detail.types)
        writeLine(
          io.stdout,
          `  ${t.raw.padEnd(28)} ${formatCount(t.items).padStart(8)}  ${t.mapped ? t.flowType : 'UNMAPPED (counts as feature)'}${
            t.overridden ? '  (team override)' : ''
          }`,
        );
      if (detail.environments.length > 0) {
        writeLine(io.stdout, `  ${'Environment'.padEnd(28)} ${'deploys'.padStart(8)}  counts as`);
        for (const e of detail.environments)
          writeLine(
            io.stdout,
            `  ${e.raw.padEnd(28)} ${formatCount(e.deployments).padStart(8)}  ${e.production ? 'production' : 'not production'}${
              e.named === null ? ' (by its name)' : ` (mapped to ${e.named})`
            }`,
          );
      }
      const overrides = detail.teams.filter((x) => x.override).map((x) => x.team);
      if (overrides.length > 0) writeLine(io.stdout, `  Team overrides: ${overrides.join(', ')}`);
    });

  const editOptions = (command: Command) =>
    command
      .argument('<source>', 'the source, e.g. jira:SHOP')
      .option('--team <id>', "a team's override of the source's mapping")
      .option(
        '--status <raw=stage/state>',
        'map a status, e.g. "Review=create/active" (repeatable)',
        collect,
        [],
      )
      .option('--type <raw=flowType>', 'map a type, e.g. "Bug=defect" (repeatable)', collect, [])
      .option(
        '--environment <raw=name>',
        'name an environment, e.g. "prod-eu=production" (repeatable)',
        collect,
        [],
      )
      .option('--unset-status <raw>', 'remove a status from the mapping (repeatable)', collect, [])
      .option('--unset-type <raw>', 'remove a type from the mapping (repeatable)', collect, [])
      .option('--unset-environment <raw>', 'remove an environment from the mapping (repeatable)', collect, [])
      .option('--from <date>', 'start of the preview period (default: 90 days before --to)')
      .option('--to <date>', 'end of the preview period (default: the day after the last activity)')
      .option(...DB_OPTION)
      .option('--json', 'print one JSON document');

  editOptions(
    mapping
      .command('preview')
      .description(
        "how a mapping change would change the organisation's headline metrics (nothing is saved)",
      ),
  ).action(async (source: string, flags: EditFlags) => {
    const preview = await withStore(io, flags.db, async (store) => {
      const next = await edited(store, source, flags);
      return previewOf(store, io, source, flags, next);
    });
    printPreview(io, preview, flags.json);
  });

  editOptions(
    mapping
      .command('set')
      .description(
        "change a source's mapping (or a team's override): saves a version and recomputes the facts",
      )
      .option('--note <text>', 'why (kept with the version)')
      .option('--actor <name>', 'who makes the change (default "local")')
      .option('--dry-run', 'show the preview instead of saving')
      .option('--no-progress', 'no progress bar while the facts are recomputed'),
  )
    .addHelpText(
      'after',
      `
Stages: ${STAGES.join(', ')}; states: ${STATES.join(', ')}; flow types: ${FLOW_TYPES.join(', ')}.

Examples:
  flowlens mapping set jira:SHOP --status "Code Review=create/active" --note "review is work"
  flowlens mapping set jira:SHOP --team t-search --status "QA=create/waiting"
  flowlens mapping set github:acme/payments --environment production-eu=production`,
    )
    .action(async (source: string, flags: EditFlags) => {
      await withStore(io, flags.db, async (store) => {
        const next = await edited(store, source, flags);
        if (flags.dryRun === true) {
          printPreview(io, await previewOf(store, io, source, flags, next), flags.json);
          return;
        }
        const result = await saveMapping(
          store,
          { actor: flags.actor ?? 'local' },
          {
            source,
            team: flags.team ?? null,
            mapping: next,
            note: flags.note,
          },
        );
        await finish(io, store, result, flags);
      });
    });

  mapping
    .command('versions')
    .description(
      "the saved versions of a source's mapping (or of a team's override): who, when, what changed",
    )
    .argument('<source>', 'the source')
    .option('--team <id>', "a team's override")
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .action(async (source: string, flags: { db?: string; team?: string; json?: boolean }) => {
      const versions = await withStore(io, flags.db, (store) =>
        latestVersions(store, source, flags.team ?? null),
      );
      if (flags.json === true) {
        writeLine(io.stdout, JSON.stringify(versions, null, 2));
        return;
      }
      if (versions.length === 0) writeLine(io.stdout, `${source}: no saved versions yet.`);
      for (const v of versions) {
        writeLine(
          io.stdout,
          `version ${v.version}${v.current ? ' (current)' : ''}  ${v.savedAt}  ${v.savedBy}: ${
            v.removed ? 'override removed' : v.summary
          }${v.restoredFrom === null ? '' : `, restoring version ${v.restoredFrom}`}${v.note === null ? '' : ` — ${v.note}`}`,
        );
        for (const c of v.changes) writeLine(io.stdout, `    ${describeChange(c)}`);
      }
    });

  mapping
    .command('restore')
    .description('restore a version of a mapping (saved again as a new version) and recompute the facts')
    .argument('<source>', 'the source')
    .argument('<version>', 'the version to restore')
    .option('--team <id>', "a team's override")
    .option('--note <text>', 'why')
    .option('--actor <name>', 'who makes the change (default "local")')
    .option('--no-progress', 'no progress bar while the facts are recomputed')
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .action(async (source: string, versionText: string, flags: EditFlags) => {
      const version = Number(versionText);
      if (!Number.isInteger(version) || version < 1)
        throw new FlowlensError('INVALID_ARGUMENT', `version: "${versionText}" is not a version number`);
      await withStore(io, flags.db, async (store) => {
        const result = await restoreVersion(
          store,
          { actor: flags.actor ?? 'local' },
          {
            source,
            team: flags.team ?? null,
            version,
            note: flags.note,
          },
        );
        await finish(io, store, result, flags);
      });
    });

  mapping
    .command('remove-override')
    .description("remove a team's override of a source's mapping and recompute the facts")
    .argument('<source>', 'the source')
    .argument('<team>', 'the team')
    .option('--note <text>', 'why')
    .option('--actor <name>', 'who makes the change (default "local")')
    .option('--no-progress', 'no progress bar while the facts are recomputed')
    .option(...DB_OPTION)
    .option('--json', 'print one JSON document')
    .action(async (source: string, team: string, flags: EditFlags) => {
      await withStore(io, flags.db, async (store) => {
        const result = await removeOverride(
          store,
          { actor: flags.actor ?? 'local' },
          { source, team, note: flags.note },
        );
        await finish(io, store, result, flags);
      });
    });
}

/** The mapping of (source, team) with the flags' edits applied. */
async function edited(store: Store, source: string, flags: EditFlags): Promise<MappingContent> {
  const current = (await readMappingRow(store.db, source, flags.team ?? null)) ?? {
    statuses: {},
    types: {},
    environments: null,
  };
  const statuses: Record<string, { stage: Stage; state: FlowState }> = { ...current.statuses };
  const types: Record<string, FlowType> = { ...current.types };
  const environments: Record<string, string> = { ...current.environments };
  for (const entry of flags.status) {
    const [raw, value] = split('--status', entry);
    const [stage, state] = value.split('/');
    if (!STAGES.includes(stage as Stage) || !STATES.includes(state as FlowState))
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `--status: "${value}" is not stage/state (stages: ${STAGES.join(', ')}; states: ${STATES.join(', ')})`,
      );
    statuses[raw] = { stage: stage as Stage, state: state as FlowState };
  }
  for (const entry of flags.type) {
    const [raw, value] = split('--type', entry);
    if (!FLOW_TYPES.includes(value as FlowType))
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `--type: "${value}" is not one of ${FLOW_TYPES.join(', ')}`,
      );
    types[raw] = value as FlowType;
  }
  for (const entry of flags.environment) {
    const [raw, value] = split('--environment', entry);
    environments[raw] = value;
  }
  for (const raw of flags.unsetStatus) delete statuses[raw];
  for (const raw of flags.unsetType) delete types[raw];
  for (const raw of flags.unsetEnvironment) delete environments[raw];
  const named = Object.keys(environments).length > 0;
  return { statuses, types, environments: named ? environments : current.environments === null ? null : {} };
}

/** "raw=value", split at the last "=" (values never hold one; raw names may). */
function split(flag: string, entry: string): [string, string] {
  const at = entry.lastIndexOf('=');
  if (at <= 0 || at === entry.length - 1)
    throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${entry}" is not raw=value`);
  return [entry.slice(0, at), entry.slice(at + 1)];
}

async function previewOf(
  store: Store,
  io: CliIo,
  source: string,
  flags: EditFlags,
  mapping: MappingContent,
): Promise<MappingPreview> {
  const engine = await MetricsEngine.open(store, { snapshotPath: await defaultSnapshotPath(store, io.env) });
  try {
    await readMappingSource(store, engine.index, source, flags.team ?? null);
    const last = dataExtent(engine).lastActivity;
    const toMs =
      flags.to === undefined
        ? (Math.floor((last === null ? Date.now() : Date.parse(last)) / DAY_MS) + 1) * DAY_MS
        : parseDateParam('--to', flags.to);
    const fromMs = flags.from === undefined ? toMs - 90 * DAY_MS : parseDateParam('--from', flags.from);
    if (!(fromMs < toMs))
      throw new FlowlensError('INVALID_ARGUMENT', 'the period is empty: --to must be after --from');
    return await previewMapping(store, engine, {
      source,
      team: flags.team ?? null,
      mapping,
      period: { fromMs, toMs },
    });
  } finally {
    await engine.close();
  }
}

function printPreview(io: CliIo, preview: MappingPreview, json: boolean | undefined): void {
  if (json === true) {
    writeLine(io.stdout, JSON.stringify(preview, null, 2));
    return;
  }
  writeLine(
    io.stdout,
    `Preview of ${preview.source}${preview.team === null ? '' : ` for team ${preview.team}`}, ${preview.period.from.slice(0, 10)} to ${preview.period.to.slice(0, 10)} (nothing saved):`,
  );
  if (preview.changes.length === 0) writeLine(io.stdout, '  no change to the mapping');
  for (const c of preview.changes) writeLine(io.stdout, `  ${describeChange(c)}`);
  writeLine(io.stdout, `  ${'Organisation'.padEnd(24)} ${'now'.padStart(12)} ${'after'.padStart(12)}`);
  for (const [label, before, after] of headlineRows(preview.organisation.before, preview.organisation.after))
    writeLine(io.stdout, `  ${label.padEnd(24)} ${before.padStart(12)} ${after.padStart(12)}`);
  writeLine(
    io.stdout,
    `  ${'Unmapped items'.padEnd(24)} ${String(preview.unmappedItems.before).padStart(12)} ${String(preview.unmappedItems.after).padStart(12)}`,
  );
  writeLine(
    io.stdout,
    `  ${'Production deployments'.padEnd(24)} ${String(preview.productionDeployments.before).padStart(12)} ${String(preview.productionDeployments.after).padStart(12)}`,
  );
}

function headlineRows(before: HeadlineMetrics, after: HeadlineMetrics): [string, string, string][] {
  const days = (s: number | null) => (s === null ? '—' : `${(s / 86_400).toFixed(1)} d`);
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`;
  const rows: [string, string, string][] = [
    ['Velocity', String(before.velocity.total), String(after.velocity.total)],
    ['Flow time (median)', days(before.flowTime.median), days(after.flowTime.median)],
    ['Flow time (85th pct.)', days(before.flowTime.p85), days(after.flowTime.p85)],
    ['Lead time (median)', days(before.leadTime.median), days(after.leadTime.median)],
    ['Flow efficiency', pct(before.efficiency), pct(after.efficiency)],
    [
      'Load (average)',
      before.load.average === null ? '—' : before.load.average.toFixed(1),
      after.load.average === null ? '—' : after.load.average.toFixed(1),
    ],
  ];
  for (const stage of [...STAGES, 'unmapped'] as const)
    if (stage in before.stages || stage in after.stages)
      rows.push([`Time in ${stage}`, pct(before.stages[stage]), pct(after.stages[stage])]);
  return rows;
}

/** After a save: what was saved, then the facts of the source recomputed (with a progress bar). */
async function finish(io: CliIo, store: Store, result: SaveResult, flags: EditFlags): Promise<void> {
  if (!result.saved) {
    if (flags.json === true) writeLine(io.stdout, JSON.stringify({ ...result, recomputed: 0 }, null, 2));
    else writeLine(io.stdout, 'No change: that mapping is already in force.');
    return;
  }
  const bar =
    flags.progress !== false && flags.json !== true && io.stderr.isTTY === true
      ? new cliProgress.SingleBar(
          {
            stream: io.stderr as NodeJS.WritableStream,
            format: ' recomputing facts |{bar}| {value} of {total} items',
            barsize: 24,
            hideCursor: true,
            clearOnComplete: true,
            fps: 8,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  let started = false;
  const report = await refreshFacts(store, {
    onProgress: (done, total) => {
      if (bar === null) return;
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
  });
  if (started) bar?.stop();
  const recomputed = report.computed + report.removed;
  if (flags.json === true) {
    writeLine(io.stdout, JSON.stringify({ ...result, recomputed }, null, 2));
    return;
  }
  const v = result.version;
  writeLine(
    io.stdout,
    `${v?.restoredFrom === null || v?.restoredFrom === undefined ? 'Saved' : `Restored version ${v.restoredFrom} as`} version ${v?.version} of the mapping of ${v?.source}${
      v?.team === null ? '' : ` for team ${v?.team}`
    }: ${v?.removed ? 'override removed' : v?.summary}.`,
  );
  for (const c of result.changes) writeLine(io.stdout, `  ${describeChange(c)}`);
  writeLine(
    io.stdout,
    `Recomputed the facts of ${formatCount(recomputed)} items in ${formatDuration(report.ms)}; the metrics use the new mapping.`,
  );
}
