/**
 * The engine's start-up snapshot on disk: the fact index written as one file (metrics/fact-snapshot.ts)
 * next to the SQLite database (`flowlens.db.facts`) or, for PostgreSQL, in the data directory's
 * cache (`$FLOWLENS_HOME/cache/facts-<store id>.snapshot`). Written whole to a temporary file and
 * renamed, so a reader never sees half a snapshot; stamped with the facts version it was made from,
 * so a snapshot of other facts is never used. Deleting it is always safe: the next start loads the
 * facts from the database and writes it again.
 */
import { readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  decodeSnapshot,
  encodeSnapshot,
  type FactIndex,
  SnapshotError,
  type SnapshotStamp,
} from '../metrics/index.js';
import { resolveDataHome, type Store } from '../store/index.js';
import { readFactsVersion } from './facts.js';

/** Where the snapshot of a store's facts is kept (null: an in-memory database keeps none). */
export async function defaultSnapshotPath(
  store: Store,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | null> {
  if (store.dialect === 'sqlite') {
    if (store.location === ':memory:' || store.location === '') return null;
    return `${store.location}.facts`;
  }
  const { storeId } = await readFactsVersion(store.db);
  return join(resolveDataHome(env), 'cache', `facts-${storeId}.snapshot`);
}

export type SnapshotLoad =
  | { readonly index: FactIndex; readonly ms: number }
  | { readonly index: null; readonly reason: string };

/** The index in the snapshot at `path` if it was made from the facts `stamp` names. */
export function loadSnapshot(path: string, stamp: SnapshotStamp): SnapshotLoad {
  const started = performance.now();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      index: null,
      reason: code === 'ENOENT' ? 'no snapshot yet' : `the snapshot cannot be read (${code})`,
    };
  }
  try {
    const index = decodeSnapshot(bytes, stamp);
    if (index === null) return { index: null, reason: 'the snapshot is of other facts' };
    return { index, ms: performance.now() - started };
  } catch (error) {
    if (error instanceof SnapshotError)
      return { index: null, reason: `the snapshot is unusable: ${error.message}` };
    throw error;
  }
}

/**
 * Writes the snapshot of `index` (made from the facts `stamp` names) to `path`, atomically. The
 * writing happens off the main thread; the index must not change until the promise settles.
 */
export async function saveSnapshot(
  path: string,
  index: FactIndex,
  stamp: SnapshotStamp,
): Promise<{ bytes: number }> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  let bytes = 0;
  const file = await open(temporary, 'w', 0o600);
  try {
    for (const part of encodeSnapshot(index, stamp)) {
      let written = 0;
      while (written < part.byteLength) written += (await file.write(part, written)).bytesWritten;
      bytes += part.byteLength;
    }
    await file.close();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  await rename(temporary, path);
  return { bytes };
}
