/**
 * The mapping editor's routes under `/api/v1` (docs/organisation.md, "The mapping editor"): the
 * sources and their raw statuses, types and environments; the preview of a proposed mapping; saving
 * a version (who, when, what changed), removing a team's override and restoring any version, each of
 * which starts the recomputation of the source's facts in the background; and that recomputation's
 * progress. The metrics use the new mapping once its recomputation is done.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  latestVersions,
  listMappingSources,
  previewMapping,
  type RecomputeJobs,
  readMappingSource,
  removeOverride,
  restoreVersion,
  type SaveResult,
  saveMapping,
} from '../admin/index.js';
import { DAY_MS, FlowlensError } from '../domain/index.js';
import { dataExtent, type MetricsEngine, parseDateParam } from '../engine/index.js';
import type { MappingContent } from '../org/index.js';
import type { Store } from '../store/index.js';
import { editContext } from './editor-routes.js';
import {
  actorHeaders,
  jobParamsSchema,
  orgResponses,
  overrideParamsSchema,
  previewBodySchema,
  restoreBodySchema,
  restoreParamsSchema,
  saveBodySchema,
  sourceParamsSchema,
  teamQuerySchema,
} from './org-schemas.js';
import { refuseRestricted } from './visibility.js';

export interface MappingRouteContext {
  readonly store: Store;
  readonly engine: MetricsEngine;
  readonly now: () => number;
  /** The background recomputations (one per server). */
  readonly jobs: RecomputeJobs;
}

/**
 * Sources span value streams (one Jira project or repository feeds many teams), so the mapping
 * editor, reading included, is for principals without a value-stream restriction.
 */
const refuseMappingEditor = async (request: FastifyRequest) =>
  refuseRestricted(request, 'The mapping editor (sources and their mappings span value streams)');

/** The preview's default period: the 90 days up to the day after the last activity. */
const DEFAULT_PREVIEW_DAYS = 90;

export function registerMappingRoutes(api: FastifyInstance, context: MappingRouteContext): void {
  const { store, engine, now, jobs } = context;
  const withJob = (result: SaveResult, source: string, team: string | null, what: string) => ({
    ...result,
    job: result.saved ? jobs.start(source, team, what) : null,
  });

  api.get(
    '/mappings',
    {
      onRequest: refuseMappingEditor,
      schema: {
        summary: 'The sources and their mappings',
        description:
          'Each source with its raw values, how many are unmapped, its team overrides and versions.',
        tags: ['mappings'],
        response: orgResponses.sources,
      },
    },
    async () => ({ sources: await listMappingSources(store, engine.index), jobs: jobs.list() }),
  );

  api.get(
    '/mappings/jobs',
    {
      onRequest: refuseMappingEditor,
      schema: {
        summary: 'The recomputations mapping changes started, newest first',
        tags: ['mappings'],
        response: orgResponses.jobs,
      },
    },
    async () => ({ jobs: jobs.list() }),
  );

  api.get(
    '/mappings/jobs/:id',
    {
      onRequest: refuseMappingEditor,
      schema: {
        summary: 'One recomputation: its state and progress',
        tags: ['mappings'],
        params: jobParamsSchema,
        response: orgResponses.job,
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const job = jobs.get(id);
      if (job === undefined) throw new FlowlensError('NOT_FOUND', `there is no recomputation ${id}`);
      return job;
    },
  );

  api.get(
    '/mappings/:source',
    {
      onRequest: refuseMappingEditor,
      schema: {
        summary: 'A source’s raw statuses, types and environments, and how they are mapped',
        description:
          'Every raw status and type seen in its items (unmapped first) with item counts and the current stage, ' +
          'state and flow type; its deployments’ environments; its team overrides; its latest versions. With ' +
          '`team`, the same over that team’s items, with the team’s override applied.',
        tags: ['mappings'],
        params: sourceParamsSchema,
        querystring: teamQuerySchema,
        response: orgResponses.source,
      },
    },
    async (request) => {
      const { source } = request.params as { source: string };
      const { team } = request.query as { team?: string };
      return {
        ...(await readMappingSource(store, engine.index, source, team ?? null)),
        jobs: jobs.list(source),
      };
    },
  );

  api.post(
    '/mappings/:source/preview',
    {
      onRequest: refuseMappingEditor,
      schema: {
        summary: 'Preview how a proposed mapping changes the headline metrics',
        description:
          'The organisation’s (and the source’s) velocity, flow and lead time, efficiency, load, distribution and ' +
          'stage shares for the period, now and with the proposed mapping of the source (or of `team`’s ' +
          'override; null removes it). Nothing is saved. The period defaults to the 90 days up to the data’s end.',
        tags: ['mappings'],
        params: sourceParamsSchema,
        body: previewBodySchema,
        response: orgResponses.preview,
      },
    },
    async (request) => {
      const { source } = request.params as { source: string };
      const body = request.body as {
        team?: string;
        mapping: MappingContent | null;
        from?: string;
        to?: string;
      };
      const toMs = body.to === undefined ? defaultEnd(engine, now) : parseDateParam('to', body.to);
      const fromMs =
        body.from === undefined ? toMs - DEFAULT_PREVIEW_DAYS * DAY_MS : parseDateParam('from', body.from);
      if (!(fromMs < toMs))
        throw new FlowlensError('INVALID_ARGUMENT', 'the period is empty: to must be after from');
      await readMappingSource(store, engine.index, source, body.team ?? null);
      return previewMapping(store, engine, {
        source,
        team: body.team ?? null,
        mapping: body.mapping,
        period: { fromMs, toMs },
      });
    },
  );

  api.put(
    '/mappings/:source',
    {
      onRequest: refuseMappingEditor,
      schema: {
        summary: 'Save a source’s mapping (or a team’s override) as a new version',
        description:
          'Records who (the signed-in user or token), when and what changed, and starts recomputing the source’s facts in ' +
          'the background (`job`; follow it at /mappings/jobs/{id}). Saving the mapping in force changes nothing.',
        tags: ['mappings'],
        headers: actorHeaders,
        params: sourceParamsSchema,
        body: saveBodySchema,
        response: orgResponses.save,
      },
    },
    async (request) => {
      const { source } = request.params as { source: string };
      const body = request.body as MappingContent & {
        team?: string;
        note?: string;
        environments?: MappingContent['environments'];
      };
      const team = body.team ?? null;
      const result = await saveMapping(store, editContext(request, now), {
        source,
        team,
        mapping: { statuses: body.statuses, types: body.types, environments: body.environments ?? null },
        note: body.note,
      });
      return withJob(result, source, team, `version ${result.version?.version ?? '?'} saved`);
    },
  );

  api.delete(
    '/mappings/:source/overrides/:team',
    {
      onRequest: refuseMappingEditor,
      schema: {
        summary: 'Remove a team’s override of a source’s mapping (as a new version)',
        tags: ['mappings'],
        headers: actorHeaders,
        params: overrideParamsSchema,
        response: orgResponses.save,
      },
    },
    async (request) => {
      const { source, team } = request.params as { source: string; team: string };
      const result = await removeOverride(store, editContext(request, now), { source, team });
      return withJob(result, source, team, `override of ${team} removed`);
    },
  );

  api.get(
    '/mappings/:source/versions',
    {
      onRequest: refuseMappingEditor,
      schema: {
        summary: 'Every version of a source’s mapping (or of a team’s override), newest first',
        tags: ['mappings'],
        params: sourceParamsSchema,
        querystring: teamQuerySchema,
        response: orgResponses.versions,
      },
    },
    async (request) => {
      const { source } = request.params as { source: string };
      const { team } = request.query as { team?: string };
      return { versions: await latestVersions(store, source, team ?? null) };
    },
  );

  api.post(
    '/mappings/:source/versions/:version/restore',
    {
      onRequest: refuseMappingEditor,
      schema: {
        summary: 'Restore a version of a mapping (saved again as a new version)',
        tags: ['mappings'],
        headers: actorHeaders,
        params: restoreParamsSchema,
        body: restoreBodySchema,
        response: orgResponses.save,
      },
    },
    async (request) => {
      const { source, version } = request.params as { source: string; version: number };
      const body = (request.body ?? {}) as { team?: string; note?: string };
      const team = body.team ?? null;
      const result = await restoreVersion(store, editContext(request, now), {
        source,
        team,
        version,
        note: body.note,
      });
      return withJob(result, source, team, `version ${version} restored`);
    },
  );
}

/** The day after the last activity (00:00 UTC), as the web UI's default period ends. */
function defaultEnd(engine: MetricsEngine, now: () => number): number {
  const last = dataExtent(engine).lastActivity;
  const ms = last === null ? now() : Date.parse(last);
  return (Math.floor(ms / DAY_MS) + 1) * DAY_MS;
}
