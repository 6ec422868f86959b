/**
 * Annotations: dated notes on a scope ("AI coding assistant rolled out"), kept in the store
 * (migration 0006), listed for a scope with those of the scopes inside it (a team's annotation is
 * shown on its value stream's and portfolio's charts too), and measured: the impact of an
 * annotation is the same metrics in two equal windows before and after its date, with bootstrap
 * intervals and a verdict (src/forecast/impact.ts), over the items and deployments the metrics of
 * its scope count.
 */
import { appendAudit } from '../audit/index.js';
import { formatInstant } from '../contract/index.js';
import { DAY_MS, FLOW_TYPES, FlowlensError } from '../domain/index.js';
import { type ImpactReport, type ImpactWindow, measureImpact } from '../forecast/index.js';
import { isInWindows } from '../metrics/index.js';
import type { Store } from '../store/index.js';
import type { MetricsEngine } from './engine.js';
import type { ScopeQuery } from './org.js';

export type AnnotationScopeKind = 'organisation' | 'portfolio' | 'valueStream' | 'team';

export interface Annotation {
  readonly id: number;
  /** As the API names a scope: {} for the organisation. */
  readonly scope: { readonly team?: string; readonly valueStream?: string; readonly portfolio?: string };
  readonly at: string;
  readonly title: string;
  readonly description: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface NewAnnotation extends ScopeQuery {
  readonly atMs: number;
  readonly title: string;
  readonly description?: string | null;
  /** Who adds it (until accounts exist: the --actor flag or X-Flowlens-Actor header). */
  readonly actor: string;
}

const MAX_TITLE = 200;
const MAX_DESCRIPTION = 4000;
const DEFECT = FLOW_TYPES.indexOf('defect');

function kindOf(query: ScopeQuery): { kind: AnnotationScopeKind; id: string } {
  if (query.team !== undefined) return { kind: 'team', id: query.team };
  if (query.valueStream !== undefined) return { kind: 'valueStream', id: query.valueStream };
  if (query.portfolio !== undefined) return { kind: 'portfolio', id: query.portfolio };
  return { kind: 'organisation', id: '' };
}

function scopeOf(kind: string, id: string): Annotation['scope'] {
  if (kind === 'team') return { team: id };
  if (kind === 'valueStream') return { valueStream: id };
  if (kind === 'portfolio') return { portfolio: id };
  return {};
}

interface Row {
  id: number | string;
  scope_kind: string;
  scope_id: string;
  at: number | string;
  title: string;
  description: string | null;
  created_at: number | string;
  created_by: string;
}

function toAnnotation(row: Row): Annotation {
  return {
    id: Number(row.id),
    scope: scopeOf(row.scope_kind, row.scope_id),
    at: formatInstant(Number(row.at)),
    title: row.title,
    description: row.description,
    createdAt: formatInstant(Number(row.created_at)),
    createdBy: row.created_by,
  };
}

function checkText(name: string, value: string, max: number): void {
  if (value.trim() === '') throw new FlowlensError('INVALID_ARGUMENT', `${name}: must not be empty`);
  if (value.length > max) throw new FlowlensError('INVALID_ARGUMENT', `${name}: at most ${max} characters`);
  if (value.includes('\u0000'))
    throw new FlowlensError('INVALID_ARGUMENT', `${name}: contains a NUL character`);
}

export async function addAnnotation(
  engine: MetricsEngine,
  store: Store,
  input: NewAnnotation,
  now: () => number = Date.now,
): Promise<Annotation> {
  engine.resolve(input); // names an unknown or ambiguous scope
  checkText('title', input.title, MAX_TITLE);
  if (input.description != null) checkText('description', input.description, MAX_DESCRIPTION);
  if (!Number.isFinite(input.atMs)) throw new FlowlensError('INVALID_ARGUMENT', 'at: not a date');
  const { kind, id } = kindOf(input);
  const createdAt = now();
  // The annotation and its audit entry commit together.
  const row = await store.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('annotations')
      .values({
        scope_kind: kind,
        scope_id: id,
        at: input.atMs,
        title: input.title.trim(),
        description: input.description?.trim() || null,
        created_at: createdAt,
        created_by: input.actor,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = toAnnotation(inserted as Row);
    await appendAudit(
      store,
      {
        actor: input.actor,
        action: 'annotation.create',
        kind: 'annotation',
        target: String(created.id),
        summary: `annotated ${kind === 'organisation' ? 'the organisation' : `${kind} ${id}`} at ${created.at}: ${created.title}`,
        after: created,
        at: createdAt,
      },
      trx,
    );
    return inserted;
  });
  return toAnnotation(row as Row);
}

/** Removes an annotation; `actor` is who, for the audit trail. */
export async function removeAnnotation(store: Store, id: number, actor = 'local'): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('annotations').selectAll().where('id', '=', id).executeTakeFirst();
    const result = await trx.deleteFrom('annotations').where('id', '=', id).executeTakeFirst();
    if (existing === undefined || Number(result.numDeletedRows) === 0)
      throw new FlowlensError('NOT_FOUND', `there is no annotation ${id}`);
    const removed = toAnnotation(existing as Row);
    await appendAudit(
      store,
      {
        actor,
        action: 'annotation.remove',
        kind: 'annotation',
        target: String(id),
        summary: `removed annotation ${id}: ${removed.title}`,
        before: removed,
      },
      trx,
    );
  });
}

export async function getAnnotation(store: Store, id: number): Promise<Annotation> {
  const row = await store.db.selectFrom('annotations').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new FlowlensError('NOT_FOUND', `there is no annotation ${id}`);
  return toAnnotation(row as Row);
}

/**
 * The annotations shown on a scope's charts: its own and those of the scopes inside it, by date
 * (within [fromMs, toMs) when given).
 */
export async function listAnnotations(
  engine: MetricsEngine,
  store: Store,
  query: ScopeQuery & { readonly fromMs?: number; readonly toMs?: number },
): Promise<Annotation[]> {
  engine.resolve(query);
  const { kind, id } = kindOf(query);
  const org = engine.organisation();
  const inside = new Set<string>([`${kind}\u0000${id}`]);
  const streams =
    kind === 'portfolio'
      ? org.valueStreams.filter((v) => v.portfolio === id).map((v) => v.id)
      : kind === 'valueStream'
        ? [id]
        : [];
  for (const v of streams) inside.add(`valueStream\u0000${v}`);
  for (const t of org.teams)
    if (t.valueStream !== null && streams.includes(t.valueStream)) inside.add(`team\u0000${t.id}`);
  let select = store.db.selectFrom('annotations').selectAll();
  if (query.fromMs !== undefined) select = select.where('at', '>=', query.fromMs);
  if (query.toMs !== undefined) select = select.where('at', '<', query.toMs);
  const rows = (await select.orderBy('at').orderBy('id').execute()) as Row[];
  return rows
    .filter((r) => kind === 'organisation' || inside.has(`${r.scope_kind}\u0000${r.scope_id}`))
    .map(toAnnotation);
}

export interface ImpactDocument {
  readonly annotation: Annotation;
  readonly before: { readonly from: string; readonly to: string };
  readonly after: { readonly from: string; readonly to: string };
  readonly windowDays: number;
  readonly seed: number;
  readonly impact: ImpactReport;
}

/** What the metrics of a scope count in a window, sample by sample. */
function windowSample(engine: MetricsEngine, scope: ScopeQuery, fromMs: number, toMs: number): ImpactWindow {
  const index = engine.index;
  const { mask, windows } = engine.scopeFilter(scope);
  const days = Math.round((toMs - fromMs) / DAY_MS);
  const completedPerDay = new Array<number>(days).fill(0);
  const items: { flowMs: number; activeMs: number; defect: boolean }[] = [];
  index.forEachSlot(mask, (slot) => {
    const c = index.completedAt[slot] as number;
    if (!(c >= fromMs && c < toMs)) return;
    if (windows !== null && !isInWindows(windows[(index.team[slot] as number) + 1], c)) return;
    const day = Math.floor((c - fromMs) / DAY_MS);
    completedPerDay[day] = (completedPerDay[day] ?? 0) + 1;
    items.push({
      flowMs: index.flowMs[slot] as number,
      activeMs: index.activeMs[slot] as number,
      defect: index.flowType[slot] === DEFECT,
    });
  });
  return { items, completedPerDay, deployments: engine.deploymentOutcomes({ ...scope, fromMs, toMs }) };
}

/**
 * The impact of an annotation: `windowDays` whole days before its date against as many from its
 * date on (its date's day is the first of the "after" window).
 */
export async function annotationImpact(
  engine: MetricsEngine,
  store: Store,
  id: number,
  options: { readonly windowDays?: number; readonly seed?: number } = {},
): Promise<ImpactDocument> {
  const annotation = await getAnnotation(store, id);
  const windowDays = options.windowDays ?? 90;
  if (!Number.isInteger(windowDays) || windowDays < 7 || windowDays > 730)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `windowDays: must be a whole number from 7 to 730, not ${windowDays}`,
    );
  const seed = options.seed ?? 1;
  const day = Math.floor(Date.parse(annotation.at) / DAY_MS) * DAY_MS;
  const before = { fromMs: day - windowDays * DAY_MS, toMs: day };
  const after = { fromMs: day, toMs: day + windowDays * DAY_MS };
  const impact = measureImpact(
    windowSample(engine, annotation.scope, before.fromMs, before.toMs),
    windowSample(engine, annotation.scope, after.fromMs, after.toMs),
    { seed },
  );
  const span = (w: { fromMs: number; toMs: number }) => ({
    from: formatInstant(w.fromMs),
    to: formatInstant(w.toMs),
  });
  return { annotation, before: span(before), after: span(after), windowDays, seed, impact };
}
