/**
 * The audit trail on both stores: every kind of change appends a chained entry (imports from the
 * CLI, the API and a connector, organisation edits, mapping versions, settings, annotations and
 * allocation targets), in the change's own transaction (a rolled-back change leaves none); the
 * triggers refuse UPDATE and DELETE; tampering as an attacker with the database would (triggers
 * dropped, rows edited, deleted, re-hashed, the tail cut off) is found by `audit verify`, which names
 * the first broken entry; several processes appending at once keep one valid chain; `audit export`
 * writes a period's entries as JSON and spreadsheet-safe CSV.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, saveMapping, saveOverloadLimits, updateEntity } from '../src/admin/index.js';
import { appendAudit } from '../src/audit/index.js';
import { listAudit, verifyAudit } from '../src/audit/log.js';
import { createApiToken } from '../src/auth/tokens.js';
import { MetricsEngine } from '../src/engine/index.js';
import { RecordImport } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import type { Store } from '../src/store/index.js';
import { cli } from './support/cli.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, describeEachStore, type TestStore, withTestStore } from './support/stores.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AUDIT_CHILD = fileURLToPath(new URL('./support/audit-child.ts', import.meta.url));
const IMPORT_CHILD = fileURLToPath(new URL('./support/import-child.ts', import.meta.url));

const SRC = 'github:acme/payments';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);
const iso = (days: number) => new Date(T0 + days * DAY).toISOString();
const STATUSES = {
  todo: { stage: 'create', state: 'waiting' },
  doing: { stage: 'create', state: 'active' },
  done: { stage: 'release', state: 'done' },
} as const;
const ORG = [
  { kind: 'portfolio', id: 'p1', name: 'P1' },
  { kind: 'valueStream', id: 'vs1', name: 'VS1', portfolio: 'p1' },
  { kind: 'team', id: 't-a', name: 'A', valueStream: 'vs1' },
  { kind: 'mapping', source: SRC, statuses: STATUSES, types: { bug: 'defect' } },
];
const items = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'workItem',
    source: SRC,
    id: `${prefix}${i}`,
    type: 'bug',
    status: 'todo',
    createdAt: iso(0),
    team: 't-a',
  }));

async function entries(store: Store) {
  return (await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute()).map((row) => ({
    ...row,
    seq: Number(row.seq),
    at: Number(row.at),
  }));
}

/** Runs SQL as someone with the database would: with the append-only triggers out of the way. */
async function asAttacker(store: Store, statement: string): Promise<void> {
  if (store.dialect === 'sqlite') {
    await sql.raw('DROP TRIGGER IF EXISTS audit_log_no_update').execute(store.db);
    await sql.raw('DROP TRIGGER IF EXISTS audit_log_no_delete').execute(store.db);
  } else {
    await sql.raw('ALTER TABLE audit_log DISABLE TRIGGER USER').execute(store.db);
  }
  await sql.raw(statement).execute(store.db);
}

/** A chain of `n` entries, one a day from T0. */
async function fill(store: Store, n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await appendAudit(store, {
      actor: 'ana',
      action: 'test.append',
      kind: 'test',
      target: `t${i + 1}`,
      summary: `entry ${i + 1}`,
      after: { i: i + 1 },
      at: T0 + i * DAY,
    });
}

function run(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describeEachStore('audit trail', (kind) => {
  describe('every change appends an entry', () => {
    let t: TestStore;
    let app: FastifyInstance;
    beforeAll(async () => {
      t = await createTestStore(kind);
      const imported = await cli([
        'import',
        '--db',
        t.database.location,
        writeNdjson(t.database.dir, 'org.ndjson', ORG),
      ]);
      expect(imported.code).toBe(0);
      app = await buildServer({
        auth: { mode: 'trusted' },
        store: t.store,
        engine: await MetricsEngine.open(t.store),
        webRoot: null,
        now: () => T0 + 30 * DAY,
      });
    });
    afterAll(async () => {
      await app.close();
      await t.database.destroy();
    });

    it('chains imports (CLI, API, connector), edits, mapping versions, settings, annotations and targets', async () => {
      const afterCli = await entries(t.store);
      expect(afterCli).toHaveLength(1);
      expect(afterCli[0]).toMatchObject({
        seq: 1,
        actor: 'local',
        action: 'import.batch',
        kind: 'import',
        target: expect.stringMatching(/org\.ndjson$/),
        summary: expect.stringMatching(/imported 4 record\(s\) from .*org\.ndjson, lines 1–4; import done/),
      });
      expect(JSON.parse(afterCli[0]?.after_json ?? '{}')).toMatchObject({
        records: 4,
        counts: { mapping: { inserted: 1 }, team: { inserted: 1 } },
      });

      // The organisation editor: a create, then a rename with the values before and after.
      await createEntity(t.store, { actor: 'ana' }, 'team', { id: 't-b', name: 'B', parent: 'vs1' });
      await updateEntity(t.store, { actor: 'ana' }, 'team', 't-b', { name: 'Bravo' });
      await saveMapping(
        t.store,
        { actor: 'ana' },
        {
          source: SRC,
          team: null,
          mapping: { statuses: STATUSES, types: { bug: 'feature' }, environments: null },
        },
      );
      await saveOverloadLimits(t.store, { actor: 'root' }, { maxTeams: 2 });

      // The API: an import, an annotation added and removed, an allocation target.
      const headers = { 'x-flowlens-actor': 'bob' };
      const upload = await app.inject({
        method: 'POST',
        url: '/api/v1/import',
        headers: { ...headers, 'content-type': 'application/x-ndjson' },
        payload: items('api-', 3)
          .map((r) => JSON.stringify(r))
          .join('\n'),
      });
      expect(upload.statusCode).toBe(200);
      const note = await app.inject({
        method: 'POST',
        url: '/api/v1/annotations',
        headers,
        payload: { scope: { team: 't-a' }, at: iso(3), title: 'Pairing starts' },
      });
      expect(note.statusCode).toBe(201);
      const removed = await app.inject({
        method: 'DELETE',
        url: `/api/v1/annotations/${note.json().id}`,
        headers,
      });
      expect(removed.statusCode).toBe(200);
      const target = await app.inject({
        method: 'PUT',
        url: '/api/v1/teams/t-a/allocation-target',
        headers,
        payload: { feature: 0.6, defect: 0.3, debtAndRisk: 0.1 },
      });
      expect(target.statusCode).toBe(200);

      // A connector's page (sync and webhooks commit through the same record import).
      const sync = await RecordImport.start(t.store, { name: 'sync:github', format: 'sync' });
      await sync.commit(items('sync-', 2), { cursor: { source: SRC, resource: 'issues', value: 'c1' } });
      await sync.finish();

      const log = await entries(t.store);
      expect(log.map((e) => [e.seq, e.actor, e.action])).toEqual([
        [1, 'local', 'import.batch'],
        [2, 'ana', 'team.create'],
        [3, 'ana', 'team.update'],
        [4, 'ana', 'mapping.save-mapping'],
        [5, 'root', 'settings.update'],
        [6, 'bob', 'import.batch'],
        [7, 'bob', 'annotation.create'],
        [8, 'bob', 'annotation.remove'],
        [9, 'bob', 'allocation-target.set'],
        [10, 'sync:github', 'import.batch'],
        [11, 'sync:github', 'import.batch'],
      ]);
      const byAction = (seq: number) => log[seq - 1] as (typeof log)[number];
      expect(JSON.parse(byAction(3).before_json ?? '')).toMatchObject({
        value: { name: 'B', parent: 'vs1' },
        records: [
          { kind: 'team', key: { id: 't-b' }, values: { id: 't-b', name: 'B', value_stream: 'vs1' } },
        ],
      });
      expect(JSON.parse(byAction(3).after_json ?? '')).toMatchObject({
        value: { name: 'Bravo' },
        records: [{ kind: 'team', values: { name: 'Bravo' } }],
      });
      expect(byAction(4).summary).toMatch(/saved the mapping of github:acme\/payments as version 2/);
      expect(JSON.parse(byAction(4).before_json ?? '')).toMatchObject({
        records: [{ kind: 'mapping', values: { types: '{"bug":"defect"}' } }],
      });
      expect(JSON.parse(byAction(5).after_json ?? '')).toMatchObject({ value: { maxTeams: 2 } });
      expect(JSON.parse(byAction(8).before_json ?? '')).toMatchObject({ title: 'Pairing starts' });
      expect(JSON.parse(byAction(9).after_json ?? '')).toEqual({
        feature: 0.6,
        defect: 0.3,
        debtAndRisk: 0.1,
      });
      expect(JSON.parse(byAction(10).after_json ?? '')).toMatchObject({
        records: 2,
        cursor: { source: SRC, resource: 'issues', value: 'c1' },
      });

      const report = await verifyAudit(t.store);
      expect(report).toMatchObject({ ok: true, entries: 11, checked: 11, broken: null });
      expect(report.head).toEqual({ seq: 11, hash: byAction(11).hash });

      // The API: filtered, paged list and verification.
      const page = await app.inject({ method: 'GET', url: '/api/v1/audit?kind=import&limit=2' });
      expect(page.statusCode).toBe(200);
      expect(page.json().entries.map((e: { seq: number }) => e.seq)).toEqual([11, 10]);
      expect(page.json().nextBeforeSeq).toBe(10);
      const next = await app.inject({ method: 'GET', url: '/api/v1/audit?kind=import&limit=2&before=10' });
      expect(next.json()).toMatchObject({
        entries: [{ seq: 6, actor: 'bob' }, { seq: 1 }],
        nextBeforeSeq: null,
      });
      const verified = await app.inject({
        method: 'GET',
        url: `/api/v1/audit/verify?expectHead=6:${byAction(6).hash}`,
      });
      expect(verified.json()).toMatchObject({ ok: true, checked: 11, anchor: { seq: 6, ok: true } });
      const bad = await app.inject({ method: 'GET', url: '/api/v1/audit/verify?expectHead=six' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(
        /expectHead: "six" is not a head; give it as <seq>:<sha-256 hex>/,
      );
      const openapi = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(['/api/v1/audit', '/api/v1/audit/verify']),
      );

      const listed = await cli([
        'audit',
        'list',
        '--db',
        t.database.location,
        '--actor',
        'bob',
        '--limit',
        '2',
      ]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^\s+9 .* bob {2}allocation-target\.set {2}t-a: /m);
      expect(listed.stdout.trim().split('\n')).toHaveLength(2);
    });

    it('leaves no entry for a change that is rolled back', async () => {
      const before = (await entries(t.store)).length;
      await expect(
        t.store.db.transaction().execute(async (trx) => {
          await appendAudit(
            t.store,
            { actor: 'x', action: 'x.y', kind: 'x', target: 'x', summary: 'x' },
            trx,
          );
          throw new Error('the change failed');
        }),
      ).rejects.toThrow(/the change failed/);
      await expect(
        createEntity(t.store, { actor: 'ana' }, 'team', { id: 't-b', name: 'Again', parent: 'vs1' }),
      ).rejects.toThrow(/already a team "t-b"/);
      await expect(
        createEntity(t.store, { actor: 'ana' }, 'team', { id: 't-c', name: 'C', parent: 'vs-none' }),
      ).rejects.toThrow();
      expect(await entries(t.store)).toHaveLength(before);
      expect((await verifyAudit(t.store)).ok).toBe(true);
      // The next entry continues the chain without a gap.
      expect(
        (await appendAudit(t.store, { actor: 'x', action: 'x.y', kind: 'x', target: 'x', summary: 'x' })).seq,
      ).toBe(before + 1);
    });

    it('refuses UPDATE and DELETE of entries (and TRUNCATE on PostgreSQL)', async () => {
      await expect(
        sql`update audit_log set summary = 'nothing' where seq = 1`.execute(t.store.db),
      ).rejects.toThrow(/audit_log is append-only: UPDATE is refused/);
      await expect(sql`delete from audit_log where seq = 1`.execute(t.store.db)).rejects.toThrow(
        /audit_log is append-only: DELETE is refused/,
      );
      if (kind === 'postgres')
        await expect(sql`truncate audit_log`.execute(t.store.db)).rejects.toThrow(/append-only: TRUNCATE/);
      expect((await verifyAudit(t.store)).ok).toBe(true);
    });
  });

  it('keeps a webhook delivery with its batch, and lets only admins read the trail', () =>
    withTestStore(kind, async (store) => {
      const hook = await RecordImport.start(store, { name: 'webhook:github', format: 'webhook' });
      const delivery = {
        provider: 'github',
        deliveryId: 'd-1',
        event: 'issues',
        status: 'stored',
        records: 1,
        reason: null,
        payload: null,
      };
      await hook.commit(items('w-', 1), { delivery }, true);
      const app = await buildServer({ auth: { mode: 'required' }, store, webRoot: null });
      try {
        const viewer = await createApiToken(store, { name: 'ci-read', role: 'viewer', actor: 'root' });
        const admin = await createApiToken(store, { name: 'auditor', role: 'admin', actor: 'root' });
        const get = (url: string, token?: string) =>
          app.inject({
            method: 'GET',
            url,
            ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
          });
        expect((await get('/api/v1/audit')).statusCode).toBe(401);
        expect((await get('/api/v1/audit', viewer.token)).statusCode).toBe(403);
        expect((await get('/api/v1/audit/verify', viewer.token)).statusCode).toBe(403);
        const page = await get('/api/v1/audit', admin.token);
        expect(page.statusCode).toBe(200);
        expect(page.json().entries).toMatchObject([
          { seq: 3, action: 'token.create', target: 'auditor', actor: 'root' },
          { seq: 2, action: 'token.create', target: 'ci-read' },
          {
            seq: 1,
            actor: 'webhook:github',
            action: 'import.batch',
            summary:
              'imported 1 record(s) from webhook:github, lines 1–1 (delivery d-1, issues); import done',
            after: { delivery: { provider: 'github', deliveryId: 'd-1', event: 'issues', status: 'stored' } },
          },
        ]);
        expect(JSON.stringify(page.json())).not.toContain(admin.token);
        expect((await get('/api/v1/audit/verify', admin.token)).json()).toMatchObject({
          ok: true,
          checked: 3,
        });
      } finally {
        await app.close();
      }
    }));

  describe('tampering is detected', () => {
    it('an edited entry: verify names it (hash mismatch) and exits 1', () =>
      withTestStore(kind, async (store, database) => {
        await fill(store, 6);
        const intact = await cli(['audit', 'verify', '--db', database.location]);
        expect(intact.code).toBe(0);
        expect(intact.stdout).toMatch(/Audit trail intact: 6 entries checked\.\nHead: 6:[0-9a-f]{64}\n/);
        await asAttacker(store, `UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 3`);
        const result = await cli(['audit', 'verify', '--db', database.location]);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(
          /Audit trail BROKEN: entry 3 \(hash-mismatch\): entry 3's stored fields do not match its hash: the entry was edited/,
        );
        expect(result.stdout).toMatch(/2 of 6 entries intact before it; last intact: 2:/);
        const json = JSON.parse((await cli(['audit', 'verify', '--db', database.location, '--json'])).stdout);
        expect(json).toMatchObject({
          ok: false,
          entries: 6,
          checked: 2,
          broken: { seq: 3, reason: 'hash-mismatch' },
        });
      }));

    it('an edited entry whose hash was recomputed: the next entry no longer links to it', () =>
      withTestStore(kind, async (store) => {
        await fill(store, 5);
        const rows = await entries(store);
        const { entryHash } = await import('../src/audit/index.js');
        const { hash: _hash, ...edited } = { ...(rows[1] as (typeof rows)[number]), actor: 'mallory' };
        await asAttacker(
          store,
          `UPDATE audit_log SET actor = 'mallory', hash = '${entryHash(edited)}' WHERE seq = 2`,
        );
        expect((await verifyAudit(store)).broken).toMatchObject({ seq: 3, reason: 'prev-hash-mismatch' });
      }));

    it('a deleted entry in the middle: verify names it as missing', () =>
      withTestStore(kind, async (store, database) => {
        await fill(store, 6);
        await asAttacker(store, 'DELETE FROM audit_log WHERE seq = 4');
        const result = await cli(['audit', 'verify', '--db', database.location]);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(
          /entry 4 \(seq-gap\): entry 4 is missing \(deleted\): after entry 3 comes entry 5/,
        );
      }));

    it('a cut-off tail: the shorter chain is intact, the recorded head proves the loss', () =>
      withTestStore(kind, async (store, database) => {
        await fill(store, 6);
        const head = (await verifyAudit(store)).head;
        const anchor = `${head?.seq}:${head?.hash}`;
        expect(
          (await cli(['audit', 'verify', '--db', database.location, '--expect-head', anchor])).code,
        ).toBe(0);
        await asAttacker(store, 'DELETE FROM audit_log WHERE seq > 4');
        expect((await cli(['audit', 'verify', '--db', database.location])).code).toBe(0);
        const result = await cli(['audit', 'verify', '--db', database.location, '--expect-head', anchor]);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(
          /expected head: the chain has no entry 6 \(it ends at 4\): entries were removed from its end/,
        );
      }));

    it('a chain rewritten from scratch passes alone, but not against the recorded head', () =>
      withTestStore(kind, async (store, database) => {
        await fill(store, 3);
        const head = (await verifyAudit(store)).head;
        await asAttacker(store, 'DELETE FROM audit_log');
        await fill(store, 3); // the same entries again, but at the same instants: identical hashes…
        expect((await verifyAudit(store, { expectHead: head! })).ok).toBe(true);
        await asAttacker(store, 'DELETE FROM audit_log');
        await appendAudit(store, {
          actor: 'mallory',
          action: 'test.append',
          kind: 'test',
          target: 't1',
          summary: 'x',
          at: T0,
        });
        await fill(store, 2);
        const result = await cli([
          'audit',
          'verify',
          '--db',
          database.location,
          '--expect-head',
          `${head?.seq}:${head?.hash}`,
        ]);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(
          /entry 3 has hash [0-9a-f]{64}, not the expected [0-9a-f]{64}: the chain was rewritten/,
        );
        expect(
          (await cli(['audit', 'verify', '--db', database.location, '--expect-head', '3:abc'])).stderr,
        ).toMatch(/--expect-head: "3:abc" is not a head; give it as <seq>:<sha-256 hex>/);
      }));
  });

  it(
    'keeps one valid chain while several processes append and import at once',
    () =>
      withTestStore(kind, async (store, database) => {
        const file = writeNdjson(database.dir, 'items.ndjson', [...ORG.slice(0, 3), ...items('c-', 27)]);
        // The writers start appending together, once every process is up (or at once if one is late).
        const startAt = Date.now() + 4000;
        const children = [
          ...['p1', 'p2'].map((actor) =>
            spawn(
              process.execPath,
              [
                '--import',
                'tsx',
                AUDIT_CHILD,
                '--db',
                database.location,
                '--count',
                '30',
                '--actor',
                actor,
                '--start-at',
                String(startAt),
              ],
              {
                cwd: ROOT,
                stdio: ['ignore', 'pipe', 'pipe'],
              },
            ),
          ),
          spawn(
            process.execPath,
            ['--import', 'tsx', IMPORT_CHILD, '--db', database.location, '--batch-size', '3', file],
            {
              cwd: ROOT,
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          ),
        ];
        // Their exits are listened for at once (a child that fails early must not be missed).
        const finished = children.map(run);
        await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
        // Twenty appends in parallel transactions of this process (on PostgreSQL, several connections).
        const appended = Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            appendAudit(store, {
              actor: 'p0',
              action: 'test.append',
              kind: 'test',
              target: `p0-${i}`,
              summary: `${i}`,
            }),
          ),
        );
        const results = await Promise.all(finished);
        await appended;
        for (const result of results) expect(result.code, result.stderr).toBe(0);
        const report = await verifyAudit(store);
        // 30 + 30 + 20 appends, and one entry per batch of the import (10 of 3 lines, and the
        // empty last one that marks the file done).
        const log = await entries(store);
        const batches = log.filter((e) => e.action === 'import.batch').length;
        expect(batches).toBe(11);
        expect(report).toMatchObject({ ok: true, entries: 80 + batches, checked: 80 + batches });
        expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 80 + batches }, (_, i) => i + 1));
        // Every writer's entries are there once; a process's own appends in the order it made them.
        for (const actor of ['p1', 'p2'])
          expect(log.filter((e) => e.actor === actor).map((e) => e.target)).toEqual(
            Array.from({ length: 30 }, (_, i) => `${actor}-${i}`),
          );
        expect(new Set(log.filter((e) => e.actor === 'p0').map((e) => e.target)).size).toBe(20);
      }),
    240_000,
  );

  it('exports a period as JSON and CSV evidence, CSV cells safe from formula injection', () =>
    withTestStore(kind, async (store, database) => {
      await fill(store, 2); // T0, T0 + 1 day
      await appendAudit(store, {
        actor: '@evil',
        action: 'team.update',
        kind: 'team',
        target: '=HYPERLINK("http://x","y")',
        summary: '+1, "quoted"\nsecond line',
        before: { name: '-2+3' },
        at: T0 + 2 * DAY + 5,
      });
      await appendAudit(store, {
        actor: 'ana',
        action: 'x.y',
        kind: 'x',
        target: 'later',
        summary: 'later',
        at: T0 + 9 * DAY,
      });
      const day = (d: number) => iso(d).slice(0, 10);

      const out = join(database.dir, 'evidence.json');
      const json = await cli([
        'audit',
        'export',
        '--db',
        database.location,
        '--from',
        day(1),
        '--to',
        day(2),
        '--out',
        out,
      ]);
      expect(json.code).toBe(0);
      expect(json.stdout).toMatch(
        /Exported 2 audit entries to .*evidence\.json \(json\); the chain is intact \(4 entries; head 4:/,
      );
      const evidence = JSON.parse(readFileSync(out, 'utf8'));
      expect(evidence).toMatchObject({
        from: `${day(1)}T00:00:00.000Z`,
        to: `${day(3)}T00:00:00.000Z`,
        verification: { ok: true, entries: 4, head: { seq: 4 } },
        entries: [
          { seq: 2, actor: 'ana', summary: 'entry 2', after: { i: 2 } },
          { seq: 3, actor: '@evil', before: { name: '-2+3' }, after: null },
        ],
      });
      expect(evidence.entries[1].prevHash).toBe(evidence.entries[0].hash);

      const csvOut = join(database.dir, 'evidence.csv');
      const csv = await cli([
        'audit',
        'export',
        '--db',
        database.location,
        '--from',
        day(1),
        '--to',
        `${day(2)}T00:00:00.006Z`,
        '--format',
        'csv',
        '--out',
        csvOut,
      ]);
      expect(csv.code).toBe(0);
      const text = readFileSync(csvOut, 'utf8');
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('seq,at,actor,action,kind,target,summary,before,after,prev_hash,hash');
      expect(lines[1]).toMatch(
        /^2,2026-01-06T00:00:00\.000Z,ana,test\.append,test,t2,entry 2,,"\{""i"":2\}",[0-9a-f]{64},[0-9a-f]{64}$/,
      );
      expect(lines[2]).toBe(
        `3,2026-01-07T00:00:00.005Z,'@evil,team.update,team,"'=HYPERLINK(""http://x"",""y"")","'+1, ""quoted""\nsecond line","{""name"":""-2+3""}",,${evidence.entries[0].hash},${evidence.entries[1].hash}`.replace(
          /\r\n|\n(?=second)/,
          '\n',
        ),
      );
      expect(lines).toHaveLength(4); // header, 2 rows, and the empty string after the last line break
      // No cell of the file starts a formula.
      expect(text).not.toMatch(/(^|,)[=+@]/m);

      // To standard output, with the verdict on standard error; a broken chain exits 1.
      await asAttacker(store, `UPDATE audit_log SET summary = 'x' WHERE seq = 1`);
      const broken = await cli(['audit', 'export', '--db', database.location, '--format', 'csv']);
      expect(broken.code).toBe(1);
      expect(broken.stdout.split('\r\n')).toHaveLength(6);
      expect(broken.stderr).toMatch(/THE CHAIN IS BROKEN: entry 1 \(hash-mismatch\)/);
      const wrong = await cli(['audit', 'export', '--db', database.location, '--format', 'xml']);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/--format: "xml" is not json or csv/);
      const backwards = await cli([
        'audit',
        'export',
        '--db',
        database.location,
        '--from',
        day(3),
        '--to',
        day(1),
      ]);
      expect(backwards.stderr).toMatch(/--to \(.*\) must be after --from/);
      expect((await listAudit(store, { kind: 'team' })).entries.map((e) => e.seq)).toEqual([3]);
      const unwritable = await cli([
        'audit',
        'export',
        '--db',
        database.location,
        '--out',
        join(database.dir, 'no-such-dir', 'x.json'),
      ]);
      expect(unwritable.code).toBe(1);
      expect(unwritable.stderr).toMatch(
        /--out: cannot write .*x\.json \(ENOENT\); give a path in an existing, writable directory/,
      );
    }));
});
