/**
 * Writes a realistic interchange file for the import benchmark: an organisation (portfolios, value
 * streams, teams), `items` work items and `transitionsPerItem` status changes each, in the order a
 * connector would emit them (an item, then its history). Deterministic for a given seed.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export interface GenerateOptions {
  readonly path: string;
  readonly items: number;
  readonly transitionsPerItem: number;
  readonly seed?: number;
}

const WORKFLOW = [
  'Backlog',
  'Ready',
  'In Progress',
  'In Review',
  'In Progress',
  'In Review',
  'Testing',
  'Ready for Release',
  'Done',
];
const TYPES = ['Story', 'Story', 'Story', 'Bug', 'Task', 'Security', 'Tech Debt'];
const TEAMS = 40;
const DAY_MS = 86_400_000;

/** A small, fast, seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Generates the file; resolves with the number of records written. */
export async function generateInterchange(options: GenerateOptions): Promise<number> {
  const rand = random(options.seed ?? 42);
  const out = createWriteStream(options.path, { highWaterMark: 1 << 22 });
  let records = 0;
  let buffer = '';
  const emit = async (line: string) => {
    buffer += line;
    buffer += '\n';
    records++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  };
  await emit(JSON.stringify({ kind: 'portfolio', id: 'p-retail', name: 'Retail' }));
  for (let v = 0; v < 8; v++)
    await emit(
      JSON.stringify({
        kind: 'valueStream',
        id: `vs-${v}`,
        name: `Value stream ${v}`,
        portfolio: 'p-retail',
      }),
    );
  for (let t = 0; t < TEAMS; t++)
    await emit(JSON.stringify({ kind: 'team', id: `t-${t}`, name: `Team ${t}`, valueStream: `vs-${t % 8}` }));
  const start = Date.UTC(2023, 0, 1);
  const steps = Math.min(options.transitionsPerItem, WORKFLOW.length - 1);
  for (let i = 0; i < options.items; i++) {
    const team = i % TEAMS;
    const source = `jira:T${team}`;
    const id = `T${team}-${i}`;
    let at = start + Math.floor(rand() * 900 * DAY_MS);
    const created = new Date(at).toISOString();
    await emit(
      `{"kind":"workItem","source":"${source}","id":"${id}","type":"${TYPES[i % TYPES.length]}","status":"Done","createdAt":"${created}","title":"Work item ${i}","team":"t-${team}","labels":["l${i % 17}"],"estimate":${(i % 8) + 1}}`,
    );
    for (let s = 0; s < options.transitionsPerItem; s++) {
      at += 60_000 + Math.floor(rand() * 3 * DAY_MS);
      const from = WORKFLOW[s % steps];
      const to = WORKFLOW[(s % steps) + 1];
      await emit(
        `{"kind":"transition","source":"${source}","item":"${id}","at":"${new Date(at).toISOString()}","from":"${from}","to":"${to}","by":"u${i % 300}"}`,
      );
    }
  }
  if (buffer.length > 0) out.write(buffer);
  out.end();
  await once(out, 'finish');
  return records;
}
