/** Scopes (the whole organisation, a portfolio, a value stream or a team) and their links. */
import type { OrgDocument, ScopeQuery } from '../api/types';

export type ScopeKind = 'organisation' | 'portfolio' | 'valueStream' | 'team';

export interface Scope {
  readonly kind: ScopeKind;
  /** Empty for the organisation. */
  readonly id: string;
}

export const ORGANISATION: Scope = { kind: 'organisation', id: '' };

/** `valueStream:vs-webshop` ⇄ a scope; the organisation is `organisation`. */
export function scopeKey(scope: Scope): string {
  return scope.kind === 'organisation' ? 'organisation' : `${scope.kind}:${scope.id}`;
}

export function parseScopeKey(key: string | null | undefined): Scope | null {
  if (key === null || key === undefined || key === '') return null;
  if (key === 'organisation') return ORGANISATION;
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  if (at <= 0 || id === '' || !['portfolio', 'valueStream', 'team'].includes(kind)) return null;
  return { kind: kind as ScopeKind, id };
}

export function scopeQuery(scope: Scope): ScopeQuery {
  switch (scope.kind) {
    case 'portfolio':
      return { portfolio: scope.id };
    case 'valueStream':
      return { valueStream: scope.id };
    case 'team':
      return { team: scope.id };
    default:
      return {};
  }
}

export interface ScopeOption {
  readonly scope: Scope;
  readonly label: string;
  /** Indentation level in a list: 0 organisation, 1 portfolio, 2 value stream, 3 team. */
  readonly depth: number;
}

/** Every scope of the organisation, in tree order. */
export function scopeOptions(org: OrgDocument | undefined): ScopeOption[] {
  const options: ScopeOption[] = [{ scope: ORGANISATION, label: 'Whole organisation', depth: 0 }];
  if (org === undefined) return options;
  const stream = (vs: OrgDocument['valueStreamsWithoutPortfolio'][number], depth: number) => {
    options.push({ scope: { kind: 'valueStream', id: vs.id }, label: vs.name, depth });
    for (const team of vs.teams)
      options.push({ scope: { kind: 'team', id: team.id }, label: team.name, depth: depth + 1 });
  };
  for (const portfolio of org.portfolios) {
    options.push({ scope: { kind: 'portfolio', id: portfolio.id }, label: portfolio.name, depth: 1 });
    for (const vs of portfolio.valueStreams) stream(vs, 2);
  }
  for (const vs of org.valueStreamsWithoutPortfolio) stream(vs, 1);
  for (const team of org.teamsWithoutValueStream)
    options.push({ scope: { kind: 'team', id: team.id }, label: team.name, depth: 1 });
  return options;
}

export const KIND_LABELS: Record<ScopeKind, string> = {
  organisation: 'Organisation',
  portfolio: 'Portfolio',
  valueStream: 'Value stream',
  team: 'Team',
};

/** The scope's name, from the organisation (its id until that has loaded). */
export function scopeName(scope: Scope, org: OrgDocument | undefined): string {
  if (scope.kind === 'organisation') return 'Whole organisation';
  return (
    scopeOptions(org).find((o) => o.scope.kind === scope.kind && o.scope.id === scope.id)?.label ?? scope.id
  );
}

/** Where a value stream and a team sit in the organisation. */
export function findValueStream(org: OrgDocument | undefined, id: string) {
  if (org === undefined) return undefined;
  for (const portfolio of org.portfolios) {
    const vs = portfolio.valueStreams.find((v) => v.id === id);
    if (vs !== undefined) return { valueStream: vs, portfolio };
  }
  const vs = org.valueStreamsWithoutPortfolio.find((v) => v.id === id);
  return vs === undefined ? undefined : { valueStream: vs, portfolio: null };
}

export function findTeam(org: OrgDocument | undefined, id: string) {
  if (org === undefined) return undefined;
  for (const portfolio of org.portfolios)
    for (const vs of portfolio.valueStreams) {
      const team = vs.teams.find((t) => t.id === id);
      if (team !== undefined) return { team, valueStream: vs, portfolio };
    }
  for (const vs of org.valueStreamsWithoutPortfolio) {
    const team = vs.teams.find((t) => t.id === id);
    if (team !== undefined) return { team, valueStream: vs, portfolio: null };
  }
  const team = org.teamsWithoutValueStream.find((t) => t.id === id);
  return team === undefined ? undefined : { team, valueStream: null, portfolio: null };
}

/** The path of an item's screen. */
export function itemPath(source: string, id: string): string {
  return `/items/${encodeURIComponent(source)}/${encodeURIComponent(id)}`;
}
