/**
 * The HTTP server: the metrics, the organisation, work items and imports as a JSON API under
 * `/api/v1`, described by an OpenAPI 3 document generated from the routes' schemas
 * (`GET /api/v1/openapi.json`). `buildServer` returns the Fastify instance unstarted, so tests use
 * `app.inject` and `flowlens start` calls `listen`.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MetricsEngine } from '../engine/index.js';
import type { Store } from '../store/index.js';
import { registerAnnotationRoutes } from './annotation-routes.js';
import { registerEditorRoutes } from './editor-routes.js';
import { ApiError, formatValidationErrors, handleError } from './errors.js';
import { registerForecastRoutes } from './forecast-routes.js';
import { homePage } from './home-page.js';
import { registerInsightRoutes } from './insight-routes.js';
import { registerRoutes } from './routes.js';
import { importBodySchema, NDJSON_TYPES } from './schemas.js';
import { registerUiRoutes } from './ui-routes.js';
import { FLOWLENS_VERSION } from './version.js';
import { findWebBuild, registerWebApp, WebApp } from './web-app.js';
import { type WebhookOptions, webhookRoutes } from './webhook-routes.js';

export { ApiError, apiParameterNames, errorResponse } from './errors.js';
export { DEFAULT_AGING_LIMIT } from './schemas.js';
export { FLOWLENS_VERSION } from './version.js';

export const API_PREFIX = '/api/v1';
/** Largest import body by default: 256 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024 * 1024;

export interface ServerOptions {
  readonly store: Store;
  /** Webhook secrets and the configured sources (flowlens.yaml); secrets may also come from the environment. */
  readonly webhooks?: WebhookOptions;
  /** The engine over the store; opened with `MetricsEngine.open(store)` when not given. */
  readonly engine?: MetricsEngine;
  /** Started with `--demo` (shown by /health and the home page). */
  readonly demo?: boolean;
  /** Largest `POST /api/v1/import` body (default 256 MiB); a larger one gets 413. */
  readonly bodyLimitBytes?: number;
  /** Fastify's logger option (default: no logging). */
  readonly logger?: FastifyServerOptions['logger'];
  /** Where uploaded bodies are spooled (default: the system's temporary directory). */
  readonly uploadDir?: string;
  /**
   * The built web UI's folder (default: `dist/web`, when built); null serves no UI, only the page
   * that explains the API.
   */
  readonly webRoot?: string | null;
  /** The clock for ages in the item list (default: Date.now). */
  readonly now?: () => number;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const engine = options.engine ?? (await MetricsEngine.open(options.store));
  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    schemaErrorFormatter: formatValidationErrors,
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  });
  // Responses are exactly what the engine returns: the response schemas document them (and the
  // tests check them) but do not filter or coerce them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler((error, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    handleError(
      new ApiError(
        404,
        'NOT_FOUND',
        `there is no route ${request.method} ${request.url.split('?')[0]}; the API is described at ${API_PREFIX}/openapi.json`,
      ),
      request,
      reply,
    ),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Flowlens API',
        version: FLOWLENS_VERSION,
        description:
          'Flow and DORA metrics of a value stream, its organisation, work items and imports. Durations are ' +
          'in seconds; periods are half-open [from, to). Errors are `{"error": {"code", "message"}}`.',
      },
    },
    // The import body is a stream Fastify does not validate; it is documented here only.
    transform: ({ schema, url }) => ({
      schema:
        url === `${API_PREFIX}/import`
          ? { ...schema, body: importBodySchema, consumes: [...NDJSON_TYPES] }
          : schema,
      url,
    }),
  });

  const webRoot = options.webRoot === undefined ? findWebBuild() : options.webRoot;
  registerWebApp(app, {
    web: webRoot === null ? null : WebApp.load(webRoot),
    apiPrefix: API_PREFIX,
    fallbackPage: () =>
      homePage({ version: FLOWLENS_VERSION, demo: options.demo === true, items: engine.index.live }),
  });
  await app.register(
    (api, _opts, done) => {
      registerRoutes(api, {
        store: options.store,
        engine,
        demo: options.demo === true,
        bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
        ...(options.uploadDir === undefined ? {} : { uploadDir: options.uploadDir }),
      });
      registerUiRoutes(api, { store: options.store, engine, now: options.now ?? Date.now });
      registerEditorRoutes(api, { store: options.store, engine, now: options.now ?? Date.now });
      registerForecastRoutes(api, { engine, now: options.now ?? Date.now });
      registerAnnotationRoutes(api, { engine, store: options.store, now: options.now ?? Date.now });
      registerInsightRoutes(api, { engine, store: options.store, now: options.now ?? Date.now });
      done();
    },
    { prefix: API_PREFIX },
  );
  await app.register(webhookRoutes, {
    prefix: API_PREFIX,
    store: options.store,
    engine,
    ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return app;
}
