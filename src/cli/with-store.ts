/** Opens the store a command asked for (`--db`, `$FLOWLENS_DB`, or the embedded default) and closes it. */
import { openStore, type Store } from '../store/index.js';
import type { CliIo } from './io.js';

export async function withStore<T>(
  io: CliIo,
  db: string | undefined,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore({ db, env: io.env });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
