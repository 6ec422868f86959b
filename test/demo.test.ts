/**
 * The demo organisation: every record is valid interchange, the output is deterministic, the
 * volumes are as promised, and the planted story is really in the data, measured from the records
 * with the metric core's own item history (metrics.md §3) rather than read from the generator.
 * Then `flowlens demo` imports it cleanly into a SQLite store.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoOrganisation } from '../src/cli/demo-command.js';
import { validateRecord } from '../src/contract/index.js';
import {
  AI_ROLLOUT_WEEKS_BEFORE_UNTIL,
  DEMO_STORY,
  describeDemoStory,
  generateDemoOrganisation,
} from '../src/demo/index.js';
import { ROLE_NAMES } from '../src/domain/index.js';
import { sprintOutcome, summarisePredictability } from '../src/forecast/index.js';
import { computeItemFacts, type ItemFacts, type StatusClass } from '../src/metrics/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { cli } from './support/cli.js';

type Rec = Record<string, unknown> & { kind: string };

const UNTIL = '2026-01-01';
const UNTIL_MS = Date.parse(`${UNTIL}T00:00:00Z`);
const DAY = 86_400_000;

function records(seed: number, scale: 'small' | 'large' | number, until = UNTIL): Iterable<Rec> {
  return generateDemoOrganisation({ seed, scale, until }) as Iterable<Rec>;
}

function digest(seed: number, scale: number, until = UNTIL): { hash: string; lines: number } {
  const hash = createHash('sha256');
  let lines = 0;
  for (const r of records(seed, scale, until)) {
    hash.update(`${JSON.stringify(r)}\n`);
    lines++;
  }
  return { hash: hash.digest('hex'), lines };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)] as number;
}

describe('the demo generator', () => {
  it('writes only records that pass the contract validator', () => {
    const errors: string[] = [];
    const kinds = new Set<string>();
    let count = 0;
    for (const record of records(7, 3000)) {
      const result = validateRecord(record);
      if (!result.ok) errors.push(`${JSON.stringify(record)}: ${JSON.stringify(result.errors)}`);
      kinds.add(record.kind);
      count++;
    }
    expect(errors.slice(0, 5)).toEqual([]);
    expect(count).toBeGreaterThan(25_000);
    expect([...kinds].sort()).toEqual(
      [
        'portfolio',
        'valueStream',
        'team',
        'person',
        'role',
        'service',
        'mapping',
        'workItem',
        'transition',
        'change',
        'deployment',
        'incident',
        'sprint',
      ].sort(),
    );
  });

  it('is deterministic: the same options give the same bytes, another seed or day other ones', () => {
    const first = digest(42, 3000);
    expect(digest(42, 3000)).toEqual(first);
    expect(digest(43, 3000).hash).not.toBe(first.hash);
    expect(digest(42, 3000, '2026-01-02').hash).not.toBe(first.hash);
  });

  it('writes timestamps as ISO 8601 UTC with milliseconds and Z, the organisation first', () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const order = ['portfolio', 'valueStream', 'team', 'person', 'role', 'service', 'mapping'];
    let phase = 0;
    let badTimestamps = 0;
    for (const r of records(3, 500)) {
      const position = order.indexOf(r.kind);
      if (position >= 0) {
        expect(position).toBeGreaterThanOrEqual(phase);
        phase = position;
      } else {
        phase = order.length;
      }
      const fields = ['at', 'createdAt', 'firstCommitAt', 'mergedAt', 'openedAt', 'resolvedAt'];
      if (r.kind === 'role') fields.push('from', 'to');
      for (const field of fields) {
        const value = r[field];
        if (value !== undefined && (typeof value !== 'string' || !iso.test(value))) badTimestamps++;
      }
    }
    expect(badTimestamps).toBe(0);
  });

  it('checks its options', () => {
    expect(() => generateDemoOrganisation({ seed: -1, scale: 'small', until: UNTIL })).toThrow(/seed/);
    expect(() => generateDemoOrganisation({ seed: 1, scale: 0, until: UNTIL })).toThrow(/scale/);
    expect(() => generateDemoOrganisation({ seed: 1, scale: 'small', until: '2025-02-30' })).toThrow(
      /until: "2025-02-30" is not a date/,
    );
  });

  it('rolls the AI assistant out on a Monday about nine months before until', () => {
    const story = describeDemoStory(UNTIL);
    expect(story.aiRollout).toBe('2025-03-31');
    expect(new Date(`${story.aiRollout}T00:00:00Z`).getUTCDay()).toBe(1);
    const weeks = (UNTIL_MS - Date.parse(`${story.aiRollout}T00:00:00Z`)) / (7 * DAY);
    expect(weeks).toBeGreaterThanOrEqual(AI_ROLLOUT_WEEKS_BEFORE_UNTIL);
    expect(weeks).toBeLessThan(AI_ROLLOUT_WEEKS_BEFORE_UNTIL + 1);
    expect(story.historyStart).toBe('2024-01-01');
  });
});

describe('the small demo organisation', () => {
  const counts = new Map<string, number>();
  const mappings = new Map<string, Rec>();
  const teamValueStream = new Map<string, string>();
  const serviceTeam = new Map<string, string>();
  const roles: Rec[] = [];
  const items: Rec[] = [];
  const transitionsOf = new Map<string, { atMs: number; from: string; to: string }[]>();
  const changes: Rec[] = [];
  const deployments: Rec[] = [];
  const incidents: Rec[] = [];
  const sprints: Rec[] = [];
  const facts: { item: Rec; facts: ItemFacts; flowType: string }[] = [];
  let weekdayTransitions = 0;
  let workingHourTransitions = 0;
  let transitions = 0;

  beforeAll(() => {
    for (const r of records(1, 'small')) {
      counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
      switch (r.kind) {
        case 'mapping':
          mappings.set(r.source as string, r);
          break;
        case 'team':
          teamValueStream.set(r.id as string, r.valueStream as string);
          break;
        case 'service':
          serviceTeam.set(r.id as string, r.team as string);
          break;
        case 'role':
          roles.push(r);
          break;
        case 'workItem':
          items.push(r);
          break;
        case 'transition': {
          const key = `${r.source} ${r.item}`;
          const atMs = Date.parse(r.at as string);
          let list = transitionsOf.get(key);
          if (list === undefined) {
            list = [];
            transitionsOf.set(key, list);
          }
          list.push({ atMs, from: r.from as string, to: r.to as string });
          const at = new Date(atMs);
          transitions++;
          if (at.getUTCDay() !== 0 && at.getUTCDay() !== 6) weekdayTransitions++;
          if (at.getUTCHours() >= 8 && at.getUTCHours() < 17) workingHourTransitions++;
          break;
        }
        case 'change':
          changes.push(r);
          break;
        case 'deployment':
          deployments.push(r);
          break;
        case 'incident':
          incidents.push(r);
          break;
        case 'sprint':
          sprints.push(r);
          break;
      }
    }
    for (const item of items) {
      const mapping = mappings.get(item.source as string) as Rec;
      const statuses = mapping.statuses as Record<string, StatusClass>;
      const types = mapping.types as Record<string, string>;
      const classify = (status: string): StatusClass =>
        statuses[status] ?? { stage: 'unmapped', state: 'waiting' };
      facts.push({
        item,
        flowType: types[item.type as string] ?? 'feature',
        facts: computeItemFacts({
          createdAtMs: Date.parse(item.createdAt as string),
          status: item.status as string,
          changes: transitionsOf.get(`${item.source} ${item.id}`) ?? [],
          classify,
          asOfMs: UNTIL_MS,
        }),
      });
    }
  });

  const valueStreamOf = (f: { item: Rec }) => teamValueStream.get(f.item.team as string);
  const isProduction = (d: Rec) => {
    const environments = mappings.get(d.source as string)?.environments as Record<string, string> | undefined;
    return environments?.[d.environment as string] === 'production';
  };
  const inProgress = (f: ItemFacts) =>
    f.startedAtMs !== null && (f.currentState === 'waiting' || f.currentState === 'active');

  it('has the promised volumes', () => {
    expect(counts.get('workItem')).toBe(30_000);
    expect(counts.get('portfolio')).toBe(2);
    expect(counts.get('valueStream')).toBe(4);
    expect(counts.get('team')).toBe(12);
    expect(counts.get('person')).toBeGreaterThanOrEqual(55);
    expect(counts.get('person')).toBeLessThanOrEqual(65);
    expect(counts.get('mapping')).toBe(3);
    expect(transitions / 30_000).toBeGreaterThan(7);
    expect(transitions / 30_000).toBeLessThan(9);
    expect(counts.get('change')).toBeGreaterThan(20_000);
    expect(counts.get('deployment')).toBeGreaterThan(2_500);
    expect(counts.get('deployment')).toBeLessThan(6_000);
    expect(counts.get('incident')).toBeGreaterThan(100);
    expect(new Set(roles.map((r) => r.role))).toEqual(new Set(ROLE_NAMES));
    expect(new Set(items.map((i) => i.source))).toEqual(new Set(DEMO_STORY.sources));
  });

  it('keeps its references whole: items, parents, teams, services, changes and deployments exist', () => {
    const broken: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) broken.push(what);
    };
    const itemIds = new Set(items.map((i) => `${i.source} ${i.id}`));
    for (const key of transitionsOf.keys()) check(itemIds.has(key), `transition of ${key}`);
    for (const i of items) {
      if (i.parent !== undefined) check(itemIds.has(`${i.source} ${i.parent}`), `parent of ${i.id}`);
      check(teamValueStream.has(i.team as string), `team of ${i.id}`);
    }
    const anyItem = new Set(items.map((i) => i.id as string));
    const mergedAt = new Map(changes.map((c) => [c.id as string, c.mergedAt as string | undefined]));
    for (const c of changes) {
      for (const id of (c.items as string[] | undefined) ?? [])
        check(anyItem.has(id), `item ${id} of ${c.id}`);
      check((c.firstCommitAt as string) <= (c.createdAt as string), `first commit of ${c.id}`);
      check(c.mergedAt === undefined || (c.mergedAt as string) > (c.createdAt as string), `merge of ${c.id}`);
    }
    const deploymentIds = new Set(deployments.map((d) => d.id as string));
    for (const d of deployments) {
      check(serviceTeam.has(d.service as string), `service of ${d.id}`);
      for (const id of (d.changes as string[] | undefined) ?? []) {
        const merged = mergedAt.get(id);
        check(merged !== undefined && merged < (d.at as string), `change ${id} of ${d.id} merged before it`);
      }
    }
    for (const i of incidents) {
      if (i.causedBy !== undefined) check(deploymentIds.has(i.causedBy as string), `cause of ${i.id}`);
    }
    // Each item's status field is where its history ends, and no change precedes its creation.
    for (const f of facts) {
      check(!f.facts.flags.statusDisagrees && !f.facts.flags.changeBeforeCreation, `history of ${f.item.id}`);
    }
    expect(broken.slice(0, 5)).toEqual([]);
    // Every status and type is mapped except the two left out on purpose.
    const unmappedStatuses = new Set<string>();
    const unmappedTypes = new Set<string>();
    for (const i of items) {
      const m = mappings.get(i.source as string) as Rec;
      if (!((i.type as string) in (m.types as object))) unmappedTypes.add(`${i.source} ${i.type}`);
    }
    for (const [key, list] of transitionsOf) {
      const m = mappings.get(key.slice(0, key.indexOf(' '))) as Rec;
      for (const t of list) {
        for (const s of [t.from, t.to])
          if (!(s in (m.statuses as object))) unmappedStatuses.add(`${key.split(' ')[0]} ${s}`);
      }
    }
    expect([...unmappedStatuses]).toEqual([`${DEMO_STORY.unmapped.source} ${DEMO_STORY.unmapped.status}`]);
    expect([...unmappedTypes]).toEqual([`${DEMO_STORY.unmapped.source} ${DEMO_STORY.unmapped.type}`]);
    const parked = facts.filter((f) =>
      f.facts.spans.some((s) => s.status === DEMO_STORY.unmapped.status),
    ).length;
    const spikes = items.filter((i) => i.type === DEMO_STORY.unmapped.type).length;
    for (const n of [parked, spikes]) {
      expect(n).toBeGreaterThan(5);
      expect(n).toBeLessThan(300);
    }
  });

  it('has the lifecycle variety of real work: in progress, cancelled, reopened, failed, unresolved', () => {
    const states = facts.map((f) => f.facts.currentState);
    expect(states.filter((s) => s === 'waiting' || s === 'active').length).toBeGreaterThan(500);
    expect(states.filter((s) => s === 'cancelled').length).toBeGreaterThan(1000);
    const reopened = facts.filter((f) => f.facts.spans.slice(0, -1).some((s) => s.state === 'done')).length;
    expect(reopened).toBeGreaterThan(200);
    expect(deployments.filter((d) => d.status === 'failed').length).toBeGreaterThan(20);
    expect(deployments.filter((d) => !isProduction(d)).length).toBeGreaterThan(500);
    expect(incidents.filter((i) => i.causedBy === undefined).length).toBeGreaterThan(10);
    expect(incidents.filter((i) => i.resolvedAt === undefined).length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.items === undefined).length).toBeGreaterThan(100);
    // Work happens on weekdays, in working hours (08:00–16:00 UTC, releases until 17:00).
    expect(weekdayTransitions / transitions).toBeGreaterThan(0.95);
    expect(workingHourTransitions / transitions).toBeGreaterThan(0.99);
  });

  it('has the role network: a stretched product owner and two gaps', () => {
    const held = (role: string, scope: 'team' | 'valueStream', id: string) =>
      roles.filter(
        (r) =>
          r.role === role && r[scope] === id && (r.to === undefined || Date.parse(r.to as string) > UNTIL_MS),
      );
    expect(held('product-owner', 'team', DEMO_STORY.teamWithoutProductOwner)).toEqual([]);
    expect(held('security-lead', 'valueStream', DEMO_STORY.valueStreamWithoutSecurityLead)).toEqual([]);
    const stretched = roles.filter(
      (r) =>
        r.person === DEMO_STORY.stretchedProductOwner.person &&
        r.role === 'product-owner' &&
        Date.parse(r.from as string) < UNTIL_MS,
    );
    expect(stretched.map((r) => r.team).sort()).toEqual([...DEMO_STORY.stretchedProductOwner.teams].sort());
    expect(new Set(stretched.map((r) => teamValueStream.get(r.team as string))).size).toBe(2);
  });

  it('(1) the change-approval value stream deploys to production on Thursdays only and waits in ideation and release', () => {
    const cab = DEMO_STORY.changeApprovalBoard;
    const production = deployments.filter(isProduction);
    const cabDeployments = production.filter((d) =>
      (cab.teams as readonly string[]).includes(serviceTeam.get(d.service as string) as string),
    );
    expect(cabDeployments.length).toBeGreaterThan(100);
    expect(new Set(cabDeployments.map((d) => new Date(d.at as string).getUTCDay()))).toEqual(new Set([4]));
    const others = production.filter((d) => !cabDeployments.includes(d));
    expect(new Set(others.map((d) => new Date(d.at as string).getUTCDay())).size).toBeGreaterThanOrEqual(5);

    // Share of lead time in ideation + release, over items completed in the last year, per value stream.
    const share = (valueStream: string) => {
      let lead = 0;
      let ideateAndRelease = 0;
      for (const f of facts) {
        if (valueStreamOf(f) !== valueStream || f.facts.completedAtMs === null) continue;
        if (f.facts.completedAtMs < UNTIL_MS - 365 * DAY) continue;
        lead += f.facts.leadTimeMs as number;
        ideateAndRelease += (f.facts.timePerStageMs.ideate ?? 0) + (f.facts.timePerStageMs.release ?? 0);
      }
      return ideateAndRelease / lead;
    };
    expect(share(cab.valueStream)).toBeGreaterThan(0.65);
    for (const other of DEMO_STORY.valueStreams.filter((v) => v !== cab.valueStream)) {
      expect(share(other)).toBeLessThan(share(cab.valueStream) - 0.15);
    }
    // The longest wait of the value stream is for approval, then for the board.
    const waits = new Map<string, number>();
    for (const f of facts) {
      if (valueStreamOf(f) !== cab.valueStream || f.facts.completedAtMs === null) continue;
      for (const span of f.facts.spans) {
        if (span.state !== 'waiting' || span.startMs >= (f.facts.completedAtMs as number)) continue;
        waits.set(span.status, (waits.get(span.status) ?? 0) + span.endMs - span.startMs);
      }
    }
    const ranked = [...waits.entries()].sort((a, b) => b[1] - a[1]).map(([status]) => status);
    expect(ranked.slice(0, 2)).toEqual([cab.approvalStatus, cab.cabStatus]);
  });

  it('(2) the overloaded team has by far the most work in progress and the lowest flow efficiency', () => {
    const wip = new Map<string, number>();
    const active = new Map<string, number>();
    const flow = new Map<string, number>();
    for (const f of facts) {
      const team = f.item.team as string;
      if (inProgress(f.facts)) wip.set(team, (wip.get(team) ?? 0) + 1);
      if (f.facts.completedAtMs !== null && f.facts.completedAtMs >= UNTIL_MS - 182 * DAY) {
        active.set(team, (active.get(team) ?? 0) + (f.facts.activeTimeMs as number));
        flow.set(team, (flow.get(team) ?? 0) + (f.facts.flowTimeMs as number));
      }
    }
    const byWip = [...wip.entries()].sort((a, b) => b[1] - a[1]);
    expect(byWip[0]?.[0]).toBe(DEMO_STORY.overloadedTeam);
    expect(byWip[0]?.[1]).toBeGreaterThan(1.5 * (byWip[1]?.[1] as number));
    const efficiency = [...flow.keys()]
      .map((team) => [team, (active.get(team) as number) / (flow.get(team) as number)] as const)
      .sort((a, b) => a[1] - b[1]);
    expect(efficiency[0]?.[0]).toBe(DEMO_STORY.overloadedTeam);
  });

  it('(3) the AI team’s median flow time drops by more than a third after the roll-out', () => {
    const rollout = Date.parse(`${describeDemoStory(UNTIL).aiRollout}T00:00:00Z`);
    const flowTimes = (from: number, to: number) =>
      facts
        .filter((f) => f.item.team === DEMO_STORY.aiAssistant.team)
        .filter(
          (f) =>
            f.facts.completedAtMs !== null && f.facts.completedAtMs >= from && f.facts.completedAtMs < to,
        )
        .map((f) => f.facts.flowTimeMs as number);
    const before = flowTimes(rollout - 91 * DAY, rollout);
    const after = flowTimes(rollout, rollout + 91 * DAY);
    expect(before.length).toBeGreaterThan(100);
    expect(after.length).toBeGreaterThan(100);
    expect(median(after)).toBeLessThan(0.65 * median(before));
    // The other teams of the value stream do not change like that.
    const control = facts
      .filter((f) => f.item.team === 't-infra' && f.facts.completedAtMs !== null)
      .map((f) => f.facts);
    const controlBefore = control.filter(
      (f) => (f.completedAtMs as number) < rollout && (f.completedAtMs as number) >= rollout - 91 * DAY,
    );
    const controlAfter = control.filter(
      (f) => (f.completedAtMs as number) >= rollout && (f.completedAtMs as number) < rollout + 91 * DAY,
    );
    expect(median(controlAfter.map((f) => f.flowTimeMs as number))).toBeGreaterThan(
      0.8 * median(controlBefore.map((f) => f.flowTimeMs as number)),
    );
  });

  it('(4) fewer items are completed in the last two weeks of December (and in August)', () => {
    const completions = facts.map((f) => f.facts.completedAtMs).filter((c): c is number => c !== null);
    const perWeek = (from: string, to: string) => {
      const a = Date.parse(`${from}T00:00:00Z`);
      const b = Date.parse(`${to}T00:00:00Z`);
      return completions.filter((c) => c >= a && c < b).length / ((b - a) / (7 * DAY));
    };
    for (const year of [2024, 2025]) {
      const november = perWeek(`${year}-11-01`, `${year}-12-01`);
      expect(perWeek(`${year}-12-18`, `${year + 1}-01-01`)).toBeLessThan(0.5 * november);
    }
    expect(perWeek('2025-08-01', '2025-09-01')).toBeLessThan(0.75 * perWeek('2025-06-01', '2025-07-01'));
  });

  it('(5) the defect share of the mobile value stream rises from one year to the next', () => {
    const start = Date.parse(`${describeDemoStory(UNTIL).historyStart}T00:00:00Z`);
    const defectShare = (from: number, to: number) => {
      const done = facts.filter(
        (f) =>
          valueStreamOf(f) === DEMO_STORY.risingDefects.valueStream &&
          f.facts.completedAtMs !== null &&
          f.facts.completedAtMs >= from &&
          f.facts.completedAtMs < to,
      );
      return done.filter((f) => f.flowType === 'defect').length / done.length;
    };
    const firstYear = defectShare(start, start + 365 * DAY);
    const secondYear = defectShare(start + 365 * DAY, UNTIL_MS);
    expect(secondYear).toBeGreaterThan(firstYear + 0.08);
  });

  it('(6) the Scrum teams plan in sprints: checkout and catalog in the 80–100 % band, iOS and Android below', () => {
    const parents = new Set(
      items.flatMap((i) => (i.parent === undefined ? [] : [`${i.source} ${i.parent}`])),
    );
    const completion = new Map(
      facts.map((f) => [
        `${f.item.source} ${f.item.id}`,
        parents.has(`${f.item.source} ${f.item.id}`) ? undefined : f.facts.completedAtMs,
      ]),
    );
    const medianRatio = (team: string) => {
      const outcomes = sprints
        .filter(
          (s) =>
            s.team === team && s.state === 'closed' && Date.parse(s.end as string) > UNTIL_MS - 365 * DAY,
        )
        .map((s) =>
          sprintOutcome(
            {
              startMs: Date.parse(s.start as string),
              endMs: Date.parse(s.end as string),
              completedMs: Date.parse(s.completedAt as string),
              memberships: (s.items as { item: string; added: string; removed?: string }[]).map((m) => ({
                item: m.item,
                addedMs: Date.parse(m.added),
                removedMs: m.removed === undefined ? null : Date.parse(m.removed),
              })),
            },
            (item) => completion.get(`${s.source} ${item}`),
          ),
        );
      expect(outcomes.length).toBeGreaterThan(20);
      return summarisePredictability(outcomes).medianRatio as number;
    };
    expect(new Set(sprints.map((s) => s.team))).toEqual(
      new Set(['t-checkout', 't-catalog', 't-ios', 't-android']),
    );
    for (const team of ['t-checkout', 't-catalog']) expect(medianRatio(team)).toBeGreaterThanOrEqual(0.8);
    for (const team of ['t-ios', 't-android']) {
      expect(medianRatio(team)).toBeLessThan(0.85);
      expect(medianRatio(team)).toBeLessThan(medianRatio('t-checkout') - 0.05);
    }
    // Every team has its next sprint planned, without dates.
    expect(sprints.filter((s) => s.state === 'future' && s.start === undefined)).toHaveLength(4);
  });
});

/** `flowlens demo …` in-process. */
const demoCli = (args: string[]) => cli(['demo', ...args]);

describe('flowlens demo', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowlens-demo-test-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the demo into a SQLite database with nothing rejected and nothing unresolved', async () => {
    const db = join(dir, 'demo.db');
    const result = await demoCli(['--db', db, '--scale', '2000', '--seed', '5', '--until', UNTIL, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.items).toBe(2000);
    expect(summary.records.workItem).toBe(2000);
    expect(summary.import.rejected).toBe(0);
    expect(summary.import.unresolved).toEqual([]);
    expect(summary.import.records).toBe(summary.totalRecords);
    expect(summary.story.aiRollout).toBe('2025-03-31');

    const store = await openSqliteStore(db);
    try {
      const row = await store.db
        .selectFrom('work_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      expect(Number(row?.n)).toBe(2000);
      // Loading the same demo again changes nothing.
      const again = await loadDemoOrganisation(store, { seed: 5, scale: 2000, until: UNTIL });
      expect(again.import.totals.rejected).toBe(0);
      const counts = Object.values(again.import.totals.counts);
      expect(counts.reduce((n, c) => n + c.inserted + c.updated, 0)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('prints what it imported and the story to look for', async () => {
    const result = await demoCli(['--db', join(dir, 'human.db'), '--scale', '300', '--until', UNTIL]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Demo organisation: seed 1, scale 300 work items, two years from 2024-01-01',
    );
    expect(result.stdout).toMatch(/workItem\s+300 new, 0 updated, 0 unchanged/);
    expect(result.stdout).toContain('t-devex: an AI coding assistant rolled out on 2025-03-31');
  });

  it('--out writes the same bytes as the generator', async () => {
    const out = join(dir, 'nested', 'demo.ndjson');
    const result = await demoCli(['--out', out, '--scale', '1000', '--seed', '9', '--until', UNTIL]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`to ${out}`);
    const expected = [...records(9, 1000)].map((r) => `${JSON.stringify(r)}\n`).join('');
    expect(readFileSync(out, 'utf8')).toBe(expected);
  });

  it.each([
    [['--scale', 'huge'], '--scale: "huge" is not small, large or a positive whole number'],
    [['--scale', '0'], '--scale: "0" is not small, large or a positive whole number'],
    [['--seed', 'abc'], '--seed: "abc" is not a whole number from 0 to 4294967295'],
    [['--until', '2025-13-01'], '--until: "2025-13-01" is not a date as YYYY-MM-DD'],
    [['--out', 'demo.json'], '--out: "demo.json" must end in .ndjson or .jsonl'],
    [['--out', 'demo.ndjson', '--db', 'x.db'], 'give either --out or --db, not both'],
  ])('rejects %j with exit code 2', async (args, message) => {
    const result = await demoCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
