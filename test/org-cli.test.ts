/**
 * `flowlens roles`, `flowlens org …` and the mapping editor's `flowlens mapping …` commands, run
 * in-process on both stores. On the demo organisation, the gap and overload rules find exactly what
 * the demo plants — Cloud Platform has no security lead, Ledger has no product owner, Samuel Turner
 * is the product owner of five teams — and `roles --value-stream V --json` prints exactly the shape
 * of issue 6.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STRETCHED_PERSON } from '../src/demo/organisation.js';
import { cli } from './support/cli.js';
import { createTestDatabase, describeEachStore, type TestDatabase } from './support/stores.js';

const UNTIL = '2026-06-01';

describeEachStore('flowlens roles, org and mapping on the demo organisation', (kind) => {
  let db: TestDatabase;
  const run = (...args: string[]) => cli([...args, '--db', db.location]);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const demo = await cli([
      'demo',
      '--db',
      db.location,
      '--seed',
      '3',
      '--scale',
      '2000',
      '--until',
      UNTIL,
      '--no-progress',
    ]);
    expect(demo.code, demo.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await db.destroy();
  });

  it('finds exactly the planted role gaps and the stretched product owner, and says why', async () => {
    const all = await run('roles', '--as-of', UNTIL, '--json');
    expect(all.code, all.stderr).toBe(0);
    const doc = JSON.parse(all.stdout) as {
      valueStreams: {
        valueStream: string;
        gaps: { role: string; team?: string }[];
        overloaded: { person: string }[];
      }[];
    };
    expect(doc.valueStreams.map((v) => v.valueStream)).toEqual([
      'vs-mobile',
      'vs-payments',
      'vs-platform',
      'vs-webshop',
    ]);
    expect(
      doc.valueStreams.flatMap((v) => v.gaps.map((g) => [v.valueStream, g.role, g.team ?? null])),
    ).toEqual([
      ['vs-payments', 'product-owner', 't-ledger'],
      ['vs-platform', 'security-lead', null],
    ]);
    expect(doc.valueStreams.map((v) => [v.valueStream, v.overloaded.map((o) => o.person)])).toEqual([
      ['vs-mobile', [STRETCHED_PERSON]],
      ['vs-payments', []],
      ['vs-platform', []],
      ['vs-webshop', [STRETCHED_PERSON]],
    ]);

    const platform = await run('roles', '--value-stream', 'vs-platform', '--as-of', UNTIL, '--json');
    const parsed = JSON.parse(platform.stdout);
    expect(Object.keys(parsed)).toEqual(['valueStream', 'roles', 'gaps', 'overloaded']);
    expect(parsed.valueStream).toBe('vs-platform');
    expect(Object.keys(parsed.roles).sort()).toEqual(
      [
        'adoption-lead',
        'architect',
        'business-analyst',
        'dvs-facilitator',
        'product-manager',
        'product-owner',
        'qa-lead',
        'security-lead',
        'ux-lead',
        'value-stream-architect',
      ].sort(),
    );
    expect(parsed.roles['security-lead']).toEqual([]);
    expect(parsed.roles['dvs-facilitator']).toEqual(['p-nora-virtanen']);
    expect(parsed.roles['product-owner']).toEqual(['p-amelia-clarke', 'p-felix-braun', 'p-viktor-ivanov']);
    expect(parsed.gaps).toEqual([
      {
        role: 'security-lead',
        why: expect.stringMatching(/^Cloud Platform has no security lead: security work has no owner/),
      },
    ]);
    expect(parsed.overloaded).toEqual([]);

    const mobile = JSON.parse(
      (await run('roles', '--value-stream', 'vs-mobile', '--as-of', UNTIL, '--json')).stdout,
    );
    expect(mobile.overloaded).toEqual([
      {
        person: STRETCHED_PERSON,
        teams: ['t-android', 't-catalog', 't-ios', 't-mobile-bff', 't-search'],
        valueStreams: ['vs-mobile', 'vs-webshop'],
        why: expect.stringMatching(
          /^Samuel Turner holds roles in 5 teams \(.*\), more than the limit of 3: /,
        ),
      },
    ]);
    const payments = JSON.parse(
      (await run('roles', '--value-stream', 'vs-payments', '--as-of', UNTIL, '--json')).stdout,
    );
    expect(payments.gaps).toEqual([
      {
        role: 'product-owner',
        team: 't-ledger',
        why: expect.stringMatching(/^Ledger \(Payments\) has no product owner: /),
      },
    ]);

    // Earlier, before Samuel took on his fifth team and before the adoption lead of Web Shop started.
    const early = JSON.parse(
      (await run('roles', '--value-stream', 'vs-webshop', '--as-of', '2024-07-01', '--json')).stdout,
    );
    expect(early.gaps.map((g: { role: string }) => g.role)).toContain('adoption-lead');
    expect(early.overloaded).toEqual([]);

    const text = await run('roles', '--value-stream', 'vs-platform', '--as-of', UNTIL);
    expect(text.stdout).toContain('Cloud Platform (vs-platform)');
    expect(text.stdout).toMatch(/Security lead\s+no one/);
    expect(text.stdout).toContain('- Cloud Platform has no security lead:');

    const unknown = await run('roles', '--value-stream', 'vs-nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--value-stream: there is no value stream "vs-nope"/);
    const strict = JSON.parse(
      (await run('roles', '--value-stream', 'vs-mobile', '--as-of', UNTIL, '--max-teams', '1', '--json'))
        .stdout,
    );
    expect(strict.overloaded.map((o: { person: string }) => o.person)).toEqual([
      'p-jin-park',
      STRETCHED_PERSON,
    ]);
  });

  it('edits the organisation and role assignments from the command line', async () => {
    expect(
      (
        await run(
          'org',
          'add',
          'team',
          't-risk',
          '--name',
          'Risk',
          '--parent',
          'vs-payments',
          '--actor',
          'ana',
        )
      ).code,
    ).toBe(0);
    const po = await run(
      'org',
      'role',
      'add',
      'p-ines-carvalho',
      'product-owner',
      '--team',
      't-ledger',
      '--from',
      '2026-05-01',
      '--json',
    );
    expect(po.code, po.stderr).toBe(0);
    const assignment = JSON.parse(po.stdout);
    const payments = JSON.parse(
      (await run('roles', '--value-stream', 'vs-payments', '--as-of', UNTIL, '--json')).stdout,
    );
    // Ledger has a product owner now; Risk, just added, has none.
    expect(payments.gaps.map((g: { team?: string }) => g.team)).toEqual(['t-risk']);
    expect((await run('org', 'role', 'set', assignment.id, '--to', '2026-05-15')).code).toBe(0);
    const ended = JSON.parse(
      (await run('roles', '--value-stream', 'vs-payments', '--as-of', UNTIL, '--json')).stdout,
    );
    expect(ended.gaps.map((g: { team?: string }) => g.team)).toEqual(['t-ledger', 't-risk']);

    const moved = await run(
      'org',
      'move',
      'team',
      't-risk',
      'vs-platform',
      '--at',
      '2026-05-20',
      '--actor',
      'ana',
      '--json',
    );
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({
      parent: 'vs-platform',
      history: [{ parent: 'vs-payments', movedBy: 'ana' }],
    });
    expect((await run('org', 'archive', 'team', 't-risk')).stdout).toContain('(archived)');
    const history = await run('org', 'history', 'team', 't-risk');
    expect(history.stdout).toMatch(/in vs-payments from the start until 2026-05-20/);
    expect(history.stdout).toMatch(/ana: team t-risk: moved from vs-payments to vs-platform/);
    const changes = await run('org', 'changes', '--limit', '3');
    expect(changes.stdout).toMatch(/local\s+team t-risk: archived/);
    const show = await run('org', 'show');
    expect(show.stdout).toContain('Ledger (t-ledger)');
    expect(show.stdout).not.toContain('t-risk');
    expect((await run('org', 'show', '--archived')).stdout).toContain('Risk (t-risk) [archived]');
    const limits = await run('org', 'limits', '--max-teams', '6');
    expect(limits.stdout).toContain('6 teams');
    const relaxed = JSON.parse(
      (await run('roles', '--value-stream', 'vs-mobile', '--as-of', UNTIL, '--json')).stdout,
    );
    expect(relaxed.overloaded).toEqual([]);
    await run('org', 'limits', '--max-teams', '3');
    const network = JSON.parse((await run('org', 'network', '--as-of', UNTIL, '--json')).stdout);
    expect(network.people.some((p: { id: string }) => p.id === STRETCHED_PERSON)).toBe(true);
    expect(network.links.length).toBeGreaterThan(0);

    const bad = await run('org', 'move', 'team', 't-ledger', 'vs-nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/parent: there is no value stream "vs-nope"/);
    const exists = await run('org', 'add', 'team', 't-ledger', '--name', 'Again');
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/there is already a team "t-ledger"/);
  });

  it('shows, previews, saves and restores a mapping from the command line', async () => {
    const values = await run('mapping', 'values', 'jira:SHOP');
    expect(values.code, values.stderr).toBe(0);
    expect(values.stdout).toMatch(/Code Review\s+[\d,]+\s+[\d,]+\s+create \/ active/);
    const before = JSON.parse((await run('metrics', '--from', '2026-03-01', '--to', UNTIL, '--json')).stdout);
    const preview = await run(
      'mapping',
      'preview',
      'jira:SHOP',
      '--status',
      'Code Review=create/waiting',
      '--from',
      '2026-03-01',
      '--to',
      UNTIL,
      '--json',
    );
    expect(preview.code, preview.stderr).toBe(0);
    const p = JSON.parse(preview.stdout);
    expect(p.organisation.before.efficiency).toBe(before.flow.efficiency);
    const set = await run(
      'mapping',
      'set',
      'jira:SHOP',
      '--status',
      'Code Review=create/waiting',
      '--note',
      'review waits',
      '--actor',
      'ana',
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/Saved version 2 of the mapping of jira:SHOP: 1 status\./);
    expect(set.stdout).toMatch(/Recomputed the facts of [\d,]+ items/);
    const after = JSON.parse((await run('metrics', '--from', '2026-03-01', '--to', UNTIL, '--json')).stdout);
    expect(after.flow.efficiency).toBe(p.organisation.after.efficiency);
    expect(after.flow.efficiency).toBeLessThan(before.flow.efficiency);
    const versions = await run('mapping', 'versions', 'jira:SHOP');
    expect(versions.stdout).toMatch(/version 2 \(current\) .* ana: 1 status — review waits/);
    expect(versions.stdout).toMatch(/status "Code Review": create \/ active → create \/ waiting/);
    const restore = await run('mapping', 'restore', 'jira:SHOP', '1');
    expect(restore.code, restore.stderr).toBe(0);
    expect(
      JSON.parse((await run('metrics', '--from', '2026-03-01', '--to', UNTIL, '--json')).stdout),
    ).toEqual(before);
    const bad = await run('mapping', 'set', 'jira:SHOP', '--status', 'Code Review=create/busy');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--status: "create\/busy" is not stage\/state/);
  });
});
