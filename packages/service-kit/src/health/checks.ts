import { queryRows, type StoreDatabase } from '@causeway/event-store';
import type { NatsConnection } from '@nats-io/nats-core';
import { sql } from 'drizzle-orm';
import type { ReadinessCheck } from './runChecks.js';

/** The database answers a query (a pool that cannot connect fails here). */
export const databaseCheck =
  (db: StoreDatabase): ReadinessCheck =>
  async () => {
    await queryRows(db, sql`SELECT 1`);
  };

/** The NATS connection is open and the server answers a round trip. */
export const natsCheck =
  (nc: Pick<NatsConnection, 'isClosed' | 'flush'>): ReadinessCheck =>
  async () => {
    if (nc.isClosed()) throw new Error('The NATS connection is closed');
    await nc.flush();
  };
