/**
 * The organisation's settings under /api/v1/settings (README "API", the OpenAPI document):
 * `GET /settings/calendar` (any reader) and `PUT /settings/calendar` (an administrator) — the time
 * zone and week start the metrics' days, weeks and months follow (docs/metrics.md §1). A change is
 * audited (src/admin/calendar-settings.ts) and the engine's next answers follow it.
 */
import type { FastifyInstance } from 'fastify';
import { readCalendarSettings, saveCalendarSettings } from '../admin/index.js';
import { WEEK_STARTS } from '../domain/index.js';
import type { MetricsEngine } from '../engine/index.js';
import type { Store } from '../store/index.js';
import { editContext } from './editor-routes.js';
import { actorHeaders } from './org-schemas.js';
import { errors, object } from './schemas.js';
import { refuseRestricted } from './visibility.js';

export interface SettingsRouteContext {
  readonly store: Store;
  readonly engine: MetricsEngine;
  readonly now: () => number;
}

const timeZone = {
  type: 'string',
  description: 'An IANA time zone name (`Europe/Berlin`), or `UTC` (the default).',
} as const;
const weekStart = {
  type: 'string',
  enum: WEEK_STARTS,
  description: 'The first day of a week (default `monday`).',
} as const;

const calendarSchema = object(
  { timeZone, weekStart },
  'The calendar the metrics follow: days start at 00:00 in the time zone, weeks on the week start, months on the 1st.',
);

const calendarBodySchema = {
  type: 'object',
  properties: {
    timeZone: { type: 'string', minLength: 1, maxLength: 100, description: timeZone.description },
    weekStart: {
      type: 'string',
      maxLength: 20,
      description: 'The first day of a week: `monday`, `sunday` or `saturday`.',
    },
  },
  additionalProperties: false,
  minProperties: 1,
} as const;

export function registerSettingsRoutes(api: FastifyInstance, context: SettingsRouteContext): void {
  const { store, engine, now } = context;

  api.get(
    '/settings/calendar',
    {
      schema: {
        summary: "The organisation's calendar",
        description:
          'The time zone and week start the daily, weekly and monthly buckets of the metrics follow (docs/metrics.md §1).',
        tags: ['settings'],
        response: { 200: calendarSchema, ...errors(500) },
      },
    },
    async () => readCalendarSettings(store),
  );

  api.put(
    '/settings/calendar',
    {
      schema: {
        summary: "Change the organisation's calendar",
        description:
          'Sets the time zone and/or the week start (those given; the other keeps its value). An unknown zone is ' +
          'refused with 400 naming it. The change is audited and applies to the next answers of the metrics.',
        tags: ['settings'],
        headers: actorHeaders,
        body: calendarBodySchema,
        response: { 200: calendarSchema, ...errors(400, 500) },
      },
    },
    async (request) => {
      refuseRestricted(request, "The organisation's calendar applies to every value stream: changing it");
      const saved = await saveCalendarSettings(
        store,
        editContext(request, now),
        request.body as Record<string, unknown>,
      );
      await engine.reloadCalendar();
      return saved;
    },
  );
}
