/** A small organisation for the unit tests of the role rules (src/org). */
import type { RoleName } from '../../src/domain/index.js';
import type { OrgSnapshot, RoleAssignment } from '../../src/org/index.js';

export const NOW = 1_000_000;

let next = 0;
export function assign(
  person: string,
  role: RoleName,
  scope: { valueStream: string } | { team: string },
  fromMs: number | null = null,
  toMs: number | null = null,
): RoleAssignment {
  next++;
  return {
    id: `a${next}`,
    person,
    role,
    valueStream: 'valueStream' in scope ? scope.valueStream : null,
    team: 'team' in scope ? scope.team : null,
    fromMs,
    toMs,
  };
}

/** Every value-stream role of vs-1 held by one person each, and a product owner per team. */
export function coveredStream(stream: string, teams: readonly string[], prefix: string): RoleAssignment[] {
  const roles: RoleName[] = [
    'product-manager',
    'architect',
    'business-analyst',
    'ux-lead',
    'security-lead',
    'dvs-facilitator',
    'qa-lead',
    'adoption-lead',
  ];
  return [
    ...roles.map((role) => assign(`${prefix}-${role}`, role, { valueStream: stream })),
    ...teams.map((team) => assign(`${prefix}-po-${team}`, 'product-owner', { team })),
  ];
}

export function snapshot(
  assignments: readonly RoleAssignment[],
  options: {
    teams?: readonly { id: string; valueStream: string | null }[];
    valueStreams?: readonly string[];
    archivedPeople?: readonly string[];
  } = {},
): OrgSnapshot {
  const teams = options.teams ?? [
    { id: 't-a', valueStream: 'vs-1' },
    { id: 't-b', valueStream: 'vs-1' },
    { id: 't-c', valueStream: 'vs-2' },
  ];
  const streams = options.valueStreams ?? ['vs-1', 'vs-2'];
  const people = new Map<string, { name: string; archived: boolean }>();
  for (const a of assignments)
    people.set(a.person, {
      name: `Name of ${a.person}`,
      archived: options.archivedPeople?.includes(a.person) ?? false,
    });
  return {
    asOfMs: NOW,
    valueStreams: streams.map((id) => ({ id, name: `Stream ${id}` })),
    teams: teams.map((t) => ({ ...t, name: `Team ${t.id}` })),
    people,
    assignments,
  };
}
