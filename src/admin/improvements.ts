/**
 * Closing the loop: from an insight, an improvement item — a work item of type debt or risk in the
 * right team's backlog, linked to the insight and its evidence (migration 0010 `improvements`) —
 * and, optionally, the same item created in the team's tracker through its connector
 * (src/connectors/write-back.ts), with the link kept both ways: the tracker's issue links to
 * Flowlens, and the Flowlens item is the tracker's item (its source and key), so the next sync
 * updates it instead of counting it twice.
 *
 * The insight is computed again on the server from the scope and period given, never taken from the
 * request: an improvement item can only cite evidence the data shows. Without write-back the item
 * belongs to the source `flowlens` (ids `IMP-1`, `IMP-2`, …; statuses `open`, `in progress`,
 * `done`, `cancelled`, mapped once when the first is made), and its status is changed here.
 */
import { type ConnectorContext, createTrackerIssue, type FlowlensConfig } from '../connectors/index.js';
import { formatInstant } from '../contract/index.js';
import { FlowlensError } from '../domain/index.js';
import { type InsightsQuery, type MetricsEngine, scopeInsights } from '../engine/index.js';
import type { Insight, InsightRule } from '../insights/index.js';
import type { Store } from '../store/index.js';
import { type EditTransaction, runEdit } from './edit.js';

export const IMPROVEMENT_SOURCE = 'flowlens';
export const IMPROVEMENT_TYPES = ['debt', 'risk'] as const;
export type ImprovementType = (typeof IMPROVEMENT_TYPES)[number];
export const IMPROVEMENT_STATUSES = ['open', 'in progress', 'done', 'cancelled'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** The mapping of the `flowlens` source: its statuses and its two types. */
const IMPROVEMENT_MAPPING = {
  kind: 'mapping',
  source: IMPROVEMENT_SOURCE,
  statuses: {
    open: { stage: 'create', state: 'new' },
    'in progress': { stage: 'create', state: 'active' },
    done: { stage: 'operate', state: 'done' },
    cancelled: { stage: 'create', state: 'cancelled' },
  },
  types: { debt: 'debt', risk: 'risk' },
} as const;

/** Which insight: its rule and, where a rule finds several, its subject (a status, a DORA metric, a check). */
export interface InsightRef {
  readonly rule: InsightRule;
  readonly subject?: string;
}

/** The subject that tells apart the insights of one rule (null for rules that find one at most). */
export function insightSubject(insight: Insight): string | null {
  const n = insight.evidence.numbers;
  const subject = n.status ?? n.metric ?? n.check;
  return typeof subject === 'string' ? subject : null;
}

/** The tracker an improvement item is also created in. */
export interface WriteBackRequest {
  /** The configured source's name (flowlens.yaml). */
  readonly source: string;
  readonly project?: string;
  readonly repo?: string;
}

/** The tracker's issue as created (src/connectors/write-back.ts), with the work item it is. */
export interface TrackerItem {
  readonly tracker: string;
  readonly source: string;
  readonly id: string;
  readonly key: string;
  readonly url: string;
  readonly type: string;
  readonly status: string;
  readonly createdAt: string;
}

/** Creates the issue in the tracker: given the issue's text and the raw type to give it. */
export type WriteBack = (request: {
  readonly target: WriteBackRequest;
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly link: { readonly text: string; readonly url: string };
  readonly type: ImprovementType;
}) => Promise<TrackerItem>;

/**
 * Write-back through the configured sources (flowlens.yaml): the issue is created by the source's
 * connector, with the source's raw type that its mapping counts as debt or risk.
 */
export function connectorWriteBack(
  config: FlowlensConfig | null,
  store: Store,
  context: Omit<ConnectorContext, 'store'>,
): WriteBack | null {
  if (config === null) return null;
  return async (request) => {
    const source = config.sources.find((s) => s.name === request.target.source);
    if (source === undefined)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `write-back: there is no source "${request.target.source}" in flowlens.yaml${config.sources.length === 0 ? '' : ` (sources: ${config.sources.map((s) => s.name).join(', ')})`}`,
      );
    if (source.kind !== 'jira' && source.kind !== 'github')
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `write-back: source ${source.name} is a ${source.kind} source; improvement items are written back to Jira and GitHub sources`,
      );
    const recordSource =
      source.kind === 'jira'
        ? (source.source ?? `jira:${source.name}`)
        : `github:${request.target.repo ?? (source.repos.length === 1 ? repoOf(source.repos[0]) : source.name)}`;
    const type = await trackerTypeFor(store, recordSource, request.type);
    const created = await createTrackerIssue(
      source,
      {
        ...(request.target.project === undefined ? {} : { project: request.target.project }),
        ...(request.target.repo === undefined ? {} : { repo: request.target.repo }),
      },
      {
        title: request.title,
        paragraphs: request.paragraphs,
        link: request.link,
        type,
        labels: ['flowlens', 'improvement'],
      },
      { ...context, store },
    );
    return { tracker: source.name, ...created };
  };
}

/** A tracker improvement items can be written back to: a Jira or GitHub source of flowlens.yaml. */
export interface Tracker {
  readonly source: string;
  readonly kind: 'jira' | 'github';
  /** Jira project keys (empty: given by JQL, name one when writing back). */
  readonly projects: readonly string[];
  readonly repos: readonly string[];
  /** The source's raw type counted as debt and as risk by its mapping (null: none, write-back of that type is refused). */
  readonly types: { readonly debt: string | null; readonly risk: string | null };
}

/** The trackers of the configuration, with the types their mappings allow. */
export async function listTrackers(config: FlowlensConfig | null, store: Store): Promise<Tracker[]> {
  const trackers: Tracker[] = [];
  for (const source of config?.sources ?? []) {
    if (source.kind !== 'jira' && source.kind !== 'github') continue;
    const repos = source.kind === 'github' ? source.repos.map(repoOf) : [];
    const recordSource =
      source.kind === 'jira' ? (source.source ?? `jira:${source.name}`) : `github:${repos[0] ?? source.name}`;
    const typeOf = (type: ImprovementType) => trackerTypeFor(store, recordSource, type).catch(() => null);
    trackers.push({
      source: source.name,
      kind: source.kind,
      projects: source.kind === 'jira' ? (source.projects ?? []) : [],
      repos,
      types: { debt: await typeOf('debt'), risk: await typeOf('risk') },
    });
  }
  return trackers;
}

const repoOf = (repo: string | { readonly repo: string } | undefined): string =>
  repo === undefined ? '' : typeof repo === 'string' ? repo : repo.repo;

export interface NewImprovement extends InsightsQuery {
  readonly insight: InsightRef;
  readonly type?: ImprovementType;
  /** The team whose backlog gets it: the scope's team, or one of the scope's teams. */
  readonly backlogTeam?: string;
  readonly title?: string;
  readonly actor: string;
  /** Where Flowlens is (for the link from the tracker back to the evidence), e.g. https://flowlens.example.com. */
  readonly baseUrl: string;
  readonly writeBack?: WriteBackRequest;
}

export interface Improvement {
  readonly id: number;
  readonly item: { readonly source: string; readonly id: string; readonly url: string | null };
  readonly team: string;
  readonly type: ImprovementType;
  readonly title: string;
  readonly insight: Insight & { readonly subject: string | null };
  readonly scope: Readonly<Record<string, string>>;
  readonly period: { readonly from: string; readonly to: string };
  readonly createdAt: string;
  readonly createdBy: string;
  readonly tracker: { readonly source: string; readonly key: string; readonly url: string } | null;
  /** The item's status now (as stored; null when it is gone). */
  readonly status: string | null;
}

const MAX_TITLE = 200;

/** The type an insight's improvement usually is: a DORA drop is a risk; the rest is debt. */
export function defaultImprovementType(rule: InsightRule): ImprovementType {
  return rule === 'dora-tier-drop' ? 'risk' : 'debt';
}

function checkTitle(title: string): string {
  const clean = title.trim();
  if (clean === '' || clean.length > MAX_TITLE || clean.includes('\u0000'))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `title: must be 1 to ${MAX_TITLE} characters without NUL, not ${clean.length} characters`,
    );
  return clean;
}

/** The team whose backlog gets the item: the scope's team, else one named and inside the scope. */
function backlogTeamOf(engine: MetricsEngine, input: NewImprovement): string {
  if (input.team !== undefined) {
    if (input.backlogTeam !== undefined && input.backlogTeam !== input.team)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        `team: the scope is team ${input.team}; the improvement item goes to its backlog, not to ${input.backlogTeam}`,
      );
    return input.team;
  }
  if (input.backlogTeam === undefined)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      'team: name the team whose backlog gets the improvement item (the scope is not a single team)',
    );
  const team = engine.organisation().teams.find((t) => t.id === input.backlogTeam);
  if (team === undefined) throw new FlowlensError('NOT_FOUND', `there is no team "${input.backlogTeam}"`);
  const streams = engine.organisation().valueStreams;
  const inScope =
    input.valueStream !== undefined
      ? team.valueStream === input.valueStream
      : input.portfolio !== undefined
        ? streams.some((v) => v.id === team.valueStream && v.portfolio === input.portfolio)
        : true;
  if (!inScope)
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `team: ${team.id} is not a team of the insight's scope; choose one of its teams`,
    );
  return team.id;
}

/** The raw type of a tracker source that its mapping reads as `type` (debt or risk). */
async function trackerTypeFor(store: Store, source: string, type: ImprovementType): Promise<string> {
  const rows = await store.db
    .selectFrom('mappings')
    .select(['types', 'team'])
    .where('source', '=', source)
    .orderBy('team')
    .execute();
  for (const row of rows) {
    const types = JSON.parse(row.types) as Record<string, string>;
    const raw = Object.keys(types)
      .sort()
      .find((name) => types[name] === type);
    if (raw !== undefined) return raw;
  }
  throw new FlowlensError(
    'INVALID_ARGUMENT',
    `source ${source}: its mapping has no type that counts as ${type}; map one (e.g. "Tech Debt" → ${type}) in the mapping editor, then try again`,
  );
}

function paragraphsOf(insight: Insight, period: { from: string; to: string }): string[] {
  const numbers = Object.entries(insight.evidence.numbers)
    .map(([k, v]) => `${k}: ${v === null ? '—' : typeof v === 'number' ? Number(v.toFixed(4)) : v}`)
    .join('; ');
  return [
    insight.explanation,
    `Evidence (${period.from.slice(0, 10)} to ${period.to.slice(0, 10)}): ${numbers}.`,
    `Recommended action: ${insight.action}`,
  ];
}

/** Creates the improvement item of an insight (and its tracker issue when asked). */
export async function createImprovement(
  engine: MetricsEngine,
  store: Store,
  input: NewImprovement,
  writeBack: WriteBack | null,
  now: () => number = Date.now,
): Promise<Improvement> {
  const team = backlogTeamOf(engine, input);
  const type = input.type ?? defaultImprovementType(input.insight.rule);
  if (!(IMPROVEMENT_TYPES as readonly string[]).includes(type))
    throw new FlowlensError('INVALID_ARGUMENT', `type: must be debt or risk, not "${type}"`);
  const document = await scopeInsights(engine, store, input);
  const candidates = document.insights.filter((i) => i.rule === input.insight.rule);
  const insight =
    input.insight.subject === undefined && candidates.length === 1
      ? candidates[0]
      : candidates.find((i) => insightSubject(i) === (input.insight.subject ?? null));
  if (insight === undefined)
    throw new FlowlensError(
      'NOT_FOUND',
      candidates.length > 1 && input.insight.subject === undefined
        ? `the rule ${input.insight.rule} finds ${candidates.length} insights here; name one by its subject (${candidates.map((c) => insightSubject(c)).join(', ')})`
        : `there is no ${input.insight.rule} insight${input.insight.subject === undefined ? '' : ` about "${input.insight.subject}"`} for this scope in the period ${document.period.from.slice(0, 10)} to ${document.period.to.slice(0, 10)}; insights change as data arrives: list them again`,
    );
  const subject = insightSubject(insight);
  const title = checkTitle(input.title ?? insight.title);
  const scope = document.scope;
  const [scopeKind, scopeId] =
    scope.team !== undefined
      ? ['team', scope.team]
      : scope.valueStream !== undefined
        ? ['valueStream', scope.valueStream]
        : scope.portfolio !== undefined
          ? ['portfolio', scope.portfolio]
          : ['organisation', ''];

  // One improvement item per insight and period.
  const existing = await store.db
    .selectFrom('improvements')
    .select(['item_source', 'item_id', 'evidence'])
    .where('rule', '=', insight.rule)
    .where('scope_kind', '=', scopeKind as string)
    .where('scope_id', '=', scopeId as string)
    .execute();
  const twin = existing.find((row) => {
    const stored = JSON.parse(row.evidence) as { subject: string | null; period: { to: string } };
    return stored.subject === subject && stored.period.to === document.period.to;
  });
  if (twin !== undefined)
    throw new FlowlensError(
      'CONFLICT',
      `this insight already has an improvement item for the period: ${twin.item_id} (${twin.item_source})`,
    );

  const evidence = JSON.stringify({ insight, subject, period: document.period });
  const chartUrl = new URL(insight.evidence.chart, input.baseUrl).toString();
  const link = { text: `The evidence in Flowlens: ${insight.title}`, url: chartUrl };

  // The tracker first: its issue is what the item will be (a failure there leaves nothing here).
  let tracked: TrackerItem | null = null;
  if (input.writeBack !== undefined) {
    if (writeBack === null)
      throw new FlowlensError(
        'INVALID_ARGUMENT',
        'write-back: no connector configuration is loaded (flowlens.yaml)',
      );
    tracked = await writeBack({
      target: input.writeBack,
      title,
      paragraphs: paragraphsOf(insight, document.period),
      link,
      type,
    });
  }
  const createdAt = now();
  const id = await runEdit(store, { actor: input.actor, now: () => createdAt }, async (edit) => {
    const row = await edit.trx
      .insertInto('improvements')
      .values({
        rule: insight.rule,
        scope_kind: scopeKind as string,
        scope_id: scopeId as string,
        team,
        type,
        item_source: tracked?.source ?? IMPROVEMENT_SOURCE,
        item_id: tracked?.id ?? `pending-${createdAt}`,
        title,
        evidence,
        created_at: createdAt,
        created_by: edit.actor,
        tracker: tracked?.tracker ?? null,
        tracker_key: tracked?.key ?? null,
        tracker_url: tracked?.url ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rowId = Number(row.id);
    const itemId = tracked?.id ?? `IMP-${rowId}`;
    if (tracked === null) {
      await edit.trx.updateTable('improvements').set({ item_id: itemId }).where('id', '=', rowId).execute();
      await ensureMapping(edit);
    }
    await edit.putRecord({
      kind: 'workItem',
      source: tracked?.source ?? IMPROVEMENT_SOURCE,
      id: itemId,
      type: tracked?.type ?? type,
      status: tracked?.status ?? 'open',
      createdAt: tracked?.createdAt ?? formatInstant(createdAt),
      title,
      team,
      ...(tracked === null ? {} : { url: tracked.url }),
      labels: ['improvement', `insight:${insight.rule}`],
    });
    return {
      result: rowId,
      entry: {
        action: 'create',
        kind: 'improvement',
        target: itemId,
        summary: `improvement item ${itemId} (${type}) for team ${team} from the insight "${insight.title}"${tracked === null ? '' : `, created in ${tracked.tracker} as ${tracked.key}`}`,
        details: { rule: insight.rule, subject, period: document.period, tracker: tracked },
      },
    };
  });
  await engine.refresh();
  return getImprovement(store, id);
}

async function ensureMapping(edit: EditTransaction): Promise<void> {
  const mapped = await edit.trx
    .selectFrom('mappings')
    .select('source')
    .where('source', '=', IMPROVEMENT_SOURCE)
    .where('team', '=', '')
    .executeTakeFirst();
  if (mapped === undefined) await edit.putRecord(IMPROVEMENT_MAPPING);
}

interface Row {
  id: number | string;
  rule: string;
  scope_kind: string;
  scope_id: string;
  team: string;
  type: string;
  item_source: string;
  item_id: string;
  title: string;
  evidence: string;
  created_at: number | string;
  created_by: string;
  tracker: string | null;
  tracker_key: string | null;
  tracker_url: string | null;
  status?: string | null;
  url?: string | null;
}

function toImprovement(row: Row): Improvement {
  const stored = JSON.parse(row.evidence) as {
    insight: Insight;
    subject: string | null;
    period: { from: string; to: string };
  };
  const scope: Record<string, string> =
    row.scope_kind === 'organisation' ? {} : { [row.scope_kind]: row.scope_id };
  return {
    id: Number(row.id),
    item: { source: row.item_source, id: row.item_id, url: row.url ?? row.tracker_url },
    team: row.team,
    type: row.type as ImprovementType,
    title: row.title,
    insight: { ...stored.insight, subject: stored.subject },
    scope,
    period: stored.period,
    createdAt: formatInstant(Number(row.created_at)),
    createdBy: row.created_by,
    tracker:
      row.tracker === null || row.tracker_key === null || row.tracker_url === null
        ? null
        : { source: row.tracker, key: row.tracker_key, url: row.tracker_url },
    status: row.status ?? null,
  };
}

function selectImprovements(store: Store) {
  return store.db
    .selectFrom('improvements as i')
    .leftJoin('work_items as w', (join) =>
      join.onRef('w.source', '=', 'i.item_source').onRef('w.id', '=', 'i.item_id'),
    )
    .selectAll('i')
    .select(['w.status as status', 'w.url as url']);
}

export async function getImprovement(store: Store, id: number): Promise<Improvement> {
  const row = await selectImprovements(store).where('i.id', '=', id).executeTakeFirst();
  if (row === undefined) throw new FlowlensError('NOT_FOUND', `there is no improvement item ${id}`);
  return toImprovement(row as Row);
}

/** The improvement items, newest first; of one team when given. */
export async function listImprovements(
  store: Store,
  filter: { readonly team?: string } = {},
): Promise<Improvement[]> {
  let select = selectImprovements(store);
  if (filter.team !== undefined) select = select.where('i.team', '=', filter.team);
  const rows = await select.orderBy('i.id', 'desc').execute();
  return (rows as Row[]).map(toImprovement);
}

/**
 * Moves a `flowlens` improvement item to a status (a transition record, as any source's status
 * change); one written back to a tracker changes there and arrives with its next sync.
 */
export async function setImprovementStatus(
  engine: MetricsEngine,
  store: Store,
  id: number,
  status: string,
  actor: string,
  now: () => number = Date.now,
): Promise<Improvement> {
  if (!(IMPROVEMENT_STATUSES as readonly string[]).includes(status))
    throw new FlowlensError(
      'INVALID_ARGUMENT',
      `status: must be one of ${IMPROVEMENT_STATUSES.join(', ')}, not "${status}"`,
    );
  const current = await getImprovement(store, id);
  if (current.item.source !== IMPROVEMENT_SOURCE)
    throw new FlowlensError(
      'CONFLICT',
      `improvement item ${id} is ${current.tracker?.key ?? current.item.id} in ${current.tracker?.source ?? current.item.source}: change its status there; the next sync brings it here`,
    );
  if (current.status === status) return current;
  const at = now();
  await runEdit(store, { actor, now: () => at }, async (edit) => {
    const item = await edit.trx
      .selectFrom('work_items')
      .selectAll()
      .where('source', '=', IMPROVEMENT_SOURCE)
      .where('id', '=', current.item.id)
      .executeTakeFirst();
    if (item === undefined)
      throw new FlowlensError('NOT_FOUND', `the work item ${current.item.id} of improvement ${id} is gone`);
    // The item's status changes are numbered: IMP-1/1, IMP-1/2, …
    const changes = await edit.trx
      .selectFrom('transitions')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('source', '=', IMPROVEMENT_SOURCE)
      .where('item', '=', current.item.id)
      .executeTakeFirstOrThrow();
    await edit.putRecord({
      kind: 'transition',
      source: IMPROVEMENT_SOURCE,
      item: current.item.id,
      id: `${current.item.id}/${Number(changes.n) + 1}`,
      at: formatInstant(at),
      from: item.status,
      to: status,
      by: edit.actor,
    });
    await edit.putRecord({
      kind: 'workItem',
      source: IMPROVEMENT_SOURCE,
      id: current.item.id,
      type: item.type,
      status,
      createdAt: formatInstant(Number(item.created_at)),
      title: item.title,
      team: item.team,
      labels: ['improvement', `insight:${current.insight.rule}`],
    });
    return {
      result: null,
      entry: {
        action: 'set-status',
        kind: 'improvement',
        target: current.item.id,
        summary: `improvement item ${current.item.id}: ${item.status} → ${status}`,
        details: { from: item.status, to: status },
      },
    };
  });
  await engine.refresh();
  return getImprovement(store, id);
}
