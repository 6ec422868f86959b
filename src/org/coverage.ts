/**
 * Role coverage per value stream (docs/organisation.md, "Roles"): the matrix of the DVS roles ×
 * who holds them, for the value stream itself and for each of its teams; the gaps (a value-stream
 * role nobody holds, a team without a product owner), and the people of the stream who are
 * overloaded. Everything at one instant, from the assignments valid then. Pure.
 */
import { ROLE_NAMES, type RoleName } from '../domain/index.js';
import { findOverload, type Overload } from './overload.js';
import {
  type OverloadLimits,
  ROLE_GAP_CONSEQUENCES,
  ROLE_GROUPS,
  ROLE_LABELS,
  type RoleGroup,
  TEAM_ROLE,
  VALUE_STREAM_ROLES,
} from './roles.js';
import {
  activeAssignments,
  compareText,
  type OrgSnapshot,
  personName,
  type RoleAssignment,
  sortedUnique,
} from './snapshot.js';

/** Someone holding a role, with the assignment that makes it so. */
export interface Holder {
  readonly person: string;
  readonly name: string;
  readonly assignment: string;
  readonly fromMs: number | null;
  readonly toMs: number | null;
}

/** One role of the matrix: who holds it for the value stream, and in each team. */
export interface CoverageRow {
  readonly role: RoleName;
  readonly label: string;
  readonly groups: readonly RoleGroup[];
  /** Where the role is required: for the value stream, in every team, or nowhere. */
  readonly required: 'valueStream' | 'team' | null;
  readonly valueStream: readonly Holder[];
  /** Per team id (every team of the stream is a key). */
  readonly teams: Readonly<Record<string, readonly Holder[]>>;
}

export interface RoleGap {
  readonly role: RoleName;
  /** The team without the role (a team gap); absent for a value-stream gap. */
  readonly team?: string;
  readonly why: string;
}

export interface ValueStreamCoverage {
  readonly valueStream: { readonly id: string; readonly name: string };
  readonly teams: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly CoverageRow[];
  /** Everyone holding each role in the stream (for the stream or in one of its teams), by id. */
  readonly roles: Readonly<Record<RoleName, readonly string[]>>;
  readonly gaps: readonly RoleGap[];
  /** The overloaded people who hold a role in this stream. */
  readonly overloaded: readonly Overload[];
}

export interface RoleCoverage {
  readonly asOfMs: number;
  readonly limits: OverloadLimits;
  readonly valueStreams: readonly ValueStreamCoverage[];
  /** Everyone overloaded, organisation-wide. */
  readonly overloaded: readonly Overload[];
}

/** The coverage of every value stream of the snapshot (in its order), and the overloaded people. */
export function computeRoleCoverage(snapshot: OrgSnapshot, limits: OverloadLimits): RoleCoverage {
  const overloaded = findOverload(snapshot, limits);
  const active = activeAssignments(snapshot);
  return {
    asOfMs: snapshot.asOfMs,
    limits,
    valueStreams: snapshot.valueStreams.map((vs) => streamCoverage(snapshot, active, overloaded, vs)),
    overloaded,
  };
}

/**
 * The gaps of one value stream: each role of VALUE_STREAM_ROLES that nobody holds for the value
 * stream itself (a team-level holder does not stand in for it), then each team of the stream without
 * a product owner.
 */
export function findRoleGaps(snapshot: OrgSnapshot, valueStream: string): RoleGap[] {
  return gapsOf(snapshot, activeAssignments(snapshot), valueStream);
}

function streamCoverage(
  snapshot: OrgSnapshot,
  active: readonly RoleAssignment[],
  overloaded: readonly Overload[],
  vs: { readonly id: string; readonly name: string },
): ValueStreamCoverage {
  const teams = snapshot.teams
    .filter((t) => t.valueStream === vs.id)
    .map((t) => ({ id: t.id, name: t.name }));
  const teamIds = new Set(teams.map((t) => t.id));
  const inStream = active.filter((a) => (a.team === null ? a.valueStream === vs.id : teamIds.has(a.team)));
  const holder = (a: RoleAssignment): Holder => ({
    person: a.person,
    name: personName(snapshot, a.person),
    assignment: a.id,
    fromMs: a.fromMs,
    toMs: a.toMs,
  });
  const byHolder = (x: Holder, y: Holder) => compareText(x.name, y.name) || compareText(x.person, y.person);
  const rows = ROLE_NAMES.map((role): CoverageRow => {
    const held = inStream.filter((a) => a.role === role);
    return {
      role,
      label: ROLE_LABELS[role],
      groups: ROLE_GROUPS.filter((g) => g.roles.includes(role)).map((g) => g.group),
      required: VALUE_STREAM_ROLES.includes(role) ? 'valueStream' : role === TEAM_ROLE ? 'team' : null,
      valueStream: held
        .filter((a) => a.team === null)
        .map(holder)
        .sort(byHolder),
      teams: Object.fromEntries(
        teams.map((t) => [
          t.id,
          held
            .filter((a) => a.team === t.id)
            .map(holder)
            .sort(byHolder),
        ]),
      ),
    };
  });
  const roles = Object.fromEntries(
    ROLE_NAMES.map((role) => [
      role,
      sortedUnique(inStream.filter((a) => a.role === role).map((a) => a.person)),
    ]),
  ) as Record<RoleName, string[]>;
  const people = new Set(inStream.map((a) => a.person));
  return {
    valueStream: { id: vs.id, name: vs.name },
    teams,
    rows,
    roles,
    gaps: gapsOf(snapshot, active, vs.id),
    overloaded: overloaded.filter((o) => people.has(o.person)),
  };
}

function gapsOf(snapshot: OrgSnapshot, active: readonly RoleAssignment[], valueStream: string): RoleGap[] {
  const stream = snapshot.valueStreams.find((v) => v.id === valueStream);
  if (stream === undefined) return [];
  const gaps: RoleGap[] = [];
  for (const role of VALUE_STREAM_ROLES) {
    const held = active.some((a) => a.team === null && a.valueStream === valueStream && a.role === role);
    if (!held)
      gaps.push({
        role,
        why: `${stream.name} has no ${ROLE_LABELS[role].toLowerCase()}: ${ROLE_GAP_CONSEQUENCES[role]}.`,
      });
  }
  for (const team of snapshot.teams.filter((t) => t.valueStream === valueStream)) {
    const held = active.some((a) => a.team === team.id && a.role === TEAM_ROLE);
    if (!held)
      gaps.push({
        role: TEAM_ROLE,
        team: team.id,
        why: `${team.name} (${stream.name}) has no ${ROLE_LABELS[TEAM_ROLE].toLowerCase()}: ${ROLE_GAP_CONSEQUENCES[TEAM_ROLE]}.`,
      });
  }
  return gaps;
}
