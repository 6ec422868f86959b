// One phase of the metrics benchmark in its own process (so its peak memory is its own); prints
// one JSON line. Usage:
//   node bench/metrics-child.mjs rebuild <database>
//   node bench/metrics-child.mjs serve <database> <until YYYY-MM-DD> <team> <runs>
//     (the first serve after a rebuild loads from the database and writes the facts snapshot; the
//     next one starts from it)
//   node bench/metrics-child.mjs sqlite-sql <database>
import { defaultSnapshotPath, MetricsEngine, rebuildFacts } from '../dist/engine/index.js';
import { openStore } from '../dist/store/index.js';
import { PER_ITEM_SQL, WEEKLY_SQL } from './baseline-sql.mjs';

const [phase, database, until, team, runs = '10'] = process.argv.slice(2);
const DAY = 86_400_000;
const median = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1];
const out = (result) =>
  process.stdout.write(
    `${JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
  );

const started = performance.now();
const store = await openStore({ db: database, env: {} });
if (phase === 'rebuild') {
  const report = await rebuildFacts(store);
  out({ items: report.computed, seconds: (performance.now() - started) / 1000 });
} else if (phase === 'serve') {
  // As `flowlens start` opens it: with the facts snapshot (in .bench/home/cache for PostgreSQL).
  let loadedFrom = 'database';
  const engine = await MetricsEngine.open(store, {
    snapshotPath: await defaultSnapshotPath(store, { FLOWLENS_HOME: '.bench/home' }),
    onSnapshot: (event) => {
      if (event.kind === 'loaded') loadedFrom = 'snapshot';
    },
  });
  const end = Date.parse(`${until}T00:00:00Z`);
  const year = { fromMs: end - 365 * DAY, toMs: end };
  const quarter = { fromMs: end - 91 * DAY, toMs: end, team };
  const first = engine.metrics(year);
  const coldMs = performance.now() - started;
  // A snapshot written after a load from the database is finished before the warm timings.
  const savingStarted = performance.now();
  await engine.saveSnapshot();
  const snapshotWaitMs = performance.now() - savingStarted;
  const timed = (query) => {
    // Warm: the same query three times first (compiled code, settled heap), then timed.
    for (let i = 0; i < 3; i++) engine.metrics(query);
    const times = [];
    let result;
    for (let i = 0; i < Number(runs); i++) {
      const t = performance.now();
      result = engine.metrics(query);
      times.push(performance.now() - t);
    }
    return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), result };
  };
  const org = timed(year);
  const teamQuarter = timed(quarter);
  const seriesStart = performance.now();
  engine.series({ ...quarter });
  out({
    items: engine.index.live,
    loadedFrom,
    coldFirstAnswerMs: coldMs,
    snapshotWaitMs,
    orgYear: {
      ...org,
      result: undefined,
      velocity: org.result.flow.velocity.total,
      deployments: org.result.dora.deploymentFrequency.count,
    },
    teamQuarter: { ...teamQuarter, result: undefined, velocity: teamQuarter.result.flow.velocity.total },
    teamQuarterSeriesMs: performance.now() - seriesStart,
    firstVelocity: first.flow.velocity.total,
  });
} else if (phase === 'sqlite-sql') {
  // What a user would otherwise write: per-item flow time, active time and weekly throughput with
  // window functions over the raw transitions, classified by a status → state table.
  const { sql } = await import('kysely');
  await sql`drop table if exists temp.bench_states`.execute(store.db);
  await sql`create temp table bench_states (source text, status text, state text, primary key (source, status))`.execute(
    store.db,
  );
  const mappings = await store.db.selectFrom('mappings').selectAll().where('team', '=', '').execute();
  for (const m of mappings)
    for (const [status, c] of Object.entries(JSON.parse(m.statuses)))
      await sql`insert or replace into temp.bench_states values (${m.source}, ${status}, ${c.state})`.execute(
        store.db,
      );
  const t = performance.now();
  const perItem = await sql.raw(PER_ITEM_SQL).execute(store.db);
  const perItemMs = performance.now() - t;
  const t2 = performance.now();
  const weekly = await sql.raw(WEEKLY_SQL).execute(store.db);
  out({ perItemMs, weeklyMs: performance.now() - t2, items: perItem.rows.length, weeks: weekly.rows.length });
}
await store.close();
