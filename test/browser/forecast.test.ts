/**
 * The Forecast screen in Chromium against a real server on the fixed demo organisation: the
 * percentiles shown are the API's for the same scope, start and question; changing the question,
 * the scope and the numbers updates the URL and the answer; no console errors. And annotations:
 * added on a team page, drawn on its charts and its value stream's, measured (the demo's planted
 * AI roll-out is shown as an improvement, with the API's numbers), and removed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROLLOUT_TITLE } from '../../src/cli/demo-command.js';
import { aiRolloutDate } from '../../src/demo/story.js';
import { formatCount, formatDate } from '../../web/src/lib/format.js';
import { addDays } from '../../web/src/lib/period.js';
import {
  api,
  DEMO,
  launchBrowser,
  openPage,
  type Server,
  screenshot,
  signIn,
  startServer,
} from './support.js';

const P90 = { from: addDays(DEMO.until, -90), to: DEMO.until };

describe('the Forecast screen', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the API’s percentiles for "when" and "how many", and follows the URL', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(
      `${server.url}/forecast?from=${P90.from}&to=${P90.to}&range=90d&scope=team:t-payments-api&items=40`,
    );
    await page.getByRole('heading', { name: /When will 40 items of .* be done\?/ }).waitFor();
    const when = await api<{ percentiles: Record<string, string | null>; history: { completed: number } }>(
      server,
      '/forecast/when',
      { team: 't-payments-api', from: P90.to, historyDays: 90, items: 40 },
    );
    for (const p of ['50', '70', '85', '95']) {
      const shown = page.locator(`[data-percentile="${p}"] .forecast-value`);
      await expect.poll(() => shown.textContent()).toBe(formatDate(when.percentiles[p] as string));
    }
    await expect
      .poll(() => page.getByTestId('forecast-history').textContent())
      .toContain(`${formatCount(when.history.completed)} items completed`);
    await screenshot(page, 'forecast-when');

    // How many by a date, for a value stream.
    await page.getByRole('button', { name: 'How many by a date?' }).click();
    await page.getByLabel('Scope').selectOption('valueStream:vs-webshop');
    const by = addDays(P90.to, 44);
    await page.getByLabel('Done by the end of').fill(by);
    await page.getByRole('heading', { name: new RegExp(`by the end of ${formatDate(by)}`) }).waitFor();
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      question: 'how-many',
      scope: 'valueStream:vs-webshop',
      by,
    });
    const howMany = await api<{ percentiles: Record<string, number> }>(server, '/forecast/how-many', {
      valueStream: 'vs-webshop',
      from: P90.to,
      historyDays: 90,
      by,
    });
    for (const p of ['50', '70', '85', '95'])
      await expect
        .poll(() => page.locator(`[data-percentile="${p}"] .forecast-value`).textContent())
        .toBe(`${formatCount(howMany.percentiles[p] as number)} or more`);
    // Fewer items the surer: the percentiles fall.
    expect(howMany.percentiles['95']).toBeLessThanOrEqual(howMany.percentiles['50'] as number);
    await screenshot(page, 'forecast-how-many');
    expect(problems).toEqual([]);
  });

  it('shows the demo’s planted roll-out with its impact; adds, draws and removes an annotation', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server);
    page.on('dialog', (dialog) => void dialog.accept());
    const year = { from: addDays(DEMO.until, -365), to: DEMO.until };
    const rollout = aiRolloutDate(DEMO.until);
    await page.goto(`${server.url}/teams/t-devex?from=${year.from}&to=${year.to}&range=365d`);
    const panel = page.getByTestId('annotations');
    const rows = panel.locator('li[data-annotation]');
    await expect.poll(() => rows.count()).toBe(1);
    const planted = rows.first();
    expect(await planted.locator('strong').textContent()).toBe(DEMO_ROLLOUT_TITLE);
    expect(await planted.locator('time').textContent()).toBe(formatDate(rollout));

    // Its impact: the API's numbers and verdicts; the roll-out shortened the median flow time.
    const id = Number(await planted.getAttribute('data-annotation'));
    const impact = await api<{
      impact: { metrics: Record<string, { verdict: string }>; summary: string[] };
    }>(server, `/annotations/${id}/impact`);
    expect(impact.impact.metrics.flowTimeP50?.verdict).toBe('better');
    await planted.getByRole('button', { name: 'Impact' }).click();
    const table = planted.getByTestId('impact');
    for (const [metric, { verdict }] of Object.entries(impact.impact.metrics))
      await expect
        .poll(() => table.locator(`tr[data-metric="${metric}"] td[data-verdict]`).textContent())
        .toBe(verdict);
    expect(await table.getByRole('list', { name: 'Verdict' }).textContent()).toBe(
      impact.impact.summary.join(''),
    );
    await screenshot(page, 'annotation-impact');

    // Add one from the UI: listed (the title as text, not markup) and drawn on the team's three
    // time charts, after the roll-out.
    const day = addDays(DEMO.until, -60);
    const title = 'Moved to trunk-based development <b>everyone</b>';
    const form = page.getByRole('form', { name: 'Add an annotation' });
    await form.getByLabel('Date').fill(day);
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Description (optional)').fill('Short-lived branches, merged daily.');
    await form.getByRole('button', { name: 'Add annotation' }).click();
    await form
      .getByRole('status')
      .getByText(`Added “${title}” on ${formatDate(day)}.`)
      .waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).locator('strong').textContent()).toBe(title);
    for (const chart of ['Cycle-time scatter', 'Cumulative flow diagram', 'Throughput run chart'])
      await expect
        .poll(() => page.getByRole('list', { name: `Annotations on ${chart}` }).textContent())
        .toBe(`▲ ${formatDate(rollout)} · ${DEMO_ROLLOUT_TITLE}▲ ${formatDate(day)} · ${title}`);

    // The value stream's trends show the team's annotations too.
    await page.goto(`${server.url}/value-streams/vs-platform?from=${year.from}&to=${year.to}&range=365d`);
    await expect
      .poll(() => page.getByRole('list', { name: 'Annotations on Velocity over time' }).textContent(), {
        timeout: 15_000,
      })
      .toContain(title);
    await expect.poll(() => page.getByTestId('annotations').textContent()).toContain('team t-devex');

    // Removed: gone from the list and the charts.
    await page.goto(`${server.url}/teams/t-devex?from=${year.from}&to=${year.to}&range=365d`);
    await expect.poll(() => rows.count()).toBe(2);
    await rows.nth(1).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await expect
      .poll(() => page.getByRole('list', { name: 'Annotations on Throughput run chart' }).textContent())
      .toBe(`▲ ${formatDate(rollout)} · ${DEMO_ROLLOUT_TITLE}`);
    expect(problems).toEqual([]);
  });

  it('shows a scope’s insights with the API’s evidence, and makes and moves an improvement item from one', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server);
    const period = { from: addDays(DEMO.until, -28), to: DEMO.until };
    await page.goto(
      `${server.url}/insights?from=${period.from}&to=${period.to}&range=custom&scope=team:t-payments-api`,
    );
    const doc = await api<{
      insights: { rule: string; title: string; evidence: { numbers: Record<string, unknown> } }[];
    }>(server, '/insights', { team: 't-payments-api', to: period.to, periodDays: 28 });
    const aging = doc.insights.find((i) => i.rule === 'aging-items');
    expect(aging).toBeDefined();
    const cards = page.locator('article.insight');
    await expect.poll(() => cards.count()).toBe(doc.insights.length);
    const card = page.locator('article.insight[data-rule="aging-items"]');
    expect(await card.getByRole('heading').textContent()).toBe(aging?.title);
    expect(await card.locator('table.evidence th').allTextContents()).toEqual(
      Object.keys(aging?.evidence.numbers ?? {}),
    );
    expect(
      await card.locator('table.evidence tr', { hasText: 'oldest' }).locator('td').first().textContent(),
    ).toBe(aging?.evidence.numbers.oldest);

    await card.getByRole('button', { name: 'Make an improvement item' }).click();
    const form = card.getByRole('form');
    expect(await form.getByLabel('Type').inputValue()).toBe('debt');
    await form.getByRole('button', { name: 'Make the item' }).click();
    const made = card.getByTestId('improvement-made');
    await made.waitFor();
    const listed = await api<{ improvements: { id: number; item: { id: string }; status: string }[] }>(
      server,
      '/improvements',
    );
    expect(listed.improvements).toHaveLength(1);
    const [improvement] = listed.improvements;
    expect(await made.textContent()).toContain(`${improvement?.item.id} (debt, open) in team t-payments-api`);
    await screenshot(page, 'insights');

    // Moved on from the list: the API sees the new status.
    const row = page.getByTestId('improvements').locator(`tr[data-improvement="${improvement?.id}"]`);
    await row.getByLabel(`Status of ${improvement?.item.id}`).selectOption('in progress');
    await expect
      .poll(
        async () =>
          (await api<{ improvements: { status: string }[] }>(server, '/improvements')).improvements[0]
            ?.status,
      )
      .toBe('in progress');
    // The item is the team's, of flow type debt.
    await row.getByRole('link', { name: improvement?.item.id }).click();
    await page.getByRole('heading', { name: aging?.title }).waitFor();
    expect(problems).toEqual([]);
  });
});
