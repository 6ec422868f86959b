/**
 * Signing in, in Chromium: a demo server shows "Demo — read-only, anonymous" to visitors and lets
 * them read every screen; a wrong password gets the server's message; the administrator signs in,
 * sees their name, and signs out. A server without --demo sends a visitor to the sign-in page and
 * back where they were after it. Every response carries the Content-Security-Policy, and no screen
 * breaks it (no violation reported, no console error).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, api, launchBrowser, openPage, type Server, screenshot, startServer } from './support.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** A 401 the test provokes on purpose (Chromium reports it as a console error too). */
const expected401 = (problem: string) =>
  /HTTP 401: .*\/api\/v1\/|status of 401 \(Unauthorized\)/.test(problem);

/** Records every CSP violation the page reports, on every document it loads. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return () =>
    page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

describe('signing in, on a demo server', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let violations: () => Promise<string[]>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ({ page, problems } = await openPage(browser));
    violations = await watchCsp(page);
  });
  afterEach(() => {
    expect(problems).toEqual([]);
    problems.length = 0;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('every screen loads with the CSP header and breaks none of it; the demo is labelled', async () => {
    const org = await api<{
      portfolios: { valueStreams: { id: string; teams: { id: string }[] }[] }[];
    }>(server, '/org');
    const stream = org.portfolios[0]?.valueStreams[0];
    const team = stream?.teams[0]?.id ?? '';
    const items = await api<{ items: { source: string; id: string }[] }>(server, '/items', {
      team,
      limit: 1,
    });
    const item = items.items[0];
    const screens = [
      '/',
      `/value-streams/${stream?.id}`,
      `/teams/${team}`,
      `/items/${encodeURIComponent(item?.source ?? '')}/${encodeURIComponent(item?.id ?? '')}`,
      '/compare',
      '/data-quality',
      '/forecast',
      '/organisation',
      '/roles',
      '/network',
      '/mappings',
      '/login',
    ];
    for (const path of screens) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.headers()['content-security-policy'], path).toBe(CSP);
      expect(response?.headers()['x-content-type-options']).toBe('nosniff');
      expect(response?.headers()['x-frame-options']).toBe('DENY');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await violations(), path).toEqual([]);
      await expect(page.getByText('Demo — read-only, anonymous')).toBeDefined();
      expect(await page.getByText('Demo — read-only, anonymous').isVisible(), path).toBe(true);
    }
    // The API's answers carry it too.
    const apiResponse = await page.request.get(`${server.url}/api/v1/health`);
    expect(apiResponse.headers()['content-security-policy']).toBe(CSP);
    await screenshot(page, 'auth-demo-login', false);
  });

  it('a wrong password shows the server’s message; the right one signs in; sign-out returns to the demo', async () => {
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/organisation')}`);
    await page.getByLabel('Name').fill(ADMIN.name);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(async () => page.getByRole('alert').textContent())
      .toBe('the name or the password is wrong');
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/organisation`);
    await page.getByText('admin (admin)').waitFor();
    expect(await page.getByText('Demo — read-only, anonymous').count()).toBe(0);
    await screenshot(page, 'auth-signed-in', false);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Demo — read-only, anonymous').waitFor();
    expect(await page.getByText('admin (admin)').count()).toBe(0);
    const session = await page.request.get(`${server.url}/api/v1/session`);
    expect((await session.json()).authenticated).toBe(false);
    expect(await violations()).toEqual([]);
    // The refused sign-in's 401 was expected; nothing else went wrong.
    problems.splice(0, problems.length, ...problems.filter((p) => !expected401(p)));
  });
});

describe('signing in, on a server that requires it', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: false }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a visitor is sent to the sign-in page, and back to where they were after it', async () => {
    const { page, problems } = await openPage(browser);
    const violations = await watchCsp(page);
    await page.goto(`${server.url}/forecast`);
    await page.waitForURL(/\/login\?next=%2Fforecast/);
    await page.getByRole('heading', { name: 'Sign in to Flowlens', level: 1 }).waitFor();
    expect(await page.getByText('Demo — read-only, anonymous').count()).toBe(0);
    // What sent the visitor here: the API's 401s, expected.
    expect(problems.filter((p) => !expected401(p))).toEqual([]);
    problems.length = 0;
    await page.getByLabel('Name').fill(ADMIN.name);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/forecast`);
    await page.getByRole('heading', { name: 'Forecast', level: 1 }).waitFor();
    await page.getByText('admin (admin)').waitFor();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    expect(await violations()).toEqual([]);
    // The cookie is HTTP-only: the page's scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('flowlens_session');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'flowlens_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });
  });
});
