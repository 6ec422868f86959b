/** The routes under `/api/v1`. */
import { statfsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/plugin.js';
import { FlowlensError } from '../domain/index.js';
import { type MetricsEngine, type MetricsQuery, parseDateParam } from '../engine/index.js';
import { type ImportSummary, importFiles } from '../ingest/index.js';
import { type Store, type StoreFaultReason, type StoreHealthState, storeHealth } from '../store/index.js';
import {
  importQuerySchema,
  itemParamsSchema,
  metricsQuerySchema,
  NDJSON_TYPES,
  responses,
  seriesQuerySchema,
} from './schemas.js';
import { SerialQueue, spoolToFile, tooLarge, unsupportedMediaType } from './upload.js';
import { FLOWLENS_VERSION } from './version.js';
import { engineFor, refuseRestricted, scopeFor } from './visibility.js';

export interface RouteContext {
  readonly store: Store;
  readonly engine: MetricsEngine;
  readonly demo: boolean;
  readonly bodyLimitBytes: number;
  readonly uploadDir?: string;
}

export interface MetricsQuerystring {
  readonly from: string;
  readonly to: string;
  readonly team?: string;
  readonly valueStream?: string;
  readonly 'value-stream'?: string;
  readonly portfolio?: string;
}

interface SeriesQuerystring extends MetricsQuerystring {
  readonly aging: number;
}

/** What the import's summary calls the request body (instead of the temporary file's path). */
export const UPLOAD_NAME = 'upload.ndjson';

export function registerRoutes(api: FastifyInstance, context: RouteContext): void {
  const { engine, store } = context;

  api.get(
    '/metrics',
    {
      schema: {
        summary: 'Flow metrics, DORA metrics and data quality of a scope and period',
        description:
          'The same document as `flowlens metrics --json` (contract.md §2). Give at most one of team, ' +
          'valueStream and portfolio; without one, the whole organisation.',
        tags: ['metrics'],
        querystring: metricsQuerySchema,
        response: responses.metrics,
      },
    },
    async (request) =>
      engineFor(request, engine).metrics(
        scopeFor(request, toMetricsQuery(request.query as MetricsQuerystring)),
      ),
  );

  api.get(
    '/metrics/series',
    {
      schema: {
        summary: 'The series behind the metrics',
        description:
          'Weekly velocity by flow type, daily throughput and load, cumulative flow, wait by status and ' +
          'aging work in progress (at most `aging` items, oldest first).',
        tags: ['metrics'],
        querystring: seriesQuerySchema,
        response: responses.series,
      },
    },
    async (request) => {
      const query = request.query as SeriesQuerystring;
      const series = engineFor(request, engine).series(scopeFor(request, toMetricsQuery(query)));
      return { ...series, aging: series.aging.slice(0, query.aging), agingTotal: series.aging.length };
    },
  );

  api.get(
    '/items/:source/:id',
    {
      schema: {
        summary: 'One work item',
        description:
          'Its record, status history with durations, facts now, and the changes, deployments and ' +
          'incidents linked to it. URL-encode the source and id (`github%3Aacme%2Fpayments`).',
        tags: ['items'],
        params: itemParamsSchema,
        response: responses.item,
      },
    },
    async (request) => {
      const { source, id } = request.params as { source: string; id: string };
      return await engineFor(request, engine).item(source, id);
    },
  );

  api.get(
    '/org',
    {
      schema: {
        summary: 'The organisation',
        description:
          'Portfolios → value streams → teams → services; what belongs to none is listed apart. Archived ' +
          'entities are left out (their metrics stay available); /org/model lists everything.',
        tags: ['organisation'],
        response: responses.org,
      },
    },
    async (request) => engineFor(request, engine).tree(),
  );

  api.get(
    '/health',
    {
      schema: {
        summary: 'Whether the server is up, and on which database',
        tags: ['server'],
        response: responses.health,
      },
    },
    async () => {
      const health = storeHealthNow(store);
      return {
        status: health.status,
        reasons: health.reasons,
        version: FLOWLENS_VERSION,
        database: store.location,
        schemaVersion: store.schemaVersion,
        items: engine.index.live,
        demo: context.demo,
      };
    },
  );

  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());

  api.register((scope, _opts, done) => {
    registerImportRoute(scope, context);
    done();
  });
}

/**
 * `POST /import`: the body (NDJSON) is streamed to a temporary file, imported as `flowlens import`
 * would, and the engine refreshed, one import at a time.
 */
function registerImportRoute(scope: FastifyInstance, context: RouteContext): void {
  const { engine, store, bodyLimitBytes } = context;
  const imports = new SerialQueue();
  // Only NDJSON is taken here, as the raw stream: the handler spools it to disk.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser([...NDJSON_TYPES], (_request, payload, done) => done(null, payload));

  scope.post(
    '/import',
    {
      schema: {
        summary: 'Import interchange records (NDJSON)',
        description:
          'As `flowlens import`: valid lines are imported and invalid ones listed in the summary. The ' +
          'answer is 200 even when lines were rejected; check `totals.rejected`. With strict=true, a body ' +
          'with any invalid line imports nothing (`files[0].status` is `rejected`). Imports run one at ' +
          'a time; the metrics include the import once it has answered.',
        tags: ['import'],
        querystring: importQuerySchema,
        response: responses.import,
      },
    },
    async (request, reply) => {
      refuseRestricted(request, 'Importing records');
      const { strict } = request.query as { strict: boolean };
      const body = request.body;
      if (!(body instanceof Readable)) throw unsupportedMediaType();
      const declared = Number(request.headers['content-length']);
      if (declared > bodyLimitBytes) {
        reply.header('connection', 'close');
        throw tooLarge(bodyLimitBytes);
      }
      const dir = await mkdtemp(join(context.uploadDir ?? tmpdir(), 'flowlens-upload-'));
      try {
        const file = join(dir, UPLOAD_NAME);
        try {
          await spoolToFile(body, file, bodyLimitBytes);
        } catch (error) {
          reply.header('connection', 'close');
          throw error;
        }
        const summary = await imports.run(async () => {
          try {
            return await importFiles(store, [file], { strict, actor: actorOf(request) });
          } finally {
            // Whatever was committed is in the metrics from now on.
            await engine.refresh();
          }
        });
        return relabel(summary, file);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}

/** The summary names the temporary file; the client knows it as its upload. */
function relabel(summary: ImportSummary, file: string): ImportSummary {
  const name = (text: string) => text.split(file).join(UPLOAD_NAME);
  return {
    ...summary,
    files: summary.files.map((f) => ({
      ...f,
      file: name(f.file),
      errors: f.errors.map((e) => ({ ...e, file: name(e.file) })),
      ...(f.failure === undefined ? {} : { failure: name(f.failure) }),
    })),
  };
}

/** Below this much free space beside the SQLite file, the health says `disk` before a write fails. */
const LOW_DISK_BYTES = 1024 * 1024;

/**
 * The store's health: `degraded` while a recent write failed for a store fault (until a write
 * succeeds: src/store/health.ts), or while the SQLite file's file system is (nearly) full.
 */
function storeHealthNow(store: Store): StoreHealthState {
  const state = storeHealth.state();
  if (store.dialect !== 'sqlite' || store.location === ':memory:') return state;
  try {
    const fs = statfsSync(dirname(store.location));
    if (fs.bavail * fs.bsize >= LOW_DISK_BYTES || state.reasons.includes('disk')) return state;
    return { status: 'degraded', reasons: [...state.reasons, 'disk'].sort() as StoreFaultReason[] };
  } catch {
    return state;
  }
}

/** The engine's query from the API's parameters: dates parsed, one scope at most. */
export function toMetricsQuery(query: MetricsQuerystring): MetricsQuery {
  const fromMs = parseDateParam('from', query.from);
  const toMs = parseDateParam('to', query.to);
  if (query.valueStream !== undefined && query['value-stream'] !== undefined)
    throw new FlowlensError('INVALID_ARGUMENT', 'give valueStream or its alias value-stream, not both');
  const scope = {
    team: query.team,
    valueStream: query.valueStream ?? query['value-stream'],
    portfolio: query.portfolio,
  };
  const given = Object.entries(scope)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (given.length > 1)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `give one scope at most: ${given.join(' and ')} were ${given.length === 2 ? 'both' : 'all'} given`,
    );
  return { fromMs, toMs, ...scope };
}
