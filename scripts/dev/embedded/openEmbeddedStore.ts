import { join } from 'node:path';
import { allEvents } from '@causeway/contracts';
import { createPGliteEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { migrateDelivery } from '@causeway/jetstream';
import { migratePayment } from '@causeway/payment-service';
import { migrateReadModel } from '@causeway/query-service';
import { migrateSaga } from '@causeway/saga-service';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './dataDirLock.js';

export interface EmbeddedStore {
  pglite: PGlite;
  store: DrizzleEventStore;
  /** Closes the store and PGlite, and releases the data directory. */
  close(): Promise<void>;
}

/**
 * The one database of embedded mode: PGlite under `<dataDir>/pglite`, kept between runs, with
 * every migration the services apply in stack mode, in the same order: the event store's, the
 * delivery tables', then each service's own.
 */
export const openEmbeddedStore = async (dataDir: string): Promise<EmbeddedStore> => {
  const unlock = lockDataDir(dataDir);
  const pglite = new PGlite(join(dataDir, 'pglite'));
  try {
    await pglite.waitReady;
    const store = await createPGliteEventStore({ pglite, registry: allEvents });
    await migrateDelivery(store.db);
    await migrateReadModel(store.db);
    await migratePayment(store.db);
    await migrateSaga(store.db);
    return {
      pglite,
      store,
      close: async () => {
        await store.close();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    await pglite.close().catch(() => {});
    unlock();
    throw error;
  }
};
