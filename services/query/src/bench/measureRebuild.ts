import { allEvents } from '@causeway/contracts';
import { createPostgresEventStore } from '@causeway/event-store';
import { createTestDatabase } from '@causeway/event-store/testing';
import { migrateReadModel } from '../db/migrate.js';
import { rebuildReadModel } from '../rebuild/rebuildReadModel.js';
import { seedOrderFlows } from './seedEvents.js';

/**
 * `pnpm --filter @causeway/query-service bench:rebuild [orders] [batchSize]`: seeds a throwaway database with
 * `orders` order flows (three events each), rebuilds the read model from it, and prints the rate.
 * Uses the local PostgreSQL (`PG_ADMIN_URL`); the database is dropped afterwards.
 */
const orders = Number(process.argv[2] ?? 50_000);
const batchSize = Number(process.argv[3] ?? 5_000);
const database = await createTestDatabase({ label: 'rebuildbench' });
const store = await createPostgresEventStore({ url: database.url, migrate: true, registry: allEvents });
try {
  await migrateReadModel(store.db);
  const seeded = performance.now();
  const events = await seedOrderFlows(store.db, orders);
  process.stderr.write(`seeded ${events} events in ${Math.round(performance.now() - seeded)} ms\n`);
  const result = await rebuildReadModel({
    store,
    batchSize,
    onProgress: (p) => process.stderr.write(`${p.phase} ${p.percent}% ${p.eventsPerSecond} events/s\n`),
  });
  process.stdout.write(`${JSON.stringify({ orders, ...result })}\n`);
} finally {
  await store.close();
  await database.drop();
}
