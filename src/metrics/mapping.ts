/**
 * Normalization (docs/metrics.md §2): the mappings of each source, optionally overridden per team,
 * resolved into classifiers. Pure.
 *
 * - A team's mapping overrides the source's mapping entry by entry: a status or type the team's
 *   mapping does not name falls back to the source's.
 * - An unmapped raw status is `{stage: 'unmapped', state: 'waiting'}`; an unmapped raw type counts
 *   as `feature` and is reported.
 * - An environment is production when the source's mapping maps it to `production`; one the
 *   mapping does not name (or a source without `environments`) is production when it is named
 *   `production` or `prod`, in any case.
 */
import type { FlowState, FlowType, Stage } from '../domain/index.js';
import type { StatusClass } from './item-history.js';

export interface MappingDefinition {
  readonly source: string;
  /** null (or '') for the mapping of the whole source. */
  readonly team: string | null;
  readonly statuses: Readonly<Record<string, { readonly stage: Stage; readonly state: FlowState }>>;
  readonly types: Readonly<Record<string, FlowType>>;
  readonly environments?: Readonly<Record<string, string>> | null;
}

export const UNMAPPED_STATUS: StatusClass = Object.freeze({ stage: 'unmapped', state: 'waiting' });

export interface TypeClass {
  readonly flowType: FlowType;
  readonly mapped: boolean;
}

interface Resolved {
  readonly classify: (status: string) => StatusClass;
  readonly typeOf: (type: string) => TypeClass;
}

export class Mappings {
  private readonly bySourceTeam = new Map<string, MappingDefinition>();
  private readonly resolved = new Map<string, Resolved>();

  constructor(definitions: Iterable<MappingDefinition>) {
    for (const definition of definitions)
      this.bySourceTeam.set(key(definition.source, definition.team), definition);
  }

  /** How the items of a source (and team) are classified. */
  forItem(source: string, team: string | null): Resolved {
    const cacheKey = key(source, team);
    let resolved = this.resolved.get(cacheKey);
    if (resolved === undefined) {
      const base = this.bySourceTeam.get(key(source, null));
      const override = team === null || team === '' ? undefined : this.bySourceTeam.get(cacheKey);
      const statuses = { ...base?.statuses, ...override?.statuses };
      const types = { ...base?.types, ...override?.types };
      resolved = {
        classify: (status) =>
          Object.hasOwn(statuses, status) ? (statuses[status] as StatusClass) : UNMAPPED_STATUS,
        typeOf: (type) =>
          Object.hasOwn(types, type)
            ? { flowType: types[type] as FlowType, mapped: true }
            : { flowType: 'feature', mapped: false },
      };
      this.resolved.set(cacheKey, resolved);
    }
    return resolved;
  }

  /** Whether a deployment's environment counts as production (metrics.md §5). */
  isProduction(source: string, environment: string): boolean {
    const named = this.bySourceTeam.get(key(source, null))?.environments;
    if (named !== undefined && named !== null && Object.hasOwn(named, environment))
      return named[environment] === 'production';
    const lower = environment.toLowerCase();
    return lower === 'production' || lower === 'prod';
  }

  /** The sources that have a mapping. */
  sources(): string[] {
    return [...new Set([...this.bySourceTeam.values()].map((m) => m.source))].sort();
  }
}

function key(source: string, team: string | null): string {
  return `${source}\u0000${team ?? ''}`;
}
