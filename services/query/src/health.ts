import { queryRows, type StoreDatabase } from '@causeway/event-store';
import type { RunnerStatus } from '@causeway/jetstream';
import type { ReadinessCheck } from '@causeway/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import { sql } from 'drizzle-orm';

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

/** The projection consumer still runs: a halted one (a poison event under the halt policy) never catches up. */
export const projectionCheck =
  (status: () => RunnerStatus | undefined): ReadinessCheck =>
  async () => {
    if (status() === 'halted') throw new Error('The projection consumer halted');
  };
