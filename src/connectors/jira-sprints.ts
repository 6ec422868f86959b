/**
 * Jira sprints (docs/connectors.md, "Sprints"): `sprint` records (docs/import.md) for flow
 * predictability, from two places.
 *
 * - **Membership** comes from each synced issue: the `Sprint` items of its changelog (their `from`
 *   and `to` are comma-separated sprint ids; what `to` has and `from` has not was added, the reverse
 *   removed) and, for an issue whose changelog does not say how it got there (created in a sprint),
 *   its current sprint field from its creation. The issues of a search page give the sprints they
 *   touch; each such sprint is written with that page — its stored membership (read-only from the
 *   store) with these issues' entries replaced by what their changelogs say now — so a sync that
 *   sees only the issues updated since the last one keeps the history of the others, and a killed
 *   sync leaves the membership in step with the issues committed.
 * - **Dates** come from the sprint field (Cloud objects, Data Center `…Sprint@…[id=…,startDate=…]`
 *   strings) and, in the `sprints` resource that runs after the issues, from the Jira Software
 *   (Agile) REST API: the boards of the source's projects (`GET /rest/agile/1.0/board
 *   ?projectKeyOrId=…`) and each board's sprints (`GET /rest/agile/1.0/board/{id}/sprint`), both
 *   paged with `startAt`/`maxResults`/`isLast`. A sprint whose dates or state changed (started,
 *   closed) is written again with its stored membership. A site without Jira Software (no Agile API)
 *   or a Kanban board (no sprints) gives no sprints, not an error.
 *
 * A sprint without a start date (a future one) is stored without dates and not measured.
 */

import type { Store } from '../store/index.js';
import type { JiraSourceConfig } from './config.js';
import { isSourceError, type JsonResponse } from './http.js';
import { defined, ms } from './shared.js';
import type { OutRecord, Page, Resource } from './types.js';

/** A sprint as the Agile API (and a Cloud sprint field) gives it. */
export interface JiraSprint {
  readonly id: number | string;
  readonly name?: string;
  readonly state?: string;
  readonly startDate?: string | null;
  readonly endDate?: string | null;
  readonly completeDate?: string | null;
  readonly goal?: string | null;
}

/** One stretch of an issue's membership of a sprint (epoch ms; removed null: still in it). */
export interface MembershipStretch {
  readonly added: number;
  readonly removed: number | null;
}

interface HistoryLike {
  readonly id?: string;
  readonly created?: string;
  readonly items?:
    | readonly { field?: string; fieldId?: string; from?: string | null; to?: string | null }[]
    | null;
}

interface IssueLike {
  readonly key: string;
  readonly fields?: Record<string, unknown> | null;
}

const PAGE_SIZE = 50;
const SPRINT_STATES = new Set(['future', 'active', 'closed']);

const ids = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Sprints of a sprint field: Cloud objects, or Data Center `…Sprint@…[id=7,…,startDate=…]` strings. */
export function sprintsOfField(value: unknown): JiraSprint[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): JiraSprint[] => {
    if (typeof entry === 'object' && entry !== null) {
      const sprint = entry as JiraSprint;
      return typeof sprint.id === 'number' || typeof sprint.id === 'string' ? [sprint] : [];
    }
    if (typeof entry !== 'string') return [];
    const body = /\[(.*)\]$/.exec(entry)?.[1];
    if (body === undefined) return [];
    const attributes = new Map<string, string>();
    for (const match of body.matchAll(/(?:^|,)(\w+)=([^,]*)/g)) attributes.set(match[1]!, match[2]!);
    const id = attributes.get('id');
    if (id === undefined || id === '') return [];
    const value = (name: string) => {
      const v = attributes.get(name);
      return v === undefined || v === '<null>' || v === '' ? null : v;
    };
    return [
      {
        id,
        ...(value('name') === null ? {} : { name: value('name') as string }),
        ...(value('state') === null ? {} : { state: (value('state') as string).toLowerCase() }),
        startDate: value('startDate'),
        endDate: value('endDate'),
        completeDate: value('completeDate'),
        goal: value('goal'),
      },
    ];
  });
}

/**
 * An issue's membership of each sprint, from its changelog's `Sprint` items (in time order) and
 * its current sprint field: per sprint id, the stretches it was in it.
 */
export function sprintMemberships(
  issue: IssueLike,
  histories: readonly HistoryLike[],
  sprintField: string | null,
): Map<string, MembershipStretch[]> {
  const createdMs = ms(issue.fields?.created) ?? 0;
  const changes: { at: number; order: number; from: string[]; to: string[] }[] = [];
  for (const history of histories) {
    const at = ms(history.created);
    if (at === null) continue;
    for (const item of history.items ?? []) {
      const isSprint =
        item.field === 'Sprint' ||
        (sprintField !== null && item.fieldId !== undefined && item.fieldId === sprintField);
      if (!isSprint) continue;
      changes.push({ at, order: Number(history.id ?? 0), from: ids(item.from), to: ids(item.to) });
    }
  }
  changes.sort((a, b) => a.at - b.at || a.order - b.order);
  const open = new Map<string, number>();
  const out = new Map<string, MembershipStretch[]>();
  const push = (sprint: string, stretch: MembershipStretch) => {
    const list = out.get(sprint);
    if (list === undefined) out.set(sprint, [stretch]);
    else list.push(stretch);
  };
  const seen = new Set<string>();
  for (const change of changes) {
    const from = new Set(change.from);
    const to = new Set(change.to);
    for (const sprint of to)
      if (!from.has(sprint) && !open.has(sprint)) {
        open.set(sprint, change.at);
        seen.add(sprint);
      }
    for (const sprint of from)
      if (!to.has(sprint)) {
        // Out of a sprint it never came into by the changelog: it was in it from its creation.
        const added = open.get(sprint) ?? (seen.has(sprint) ? null : createdMs);
        if (added !== null) push(sprint, { added: Math.min(added, change.at), removed: change.at });
        open.delete(sprint);
        seen.add(sprint);
      }
  }
  const current = sprintField === null ? [] : sprintsOfField(issue.fields?.[sprintField]);
  for (const sprint of current) {
    const id = String(sprint.id);
    if (open.has(id)) continue;
    // In the sprint now without a changelog entry putting it there: since its creation (or since
    // the last time the changelog took it out, when it did).
    const after = out.get(id)?.at(-1)?.removed;
    open.set(id, after ?? createdMs);
  }
  for (const [sprint, added] of open) push(sprint, { added, removed: null });
  return out;
}

/** A `sprint` record: dates when the sprint has a start (an end before the start is taken as the start). */
export function sprintRecord(
  source: string,
  sprint: JiraSprint,
  items: readonly { item: string; added: number; removed: number | null }[],
): OutRecord {
  const start = ms(sprint.startDate);
  const end = ms(sprint.endDate);
  const completed = ms(sprint.completeDate);
  const state = typeof sprint.state === 'string' ? sprint.state.toLowerCase() : undefined;
  const iso = (value: number) => new Date(value).toISOString();
  return defined({
    kind: 'sprint',
    source,
    id: String(sprint.id),
    name: sprint.name ?? `Sprint ${sprint.id}`,
    start: start === null || end === null ? undefined : iso(start),
    end: start === null || end === null ? undefined : iso(Math.max(start, end)),
    state: state !== undefined && SPRINT_STATES.has(state) ? state : undefined,
    completedAt: completed === null ? undefined : iso(completed),
    goal: typeof sprint.goal === 'string' && sprint.goal !== '' ? sprint.goal : undefined,
    items: canonical(items).map((e) => ({
      item: e.item,
      added: iso(e.added),
      ...(e.removed === null ? {} : { removed: iso(Math.max(e.added, e.removed)) }),
    })),
  });
}

/** Entries sorted by item then added, one per item and instant (the longer stretch kept). */
function canonical(
  items: readonly { item: string; added: number; removed: number | null }[],
): { item: string; added: number; removed: number | null }[] {
  const sorted = [...items].sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : a.added - b.added));
  const out: { item: string; added: number; removed: number | null }[] = [];
  for (const entry of sorted) {
    const last = out.at(-1);
    if (last !== undefined && last.item === entry.item && last.added === entry.added) {
      if (last.removed !== null && (entry.removed === null || entry.removed > last.removed))
        out[out.length - 1] = entry;
    } else out.push(entry);
  }
  return out;
}

interface StoredSprint {
  readonly meta: JiraSprint;
  readonly items: { item: string; added: number; removed: number | null }[];
}

export interface JiraSprintTracker {
  /** Notes the sprint membership of a synced issue (its whole changelog). */
  see(issue: IssueLike, histories: readonly HistoryLike[], sprintField: string | null): void;
  /** Sprint records of the sprints the issues seen since the last call touch. */
  flush(): Promise<OutRecord[]>;
  /** The `sprints` resource: the boards' sprints whose dates or state are new or changed. */
  readonly resource: Resource;
}

export function createJiraSprintTracker(options: {
  readonly config: JiraSourceConfig;
  readonly source: string;
  readonly store: Store | null;
  /** GET of an Agile API path (`/board?…`), relative to `<url>/rest/agile/1.0`. */
  readonly agile: <T>(path: string, page: string) => Promise<JsonResponse<T>>;
}): JiraSprintTracker {
  const { config, source, store } = options;
  /** This run's view of each sprint touched: metadata and membership as last written. */
  const known = new Map<string, StoredSprint>();
  const pending = new Map<string, Map<string, MembershipStretch[]>>();
  const fieldMeta = new Map<string, JiraSprint>();
  const projects = new Set<string>(config.projects ?? []);

  const loadStored = async (sprintIds: readonly string[]): Promise<void> => {
    const missing = sprintIds.filter((id) => !known.has(id));
    if (missing.length === 0 || store === null) return;
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await store.db
        .selectFrom('sprints')
        .select(['id', 'name', 'start_at', 'end_at', 'state', 'completed_at', 'goal', 'items'])
        .where('source', '=', source)
        .where('id', 'in', missing.slice(i, i + 500))
        .execute();
      for (const row of rows) {
        const iso = (value: number | string | null) =>
          value === null ? null : new Date(Number(value)).toISOString();
        const items = (
          JSON.parse(row.items ?? '[]') as { item: string; added: number; removed: number | null }[]
        ).map((e) => ({
          item: e.item,
          added: Number(e.added),
          removed: e.removed === null ? null : Number(e.removed),
        }));
        known.set(row.id, {
          meta: {
            id: row.id,
            name: row.name,
            ...(row.state === null ? {} : { state: row.state }),
            startDate: iso(row.start_at),
            endDate: iso(row.end_at),
            completeDate: iso(row.completed_at),
            goal: row.goal,
          },
          items,
        });
      }
    }
  };

  const sameMeta = (a: JiraSprint, b: JiraSprint) =>
    a.name === b.name &&
    (a.state ?? null) === (b.state === undefined ? null : b.state.toLowerCase()) &&
    ms(a.startDate) === ms(b.startDate) &&
    ms(a.endDate) === ms(b.endDate) &&
    ms(a.completeDate) === ms(b.completeDate) &&
    (a.goal || null) === (b.goal || null);

  return {
    see(issue, histories, sprintField) {
      const project = (issue.fields?.project as { key?: string } | undefined)?.key;
      if (typeof project === 'string') projects.add(project);
      if (sprintField !== null)
        for (const sprint of sprintsOfField(issue.fields?.[sprintField]))
          fieldMeta.set(String(sprint.id), sprint);
      // The changelog keeps every sprint the issue left, so each sprint it was ever in is here.
      for (const [sprint, stretches] of sprintMemberships(issue, histories, sprintField)) {
        const byItem = pending.get(sprint) ?? new Map<string, MembershipStretch[]>();
        pending.set(sprint, byItem);
        byItem.set(issue.key, stretches);
      }
    },

    async flush() {
      if (pending.size === 0) return [];
      const touched = [...pending.keys()];
      await loadStored(touched);
      const records: OutRecord[] = [];
      for (const id of touched) {
        const byItem = pending.get(id) as Map<string, MembershipStretch[]>;
        const before = known.get(id);
        // A sprint neither stored nor in a sprint field (the issue left it): written without dates
        // until the sprints resource, later in the run, gives its name and dates.
        const meta = fieldMeta.get(id) ?? before?.meta ?? { id, name: `Sprint ${id}` };
        const items = [
          ...(before?.items ?? []).filter((e) => !byItem.has(e.item)),
          ...[...byItem].flatMap(([item, stretches]) => stretches.map((s) => ({ item, ...s }))),
        ];
        const next = {
          meta: before === undefined ? meta : { ...before.meta, ...meta },
          items: canonical(items),
        };
        known.set(id, next);
        records.push(sprintRecord(source, next.meta, next.items));
      }
      pending.clear();
      return records;
    },

    resource: {
      name: 'sprints',
      async *pages(): AsyncIterable<Page> {
        const sprints = new Map<string, JiraSprint>();
        let boards = 0;
        for (const project of [...projects].sort()) {
          for (let startAt = 0; ; ) {
            let response: JsonResponse<{ values?: { id?: number; type?: string }[]; isLast?: boolean }>;
            try {
              response = await options.agile(
                `/board?projectKeyOrId=${encodeURIComponent(project)}&startAt=${startAt}&maxResults=${PAGE_SIZE}`,
                `boards of ${project}, from ${startAt}`,
              );
            } catch (error) {
              // No Jira Software on the site (no Agile API), or a project without boards.
              if (isSourceError(error) && error.reason === 'not-found') break;
              throw error;
            }
            const values = response.body?.values ?? [];
            for (const board of values) {
              if (typeof board.id !== 'number' || (board.type !== undefined && board.type !== 'scrum'))
                continue;
              boards++;
              await boardSprints(board.id, sprints);
            }
            startAt += values.length;
            if (values.length === 0 || response.body?.isLast !== false) break;
          }
        }
        await loadStored([...sprints.keys()]);
        const records: OutRecord[] = [];
        for (const [id, sprint] of [...sprints].sort(
          ([a], [b]) => Number(a) - Number(b) || a.localeCompare(b),
        )) {
          const before = known.get(id);
          if (before !== undefined && sameMeta(before.meta, sprint)) continue;
          const next = { meta: sprint, items: before?.items ?? [] };
          known.set(id, next);
          records.push(sprintRecord(source, sprint, next.items));
        }
        yield {
          records,
          cursor: null,
          label: `sprints of ${boards} board${boards === 1 ? '' : 's'}`,
          done: sprints.size,
          total: sprints.size,
        };
      },
    },
  };

  async function boardSprints(board: number, into: Map<string, JiraSprint>): Promise<void> {
    for (let startAt = 0; ; ) {
      let response: JsonResponse<{ values?: JiraSprint[]; isLast?: boolean }>;
      try {
        response = await options.agile(
          `/board/${board}/sprint?startAt=${startAt}&maxResults=${PAGE_SIZE}`,
          `sprints of board ${board}, from ${startAt}`,
        );
      } catch (error) {
        // A board that does not support sprints answers 400.
        if (isSourceError(error) && (error.request.status === 400 || error.reason === 'not-found')) return;
        throw error;
      }
      const values = response.body?.values ?? [];
      for (const sprint of values)
        if (typeof sprint.id === 'number' || typeof sprint.id === 'string')
          into.set(String(sprint.id), sprint);
      startAt += values.length;
      if (values.length === 0 || response.body?.isLast !== false) return;
    }
  }
}
