/**
 * The team page's Predictability panel in Chromium against a real server on the fixed demo
 * organisation (its Scrum teams plan in sprints, src/demo/sprints.ts): the summary and every row of
 * the table behind the chart equal GET /api/v1/metrics/predictability for the same team and period;
 * a team without sprints says so; no console errors.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatPercent } from '../../web/src/lib/format.js';
import { addDays } from '../../web/src/lib/period.js';
import { api, DEMO, launchBrowser, openPage, type Server, screenshot, startServer } from './support.js';

const P90 = { from: addDays(DEMO.until, -90), to: DEMO.until };

interface Doc {
  sprints: {
    name: string;
    closedAt: string;
    planned: number;
    added: number;
    removed: number;
    delivered: number;
    completed: number;
    ratio: number | null;
  }[];
  summary: {
    measured: number;
    meanRatio: number | null;
    medianRatio: number | null;
    inBand: number;
    planned: number;
    delivered: number;
  };
}

describe('the Predictability panel', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the API’s sprints, planned against delivered, for a Scrum team', async () => {
    const { page, problems } = await openPage(browser);
    const doc = await api<Doc>(server, '/metrics/predictability', { ...P90, team: 't-checkout' });
    expect(doc.sprints.length).toBeGreaterThan(3);
    await page.goto(`${server.url}/teams/t-checkout?from=${P90.from}&to=${P90.to}&range=90d`);
    const panel = page.getByTestId('predictability');
    await panel.getByRole('heading', { name: 'Predictability' }).waitFor();
    await expect
      .poll(() => panel.locator('[data-metric="predictabilityMedian"]').textContent())
      .toBe(formatPercent(doc.summary.medianRatio));
    expect(await panel.locator('[data-metric="predictabilityInBand"]').textContent()).toBe(
      `${formatCount(doc.summary.inBand)} of ${formatCount(doc.summary.measured)}`,
    );
    expect(await panel.locator('[data-metric="predictabilityTotals"]').textContent()).toBe(
      `${formatCount(doc.summary.delivered)} of ${formatCount(doc.summary.planned)}`,
    );
    await panel.getByText('Data table: Planned against delivered per sprint').click();
    const rows = panel.getByTestId('predictability-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(doc.sprints.length);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );
    expect(shown).toEqual(
      doc.sprints.map((s) => [
        s.name,
        formatDate(s.closedAt),
        String(s.planned),
        String(s.added),
        String(s.removed),
        String(s.delivered),
        String(s.completed),
        formatPercent(s.ratio),
      ]),
    );
    await panel.getByTestId('predictability-chart').locator('canvas').first().waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-predictability', false);
    expect(problems).toEqual([]);
  });

  it('says so for a team whose sources have no sprints', async () => {
    const { page, problems } = await openPage(browser);
    const doc = await api<Doc>(server, '/metrics/predictability', { ...P90, team: 't-payments-api' });
    expect(doc.sprints).toEqual([]);
    await page.goto(`${server.url}/teams/t-payments-api?from=${P90.from}&to=${P90.to}&range=90d`);
    const panel = page.getByTestId('predictability');
    await panel.getByText("This team's sources have no sprints").waitFor();
    expect(await panel.getByTestId('predictability-chart').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
