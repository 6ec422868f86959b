/**
 * Annotations on both stores (add, list with the scopes inside, remove, errors, API and CLI), and
 * their impact on the demo organisation: the planted AI roll-out in t-devex is detected as a real
 * improvement of flow time; a date in a steady team is not called a change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROLLOUT_TITLE, loadDemoOrganisation } from '../src/cli/demo-command.js';
import { aiRolloutDate } from '../src/demo/story.js';
import {
  addAnnotation,
  annotationImpact,
  listAnnotations,
  MetricsEngine,
  removeAnnotation,
  scopeInsights,
  setAllocationTarget,
} from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import { InsightsCache } from '../src/server/insight-routes.js';
import { cli } from './support/cli.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore } from './support/stores.js';

const ORG = [
  { kind: 'portfolio', id: 'p1', name: 'P1' },
  { kind: 'valueStream', id: 'vs1', name: 'VS1', portfolio: 'p1' },
  { kind: 'valueStream', id: 'vs2', name: 'VS2', portfolio: 'p1' },
  { kind: 'team', id: 't-a', name: 'A', valueStream: 'vs1' },
  { kind: 'team', id: 't-b', name: 'B', valueStream: 'vs2' },
];

describeEachStore('annotations', (kind) => {
  let t: TestStore;
  let engine: MetricsEngine;
  beforeAll(async () => {
    t = await createTestStore(kind);
    await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', ORG)]);
    engine = await MetricsEngine.open(t.store);
  });
  afterAll(async () => {
    await t.database.destroy();
  });

  it('are listed on their scope and on the scopes above it, by date', async () => {
    const at = (d: string) => Date.parse(`${d}T00:00:00Z`);
    const team = await addAnnotation(engine, t.store, {
      team: 't-a',
      atMs: at('2025-03-03'),
      title: 'AI assistant rolled out',
      actor: 'ana',
    });
    expect(team).toMatchObject({
      scope: { team: 't-a' },
      at: '2025-03-03T00:00:00.000Z',
      title: 'AI assistant rolled out',
      description: null,
      createdBy: 'ana',
    });
    await addAnnotation(engine, t.store, {
      valueStream: 'vs2',
      atMs: at('2025-02-01'),
      title: 'Team split',
      actor: 'ana',
    });
    await addAnnotation(engine, t.store, { atMs: at('2025-01-15'), title: 'Reorganisation', actor: 'bo' });
    const titles = async (scope: object) =>
      (await listAnnotations(engine, t.store, scope)).map((a) => a.title);
    expect(await titles({})).toEqual(['Reorganisation', 'Team split', 'AI assistant rolled out']);
    expect(await titles({ portfolio: 'p1' })).toEqual(['Team split', 'AI assistant rolled out']);
    expect(await titles({ valueStream: 'vs1' })).toEqual(['AI assistant rolled out']);
    expect(await titles({ team: 't-b' })).toEqual([]);
    expect(
      (await listAnnotations(engine, t.store, { fromMs: at('2025-02-01'), toMs: at('2025-03-01') })).map(
        (a) => a.title,
      ),
    ).toEqual(['Team split']);
    await removeAnnotation(t.store, team.id);
    expect(await titles({ valueStream: 'vs1' })).toEqual([]);
    await expect(removeAnnotation(t.store, team.id)).rejects.toThrow(`there is no annotation ${team.id}`);
  });

  it('refuses an unknown scope and an empty title, and an impact with too short a window', async () => {
    await expect(
      addAnnotation(engine, t.store, { team: 't-zz', atMs: 0, title: 'x', actor: 'a' }),
    ).rejects.toThrow(/--team: there is no team "t-zz"/);
    await expect(addAnnotation(engine, t.store, { atMs: 0, title: '  ', actor: 'a' })).rejects.toThrow(
      'title: must not be empty',
    );
    const a = await addAnnotation(engine, t.store, { atMs: 0, title: 'Epoch', actor: 'a' });
    await expect(annotationImpact(engine, t.store, a.id, { windowDays: 3 })).rejects.toThrow(
      'windowDays: must be a whole number from 7 to 730, not 3',
    );
    const thin = await annotationImpact(engine, t.store, a.id);
    expect(thin.impact.summary[0]).toMatch(
      /^Too little data to tell: 0 items were completed before and 0 after/,
    );
  });

  it('the API adds, lists, measures and removes them', async () => {
    const app = await buildServer({ auth: { mode: 'trusted' }, store: t.store, engine, webRoot: null });
    try {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/annotations',
        headers: { 'x-flowlens-actor': 'cy' },
        payload: { scope: { team: 't-b' }, at: '2025-04-07', title: 'Trunk-based development' },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ scope: { team: 't-b' }, createdBy: 'cy' });
      const listed = await app.inject({ url: '/api/v1/annotations?valueStream=vs2' });
      expect(listed.json().annotations.map((a: { title: string }) => a.title)).toContain(
        'Trunk-based development',
      );
      const impact = await app.inject({
        url: `/api/v1/annotations/${created.json().id}/impact?windowDays=30`,
      });
      expect(impact.statusCode).toBe(200);
      expect(impact.json()).toMatchObject({ windowDays: 30, before: { to: '2025-04-07T00:00:00.000Z' } });
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/annotations',
        payload: { at: '2025-04-07' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/title/);
      const removed = await app.inject({ method: 'DELETE', url: `/api/v1/annotations/${created.json().id}` });
      expect(removed.json()).toEqual({ removed: true });
      expect(
        (await app.inject({ method: 'DELETE', url: `/api/v1/annotations/${created.json().id}` })).statusCode,
      ).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('the impact of annotations on the demo organisation', () => {
  let t: TestStore;
  let engine: MetricsEngine;
  const until = '2026-11-01';
  beforeAll(async () => {
    t = await createTestStore('sqlite');
    await loadDemoOrganisation(t.store, { seed: 1, scale: 'small', until });
    engine = await MetricsEngine.open(t.store);
  }, 180_000);
  afterAll(async () => {
    await t.database.destroy();
  });

  it('detects the AI roll-out in t-devex, which the demo annotates, as a real improvement of flow time', async () => {
    const planted = await listAnnotations(engine, t.store, { team: 't-devex' });
    expect(planted.map((a) => [a.title, a.at, a.createdBy])).toEqual([
      [DEMO_ROLLOUT_TITLE, `${aiRolloutDate(until)}T00:00:00.000Z`, 'demo'],
    ]);
    // Loading the demo again adds no second one.
    await loadDemoOrganisation(t.store, { seed: 1, scale: 'small', until });
    expect(await listAnnotations(engine, t.store, { team: 't-devex' })).toHaveLength(1);
    const rollout = planted[0] as (typeof planted)[number];
    const { impact } = await annotationImpact(engine, t.store, rollout.id);
    expect(impact.metrics.flowTimeP50.verdict).toBe('better');
    expect(impact.metrics.flowTimeP85.verdict).toBe('better');
    expect(impact.metrics.flowTimeP50.interval?.[1]).toBeLessThan(0);
    expect(impact.summary[0]).toMatch(/^Median flow time improved/);
  });

  it('insights: aging items with the numbers the series shows, and drift from a team’s allocation target', async () => {
    const toMs = Date.parse(`${until}T00:00:00Z`);
    const doc = await scopeInsights(engine, t.store, { team: 't-payments-api', toMs });
    expect(doc.period).toEqual({ from: '2026-10-04T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    const aging = doc.insights.find((i) => i.rule === 'aging-items');
    const series = engine.series({ team: 't-payments-api', fromMs: toMs - 28 * 86_400_000, toMs });
    const p85 = engine.metrics({ team: 't-payments-api', fromMs: toMs - 28 * 86_400_000, toMs }).flow.flowTime
      .p85 as number;
    const older = series.aging.filter((a) => a.ageSeconds > p85);
    expect(aging?.evidence.numbers).toMatchObject({ items: older.length, p85Seconds: p85 });
    expect(aging?.evidence.chart).toBe('/teams/t-payments-api?from=2026-10-04&to=2026-11-01#flow-heading');
    // No target, no drift; a target far from what the team does, a drift.
    expect(doc.target).toBeNull();
    expect(doc.insights.some((i) => i.rule === 'distribution-drift')).toBe(false);
    await setAllocationTarget(
      engine,
      t.store,
      't-payments-api',
      { feature: 0.2, defect: 0.3, debtAndRisk: 0.5 },
      'test',
    );
    const drift = await scopeInsights(engine, t.store, { team: 't-payments-api', toMs });
    expect(drift.target).toEqual({ feature: 0.2, defect: 0.3, debtAndRisk: 0.5 });
    expect(
      drift.insights.filter((i) => i.rule === 'distribution-drift').map((i) => i.evidence.numbers.category),
    ).toContain('feature');
    await expect(
      setAllocationTarget(
        engine,
        t.store,
        't-payments-api',
        { feature: 0.5, defect: 0.3, debtAndRisk: 0.5 },
        'test',
      ),
    ).rejects.toThrow('target: the shares must add up to 1, not 1.300');
    const app = await buildServer({ auth: { mode: 'trusted' }, store: t.store, engine, webRoot: null });
    try {
      const api = await app.inject({ url: '/api/v1/insights?team=t-payments-api&to=2026-11-01' });
      expect(api.statusCode).toBe(200);
      expect(api.json()).toEqual(JSON.parse(JSON.stringify(drift)));
      const put = await app.inject({
        method: 'PUT',
        url: '/api/v1/teams/t-payments-api/allocation-target',
        payload: { feature: 0.6, defect: 0.2, debtAndRisk: 0.3 },
      });
      expect(put.statusCode).toBe(400);
      expect(put.json().error.message).toBe('target: the shares must add up to 1, not 1.100');
    } finally {
      await app.close();
    }
  });

  it('insights are kept per question and computed again for every scope after each refresh', async () => {
    const cache = new InsightsCache(engine, t.store, () => Date.parse(`${until}T12:00:00Z`));
    const query = {
      team: 't-devex',
      toMs: Date.parse(`${until}T00:00:00Z`),
      periodDays: 28,
      baselinePeriods: 6,
    };
    const first = cache.get(query);
    expect(cache.get(query)).toBe(first);
    const org = engine.organisation();
    const scopes = 1 + org.portfolios.length + org.valueStreams.length + org.teams.length;
    expect(await cache.recompute()).toBe(scopes);
    // Forgotten by the recompute; the default question of every scope is ready.
    expect(cache.get(query)).not.toBe(first);
    expect(await cache.get(query)).toEqual(await first);
    // A refresh (here: after an import of one status change) starts it again, through the engine's listener.
    let refreshed = 0;
    const stop = engine.onRefresh(() => {
      refreshed++;
    });
    await importFiles(t.store, [
      writeNdjson(t.database.dir, 'one.ndjson', [
        {
          kind: 'workItem',
          source: 'jira:SHOP',
          id: 'SHOP-NEW-1',
          type: 'Story',
          status: 'Backlog',
          createdAt: '2026-10-20T09:00:00Z',
          team: 't-checkout',
        },
      ]),
    ]);
    await engine.refresh();
    stop();
    expect(refreshed).toBe(1);
  });

  it('does not call a change at a date in a steady team', async () => {
    // t-catalog: no planted change; a date well inside its history, away from the holidays.
    const steady = await addAnnotation(engine, t.store, {
      team: 't-catalog',
      atMs: Date.parse('2026-05-11T00:00:00Z'),
      title: 'Nothing happened',
      actor: 'test',
    });
    const { impact } = await annotationImpact(engine, t.store, steady.id);
    expect(impact.metrics.flowTimeP50.verdict).toBe('no clear change');
    expect(impact.metrics.flowTimeP85.verdict).not.toBe('better');
    const run = await cli(['annotate', 'impact', String(steady.id), '--db', t.store.location]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Impact of "Nothing happened" (team t-catalog, 2026-05-11)');
    expect(run.stdout).toMatch(/flowTimeP50\s+no clear change/);
  });
});
