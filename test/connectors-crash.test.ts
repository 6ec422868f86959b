/**
 * A sync killed with SIGKILL in the middle (hostile-input.md §18, §34): only whole pages are in
 * the database, each with its cursor; running the sync again continues after the last committed
 * page (it does not start over) and ends with exactly the records of an uninterrupted sync —
 * nothing duplicated, nothing missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadConfig, syncSources } from '../src/connectors/index.js';
import { count, FAST_POLICY, rows } from './support/connectors.js';
import { expectedRows, type JiraReplay, jiraChangelogs, jiraHandler, jiraIssues } from './support/devlake.js';
import { ReplayServer } from './support/replay-server.js';
import {
  createTestStore,
  describeEachStore,
  dumpDatabase,
  type TestStore,
  useTestStore,
} from './support/stores.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./support/sync-child.ts', import.meta.url));
const ENV = { JIRA_EMAIL: 'ana@example.com', JIRA_TOKEN: 'crash-test-token' };
const AUTH = `Basic ${Buffer.from(`${ENV.JIRA_EMAIL}:${ENV.JIRA_TOKEN}`).toString('base64')}`;
const statusChanges = expectedRows('jira/snapshot_tables/issue_changelogs.csv').filter(
  (r) => r.field_id === 'status',
).length;

describeEachStore('a sync killed mid-way', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });
  let server: ReplayServer;
  let replay: JiraReplay;
  let configPath: string;
  beforeEach(async () => {
    replay = {
      issues: jiraIssues(),
      changelogs: jiraChangelogs(),
      deployment: 'cloud',
      timeZone: 'Europe/Paris',
      authorization: AUTH,
      maxPage: 3,
    };
    server = await ReplayServer.start(jiraHandler(replay));
    configPath = join(opened.database.dir, 'flowlens.yaml');
    writeFileSync(
      configPath,
      [
        'sources:',
        '  - name: jira-ee',
        '    kind: jira',
        `    url: ${server.url}`,
        '    projects: [EE]',
        '    allowPrivateNetwork: true',
        '    credentials: { user: JIRA_EMAIL, token: JIRA_TOKEN }',
        '',
      ].join('\n'),
    );
  });
  afterEach(async () => {
    await server.close();
  });

  it('SIGKILL after some pages: the re-run resumes after the last committed page and duplicates nothing', async () => {
    // Each search page answers slowly, so the child is surely killed between pages or inside one.
    server.inject({
      when: (r) => r.path.endsWith('/search/jql'),
      kind: 'slow',
      delayMs: 120,
      times: Number.POSITIVE_INFINITY,
    });
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, '--db', opened.database.location, '--config', configPath],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...ENV },
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const deadline = Date.now() + 40_000;
    let committed = 0;
    while (Date.now() < deadline) {
      committed = await count(opened.store, 'work_items');
      if (committed >= 9) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect(await exited, stderr).toBe('SIGKILL');
    const afterKill = await count(opened.store, 'work_items');
    expect(afterKill).toBeGreaterThanOrEqual(9);
    expect(afterKill).toBeLessThan(30);
    // Whole pages only: items come in pages of 3, each with its cursor.
    expect(afterKill % 3).toBe(0);
    const cursor = JSON.parse(String((await rows(opened.store, 'sync_cursors', 'resource'))[0]!.cursor));
    expect(cursor.run.resumeFrom).toBeGreaterThan(0);
    expect((await rows(opened.store, 'sync_runs')).at(-1)).toMatchObject({ status: 'running' });

    server.clearFaults();
    // Let the killed child's last (slow) request finish on the server side before counting.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const searchesBefore = server.count(/\/search\/jql$/);
    const summary = await syncSources(opened.store, loadConfig(configPath, {}).config, {
      env: ENV,
      policy: FAST_POLICY,
    });
    const source = summary.sources[0]!;
    expect(source.status, source.error).toBe('done');
    expect(source.resumed).toEqual(['issues']);
    // It continued from the last committed issue's update (JQL has minute precision, so the issues
    // of that minute are read again and come out unchanged), not from the beginning.
    const resumedSearch = server.requests.filter((r) => r.path.endsWith('/search/jql'))[searchesBefore]!;
    expect(new URLSearchParams(resumedSearch.query).get('jql')).toMatch(
      /^project in \("EE"\) AND updated >= "\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}"/,
    );
    expect(source.counts.workItem?.inserted).toBe(30 - afterKill);
    expect((await rows(opened.store, 'sync_runs')).map((r) => r.status)).toEqual(['failed', 'done']);

    expect(await count(opened.store, 'work_items')).toBe(30);
    expect(await count(opened.store, 'transitions')).toBe(statusChanges);
    // The same data as an uninterrupted sync into a fresh database.
    const clean = await createTestStore(kind);
    try {
      await syncSources(clean.store, loadConfig(configPath, {}).config, { env: ENV, policy: FAST_POLICY });
      expect(await dumpDatabase(opened.store)).toEqual(await dumpDatabase(clean.store));
    } finally {
      await clean.database.destroy();
    }
  });
});
