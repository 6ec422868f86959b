/**
 * fast-check arbitraries of valid interchange records (contract.md §1), drawn from small pools of
 * ids, statuses and instants so that references point at each other and identities are close.
 * Instants are kept as epoch milliseconds plus the offset they are written with, so the same
 * record can be written again with another offset: the same instant, other text.
 */
import fc from 'fast-check';

/** An instant and how it is written: the UTC offset in minutes and whether milliseconds show. */
export interface Instant {
  readonly ms: number;
  readonly offsetMinutes: number;
}

type Value = string | number | boolean | Instant | readonly string[] | Record<string, unknown> | undefined;
/** A record before it is written: instants as `Instant`s. */
export type RecordModel = { readonly kind: string } & Readonly<Record<string, Value>>;

const FROM_MS = Date.UTC(2020, 0, 1);
const TO_MS = Date.UTC(2026, 0, 1);
const OFFSETS = [0, 60, -300, 330, 345, -570, 840, -720, -30];

const offsetArb = fc.constantFrom(...OFFSETS);
/** Instants from a small pool (so that transitions collide) or anywhere in six years. */
const msArb = fc.oneof(
  fc.constantFrom(
    Date.UTC(2025, 0, 6, 9),
    Date.UTC(2025, 0, 6, 9, 0, 0, 1),
    Date.UTC(2025, 5, 30, 23, 59, 59),
  ),
  fc.integer({ min: FROM_MS, max: TO_MS }),
  fc.integer({ min: FROM_MS / 1000, max: TO_MS / 1000 }).map((s) => s * 1000),
);
const instantArb: fc.Arbitrary<Instant> = fc.record({ ms: msArb, offsetMinutes: offsetArb });

/** Printable text with the characters that break naive quoting and encoding. */
const CHARS = [
  'a',
  'b',
  'Z',
  '0',
  ' ',
  '-',
  ':',
  '/',
  '#',
  'é',
  'ß',
  '日',
  '本',
  '😀',
  '"',
  '\\',
  "'",
  '\u00a0',
  // Separators and escapes of PostgreSQL's COPY text format, which the PostgreSQL store writes.
  '\t',
  '\n',
  '\r',
  'N',
];
const textArb = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 12 });
const pool = (...values: string[]) => fc.constantFrom(...values);

const orgId = pool('o-1', 'o-2', 'o-3', 'o-4');
const sourceArb = pool('jira:PAY', 'jira:OPS', 'github:acme/app');
const itemId = pool('PAY-1', 'PAY-2', 'PAY-3', 'OPS-1');
const statusArb = pool('To Do', 'In Progress', 'Done', 'Blocked');

const portfolio = fc.record({ kind: fc.constant('portfolio'), id: orgId, name: textArb });
const valueStream = fc.record(
  { kind: fc.constant('valueStream'), id: orgId, name: textArb, portfolio: orgId },
  { requiredKeys: ['kind', 'id', 'name'] },
);
const team = fc.record(
  { kind: fc.constant('team'), id: orgId, name: textArb, valueStream: orgId },
  { requiredKeys: ['kind', 'id', 'name'] },
);
const person = fc.record(
  { kind: fc.constant('person'), id: orgId, name: textArb, email: textArb },
  { requiredKeys: ['kind', 'id', 'name'] },
);
const service = fc.record(
  { kind: fc.constant('service'), id: orgId, team: orgId, name: textArb, repository: textArb },
  { requiredKeys: ['kind', 'id', 'team'] },
);
const role = fc
  .record({
    person: orgId,
    role: fc.constantFrom('product-owner', 'architect', 'qa-lead', 'value-stream-architect'),
    scope: fc.constantFrom('valueStream', 'team'),
    scopeId: orgId,
    period: fc.option(fc.tuple(instantArb, fc.option(instantArb, { nil: undefined })), { nil: undefined }),
    openStart: fc.option(instantArb, { nil: undefined }),
  })
  .map(({ person, role, scope, scopeId, period, openStart }): RecordModel => {
    const base = { kind: 'role', person, role, [scope]: scopeId };
    if (period === undefined) return openStart === undefined ? base : { ...base, to: openStart };
    const [a, b] = period;
    if (b === undefined) return { ...base, from: a };
    return a.ms <= b.ms ? { ...base, from: a, to: b } : { ...base, from: b, to: a };
  });
const mapping = fc.record(
  {
    kind: fc.constant('mapping'),
    source: sourceArb,
    team: orgId,
    statuses: fc.dictionary(
      statusArb,
      fc.record({
        stage: fc.constantFrom('ideate', 'create', 'release', 'operate'),
        state: fc.constantFrom('new', 'waiting', 'active', 'done', 'cancelled'),
      }),
    ),
    types: fc.dictionary(pool('Story', 'Bug', 'Task'), fc.constantFrom('feature', 'defect', 'risk', 'debt')),
    environments: fc.dictionary(pool('prod', 'stg'), pool('production', 'staging')),
  },
  { requiredKeys: ['kind', 'source', 'statuses', 'types'] },
);
const workItem = fc.record(
  {
    kind: fc.constant('workItem'),
    source: sourceArb,
    id: itemId,
    type: pool('Story', 'Bug', 'Task'),
    status: statusArb,
    createdAt: instantArb,
    title: fc.oneof(textArb, fc.constant('')),
    team: orgId,
    parent: itemId,
    url: textArb,
    labels: fc.array(textArb, { maxLength: 3 }),
    estimate: fc.oneof(
      fc.integer({ min: 0, max: 40 }),
      fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    ),
    product: textArb,
  },
  { requiredKeys: ['kind', 'source', 'id', 'type', 'status', 'createdAt'] },
);
const anyTransition = fc.record(
  {
    kind: fc.constant('transition'),
    source: sourceArb,
    item: itemId,
    at: instantArb,
    from: statusArb,
    to: statusArb,
    id: pool('h-1', 'h-2', 'h-3', 'h-4', 'h-5'),
    by: orgId,
  },
  { requiredKeys: ['kind', 'source', 'item', 'at', 'from', 'to'] },
);
/** Transitions of one item at one instant: same-second flip-flops, with and without ids. */
const crowdedTransition = fc.record(
  {
    kind: fc.constant('transition'),
    source: fc.constant('jira:PAY'),
    item: fc.constant('PAY-1'),
    at: fc.record({ ms: fc.constant(Date.UTC(2025, 0, 6, 9)), offsetMinutes: offsetArb }),
    from: pool('To Do', 'In Progress'),
    to: pool('In Progress', 'Done'),
    id: pool('h-1', 'h-2', 'h-3', 'h-4', 'h-5', 'h-6'),
    by: orgId,
  },
  { requiredKeys: ['kind', 'source', 'item', 'at', 'from', 'to'] },
);
const transition = fc.oneof(anyTransition, crowdedTransition);
const change = fc.record(
  {
    kind: fc.constant('change'),
    source: sourceArb,
    id: pool('PR-1', 'PR-2', 'PR-3'),
    createdAt: instantArb,
    firstCommitAt: instantArb,
    mergedAt: instantArb,
    items: fc.array(itemId, { maxLength: 3 }),
    repository: textArb,
    author: orgId,
    reviewed: fc.boolean(),
  },
  { requiredKeys: ['kind', 'source', 'id', 'createdAt'] },
);
const deployment = fc.record(
  {
    kind: fc.constant('deployment'),
    source: sourceArb,
    id: pool('d-1', 'd-2', 'd-3'),
    service: orgId,
    environment: pool('production', 'staging'),
    at: instantArb,
    status: fc.constantFrom('success', 'failed'),
    changes: fc.array(pool('PR-1', 'PR-2', 'PR-3'), { maxLength: 2 }),
  },
  { requiredKeys: ['kind', 'source', 'id', 'service', 'environment', 'at', 'status'] },
);
const incident = fc
  .record(
    {
      kind: fc.constant('incident'),
      source: sourceArb,
      id: pool('inc-1', 'inc-2', 'inc-3'),
      service: orgId,
      openedAt: instantArb,
      resolvedAt: instantArb,
      causedBy: pool('d-1', 'd-2', 'd-3'),
      severity: pool('SEV1', 'SEV2'),
    },
    { requiredKeys: ['kind', 'source', 'id', 'service', 'openedAt'] },
  )
  .map((r): RecordModel => {
    if (r.resolvedAt === undefined || r.resolvedAt.ms >= r.openedAt.ms) return r;
    return { ...r, openedAt: r.resolvedAt, resolvedAt: r.openedAt };
  });

/** Any valid record; transitions are more frequent, with and without id. */
export const recordArb: fc.Arbitrary<RecordModel> = fc.oneof(
  portfolio,
  valueStream,
  team,
  person,
  service,
  role,
  mapping,
  { arbitrary: workItem, weight: 3 },
  { arbitrary: transition, weight: 4 },
  change,
  deployment,
  incident,
) as fc.Arbitrary<RecordModel>;

/**
 * The identity of a record (contract.md §1): `kind` + `source` + `id`; a transition without id
 * by source + item + at + from + to; kinds without source by `id`. Two kinds have neither: a role
 * is identified by person + role + scope + start, a mapping by source + team (as the store does).
 */
export function identityOf(record: RecordModel): string {
  const r = record as Record<string, Value>;
  const ms = (value: Value) => (value === undefined ? null : (value as Instant).ms);
  switch (record.kind) {
    case 'transition':
      return JSON.stringify(
        r.id === undefined
          ? ['transition', r.source, r.item, ms(r.at), r.from, r.to]
          : ['transition', r.source, '#', r.id],
      );
    case 'role':
      return JSON.stringify(['role', r.person, r.role, r.valueStream ?? null, r.team ?? null, ms(r.from)]);
    case 'mapping':
      return JSON.stringify(['mapping', r.source, r.team ?? '']);
    case 'portfolio':
    case 'valueStream':
    case 'team':
    case 'person':
    case 'service':
      return JSON.stringify([record.kind, r.id]);
    default:
      return JSON.stringify([record.kind, r.source, r.id]);
  }
}

/** Valid records with distinct identities. */
export const distinctRecordsArb = (maxLength: number) =>
  fc.uniqueArray(recordArb, { minLength: 1, maxLength, selector: identityOf });

/** The same record written with other offsets (and other key order in objects): a duplicate. */
export function rewriteOffsets(record: RecordModel, offsets: readonly number[]): RecordModel {
  let next = 0;
  const copy: Record<string, Value> = {};
  for (const key of Object.keys(record).reverse()) {
    const value = (record as Record<string, Value>)[key];
    if (isInstant(value)) {
      copy[key] = { ms: value.ms, offsetMinutes: offsets[next++ % offsets.length] ?? 0 };
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      copy[key] = Object.fromEntries(Object.entries(value).reverse());
    } else {
      copy[key] = value;
    }
  }
  return copy as RecordModel;
}

/** The NDJSON line of a record. */
export function renderRecord(record: RecordModel): string {
  return JSON.stringify(record, (_key, value: unknown) =>
    isInstant(value) ? formatWithOffset(value) : value,
  );
}

/** `2025-01-06T10:00:00.123+01:00`: the local time at the offset, milliseconds only when not zero. */
export function formatWithOffset({ ms, offsetMinutes }: Instant): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const shown = ms % 1000 === 0 ? local.slice(0, -4) : local;
  if (offsetMinutes === 0) return `${shown}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${shown}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function isInstant(value: unknown): value is Instant {
  return (
    typeof value === 'object' &&
    value !== null &&
    'ms' in value &&
    'offsetMinutes' in value &&
    Object.keys(value).length === 2
  );
}
