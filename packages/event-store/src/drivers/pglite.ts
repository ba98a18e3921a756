import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { createEventStore, type DrizzleEventStore, type EventStoreOptions } from '../createEventStore.js';
import type { StoreDatabase } from '../db.js';
import { migrate } from '../migrate.js';

export interface PGliteEventStoreOptions extends EventStoreOptions {
  /** Directory of the embedded database; omitted: in memory, gone on `close`. */
  dataDir?: string;
  /** A PGlite instance you own instead (the store will not close it). */
  pglite?: PGlite;
  /** Apply the migrations before returning; default true (an embedded database starts empty). */
  migrate?: boolean;
}

/**
 * The embedded driver, on PGlite: the same store in-process, for `pnpm dev` without a server and
 * for tests. PGlite is one connection: a transaction holds it, so inside `transaction` or
 * `withCheckpoint` use the `tx` (or `store.within(tx)`), never the store itself.
 */
export const createPGliteEventStore = async (
  options: PGliteEventStoreOptions = {},
): Promise<DrizzleEventStore> => {
  const owned = options.pglite === undefined;
  const pglite = options.pglite ?? (options.dataDir ? new PGlite(options.dataDir) : new PGlite());
  await pglite.waitReady;
  if (options.migrate ?? true) {
    try {
      await migrate({ pglite });
    } catch (error) {
      if (owned) await pglite.close();
      throw error;
    }
  }
  const db = drizzle({ client: pglite }) as unknown as StoreDatabase;
  return createEventStore(db, options, async () => {
    if (owned) await pglite.close();
  });
};
