/**
 * The organisation and role routes under `/api/v1` (docs/organisation.md): the editable model, the
 * creation, renaming, moving and archiving of its entities, a team's ownership, role assignments,
 * role coverage with its gaps and overload, the overload limits and the product management network.
 * Edits are recorded as the request's principal (`actorOf`); the engine reloads the
 * organisation after each, so metrics by scope follow a move at once.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  addAssignment,
  createEntity,
  entitiesOf,
  KIND_NAMES,
  listAssignments,
  type OrgKind,
  readOrgEntity,
  readOrgModel,
  readOverloadLimits,
  readProductNetwork,
  readRoleCoverage,
  recentChanges,
  removeAssignment,
  saveOverloadLimits,
  updateAssignment,
  updateEntity,
} from '../admin/index.js';
import { formatInstant } from '../contract/index.js';
import { FlowlensError, type RoleName } from '../domain/index.js';
import { type MetricsEngine, parseDateParam } from '../engine/index.js';
import type { RoleCoverage } from '../org/index.js';
import type { Store } from '../store/index.js';
import { editContext } from './editor-routes.js';
import { ApiError } from './errors.js';
import {
  actorHeaders,
  assignmentBodySchema,
  assignmentDatesSchema,
  assignmentParamsSchema,
  assignmentsQuerySchema,
  COLLECTIONS,
  createBodySchema,
  entityParamsSchema,
  limitsBodySchema,
  networkQuerySchema,
  orgResponses,
  rolesQuerySchema,
  updateBodySchema,
} from './org-schemas.js';
import {
  OrgVisibility,
  principalOf,
  refuseRestricted,
  restrictionOf,
  unregisteredProductsOf,
} from './visibility.js';

export interface OrgRouteContext {
  readonly store: Store;
  readonly engine: MetricsEngine;
  readonly now: () => number;
}

const date = (label: string, value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : parseDateParam(label, value);

export function registerOrgRoutes(api: FastifyInstance, context: OrgRouteContext): void {
  const { store, engine, now } = context;

  api.get(
    '/org/model',
    {
      schema: {
        summary: 'The whole organisation, as the editor shows it',
        description:
          'Portfolios, value streams, teams, services, products and people, archived ones included, each with ' +
          'its parent and (teams, value streams, services) where it belonged before its moves; the products ' +
          'work items name that the organisation does not know; and the latest edits.',
        tags: ['organisation'],
        response: orgResponses.model,
      },
    },
    async (request) => {
      const model = await readOrgModel(store);
      const restriction = restrictionOf(request);
      if (restriction === null) return model;
      const visibility = await OrgVisibility.load(store, restriction);
      return visibility.filterModel(
        model,
        await unregisteredProductsOf(store, visibility.teams(), model.products),
      );
    },
  );

  for (const [collection, kind] of Object.entries(COLLECTIONS) as [string, OrgKind][]) {
    api.post(
      `/org/${collection}`,
      {
        schema: {
          summary: `Create a ${kind === 'valueStream' ? 'value stream' : kind}`,
          description:
            'Writes the same record an import would (by its natural key), so a later import of the organisation ' +
            'file updates it. 409 when one with the id exists.',
          tags: ['organisation'],
          headers: actorHeaders,
          body: createBodySchema(kind),
          response: orgResponses.created,
        },
      },
      async (request, reply) => {
        const body = request.body as Record<string, string | null | undefined>;
        await checkCreate(request, store, kind, body.parent);
        const entity = await createEntity(store, editContext(request, now), kind, {
          id: body.id as string,
          name: body.name ?? undefined,
          parent: body.parent,
          email: body.email,
          repository: body.repository,
          description: body.description,
        });
        await engine.reloadOrganisation();
        reply.code(201);
        return entity;
      },
    );
    api.patch(
      `/org/${collection}/:id`,
      {
        schema: {
          summary: `Rename, move or archive a ${kind === 'valueStream' ? 'value stream' : kind}`,
          description:
            kind === 'team' || kind === 'valueStream' || kind === 'service'
              ? 'A new parent is a move, effective at `effectiveAt` (default now): where it was until then is ' +
                'kept, and metrics count its work where it was at each item’s completion.'
              : 'Changes the fields given.',
          tags: ['organisation'],
          headers: actorHeaders,
          params: entityParamsSchema,
          body: updateBodySchema(kind),
          response: orgResponses.entity,
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const body = request.body as Record<string, string | boolean | null | undefined>;
        await checkUpdate(request, store, kind, id, body);
        const entity = await updateEntity(store, editContext(request, now), kind, id, {
          name: body.name as string | undefined,
          parent: body.parent as string | null | undefined,
          effectiveAtMs: date('effectiveAt', body.effectiveAt as string | undefined) ?? undefined,
          archived: body.archived as boolean | undefined,
          email: body.email as string | null | undefined,
          repository: body.repository as string | null | undefined,
          description: body.description as string | null | undefined,
        });
        await engine.reloadOrganisation();
        return entity;
      },
    );
  }

  api.get(
    '/org/teams/:id',
    {
      schema: {
        summary: 'A team: where it is and was, what it owns, who holds its roles',
        tags: ['organisation'],
        params: entityParamsSchema,
        response: orgResponses.team,
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const restriction = restrictionOf(request);
      const visibility = restriction === null ? null : await OrgVisibility.load(store, restriction);
      visibility?.check('team', id);
      const model = await readOrgModel(store, { changes: 0 });
      const team = model.teams.find((t) => t.id === id);
      if (team === undefined) await readOrgEntity(store, 'team', id);
      const current = team as NonNullable<typeof team>;
      const stream = entitiesOf(model, 'valueStream').find((v) => v.id === current.parent);
      return {
        team: visibility === null ? current : visibility.entity(current),
        valueStream: stream === undefined ? null : { id: stream.id, name: stream.name },
        services: model.services
          .filter((s) => s.parent === id)
          .map((s) => (visibility === null ? s : visibility.entity(s))),
        products: model.products.filter((p) => p.parent === id),
        roles: await listAssignments(store, { team: id, heldAtMs: now() }, now()),
        changes: await recentChanges(store.db, 20, { kind: 'team', target: id }).then((changes) =>
          visibility === null ? changes : visibility.filterChanges(changes),
        ),
      };
    },
  );

  api.get(
    '/roles',
    {
      schema: {
        summary: 'Role coverage of the value streams, with gaps and overload',
        description:
          'For each value stream, the DVS roles × who holds them (for the value stream and in each team), the ' +
          'gaps (a value-stream role nobody holds, a team without a product owner) and the overloaded people, each ' +
          'with why it matters. The limits are the stored ones unless given here.',
        tags: ['roles'],
        querystring: rolesQuerySchema,
        response: orgResponses.roles,
      },
    },
    async (request) => {
      const query = request.query as Record<string, string | number | undefined>;
      const asOfMs = date('asOf', query.asOf as string | undefined) ?? now();
      const limits = Object.fromEntries(
        ['maxTeams', 'maxValueStreams', 'maxFacilitatedTeams'].flatMap((k) =>
          query[k] === undefined ? [] : [[k, query[k]]],
        ),
      );
      const restriction = restrictionOf(request);
      const all = await readRoleCoverage(store, { asOfMs, limits });
      // Restricted to a value stream: its coverage alone, as if the others did not exist.
      const coverage =
        restriction === null ? all : (await OrgVisibility.load(store, restriction)).filterCoverage(all);
      const wanted = query.valueStream as string | undefined;
      if (wanted !== undefined && !coverage.valueStreams.some((v) => v.valueStream.id === wanted))
        throw new FlowlensError(
          'NOT_FOUND',
          `there is no value stream "${wanted}" that is not archived (known: ${coverage.valueStreams
            .map((v) => v.valueStream.id)
            .join(', ')})`,
        );
      return coverageJson({
        ...coverage,
        valueStreams: coverage.valueStreams.filter(
          (v) => wanted === undefined || v.valueStream.id === wanted,
        ),
      });
    },
  );

  api.get(
    '/roles/assignments',
    {
      schema: {
        summary: 'Role assignments',
        tags: ['roles'],
        querystring: assignmentsQuerySchema,
        response: orgResponses.assignments,
      },
    },
    async (request) => {
      const query = request.query as Record<string, string | undefined>;
      const restriction = restrictionOf(request);
      const visibility = restriction === null ? null : await OrgVisibility.load(store, restriction);
      const assignments = await listAssignments(
        store,
        {
          person: query.person,
          role: query.role as RoleName | undefined,
          team: query.team,
          valueStream: query.valueStream,
          heldAtMs: date('heldAt', query.heldAt) ?? undefined,
        },
        now(),
      );
      return {
        assignments:
          visibility === null ? assignments : assignments.filter((a) => visibility.seesAssignment(a)),
      };
    },
  );

  api.post(
    '/roles/assignments',
    {
      schema: {
        summary: 'Assign a role to a person, in a value stream or a team, with dates',
        description: '409 when the person holds the role there already at an overlapping time.',
        tags: ['roles'],
        headers: actorHeaders,
        body: assignmentBodySchema,
        response: orgResponses.assignment,
      },
    },
    async (request, reply) => {
      const body = request.body as Record<string, string | null | undefined>;
      const restriction = restrictionOf(request);
      if (restriction !== null) {
        // Only in the value stream or one of its teams; any existing person may be assigned there.
        const visibility = await OrgVisibility.load(store, restriction);
        if (typeof body.team === 'string') visibility.check('team', body.team);
        else if (typeof body.valueStream === 'string') visibility.check('valueStream', body.valueStream);
      }
      const assignment = await addAssignment(store, editContext(request, now), {
        person: body.person as string,
        role: body.role as string,
        team: body.team,
        valueStream: body.valueStream,
        fromMs: date('from', body.from),
        toMs: date('to', body.to),
      });
      reply.code(201);
      return assignment;
    },
  );

  api.patch(
    '/roles/assignments/:id',
    {
      schema: {
        summary: 'Change the dates of a role assignment (end it with `to`)',
        description: 'The id changes when `from` does: the start is part of the assignment’s natural key.',
        tags: ['roles'],
        headers: actorHeaders,
        params: assignmentParamsSchema,
        body: assignmentDatesSchema,
        response: orgResponses.assignment,
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as Record<string, string | null | undefined>;
      await checkAssignment(request, store, id);
      return updateAssignment(store, editContext(request, now), id, {
        fromMs: date('from', body.from),
        toMs: date('to', body.to),
      });
    },
  );

  api.delete(
    '/roles/assignments/:id',
    {
      schema: {
        summary: 'Remove a role assignment (to end one, give it an end date instead)',
        tags: ['roles'],
        headers: actorHeaders,
        params: assignmentParamsSchema,
        response: orgResponses.deleted,
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      await checkAssignment(request, store, id);
      await removeAssignment(store, editContext(request, now), id);
      return { deleted: id };
    },
  );

  api.get(
    '/roles/settings',
    {
      schema: { summary: 'The overload limits', tags: ['roles'], response: orgResponses.limits },
    },
    async () => readOverloadLimits(store),
  );

  api.put(
    '/roles/settings',
    {
      schema: {
        summary: 'Change the overload limits',
        tags: ['roles'],
        headers: actorHeaders,
        body: limitsBodySchema,
        response: orgResponses.limits,
      },
    },
    async (request) => {
      refuseRestricted(request, 'The overload limits apply to every value stream: changing them');
      return saveOverloadLimits(store, editContext(request, now), request.body as Record<string, unknown>);
    },
  );

  api.get(
    '/roles/network',
    {
      schema: {
        summary: 'The product management network',
        description:
          'The people holding product roles (product managers and owners, architects, business analysts, UX and ' +
          'security leads), linked when they hold roles in the same value stream or when teams they answer for ' +
          'depend on each other (their work items share a parent).',
        tags: ['roles'],
        querystring: networkQuerySchema,
        response: orgResponses.network,
      },
    },
    async (request) => {
      const query = request.query as { asOf?: string };
      const all = await readProductNetwork(store, date('asOf', query.asOf) ?? now());
      const restriction = restrictionOf(request);
      const network =
        restriction === null ? all : (await OrgVisibility.load(store, restriction)).filterNetwork(all);
      const { asOfMs, ...rest } = network;
      return { asOf: formatInstant(asOfMs), ...rest };
    },
  );
}

/** The kind of each kind's parent, for the checks of a restricted editor's writes. */
const PARENT_KIND: Partial<Record<OrgKind, OrgKind>> = {
  team: 'valueStream',
  service: 'team',
  product: 'team',
};

/**
 * What a principal restricted to a value stream may create: a team in it, a service or product of
 * one of its teams, a person (people belong to no value stream). A portfolio or value stream, or
 * anything placed outside it, is refused; a parent it does not see is NOT_FOUND.
 */
async function checkCreate(
  request: FastifyRequest,
  store: Store,
  kind: OrgKind,
  parent: string | null | undefined,
): Promise<void> {
  const restriction = restrictionOf(request);
  if (restriction === null || kind === 'person') return;
  const parentKind = PARENT_KIND[kind];
  if (parentKind === undefined) {
    refuseRestricted(request, `Creating a ${KIND_NAMES[kind]}`);
    return;
  }
  if (parent === null || parent === undefined)
    throw new ApiError(
      403,
      'FORBIDDEN',
      `parent: ${principalOf(request).name} is restricted to value stream "${restriction}", so a ${KIND_NAMES[kind]} it creates must be inside it; give its ${KIND_NAMES[parentKind]} as parent`,
    );
  (await OrgVisibility.load(store, restriction)).check(parentKind, parent);
}

/**
 * What a principal restricted to a value stream may change: what it sees, and a move only to a
 * parent it sees; the value stream itself may be renamed, not moved or archived.
 */
async function checkUpdate(
  request: FastifyRequest,
  store: Store,
  kind: OrgKind,
  id: string,
  body: Record<string, unknown>,
): Promise<void> {
  const restriction = restrictionOf(request);
  if (restriction === null) return;
  const visibility = await OrgVisibility.load(store, restriction);
  visibility.check(kind, id);
  if (kind === 'valueStream' && (body.parent !== undefined || body.archived !== undefined))
    refuseRestricted(request, 'Moving or archiving a value stream');
  const parentKind = PARENT_KIND[kind];
  if (parentKind === undefined || body.parent === undefined) return;
  if (body.parent === null)
    throw new ApiError(
      403,
      'FORBIDDEN',
      `parent: ${principalOf(request).name} is restricted to value stream "${restriction}" and may not take ${KIND_NAMES[kind]} "${id}" out of it; give one of its ${KIND_NAMES[parentKind]}s as parent`,
    );
  visibility.check(parentKind, body.parent as string);
}

/** NOT_FOUND, as for an unknown id, for an assignment a restricted principal does not see. */
async function checkAssignment(request: FastifyRequest, store: Store, id: string): Promise<void> {
  const restriction = restrictionOf(request);
  if (restriction !== null) (await OrgVisibility.load(store, restriction)).checkAssignment(id);
}

/** The coverage with instants as ISO 8601. */
export function coverageJson(coverage: RoleCoverage) {
  const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms));
  return {
    asOf: formatInstant(coverage.asOfMs),
    limits: coverage.limits,
    valueStreams: coverage.valueStreams.map((v) => ({
      ...v,
      rows: v.rows.map((row) => {
        const holder = (h: (typeof row.valueStream)[number]) => ({
          person: h.person,
          name: h.name,
          assignment: h.assignment,
          from: iso(h.fromMs),
          to: iso(h.toMs),
        });
        return {
          ...row,
          valueStream: row.valueStream.map(holder),
          teams: Object.fromEntries(
            Object.entries(row.teams).map(([team, holders]) => [team, holders.map(holder)]),
          ),
        };
      }),
    })),
    overloaded: coverage.overloaded,
  };
}
