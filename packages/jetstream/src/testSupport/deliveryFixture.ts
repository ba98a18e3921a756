import { createPostgresEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import { migrateDelivery } from '../migrate.js';
import { isolateNats, type NatsIsolation } from '../testing/natsIsolation.js';
import { ensureTopology } from '../topology/ensureTopology.js';

export interface DeliveryFixture {
  db: TestDatabase;
  store: DrizzleEventStore;
  nats: NatsIsolation;
  cleanup(): Promise<void>;
}

/** A database and a stream prefix of the test file's own, with the schema and the streams in place. */
export const deliveryFixture = async (
  label: string,
  { duplicateWindowMs }: { duplicateWindowMs?: number } = {},
): Promise<DeliveryFixture> => {
  const db = await createTestDatabase({ label });
  const store = await createPostgresEventStore({ url: db.url, migrate: true });
  await migrateDelivery(store.db);
  const nats = await isolateNats({ label });
  await ensureTopology({
    jsm: nats.jsm,
    prefix: nats.prefix,
    ...(duplicateWindowMs ? { duplicateWindowMs } : {}),
  });
  return {
    db,
    store,
    nats,
    async cleanup() {
      await nats.cleanup();
      await store.close();
      await db.drop();
    },
  };
};
