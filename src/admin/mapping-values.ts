/**
 * What the mapping editor shows of a source (docs/organisation.md, "The mapping editor"): every raw
 * status its items went through (from the engine's fact index: their status histories) and every
 * raw type they have, with how many items passed through each (and are in it now) and how the current mapping classifies it — unmapped ones first —, the
 * raw environments of its deployments and whether each counts as production, and its team
 * overrides. For a team, the same over that team's items, with the team's override applied.
 */
import type { FlowState, FlowType } from '../domain/index.js';
import { FlowlensError } from '../domain/index.js';
import { loadMappings } from '../engine/index.js';
import { type FactIndex, type StageOrUnmapped, statusUse } from '../metrics/index.js';
import type { MappingContent } from '../org/index.js';
import type { Store } from '../store/index.js';
import { latestVersions, type MappingVersionView, readMappingRow } from './mapping-versions.js';

export interface StatusValue {
  readonly raw: string;
  /** Items that were ever in it. */
  readonly items: number;
  /** Items in it now (their `status`). */
  readonly current: number;
  readonly mapped: boolean;
  readonly stage: StageOrUnmapped;
  readonly state: FlowState;
  /** For a team: its override names it. */
  readonly overridden: boolean;
}

export interface TypeValue {
  readonly raw: string;
  readonly items: number;
  readonly mapped: boolean;
  readonly flowType: FlowType;
  readonly overridden: boolean;
}

export interface EnvironmentValue {
  readonly raw: string;
  readonly deployments: number;
  /** What the mapping names it (`production`, `staging`, …); null when it names none. */
  readonly named: string | null;
  /** Whether its deployments count as production (metrics.md §5). */
  readonly production: boolean;
}

export interface MappingSourceDetail {
  readonly source: string;
  /** The team whose override this is; null for the source's own mapping. */
  readonly team: string | null;
  /** The stored mapping of (source, team); null when there is none. */
  readonly mapping: MappingContent | null;
  /** For a team: the source's own mapping, which the override changes entry by entry. */
  readonly sourceMapping: MappingContent | null;
  readonly items: number;
  readonly statuses: readonly StatusValue[];
  readonly types: readonly TypeValue[];
  readonly environments: readonly EnvironmentValue[];
  /** The teams with items in this source, and whether each has an override. */
  readonly teams: readonly { readonly team: string; readonly items: number; readonly override: boolean }[];
  /** The latest saved versions, newest first. */
  readonly versions: readonly MappingVersionView[];
}

export interface MappingSourceSummary {
  readonly source: string;
  readonly items: number;
  readonly deployments: number;
  readonly statuses: number;
  readonly unmappedStatuses: number;
  readonly types: number;
  readonly unmappedTypes: number;
  readonly environments: number;
  readonly hasMapping: boolean;
  readonly overrides: readonly string[];
  readonly versions: number;
  readonly lastSaved: { readonly version: number; readonly at: string; readonly by: string } | null;
}

/** Every source with work items, deployments or a mapping, by id; statuses from the fact index. */
export async function listMappingSources(store: Store, index: FactIndex): Promise<MappingSourceSummary[]> {
  const db = store.db;
  const [items, deployments, rows, versions, statuses, types] = await Promise.all([
    db
      .selectFrom('work_items')
      .select((eb) => ['source', eb.fn.countAll<number>().as('n')])
      .groupBy('source')
      .execute(),
    db
      .selectFrom('deployments')
      .select((eb) => ['source', eb.fn.countAll<number>().as('n')])
      .groupBy('source')
      .execute(),
    db.selectFrom('mappings').select(['source', 'team']).execute(),
    db
      .selectFrom('mapping_versions')
      .select(['source', 'team', 'version', 'saved_at', 'saved_by'])
      .orderBy('version', 'desc')
      .execute(),
    Promise.resolve(statusUse(index)),
    db
      .selectFrom('work_items')
      .select((eb) => ['source', 'type', eb.fn.countAll<number>().as('n')])
      .groupBy(['source', 'type'])
      .execute(),
  ]);
  const environments = await db
    .selectFrom('deployments')
    .select(['source', 'environment'])
    .groupBy(['source', 'environment'])
    .execute();
  const mappings = await loadMappings(db);
  const sources = [
    ...new Set([
      ...items.map((r) => r.source),
      ...deployments.map((r) => r.source),
      ...rows.map((r) => r.source),
    ]),
  ].sort(compare);
  return sources.map((source) => {
    const classify = mappings.forItem(source, null);
    const own = statuses.filter((s) => s.source === source);
    const ownTypes = types.filter((t) => t.source === source);
    const saved = versions.filter((v) => v.source === source && v.team === '');
    const last = saved[0];
    return {
      source,
      items: Number(items.find((r) => r.source === source)?.n ?? 0),
      deployments: Number(deployments.find((r) => r.source === source)?.n ?? 0),
      statuses: own.length,
      unmappedStatuses: own.filter((s) => classify.classify(s.status).stage === 'unmapped').length,
      types: ownTypes.length,
      unmappedTypes: ownTypes.filter((t) => !classify.typeOf(t.type).mapped).length,
      environments: environments.filter((e) => e.source === source).length,
      hasMapping: rows.some((r) => r.source === source && r.team === ''),
      overrides: rows
        .filter((r) => r.source === source && r.team !== '')
        .map((r) => r.team)
        .sort(compare),
      versions: versions.filter((v) => v.source === source).length,
      lastSaved:
        last === undefined
          ? null
          : {
              version: Number(last.version),
              at: new Date(Number(last.saved_at)).toISOString(),
              by: last.saved_by,
            },
    };
  });
}

/** The editor's view of a source's mapping, or of a team's override of it. */
export async function readMappingSource(
  store: Store,
  index: FactIndex,
  source: string,
  team: string | null,
): Promise<MappingSourceDetail> {
  const db = store.db;
  const [itemCount, statuses, types, environments, teams, overrides, mapping, sourceMapping, versions] =
    await Promise.all([
      (() => {
        let q = db
          .selectFrom('work_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('source', '=', source);
        if (team !== null) q = q.where('team', '=', team);
        return q.executeTakeFirst();
      })(),
      Promise.resolve(statusUse(index, { source, ...(team === null ? {} : { team }) })),
      (() => {
        let q = db
          .selectFrom('work_items')
          .select((eb) => ['type', eb.fn.countAll<number>().as('n')])
          .where('source', '=', source)
          .groupBy('type');
        if (team !== null) q = q.where('team', '=', team);
        return q.execute();
      })(),
      db
        .selectFrom('deployments')
        .select((eb) => ['environment', eb.fn.countAll<number>().as('n')])
        .where('source', '=', source)
        .groupBy('environment')
        .execute(),
      db
        .selectFrom('work_items')
        .select((eb) => ['team', eb.fn.countAll<number>().as('n')])
        .where('source', '=', source)
        .where('team', 'is not', null)
        .groupBy('team')
        .execute(),
      db.selectFrom('mappings').select('team').where('source', '=', source).where('team', '<>', '').execute(),
      readMappingRow(db, source, team),
      team === null ? Promise.resolve(null) : readMappingRow(db, source, null),
      latestVersions(store, source, team, 20),
    ]);
  const known = Number(itemCount?.n ?? 0) > 0 || mapping !== null || environments.length > 0;
  if (!known && team === null) {
    const any = await db
      .selectFrom('mappings')
      .select('source')
      .where('source', '=', source)
      .executeTakeFirst();
    if (any === undefined)
      throw new FlowlensError(
        'NOT_FOUND',
        `there is no source "${source}": no work items, deployments or mapping name it`,
      );
  }
  const mappings = await loadMappings(db);
  const resolved = mappings.forItem(source, team);
  const statusValues: StatusValue[] = statuses.map((s) => {
    const cls = resolved.classify(s.status);
    return {
      raw: s.status,
      items: s.items,
      current: s.current,
      mapped: cls.stage !== 'unmapped',
      stage: cls.stage,
      state: cls.state,
      overridden: mapping !== null && team !== null && Object.hasOwn(mapping.statuses, s.status),
    };
  });
  // Statuses in the mapping that no item has been in are listed too (so they can be edited).
  for (const raw of Object.keys({ ...sourceMapping?.statuses, ...mapping?.statuses }))
    if (!statusValues.some((s) => s.raw === raw)) {
      const cls = resolved.classify(raw);
      statusValues.push({
        raw,
        items: 0,
        current: 0,
        mapped: true,
        stage: cls.stage,
        state: cls.state,
        overridden: mapping !== null && team !== null && Object.hasOwn(mapping.statuses, raw),
      });
    }
  const typeValues: TypeValue[] = types.map((t) => {
    const cls = resolved.typeOf(t.type);
    return {
      raw: t.type,
      items: Number(t.n),
      mapped: cls.mapped,
      flowType: cls.flowType,
      overridden: mapping !== null && team !== null && Object.hasOwn(mapping.types, t.type),
    };
  });
  for (const raw of Object.keys({ ...sourceMapping?.types, ...mapping?.types }))
    if (!typeValues.some((t) => t.raw === raw)) {
      const cls = resolved.typeOf(raw);
      typeValues.push({
        raw,
        items: 0,
        mapped: cls.mapped,
        flowType: cls.flowType,
        overridden: mapping !== null && team !== null && Object.hasOwn(mapping.types, raw),
      });
    }
  const named = (team === null ? mapping : sourceMapping)?.environments ?? null;
  const environmentValues: EnvironmentValue[] = environments.map((e) => ({
    raw: e.environment,
    deployments: Number(e.n),
    named: named !== null && Object.hasOwn(named, e.environment) ? (named[e.environment] as string) : null,
    production: mappings.isProduction(source, e.environment),
  }));
  for (const raw of Object.keys(named ?? {}))
    if (!environmentValues.some((e) => e.raw === raw))
      environmentValues.push({
        raw,
        deployments: 0,
        named: (named as Record<string, string>)[raw] as string,
        production: mappings.isProduction(source, raw),
      });
  const overridden = new Set(overrides.map((o) => o.team));
  return {
    source,
    team,
    mapping,
    sourceMapping,
    items: Number(itemCount?.n ?? 0),
    // Unmapped first, then the most used.
    statuses: statusValues.sort(
      (a, b) => Number(a.mapped) - Number(b.mapped) || b.items - a.items || compare(a.raw, b.raw),
    ),
    types: typeValues.sort(
      (a, b) => Number(a.mapped) - Number(b.mapped) || b.items - a.items || compare(a.raw, b.raw),
    ),
    environments: environmentValues.sort((a, b) => b.deployments - a.deployments || compare(a.raw, b.raw)),
    teams: [
      ...teams.map((t) => ({
        team: t.team as string,
        items: Number(t.n),
        override: overridden.has(t.team as string),
      })),
      ...[...overridden]
        .filter((t) => !teams.some((x) => x.team === t))
        .map((t) => ({ team: t, items: 0, override: true })),
    ].sort((a, b) => compare(a.team, b.team)),
    versions,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
