/**
 * The Forecast screen in Chromium against a real server on the fixed demo organisation: the
 * percentiles shown are the API's for the same scope, start and question; changing the question,
 * the scope and the numbers updates the URL and the answer; no console errors.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatDate } from '../../web/src/lib/format.js';
import { addDays } from '../../web/src/lib/period.js';
import { api, DEMO, launchBrowser, openPage, type Server, screenshot, startServer } from './support.js';

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
});
