/**
 * What changed between two versions of a mapping (docs/organisation.md, "The mapping editor"):
 * entry by entry, for statuses (stage and state), types (flow type) and environments. Saving a
 * mapping stores these changes with the version, so its history says who changed what. Pure.
 */
import type { FlowState, FlowType, Stage } from '../domain/index.js';
import { compareText } from './snapshot.js';

export interface StatusClassification {
  readonly stage: Stage;
  readonly state: FlowState;
}

/** The content of a mapping row: a source's, or a team's override of it. */
export interface MappingContent {
  readonly statuses: Readonly<Record<string, StatusClassification>>;
  readonly types: Readonly<Record<string, FlowType>>;
  /** null: the source names no environments (the default rule applies). */
  readonly environments: Readonly<Record<string, string>> | null;
}

export type MappingEntryKind = 'status' | 'type' | 'environment';

/** One entry added, changed or removed; `before` / `after` null when it was absent. */
export interface MappingChange {
  readonly kind: MappingEntryKind;
  readonly raw: string;
  readonly before: StatusClassification | string | null;
  readonly after: StatusClassification | string | null;
}

const KIND_ORDER: readonly MappingEntryKind[] = ['status', 'type', 'environment'];

/** The changes from `before` to `after` (null: no mapping), by kind then raw value. */
export function diffMappings(before: MappingContent | null, after: MappingContent | null): MappingChange[] {
  const changes: MappingChange[] = [];
  const compare = <T>(
    kind: MappingEntryKind,
    a: Readonly<Record<string, T>>,
    b: Readonly<Record<string, T>>,
  ) => {
    for (const raw of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText)) {
      const x = Object.hasOwn(a, raw) ? (a[raw] as T) : null;
      const y = Object.hasOwn(b, raw) ? (b[raw] as T) : null;
      if (JSON.stringify(x) !== JSON.stringify(y))
        changes.push({ kind, raw, before: x as MappingChange['before'], after: y as MappingChange['after'] });
    }
  };
  compare('status', before?.statuses ?? {}, after?.statuses ?? {});
  compare('type', before?.types ?? {}, after?.types ?? {});
  compare('environment', before?.environments ?? {}, after?.environments ?? {});
  return changes.sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareText(a.raw, b.raw),
  );
}

/** Whether two mappings are the same (entry by entry; an empty environments object counts as none). */
export function isSameMapping(a: MappingContent | null, b: MappingContent | null): boolean {
  if (a === null || b === null) return a === b;
  return diffMappings(a, b).length === 0;
}

/** One change in words: `status "Review": create / waiting → create / active`. */
export function describeChange(change: MappingChange): string {
  const show = (value: MappingChange['before']) =>
    value === null ? '(none)' : typeof value === 'string' ? value : `${value.stage} / ${value.state}`;
  return `${change.kind} "${change.raw}": ${show(change.before)} → ${show(change.after)}`;
}

/** A short summary: "2 statuses, 1 type", or "no change". */
export function summarizeChanges(changes: readonly MappingChange[]): string {
  const count = (kind: MappingEntryKind) => changes.filter((c) => c.kind === kind).length;
  const parts: string[] = [];
  const statuses = count('status');
  const types = count('type');
  const environments = count('environment');
  if (statuses > 0) parts.push(`${statuses} status${statuses === 1 ? '' : 'es'}`);
  if (types > 0) parts.push(`${types} type${types === 1 ? '' : 's'}`);
  if (environments > 0) parts.push(`${environments} environment${environments === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'no change' : parts.join(', ');
}
