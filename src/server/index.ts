/**
 * The HTTP server: the metrics, the organisation, work items and imports as a JSON API under
 * `/api/v1`, described by an OpenAPI 3 document generated from the routes' schemas
 * (`GET /api/v1/openapi.json`). `buildServer` returns the Fastify instance unstarted, so tests use
 * `app.inject` and `flowlens start` calls `listen`. Every request is authenticated and checked
 * against the access policy (src/auth: `auth.mode`), and every response carries the security
 * headers (security.ts).
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { OidcLogin } from '../auth/oidc.js';
import type { OidcSettings } from '../auth/oidc-config.js';
import { type AuthMode, installAuth } from '../auth/plugin.js';
import { MetricsEngine } from '../engine/index.js';
import type { Store } from '../store/index.js';
import { registerAnnotationRoutes } from './annotation-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerEditorRoutes } from './editor-routes.js';
import { ApiError, formatValidationErrors, handleError } from './errors.js';
import { registerForecastRoutes } from './forecast-routes.js';
import { homePage } from './home-page.js';
import { registerImprovementRoutes } from './improvement-routes.js';
import { registerInsightRoutes } from './insight-routes.js';
import { registerPredictabilityRoutes } from './predictability-routes.js';
import { installResponseCache, type ResponseCacheOptions } from './response-cache.js';
import { registerRoutes } from './routes.js';
import { importBodySchema, NDJSON_TYPES } from './schemas.js';
import {
  DEFAULT_RATE_LIMITS,
  DEFAULT_TIMEOUTS,
  installSecurityHeaders,
  isWebhookRoute,
  JSON_BODY_LIMIT_BYTES,
  type RateLimits,
  type Timeouts,
  timeoutOptions,
  webhookLimit,
} from './security.js';
import { registerSettingsRoutes } from './settings-routes.js';
import { registerUiRoutes } from './ui-routes.js';
import { FLOWLENS_VERSION } from './version.js';
import { findWebBuild, registerWebApp, WebApp } from './web-app.js';
import { registerWebhookAdminRoutes } from './webhook-admin-routes.js';
import { type WebhookOptions, webhookRoutes } from './webhook-routes.js';

export { ApiError, apiParameterNames, errorResponse } from './errors.js';
export { DEFAULT_AGING_LIMIT } from './schemas.js';
export { FLOWLENS_VERSION } from './version.js';

export const API_PREFIX = '/api/v1';
/** Largest import body by default: 256 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * How requests are authenticated (docs/security.md). `required` (the default): every API route but
 * the public ones needs a session or an API token. `demo`: anonymous visitors read, as viewers;
 * changes need a login. `trusted`: EVERY request is the local administrator, with no check at all —
 * for tests only, never for a server anyone else can reach.
 */
export interface AuthOptions {
  readonly mode: AuthMode;
  /** OpenID Connect single sign-on (flowlens.yaml `auth.oidc`); absent: passwords and tokens only. */
  readonly oidc?: OidcSettings | null;
  /** The session cookie's Secure flag: `auto` (default) sets it when the request came over HTTPS. */
  readonly secureCookies?: 'auto' | 'always' | 'never';
  /** The sign-in and webhook rate limits (defaults: DEFAULT_RATE_LIMITS). */
  readonly rateLimits?: Partial<RateLimits>;
  /** Where the OpenID Connect client secret's variable is read (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface ServerOptions {
  readonly store: Store;
  /** Authentication (default `{ mode: 'required' }`). */
  readonly auth?: AuthOptions;
  /**
   * Behind a reverse proxy: trust its X-Forwarded-For and X-Forwarded-Proto (client address for the
   * rate limits; HTTPS for HSTS and Secure cookies). Default false.
   */
  readonly trustProxy?: boolean;
  /** Socket timeouts (slow clients are cut); defaults: DEFAULT_TIMEOUTS. */
  readonly timeouts?: Partial<Timeouts>;
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
  /** The read routes' answer cache (src/server/response-cache.ts); default: on, see there. */
  readonly responseCache?: ResponseCacheOptions;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const engine = options.engine ?? (await MetricsEngine.open(options.store));
  const auth: AuthOptions = options.auth ?? { mode: 'required' };
  const rateLimits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...auth.rateLimits };
  const app = Fastify({
    logger: options.logger ?? false,
    ...timeoutOptions({ ...DEFAULT_TIMEOUTS, ...options.timeouts }),
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy === true,
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

  // Before any route: the security headers, the cookie parser, the authentication and access
  // policy hooks (whose onRoute check refuses an API route without a policy entry), the webhooks'
  // rate limit (set on their routes here, before the rate-limit plugin reads route configs).
  installSecurityHeaders(app);
  await app.register(cookie);
  installAuth(app, { mode: auth.mode, store: options.store });
  installResponseCache(app, engine, options.responseCache ?? {});
  app.addHook('onRoute', (route) => {
    if (isWebhookRoute(route.url)) route.config = { ...route.config, rateLimit: webhookLimit(rateLimits) };
  });
  await app.register(rateLimit, { global: false });

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
      registerAuthRoutes(api, {
        store: options.store,
        mode: auth.mode,
        demo: options.demo === true || auth.mode === 'demo',
        oidc:
          auth.oidc === undefined || auth.oidc === null
            ? null
            : new OidcLogin(auth.oidc, auth.env ?? process.env),
        secureCookies: auth.secureCookies ?? 'auto',
        rateLimits,
      });
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
      registerPredictabilityRoutes(api, { engine, store: options.store });
      registerAnnotationRoutes(api, { engine, store: options.store, now: options.now ?? Date.now });
      registerInsightRoutes(api, { engine, store: options.store, now: options.now ?? Date.now });
      registerAuditRoutes(api, { store: options.store });
      registerSettingsRoutes(api, { store: options.store, engine, now: options.now ?? Date.now });
      registerWebhookAdminRoutes(api, {
        store: options.store,
        engine,
        config: options.webhooks?.config ?? null,
        env: options.webhooks?.env ?? process.env,
        now: options.now ?? Date.now,
      });
      registerImprovementRoutes(api, {
        engine,
        store: options.store,
        config: options.webhooks?.config ?? null,
        env: options.webhooks?.env ?? process.env,
        now: options.now ?? Date.now,
      });
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
