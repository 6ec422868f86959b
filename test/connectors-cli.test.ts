/**
 * The connectors through the command line: `flowlens connect` (checks, writes flowlens.yaml,
 * proposes a mapping "to review"), `flowlens sync` (summary, exit codes, JSON), `flowlens mapping`,
 * configuration errors, and the git connector on a real repository made in the test (commits,
 * a merge, tags).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../src/connectors/index.js';
import { FlowlensError } from '../src/domain/index.js';
import { cli } from './support/cli.js';
import { rows } from './support/connectors.js';
import { jiraChangelogs, jiraHandler, jiraIssues } from './support/devlake.js';
import { ReplayServer } from './support/replay-server.js';
import { createTestDatabase, describeEachStore, type TestDatabase } from './support/stores.js';

const EMAIL = 'ana@example.com';
const TOKEN = 'jira-cli-token-5678';

/** A git repository: main with two commits, a feature branch merged with --no-ff, tags. */
function makeRepository(dir: string): { path: string; shas: Record<string, string> } {
  const path = join(dir, 'repo');
  mkdirSync(path);
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: path,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Ana',
        GIT_AUTHOR_EMAIL: 'ana@example.com',
        GIT_COMMITTER_NAME: 'Ana',
        GIT_COMMITTER_EMAIL: 'ana@example.com',
        ...(date === undefined ? {} : { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }),
      },
    }).trim();
  const commit = (file: string, message: string, date: string) => {
    writeFileSync(join(path, file), `${message}\n`);
    git(['add', file]);
    git(['commit', '-q', '-m', message], date);
    return git(['rev-parse', 'HEAD']);
  };
  git(['init', '-q', '-b', 'main']);
  git(['config', 'commit.gpgsign', 'false']);
  git(['config', 'tag.gpgsign', 'false']);
  const shas: Record<string, string> = {};
  shas.first = commit('a.txt', 'PAY-1 first commit', '2025-01-06T09:00:00Z');
  git(['checkout', '-q', '-b', 'feature/PAY-2']);
  shas.f1 = commit('b.txt', 'start the refund form', '2025-01-07T10:00:00Z');
  shas.f2 = commit('c.txt', 'PAY-2 refund form done', '2025-01-08T11:00:00Z');
  git(['checkout', '-q', 'main']);
  git(
    ['merge', '-q', '--no-ff', '-m', "Merge branch 'feature/PAY-2'", 'feature/PAY-2'],
    '2025-01-09T12:00:00Z',
  );
  shas.merge = git(['rev-parse', 'HEAD']);
  git(['tag', '-a', 'v1.0.0', '-m', 'release 1.0.0'], '2025-01-09T13:00:00Z');
  shas.third = commit('d.txt', 'fix rounding (PAY-3)', '2025-01-10T09:00:00Z');
  git(['tag', 'v1.1.0'], '2025-01-10T10:00:00Z');
  git(['tag', 'nightly-1'], '2025-01-10T11:00:00Z');
  return { path, shas };
}

describeEachStore('connectors from the command line', (kind) => {
  let db: TestDatabase;
  let config: string;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
    config = join(db.dir, 'flowlens.yaml');
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('git: commits and merges are changes, matching tags production deployments; the next sync reads only what is new', async () => {
    const { path, shas } = makeRepository(db.dir);
    const connect = await cli([
      'connect',
      'git',
      '--name',
      'pay-api',
      '--path',
      path,
      '--branch',
      'main',
      '--tag-pattern',
      'v*',
      '--team',
      't-payments',
      '--config',
      config,
      '--db',
      db.location,
    ]);
    expect(connect.stderr).toBe('');
    expect(connect.code).toBe(0);
    expect(connect.stdout).toContain('Connected pay-api (git)');
    expect(connect.stdout).toContain('main at');
    expect(connect.stdout).toContain('tags v*: 2');
    expect(loadConfig(config, {}).config.sources).toMatchObject([
      { kind: 'git', name: 'pay-api', tagPattern: 'v*', team: 't-payments' },
    ]);

    const first = await cli(['sync', '--config', config, '--db', db.location]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/pay-api \(git\): done in/);
    expect(first.stdout).toContain('change: 3 new, 0 updated, 0 unchanged');
    expect(first.stdout).toContain('deployment: 2 new, 0 updated, 0 unchanged');

    const store = await db.open();
    const changes = await rows(store, 'changes', 'created_at');
    expect(changes.map((c) => c.id)).toEqual([shas.first, shas.merge, shas.third]);
    const merge = changes.find((c) => c.id === shas.merge)!;
    // The merge is one change: created with its first commit, merged when it landed on main.
    expect(merge).toMatchObject({
      source: 'git:pay-api',
      created_at: Date.parse('2025-01-07T10:00:00Z'),
      first_commit_at: Date.parse('2025-01-07T10:00:00Z'),
      merged_at: Date.parse('2025-01-09T12:00:00Z'),
      repository: 'repo',
      author: 'ana@example.com',
    });
    expect(JSON.parse(String(merge.items))).toEqual(['PAY-2']);
    expect(JSON.parse(String(changes[2]!.items))).toEqual(['PAY-3']);
    const deployments = await rows(store, 'deployments', 'at');
    expect(deployments).toMatchObject([
      {
        id: 'pay-api@v1.0.0',
        service: 'pay-api',
        environment: 'production',
        status: 'success',
        at: Date.parse('2025-01-09T13:00:00Z'),
      },
      // A lightweight tag has no date of its own: its commit's.
      {
        id: 'pay-api@v1.1.0',
        environment: 'production',
        status: 'success',
        at: Date.parse('2025-01-10T09:00:00Z'),
      },
    ]);
    expect(JSON.parse(String(deployments[0]!.changes)).sort()).toEqual([shas.first, shas.merge].sort());
    expect(JSON.parse(String(deployments[1]!.changes))).toEqual([shas.third]);
    expect(await rows(store, 'services')).toMatchObject([{ id: 'pay-api', team: 't-payments' }]);

    // A new commit and tag: only they come in.
    const git = (args: string[], date: string) =>
      execFileSync('git', args, {
        cwd: path,
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
          GIT_AUTHOR_NAME: 'Bo',
          GIT_AUTHOR_EMAIL: 'bo@example.com',
          GIT_COMMITTER_NAME: 'Bo',
          GIT_COMMITTER_EMAIL: 'bo@example.com',
        },
      });
    writeFileSync(join(path, 'e.txt'), 'e\n');
    git(['add', 'e.txt'], '2025-01-11T09:00:00Z');
    git(['commit', '-q', '-m', 'PAY-4 receipts'], '2025-01-11T09:00:00Z');
    git(['tag', 'v1.2.0'], '2025-01-11T10:00:00Z');
    const second = JSON.parse(
      (await cli(['sync', '--json', '--config', config, '--db', db.location])).stdout,
    );
    expect(second.sources[0].counts).toEqual({
      change: { inserted: 1, updated: 0, unchanged: 0 },
      deployment: { inserted: 1, updated: 0, unchanged: 0 },
      service: { inserted: 0, updated: 0, unchanged: 1 },
    });
    expect(await rows(store, 'changes')).toHaveLength(4);
  });

  it('connect jira checks the credentials, writes the source, and proposes a mapping to review', async () => {
    const server = await ReplayServer.start(
      jiraHandler({
        issues: jiraIssues(),
        changelogs: jiraChangelogs(),
        deployment: 'cloud',
        timeZone: 'UTC',
        authorization: `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`,
        maxPage: 50,
      }),
    );
    try {
      const env = { JIRA_EMAIL: EMAIL, JIRA_TOKEN: TOKEN };
      const args = [
        'connect',
        'jira',
        '--name',
        'jira-ee',
        '--url',
        server.url,
        '--project',
        'EE',
        '--user-env',
        'JIRA_EMAIL',
        '--token-env',
        'JIRA_TOKEN',
        '--team',
        't-platform',
        '--config',
        config,
        '--db',
        db.location,
      ];
      // A private address is refused unless allowed.
      const refused = await cli(args, env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /127\.0\.0\.1 is a loopback, link-local or private address; set allowPrivateNetwork: true/,
      );

      // Wrong token: nothing written.
      const wrong = await cli([...args, '--allow-private-network'], { ...env, JIRA_TOKEN: 'nope-nope' });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/HTTP 401: the credentials were refused/);
      expect(wrong.stderr).not.toContain('nope-nope');
      expect(loadConfig(config, {}).exists).toBe(false);

      const ok = await cli([...args, '--allow-private-network'], env);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('Connected jira-ee (jira) as Replay User:');
      expect(ok.stdout).toContain('project EE: Enterprise Edition');
      expect(ok.stdout).toMatch(
        /Proposed a mapping of jira:jira-ee \(\d+ entries: \d+ statuses, \d+ types, 0 environments\) — to review:/,
      );
      expect(ok.stdout).toContain('status "已完成" → operate/done');
      const text = readFileSync(config, 'utf8');
      expect(text).toContain('token: JIRA_TOKEN');
      expect(text).not.toContain(TOKEN);

      const review = JSON.parse((await cli(['mapping', 'show', '--json', '--db', db.location])).stdout);
      expect(review).toMatchObject([
        { source: 'jira:jira-ee', toReview: true, mapping: { kind: 'mapping', source: 'jira:jira-ee' } },
      ]);
      expect(review[0].mapping.statuses['In Progress']).toEqual({ stage: 'create', state: 'active' });
      expect(review[0].mapping.types.故事).toBe('feature');
      expect(review[0].mapping.types.缺陷).toBe('defect');

      const synced = await cli(['sync', '--config', config, '--db', db.location], env);
      expect(synced.code).toBe(0);
      expect(synced.stdout).toContain('workItem: 30 new, 0 updated, 0 unchanged');
      expect(synced.stdout).toContain(
        'Mapping of jira:jira-ee proposed by `flowlens connect jira-ee` is still to review',
      );

      const metrics = await cli([
        'metrics',
        '--from',
        '2020-06-01',
        '--to',
        '2020-08-01',
        '--db',
        db.location,
      ]);
      expect(metrics.stdout).toContain(
        '  - mapping of jira:jira-ee proposed by `flowlens connect jira-ee`: to review (`flowlens mapping show jira:jira-ee`)',
      );
      // The same under data quality in the JSON (and so in GET /api/v1/metrics).
      const json = await cli([
        'metrics',
        '--from',
        '2020-06-01',
        '--to',
        '2020-08-01',
        '--db',
        db.location,
        '--json',
      ]);
      expect(JSON.parse(json.stdout).dataQuality.mappingsToReview).toEqual([
        {
          source: 'jira:jira-ee',
          team: null,
          proposedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          proposedBy: 'flowlens connect jira-ee',
        },
      ]);

      const accepted = await cli(['mapping', 'accept', 'jira:jira-ee', '--db', db.location]);
      expect(accepted.stdout).toBe('Accepted the mapping of jira:jira-ee.\n');
      expect(JSON.parse((await cli(['mapping', 'show', '--json', '--db', db.location])).stdout)).toEqual([]);
      expect(
        (await cli(['metrics', '--from', '2020-06-01', '--to', '2020-08-01', '--db', db.location])).stdout,
      ).not.toContain('to review');
      const after = await cli([
        'metrics',
        '--from',
        '2020-06-01',
        '--to',
        '2020-08-01',
        '--db',
        db.location,
        '--json',
      ]);
      expect(JSON.parse(after.stdout).dataQuality.mappingsToReview).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

it('rejects an invalid configuration with the file, line and field', () => {
  const error = (() => {
    try {
      parseConfig(
        [
          'sources:',
          '  - name: jira-pay',
          '    kind: jira',
          '    url: https://acme.atlassian.net',
          '    projects: [PAY]',
          '    credentials:',
          '      user: JIRA_EMAIL',
          '      token: "abc def"',
          '  - name: gh',
          '    kind: gitlabb',
          '    repos: [acme/web]',
        ].join('\n'),
        '/etc/flowlens.yaml',
      );
      return null;
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(FlowlensError);
  const message = (error as Error).message;
  expect(message).toContain(
    '/etc/flowlens.yaml:8: sources[0].credentials.token: "abc def" is not an environment variable name (put the secret in the environment, and its name here)',
  );
  expect(message).toMatch(
    /\/etc\/flowlens\.yaml:10: sources\[1\]\.kind: "gitlabb" is not one of jira, github, gitlab, git/,
  );
  expect(() => parseConfig('sources: [\n', 'x.yaml')).toThrow(/^x\.yaml:\d+: not valid YAML/);
  expect(() =>
    parseConfig(
      'sources:\n  - {name: a, kind: git, path: /r}\n  - {name: a, kind: git, path: /s}\n',
      'dup.yaml',
    ),
  ).toThrow('dup.yaml:3: sources[1].name: "a" is already the name of sources[0]; names must be unique');
});

it('sync without a configuration says how to make one', async () => {
  const result = await cli(['sync', '--config', '/nonexistent/flowlens.yaml']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(
    'no configuration at /nonexistent/flowlens.yaml; add a source with `flowlens connect',
  );
});
