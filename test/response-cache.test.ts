/**
 * The read routes' answer cache (src/server/response-cache.ts): a repeated question is answered
 * from it, and never after anything that could change the answer — an import (engine refresh), a
 * write through the API, an organisation reload, another principal's view, or its maximum age.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createApiToken } from '../src/auth/tokens.js';
import { MetricsEngine } from '../src/engine/index.js';
import { importFiles } from '../src/ingest/index.js';
import { buildServer } from '../src/server/index.js';
import { writeNdjson } from './support/files.js';
import { createTestStore, type TestStore } from './support/stores.js';

const ORG = [
  { kind: 'portfolio', id: 'p1', name: 'P1' },
  { kind: 'valueStream', id: 'vs1', name: 'VS1', portfolio: 'p1' },
  { kind: 'valueStream', id: 'vs2', name: 'VS2', portfolio: 'p1' },
  { kind: 'team', id: 't-a', name: 'A', valueStream: 'vs1' },
  { kind: 'team', id: 't-b', name: 'B', valueStream: 'vs2' },
  {
    kind: 'mapping',
    source: 'jira',
    statuses: {
      Open: { stage: 'create', state: 'waiting' },
      Doing: { stage: 'create', state: 'active' },
      Done: { stage: 'create', state: 'done' },
    },
    types: { Story: 'feature' },
  },
];

function item(n: number) {
  return [
    {
      kind: 'workItem',
      source: 'jira',
      id: `A-${n}`,
      type: 'Story',
      status: 'Done',
      team: 't-a',
      createdAt: '2025-03-03T09:00:00Z',
    },
    {
      kind: 'transition',
      source: 'jira',
      item: `A-${n}`,
      at: '2025-03-04T09:00:00Z',
      from: 'Open',
      to: 'Doing',
    },
    {
      kind: 'transition',
      source: 'jira',
      item: `A-${n}`,
      at: '2025-03-06T09:00:00Z',
      from: 'Doing',
      to: 'Done',
    },
  ];
}

let t: TestStore;
let engine: MetricsEngine;
let app: FastifyInstance;
let clock = Date.parse('2026-01-01T00:00:00Z');
/** The cache's draw of how long an answer lives during a refresh stream (a fraction, above a half, of settleMs). */
let draw = 1;

beforeAll(async () => {
  t = await createTestStore('sqlite');
  await importFiles(t.store, [writeNdjson(t.database.dir, 'org.ndjson', [...ORG, ...item(1)])]);
  engine = await MetricsEngine.open(t.store);
  app = await buildServer({
    store: t.store,
    engine,
    auth: { mode: 'trusted' },
    webRoot: null,
    responseCache: { now: () => clock, maxAgeMs: 5000, settleMs: 1000, random: () => draw },
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await engine.close();
  await t.database.destroy();
});

const URL = '/api/v1/metrics?from=2025-03-01&to=2025-04-01&team=t-a';
const ask = async (url = URL) => {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return { hit: response.headers['x-flowlens-cache'] === 'hit', body: response.json() };
};

it('answers a repeated question from the cache, the same answer', async () => {
  const first = await ask();
  expect(first.hit).toBe(false);
  expect(first.body.flow.velocity.total).toBe(1);
  const again = await ask();
  expect(again.hit).toBe(true);
  expect(again.body).toEqual(first.body);
  // Another URL is another question.
  expect((await ask('/api/v1/metrics?from=2025-03-01&to=2025-04-02&team=t-a')).hit).toBe(false);
});

it('forgets every answer after an import through the API (an engine refresh)', async () => {
  await ask();
  expect((await ask()).hit).toBe(true);
  const body = item(2)
    .map((r) => JSON.stringify(r))
    .join('\n');
  const imported = await app.inject({
    method: 'POST',
    url: '/api/v1/import',
    headers: { 'content-type': 'application/x-ndjson' },
    payload: body,
  });
  expect(imported.statusCode, imported.body).toBe(200);
  const after = await ask();
  expect(after.hit).toBe(false);
  expect(after.body.flow.velocity.total).toBe(2);
});

it('forgets after a refresh that did not come through the API, and after an organisation reload', async () => {
  await ask();
  expect((await ask()).hit).toBe(true);
  // The first refresh after a quiet spell (longer than settleMs) is seen at once.
  clock += 1000;
  await importFiles(t.store, [writeNdjson(t.database.dir, 'more.ndjson', item(3))]);
  await engine.refresh();
  const after = await ask();
  expect(after.hit).toBe(false);
  expect(after.body.flow.velocity.total).toBe(3);
  expect((await ask('/api/v1/org')).hit).toBe(false);
  expect((await ask('/api/v1/org')).hit).toBe(true);
  await engine.reloadOrganisation();
  expect((await ask('/api/v1/org')).hit).toBe(false);
});

it('under refreshes in quick succession (a webhook stream), serves an answer less than settleMs after it began', async () => {
  clock += 1000;
  await importFiles(t.store, [writeNdjson(t.database.dir, 'quick-1.ndjson', item(10))]);
  await engine.refresh();
  const first = await ask();
  expect(first.hit).toBe(false);
  const total = first.body.flow.velocity.total as number;
  // 400 ms later another delivery lands: the answer begun before it is served until its draw
  // (here all of settleMs: 1000 ms after it began), then computed again with the delivery.
  clock += 400;
  await importFiles(t.store, [writeNdjson(t.database.dir, 'quick-2.ndjson', item(11))]);
  await engine.refresh();
  const during = await ask();
  expect(during.hit).toBe(true);
  expect(during.body.flow.velocity.total).toBe(total);
  clock += 599;
  expect((await ask()).hit).toBe(true);
  clock += 1;
  const after = await ask();
  expect(after.hit).toBe(false);
  expect(after.body.flow.velocity.total).toBe(total + 1);
  // Begun after the latest refresh, it is current until the next one; then, drawn at a half, it
  // lives 500 ms from when it began.
  clock += 300;
  expect((await ask()).hit).toBe(true);
  draw = 0;
  try {
    await engine.refresh();
    const another = '/api/v1/metrics?from=2025-03-01&to=2025-04-03&team=t-a';
    expect((await ask(another)).hit).toBe(false);
    clock += 100;
    await importFiles(t.store, [writeNdjson(t.database.dir, 'quick-3.ndjson', item(13))]);
    await engine.refresh();
    clock += 399;
    expect((await ask(another)).hit).toBe(true);
    clock += 1;
    expect((await ask(another)).hit).toBe(false);
  } finally {
    draw = 1;
  }
  // A write through the API is seen at once, whatever the refreshes before it.
  clock += 100;
  const imported = await app.inject({
    method: 'POST',
    url: '/api/v1/import',
    headers: { 'content-type': 'application/x-ndjson' },
    payload: item(12)
      .map((r) => JSON.stringify(r))
      .join('\n'),
  });
  expect(imported.statusCode, imported.body).toBe(200);
  const written = await ask();
  expect(written.hit).toBe(false);
  expect(written.body.flow.velocity.total).toBe(total + 3);
});

it('computes an answer once for concurrent requests of it, and all get the same answer', async () => {
  clock += 1000;
  await engine.refresh();
  const computed = vi.spyOn(engine, 'metrics');
  try {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => app.inject({ method: 'GET', url: URL })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.headers['x-flowlens-cache'] === 'hit')).toHaveLength(7);
    expect(computed).toHaveBeenCalledTimes(1);
  } finally {
    computed.mockRestore();
  }
});

it('forgets after any write through the API, and after its maximum age', async () => {
  await ask();
  expect((await ask()).hit).toBe(true);
  const annotated = await app.inject({
    method: 'POST',
    url: '/api/v1/annotations',
    payload: { scope: { team: 't-a' }, at: '2025-03-10', title: 'moved to trunk-based development' },
  });
  expect(annotated.statusCode, annotated.body).toBeLessThan(300);
  expect((await ask()).hit).toBe(false);
  expect((await ask()).hit).toBe(true);
  clock += 5001;
  expect((await ask()).hit).toBe(false);
});

it('keeps the answers of each value-stream view apart', async () => {
  const secured = await buildServer({
    store: t.store,
    engine,
    auth: { mode: 'required' },
    webRoot: null,
    responseCache: { now: () => clock },
  });
  try {
    const whole = await createApiToken(t.store, { name: 'whole', role: 'viewer', actor: 'test' });
    const vs2 = await createApiToken(t.store, {
      name: 'vs2',
      role: 'viewer',
      valueStream: 'vs2',
      actor: 'test',
    });
    const org = async (token: string) => {
      const response = await secured.inject({
        method: 'GET',
        url: '/api/v1/org',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode, response.body).toBe(200);
      return { hit: response.headers['x-flowlens-cache'] === 'hit', text: response.body };
    };
    const first = await org(whole.token);
    expect((await org(whole.token)).hit).toBe(true);
    // The restricted viewer's question is the same URL, but never the whole organisation's answer.
    const restricted = await org(vs2.token);
    expect(restricted.hit).toBe(false);
    expect(first.text).toContain('"vs1"');
    expect(restricted.text).not.toContain('"vs1"');
    expect((await org(vs2.token)).hit).toBe(true);
  } finally {
    await secured.close();
  }
});

it('is off with FLOWLENS_API_CACHE=off', async () => {
  const previous = process.env.FLOWLENS_API_CACHE;
  process.env.FLOWLENS_API_CACHE = 'off';
  const off = await buildServer({ store: t.store, engine, auth: { mode: 'trusted' }, webRoot: null });
  try {
    for (let i = 0; i < 2; i++) {
      const response = await off.inject({ method: 'GET', url: URL });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-flowlens-cache']).toBeUndefined();
    }
  } finally {
    await off.close();
    if (previous === undefined) delete process.env.FLOWLENS_API_CACHE;
    else process.env.FLOWLENS_API_CACHE = previous;
  }
});
