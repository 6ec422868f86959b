/**
 * The organisation as metrics scope it: portfolios → value streams → teams, and the services the
 * teams own. Resolves a scope (`--team`, `--value-stream`, `--portfolio`) to its teams.
 */
import type { Kysely } from 'kysely';
import { FlowlensError } from '../domain/index.js';
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
}

export interface ScopeQuery {
  readonly team?: string | undefined;
  readonly valueStream?: string | undefined;
  readonly portfolio?: string | undefined;
}

export interface ResolvedScope {
  /** As the JSON reports it: `{}` for the whole organisation, else the one scope asked for. */
  readonly scope: { team?: string; valueStream?: string; portfolio?: string };
  /** The teams in scope; null for the whole organisation. */
  readonly teams: readonly string[] | null;
}

export async function loadOrg(db: Kysely<Database>): Promise<OrgModel> {
  const [portfolios, valueStreams, teams, services] = await Promise.all([
    db.selectFrom('portfolios').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('value_streams').select(['id', 'name', 'portfolio']).orderBy('id').execute(),
    db.selectFrom('teams').select(['id', 'name', 'value_stream']).orderBy('id').execute(),
    db.selectFrom('services').select(['id', 'name', 'team']).orderBy('id').execute(),
  ]);
  return {
    portfolios,
    valueStreams,
    teams: teams.map((t) => ({ id: t.id, name: t.name, valueStream: t.value_stream })),
    services,
  };
}

/**
 * The teams of a scope. At most one of team, value stream and portfolio; an unknown id is an
 * INVALID_ARGUMENT error that names it. `knownTeams` are team ids seen on items, which count as
 * teams even without a team record.
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
    return { scope: { team }, teams: [team] };
  }
  if (query.valueStream !== undefined) {
    const id = query.valueStream;
    if (!org.valueStreams.some((v) => v.id === id))
      throw unknown(
        'valueStream',
        id,
        org.valueStreams.map((v) => v.id),
      );
    return {
      scope: { valueStream: id },
      teams: org.teams.filter((t) => t.valueStream === id).map((t) => t.id),
    };
  }
  if (query.portfolio !== undefined) {
    const id = query.portfolio;
    if (!org.portfolios.some((p) => p.id === id))
      throw unknown(
        'portfolio',
        id,
        org.portfolios.map((p) => p.id),
      );
    const streams = new Set(org.valueStreams.filter((v) => v.portfolio === id).map((v) => v.id));
    return {
      scope: { portfolio: id },
      teams: org.teams.filter((t) => t.valueStream !== null && streams.has(t.valueStream)).map((t) => t.id),
    };
  }
  return { scope: {}, teams: null };
}

/** The services the teams own (all with null). */
export function servicesOf(org: OrgModel, teams: readonly string[] | null): ReadonlySet<string> | null {
  if (teams === null) return null;
  const inScope = new Set(teams);
  return new Set(org.services.filter((s) => inScope.has(s.team)).map((s) => s.id));
}

/** Portfolios → value streams → teams (with their services); what belongs to none is listed apart. */
export function orgTree(org: OrgModel) {
  const teamNode = (t: OrgModel['teams'][number]) => ({
    id: t.id,
    name: t.name,
    services: org.services.filter((s) => s.team === t.id).map((s) => ({ id: s.id, name: s.name })),
  });
  const streamNode = (v: OrgModel['valueStreams'][number]) => ({
    id: v.id,
    name: v.name,
    teams: org.teams.filter((t) => t.valueStream === v.id).map(teamNode),
  });
  const portfolioIds = new Set(org.portfolios.map((p) => p.id));
  const streamIds = new Set(org.valueStreams.map((v) => v.id));
  return {
    portfolios: org.portfolios.map((p) => ({
      id: p.id,
      name: p.name,
      valueStreams: org.valueStreams.filter((v) => v.portfolio === p.id).map(streamNode),
    })),
    valueStreamsWithoutPortfolio: org.valueStreams
      .filter((v) => v.portfolio === null || !portfolioIds.has(v.portfolio))
      .map(streamNode),
    teamsWithoutValueStream: org.teams
      .filter((t) => t.valueStream === null || !streamIds.has(t.valueStream))
      .map(teamNode),
  };
}

const FLAGS = { team: '--team', valueStream: '--value-stream', portfolio: '--portfolio' } as const;

function flagName(key: keyof typeof FLAGS): string {
  return FLAGS[key];
}

function unknown(key: keyof typeof FLAGS, id: string, known: readonly string[]): FlowlensError {
  const kind = key === 'valueStream' ? 'value stream' : key;
  const list =
    known.length === 0
      ? 'there are none'
      : `known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`;
  return new FlowlensError('INVALID_ARGUMENT', `${flagName(key)}: there is no ${kind} "${id}" (${list})`);
}
