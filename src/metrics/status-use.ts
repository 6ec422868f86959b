/**
 * Which raw statuses the items of a source went through, from the fact index: for each status, the
 * items whose history passed through it (each counted once) and the items in it now — what the
 * mapping editor lists (docs/organisation.md). Containers count too: their statuses need a mapping
 * as well. One pass over the items' status spans; pure.
 */
import type { FactIndex } from './fact-index.js';

export interface StatusUse {
  readonly source: string;
  readonly status: string;
  /** Items that were ever in the status. */
  readonly items: number;
  /** Items in it now (their last status). */
  readonly current: number;
}

/** The statuses of the items of a source (all sources without one), of one team if given. */
export function statusUse(
  index: FactIndex,
  filter: { readonly source?: string; readonly team?: string } = {},
): StatusUse[] {
  const sourceCode = filter.source === undefined ? undefined : index.sources.find(filter.source);
  const teamCode = filter.team === undefined ? undefined : index.teams.find(filter.team);
  if (
    (filter.source !== undefined && sourceCode === undefined) ||
    (filter.team !== undefined && teamCode === undefined)
  )
    return [];
  const statusCount = index.statuses.size;
  const lastSlot = new Int32Array(statusCount).fill(-1);
  // Per source code and status id: [items, current].
  const counts = new Map<number, Int32Array>();
  for (let slot = 0; slot < index.size; slot++) {
    if (index.alive[slot] !== 1) continue;
    const source = index.source[slot] as number;
    if (sourceCode !== undefined && source !== sourceCode) continue;
    if (teamCode !== undefined && index.team[slot] !== teamCode) continue;
    let perSource = counts.get(source);
    if (perSource === undefined) {
      perSource = new Int32Array(statusCount * 2);
      counts.set(source, perSource);
    }
    const from = index.spanOffset[slot] as number;
    const to = from + (index.spanCount[slot] as number);
    for (let s = from; s < to; s++) {
      const status = index.classStatus[index.spanClass[s] as number] as number;
      if (lastSlot[status] === slot) continue;
      lastSlot[status] = slot;
      perSource[status * 2] = (perSource[status * 2] as number) + 1;
    }
    if (to > from) {
      const last = index.classStatus[index.spanClass[to - 1] as number] as number;
      perSource[last * 2 + 1] = (perSource[last * 2 + 1] as number) + 1;
    }
  }
  const use: StatusUse[] = [];
  for (const [source, perSource] of counts)
    for (let status = 0; status < statusCount; status++) {
      const items = perSource[status * 2] as number;
      if (items > 0)
        use.push({
          source: index.sources.values[source] as string,
          status: index.statuses.values[status] as string,
          items,
          current: perSource[status * 2 + 1] as number,
        });
    }
  return use.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : b.items - a.items));
}
