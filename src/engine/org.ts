/**
 * The organisation as metrics scope it: portfolios → value streams → teams, and the services the
 * teams own, over time — each entity's current parent and the past parents its moves left
 * (migration 0005, docs/organisation.md). Resolves a scope (`--team`, `--value-stream`,
 * `--portfolio`) to its teams and when each of them was in it (docs/metrics.md §4).
 */
import type { Kysely } from 'kysely';
import { FlowlensError } from '../domain/index.js';
import {
  isAlways,
  isWithin,
  type OrgTimelines,
  type PastParent,
  parentAt,
  type Segment,
  teamWindowsInPortfolio,
  teamWindowsInValueStream,
  timelineOf,
  type Window,
} from '../org/index.js';
import type { Database } from '../store/index.js';

export interface OrgModel {
  readonly portfolios: readonly { readonly id: string; readonly name: string }[];
  readonly valueStreams: readonly {
    readonly id: string;
    readonly name: string;
    readonly portfolio: string | null;
  }[];
  readonly teams: readonly {
    readonly id: string;
    readonly name: string;
    readonly valueStream: string | null;
  }[];
  readonly services: readonly { readonly id: string; readonly name: string | null; readonly team: string }[];
  /** Where teams, value streams and services belonged over time. */
  readonly timelines: OrgTimelines;
  /** Archived entities (migration 0005), as `kind:id`: left out of the tree, still in metrics. */
  readonly archived: ReadonlySet<string>;
}

/** The kinds of entity whose moves are kept (org_history.kind). */
export type MovableKind = 'team' | 'valueStream' | 'service';

export interface ScopeQuery {
  readonly team?: string | undefined;
  readonly valueStream?: string | undefined;
  readonly portfolio?: string | undefined;
}

export interface ResolvedScope {
  /** As the JSON reports it: `{}` for the whole organisation, else the one scope asked for. */
  readonly scope: { team?: string; valueStream?: string; portfolio?: string };
  /** The teams in scope (at some time); null for the whole organisation. */
  readonly teams: readonly string[] | null;
  /**
   * The teams of `teams` that were in the scope only part of the time (they moved), with when they
   * were: sorted, disjoint, half-open windows. The other teams were in it all the time.
   */
  readonly windows: ReadonlyMap<string, readonly Window[]>;
}

export async function loadOrg(db: Kysely<Database>): Promise<OrgModel> {
  const [portfolios, valueStreams, teams, services, history, archived] = await Promise.all([
    db.selectFrom('portfolios').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('value_streams').select(['id', 'name', 'portfolio']).orderBy('id').execute(),
    db.selectFrom('teams').select(['id', 'name', 'value_stream']).orderBy('id').execute(),
    db.selectFrom('services').select(['id', 'name', 'team']).orderBy('id').execute(),
    db.selectFrom('org_history').select(['kind', 'id', 'parent', 'to_at']).execute(),
    db.selectFrom('org_archived').select(['kind', 'id']).execute(),
  ]);
  const past = pastParents(history);
  return {
    portfolios,
    valueStreams,
    teams: teams.map((t) => ({ id: t.id, name: t.name, valueStream: t.value_stream })),
    services,
    timelines: {
      teams: timelinesOf(
        teams.map((t) => [t.id, t.value_stream]),
        past.team,
      ),
      valueStreams: timelinesOf(
        valueStreams.map((v) => [v.id, v.portfolio]),
        past.valueStream,
      ),
      services: timelinesOf(
        services.map((x) => [x.id, x.team]),
        past.service,
      ),
    },
    archived: new Set(archived.map((a) => `${a.kind}:${a.id}`)),
  };
}

/** The past parents of each entity, by kind, from org_history rows. */
export function pastParents(
  rows: readonly { kind: string; id: string; parent: string | null; to_at: number }[],
): Record<MovableKind, Map<string, PastParent[]>> {
  const past: Record<MovableKind, Map<string, PastParent[]>> = {
    team: new Map(),
    valueStream: new Map(),
    service: new Map(),
  };
  for (const row of rows) {
    const byId = past[row.kind as MovableKind] as Map<string, PastParent[]> | undefined;
    if (byId === undefined) continue;
    const list = byId.get(row.id) ?? [];
    list.push({ parent: row.parent, toMs: Number(row.to_at) });
    byId.set(row.id, list);
  }
  return past;
}

/** Timelines of the entities with a current parent, and of those known only from their past. */
function timelinesOf(
  current: readonly (readonly [string, string | null])[],
  past: ReadonlyMap<string, readonly PastParent[]>,
): Map<string, Segment[]> {
  const timelines = new Map<string, Segment[]>();
  for (const [id, parent] of current) timelines.set(id, timelineOf(parent, past.get(id) ?? []));
  for (const [id, list] of past) if (!timelines.has(id)) timelines.set(id, timelineOf(null, list));
  return timelines;
}

/**
 * The teams of a scope, and when they were in it. At most one of team, value stream and portfolio;
 * an unknown id is an INVALID_ARGUMENT error that names it. `knownTeams` are team ids seen on items,
 * which count as teams even without a team record. A team is in its own scope at all times; a team
 * is in a value stream while it belonged to it, and in a portfolio while it belonged to one of the
 * portfolio's value streams at a time that stream belonged to the portfolio.
 */
export function resolveScope(
  org: OrgModel,
  query: ScopeQuery,
  knownTeams: ReadonlySet<string>,
): ResolvedScope {
  const given = (['team', 'valueStream', 'portfolio'] as const).filter((k) => query[k] !== undefined);
  if (given.length > 1)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `give one scope at most: ${given.map(flagName).join(' and ')} were both given`,
    );
  if (query.team !== undefined) {
    const team = query.team;
    if (!org.teams.some((t) => t.id === team) && !knownTeams.has(team))
      throw unknown(
        'team',
        team,
        org.teams.map((t) => t.id),
      );
    return { scope: { team }, teams: [team], windows: new Map() };
  }
  if (query.valueStream !== undefined) {
    const id = query.valueStream;
    if (!org.valueStreams.some((v) => v.id === id))
      throw unknown(
        'valueStream',
        id,
        org.valueStreams.map((v) => v.id),
      );
    return { scope: { valueStream: id }, ...teamsOf(teamWindowsInValueStream(org.timelines, id)) };
  }
  if (query.portfolio !== undefined) {
    const id = query.portfolio;
    if (!org.portfolios.some((p) => p.id === id))
      throw unknown(
        'portfolio',
        id,
        org.portfolios.map((p) => p.id),
      );
    return { scope: { portfolio: id }, ...teamsOf(teamWindowsInPortfolio(org.timelines, id)) };
  }
  return { scope: {}, teams: null, windows: new Map() };
}

/**
 * A scope as a principal restricted to one value stream sees it (docs/security.md, "Value-stream
 * access"): no scope is the value stream; a team is in it only while it belonged to the value stream
 * (its windows there), and only if it ever did; the value stream itself resolves as usual. Any other
 * value stream, a portfolio, a team that never belonged to it and an id that does not exist are all
 * the same NOT_FOUND error, whose message names only the asked id and what the value stream holds,
 * so the answer tells nothing about the rest of the organisation.
 */
export function resolveWithin(org: OrgModel, query: ScopeQuery, valueStream: string): ResolvedScope {
  const given = (['team', 'valueStream', 'portfolio'] as const).filter((k) => query[k] !== undefined);
  if (given.length > 1)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `give one scope at most: ${given.map(flagName).join(' and ')} were both given`,
    );
  const inStream = teamWindowsInValueStream(org.timelines, valueStream);
  if (query.team !== undefined) {
    const team = query.team;
    const windows = inStream.get(team);
    if (windows === undefined)
      throw new FlowlensError(
        'NOT_FOUND',
        `${flagName('team')}: there is no team "${team}" in value stream "${valueStream}" (${knownList([...inStream.keys()].sort())})`,
      );
    return {
      scope: { team },
      teams: [team],
      windows: isAlways(windows) ? new Map() : new Map([[team, windows]]),
    };
  }
  if (query.valueStream !== undefined && query.valueStream !== valueStream)
    throw new FlowlensError(
      'NOT_FOUND',
      `${flagName('valueStream')}: there is no value stream "${query.valueStream}" (known: ${valueStream})`,
    );
  if (query.portfolio !== undefined)
    throw new FlowlensError(
      'NOT_FOUND',
      `${flagName('portfolio')}: there is no portfolio "${query.portfolio}" (your access is restricted to value stream ${valueStream})`,
    );
  return { scope: { valueStream }, ...teamsOf(inStream) };
}

/** The teams of windows by team, and the windows of those not in the scope all the time. */
function teamsOf(byTeam: ReadonlyMap<string, readonly Window[]>): Pick<ResolvedScope, 'teams' | 'windows'> {
  const teams = [...byTeam.keys()].sort();
  const windows = new Map([...byTeam].filter(([, w]) => !isAlways(w)));
  return { teams, windows };
}

/**
 * Whether a service is in the scope at an instant: the team that owned it then was in the scope
 * then (metrics.md §4). Null for the whole organisation.
 */
export function serviceFilter(
  org: OrgModel,
  resolved: ResolvedScope,
): ((service: string, atMs: number) => boolean) | null {
  if (resolved.teams === null) return null;
  const teams = new Set(resolved.teams);
  const owners = org.timelines.services;
  const always = new Map<string, boolean>();
  return (service, atMs) => {
    const timeline = owners.get(service);
    if (timeline === undefined) return false;
    let fixed = always.get(service);
    if (fixed === undefined) {
      // A service always owned by a team that is always in scope needs no lookup per deployment.
      const only = timeline.length === 1 ? timeline[0]?.parent : undefined;
      fixed = only !== undefined && only !== null && teams.has(only) && !resolved.windows.has(only);
      always.set(service, fixed);
    }
    if (fixed) return true;
    const owner = parentAt(timeline, atMs);
    if (owner === null || !teams.has(owner)) return false;
    const windows = resolved.windows.get(owner);
    return windows === undefined || isWithin(windows, atMs);
  };
}

/** Portfolios → value streams → teams (with their services); what belongs to none is listed apart. */
export function orgTree(org: OrgModel) {
  // Archived entities are left out, with what sits under them (their metrics stay available).
  const live = (kind: string) => (e: { id: string }) => !org.archived.has(`${kind}:${e.id}`);
  const portfolios = org.portfolios.filter(live('portfolio'));
  const valueStreams = org.valueStreams.filter(live('valueStream'));
  const teams = org.teams.filter(live('team'));
  const services = org.services.filter(live('service'));
  const teamNode = (t: OrgModel['teams'][number]) => ({
    id: t.id,
    name: t.name,
    services: services.filter((s) => s.team === t.id).map((s) => ({ id: s.id, name: s.name })),
  });
  const streamNode = (v: OrgModel['valueStreams'][number]) => ({
    id: v.id,
    name: v.name,
    teams: teams.filter((t) => t.valueStream === v.id).map(teamNode),
  });
  const portfolioIds = new Set(org.portfolios.map((p) => p.id));
  const streamIds = new Set(org.valueStreams.map((v) => v.id));
  return {
    portfolios: portfolios.map((p) => ({
      id: p.id,
      name: p.name,
      valueStreams: valueStreams.filter((v) => v.portfolio === p.id).map(streamNode),
    })),
    valueStreamsWithoutPortfolio: valueStreams
      .filter((v) => v.portfolio === null || !portfolioIds.has(v.portfolio))
      .map(streamNode),
    teamsWithoutValueStream: teams
      .filter((t) => t.valueStream === null || !streamIds.has(t.valueStream))
      .map(teamNode),
  };
}

/**
 * The organisation tree as a principal restricted to a value stream sees it: that value stream alone
 * (under `valueStreamsWithoutPortfolio`, since its portfolio is outside what they may see) with its
 * current teams and their services; empty when it is archived or does not exist.
 */
export function orgTreeWithin(org: OrgModel, valueStream: string) {
  const tree = orgTree(org);
  const streams = [
    ...tree.portfolios.flatMap((p) => p.valueStreams),
    ...tree.valueStreamsWithoutPortfolio,
  ].filter((v) => v.id === valueStream);
  return { portfolios: [], valueStreamsWithoutPortfolio: streams, teamsWithoutValueStream: [] };
}

/**
 * The organisation as a principal restricted to a value stream sees it: the value stream, the teams
 * in it now and their services, with the timelines of those alone; no portfolio.
 */
export function orgWithin(org: OrgModel, valueStream: string): OrgModel {
  const teams = org.teams.filter((t) => t.valueStream === valueStream);
  const teamIds = new Set(teams.map((t) => t.id));
  const services = org.services.filter((s) => teamIds.has(s.team));
  const serviceIds = new Set(services.map((s) => s.id));
  const only = (timelines: ReadonlyMap<string, readonly Segment[]>, keep: (id: string) => boolean) =>
    new Map([...timelines].filter(([id]) => keep(id)));
  return {
    portfolios: [],
    valueStreams: org.valueStreams
      .filter((v) => v.id === valueStream)
      .map((v) => ({ ...v, portfolio: null })),
    teams,
    services,
    timelines: {
      teams: only(org.timelines.teams, (id) => teamIds.has(id)),
      valueStreams: new Map(
        [...org.timelines.valueStreams]
          .filter(([id]) => id === valueStream)
          .map(([id, segments]) => [id, segments.map((s) => ({ ...s, parent: null }))]),
      ),
      services: only(org.timelines.services, (id) => serviceIds.has(id)),
    },
    archived: new Set(
      [...org.archived].filter((key) => {
        const [kind, id] = key.split(':') as [string, string];
        return (
          (kind === 'valueStream' && id === valueStream) ||
          (kind === 'team' && teamIds.has(id)) ||
          (kind === 'service' && serviceIds.has(id))
        );
      }),
    ),
  };
}

const FLAGS = { team: '--team', valueStream: '--value-stream', portfolio: '--portfolio' } as const;

function flagName(key: keyof typeof FLAGS): string {
  return FLAGS[key];
}

function unknown(key: keyof typeof FLAGS, id: string, known: readonly string[]): FlowlensError {
  const kind = key === 'valueStream' ? 'value stream' : key;
  return new FlowlensError(
    'INVALID_ARGUMENT',
    `${flagName(key)}: there is no ${kind} "${id}" (${knownList(known)})`,
  );
}

function knownList(known: readonly string[]): string {
  return known.length === 0
    ? 'there are none'
    : `known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`;
}
