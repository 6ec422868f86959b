/**
 * The organisation at one instant, as the role rules take it: the value streams and teams that are
 * not archived (each team in the value stream it belonged to at that instant), the people, and the
 * role assignments. Pure.
 */
import type { RoleName } from '../domain/index.js';

/** A role held by a person in a value stream or a team, from `fromMs` (included) to `toMs` (excluded). */
export interface RoleAssignment {
  /** An opaque, stable id of the assignment (its natural key, encoded). */
  readonly id: string;
  readonly person: string;
  readonly role: RoleName;
  readonly valueStream: string | null;
  readonly team: string | null;
  /** null: since ever. */
  readonly fromMs: number | null;
  /** null: still held. */
  readonly toMs: number | null;
}

export interface OrgSnapshot {
  readonly asOfMs: number;
  /** The value streams that are not archived. */
  readonly valueStreams: readonly { readonly id: string; readonly name: string }[];
  /** The teams that are not archived, with the value stream they belonged to at `asOfMs`. */
  readonly teams: readonly {
    readonly id: string;
    readonly name: string;
    readonly valueStream: string | null;
  }[];
  /** People by id; a person named by an assignment but not listed is shown by id. */
  readonly people: ReadonlyMap<string, { readonly name: string; readonly archived: boolean }>;
  readonly assignments: readonly RoleAssignment[];
}

/** Whether the assignment holds at instant t. */
export function isHeldAt(assignment: Pick<RoleAssignment, 'fromMs' | 'toMs'>, t: number): boolean {
  return (
    (assignment.fromMs === null || assignment.fromMs <= t) &&
    (assignment.toMs === null || t < assignment.toMs)
  );
}

/** A person's display name. */
export function personName(snapshot: OrgSnapshot, person: string): string {
  return snapshot.people.get(person)?.name ?? person;
}

/**
 * The assignments that count at the snapshot's instant: held then, by a person who is not archived,
 * in a value stream or team that is not archived.
 */
export function activeAssignments(snapshot: OrgSnapshot): RoleAssignment[] {
  const streams = new Set(snapshot.valueStreams.map((v) => v.id));
  const teams = new Set(snapshot.teams.map((t) => t.id));
  return snapshot.assignments.filter(
    (a) =>
      isHeldAt(a, snapshot.asOfMs) &&
      snapshot.people.get(a.person)?.archived !== true &&
      (a.team === null ? a.valueStream !== null && streams.has(a.valueStream) : teams.has(a.team)),
  );
}

/** The value stream an assignment is held in at the snapshot's instant (a team's, for a team role). */
export function valueStreamOf(snapshot: OrgSnapshot, assignment: RoleAssignment): string | null {
  if (assignment.team === null) return assignment.valueStream;
  return snapshot.teams.find((t) => t.id === assignment.team)?.valueStream ?? null;
}

/** Sorted, without repeats. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
