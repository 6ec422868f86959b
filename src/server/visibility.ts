/**
 * Value-stream access (docs/security.md, "Value-stream access"): what a principal restricted to one
 * value stream (`request.principal.valueStream`) may see and change, applied by every route that
 * reads or writes the organisation's data. The access policy (src/auth/access-policy.ts) decides
 * whether a role may call a route at all; this module decides which data the call reaches.
 *
 * - Metrics-type reads go through `engineFor`: the engine restricted to the value stream
 *   (`MetricsEngine.within`), where no scope is the value stream, a team counts only while it
 *   belonged to it, and any other scope is NOT_FOUND exactly like one that does not exist.
 * - Organisation reads are filtered by `OrgVisibility` (the value stream, its current teams, their
 *   services and products, the people assigned there); the rest is left out, not refused.
 * - Writes reach only what is visible (else the same NOT_FOUND as for an unknown id); what spans
 *   value streams (a portfolio or value stream created, the overload limits, imports, the mapping
 *   editor) is refused with 403 by `refuseRestricted`.
 *
 * An unrestricted principal (valueStream null) gets every answer exactly as before.
 */
import type { FastifyRequest } from 'fastify';
import {
  entitiesOf,
  KIND_NAMES,
  type OrgChangeEntry,
  type OrgEntity,
  type OrgKind,
  type OrgModelDocument,
  readAssignments,
  readOrgModel,
} from '../admin/index.js';
import type { Principal } from '../auth/principal.js';
import { FlowlensError } from '../domain/index.js';
import type { MetricsEngine, ScopeQuery } from '../engine/index.js';
import type { Overload, ProductNetwork, RoleAssignment, RoleCoverage } from '../org/index.js';
import type { Store } from '../store/index.js';
import { ApiError } from './errors.js';

/**
 * The principal of a request. The authentication hook sets it before any route runs; a route
 * reached without one is a server fault, refused rather than served as anyone.
 */
export function principalOf(request: FastifyRequest): Principal {
  const principal = (request as { principal?: Principal | null }).principal;
  if (principal === undefined || principal === null)
    throw new ApiError(
      500,
      'INTERNAL',
      'the request has no principal: the authentication hook did not run before this route',
    );
  return principal;
}

/** The value stream the request's principal is restricted to; null: the whole organisation. */
export function restrictionOf(request: FastifyRequest): string | null {
  return principalOf(request).valueStream;
}

/** The engine as the request's principal sees it (restricted to its value stream, if any). */
export function engineFor(request: FastifyRequest, engine: MetricsEngine): MetricsEngine {
  const valueStream = restrictionOf(request);
  return valueStream === null ? engine : engine.within(valueStream);
}

/**
 * The scope a request asks about, as the principal may ask it: for a restricted principal, no
 * scope means its value stream (never the whole organisation). Other scopes are checked where they
 * are resolved (`MetricsEngine.within`).
 */
export function scopeFor<T extends ScopeQuery>(request: FastifyRequest, scope: T): T {
  const valueStream = restrictionOf(request);
  if (valueStream === null) return scope;
  const given = scope.team !== undefined || scope.valueStream !== undefined || scope.portfolio !== undefined;
  return given ? scope : { ...scope, valueStream };
}

/**
 * Refuses, with 403, what spans value streams to a principal restricted to one. `what` names it
 * ("importing records", "the mapping editor").
 */
export function refuseRestricted(request: FastifyRequest, what: string): void {
  const principal = principalOf(request);
  if (principal.valueStream === null) return;
  throw new ApiError(
    403,
    'FORBIDDEN',
    `${what} reaches beyond one value stream, and ${principal.name} is restricted to value stream "${principal.valueStream}"; use an account or token without a value-stream restriction (an administrator creates one)`,
  );
}

/** The NOT_FOUND of an id a restricted principal may not see, the same as for one that does not exist. */
function notVisible(kind: OrgKind, id: string, visible: readonly string[]): FlowlensError {
  const list =
    visible.length === 0
      ? 'there are none'
      : `known: ${visible.slice(0, 12).join(', ')}${visible.length > 12 ? ', …' : ''}`;
  return new FlowlensError('NOT_FOUND', `there is no ${KIND_NAMES[kind]} "${id}" (${list})`);
}

/** The NOT_FOUND of a role assignment, worded as for one that does not exist. */
export function assignmentNotFound(id: string): FlowlensError {
  return new FlowlensError(
    'NOT_FOUND',
    `there is no role assignment "${id}"; list them with GET /api/v1/roles/assignments`,
  );
}

/**
 * The part of the organisation a principal restricted to one value stream sees, as it is now: the
 * value stream, the teams in it now, their services and products, the people who hold or held a
 * role in it or in one of those teams, and those role assignments.
 */
export class OrgVisibility {
  private constructor(
    readonly valueStream: string,
    private readonly model: OrgModelDocument,
    private readonly visible: Readonly<Record<OrgKind, ReadonlySet<string>>>,
    private readonly assignmentIds: ReadonlySet<string>,
    private readonly hidden: ReadonlySet<string>,
  ) {}

  /** What the value stream's principal sees, read from the store. */
  static async load(store: Store, valueStream: string): Promise<OrgVisibility> {
    const [model, assignments] = await Promise.all([
      readOrgModel(store, { changes: 0 }),
      readAssignments(store),
    ]);
    const streams = new Set(model.valueStreams.filter((v) => v.id === valueStream).map((v) => v.id));
    const teams = new Set(model.teams.filter((t) => t.parent === valueStream).map((t) => t.id));
    const inside = (a: RoleAssignment) =>
      a.team === null ? a.valueStream === valueStream : teams.has(a.team);
    const held = assignments.filter(inside);
    const visible: Record<OrgKind, ReadonlySet<string>> = {
      portfolio: new Set(),
      valueStream: streams,
      team: teams,
      service: new Set(model.services.filter((s) => teams.has(s.parent ?? '')).map((s) => s.id)),
      product: new Set(model.products.filter((p) => teams.has(p.parent ?? '')).map((p) => p.id)),
      person: new Set(held.map((a) => a.person)),
    };
    const hidden = new Set<string>();
    for (const kind of Object.keys(visible) as OrgKind[])
      for (const entity of entitiesOf(model, kind)) if (!visible[kind].has(entity.id)) hidden.add(entity.id);
    // An id that is visible as one kind (a team and a service of the same name) is not hidden text.
    for (const kind of Object.keys(visible) as OrgKind[]) for (const id of visible[kind]) hidden.delete(id);
    return new OrgVisibility(valueStream, model, visible, new Set(held.map((a) => a.id)), hidden);
  }

  /** Whether the principal sees this entity. */
  sees(kind: OrgKind, id: string): boolean {
    return this.visible[kind].has(id);
  }

  /** NOT_FOUND, worded as for an id that does not exist, unless the principal sees the entity. */
  check(kind: OrgKind, id: string): void {
    if (!this.sees(kind, id)) throw notVisible(kind, id, [...this.visible[kind]].sort());
  }

  /** Whether the principal sees this role assignment. */
  seesAssignment(assignment: { id: string; team: string | null; valueStream: string | null }): boolean {
    if (this.assignmentIds.has(assignment.id)) return true;
    return assignment.team === null
      ? assignment.valueStream === this.valueStream
      : this.visible.team.has(assignment.team);
  }

  /** NOT_FOUND, worded as for an id that does not exist, unless the principal sees the assignment. */
  checkAssignment(id: string): void {
    if (!this.assignmentIds.has(id)) throw assignmentNotFound(id);
  }

  /** The editor's model: only what the principal sees; past parents only while inside. */
  filterModel(model: OrgModelDocument, unregisteredProducts: OrgModelDocument['unregisteredProducts']) {
    const keep = (kind: OrgKind) => (list: readonly OrgEntity[]) =>
      list.filter((e) => this.sees(kind, e.id)).map((e) => this.entity(e));
    return {
      portfolios: keep('portfolio')(model.portfolios),
      valueStreams: keep('valueStream')(model.valueStreams),
      teams: keep('team')(model.teams),
      services: keep('service')(model.services),
      products: keep('product')(model.products),
      people: keep('person')(model.people),
      unregisteredProducts,
      changes: this.filterChanges(model.changes),
    };
  }

  /**
   * A visible entity as the principal sees it: where it was before its moves only for the times
   * its parent was visible too; a value stream's portfolio is not shown.
   */
  entity(entity: OrgEntity): OrgEntity {
    const parentKind: Partial<Record<OrgKind, OrgKind>> = {
      valueStream: 'portfolio',
      team: 'valueStream',
      service: 'team',
      product: 'team',
    };
    const kind = parentKind[entity.kind];
    if (kind === undefined) return entity;
    const visibleParent = (parent: string | null | undefined) =>
      parent === null || parent === undefined || this.sees(kind, parent);
    return {
      ...entity,
      ...(entity.parent === undefined || visibleParent(entity.parent) ? {} : { parent: null }),
      ...(entity.history === undefined
        ? {}
        : { history: entity.history.filter((h) => h.parent !== null && visibleParent(h.parent)) }),
    };
  }

  /**
   * The edits the principal sees: those of a visible entity or assignment whose summary names
   * nothing the principal does not see (a move out of the value stream names where it went).
   */
  filterChanges(changes: readonly OrgChangeEntry[]): OrgChangeEntry[] {
    return changes.filter((change) => {
      const target =
        change.kind === 'role'
          ? this.assignmentIds.has(change.target)
          : (['valueStream', 'team', 'service', 'product', 'person'] as const).some(
              (kind) => kind === change.kind && this.sees(kind, change.target),
            );
      if (!target) return false;
      return !change.summary
        .split(/[\s,;:()"'`]+/)
        .some((word) => this.hidden.has(word) || this.hidden.has(word.replace(/('s|\.)$/, '')));
    });
  }

  /** Role coverage of the value stream alone; overloaded people only if seen, without other places' names. */
  filterCoverage(coverage: RoleCoverage): RoleCoverage {
    return {
      ...coverage,
      valueStreams: coverage.valueStreams
        .filter((v) => v.valueStream.id === this.valueStream)
        .map((v) => ({ ...v, overloaded: this.filterOverload(v.overloaded, coverage) })),
      overloaded: this.filterOverload(coverage.overloaded, coverage),
    };
  }

  private filterOverload(list: readonly Overload[], coverage: RoleCoverage): Overload[] {
    return list
      .filter((o) => this.sees('person', o.person))
      .map((o) => {
        const teams = o.teams.filter((t) => this.sees('team', t));
        const streams = o.valueStreams.filter((v) => v === this.valueStream);
        const name = this.model.people.find((p) => p.id === o.person)?.name ?? o.person;
        const limits = coverage.limits;
        const over = o.rules.map((rule) =>
          rule === 'teams'
            ? `roles in ${o.teams.length} teams (the limit is ${limits.maxTeams})`
            : rule === 'valueStreams'
              ? `roles in ${o.valueStreams.length} value streams (the limit is ${limits.maxValueStreams})`
              : `facilitation of more teams than the limit of ${limits.maxFacilitatedTeams}`,
        );
        return {
          ...o,
          teams,
          valueStreams: streams,
          why:
            `${name} is overloaded: ${over.join('; ')}. Only the places in value stream ${this.valueStream} are ` +
            'named here; someone spread that thin makes the work of each team and stream wait for them.',
        };
      });
  }

  /** The product management network among the people, teams and links inside the value stream. */
  filterNetwork(network: ProductNetwork): ProductNetwork {
    const teamSeen = (t: string | null) => t !== null && this.sees('team', t);
    const dependencies = network.dependencies.filter((d) => teamSeen(d.teams[0]) && teamSeen(d.teams[1]));
    const people = network.people
      .map((p) => ({
        ...p,
        roles: p.roles.filter((r) =>
          r.team === null ? r.valueStream === this.valueStream : teamSeen(r.team),
        ),
        valueStreams: p.valueStreams.filter((v) => v === this.valueStream),
        teams: p.teams.filter((t) => teamSeen(t)),
      }))
      .filter((p) => p.roles.length > 0);
    const kept = new Set(people.map((p) => p.id));
    const links = network.links
      .filter((l) => kept.has(l.source) && kept.has(l.target))
      .map((l) => ({
        ...l,
        valueStreams: l.valueStreams.filter((v) => v === this.valueStream),
        dependencies: l.dependencies.filter((d) => teamSeen(d.teams[0]) && teamSeen(d.teams[1])),
      }))
      .filter((l) => l.valueStreams.length > 0 || l.dependencies.length > 0);
    return {
      ...network,
      people,
      valueStreams: network.valueStreams.filter((v) => v.id === this.valueStream),
      teams: network.teams.filter((t) => teamSeen(t.id)),
      links,
      dependencies,
    };
  }

  /** The visible teams (now in the value stream). */
  teams(): readonly string[] {
    return [...this.visible.team].sort();
  }
}

/** The products named on the work items of the teams, with their item counts, that the organisation does not know. */
export async function unregisteredProductsOf(
  store: Store,
  teams: readonly string[],
  known: readonly OrgEntity[],
): Promise<OrgModelDocument['unregisteredProducts']> {
  if (teams.length === 0) return [];
  const rows = await store.db
    .selectFrom('work_items')
    .select((eb) => ['product', eb.fn.countAll<number>().as('items')])
    .where('product', 'is not', null)
    .where('team', 'in', [...teams])
    .groupBy('product')
    .execute();
  const registered = new Set(known.map((p) => p.id));
  return rows
    .filter((row) => row.product !== null && !registered.has(row.product))
    .map((row) => ({ product: row.product as string, items: Number(row.items) }))
    .sort((a, b) => b.items - a.items || (a.product < b.product ? -1 : 1));
}
