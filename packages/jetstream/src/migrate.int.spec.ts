import { createPostgresEventStore, type DrizzleEventStore, queryRows } from '@causeway/event-store';
import { createTestDatabase } from '@causeway/event-store/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrateDelivery } from './migrate.js';

describe('migrateDelivery', () => {
  it('creates subscriber_streams once, even with several processes migrating at the same time', async () => {
    const db = await createTestDatabase({ label: 'jsmigrate' });
    const stores = await Promise.all(
      [1, 2, 3].map(() => createPostgresEventStore({ url: db.url, migrate: true, max: 2 })),
    );
    try {
      await Promise.all(stores.map((store) => migrateDelivery(store.db)));
      const { db: first } = stores[0] as DrizzleEventStore;
      const rows = await queryRows<{ n: number }>(
        first,
        sql`SELECT count(*)::int AS n FROM drizzle.__causeway_jetstream_migrations`,
      );
      expect(rows[0]?.n).toBe(1);
      await first.execute(sql`INSERT INTO subscriber_streams VALUES ('s', 'cart-1', 1)`);
      await migrateDelivery(first);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await db.drop();
    }
  });
});
