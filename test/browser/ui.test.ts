/**
 * The web UI in a real browser (Debian's Chromium through playwright-core) against a real Flowlens
 * server on a fixed demo organisation. Walks overview → value stream → team → item and checks that
 * every figure shown equals the API's for the same scope and period, formatted by the UI's own
 * formatting functions; changes the period and checks the URL and the figures follow; checks
 * Compare and Data quality, keyboard use, accessible names, a tablet width and the dark theme;
 * fails on any console error. Screenshots of each screen go to test-output/screens/, and the
 * performance measurements to test-output/performance.json (reported, not asserted as timings).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CompletedDocument, ItemDocument, MetricsDocument } from '../../web/src/api/types.js';
import {
  formatChange,
  formatCount,
  formatDecimal,
  formatDuration,
  formatPercent,
  formatPeriod,
  formatPerWeek,
} from '../../web/src/lib/format.js';
import { addDays } from '../../web/src/lib/period.js';
import {
  api,
  DEMO,
  launchBrowser,
  OUTPUT,
  openPage,
  ROOT,
  type Server,
  screenshot,
  startServer,
} from './support.js';

/** The presets end the day after the last activity: the demo's `--until`. */
const END = DEMO.until;
const P90 = { from: addDays(END, -90), to: END };
const P30 = { from: addDays(END, -30), to: END };
const CHANGE_PREFIX = 'Change from the previous period: ';

/** The figures of the five flow metrics and DORA as the UI writes them. */
function expectedFigures(m: MetricsDocument): Record<string, string> {
  return {
    velocity: formatCount(m.flow.velocity.total),
    flowTime: formatDuration(m.flow.flowTime.median),
    flowTimeP85: formatDuration(m.flow.flowTime.p85),
    efficiency: formatPercent(m.flow.efficiency),
    load: formatDecimal(m.flow.load.average),
    loadAtEnd: formatCount(m.flow.load.atEnd),
    featureShare: formatPercent(m.flow.distribution.feature),
    deploymentFrequency: formatPerWeek(m.dora.deploymentFrequency.perWeek),
    leadTimeForChanges: formatDuration(m.dora.leadTimeForChanges.median),
    changeFailureRate: formatPercent(m.dora.changeFailureRate.value),
    recoveryTime: formatDuration(m.dora.recoveryTime.median),
  };
}

function expectedChanges(m: MetricsDocument, p: MetricsDocument): Record<string, string> {
  return {
    velocity: formatChange(m.flow.velocity.total, p.flow.velocity.total, 'relative').text,
    flowTime: formatChange(m.flow.flowTime.median, p.flow.flowTime.median, 'relative').text,
    efficiency: formatChange(m.flow.efficiency, p.flow.efficiency, 'points').text,
    load: formatChange(m.flow.load.average, p.flow.load.average, 'relative').text,
    featureShare: formatChange(m.flow.distribution.feature, p.flow.distribution.feature, 'points').text,
  };
}

/** `data-metric` → text of the first element with it, inside a container. */
async function shown(container: Locator, attribute = 'data-metric'): Promise<Record<string, string>> {
  const pairs = await container
    .locator(`[${attribute}]`)
    .evaluateAll(
      (elements, name) => elements.map((e) => [e.getAttribute(name), e.textContent?.trim() ?? '']),
      attribute,
    );
  const figures: Record<string, string> = {};
  for (const [key, text] of pairs as [string, string][])
    if (!(key in figures)) figures[key] = text.replace(CHANGE_PREFIX, '');
  return figures;
}

function pick(all: Record<string, string>, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((k) => [k, all[k]]));
}

const TILE_KEYS = [
  'velocity',
  'flowTime',
  'flowTimeP85',
  'efficiency',
  'load',
  'loadAtEnd',
  'featureShare',
] as const;
const DORA_KEYS = ['deploymentFrequency', 'leadTimeForChanges', 'changeFailureRate', 'recoveryTime'] as const;

const metrics = (server: Server, scope: Record<string, string>, period: { from: string; to: string }) =>
  api<MetricsDocument>(server, '/metrics', { ...period, ...scope });

/** Tiles and cards whose content is wider than they are (drawn outside their box). */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.tile, .card, .tile-foot')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.className}: ${e.textContent?.slice(0, 40)}`),
  );

/** The search parameters of the page's URL. */
const searchOf = (page: Page) => new URL(page.url()).searchParams;

/** Finds a point of a scatter series' colour on a chart's canvas (a dot to click), in CSS pixels. */
async function findDot(page: Page, testId: string): Promise<{ x: number; y: number; canvas: Locator }> {
  const canvas = page.locator(`[data-testid="${testId}"] canvas`).first();
  await canvas.waitFor();
  const handle = await page.waitForFunction(
    (id) => {
      // ECharts may draw on several layered canvases; they cover the same area.
      for (const c of document.querySelectorAll<HTMLCanvasElement>(`[data-testid="${id}"] canvas`)) {
        const context = c.getContext('2d');
        if (context === null || c.clientWidth === 0) continue;
        const ratio = c.width / c.clientWidth;
        const data = context.getImageData(0, 0, c.width, c.height).data;
        const blue = (x: number, y: number) => {
          const at = (y * c.width + x) * 4;
          const [r, g, b] = [data[at] as number, data[at + 1] as number, data[at + 2] as number];
          return b > 200 && r < 140 && g > 110 && g < 180 && b - r > 80;
        };
        // Below the legend, right of the axis labels: the middle of a feature dot (blue).
        for (let y = Math.round(60 * ratio); y < c.height - 40 * ratio; y++)
          for (let x = Math.round(70 * ratio); x < c.width - 30 * ratio; x++)
            if (blue(x, y) && blue(x - 1, y) && blue(x + 1, y) && blue(x, y - 1) && blue(x, y + 1))
              return { x: x / ratio, y: y / ratio };
      }
      return null;
    },
    testId,
    { timeout: 30_000, polling: 250 },
  );
  const point = (await handle.jsonValue()) as { x: number; y: number };
  return { ...point, canvas };
}

describe('the web UI in a browser', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const measured: Record<string, unknown> = {};

  beforeAll(async () => {
    const started = Date.now();
    server = await startServer();
    browser = await launchBrowser();
    ({ page, problems } = await openPage(browser));
    measured.setupMs = Date.now() - started;
  });
  afterEach(() => {
    // No console error, uncaught exception, failed request or HTTP error on any screen.
    expect(problems).toEqual([]);
    problems.length = 0;
  });
  afterAll(async () => {
    writeFileSync(join(OUTPUT, 'performance.json'), `${JSON.stringify(measured, null, 2)}\n`);
    console.log('Performance:', JSON.stringify(measured, null, 2));
    await browser?.close();
    await server?.stop();
  });

  it('overview: every value stream and portfolio shows the figures of GET /metrics, with the change from the period before', async () => {
    await page.goto(`${server.url}/`);
    // The default period, written into the URL: the last 90 days up to the data's end.
    await page.waitForURL(/from=/);
    expect(Object.fromEntries(searchOf(page))).toEqual({ ...P90, range: '90d' });
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-scope^="valueStream:"] [data-change="featureShare"]').length === 4,
    );
    await expect
      .poll(() => page.getByTestId('period-label').textContent())
      .toBe(formatPeriod(P90.from, P90.to));
    const org = await api<{ portfolios: { id: string; valueStreams: { id: string }[] }[] }>(server, '/org');
    for (const portfolio of org.portfolios) {
      const m = await metrics(server, { portfolio: portfolio.id }, P90);
      const figures = await shown(
        page.locator(`section[data-scope="portfolio:${portfolio.id}"] .portfolio-summary`),
      );
      expect(figures).toEqual(
        pick(expectedFigures(m), ['velocity', 'flowTime', 'efficiency', 'load', 'deploymentFrequency']),
      );
      for (const vs of portfolio.valueStreams) {
        const card = page.locator(`article[data-scope="valueStream:${vs.id}"]`);
        const current = await metrics(server, { valueStream: vs.id }, P90);
        const previous = await metrics(
          server,
          { valueStream: vs.id },
          { from: addDays(P90.from, -90), to: P90.from },
        );
        const figures = await shown(card);
        expect(pick(figures, [...TILE_KEYS, ...DORA_KEYS]), vs.id).toEqual(expectedFigures(current));
        expect(figures.bottleneck).toBe(current.flow.waitByStatus[0]?.status);
        expect(await shown(card, 'data-change'), vs.id).toEqual(expectedChanges(current, previous));
      }
    }
    // The demo's planted data-quality issue shows as a warning on Mobile App's card.
    await expect
      .poll(() =>
        page.locator('article[data-scope="valueStream:vs-mobile"] [data-testid="warnings"]').textContent(),
      )
      .toMatch(/1 unmapped status/);
    expect(await overflowing(page)).toEqual([]);
    await page.waitForTimeout(300);
    await screenshot(page, '1-overview');
    await screenshot(page, '1-overview-top', false);
  });

  it('value stream: the tiles, the teams side by side and the value stream map agree with the API', async () => {
    await page.locator('article[data-scope="valueStream:vs-webshop"] h2 a').click();
    await page.waitForURL(/\/value-streams\/vs-webshop\?/);
    expect(Object.fromEntries(searchOf(page))).toEqual({ ...P90, range: '90d' });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Web Shop');
    const m = await metrics(server, { valueStream: 'vs-webshop' }, P90);
    const body = page.locator('[data-scope="valueStream:vs-webshop"]');
    await body.locator('[data-change="featureShare"]').waitFor();
    expect(pick(await shown(body), [...TILE_KEYS, ...DORA_KEYS])).toEqual(expectedFigures(m));
    // The stage breakdown's shares.
    const shares = await shown(page.getByTestId('stage-breakdown'), 'data-share');
    expect(shares).toEqual(
      Object.fromEntries(
        ['ideate', 'create', 'release', 'operate'].map((s) => [
          s,
          formatPercent(m.flow.stages[s as 'ideate'] ?? null),
        ]),
      ),
    );
    // The value stream map: the completed items, and the bottleneck highlighted.
    const map = page.getByTestId('vsm');
    await map.waitFor();
    expect(await page.locator('[data-metric="vsmCompleted"]').textContent()).toBe(
      formatCount(m.flow.velocity.total),
    );
    const bottleneck = m.flow.waitByStatus[0]?.status as string;
    expect(await map.locator('.vsm-status.bottleneck').getAttribute('data-status')).toBe(bottleneck);
    // The teams, each row the team's own metrics.
    const table = page.getByTestId('teams-table');
    await table.waitFor();
    for (const team of ['t-checkout', 't-catalog', 't-search']) {
      const tm = await metrics(server, { team }, P90);
      const row = await shown(table.locator(`tr[data-row="${team}"]`));
      expect(row, team).toEqual(
        pick(expectedFigures(tm), [
          'velocity',
          'flowTime',
          'flowTimeP85',
          'efficiency',
          'load',
          'featureShare',
          'deploymentFrequency',
          'leadTimeForChanges',
          'changeFailureRate',
        ]),
      );
    }
    // Every chart has its data table behind it.
    await page.locator('figure.chart').first().waitFor();
    const charts = await page.locator('figure.chart').count();
    expect(charts).toBeGreaterThanOrEqual(5);
    expect(await page.locator('figure.chart details.data-table').count()).toBe(charts);
    await page.waitForTimeout(600);
    await screenshot(page, '2-value-stream');
    await page.evaluate(() => document.getElementById('time-heading')?.scrollIntoView());
    await screenshot(page, '2-value-stream-map', false);
  });

  it('team: the figures, the percentiles of the scatter and the work in progress agree with the API', async () => {
    await page.getByTestId('teams-table').getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL(/\/teams\/t-checkout\?/);
    const m = await metrics(server, { team: 't-checkout' }, P90);
    const body = page.locator('[data-scope="team:t-checkout"]');
    await body.locator('[data-change="featureShare"]').waitFor();
    expect(pick(await shown(body), [...TILE_KEYS, ...DORA_KEYS])).toEqual(expectedFigures(m));
    const completed = await api<CompletedDocument>(server, '/metrics/completed', {
      ...P90,
      team: 't-checkout',
    });
    const scatter = page.getByTestId('cycle-time-scatter');
    await scatter.waitFor();
    expect(await shown(scatter)).toEqual({
      p50: formatDuration(completed.percentiles.p50),
      p85: formatDuration(completed.percentiles.p85),
      p95: formatDuration(completed.percentiles.p95),
    });
    // Work in progress by status adds up to the load at the end of the period.
    const wip = page.getByTestId('wip-by-status');
    await wip.waitFor();
    const counts = await wip.locator('tbody tr td:first-of-type').allTextContents();
    expect(counts.reduce((n, c) => n + Number(c.replace(/,/g, '')), 0)).toBe(m.flow.load.atEnd);
    // The item list: in progress now, as the API counts them.
    const list = await api<{ total: number }>(server, '/items', {
      team: 't-checkout',
      state: 'in-progress',
      limit: 1,
    });
    await expect
      .poll(() => page.getByTestId('item-list').locator('caption').textContent())
      .toMatch(new RegExp(`^${formatCount(list.total)} items`));
    await page.getByRole('combobox', { name: /^Flow type/ }).selectOption('defect');
    await page.waitForURL(/type=defect/);
    const defects = await api<{ total: number }>(server, '/items', {
      team: 't-checkout',
      state: 'in-progress',
      flowType: 'defect',
      limit: 1,
    });
    await expect
      .poll(() => page.getByTestId('item-list').locator('caption').textContent())
      .toMatch(new RegExp(`^${formatCount(defects.total)} items`));
    await page.getByRole('combobox', { name: /^Flow type/ }).selectOption('');
    await page.waitForTimeout(800);
    await screenshot(page, '3-team');
    await page.evaluate(() => document.getElementById('flow-heading')?.scrollIntoView());
    await screenshot(page, '3-team-flow', false);
  });

  it('item: a click on a dot of the scatter opens the item, whose facts are the API’s', async () => {
    const dot = await findDot(page, 'cycle-time-scatter');
    const box = (await dot.canvas.boundingBox()) as { x: number; y: number };
    await page.mouse.move(box.x + dot.x, box.y + dot.y);
    await page.mouse.click(box.x + dot.x, box.y + dot.y);
    await page.waitForURL(/\/items\//);
    const [, source, id] = new URL(page.url()).pathname.split('/').slice(1);
    const item = await api<ItemDocument>(server, `/items/${source}/${id}`);
    expect(item.item.team).toBe('t-checkout');
    expect(item.facts.completedAt).not.toBeNull();
    const facts = page.getByTestId('item-facts');
    await facts.waitFor();
    expect(await shown(facts)).toMatchObject({
      leadTime: formatDuration(item.facts.leadTime),
      flowTime: formatDuration(item.facts.flowTime),
      activeTime: formatDuration(item.facts.activeTime),
    });
    const durations = await page
      .getByTestId('item-spans')
      .locator('[data-metric="spanDuration"]')
      .allTextContents();
    expect(durations).toHaveLength(item.facts.spans.length);
    // The last span (done) runs until now, so it grows between the two requests.
    expect(durations.slice(0, -1)).toEqual(
      item.facts.spans.slice(0, -1).map((s) => formatDuration(s.seconds)),
    );
    await expect.poll(() => page.title()).toMatch(new RegExp(`^${decodeURIComponent(id as string)}`));
    await screenshot(page, '4-item');
    // Back to the team, with the period kept.
    await page.goBack();
    await page.waitForURL(/\/teams\/t-checkout\?/);
    expect(searchOf(page).get('from')).toBe(P90.from);
  });

  it('period: a preset, a quarter and custom dates go to the URL, the figures follow, and Back restores them', async () => {
    await page.goto(`${server.url}/value-streams/vs-payments?from=${P90.from}&to=${P90.to}&range=90d`);
    const body = page.locator('[data-scope="valueStream:vs-payments"]');
    const tiles = async () => pick(await shown(body), TILE_KEYS);
    const expectFor = async (period: { from: string; to: string }) => {
      const expected = pick(
        expectedFigures(await metrics(server, { valueStream: 'vs-payments' }, period)),
        TILE_KEYS,
      );
      await expect.poll(tiles, { timeout: 15_000 }).toEqual(expected);
    };
    await expectFor(P90);
    await page.locator('[data-range="30d"]').click();
    await page.waitForURL(/range=30d/);
    expect(Object.fromEntries(searchOf(page))).toEqual({ ...P30, range: '30d' });
    await expectFor(P30);
    expect(await page.getByTestId('period-label').textContent()).toBe(formatPeriod(P30.from, P30.to));
    await page.locator('[data-range="quarter"]').click();
    await page.waitForURL(/range=quarter/);
    expect(Object.fromEntries(searchOf(page))).toEqual({
      from: '2026-04-01',
      to: '2026-07-01',
      range: 'quarter',
    });
    await page.getByRole('combobox', { name: 'Quarter' }).selectOption({ label: 'Q1 2026' });
    await page.waitForURL(/from=2026-01-01/);
    expect(Object.fromEntries(searchOf(page))).toEqual({
      from: '2026-01-01',
      to: '2026-04-01',
      range: 'quarter',
    });
    await expectFor({ from: '2026-01-01', to: '2026-04-01' });
    await page.locator('[data-range="custom"]').click();
    await page.getByRole('textbox', { name: 'From', exact: true }).fill('2025-10-06');
    await page.getByRole('textbox', { name: 'To (inclusive)', exact: true }).fill('2025-12-14');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/from=2025-10-06/);
    expect(Object.fromEntries(searchOf(page))).toEqual({
      from: '2025-10-06',
      to: '2025-12-15',
      range: 'custom',
    });
    await expectFor({ from: '2025-10-06', to: '2025-12-15' });
    // The browser's Back goes to the previous period, figures and all.
    await page.goBack();
    await page.waitForURL(/range=quarter/);
    await expectFor({ from: '2026-01-01', to: '2026-04-01' });
    await screenshot(page, '5-period-quarter', false);
  });

  it('compare: two scopes, then two periods, side by side with the API’s figures and the differences', async () => {
    await page.goto(
      `${server.url}/compare?a=valueStream:vs-webshop&b=valueStream:vs-mobile&from=${P90.from}&to=${P90.to}&range=90d`,
    );
    const table = page.getByTestId('comparison');
    await table.waitFor();
    const check = async (a: MetricsDocument, b: MetricsDocument) => {
      const rows: [
        string,
        (m: MetricsDocument) => number | null,
        (v: number | null) => string,
        'relative' | 'points',
      ][] = [
        ['velocity', (m) => m.flow.velocity.total, formatCount, 'relative'],
        ['flowTime', (m) => m.flow.flowTime.median, formatDuration, 'relative'],
        ['efficiency', (m) => m.flow.efficiency, formatPercent, 'points'],
        ['load', (m) => m.flow.load.average, formatDecimal, 'relative'],
        ['defect', (m) => m.flow.distribution.defect, formatPercent, 'points'],
        ['deploymentFrequency', (m) => m.dora.deploymentFrequency.perWeek, formatPerWeek, 'relative'],
        ['changeFailureRate', (m) => m.dora.changeFailureRate.value, formatPercent, 'points'],
      ];
      for (const [id, value, format, kind] of rows) {
        const row = table.locator(`tr[data-row="${id}"]`);
        await expect.poll(() => row.locator('[data-side="a"]').textContent()).toBe(format(value(a)));
        expect(await row.locator('[data-side="b"]').textContent(), id).toBe(format(value(b)));
        expect(await row.locator('[data-side="diff"]').textContent(), id).toBe(
          formatChange(value(b), value(a), kind).text,
        );
      }
    };
    const webshop = await metrics(server, { valueStream: 'vs-webshop' }, P90);
    await check(webshop, await metrics(server, { valueStream: 'vs-mobile' }, P90));
    expect(await table.locator('tr.changed').count()).toBeGreaterThan(0);
    await screenshot(page, '6-compare');
    await page.getByRole('button', { name: 'Two periods' }).click();
    await page.waitForURL(/mode=periods/);
    await check(
      webshop,
      await metrics(server, { valueStream: 'vs-webshop' }, { from: addDays(P90.from, -90), to: P90.from }),
    );
  });

  it('data quality: each issue with its count from the API, what to fix, and example items to open', async () => {
    await page.goto(
      `${server.url}/data-quality?scope=valueStream:vs-mobile&from=${P90.from}&to=${P90.to}&range=90d`,
    );
    const table = page.getByTestId('quality-table');
    await table.waitFor();
    const items = await api<{ unmappedStatuses: { source: string; status: string; items: number }[] }>(
      server,
      '/data-quality/items',
      {
        valueStream: 'vs-mobile',
      },
    );
    const m = await metrics(server, { valueStream: 'vs-mobile' }, P90);
    const parked = items.unmappedStatuses.find((s) => s.status === 'Parked');
    expect(parked).toBeDefined();
    const row = table.locator(`tr[data-row="status:jira:SHOP:Parked"]`);
    expect(await row.locator('[data-metric="count"]').textContent()).toBe(
      `${formatCount(parked?.items)} items`,
    );
    expect(await row.textContent()).toMatch(/Add “Parked” to the statuses of the jira:SHOP mapping/);
    const unlinked = table.locator('tr[data-row="unlinked-changes"] [data-metric="count"]');
    expect(await unlinked.textContent()).toBe(`${formatCount(m.dataQuality.unlinkedChanges.count)} changes`);
    const noTeam = table.locator('tr[data-row="no-team"] [data-metric="count"]');
    expect(await noTeam.textContent()).toBe(`${formatCount(m.dataQuality.itemsWithoutTeam)} items`);
    const incidents = table.locator('tr[data-row="unattributed-incidents"] [data-metric="count"]');
    expect(await incidents.textContent()).toBe(
      `${formatCount(m.dataQuality.unattributedIncidents.count)} incidents`,
    );
    await screenshot(page, '7-data-quality');
    // An example opens its item.
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/items\/jira%3ASHOP\//);
    await page.getByTestId('item-spans').waitFor();
    expect(await page.getByTestId('item-spans').textContent()).toMatch(/Parked/);
  });

  it('keyboard and accessible names: skip link, navigation, sortable headers, named controls and charts', async () => {
    await page.goto(`${server.url}/?from=${P90.from}&to=${P90.to}&range=90d`);
    await page.locator('[data-change="featureShare"]').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    // Through the header to "Compare", and Enter opens it with the focus on its heading.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Compare') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/compare\?/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // A sortable table, by keyboard.
    await page.goto(`${server.url}/value-streams/vs-platform?from=${P90.from}&to=${P90.to}&range=90d`);
    const table = page.getByTestId('teams-table');
    await table.waitFor();
    const header = table.getByRole('button', { name: /^Velocity/ });
    await header.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    const down = (await table.locator('[data-metric="velocity"]').allTextContents()).map((t) =>
      Number(t.replace(/,/g, '')),
    );
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    // Every control and image has a name.
    for (const path of ['/value-streams/vs-platform', '/teams/t-devex']) {
      await page.goto(`${server.url}${path}?from=${P90.from}&to=${P90.to}&range=90d`);
      await page.locator('figure.chart canvas').first().waitFor();
      const unnamed = await page.evaluate(() => {
        const name = (e: Element) =>
          (e.getAttribute('aria-label') ?? '').trim() ||
          (e.textContent ?? '').trim() ||
          [...((e as HTMLInputElement).labels ?? [])].map((l) => l.textContent).join('');
        return [...document.querySelectorAll('a, button, select, input, [role="img"]')]
          .filter((e) => name(e) === '')
          .map((e) => e.outerHTML.slice(0, 80));
      });
      expect(unnamed, path).toEqual([]);
      expect(await page.locator('main h1').count()).toBe(1);
    }
  });

  it('tablet width and the dark theme: no sideways scrolling, screens drawn in the system colours', async () => {
    const tablet = await openPage(browser, { width: 800, height: 1100 });
    for (const [name, path] of [
      ['tablet-overview', '/'],
      ['tablet-team', '/teams/t-payments-api'],
    ] as const) {
      await tablet.page.goto(`${server.url}${path}?from=${P90.from}&to=${P90.to}&range=90d`);
      await tablet.page.locator('[data-change="featureShare"]').first().waitFor();
      await tablet.page.waitForTimeout(800);
      const overflow = await tablet.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      expect(await overflowing(tablet.page), path).toEqual([]);
      await screenshot(tablet.page, name);
    }
    expect(tablet.problems).toEqual([]);
    await tablet.page.close();
    const dark = await openPage(browser, { colorScheme: 'dark' });
    await dark.page.goto(`${server.url}/teams/t-payments-api?from=${P90.from}&to=${P90.to}&range=90d`);
    await dark.page.locator('[data-change="featureShare"]').first().waitFor();
    const background = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(14, 19, 26)');
    await findDot(dark.page, 'cycle-time-scatter').catch(() => undefined);
    await dark.page.waitForTimeout(600);
    await screenshot(dark.page, 'dark-team', false);
    const [first] = (
      await api<CompletedDocument>(server, '/metrics/completed', { ...P90, team: 't-checkout', limit: 40 })
    ).items
      .slice()
      .sort((a, b) => b.flowTime - a.flowTime);
    await dark.page.goto(
      `${server.url}/items/${encodeURIComponent(first?.source ?? '')}/${encodeURIComponent(first?.id ?? '')}?from=${P90.from}&to=${P90.to}&range=90d`,
    );
    await dark.page.getByTestId('item-spans').waitFor();
    await screenshot(dark.page, 'dark-item', false);
    await dark.page.goto(`${server.url}/?from=${P90.from}&to=${P90.to}&range=90d`);
    await dark.page.locator('[data-change="featureShare"]').nth(3).waitFor();
    await screenshot(dark.page, 'dark-overview', false);
    expect(dark.problems).toEqual([]);
    await dark.page.close();
  });

  it('performance: initial JavaScript, the overview’s time to interactive, a scatter of 5,000 dots (measured and reported)', async () => {
    // Initial JavaScript: the entry script and what index.html preloads, gzipped as the server sends it.
    const index = readFileSync(join(ROOT, 'dist', 'web', 'index.html'), 'utf8');
    const scripts = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    const bytes = scripts.map(
      (s) => gzipSync(readFileSync(join(ROOT, 'dist', 'web', s)), { level: 9 }).length,
    );
    const initialKb = bytes.reduce((n, b) => n + b, 0) / 1024;
    measured.initialJavaScriptGzipKb = Math.round(initialKb * 10) / 10;
    expect(scripts.some((s) => s.includes('echarts'))).toBe(false);
    expect(initialKb).toBeLessThanOrEqual(400);

    // The overview: from navigation to every card's figures on screen (a fresh page, no cache).
    const fresh = await openPage(browser);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      await fresh.page.goto(`${server.url}/?from=${P90.from}&to=${P90.to}&range=90d`);
      await fresh.page.waitForFunction(
        () => document.querySelectorAll('[data-change="featureShare"]').length === 4,
      );
      times.push(await fresh.page.evaluate(() => Math.round(performance.now())));
    }
    measured.overviewInteractiveMs = times;
    expect(fresh.problems).toEqual([]);
    await fresh.page.close();

    // The team with the most work over two years: the scatter with 5,000 dots and more.
    const period = { from: addDays(END, -730), to: END };
    const completed = await api<CompletedDocument>(server, '/metrics/completed', {
      ...period,
      team: 't-payments-api',
      limit: 1,
    });
    measured.scatterDots = completed.total;
    expect(completed.total).toBeGreaterThanOrEqual(5000);
    const started = Date.now();
    await page.goto(`${server.url}/teams/t-payments-api?from=${period.from}&to=${period.to}&range=custom`);
    const dot = await findDot(page, 'cycle-time-scatter');
    measured.teamPageWithScatterMs = Date.now() - started;
    // Responsiveness: pointer moves over the dots, each answered by the next frames.
    const box = (await dot.canvas.boundingBox()) as { x: number; y: number; width: number; height: number };
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = Date.now();
      await page.mouse.move(box.x + 80 + ((box.width - 120) * i) / 19, box.y + box.height * 0.7);
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      latencies.push(Date.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    measured.scatterPointerLatencyMs = { median: latencies[10], max: latencies[19] };
    // Filtering the item list on that page answers promptly.
    const t1 = Date.now();
    await page.getByRole('combobox', { name: /^State/ }).selectOption('done');
    await expect.poll(() => page.getByTestId('item-list').locator('caption').textContent()).toMatch(/items/);
    measured.itemFilterMs = Date.now() - t1;
    await screenshot(page, '8-team-5000-dots', false);
  });
});
