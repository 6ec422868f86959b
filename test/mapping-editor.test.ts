/**
 * The mapping editor (src/admin) on both stores: the raw statuses, types and environments a source
 * shows with their counts and classification (unmapped first); saving versions with who, when and
 * what changed (an imported mapping kept as a version first); team overrides; the preview of the
 * headline metrics, which is exactly what the metrics are once the mapping is saved and its facts
 * recomputed; the recomputation in the background, applied all at once; and a mapping change
 * followed by a restore gives back exactly the previous metrics.
 *
 * The source jira:A: Backlog (new), Ready (waiting), In Progress (active), Review (waiting), Done
 * (done); Parked is not mapped; types Story → feature, Bug → defect, Spike not mapped. Teams t-a and
 * t-b; deployments of `ci` to production, prod-eu (not named: not production) and staging.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  latestVersions,
  listMappingSources,
  previewMapping,
  RecomputeJobs,
  readMappingSource,
  recentChanges,
  removeOverride,
  restoreVersion,
  saveMapping,
} from '../src/admin/index.js';
import { completedItems, flowTrend, MetricsEngine, statusTimes } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import type { MappingContent } from '../src/org/index.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6);
const at = (days: number, hours = 0) => new Date(T0 + days * DAY + hours * 3_600_000).toISOString();
const PERIOD = { fromMs: T0, toMs: T0 + 21 * DAY };
const NOW = T0 + 60 * DAY;
const alice = { actor: 'alice', now: () => NOW };

const MAPPING: MappingContent = {
  statuses: {
    Backlog: { stage: 'ideate', state: 'new' },
    Ready: { stage: 'create', state: 'waiting' },
    'In Progress': { stage: 'create', state: 'active' },
    Review: { stage: 'create', state: 'waiting' },
    Done: { stage: 'release', state: 'done' },
  },
  types: { Story: 'feature', Bug: 'defect' },
  environments: null,
};

const item = (id: string, type: string, team: string, status: string) => ({
  kind: 'workItem',
  source: 'jira:A',
  id,
  type,
  status,
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
/** Backlog → In Progress d(start) → Review d(start+2) → Done d(start+4). */
const flowing = (id: string, type: string, team: string, start: number) => [
  item(id, type, team, 'Done'),
  change(id, start, 'Backlog', 'In Progress'),
  change(id, start + 2, 'In Progress', 'Review'),
  change(id, start + 4, 'Review', 'Done'),
];

const ORG = [
  { kind: 'portfolio', id: 'p1', name: 'Retail' },
  { kind: 'valueStream', id: 'vs1', name: 'Checkout', portfolio: 'p1' },
  { kind: 'team', id: 't-a', name: 'Team A', valueStream: 'vs1' },
  { kind: 'team', id: 't-b', name: 'Team B', valueStream: 'vs1' },
  { kind: 'service', id: 'svc-a', team: 't-a' },
  { kind: 'mapping', source: 'jira:A', ...MAPPING, environments: undefined },
  ...flowing('A-1', 'Story', 't-a', 1),
  ...flowing('A-2', 'Bug', 't-a', 3),
  ...flowing('B-1', 'Story', 't-b', 2),
  ...flowing('B-2', 'Spike', 't-b', 6),
  item('A-3', 'Story', 't-a', 'Parked'),
  change('A-3', 2, 'Backlog', 'Ready'),
  change('A-3', 4, 'Ready', 'Parked'),
  ...[
    ['d-1', 'production', 2],
    ['d-2', 'prod-eu', 4],
    ['d-3', 'prod-eu', 9],
    ['d-4', 'staging', 9],
  ].map(([id, environment, day]) => ({
    kind: 'deployment',
    source: 'ci',
    id,
    service: 'svc-a',
    environment,
    at: at(day as number),
    status: 'success',
  })),
];

/** Review is active work, not waiting; Parked is mapped; Spike is debt; prod-eu is production. */
const EDITED: MappingContent = {
  statuses: {
    ...MAPPING.statuses,
    Review: { stage: 'create', state: 'active' },
    Parked: { stage: 'create', state: 'waiting' },
  },
  types: { ...MAPPING.types, Spike: 'debt' },
  environments: null,
};

describeEachStore('the mapping editor', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await createTestStore(kind);
    const summary = await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', ORG)]);
    expect(summary.totals.rejected).toBe(0);
  });
  afterEach(async () => {
    await t.database.destroy();
  });

  it('shows every raw status, type and environment with its counts and classification, unmapped first', async () => {
    const engine = await MetricsEngine.open(t.store);
    const index = engine.index;
    const detail = await readMappingSource(t.store, index, 'jira:A', null);
    expect(detail.items).toBe(5);
    expect(detail.statuses.map((s) => [s.raw, s.items, s.current, s.mapped, s.stage, s.state])).toEqual([
      ['Parked', 1, 1, false, 'unmapped', 'waiting'],
      ['Backlog', 5, 0, true, 'ideate', 'new'],
      ['Done', 4, 4, true, 'release', 'done'],
      ['In Progress', 4, 0, true, 'create', 'active'],
      ['Review', 4, 0, true, 'create', 'waiting'],
      ['Ready', 1, 0, true, 'create', 'waiting'],
    ]);
    expect(detail.types.map((x) => [x.raw, x.items, x.mapped, x.flowType])).toEqual([
      ['Spike', 1, false, 'feature'],
      ['Story', 3, true, 'feature'],
      ['Bug', 1, true, 'defect'],
    ]);
    expect(detail.teams).toEqual([
      { team: 't-a', items: 3, override: false },
      { team: 't-b', items: 2, override: false },
    ]);
    const ci = await readMappingSource(t.store, index, 'ci', null);
    expect(ci.environments.map((e) => [e.raw, e.deployments, e.named, e.production])).toEqual([
      ['prod-eu', 2, null, false],
      ['production', 1, null, true],
      ['staging', 1, null, false],
    ]);
    const sources = await listMappingSources(t.store, index);
    expect(
      sources.map((s) => [
        s.source,
        s.items,
        s.deployments,
        s.unmappedStatuses,
        s.unmappedTypes,
        s.hasMapping,
      ]),
    ).toEqual([
      ['ci', 0, 4, 0, 0, false],
      ['jira:A', 5, 0, 1, 1, true],
    ]);
    const team = await readMappingSource(t.store, index, 'jira:A', 't-b');
    expect(team.items).toBe(2);
    expect(team.sourceMapping).toEqual(MAPPING);
    expect(team.mapping).toBeNull();
    expect(
      await readMappingSource(t.store, index, 'nowhere', null).catch((e: { code: string }) => e.code),
    ).toBe('NOT_FOUND');
  });

  it('saves versions with who, when and what changed, keeps the imported mapping, and restores any version', async () => {
    const { store } = t;
    const engine = await MetricsEngine.open(store);
    const index = engine.index;
    // Saving the imported mapping as it is writes nothing, not even a version of it.
    expect(await saveMapping(store, alice, { source: 'jira:A', team: null, mapping: MAPPING })).toEqual({
      saved: false,
      version: null,
      changes: [],
    });
    expect(await latestVersions(store, 'jira:A', null)).toEqual([]);
    const first = await saveMapping(store, alice, {
      source: 'jira:A',
      team: null,
      mapping: EDITED,
      note: 'Review is work',
    });
    expect(first.saved).toBe(true);
    // The mapping row names the edit's own import batch: a proposal of `flowlens connect` still
    // waiting for review on the old batch counts as reviewed once a person saves the mapping.
    const row = await store.db
      .selectFrom('mappings as m')
      .innerJoin('import_batches as b', 'b.id', 'm.updated_batch')
      .innerJoin('import_files as f', 'f.id', 'b.file_id')
      .select(['f.path', 'f.format'])
      .where('m.source', '=', 'jira:A')
      .where('m.team', '=', '')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ path: 'edit:alice', format: 'edit' });
    expect(first.changes.map((c) => `${c.kind} ${c.raw}`)).toEqual([
      'status Parked',
      'status Review',
      'type Spike',
    ]);
    let versions = await latestVersions(store, 'jira:A', null);
    expect(versions.map((v) => [v.version, v.savedBy, v.note, v.current, v.summary])).toEqual([
      [2, 'alice', 'Review is work', true, '2 statuses, 1 type'],
      [1, 'import', expect.stringMatching(/^imported from .*org\.ndjson$/), false, '5 statuses, 2 types'],
    ]);
    expect(versions[1]?.mapping).toEqual(MAPPING);
    expect(versions[0]?.savedAt).toBe(new Date(NOW).toISOString());

    // Saving what is already in force writes nothing.
    expect((await saveMapping(store, alice, { source: 'jira:A', team: null, mapping: EDITED })).saved).toBe(
      false,
    );
    const restored = await restoreVersion(
      store,
      { actor: 'bob', now: () => NOW },
      { source: 'jira:A', team: null, version: 1 },
    );
    expect(restored.version).toMatchObject({
      version: 3,
      savedBy: 'bob',
      restoredFrom: 1,
      note: 'restored version 1',
    });
    expect((await readMappingSource(store, index, 'jira:A', null)).mapping).toEqual(MAPPING);
    versions = await latestVersions(store, 'jira:A', null);
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);

    // A team's override: Review is active for t-b only; the source's other entries still apply.
    await saveMapping(store, alice, {
      source: 'jira:A',
      team: 't-b',
      mapping: { statuses: { Review: { stage: 'create', state: 'active' } }, types: {}, environments: null },
    });
    const team = await readMappingSource(store, index, 'jira:A', 't-b');
    expect(team.statuses.find((s) => s.raw === 'Review')).toMatchObject({
      state: 'active',
      overridden: true,
    });
    expect(team.statuses.find((s) => s.raw === 'Done')).toMatchObject({ state: 'done', overridden: false });
    expect(
      (await readMappingSource(store, index, 'jira:A', null)).teams.find((x) => x.team === 't-b')?.override,
    ).toBe(true);
    await removeOverride(store, alice, { source: 'jira:A', team: 't-b' });
    expect((await readMappingSource(store, index, 'jira:A', 't-b')).mapping).toBeNull();
    expect(
      (await latestVersions(store, 'jira:A', 't-b')).map((v) => [v.version, v.removed, v.current]),
    ).toEqual([
      [2, true, true],
      [1, false, false],
    ]);
    expect(
      await saveMapping(store, alice, { source: 'jira:A', team: 't-zz', mapping: EDITED }).catch(
        (e: Error) => e.message,
      ),
    ).toMatch(/team: there is no team "t-zz"/);
    expect(
      await saveMapping(store, alice, {
        source: 'jira:A',
        team: null,
        mapping: { ...EDITED, statuses: { X: { stage: 'later', state: 'done' } as never } },
      }).catch((e: Error) => e.message),
    ).toMatch(/mapping\.statuses\.X\.stage: "later" is not one of ideate, create, release, operate/);
    const trail = await recentChanges(store.db, 10, { kind: 'mapping' });
    expect(trail.map((c) => [c.action, c.actor])).toEqual([
      ['remove-override', 'alice'],
      ['save-mapping', 'alice'],
      ['restore-mapping', 'bob'],
      ['save-mapping', 'alice'],
    ]);
    expect(trail[3]?.summary).toBe('saved the mapping of jira:A as version 2: 2 statuses, 1 type');
  });

  it('a mapping change followed by a restore gives back exactly the previous metrics', async () => {
    const { store } = t;
    const engine = await MetricsEngine.open(store);
    const scopes = [{}, { valueStream: 'vs1' }, { team: 't-a' }, { team: 't-b' }];
    const everything = () =>
      scopes.map((scope) => ({
        metrics: engine.metrics({ ...PERIOD, ...scope }),
        series: engine.series({ ...PERIOD, ...scope }),
        trend: flowTrend(engine, { ...PERIOD, ...scope, bucket: 'week' }),
        statuses: statusTimes(engine, { ...PERIOD, ...scope }),
        completed: completedItems(engine, { ...PERIOD, ...scope, limit: 100 }),
      }));
    const before = everything();
    await saveMapping(store, alice, { source: 'jira:A', team: null, mapping: EDITED });
    await saveMapping(store, alice, {
      source: 'ci',
      team: null,
      mapping: { statuses: {}, types: {}, environments: { 'prod-eu': 'production' } },
    });
    await engine.refresh();
    const changed = everything();
    expect(changed).not.toEqual(before);
    expect(changed[0]?.metrics.flow.efficiency).not.toBe(before[0]?.metrics.flow.efficiency);
    expect(changed[0]?.metrics.dora.deploymentFrequency.count).toBe(3);
    await restoreVersion(store, alice, { source: 'jira:A', team: null, version: 1 });
    // ci had no mapping: its first version is the saved one; removing it is restoring "none".
    await store.db.deleteFrom('mappings').where('source', '=', 'ci').execute();
    await engine.refresh();
    expect(everything()).toEqual(before);
    await engine.close();
  });

  it('previews the headline metrics a mapping will give, exactly as they are once it is saved', async () => {
    const { store } = t;
    const engine = await MetricsEngine.open(store);
    const headline = (m: ReturnType<typeof engine.metrics>) => {
      const { velocity, flowTime, leadTime, efficiency, load, distribution, stages } = m.flow;
      return { velocity, flowTime, leadTime, efficiency, load, distribution, stages };
    };
    const preview = await previewMapping(store, engine, {
      source: 'jira:A',
      team: null,
      mapping: EDITED,
      period: PERIOD,
    });
    expect(preview.organisation.before).toEqual(headline(engine.metrics(PERIOD)));
    expect(preview.unmappedItems).toEqual({ before: 1, after: 0 });
    expect(preview.changes).toHaveLength(3);
    const team = await previewMapping(store, engine, {
      source: 'jira:A',
      team: 't-b',
      mapping: { statuses: { Review: { stage: 'create', state: 'active' } }, types: {}, environments: null },
      period: PERIOD,
    });
    await saveMapping(store, alice, { source: 'jira:A', team: null, mapping: EDITED });
    await engine.refresh();
    expect(headline(engine.metrics(PERIOD))).toEqual(preview.organisation.after);
    expect(preview.organisation.after).not.toEqual(preview.organisation.before);
    expect(preview.organisation.after.efficiency).toBeGreaterThan(
      preview.organisation.before.efficiency as number,
    );
    // The team preview was made against the source's old mapping: it applies to t-b only.
    expect(team.organisation.after.velocity).toEqual(team.organisation.before.velocity);
    expect(team.organisation.after.efficiency).toBeGreaterThan(team.organisation.before.efficiency as number);
    // Environments: prod-eu as production adds its two deployments.
    const env = await previewMapping(store, engine, {
      source: 'ci',
      team: null,
      mapping: { statuses: {}, types: {}, environments: { 'prod-eu': 'production' } },
      period: PERIOD,
    });
    expect(env.productionDeployments).toEqual({ before: 1, after: 3 });
    await engine.close();
  });

  it('recomputes in the background and switches the metrics to the new mapping when done, not halfway', async () => {
    const { store } = t;
    const engine = await MetricsEngine.open(store);
    const before = engine.metrics(PERIOD);
    const jobs = new RecomputeJobs(engine, () => NOW);
    await saveMapping(store, alice, { source: 'jira:A', team: null, mapping: EDITED });
    // While the pages are computed, the answers are still those of the old mapping.
    const seen: unknown[] = [];
    const job = jobs.start('jira:A', null, 'version 2 saved');
    expect(job).toMatchObject({ id: 1, state: 'queued', done: 0, total: null });
    const probe = engine.refresh({ onProgress: () => seen.push(engine.metrics(PERIOD)) });
    const done = await jobs.wait(job.id);
    await probe;
    expect(done).toMatchObject({ state: 'done', done: 5, total: 5, error: null });
    expect(jobs.list('jira:A').map((j) => j.id)).toEqual([1]);
    expect(engine.metrics(PERIOD)).not.toEqual(before);
    // The probe refresh ran after the job (refreshes run one at a time): nothing was left to do.
    expect(seen).toEqual([]);

    // Applied at the end: during an atomic refresh, every page leaves the answers as they were.
    await restoreVersion(store, alice, { source: 'jira:A', team: null, version: 1 });
    const during: unknown[] = [];
    const after = engine.metrics(PERIOD);
    await engine.refresh({ atomic: true, onProgress: () => during.push(engine.metrics(PERIOD)) });
    expect(during).toEqual([after]);
    expect(engine.metrics(PERIOD)).toEqual(before);
    await engine.close();
  });
});
