/**
 * Overload (docs/organisation.md, "Overload"): a person holding roles in more teams or more value
 * streams than the organisation's limits, or a DVS facilitator over more teams than theirs, each
 * with a plain explanation of why it matters. Pure.
 */
import type { OverloadLimits } from './roles.js';
import {
  activeAssignments,
  compareText,
  type OrgSnapshot,
  personName,
  sortedUnique,
  valueStreamOf,
} from './snapshot.js';

export type OverloadRule = 'teams' | 'valueStreams' | 'facilitator';

export interface Overload {
  readonly person: string;
  /** The teams the person holds team roles in, and, when the facilitator rule applies, facilitates. */
  readonly teams: readonly string[];
  /** The value streams the person holds roles in (directly, or through a team of theirs). */
  readonly valueStreams: readonly string[];
  readonly why: string;
  /** The rules that apply, in the order of the explanation. */
  readonly rules: readonly OverloadRule[];
}

/**
 * Everyone overloaded at the snapshot's instant, by person id.
 *
 * - **Teams**: the distinct teams in which the person holds a team role, more than `maxTeams`.
 * - **Value streams**: the distinct value streams in which the person holds a role (a value-stream
 *   role, or a team role in one of its teams), more than `maxValueStreams`.
 * - **Facilitator**: the teams a DVS facilitator facilitates (every team of a value stream they
 *   facilitate, and the teams they facilitate directly), more than `maxFacilitatedTeams`.
 */
export function findOverload(snapshot: OrgSnapshot, limits: OverloadLimits): Overload[] {
  const teamName = new Map(snapshot.teams.map((t) => [t.id, t.name]));
  const streamName = new Map(snapshot.valueStreams.map((v) => [v.id, v.name]));
  const byPerson = new Map<string, { teams: Set<string>; streams: Set<string>; facilitated: Set<string> }>();
  for (const a of activeAssignments(snapshot)) {
    let entry = byPerson.get(a.person);
    if (entry === undefined) {
      entry = { teams: new Set(), streams: new Set(), facilitated: new Set() };
      byPerson.set(a.person, entry);
    }
    if (a.team !== null) entry.teams.add(a.team);
    const stream = valueStreamOf(snapshot, a);
    if (stream !== null && streamName.has(stream)) entry.streams.add(stream);
    if (a.role === 'dvs-facilitator') {
      if (a.team !== null) entry.facilitated.add(a.team);
      else for (const t of snapshot.teams) if (t.valueStream === a.valueStream) entry.facilitated.add(t.id);
    }
  }
  const names = (ids: readonly string[], of: ReadonlyMap<string, string>) =>
    ids.map((id) => of.get(id) ?? id).join(', ');
  const overloaded: Overload[] = [];
  for (const [person, entry] of [...byPerson].sort(([a], [b]) => compareText(a, b))) {
    const teams = sortedUnique(entry.teams);
    const streams = sortedUnique(entry.streams);
    const facilitated = sortedUnique(entry.facilitated);
    const name = personName(snapshot, person);
    const rules: OverloadRule[] = [];
    const reasons: string[] = [];
    if (teams.length > limits.maxTeams) {
      rules.push('teams');
      reasons.push(
        `${name} holds roles in ${teams.length} teams (${names(teams, teamName)}), more than the limit of ${limits.maxTeams}: ` +
          'one person cannot refine, prioritise and accept the work of that many teams, so their backlogs wait for them.',
      );
    }
    if (streams.length > limits.maxValueStreams) {
      rules.push('valueStreams');
      reasons.push(
        `${name} holds roles in ${streams.length} value streams (${names(streams, streamName)}), more than the limit of ${limits.maxValueStreams}: ` +
          'someone split across that many streams cannot take part in each one’s planning and reviews, and decisions wait for them.',
      );
    }
    if (facilitated.length > limits.maxFacilitatedTeams) {
      rules.push('facilitator');
      reasons.push(
        `${name} facilitates ${facilitated.length} teams, more than ${limits.maxFacilitatedTeams}: ` +
          `a DVS facilitator over more than ${limits.maxFacilitatedTeams} teams cannot run their events and remove their impediments, so flow problems stay unattended.`,
      );
    }
    if (rules.length === 0) continue;
    overloaded.push({
      person,
      teams: rules.includes('facilitator') ? sortedUnique([...teams, ...facilitated]) : teams,
      valueStreams: streams,
      why: reasons.join(' '),
      rules,
    });
  }
  return overloaded;
}
