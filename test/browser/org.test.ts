/**
 * The Organisation, Roles, Network and Mappings screens in Chromium against a real server on the
 * fixed demo organisation (a server of their own: these tests edit it). What is shown is the API's
 * — the structure, the role gaps and the overloaded people with their explanations, the network, the
 * raw statuses and the preview's figures —; edits made on the screens reach the API and the metrics
 * (a team moved from a date, a role assigned, a mapping saved and restored, with the recomputation's
 * progress); the team page shows what the team owns; no console errors; screenshots of each screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsDocument } from '../../web/src/api/types.js';
import { formatCount, formatDuration, formatPercent } from '../../web/src/lib/format.js';
import { addDays } from '../../web/src/lib/period.js';
import {
  api,
  authHeaders,
  DEMO,
  launchBrowser,
  openPage,
  type Server,
  screenshot,
  signIn,
  startServer,
} from './support.js';

const P90 = { from: addDays(DEMO.until, -90), to: DEMO.until };
const PERIOD = `from=${P90.from}&to=${P90.to}&range=90d`;
const AS_OF = DEMO.until;

interface Entity {
  id: string;
  name: string;
  parent?: string | null;
  archived: unknown;
  history?: { parent: string | null; to: string; movedBy: string }[];
}
interface Gap {
  role: string;
  team?: string;
  why: string;
}
interface Coverage {
  valueStreams: { valueStream: { id: string }; gaps: Gap[]; overloaded: { person: string; why: string }[] }[];
  overloaded: { person: string; why: string }[];
}

describe('the organisation, roles, network and mapping screens', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
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

  it('organisation: the structure is the API’s; a team renamed and moved from a date, with its history', async () => {
    await page.goto(`${server.url}/organisation?${PERIOD}`);
    await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    const model = await api<{ teams: Entity[]; valueStreams: Entity[]; people: Entity[] }>(
      server,
      '/org/model',
    );
    const tree = page.getByTestId('org-tree');
    await tree.waitFor();
    for (const team of model.teams)
      expect(await tree.locator(`[data-entity="team:${team.id}"]`).textContent(), team.id).toContain(
        team.name,
      );
    expect(await page.getByTestId('people-table').locator('tbody tr').count()).toBe(model.people.length);

    // The audit trail records the signed-in account (admin).
    const before = await api<MetricsDocument>(server, '/metrics', { ...P90, valueStream: 'vs-platform' });
    await tree.locator('[data-entity="team:t-fraud"]').click();
    const editor = page.getByTestId('entity-editor');
    await editor.getByRole('heading', { name: 'Team Fraud Detection' }).waitFor();
    await editor.getByLabel('Name').fill('Fraud & Risk');
    await editor.getByLabel('Value stream').selectOption('vs-platform');
    await editor.getByLabel(/Moved as of/).fill(P90.from);
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByRole('heading', { name: 'Team Fraud & Risk' }).waitFor();
    await page.getByTestId('entity-history').waitFor();
    expect(await page.getByTestId('entity-history').textContent()).toMatch(
      /In vs-payments until .*In vs-platform since/,
    );

    const team = (await api<{ teams: Entity[] }>(server, '/org/model')).teams.find((t) => t.id === 't-fraud');
    expect(team).toMatchObject({ name: 'Fraud & Risk', parent: 'vs-platform' });
    expect(team?.history).toEqual([
      expect.objectContaining({
        parent: 'vs-payments',
        to: `${P90.from}T00:00:00.000Z`,
        movedBy: 'admin',
      }),
    ]);
    // Its work of the period now counts for Cloud Platform; before the move, for Payments.
    const after = await api<MetricsDocument>(server, '/metrics', { ...P90, valueStream: 'vs-platform' });
    const fraud = await api<MetricsDocument>(server, '/metrics', { ...P90, team: 't-fraud' });
    expect(after.flow.velocity.total).toBe(before.flow.velocity.total + fraud.flow.velocity.total);
    // The quarter before the move: t-fraud's work still counts for Payments, not Cloud Platform.
    const earlier = { from: addDays(P90.from, -90), to: P90.from };
    const velocity = async (scope: Record<string, string>) =>
      (await api<MetricsDocument>(server, '/metrics', { ...earlier, ...scope })).flow.velocity.total;
    const teamsOf = {
      'vs-payments': ['t-payments-api', 't-fraud', 't-ledger'],
      'vs-platform': ['t-infra', 't-devex', 't-observability'],
    };
    for (const [stream, teams] of Object.entries(teamsOf)) {
      let sum = 0;
      for (const t of teams) sum += await velocity({ team: t });
      expect(await velocity({ valueStream: stream }), stream).toBe(sum);
    }
    expect(await velocity({ team: 't-fraud' })).toBeGreaterThan(0);
    // The value stream screen shows the API's velocity for the period.
    await page.goto(`${server.url}/value-streams/vs-platform?${PERIOD}`);
    await page.locator('[data-scope="valueStream:vs-platform"] [data-metric="velocity"]').first().waitFor();
    // The tile may render after the teams table (whose rows have a velocity too): poll for it.
    await expect
      .poll(() =>
        page.locator('[data-scope="valueStream:vs-platform"] [data-metric="velocity"]').first().textContent(),
      )
      .toBe(formatCount(after.flow.velocity.total));
    await page.goto(`${server.url}/organisation?${PERIOD}&select=team:t-fraud`);
    await page.getByTestId('changes-table').waitFor();
    expect(await page.getByTestId('changes-table').locator('tbody tr').first().textContent()).toMatch(
      /admin.*team t-fraud: moved from vs-payments to vs-platform/,
    );
    await screenshot(page, 'org-1-organisation');
  });

  it('roles: the coverage matrix, the gaps and the overloaded people are the API’s, with why; an assignment closes a gap', async () => {
    await page.goto(`${server.url}/roles?${PERIOD}&asOf=${AS_OF}`);
    await page.getByRole('heading', { name: 'Roles', level: 1 }).waitFor();
    const coverage = await api<Coverage>(server, '/roles', { asOf: AS_OF });
    const gaps = coverage.valueStreams.flatMap((v) =>
      v.gaps.map((g) => ({ ...g, valueStream: v.valueStream.id })),
    );
    expect(gaps.map((g) => `${g.valueStream} ${g.role} ${g.team ?? ''}`.trim())).toEqual([
      'vs-payments product-owner t-ledger',
      'vs-platform security-lead',
    ]);
    await expect
      .poll(() => page.locator('[data-metric="gaps"]').textContent())
      .toBe(formatCount(gaps.length));
    expect(await page.locator('[data-metric="overloaded"]').textContent()).toBe(
      formatCount(coverage.overloaded.length),
    );
    for (const gap of gaps) {
      const list = page.getByTestId(`gaps-${gap.valueStream}`);
      expect(
        await list
          .locator(`[data-gap="${gap.role}${gap.team === undefined ? '' : `:${gap.team}`}"]`)
          .textContent(),
      ).toBe(gap.why);
      // The matrix marks the empty cell.
      const row = page
        .getByTestId(`matrix-${gap.valueStream}`)
        .locator(`tr[data-role="${gap.role}"]`)
        .first();
      expect(await row.locator(`td[data-cell="${gap.team ?? 'valueStream'}"]`).textContent()).toBe('Gap');
    }
    const stretched = coverage.overloaded[0] as { person: string; why: string };
    expect(stretched.person).toBe('p-samuel-turner');
    expect(
      await page
        .getByTestId('overloaded-vs-mobile')
        .locator(`[data-person="${stretched.person}"]`)
        .textContent(),
    ).toBe(stretched.why);
    await page.waitForTimeout(300);
    await screenshot(page, 'org-2-roles');
    await screenshot(page, 'org-2-roles-top', false);

    // Ledger gets a product owner from the form.
    const form = page.getByTestId('assign-form');
    await form.getByLabel('Person').selectOption('p-ines-carvalho');
    await form.getByLabel('Role').selectOption('product-owner');
    await form.getByRole('combobox', { name: /^In\b/ }).selectOption('team:t-ledger');
    await form.getByLabel('From').fill(addDays(AS_OF, -30));
    await form.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.locator('[data-metric="gaps"]').textContent()).toBe(formatCount(1));
    const now = await api<Coverage>(server, '/roles', { asOf: AS_OF, valueStream: 'vs-payments' });
    expect(now.valueStreams[0]?.gaps).toEqual([]);
    expect(await page.getByTestId('gaps-vs-payments').count()).toBe(0);
  });

  it('network: the graph and its tables show the API’s people and links', async () => {
    await page.goto(`${server.url}/network?${PERIOD}&asOf=${AS_OF}`);
    await page.getByRole('heading', { name: 'Product management network', level: 1 }).waitFor();
    const network = await api<{ people: { id: string }[]; links: unknown[] }>(server, '/roles/network', {
      asOf: AS_OF,
    });
    await expect
      .poll(() => page.locator('[data-metric="people"]').textContent())
      .toBe(formatCount(network.people.length));
    expect(await page.locator('[data-metric="links"]').textContent()).toBe(formatCount(network.links.length));
    await page.locator('[data-testid="network-chart"] canvas').first().waitFor();
    expect(await page.getByRole('img', { name: 'Product management network' }).count()).toBe(1);
    expect(await page.getByTestId('network-links').locator('tbody tr').count()).toBe(network.links.length);
    await page.getByText('Data table: Product management network').click();
    expect(await page.getByTestId('network-people').locator('tbody tr').count()).toBe(network.people.length);
    await page.waitForTimeout(1500);
    await screenshot(page, 'org-3-network', false);
  });

  it('team page: the services and products the team owns, and its roles, are the API’s', async () => {
    await page.goto(`${server.url}/teams/t-payments-api?${PERIOD}`);
    const ownership = page.getByTestId('team-ownership');
    await ownership.getByTestId('team-services').waitFor();
    const detail = await api<{ services: Entity[]; roles: { personName: string }[] }>(
      server,
      '/org/teams/t-payments-api',
    );
    expect(
      await ownership
        .locator('[data-service]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-service'))),
    ).toEqual(detail.services.map((s) => s.id));
    const roles = await ownership.getByTestId('team-roles').textContent();
    for (const r of detail.roles) expect(roles).toContain(r.personName);
    await ownership.scrollIntoViewIfNeeded();
    await screenshot(page, 'org-4-team-ownership', false);
  });

  it('mappings: raw statuses unmapped first; a change previewed, saved with its recomputation shown, then restored', async () => {
    await page.goto(`${server.url}/mappings?${PERIOD}`);
    const sources = await api<{ sources: { source: string; unmappedStatuses: number }[] }>(
      server,
      '/mappings',
    );
    const table = page.getByTestId('sources-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(sources.sources.length);
    await screenshot(page, 'org-5-mappings');
    await table.getByRole('link', { name: 'jira:SHOP' }).click();
    await page.getByRole('heading', { name: /Mapping of jira:SHOP/ }).waitFor();
    const detail = await api<{ statuses: { raw: string; mapped: boolean; items: number }[] }>(
      server,
      `/mappings/${encodeURIComponent('jira:SHOP')}`,
    );
    const rows = page.getByTestId('statuses-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-raw')))).toEqual(
      detail.statuses.map((s) => s.raw),
    );
    // Unmapped first.
    const firstMapped = detail.statuses.findIndex((s) => s.mapped);
    expect(detail.statuses.slice(firstMapped).every((s) => s.mapped)).toBe(true);

    const before = await api<MetricsDocument>(server, '/metrics', P90);
    await page.getByLabel('State of Code Review').selectOption('waiting');
    await page.getByRole('button', { name: 'Preview the metrics' }).click();
    const preview = page.getByTestId('preview-table');
    await preview.waitFor();
    const previewApi = await (
      await fetch(`${server.url}/api/v1/mappings/${encodeURIComponent('jira:SHOP')}/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(server) },
        body: JSON.stringify({
          mapping: await currentWith(server, 'Code Review', { stage: 'create', state: 'waiting' }),
          from: P90.from,
          to: P90.to,
        }),
      })
    ).json();
    const cell = (id: string, side: string) =>
      preview.locator(`tr[data-preview="${id}"] td[data-side="${side}"]`).textContent();
    expect(await cell('efficiency', 'before')).toBe(formatPercent(before.flow.efficiency));
    expect(await cell('flowTime', 'before')).toBe(formatDuration(before.flow.flowTime.median));
    expect(await cell('efficiency', 'after')).toBe(formatPercent(previewApi.organisation.after.efficiency));
    expect(await cell('stage-create', 'after')).toBe(
      formatPercent(previewApi.organisation.after.stages.create),
    );
    await screenshot(page, 'org-6-mapping-preview');
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'org-6-mapping-preview-top', false);

    await page.getByLabel('Note (why)').fill('review waits for a reviewer');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    const job = page.getByTestId('save-job').locator('[data-job]');
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await job.textContent()).toMatch(/Recomputed [\d,]+ items; the metrics use the new mapping/);
    const after = await api<MetricsDocument>(server, '/metrics', P90);
    expect(formatPercent(after.flow.efficiency)).toBe(
      formatPercent(previewApi.organisation.after.efficiency),
    );
    expect(after.flow.efficiency).toBe(previewApi.organisation.after.efficiency);
    const versions = page.getByTestId('versions');
    await expect.poll(() => versions.locator('[data-current="true"]').getAttribute('data-version')).toBe('2');
    expect(await versions.locator('[data-version="2"]').textContent()).toMatch(
      /by admin.*1 status.*review waits for a reviewer/,
    );
    await screenshot(page, 'org-7-mapping-saved');

    await versions.getByRole('button', { name: 'Restore version 1' }).click();
    await expect
      .poll(() => versions.locator('[data-current="true"]').getAttribute('data-version'), { timeout: 60_000 })
      .toBe('3');
    await expect
      .poll(async () => (await api<{ jobs: { state: string }[] }>(server, '/mappings/jobs')).jobs[0]?.state, {
        timeout: 60_000,
      })
      .toBe('done');
    expect(await api<MetricsDocument>(server, '/metrics', P90)).toEqual(before);
  });

  it('the screens work in the dark theme and at a tablet width', async () => {
    const dark = await openPage(browser, { colorScheme: 'dark', width: 820, height: 1100 });
    await dark.page.goto(`${server.url}/roles?${PERIOD}&asOf=${AS_OF}&valueStream=vs-platform`);
    await dark.page.getByTestId('matrix-vs-platform').waitFor();
    const sideways = await dark.page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth + 1,
    );
    expect(sideways).toBe(false);
    await screenshot(dark.page, 'org-dark-roles', false);
    await dark.page.goto(`${server.url}/organisation?${PERIOD}`);
    await dark.page.getByTestId('org-tree').waitFor();
    await screenshot(dark.page, 'org-dark-organisation', false);
    expect(dark.problems).toEqual([]);
    await dark.page.close();
  });
});

/** The source's mapping as stored, with one status classified otherwise. */
async function currentWith(server: Server, status: string, cls: { stage: string; state: string }) {
  const detail = await api<{
    mapping: { statuses: Record<string, unknown>; types: unknown; environments: unknown };
  }>(server, `/mappings/${encodeURIComponent('jira:SHOP')}`);
  return { ...detail.mapping, statuses: { ...detail.mapping.statuses, [status]: cls } };
}
