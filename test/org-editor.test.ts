/**
 * The organisation editor (src/admin) on both stores: creating, renaming, moving and archiving the
 * organisation's entities with their history; the errors of what cannot be done; a later import of
 * the same organisation file after edits; a team counted where it was at each item's completion
 * (metrics, series and views, and its services' deployments); role assignments. The mapping editor
 * has its own file (mapping-editor.test.ts).
 *
 * The organisation: p1 → vs1 (t-a, t-b), vs2 (t-c); p2 → vs3. t-a owns svc-a. Days d0…d13 from
 * Monday 2025-01-06. A-1 (t-a) In Progress d1 → Done d3; A-2 (t-a) In Progress d5 → Done d9; A-3
 * (t-a) In Progress from d6; B-1 (t-b) In Progress d2 → Done d4. svc-a deploys to production at d2
 * and d8.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  addAssignment,
  createEntity,
  listAssignments,
  readOrgModel,
  recentChanges,
  removeAssignment,
  updateAssignment,
  updateEntity,
} from '../src/admin/index.js';
import { completedItems, flowTrend, listItems, MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import type { Store } from '../src/store/index.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6);
const at = (days: number, hours = 0) => new Date(T0 + days * DAY + hours * 3_600_000).toISOString();
const PERIOD = { fromMs: T0, toMs: T0 + 14 * DAY };
/** The editor's clock: after the whole story. */
const NOW = T0 + 60 * DAY;
const alice = { actor: 'alice', now: () => NOW };

const item = (id: string, team: string) => ({
  kind: 'workItem',
  source: 'jira:A',
  id,
  type: 'Story',
  status: 'Backlog',
  createdAt: at(0),
  team,
});
const change = (id: string, day: number, from: string, to: string) => ({
  kind: 'transition',
  source: 'jira:A',
  item: id,
  at: at(day),
  from,
  to,
});

const ORG = [
  { kind: 'portfolio', id: 'p1', name: 'Retail' },
  { kind: 'portfolio', id: 'p2', name: 'Platform' },
  { kind: 'valueStream', id: 'vs1', name: 'Checkout', portfolio: 'p1' },
  { kind: 'valueStream', id: 'vs2', name: 'Payments', portfolio: 'p1' },
  { kind: 'valueStream', id: 'vs3', name: 'Infra', portfolio: 'p2' },
  { kind: 'team', id: 't-a', name: 'Team A', valueStream: 'vs1' },
  { kind: 'team', id: 't-b', name: 'Team B', valueStream: 'vs1' },
  { kind: 'team', id: 't-c', name: 'Team C', valueStream: 'vs2' },
  { kind: 'person', id: 'p-ann', name: 'Ann' },
  { kind: 'person', id: 'p-bob', name: 'Bob' },
  { kind: 'service', id: 'svc-a', team: 't-a', name: 'A service' },
  { kind: 'role', person: 'p-ann', role: 'product-owner', team: 't-a', from: '2025-01-01T00:00:00Z' },
  {
    kind: 'mapping',
    source: 'jira:A',
    statuses: {
      Backlog: { stage: 'ideate', state: 'new' },
      'In Progress': { stage: 'create', state: 'active' },
      Done: { stage: 'release', state: 'done' },
    },
    types: { Story: 'feature' },
  },
  item('A-1', 't-a'),
  change('A-1', 1, 'Backlog', 'In Progress'),
  change('A-1', 3, 'In Progress', 'Done'),
  item('A-2', 't-a'),
  change('A-2', 5, 'Backlog', 'In Progress'),
  change('A-2', 9, 'In Progress', 'Done'),
  item('A-3', 't-a'),
  change('A-3', 6, 'Backlog', 'In Progress'),
  item('B-1', 't-b'),
  change('B-1', 2, 'Backlog', 'In Progress'),
  change('B-1', 4, 'In Progress', 'Done'),
  ...[2, 8].map((day) => ({
    kind: 'deployment',
    source: 'ci',
    id: `dep-${day}`,
    service: 'svc-a',
    environment: 'production',
    at: at(day),
    status: 'success',
  })),
];

async function load(t: TestStore, name: string, records: readonly object[]) {
  const summary = await importFiles(t.store, [writeNdjson(t.database.dir, name, records)]);
  expect(summary.totals.rejected).toBe(0);
  return summary;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
}

async function count(store: Store, table: 'teams' | 'roles' | 'org_history') {
  const rows = await store.db.selectFrom(table).selectAll().execute();
  return rows.length;
}

describeEachStore('the organisation editor', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await createTestStore(kind);
    await load(t, 'org.ndjson', ORG);
  });
  afterEach(async () => {
    await t.database.destroy();
  });

  it('creates, renames, moves and archives every kind of entity, and keeps their history', async () => {
    const { store } = t;
    await createEntity(store, alice, 'portfolio', { id: 'p3', name: 'Growth' });
    await createEntity(store, alice, 'valueStream', { id: 'vs4', name: 'Loyalty', parent: 'p3' });
    await createEntity(store, alice, 'team', { id: 't-d', name: 'Team D', parent: 'vs4' });
    await createEntity(store, alice, 'service', {
      id: 'svc-d',
      name: 'Points',
      parent: 't-d',
      repository: 'acme/points',
    });
    const product = await createEntity(store, alice, 'product', {
      id: 'prod-1',
      name: 'Points app',
      parent: 't-d',
    });
    expect(product).toMatchObject({
      kind: 'product',
      id: 'prod-1',
      name: 'Points app',
      parent: 't-d',
      archived: null,
    });
    await createEntity(store, alice, 'person', { id: 'p-cy', name: 'Cy', email: 'cy@example.com' });

    const renamed = await updateEntity(store, alice, 'team', 't-d', { name: 'Team Delta' });
    expect(renamed.name).toBe('Team Delta');
    const moved = await updateEntity(store, alice, 'team', 't-d', {
      parent: 'vs1',
      effectiveAtMs: T0 + 5 * DAY,
    });
    expect(moved.parent).toBe('vs1');
    expect(moved.history).toEqual([
      { parent: 'vs4', from: null, to: at(5), movedAt: new Date(NOW).toISOString(), movedBy: 'alice' },
    ]);
    await updateEntity(store, { actor: 'bob', now: () => NOW }, 'team', 't-d', { parent: 'vs2' });
    await updateEntity(store, alice, 'valueStream', 'vs4', { parent: 'p1', effectiveAtMs: T0 });
    await updateEntity(store, alice, 'service', 'svc-d', { parent: 't-a' });
    await updateEntity(store, alice, 'product', 'prod-1', { parent: 't-b', description: 'Loyalty points' });
    const archived = await updateEntity(store, alice, 'team', 't-d', { archived: true });
    expect(archived.archived).toEqual({ at: new Date(NOW).toISOString(), by: 'alice' });

    const model = await readOrgModel(store);
    const team = model.teams.find((x) => x.id === 't-d');
    expect(team).toMatchObject({ name: 'Team Delta', parent: 'vs2', archived: { by: 'alice' } });
    expect(team?.history?.map((h) => [h.parent, h.from, h.to, h.movedBy])).toEqual([
      ['vs4', null, at(5), 'alice'],
      ['vs1', at(5), new Date(NOW).toISOString(), 'bob'],
    ]);
    expect(model.valueStreams.find((x) => x.id === 'vs4')?.history?.map((h) => h.parent)).toEqual(['p3']);
    expect(model.services.find((x) => x.id === 'svc-d')).toMatchObject({
      parent: 't-a',
      repository: 'acme/points',
    });
    expect(model.products).toEqual([
      expect.objectContaining({ id: 'prod-1', parent: 't-b', description: 'Loyalty points' }),
    ]);
    expect(model.people.find((p) => p.id === 'p-cy')).toMatchObject({
      email: 'cy@example.com',
      archived: null,
    });

    await updateEntity(store, alice, 'team', 't-d', { archived: false });
    expect((await readOrgModel(store)).teams.find((x) => x.id === 't-d')?.archived).toBeNull();

    // Who did what, in the audit trail and the import log.
    const changes = await recentChanges(store.db, 50, { kind: 'team', target: 't-d' });
    expect(changes.map((c) => [c.action, c.actor])).toEqual([
      ['archive', 'alice'],
      ['archive', 'alice'],
      ['move', 'bob'],
      ['move', 'alice'],
      ['update', 'alice'],
      ['create', 'alice'],
    ]);
    expect(changes[3]?.summary).toBe(`team t-d: moved from vs4 to vs1 as of ${at(5)}`);
    const files = await store.db
      .selectFrom('import_files')
      .select(['path', 'format', 'status'])
      .where('format', '=', 'edit')
      .execute();
    expect(new Set(files.map((f) => `${f.path} ${f.status}`))).toEqual(
      new Set(['edit:alice done', 'edit:bob done']),
    );
    // An edit that changes nothing leaves no trace.
    const before = (await recentChanges(store.db, 100)).length;
    await updateEntity(store, alice, 'team', 't-d', { name: 'Team Delta' });
    expect((await recentChanges(store.db, 100)).length).toBe(before);
  });

  it('refuses what cannot be done, with a message that names what is wrong', async () => {
    const { store } = t;
    expect(await codeOf(createEntity(store, alice, 'team', { id: 't-a', name: 'Again' }))).toBe(
      'CONFLICT: there is already a team "t-a"',
    );
    expect(await codeOf(updateEntity(store, alice, 'team', 't-zz', { name: 'x' }))).toMatch(
      /^NOT_FOUND: there is no team "t-zz" \(known: t-a, t-b, t-c\)$/,
    );
    expect(
      await codeOf(createEntity(store, alice, 'team', { id: 't-x', name: 'X', parent: 'vs-none' })),
    ).toMatch(/^INVALID_ARGUMENT: parent: there is no value stream "vs-none"/);
    expect(await codeOf(createEntity(store, alice, 'team', { id: 't-x' }))).toMatch(
      /^INVALID_ARGUMENT: team\.name: is required/,
    );
    expect(await codeOf(createEntity(store, alice, 'service', { id: 'svc-x' }))).toMatch(
      /^INVALID_ARGUMENT: service\.team: is required/,
    );
    await updateEntity(store, alice, 'valueStream', 'vs3', { archived: true });
    expect(await codeOf(updateEntity(store, alice, 'team', 't-c', { parent: 'vs3' }))).toMatch(
      /^INVALID_ARGUMENT: parent: the value stream "vs3" is archived/,
    );
    expect(
      await codeOf(updateEntity(store, alice, 'team', 't-c', { parent: 'vs1', effectiveAtMs: NOW + 1 })),
    ).toMatch(/effectiveAt: .* is in the future/);
    await updateEntity(store, alice, 'team', 't-c', { parent: 'vs1', effectiveAtMs: T0 + 3 * DAY });
    expect(
      await codeOf(updateEntity(store, alice, 'team', 't-c', { parent: 'vs2', effectiveAtMs: T0 + 3 * DAY })),
    ).toMatch(/effectiveAt: .* is not after the previous move/);
    expect(await codeOf(updateEntity(store, alice, 'team', 't-c', { name: 'C', effectiveAtMs: T0 }))).toMatch(
      /effectiveAt: is only for a move/,
    );
    expect(await codeOf(updateEntity(store, alice, 'person', 'p-ann', { parent: 't-a' }))).toMatch(
      /parent: a person has no parent/,
    );
    expect(await codeOf(updateEntity(store, { actor: '' }, 'team', 't-a', { name: 'x' }))).toMatch(
      /^INVALID_ARGUMENT: actor: "" is not a valid actor/,
    );
    // Nothing of the refused edits was written.
    expect(await count(store, 'org_history')).toBe(1);
  });

  it('a later import of the same organisation file still works after edits', async () => {
    const { store } = t;
    await updateEntity(store, alice, 'team', 't-a', {
      name: 'Team Alpha',
      parent: 'vs2',
      effectiveAtMs: T0 + 7 * DAY,
    });
    const added = await addAssignment(store, alice, {
      person: 'p-bob',
      role: 'product-owner',
      team: 't-b',
      fromMs: Date.UTC(2025, 0, 2),
    });
    const teams = await count(store, 'teams');
    const roles = await count(store, 'roles');
    // The file says what it said: the later record wins for the team's fields, the history stays.
    const summary = await load(t, 'org-again.ndjson', [
      ...ORG,
      { kind: 'role', person: 'p-bob', role: 'product-owner', team: 't-b', from: '2025-01-02T00:00:00Z' },
    ]);
    expect(summary.totals.rejected).toBe(0);
    const counts = summary.files[0]?.counts ?? {};
    expect(counts.team).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    expect(counts.role).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await count(store, 'teams')).toBe(teams);
    expect(await count(store, 'roles')).toBe(roles);
    const model = await readOrgModel(store);
    expect(model.teams.find((x) => x.id === 't-a')).toMatchObject({ name: 'Team A', parent: 'vs1' });
    expect(model.teams.find((x) => x.id === 't-a')?.history?.map((h) => [h.parent, h.to])).toEqual([
      ['vs1', at(7)],
    ]);
    expect((await listAssignments(store, { person: 'p-bob' }, NOW)).map((a) => a.id)).toEqual([added.id]);
  });

  it('counts a team where it was at each item’s completion, and its services’ deployments where it was then', async () => {
    const { store } = t;
    // t-a moves from vs1 to vs2 at d4 12:00; vs2 moves from p1 to p2 at d8 06:00.
    await updateEntity(store, alice, 'team', 't-a', { parent: 'vs2', effectiveAtMs: T0 + 4.5 * DAY });
    await updateEntity(store, alice, 'valueStream', 'vs2', { parent: 'p2', effectiveAtMs: T0 + 8.25 * DAY });
    const engine = await MetricsEngine.open(store);
    const m = (scope: object) => engine.metrics({ ...PERIOD, ...scope });
    // A-1 (done d3) where t-a was then: vs1; A-2 (done d9): vs2, by then in p2.
    expect(m({ valueStream: 'vs1' }).flow.velocity.total).toBe(2);
    expect(m({ valueStream: 'vs2' }).flow.velocity.total).toBe(1);
    expect(m({ portfolio: 'p1' }).flow.velocity.total).toBe(2);
    expect(m({ portfolio: 'p2' }).flow.velocity.total).toBe(1);
    expect(m({ team: 't-a' }).flow.velocity.total).toBe(2);
    expect(m({}).flow.velocity.total).toBe(3);
    // A-3, in progress since d6, is in vs2's load at the end, not vs1's; the load follows the move.
    expect(m({ valueStream: 'vs2' }).flow.load.atEnd).toBe(1);
    expect(m({ valueStream: 'vs1' }).flow.load.atEnd).toBe(0);
    const vs1Load = engine.series({ ...PERIOD, valueStream: 'vs1' }).loadByDay.map((d) => d.load);
    // d0 00:00 … d13: A-1 d1–d3 and B-1 d2–d4 in vs1; A-2 (from d5) and A-3 (d6) after t-a left.
    expect(vs1Load).toEqual([0, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // The deployment of d2 counts for vs1, the one of d8 for vs2 (p1: d8 is before 06:00).
    expect(m({ valueStream: 'vs1' }).dora.deploymentFrequency.count).toBe(1);
    expect(m({ valueStream: 'vs2' }).dora.deploymentFrequency.count).toBe(1);
    expect(m({ portfolio: 'p1' }).dora.deploymentFrequency.count).toBe(2);
    expect(m({ portfolio: 'p2' }).dora.deploymentFrequency.count).toBe(0);
    // The views agree: the completed items, the trend and the item list.
    expect(
      completedItems(engine, { ...PERIOD, valueStream: 'vs2', limit: 10 }).items.map((i) => i.id),
    ).toEqual(['A-2']);
    const trend = flowTrend(engine, { ...PERIOD, valueStream: 'vs1', bucket: 'week' });
    expect(trend.buckets.map((b) => b.velocity.total)).toEqual([2, 0]);
    const listed = await listItems(engine, store.db, {
      valueStream: 'vs2',
      sort: 'id',
      order: 'asc',
      limit: 10,
      offset: 0,
      asOfMs: NOW,
    });
    expect(listed.items.map((i) => i.id)).toEqual(['A-2', 'A-3']);
    // A move made after the engine opened is seen once it reloads the organisation.
    await updateEntity(store, alice, 'team', 't-b', { parent: 'vs3', effectiveAtMs: T0 + DAY });
    expect(m({ valueStream: 'vs3' }).flow.velocity.total).toBe(0);
    await engine.reloadOrganisation();
    expect(m({ valueStream: 'vs3' }).flow.velocity.total).toBe(1);
    // Archived, a value stream leaves the tree (with its teams) but keeps its metrics.
    await updateEntity(store, alice, 'valueStream', 'vs3', { archived: true });
    await engine.reloadOrganisation();
    const streams = engine.tree().portfolios.flatMap((p) => p.valueStreams.map((v) => v.id));
    expect(streams).toEqual(['vs1', 'vs2']);
    expect(m({ valueStream: 'vs3' }).flow.velocity.total).toBe(1);
    await engine.close();
  });

  it('assigns roles with dates, changes them, and removes them', async () => {
    const { store } = t;
    const ann = await listAssignments(store, { person: 'p-ann' }, NOW);
    expect(ann).toEqual([
      expect.objectContaining({
        person: 'p-ann',
        personName: 'Ann',
        role: 'product-owner',
        team: 't-a',
        current: true,
      }),
    ]);
    const bob = await addAssignment(store, alice, {
      person: 'p-bob',
      role: 'dvs-facilitator',
      valueStream: 'vs1',
    });
    expect(bob).toMatchObject({ valueStream: 'vs1', team: null, from: null, to: null, current: true });
    expect(
      await codeOf(
        addAssignment(store, alice, {
          person: 'p-bob',
          role: 'dvs-facilitator',
          valueStream: 'vs1',
          fromMs: T0,
        }),
      ),
    ).toMatch(/^CONFLICT: p-bob already holds dvs-facilitator in value stream vs1/);
    expect(
      await codeOf(addAssignment(store, alice, { person: 'p-zed', role: 'qa-lead', valueStream: 'vs1' })),
    ).toMatch(/^INVALID_ARGUMENT: person: there is no person "p-zed"/);
    expect(
      await codeOf(addAssignment(store, alice, { person: 'p-bob', role: 'boss', valueStream: 'vs1' })),
    ).toMatch(/^INVALID_ARGUMENT: role\.role: "boss" is not one of product-manager/);
    expect(
      await codeOf(
        addAssignment(store, alice, { person: 'p-bob', role: 'qa-lead', valueStream: 'vs1', team: 't-a' }),
      ),
    ).toMatch(/exactly one of valueStream or team is required/);
    // Ending it keeps its id; moving its start changes it (the start is part of its natural key).
    const ended = await updateAssignment(store, alice, bob.id, { toMs: T0 + 10 * DAY });
    expect(ended).toMatchObject({ id: bob.id, to: at(10), current: false });
    const later = await updateAssignment(store, alice, bob.id, { fromMs: T0 });
    expect(later.id).not.toBe(bob.id);
    expect(later).toMatchObject({ from: at(0), to: at(10) });
    expect(await codeOf(updateAssignment(store, alice, bob.id, { toMs: null }))).toMatch(/^NOT_FOUND/);
    expect(await codeOf(updateAssignment(store, alice, later.id, { fromMs: T0 + 11 * DAY }))).toMatch(
      /role\.to: .* is before from/,
    );
    expect(
      (await listAssignments(store, { valueStream: 'vs1', heldAtMs: T0 + DAY }, NOW)).map((a) => a.person),
    ).toEqual(['p-bob']);
    await removeAssignment(store, alice, later.id);
    expect(await listAssignments(store, { person: 'p-bob' }, NOW)).toEqual([]);
    const trail = await recentChanges(store.db, 10, { kind: 'role' });
    expect(trail.map((c) => c.action)).toEqual([
      'unassign',
      'update-assignment',
      'update-assignment',
      'assign',
    ]);
  });
});
