/**
 * The reconcile poll (src/connectors/reconcile.ts; hostile-input.md cases 13 and 31) against a local
 * server answering as Jira Cloud and Data Center from DevLake's recorded payloads
 * (test/support/devlake.ts), on both stores:
 * - after a sync, an issue changed and one deleted in Jira: the poll brings the change in and
 *   tombstones the deleted issue on its 404, exactly as `jira:issue_deleted` does (the item and its
 *   transitions leave the tables, a tombstone and an audit entry `item.delete` keep them);
 * - nothing is deleted on a partial view: a 500 or a 429 in the middle of the listing, an empty
 *   listing, a failed sync; a 200 under another key (a move), a 200 under the same key (out of
 *   scope) and an error answer delete nothing and are reported;
 * - gap detection: the liveness rows of `flowlens start` (migration 0013), and a real
 *   `flowlens start` killed with SIGKILL and started again, whose background reconcile picks up an
 *   issue changed while it was down and tombstones one deleted meanwhile; after a clean stop
 *   (SIGTERM) a quick restart runs no poll.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema, parseConfig, syncSources } from '../src/connectors/index.js';
import {
  judgeGap,
  parseEvery,
  reconcileSources,
  schedulePeriodic,
  startLiveness,
} from '../src/connectors/reconcile.js';
import { cliCommand } from './support/cli-command.js';
import { configWith, count, FAST_POLICY, rows } from './support/connectors.js';
import {
  type JiraIssueData,
  type JiraReplay,
  jiraChangelogs,
  jiraHandler,
  jiraIssues,
} from './support/devlake.js';
import { type Handler, ReplayServer } from './support/replay-server.js';
import { describeEachStore, type TestDatabase, type TestStore, useTestStore } from './support/stores.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EMAIL = 'ana@example.com';
const TOKEN = 'jira-secret-token-1234';
const ENV = { JIRA_EMAIL: EMAIL, JIRA_TOKEN: TOKEN };
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;
const SOURCE = 'jira:jira-ee';
/** Jira's answer for an issue that does not exist (or that the account may not see). */
const JIRA_404 = {
  errorMessages: ['Issue does not exist or you do not have permission to see it.'],
  errors: {},
};

/** What `GET /issue/{key}` answers for issues no longer in the search (besides a 404). */
interface Elsewhere {
  /** Moved to another key: answers 200 with the new key. */
  readonly moved: Map<string, string>;
  /** Still there, out of the source's scope: answers 200 with the same key. */
  readonly outOfScope: Set<string>;
  /** Answers 500. */
  readonly failing: Set<string>;
}

/** jiraHandler, with Jira Cloud's `GET /rest/api/3/issue/{key}` (the recorded handler has Data Center's only). */
function jiraWithIssues(replay: JiraReplay, elsewhere: Elsewhere): Handler {
  const inner = jiraHandler(replay);
  return (request, server) => {
    const match = /^\/rest\/api\/3\/issue\/([A-Z][A-Z0-9_]*-\d+)$/.exec(request.path);
    if (match === null) return inner(request, server);
    if (request.headers.authorization !== replay.authorization)
      return { status: 401, body: { message: 'Bad credentials' } };
    const key = match[1]!;
    const found = replay.issues.find((i) => i.key === key);
    if (found !== undefined) return { body: { id: found.id, key: found.key, fields: {} } };
    const now = elsewhere.moved.get(key);
    if (now !== undefined) return { body: { id: '99999', key: now, fields: {} } };
    if (elsewhere.outOfScope.has(key)) return { body: { id: '99998', key, fields: {} } };
    if (elsewhere.failing.has(key))
      return { status: 500, body: { errorMessages: ['Internal server error'] } };
    return { status: 404, body: JIRA_404 };
  };
}

/** Changes an issue in "Jira": a new status through a new changelog entry, updated now. */
function changeIssue(issue: JiraIssueData, historyId: string, at: string): void {
  const status = issue.fields.status as Record<string, unknown>;
  issue.fields.status = { ...status, id: '3', name: '进行中' };
  issue.fields.updated = at;
  issue.fields.summary = `${String(issue.fields.summary)} (changed while Flowlens was down)`;
  const histories = (issue.changelog?.histories ?? []) as unknown[];
  histories.push({
    id: historyId,
    created: at,
    author: { accountId: 'replay-user' },
    items: [
      {
        field: 'status',
        fieldtype: 'jira',
        from: String(status.id),
        fromString: status.name,
        to: '3',
        toString: '进行中',
      },
    ],
  });
  issue.changelog = { ...issue.changelog, total: histories.length, maxResults: 100, histories };
}

describeEachStore('reconcile poll', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });
  let server: ReplayServer;
  let replay: JiraReplay;
  let elsewhere: Elsewhere;
  beforeEach(async () => {
    replay = {
      issues: jiraIssues(),
      changelogs: jiraChangelogs(),
      deployment: 'cloud',
      timeZone: 'Asia/Shanghai',
      authorization: BASIC,
      maxPage: 7,
    };
    elsewhere = { moved: new Map(), outOfScope: new Set(), failing: new Set() };
    server = await ReplayServer.start(jiraWithIssues(replay, elsewhere));
  });
  afterEach(async () => {
    await server.close();
  });

  const config = () =>
    configWith({
      kind: 'jira',
      name: 'jira-ee',
      url: server.url,
      projects: ['EE'],
      team: 't-platform',
      credentials: { user: 'JIRA_EMAIL', token: 'JIRA_TOKEN' },
    });
  const sync = () => syncSources(opened.store, config(), { env: ENV, policy: FAST_POLICY });
  const reconcile = (env: Record<string, string> = ENV) =>
    reconcileSources(opened.store, config(), { env, policy: FAST_POLICY, reason: 'test' });
  const remove = (key: string) => {
    replay.issues = replay.issues.filter((i) => i.key !== key);
  };

  it('brings in an issue changed at the source and tombstones one that answers 404, with an audit entry', async () => {
    expect((await sync()).sources[0]!.status).toBe('done');
    expect(await count(opened.store, 'work_items')).toBe(30);
    const deletedTransitions = (await rows(opened.store, 'transitions')).filter(
      (t) => t.item === 'EE-5',
    ).length;
    expect(deletedTransitions).toBeGreaterThan(0);

    changeIssue(replay.issues.find((i) => i.key === 'EE-2')!, '990001', '2026-11-21T09:00:00.000+0000');
    remove('EE-5');
    const summary = await reconcile();
    const source = summary.sources[0]!;
    expect(source.sync.status, source.sync.error).toBe('done');
    expect(source.sync.counts.workItem?.updated).toBe(1);
    expect(source.deletion).toMatchObject({
      status: 'done',
      listed: 29,
      stored: 30,
      missing: 1,
      tombstoned: ['EE-5'],
      moved: [],
      outOfScope: [],
      errors: [],
    });
    // The key-only listing was paged (7 per page: 5 pages), each asking for the key alone.
    const listing = server.requests.filter(
      (r) => r.path.endsWith('/search/jql') && r.query.includes('fields=key&'),
    );
    expect(listing).toHaveLength(5);
    expect(server.count(/\/rest\/api\/3\/issue\/EE-5$/)).toBe(1);

    const items = await rows(opened.store, 'work_items');
    expect(items.map((i) => i.id)).not.toContain('EE-5');
    const ee2 = items.find((i) => i.id === 'EE-2')!;
    expect(ee2.title).toContain('(changed while Flowlens was down)');
    const transitions = await rows(opened.store, 'transitions');
    expect(transitions.filter((t) => t.item === 'EE-5')).toEqual([]);
    expect(transitions.filter((t) => t.item === 'EE-2' && t.id === '990001')).toHaveLength(1);

    const [tombstone] = await rows(opened.store, 'item_tombstones');
    expect(tombstone).toMatchObject({ source: SOURCE, id: 'EE-5', via: 'reconcile:jira-ee' });
    expect(String(tombstone!.reason)).toContain('answered HTTP 404');
    expect(JSON.parse(String(tombstone!.record)).transitions).toHaveLength(deletedTransitions);
    const audit = (await rows(opened.store, 'audit_log', 'seq')).filter((a) => a.action === 'item.delete');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'reconcile:jira-ee',
      kind: 'workItem',
      target: `${SOURCE}/EE-5`,
    });

    // Polled again: nothing more to do, and the tombstone stays one.
    const again = (await reconcile()).sources[0]!;
    expect(again.deletion).toMatchObject({ status: 'done', missing: 0, tombstoned: [] });
    expect(await count(opened.store, 'item_tombstones')).toBe(1);
  });

  it.each([
    ['a 500', { status: 500, body: { errorMessages: ['Internal server error'] } }, 'HTTP 500'],
    ['a 429', { status: 429, headers: { 'retry-after': '0' }, body: { message: 'Rate limited' } }, '429'],
  ] as const)('deletes nothing when the listing fails part-way with %s', async (_what, answer, message) => {
    await sync();
    remove('EE-5');
    server.inject({
      kind: 'status',
      status: answer.status,
      ...('headers' in answer ? { headers: answer.headers } : {}),
      body: answer.body,
      when: (r) =>
        r.path.endsWith('/search/jql') && r.query.get('fields') === 'key' && r.query.has('nextPageToken'),
      times: Number.POSITIVE_INFINITY,
    });
    const source = (await reconcile()).sources[0]!;
    expect(source.sync.status).toBe('done');
    expect(source.deletion.status).toBe('aborted');
    expect(source.deletion.message).toContain('the issue listing failed, so nothing was deleted');
    expect(source.deletion.message).toContain(message);
    expect(source.deletion.tombstoned).toEqual([]);
    expect(server.count(/\/rest\/api\/3\/issue\/EE-5$/)).toBe(0);
    expect(await count(opened.store, 'work_items')).toBe(30);
    expect(await count(opened.store, 'item_tombstones')).toBe(0);
  });

  it('deletes nothing on an empty listing or a failed sync', async () => {
    await sync();
    const all = replay.issues;
    replay.issues = [];
    const empty = (await reconcile()).sources[0]!;
    expect(empty.deletion.status).toBe('aborted');
    expect(empty.deletion.message).toContain('the issue listing is empty while 30 items are stored');
    replay.issues = all;
    remove('EE-5');
    const refused = (await reconcile({ JIRA_EMAIL: EMAIL, JIRA_TOKEN: 'wrong-token' })).sources[0]!;
    expect(refused.sync.status).toBe('needs-attention');
    expect(refused.deletion.status).toBe('skipped');
    expect(refused.deletion.message).toContain('the sync did not finish');
    expect(await count(opened.store, 'work_items')).toBe(30);
    expect(await count(opened.store, 'item_tombstones')).toBe(0);
  });

  it('leaves a moved issue, one out of scope and one whose look-up fails, and reports them', async () => {
    await sync();
    const [a, b, c, d] = replay.issues.map((i) => i.key).sort();
    for (const key of [a!, b!, c!, d!]) remove(key);
    elsewhere.moved.set(a!, 'OPS-41');
    elsewhere.outOfScope.add(b!);
    elsewhere.failing.add(c!);
    const source = (await reconcile()).sources[0]!;
    expect(source.deletion.status).toBe('done');
    expect(source.deletion.moved).toEqual([{ id: a, now: 'OPS-41' }]);
    expect(source.deletion.outOfScope).toEqual([b]);
    expect(source.deletion.errors.map((e) => e.id)).toEqual([c]);
    expect(source.deletion.errors[0]!.message).toContain('HTTP 500');
    expect(source.deletion.tombstoned).toEqual([d]);
    expect((await rows(opened.store, 'work_items')).map((i) => i.id)).toEqual(
      expect.arrayContaining([a, b, c]),
    );
    expect(await count(opened.store, 'work_items')).toBe(29);
  });

  it('Data Center: lists by startAt and tombstones on the 404 of /rest/api/2/issue', async () => {
    const dc = {
      ...replay,
      deployment: 'datacenter' as const,
      authorization: `Bearer ${TOKEN}`,
    };
    const dcServer = await ReplayServer.start(jiraHandler(dc));
    try {
      const dcConfig = configWith({
        kind: 'jira',
        name: 'jira-ee',
        url: dcServer.url,
        deployment: 'datacenter',
        projects: ['EE'],
        credentials: { token: 'JIRA_PAT' },
      });
      const env = { JIRA_PAT: TOKEN };
      await syncSources(opened.store, dcConfig, { env, policy: FAST_POLICY });
      dc.issues = dc.issues.filter((i) => i.key !== 'EE-9');
      const source = (
        await reconcileSources(opened.store, dcConfig, { env, policy: FAST_POLICY, reason: 'test' })
      ).sources[0]!;
      expect(source.deletion).toMatchObject({ status: 'done', listed: 29, tombstoned: ['EE-9'] });
      expect(dcServer.count(/\/rest\/api\/2\/search$/)).toBeGreaterThan(5);
      expect(await count(opened.store, 'item_tombstones')).toBe(1);
    } finally {
      await dcServer.close();
    }
  });

  it('gap detection: a run without a clean stop, or a long stop, asks for a poll; a quick clean restart does not', async () => {
    let clock = Date.parse('2026-11-21T10:00:00Z');
    const now = () => clock;
    const first = await startLiveness(opened.store, { gapMinutes: 5, now });
    expect(first.verdict).toMatchObject({ gap: false, reason: 'the first start of this database' });
    clock += 60_000;
    // Killed: no stop recorded.
    const second = await startLiveness(opened.store, { gapMinutes: 5, now });
    expect(second.verdict.gap).toBe(true);
    expect(second.verdict.reason).toContain('did not stop cleanly');
    clock += 60_000;
    await second.stop(true);
    clock += 2 * 60_000;
    const third = await startLiveness(opened.store, { gapMinutes: 5, now });
    expect(third.verdict).toMatchObject({ gap: false });
    await third.stop(true);
    clock += 6 * 60_000;
    const fourth = await startLiveness(opened.store, { gapMinutes: 5, now });
    expect(fourth.verdict.gap).toBe(true);
    expect(fourth.verdict.reason).toContain('stopped for 6 min, more than reconcile.gapMinutes (5 min)');
    await fourth.stop(true);
    const runs = await rows(opened.store, 'server_runs');
    expect(runs.map((r) => r.stopped_at === null)).toEqual([true, false, false, false]);
    expect(judgeGap(null, 0, 0).gap).toBe(false);
  });
});

// ── A real `flowlens start`, killed and started again ─────────────────────────────────────────

interface RunningServer {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

async function startServer(database: TestDatabase, env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    [...cliCommand().args, 'start', '--port', '0', '--db', database.location],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        FLOWLENS_HOME: database.dir,
        FLOWLENS_ADMIN_PASSWORD: 'reconcile-test-admin-password',
        FLOWLENS_LOG_LEVEL: 'error',
        ...env,
      },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const running = { child, exited, output: () => output };
  await waitFor(running, /serving on http:\/\/\S+ /);
  return running;
}

/** Waits until the server printed a line matching `pattern`; fails if it exits first. */
async function waitFor(server: RunningServer, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  while (!pattern.test(server.output())) {
    if (exited) throw new Error(`flowlens start exited before printing ${pattern}:\n${server.output()}`);
    if (Date.now() - started > timeoutMs)
      throw new Error(`flowlens start did not print ${pattern} in ${timeoutMs} ms:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeEachStore('reconcile after a restart', (kind) => {
  let opened: TestStore;
  useTestStore(kind, (o) => {
    opened = o;
  });

  it('a server killed with SIGKILL reconciles on its next start: a change made while down comes in, a deleted issue is tombstoned', async () => {
    const replay: JiraReplay = {
      issues: jiraIssues(),
      changelogs: jiraChangelogs(),
      deployment: 'cloud',
      timeZone: 'Asia/Shanghai',
      authorization: BASIC,
      maxPage: 10,
    };
    const jira = await ReplayServer.start(
      jiraWithIssues(replay, { moved: new Map(), outOfScope: new Set(), failing: new Set() }),
    );
    const servers: RunningServer[] = [];
    try {
      const configPath = join(opened.database.dir, 'flowlens.yaml');
      writeFileSync(
        configPath,
        [
          'sources:',
          '  - kind: jira',
          '    name: jira-ee',
          `    url: ${jira.url}`,
          '    allowPrivateNetwork: true',
          '    projects: [EE]',
          '    credentials: { user: JIRA_EMAIL, token: JIRA_TOKEN }',
          'reconcile:',
          '  gapMinutes: 5',
          '',
        ].join('\n'),
      );
      const env = {
        ...ENV,
        FLOWLENS_CONFIG: configPath,
        FLOWLENS_WEBHOOK_SECRET_JIRA: 'reconcile-test-secret',
      };
      const config = configWith({
        kind: 'jira',
        name: 'jira-ee',
        url: jira.url,
        projects: ['EE'],
        credentials: { user: 'JIRA_EMAIL', token: 'JIRA_TOKEN' },
      });
      await syncSources(opened.store, config, { env: ENV, policy: FAST_POLICY });
      expect(await count(opened.store, 'work_items')).toBe(30);

      // The first start of this database: no poll.
      const first = await startServer(opened.database, env);
      servers.push(first);
      expect(first.output()).not.toContain('Reconcile poll');
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');

      // While it is down, Jira changes EE-2 and deletes EE-5 — the webhooks are lost.
      changeIssue(replay.issues.find((i) => i.key === 'EE-2')!, '990002', '2026-11-21T09:30:00.000+0000');
      replay.issues = replay.issues.filter((i) => i.key !== 'EE-5');

      const second = await startServer(opened.database, env);
      servers.push(second);
      await waitFor(second, /Reconcile poll done/);
      expect(second.output()).toMatch(
        /Reconcile poll of jira-ee started in the background: the previous run \(pid \d+\) did not stop cleanly/,
      );
      expect(second.output()).toContain('1 deleted at the source (tombstoned: EE-5)');
      const items = await rows(opened.store, 'work_items');
      expect(items.map((i) => i.id)).not.toContain('EE-5');
      expect(items.find((i) => i.id === 'EE-2')!.title).toContain('(changed while Flowlens was down)');
      expect(await rows(opened.store, 'item_tombstones')).toMatchObject([
        { source: SOURCE, id: 'EE-5', via: 'reconcile:jira-ee' },
      ]);
      const runs = await rows(opened.store, 'server_runs');
      expect(runs).toHaveLength(2);
      expect(JSON.parse(String(runs[1]!.reconcile)).sources[0].deletion.tombstoned).toEqual(['EE-5']);

      // A clean stop, and a quick restart: no poll.
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
      expect((await rows(opened.store, 'server_runs'))[1]!.stopped_at).not.toBeNull();
      const third = await startServer(opened.database, env);
      servers.push(third);
      expect(third.output()).not.toContain('Reconcile poll');
      third.child.kill('SIGTERM');
      await third.exited;
    } finally {
      for (const s of servers)
        if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      await jira.close();
    }
  }, 120_000);
});

describe('reconcile configuration and the periodic poll', () => {
  it('defaults to a 5-minute gap and polls on start; reconcile.every takes 30m, 6h, 1d', () => {
    expect(configWith().reconcile).toEqual({ gapMinutes: 5, onStart: true });
    expect(configSchema.parse({ reconcile: { every: '6h' } }).reconcile.every).toBe('6h');
    expect(parseEvery('30m')).toBe(30 * 60_000);
    expect(parseEvery('6h')).toBe(6 * 3_600_000);
    expect(parseEvery('1d')).toBe(86_400_000);
    expect(() => parseConfig('reconcile:\n  every: 10s\n', 'flowlens.yaml')).toThrow(
      'flowlens.yaml:2: reconcile.every: "10s" is not a duration such as 30m, 6h or 1d (at least 1m)',
    );
  });

  it('the periodic poll never overlaps itself, survives a failed run, and stop waits for a run in progress', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const schedule = schedulePeriodic(async () => {
      runs++;
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
      if (runs === 2) throw new Error('Jira was away');
    }, 5);
    while (runs < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    await schedule.stop();
    expect(running).toBe(0);
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toBe(after);
    expect(most).toBe(1);
  });
});
