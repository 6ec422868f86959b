/**
 * The demo's sprints: the Scrum teams of the Jira project (checkout, catalog, iOS, Android) plan in
 * two-week sprints, so flow predictability (docs/metrics.md §9) has something to show. The other
 * teams work in flow (Kanban boards, GitHub and GitLab) and have no sprints.
 *
 * A Scrum team's item is in the sprint it is finished in (released, cancelled, or still open when
 * the history ends): planned at that sprint's planning (just before its start) when the team knew it
 * by then (created, and ready by early in the sprint), else added when it became ready. Some planned
 * items slip: they were planned into the sprint before too and carried over at its close (they stay
 * in the closed sprint, as in Jira), or now and then taken out mid-sprint. The checkout and catalog
 * teams slip about one item in ten and sit in the 80–100 % band; the iOS and Android teams slip
 * about three in ten. A cancelled item leaves its sprint when cancelled.
 *
 * Everything is derived from the items' histories and a stateless hash of the item number, never
 * from the generator's random stream: the rest of the demo is the same with or without sprints.
 */

import { formatInstant } from '../contract/index.js';
import { DAY_MS, hashUnit, isoWeekday } from '../domain/index.js';

/** Teams that plan in sprints. */
export const SCRUM_TEAMS: readonly string[] = ['t-checkout', 't-catalog', 't-ios', 't-android'];

const SPRINT_DAYS = 14;
const HOUR_MS = 3_600_000;
/** Ready in the first this share of a sprint: planned at its planning. */
const PLANNED_SHARE = 0.3;
/** Of the items that slip, the share taken out mid-sprint rather than carried over at the close. */
const REMOVE_SHARE = 0.25;
/** Teams that deliver about 90 % of their plan; the others about 70 %. */
const STEADY_TEAMS: readonly string[] = ['t-checkout', 't-catalog'];

interface Membership {
  readonly item: string;
  readonly added: number;
  removed: number | null;
}

interface TeamSprints {
  readonly team: string;
  readonly name: string;
  readonly index: number;
  /** Start of sprint 0 (a Monday, 09:00 UTC). */
  readonly firstStartMs: number;
  readonly members: Map<number, Membership[]>;
}

/** The history of one item, as the generator built it: parallel arrays of its status changes. */
export interface ItemHistoryView {
  readonly at: readonly number[];
  readonly to: readonly string[];
}

export class DemoSprints {
  private readonly teams = new Map<string, TeamSprints>();

  /**
   * @param firstDay the first day of the demo's history (run-in included)
   * @param untilMs where the history ends: sprints closing by then are closed, the one running is active
   */
  constructor(
    private readonly source: string,
    teams: readonly { readonly id: string; readonly name: string }[],
    firstDay: number,
    private readonly untilMs: number,
  ) {
    let monday = firstDay;
    while (isoWeekday(monday) !== 0) monday++;
    teams
      .filter((t) => SCRUM_TEAMS.includes(t.id))
      .forEach((t, index) => {
        // Teams alternate weeks, so not every board plans on the same Monday.
        this.teams.set(t.id, {
          team: t.id,
          name: t.name,
          index,
          firstStartMs: (monday + (index % 2) * 7) * DAY_MS + 9 * HOUR_MS,
          members: new Map(),
        });
      });
  }

  private startOf(team: TeamSprints, k: number): number {
    return team.firstStartMs + k * SPRINT_DAYS * DAY_MS;
  }

  private closeOf(team: TeamSprints, k: number): number {
    return this.startOf(team, k + 1) - 8 * HOUR_MS + 30 * 60_000;
  }

  /**
   * Notes the sprints of an item of a team (nothing for a team without sprints): `doneMs` is its
   * completion (NaN: not done), `cancelledMs` when it was cancelled (NaN: it was not).
   */
  note(
    teamId: string,
    item: { readonly id: string; readonly number: number; readonly createdAtMs: number },
    history: ItemHistoryView,
    doneMs: number,
    cancelledMs: number,
  ): void {
    const team = this.teams.get(teamId);
    if (team === undefined) return;
    const readyAt = history.to.findIndex((status) => status === 'Ready' || status === 'In Progress');
    if (readyAt < 0) return;
    const readyMs = history.at[readyAt] as number;
    const n = item.number;
    // The sprint it finishes in (or is cancelled in, or is still open in when the history ends).
    const endMs = Number.isNaN(doneMs)
      ? Number.isNaN(cancelledMs)
        ? this.untilMs - 1
        : cancelledMs
      : doneMs;
    const k = this.sprintAt(team, endMs);
    if (k < 0 || this.startOf(team, k) >= this.untilMs) return;
    const planningOf = (sprint: number) => this.startOf(team, sprint) - (1 + ((n + sprint) % 4)) * HOUR_MS;
    const members = (sprint: number) => {
      let list = team.members.get(sprint);
      if (list === undefined) {
        list = [];
        team.members.set(sprint, list);
      }
      return list;
    };
    const known = (at: number) =>
      item.createdAtMs <= at && readyMs <= at + PLANNED_SHARE * SPRINT_DAYS * DAY_MS;
    // Planned into the sprint before, where it slipped: carried over (or, now and then, taken out).
    if (k > 0 && known(planningOf(k - 1)) && hashUnit(n, team.index, 3) < this.slipChance(team)) {
      const before: Membership = { item: item.id, added: planningOf(k - 1), removed: null };
      if (hashUnit(n, team.index, 5) < REMOVE_SHARE) {
        const start = this.startOf(team, k - 1);
        before.removed =
          start + Math.floor((0.3 + 0.4 * hashUnit(n, team.index, 7)) * (this.closeOf(team, k - 1) - start));
      }
      members(k - 1).push(before);
    }
    const added = known(planningOf(k)) ? planningOf(k) : Math.max(readyMs, this.startOf(team, k) + HOUR_MS);
    const membership: Membership = { item: item.id, added, removed: null };
    if (Number.isNaN(doneMs) && !Number.isNaN(cancelledMs)) membership.removed = Math.max(added, cancelledMs);
    members(k).push(membership);
  }

  /** The sprint running at `atMs` (from its start to the next one's), or -1 before the first. */
  private sprintAt(team: TeamSprints, atMs: number): number {
    if (atMs < team.firstStartMs) return -1;
    return Math.floor((atMs - team.firstStartMs) / (SPRINT_DAYS * DAY_MS));
  }

  /** The share of a team's planned items that slip to the next sprint. */
  private slipChance(team: TeamSprints): number {
    return STEADY_TEAMS.includes(team.team) ? 0.1 : 0.3;
  }

  /** The `sprint` records: every sprint started by `untilMs`, and each team's next (future) one. */
  *records(): Generator<Record<string, unknown>, void, undefined> {
    for (const team of this.teams.values()) {
      for (let k = 0; ; k++) {
        const startMs = this.startOf(team, k);
        const sprintId = String((team.index + 1) * 1000 + k + 1);
        const name = `${team.name} Sprint ${k + 1}`;
        if (startMs >= this.untilMs) {
          yield { kind: 'sprint', source: this.source, id: sprintId, name, team: team.team, state: 'future' };
          break;
        }
        const endMs = this.startOf(team, k + 1) - 8 * HOUR_MS;
        const closeMs = this.closeOf(team, k);
        const closed = closeMs <= this.untilMs;
        const members = team.members.get(k) ?? [];
        members.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : a.added - b.added));
        yield {
          kind: 'sprint',
          source: this.source,
          id: sprintId,
          name,
          team: team.team,
          state: closed ? 'closed' : 'active',
          start: formatInstant(startMs),
          end: formatInstant(endMs),
          ...(closed ? { completedAt: formatInstant(closeMs) } : {}),
          items: members.map((m) => ({
            item: m.item,
            added: formatInstant(m.added),
            ...(m.removed === null || m.removed >= this.untilMs ? {} : { removed: formatInstant(m.removed) }),
          })),
        };
      }
    }
  }
}
