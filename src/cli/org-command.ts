/**
 * `flowlens org …`: the organisation from the command line (docs/organisation.md) — show it; add,
 * rename, move, archive and restore portfolios, value streams, teams, services, products and people;
 * the history of moves and the audit trail; role assignments with dates; the overload limits; the
 * product management network. Edits name their actor with `--actor` (default "local").
 */
import type { Command } from 'commander';
import {
  addAssignment,
  createEntity,
  listAssignments,
  type OrgEntity,
  type OrgKind,
  readOrgEntity,
  readOrgModel,
  readOverloadLimits,
  readProductNetwork,
  recentChanges,
  removeAssignment,
  saveOverloadLimits,
  type UpdateEntityInput,
  updateAssignment,
  updateEntity,
} from '../admin/index.js';
import { FlowlensError, ROLE_NAMES, type RoleName } from '../domain/index.js';
import { parseDateParam } from '../engine/index.js';
import { type CliIo, writeLine } from './io.js';
import {
  ACTOR_OPTION,
  DB_OPTION,
  editOptions,
  printResult,
  readOptions,
  type SharedFlags,
} from './options.js';
import { withStore } from './with-store.js';

/** The kinds as the command line spells them. */
const KINDS: Readonly<Record<string, OrgKind>> = {
  portfolio: 'portfolio',
  'value-stream': 'valueStream',
  team: 'team',
  service: 'service',
  product: 'product',
  person: 'person',
};

/** The kinds, listed for `--help` and for errors. */
const KIND_LIST = Object.keys(KINDS).join(', ');

export function kindOf(name: string): OrgKind {
  const kind = KINDS[name];
  if (kind === undefined) throw new FlowlensError('INVALID_ARGUMENT', `"${name}" is not one of ${KIND_LIST}`);
  return kind;
}

function context(flags: SharedFlags) {
  return { actor: flags.actor ?? 'local' };
}

/** An entity on one line: `team t-fraud "Fraud" in vs-payments (archived)`. */
function entityLine(entity: OrgEntity): string {
  const parent = entity.parent === undefined ? '' : ` in ${entity.parent ?? '(none)'}`;
  return `${entity.kind} ${entity.id} "${entity.name}"${parent}${entity.archived === null ? '' : ' (archived)'}`;
}

function printEntity(io: CliIo, entity: OrgEntity, json: boolean | undefined): void {
  printResult(io, json, entity, () => writeLine(io.stdout, entityLine(entity)));
}

/** The `<kind> <id>` arguments of the commands that name one entity. */
function kindAndId(command: Command): Command {
  return command.argument('<kind>', KIND_LIST).argument('<id>', 'its id');
}

/** The fields only some kinds have, as `org add` and `org set` take them. */
function fieldOptions(command: Command): Command {
  return command
    .option('--email <email>', "a person's email")
    .option('--repository <repository>', "a service's repository")
    .option('--description <text>', "a product's description");
}

/**
 * Changes an entity and prints it. `change` is built once the store is open and the kind is
 * checked, so a wrong kind or database is reported before a wrong value.
 */
async function editEntity(
  io: CliIo,
  flags: SharedFlags,
  kindName: string,
  id: string,
  change: () => UpdateEntityInput,
): Promise<void> {
  const entity = await withStore(io, flags.db, (store) =>
    updateEntity(store, context(flags), kindOf(kindName), id, change()),
  );
  printEntity(io, entity, flags.json);
}

export function registerOrgCommand(program: Command, io: CliIo): void {
  const org = program
    .command('org')
    .description('the organisation: portfolios, value streams, teams, services, products, people and roles');

  readOptions(
    org
      .command('show')
      .description(
        'show the organisation: portfolios → value streams → teams, with services, products and people',
      )
      .option('--archived', 'show archived entities too'),
  ).action(async (flags: SharedFlags & { archived?: boolean }) => {
    const model = await withStore(io, flags.db, (store) => readOrgModel(store));
    printResult(io, flags.json, model, () => {
      const shown = (e: OrgEntity) => flags.archived === true || e.archived === null;
      const mark = (e: OrgEntity) => `${e.name} (${e.id})${e.archived === null ? '' : ' [archived]'}`;
      const teamLines = (team: OrgEntity, indent: string) => {
        writeLine(io.stdout, `${indent}${mark(team)}`);
        const owned = [...model.services, ...model.products].filter((x) => x.parent === team.id && shown(x));
        if (owned.length > 0)
          writeLine(io.stdout, `${indent}  owns ${owned.map((x) => `${x.kind} ${x.name}`).join(', ')}`);
      };
      const streamLines = (stream: OrgEntity, indent: string) => {
        writeLine(io.stdout, `${indent}${mark(stream)}`);
        for (const team of model.teams.filter((t) => t.parent === stream.id && shown(t)))
          teamLines(team, `${indent}  `);
      };
      for (const p of model.portfolios.filter(shown)) {
        writeLine(io.stdout, mark(p));
        for (const v of model.valueStreams.filter((x) => x.parent === p.id && shown(x))) streamLines(v, '  ');
      }
      const portfolios = new Set(model.portfolios.map((p) => p.id));
      const loose = model.valueStreams.filter(
        (v) => shown(v) && (v.parent === null || !portfolios.has(v.parent ?? '')),
      );
      if (loose.length > 0) writeLine(io.stdout, 'Value streams without a portfolio');
      for (const v of loose) streamLines(v, '  ');
      const streams = new Set(model.valueStreams.map((v) => v.id));
      const alone = model.teams.filter(
        (t) => shown(t) && (t.parent === null || !streams.has(t.parent ?? '')),
      );
      if (alone.length > 0) writeLine(io.stdout, 'Teams without a value stream');
      for (const t of alone) teamLines(t, '  ');
      const people = model.people.filter(shown);
      writeLine(io.stdout, `People: ${people.length}`);
      if (model.unregisteredProducts.length > 0)
        writeLine(
          io.stdout,
          `Products named on work items but not in the organisation: ${model.unregisteredProducts
            .map((p) => `${p.product} (${p.items} items)`)
            .join(', ')}`,
        );
    });
  });

  editOptions(
    fieldOptions(
      kindAndId(org.command('add').description(`add an entity: ${KIND_LIST}`))
        .option('--name <name>', 'its name (required, except for a service)')
        .option(
          '--parent <id>',
          "a value stream's portfolio, a team's value stream, a service's or product's team",
        ),
    ),
  ).action(
    async (
      kindName: string,
      id: string,
      flags: SharedFlags & {
        name?: string;
        parent?: string;
        email?: string;
        repository?: string;
        description?: string;
      },
    ) => {
      const kind = kindOf(kindName);
      const entity = await withStore(io, flags.db, (store) =>
        createEntity(store, context(flags), kind, {
          id,
          name: flags.name,
          parent: flags.parent,
          email: flags.email,
          repository: flags.repository,
          description: flags.description,
        }),
      );
      printResult(io, flags.json, entity, () => {
        writeLine(io.stdout, 'Added:');
        writeLine(io.stdout, entityLine(entity));
      });
    },
  );

  editOptions(
    kindAndId(org.command('rename').description('rename an entity')).argument('<name>', 'its new name'),
  ).action(async (kindName: string, id: string, name: string, flags: SharedFlags) =>
    editEntity(io, flags, kindName, id, () => ({ name })),
  );

  editOptions(
    org
      .command('move')
      .description(
        'move a team to another value stream, a value stream to another portfolio, a service or a product to another team',
      )
      .argument('<kind>', 'team, value-stream, service or product')
      .argument('<id>', 'what to move')
      .argument('[to]', 'the new parent')
      .option('--none', 'move it out of any parent (a team or a value stream)')
      .option('--at <date>', 'when the move takes effect (default now): YYYY-MM-DD or an ISO 8601 timestamp'),
  )
    .addHelpText(
      'after',
      `
Work completed before the move stays where the entity was: metrics by scope use the value stream a
team belonged to at each item's completion.

Examples:
  flowlens org move team t-fraud vs-platform --at 2026-03-01
  flowlens org move team t-lab --none`,
    )
    .action(
      async (
        kindName: string,
        id: string,
        to: string | undefined,
        flags: SharedFlags & { none?: boolean; at?: string },
      ) => {
        if ((to === undefined) === (flags.none !== true))
          throw new FlowlensError('INVALID_ARGUMENT', 'give the new parent, or --none to move it out of any');
        await editEntity(io, flags, kindName, id, () => ({
          parent: flags.none === true ? null : to,
          effectiveAtMs: flags.at === undefined ? undefined : parseDateParam('--at', flags.at),
        }));
      },
    );

  for (const [name, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    editOptions(
      kindAndId(
        org
          .command(name)
          .description(archived ? 'archive an entity (its history stays)' : 'restore an archived entity'),
      ),
    ).action(async (kindName: string, id: string, flags: SharedFlags) =>
      editEntity(io, flags, kindName, id, () => ({ archived })),
    );
  }

  editOptions(
    fieldOptions(
      kindAndId(
        org
          .command('set')
          .description(
            "change an entity's other fields: a person's email, a service's repository, a product's description",
          ),
      ),
    ),
  ).action(
    async (
      kindName: string,
      id: string,
      flags: SharedFlags & { email?: string; repository?: string; description?: string },
    ) =>
      editEntity(io, flags, kindName, id, () => ({
        email: flags.email,
        repository: flags.repository,
        description: flags.description,
      })),
  );

  readOptions(
    kindAndId(
      org
        .command('history')
        .description('where a team, value stream or service belonged before, and the edits of it'),
    ),
  ).action(async (kindName: string, id: string, flags: SharedFlags) => {
    const kind = kindOf(kindName);
    const result = await withStore(io, flags.db, async (store) => ({
      entity: await readOrgEntity(store, kind, id),
      changes: await recentChanges(store.db, 100, { kind, target: id }),
    }));
    printResult(io, flags.json, result, () => {
      writeLine(io.stdout, entityLine(result.entity));
      for (const h of result.entity.history ?? [])
        writeLine(
          io.stdout,
          `  in ${h.parent ?? '(none)'} from ${h.from ?? 'the start'} until ${h.to} (moved by ${h.movedBy} at ${h.movedAt})`,
        );
      if ((result.entity.history ?? []).length > 0)
        writeLine(
          io.stdout,
          `  in ${result.entity.parent ?? '(none)'} since ${result.entity.history?.at(-1)?.to}`,
        );
      for (const c of result.changes) writeLine(io.stdout, `  ${c.at}  ${c.actor}: ${c.summary}`);
    });
  });

  readOptions(
    org
      .command('changes')
      .description('the latest edits of the organisation and the mappings (who, when, what)')
      .option('--limit <n>', 'how many (default 30)', '30'),
  ).action(async (flags: SharedFlags & { limit: string }) => {
    const limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `--limit: "${flags.limit}" is not a whole number from 1 to 10000`,
      );
    const changes = await withStore(io, flags.db, (store) => recentChanges(store.db, limit));
    printResult(io, flags.json, changes, () => {
      for (const c of changes) writeLine(io.stdout, `${c.at}  ${c.actor.padEnd(12)} ${c.summary}`);
    });
  });

  registerRoleCommands(org, io);

  editOptions(
    org
      .command('limits')
      .description('show or change the overload limits of the role rules')
      .option('--max-teams <n>', 'teams a person may hold roles in')
      .option('--max-value-streams <n>', 'value streams a person may hold roles in')
      .option('--max-facilitated-teams <n>', 'teams a DVS facilitator may facilitate'),
  ).action(
    async (
      flags: SharedFlags & { maxTeams?: string; maxValueStreams?: string; maxFacilitatedTeams?: string },
    ) => {
      const changes = limitFlags(flags);
      const limits = await withStore(io, flags.db, (store) =>
        Object.keys(changes).length === 0
          ? readOverloadLimits(store)
          : saveOverloadLimits(store, context(flags), changes),
      );
      printResult(io, flags.json, limits, () =>
        writeLine(
          io.stdout,
          `Overload limits: ${limits.maxTeams} teams, ${limits.maxValueStreams} value streams per person; ${limits.maxFacilitatedTeams} teams per DVS facilitator.`,
        ),
      );
    },
  );

  readOptions(
    org
      .command('network')
      .description('the product management network: who holds product roles and who coordinates with whom')
      .option('--as-of <date>', 'the instant (default now)'),
  ).action(async (flags: SharedFlags & { asOf?: string }) => {
    const asOfMs = flags.asOf === undefined ? Date.now() : parseDateParam('--as-of', flags.asOf);
    const network = await withStore(io, flags.db, (store) => readProductNetwork(store, asOfMs));
    const { asOfMs: _ms, ...rest } = network;
    printResult(io, flags.json, { asOf: new Date(asOfMs).toISOString(), ...rest }, () => {
      const name = new Map(network.people.map((p) => [p.id, p.name]));
      for (const p of network.people)
        writeLine(
          io.stdout,
          `${p.name} (${p.id}): ${p.roles.map((r) => `${r.role} in ${r.team ?? r.valueStream}`).join(', ')}`,
        );
      writeLine(io.stdout, `${network.links.length} links:`);
      for (const l of network.links) {
        const why = [
          ...l.valueStreams.map((v) => `value stream ${v}`),
          ...l.dependencies.map((d) => `${d.teams.join(' ↔ ')} (${d.items} items)`),
        ].join('; ');
        writeLine(io.stdout, `  ${name.get(l.source)} — ${name.get(l.target)}: ${why}`);
      }
    });
  });
}

/** Limits given as flags, as numbers (validated by the settings). */
export function limitFlags(flags: {
  maxTeams?: string;
  maxValueStreams?: string;
  maxFacilitatedTeams?: string;
}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, flag] of [
    ['maxTeams', '--max-teams'],
    ['maxValueStreams', '--max-value-streams'],
    ['maxFacilitatedTeams', '--max-facilitated-teams'],
  ] as const) {
    const value = flags[key];
    if (value === undefined) continue;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > 1000)
      throw new FlowlensError('INVALID_ARGUMENT', `${flag}: "${value}" is not a whole number from 1 to 1000`);
    out[key] = n;
  }
  return out;
}

function registerRoleCommands(org: Command, io: CliIo): void {
  const role = org.command('role').description("people's role assignments, with dates");
  const roles = ROLE_NAMES.join(', ');
  const date = (label: string, value: string | undefined) =>
    value === undefined ? undefined : value === 'none' ? null : parseDateParam(label, value);
  const print = (a: Awaited<ReturnType<typeof addAssignment>>) =>
    writeLine(
      io.stdout,
      `${a.id}  ${a.personName} (${a.person}) ${a.role} in ${a.team === null ? `value stream ${a.valueStream}` : `team ${a.team}`}` +
        ` from ${a.from?.slice(0, 10) ?? 'the start'} to ${a.to?.slice(0, 10) ?? 'now'}${a.current ? '' : ' (not current)'}`,
    );

  readOptions(
    role
      .command('list')
      .description('list role assignments')
      .option('--person <id>', 'of this person')
      .option('--role <role>', `this role: ${roles}`)
      .option('--team <id>', 'in this team')
      .option('--value-stream <id>', 'in this value stream (its own roles)')
      .option('--held-at <date>', 'only those held at this instant'),
  ).action(
    async (
      flags: SharedFlags & {
        person?: string;
        role?: string;
        team?: string;
        valueStream?: string;
        heldAt?: string;
      },
    ) => {
      if (flags.role !== undefined && !(ROLE_NAMES as readonly string[]).includes(flags.role))
        throw new FlowlensError('INVALID_ARGUMENT', `--role: "${flags.role}" is not one of ${roles}`);
      const list = await withStore(io, flags.db, (store) =>
        listAssignments(
          store,
          {
            person: flags.person,
            role: flags.role as RoleName | undefined,
            team: flags.team,
            valueStream: flags.valueStream,
            heldAtMs: date('--held-at', flags.heldAt) ?? undefined,
          },
          Date.now(),
        ),
      );
      printResult(io, flags.json, list, () => {
        for (const a of list) print(a);
      });
    },
  );

  editOptions(
    role
      .command('add')
      .description('assign a role to a person, in a team or a value stream')
      .argument('<person>', 'the person')
      .argument('<role>', roles)
      .option('--team <id>', 'the team it is held in')
      .option('--value-stream <id>', 'the value stream it is held in')
      .option('--from <date>', 'since (default: since ever)')
      .option('--to <date>', 'until, excluded (default: still held)'),
  ).action(
    async (
      person: string,
      roleName: string,
      flags: SharedFlags & { team?: string; valueStream?: string; from?: string; to?: string },
    ) => {
      const added = await withStore(io, flags.db, (store) =>
        addAssignment(store, context(flags), {
          person,
          role: roleName,
          team: flags.team,
          valueStream: flags.valueStream,
          fromMs: date('--from', flags.from),
          toMs: date('--to', flags.to),
        }),
      );
      printResult(io, flags.json, added, () => print(added));
    },
  );

  editOptions(
    role
      .command('set')
      .description('change the dates of an assignment (end it with --to; "none" opens a date)')
      .argument('<id>', 'the assignment (from `flowlens org role list`)')
      .option('--from <date>', 'since')
      .option('--to <date>', 'until, excluded'),
  ).action(async (id: string, flags: SharedFlags & { from?: string; to?: string }) => {
    if (flags.from === undefined && flags.to === undefined)
      throw new FlowlensError('INVALID_ARGUMENT', 'give --from or --to');
    const changed = await withStore(io, flags.db, (store) =>
      updateAssignment(store, context(flags), id, {
        fromMs: date('--from', flags.from),
        toMs: date('--to', flags.to),
      }),
    );
    printResult(io, flags.json, changed, () => print(changed));
  });

  role
    .command('remove')
    .description('remove an assignment (to end one, give it an end date with `set --to` instead)')
    .argument('<id>', 'the assignment')
    .option(...ACTOR_OPTION)
    .option(...DB_OPTION)
    .action(async (id: string, flags: SharedFlags) => {
      await withStore(io, flags.db, (store) => removeAssignment(store, context(flags), id));
      writeLine(io.stdout, `Removed assignment ${id}.`);
    });
}
