/**
 * One hand-written file with every record kind of contract.md §1: what is stored, to the column,
 * with every timestamp converted to UTC epoch milliseconds, and what the summary counts.
 */
import { expect, it } from 'vitest';
import { importFiles } from '../src/ingest/index.js';
import type { Store } from '../src/store/index.js';
import { writeNdjson } from './support/files.js';
import { describeEachStore, dumpDatabase, type TestDatabase, useTestStore } from './support/stores.js';

const RECORDS = [
  { kind: 'portfolio', id: 'p-digital', name: 'Digital' },
  { kind: 'valueStream', id: 'vs-payments', name: 'Payments', portfolio: 'p-digital' },
  { kind: 'team', id: 't-payments', name: 'Payments team', valueStream: 'vs-payments' },
  { kind: 'person', id: 'u-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
  { kind: 'person', id: 'u-grace', name: 'Grace Hopper' },
  {
    kind: 'service',
    id: 'svc-checkout',
    team: 't-payments',
    name: 'Checkout',
    repository: 'github:acme/checkout',
  },
  {
    kind: 'role',
    person: 'u-ada',
    role: 'product-owner',
    team: 't-payments',
    from: '2025-01-01T00:00:00+01:00',
  },
  {
    kind: 'role',
    person: 'u-grace',
    role: 'value-stream-architect',
    valueStream: 'vs-payments',
    from: '2025-02-01T00:00Z',
    to: '2025-12-31T23:59:59.999+00:00',
  },
  {
    kind: 'mapping',
    source: 'jira:PAY',
    // Written out of order: stored with sorted keys.
    statuses: {
      'To Do': { state: 'new', stage: 'ideate' },
      Done: { stage: 'release', state: 'done' },
      'In Progress': { stage: 'create', state: 'active' },
    },
    types: { Story: 'feature', Bug: 'defect' },
    environments: { prod: 'production', stage: 'staging' },
  },
  {
    kind: 'mapping',
    source: 'jira:PAY',
    team: 't-payments',
    statuses: { Parked: { stage: 'ideate', state: 'waiting' } },
    types: { Spike: 'risk' },
  },
  {
    kind: 'workItem',
    source: 'jira:PAY',
    id: 'PAY-1',
    type: 'Story',
    status: 'Done',
    createdAt: '2025-01-06T09:30:00+01:00',
    title: 'Checkout redesign ✓ (é, 日本)',
    team: 't-payments',
    url: 'https://jira.example.com/browse/PAY-1',
    labels: ['ux', 'q1'],
    estimate: 5.5,
    product: 'checkout',
  },
  {
    kind: 'workItem',
    source: 'jira:PAY',
    id: 'PAY-2',
    type: 'Bug',
    status: 'In Progress',
    createdAt: '2025-01-07T12:00:00.250Z',
    parent: 'PAY-1',
    unknownFieldFromANewerProducer: 'ignored',
  },
  {
    kind: 'transition',
    source: 'jira:PAY',
    item: 'PAY-1',
    at: '2025-01-06T10:00:00+01:00',
    from: 'To Do',
    to: 'In Progress',
    id: '10001',
    by: 'u-ada',
  },
  {
    kind: 'transition',
    source: 'jira:PAY',
    item: 'PAY-1',
    at: '2025-01-08T17:45:30-05:00',
    from: 'In Progress',
    to: 'Done',
  },
  {
    kind: 'change',
    source: 'github:acme/checkout',
    id: 'PR-42',
    createdAt: '2025-01-09T08:00:00+05:30',
    firstCommitAt: '2025-01-08T23:10:00.5+05:30',
    mergedAt: '2025-01-10T10:00:00Z',
    items: ['PAY-1'],
    repository: 'acme/checkout',
    author: 'u-ada',
    reviewed: true,
  },
  {
    kind: 'change',
    source: 'github:acme/checkout',
    id: 'PR-43',
    createdAt: '2025-01-11T00:00:00-00:30',
    reviewed: false,
  },
  {
    kind: 'deployment',
    source: 'github-actions',
    id: 'dep-1',
    service: 'svc-checkout',
    environment: 'production',
    at: '2025-01-10T12:00:00+02:00',
    status: 'success',
    changes: ['PR-42'],
  },
  {
    kind: 'deployment',
    source: 'github-actions',
    id: 'dep-2',
    service: 'svc-checkout',
    environment: 'staging',
    at: '2025-01-10T12:05:00+02:00',
    status: 'failed',
  },
  {
    kind: 'incident',
    source: 'pagerduty',
    id: 'INC-1',
    service: 'svc-checkout',
    openedAt: '2025-01-10T13:00:00+02:00',
    resolvedAt: '2025-01-10T11:30:00Z',
    causedBy: 'dep-1',
    severity: 'SEV2',
  },
  {
    kind: 'incident',
    source: 'pagerduty',
    id: 'INC-2',
    service: 'svc-checkout',
    openedAt: '2025-01-12T08:00Z',
  },
  {
    kind: 'sprint',
    source: 'jira:PAY',
    id: '42',
    name: 'PAY Sprint 42',
    start: '2025-01-06T10:00:00+01:00',
    end: '2025-01-20T09:00Z',
    team: 't-payments',
    state: 'closed',
    completedAt: '2025-01-20T11:00:00+02:00',
    goal: 'Checkout redesign',
    // Written out of order: stored sorted by item, then added.
    items: [
      { item: 'PAY-2', added: '2025-01-08T09:00Z', removed: '2025-01-09T09:00Z' },
      { item: 'PAY-1', added: '2025-01-06T08:00:00Z' },
    ],
  },
];

/** The database after importing RECORDS: every column, instants as UTC epoch milliseconds. */
const EXPECTED = {
  portfolios: [{ id: 'p-digital', name: 'Digital' }],
  value_streams: [{ id: 'vs-payments', name: 'Payments', portfolio: 'p-digital' }],
  teams: [{ id: 't-payments', name: 'Payments team', value_stream: 'vs-payments' }],
  people: [
    { id: 'u-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
    { id: 'u-grace', name: 'Grace Hopper', email: null },
  ],
  services: [
    { id: 'svc-checkout', team: 't-payments', name: 'Checkout', repository: 'github:acme/checkout' },
  ],
  roles: [
    {
      key: JSON.stringify(['u-ada', 'product-owner', 'team:t-payments', Date.UTC(2024, 11, 31, 23, 0)]),
      person: 'u-ada',
      role: 'product-owner',
      value_stream: null,
      team: 't-payments',
      from_at: Date.UTC(2024, 11, 31, 23, 0),
      to_at: null,
    },
    {
      key: JSON.stringify([
        'u-grace',
        'value-stream-architect',
        'valueStream:vs-payments',
        Date.UTC(2025, 1, 1),
      ]),
      person: 'u-grace',
      role: 'value-stream-architect',
      value_stream: 'vs-payments',
      team: null,
      from_at: Date.UTC(2025, 1, 1),
      to_at: Date.UTC(2025, 11, 31, 23, 59, 59, 999),
    },
  ],
  mappings: [
    {
      source: 'jira:PAY',
      team: '',
      statuses:
        '{"Done":{"stage":"release","state":"done"},"In Progress":{"stage":"create","state":"active"},"To Do":{"stage":"ideate","state":"new"}}',
      types: '{"Bug":"defect","Story":"feature"}',
      environments: '{"prod":"production","stage":"staging"}',
    },
    {
      source: 'jira:PAY',
      team: 't-payments',
      statuses: '{"Parked":{"stage":"ideate","state":"waiting"}}',
      types: '{"Spike":"risk"}',
      environments: null,
    },
  ],
  work_items: [
    {
      source: 'jira:PAY',
      id: 'PAY-1',
      type: 'Story',
      status: 'Done',
      created_at: Date.UTC(2025, 0, 6, 8, 30),
      title: 'Checkout redesign ✓ (é, 日本)',
      team: 't-payments',
      parent: null,
      url: 'https://jira.example.com/browse/PAY-1',
      labels: '["ux","q1"]',
      estimate: 5.5,
      product: 'checkout',
    },
    {
      source: 'jira:PAY',
      id: 'PAY-2',
      type: 'Bug',
      status: 'In Progress',
      created_at: Date.UTC(2025, 0, 7, 12, 0, 0, 250),
      title: null,
      team: null,
      parent: 'PAY-1',
      url: null,
      labels: null,
      estimate: null,
      product: null,
    },
  ],
  transitions: [
    {
      source: 'jira:PAY',
      item: 'PAY-1',
      at: Date.UTC(2025, 0, 6, 9, 0),
      from_status: 'To Do',
      to_status: 'In Progress',
      id: '10001',
      by: 'u-ada',
    },
    {
      source: 'jira:PAY',
      item: 'PAY-1',
      at: Date.UTC(2025, 0, 8, 22, 45, 30),
      from_status: 'In Progress',
      to_status: 'Done',
      id: '', // a transition without id (the column is part of the primary key)
      by: null,
    },
  ],
  changes: [
    {
      source: 'github:acme/checkout',
      id: 'PR-42',
      created_at: Date.UTC(2025, 0, 9, 2, 30),
      first_commit_at: Date.UTC(2025, 0, 8, 17, 40, 0, 500),
      merged_at: Date.UTC(2025, 0, 10, 10, 0),
      items: '["PAY-1"]',
      repository: 'acme/checkout',
      author: 'u-ada',
      reviewed: 1,
    },
    {
      source: 'github:acme/checkout',
      id: 'PR-43',
      created_at: Date.UTC(2025, 0, 11, 0, 30),
      first_commit_at: null,
      merged_at: null,
      items: null,
      repository: null,
      author: null,
      reviewed: 0,
    },
  ],
  deployments: [
    {
      source: 'github-actions',
      id: 'dep-1',
      service: 'svc-checkout',
      environment: 'production',
      at: Date.UTC(2025, 0, 10, 10, 0),
      status: 'success',
      changes: '["PR-42"]',
    },
    {
      source: 'github-actions',
      id: 'dep-2',
      service: 'svc-checkout',
      environment: 'staging',
      at: Date.UTC(2025, 0, 10, 10, 5),
      status: 'failed',
      changes: null,
    },
  ],
  incidents: [
    {
      source: 'pagerduty',
      id: 'INC-1',
      service: 'svc-checkout',
      opened_at: Date.UTC(2025, 0, 10, 11, 0),
      resolved_at: Date.UTC(2025, 0, 10, 11, 30),
      caused_by: 'dep-1',
      severity: 'SEV2',
    },
    {
      source: 'pagerduty',
      id: 'INC-2',
      service: 'svc-checkout',
      opened_at: Date.UTC(2025, 0, 12, 8, 0),
      resolved_at: null,
      caused_by: null,
      severity: null,
    },
  ],
  sprints: [
    {
      source: 'jira:PAY',
      id: '42',
      name: 'PAY Sprint 42',
      start_at: Date.UTC(2025, 0, 6, 9, 0),
      end_at: Date.UTC(2025, 0, 20, 9, 0),
      team: 't-payments',
      state: 'closed',
      completed_at: Date.UTC(2025, 0, 20, 9, 0),
      goal: 'Checkout redesign',
      items: JSON.stringify([
        { item: 'PAY-1', added: Date.UTC(2025, 0, 6, 8, 0), removed: null },
        { item: 'PAY-2', added: Date.UTC(2025, 0, 8, 9, 0), removed: Date.UTC(2025, 0, 9, 9, 0) },
      ]),
    },
  ],
};

const KIND_COUNTS = {
  portfolio: 1,
  valueStream: 1,
  team: 1,
  person: 2,
  service: 1,
  role: 2,
  mapping: 2,
  workItem: 2,
  transition: 2,
  change: 2,
  deployment: 2,
  incident: 2,
  sprint: 1,
};

function countsWhere(field: 'inserted' | 'unchanged') {
  return Object.fromEntries(
    Object.entries(KIND_COUNTS).map(([kind, n]) => [
      kind,
      { inserted: field === 'inserted' ? n : 0, updated: 0, unchanged: field === 'unchanged' ? n : 0 },
    ]),
  );
}

describeEachStore('importing every record kind', (kind) => {
  let store: Store;
  let database: TestDatabase;
  useTestStore(kind, (opened) => ({ store, database } = opened));

  it('stores every field of every kind, instants as UTC epoch milliseconds', async () => {
    const file = writeNdjson(database.dir, 'org.ndjson', RECORDS);
    const summary = await importFiles(store, [file]);

    expect(await dumpDatabase(store)).toEqual(EXPECTED);
    expect(summary.files).toHaveLength(1);
    expect(summary.files[0]).toMatchObject({
      file,
      format: 'ndjson',
      status: 'imported',
      records: RECORDS.length,
      rejected: 0,
      errors: [],
      resumedAfterLine: null,
    });
    expect(summary.totals).toEqual({ records: RECORDS.length, rejected: 0, counts: countsWhere('inserted') });
    expect(summary.files[0]?.counts).toEqual(countsWhere('inserted'));
    expect(summary.unresolved).toEqual([]);
  });

  it('counts a re-import of the same file as unchanged and changes nothing', async () => {
    const file = writeNdjson(database.dir, 'org.ndjson', RECORDS);
    await importFiles(store, [file]);
    const again = await importFiles(store, [file]);

    expect(again.totals).toEqual({ records: RECORDS.length, rejected: 0, counts: countsWhere('unchanged') });
    expect(again.files[0]?.resumedAfterLine).toBeNull();
    expect(await dumpDatabase(store)).toEqual(EXPECTED);
  });

  it('stores the same when the file is parsed on a worker thread', async () => {
    const file = writeNdjson(database.dir, 'org.ndjson', RECORDS);
    const summary = await importFiles(store, [file], { parallel: 'always', batchSize: 3 });

    expect(await dumpDatabase(store)).toEqual(EXPECTED);
    expect(summary.totals).toEqual({ records: RECORDS.length, rejected: 0, counts: countsWhere('inserted') });
  });

  it('logs the import: one finished file entry with its counts', async () => {
    const file = writeNdjson(database.dir, 'org.ndjson', RECORDS);
    await importFiles(store, [file], { batchSize: 5 });

    const files = await store.db.selectFrom('import_files').selectAll().execute();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ status: 'done', format: 'ndjson', strict: 0 });
    expect(Number(files[0]?.records)).toBe(RECORDS.length);
    expect(Number(files[0]?.committed_line)).toBe(RECORDS.length);
    expect(JSON.parse(files[0]?.counts ?? '{}')).toEqual(countsWhere('inserted'));
    const batches = await store.db.selectFrom('import_batches').select(['records']).orderBy('id').execute();
    const sizes = batches.map((b) => Number(b.records));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(RECORDS.length);
    expect(sizes.filter((n) => n > 0)).toEqual([5, 5, 5, 5, 1]);
  });
});
