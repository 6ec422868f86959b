/**
 * The product management network (docs/organisation.md, "The product management network"): the
 * people holding product roles (product managers, product owners, architects, business analysts, UX
 * and security leads) and who coordinates with whom — two people are linked when they hold roles in
 * the same value stream, or when teams they are responsible for depend on each other. Pure.
 */
import type { RoleName } from '../domain/index.js';
import { PRODUCT_ROLES } from './roles.js';
import {
  activeAssignments,
  compareText,
  type OrgSnapshot,
  personName,
  sortedUnique,
  valueStreamOf,
} from './snapshot.js';

/** Two teams whose work depends on each other, and how many work items show it. */
export interface TeamDependency {
  /** The two teams, in id order. */
  readonly teams: readonly [string, string];
  /** Work items of either team under a parent the other team's items share. */
  readonly items: number;
}

export interface NetworkPerson {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly {
    readonly role: RoleName;
    readonly valueStream: string | null;
    readonly team: string | null;
  }[];
  /** The value streams the person holds product roles in (directly or through a team). */
  readonly valueStreams: readonly string[];
  /** The teams the person is responsible for: their own teams, and every team of their value streams' roles. */
  readonly teams: readonly string[];
}

export interface NetworkLink {
  readonly source: string;
  readonly target: string;
  /** Value streams both hold product roles in. */
  readonly valueStreams: readonly string[];
  /** Dependencies between a team of one and a team of the other. */
  readonly dependencies: readonly TeamDependency[];
}

export interface ProductNetwork {
  readonly asOfMs: number;
  readonly people: readonly NetworkPerson[];
  /** The value streams the people hold roles in. */
  readonly valueStreams: readonly { readonly id: string; readonly name: string }[];
  /** The teams the people are responsible for, with their value stream at the instant. */
  readonly teams: readonly {
    readonly id: string;
    readonly name: string;
    readonly valueStream: string | null;
  }[];
  readonly links: readonly NetworkLink[];
  /** The team dependencies the links were made from. */
  readonly dependencies: readonly TeamDependency[];
}

/** The network at the snapshot's instant; people and links in id order. */
export function buildProductNetwork(
  snapshot: OrgSnapshot,
  dependencies: readonly TeamDependency[],
): ProductNetwork {
  const held = activeAssignments(snapshot).filter((a) => PRODUCT_ROLES.includes(a.role));
  const byPerson = new Map<string, typeof held>();
  for (const a of held) byPerson.set(a.person, [...(byPerson.get(a.person) ?? []), a]);
  const people = [...byPerson]
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, assignments]): NetworkPerson => {
      const streams = sortedUnique(
        assignments.map((a) => valueStreamOf(snapshot, a)).filter((v): v is string => v !== null),
      );
      const teams = new Set<string>();
      for (const a of assignments) {
        if (a.team !== null) teams.add(a.team);
        else for (const t of snapshot.teams) if (t.valueStream === a.valueStream) teams.add(t.id);
      }
      const roles = assignments
        .map((a) => ({ role: a.role, valueStream: a.team === null ? a.valueStream : null, team: a.team }))
        .sort(
          (x, y) =>
            compareText(x.role, y.role) ||
            compareText(x.valueStream ?? '', y.valueStream ?? '') ||
            compareText(x.team ?? '', y.team ?? ''),
        );
      return { id, name: personName(snapshot, id), roles, valueStreams: streams, teams: sortedUnique(teams) };
    });
  const links: NetworkLink[] = [];
  for (let i = 0; i < people.length; i++)
    for (let j = i + 1; j < people.length; j++) {
      const a = people[i] as NetworkPerson;
      const b = people[j] as NetworkPerson;
      const shared = a.valueStreams.filter((v) => b.valueStreams.includes(v));
      const deps = dependencies.filter(
        ({ teams: [x, y] }) =>
          (a.teams.includes(x) && b.teams.includes(y)) || (a.teams.includes(y) && b.teams.includes(x)),
      );
      if (shared.length > 0 || deps.length > 0)
        links.push({ source: a.id, target: b.id, valueStreams: shared, dependencies: deps });
    }
  const used = new Set(people.flatMap((p) => p.valueStreams));
  const teams = new Set(people.flatMap((p) => p.teams));
  return {
    asOfMs: snapshot.asOfMs,
    people,
    valueStreams: snapshot.valueStreams
      .filter((v) => used.has(v.id))
      .map((v) => ({ id: v.id, name: v.name })),
    teams: snapshot.teams
      .filter((t) => teams.has(t.id))
      .map((t) => ({ id: t.id, name: t.name, valueStream: t.valueStream })),
    links,
    dependencies,
  };
}

/**
 * Team dependencies from shared parents: for each parent (an epic or initiative) whose children
 * belong to more than one team, every pair of those teams depends on each other; `items` counts the
 * children of both teams under such parents. `children` are (parent key, team) pairs with their
 * item counts.
 */
export function dependenciesFromParents(
  children: readonly { readonly parent: string; readonly team: string; readonly items: number }[],
): TeamDependency[] {
  const byParent = new Map<string, Map<string, number>>();
  for (const c of children) {
    const teams = byParent.get(c.parent) ?? new Map<string, number>();
    teams.set(c.team, (teams.get(c.team) ?? 0) + c.items);
    byParent.set(c.parent, teams);
  }
  const pairs = new Map<string, { teams: [string, string]; items: number }>();
  for (const teams of byParent.values()) {
    const ids = [...teams.keys()].sort(compareText);
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const x = ids[i] as string;
        const y = ids[j] as string;
        const key = JSON.stringify([x, y]);
        const pair = pairs.get(key) ?? { teams: [x, y], items: 0 };
        pair.items += (teams.get(x) as number) + (teams.get(y) as number);
        pairs.set(key, pair);
      }
  }
  return [...pairs.values()].sort(
    (a, b) => compareText(a.teams[0], b.teams[0]) || compareText(a.teams[1], b.teams[1]),
  );
}
