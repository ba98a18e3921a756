import { allEvents } from '@causeway/contracts';
import {
  formatPosition,
  positionParts,
  type StoredEvent,
  schema as storeSchema,
} from '@causeway/event-store';
import { createTestEventStore, type TestEventStore } from '@causeway/event-store/testing';
import { encodeEvent, ensureTopology, migrateDelivery, natsDelivery } from '@causeway/jetstream';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { uuidv7 } from '@causeway/kernel';
import { waitFor } from '@causeway/kernel/testing';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateReadModel } from '../db/migrate.js';
import { cancelled, created, orderEvent } from '../fixtures/events.js';
import { ORDER_SUMMARIES_SUBSCRIBER } from '../projection/orderSummaryProjection.js';
import { foldFromStore } from '../rebuild/foldFromStore.js';
import { orderPayments, orderSummaries } from '../schema/index.js';
import { buildQueryService, type QueryService } from '../service.js';

const quiet = { logger: false as const, rateLimit: false as const, defaultMetrics: false };

let test: TestEventStore;
let nats: NatsIsolation;
let service: QueryService;

/**
 * Publishes the store's events itself (no relay), so junk can be put between them; waits until
 * `expected` events are visible (a transaction still open elsewhere on the server hides newer ones).
 */
const publishStored = async (expected: number, after?: string) => {
  let events: StoredEvent[] = [];
  await waitOrExplain(async () => {
    events = await test.store.readAll({ ...(after ? { after: after as never } : {}), limit: 1_000 });
    return events.length >= expected;
  }, `${expected} visible events`);
  for (const event of events) {
    const message = encodeEvent(nats.names, event);
    await nats.js.publish(message.subject, message.data, { headers: message.headers, msgID: message.msgID });
  }
  return events.at(-1)?.position;
};

const appendOrder = async (status: 'created' | 'cancelled') => {
  const orderId = uuidv7();
  await test.store.append(`order-${orderId}`, [orderEvent(orderId, created())]);
  if (status === 'cancelled') await test.store.append(`order-${orderId}`, [orderEvent(orderId, cancelled())]);
  return orderId;
};

/** A made-up event just past `position` (same transaction, a later seq): never in the store. */
const fake = (position: string, bump: number, overrides: Partial<StoredEvent>): StoredEvent => {
  const { transactionId, seq } = positionParts(position as never);
  return {
    ...(orderEvent(uuidv7(), created()) as StoredEvent),
    version: 1,
    position: formatPosition(transactionId, BigInt(seq) + BigInt(bump)),
    ...overrides,
  } as StoredEvent;
};

const publishFake = async (event: StoredEvent, body?: string) => {
  const message = encodeEvent(nats.names, event);
  await nats.js.publish(message.subject, body ?? message.data, {
    headers: message.headers,
    msgID: `junk-${uuidv7()}`,
  });
};

const deadLetters = () =>
  test.store.db.select().from(storeSchema.deadLetters).orderBy(storeSchema.deadLetters.id);

/** `waitFor` that says, when it times out, what the projection had dead-lettered and its status. */
const waitOrExplain = (check: () => Promise<boolean>, what: string) =>
  waitFor(check, what).catch(async (error: Error) => {
    const letters = (await deadLetters()).map((l) => l.error.slice(0, 200));
    const status = JSON.stringify((await service.app.inject('/projections')).json());
    throw new Error(`${error.message}; dead letters ${JSON.stringify(letters)}; ${status}`);
  });

const readModelEqualsFold = async () => {
  const folded = await foldFromStore(test.store.db);
  const key = <T extends { orderId: string }>(a: T, b: T) => (a.orderId < b.orderId ? -1 : 1);
  const summaries = (await test.store.db.select().from(orderSummaries)).sort(key);
  const payments = await test.store.db.select().from(orderPayments);
  expect(summaries).toEqual(folded.summaries);
  expect(payments).toHaveLength(folded.payments.length);
};

beforeAll(async () => {
  test = await createTestEventStore('postgres', { label: 'querymalformed', registry: allEvents });
  await migrateDelivery(test.store.db);
  await migrateReadModel(test.store.db);
  nats = await isolateNats({ label: 'querymalformed' });
  await ensureTopology({ nc: nats.nc, prefix: nats.prefix });
  service = await buildQueryService({
    store: test.store,
    delivery: natsDelivery({ nc: nats.nc, store: test.store, prefix: nats.prefix }),
    nats: nats.nc,
    subscribe: { maxAttempts: 2 },
    options: quiet,
  });
});
afterAll(async () => {
  await service?.app.close();
  await service?.stop();
  await nats?.cleanup();
  await test?.close();
});

describe('malformed messages on the events subjects reach the projection', () => {
  it('dead-letters junk with a reason, goes on with the real events, and leaves the read model a fold of the store', async () => {
    const first = await appendOrder('cancelled');
    const last = (await publishStored(2)) as string;
    const subject = nats.names.eventSubject('order', 'ORDER_CREATED');
    // Not JSON, without any header; not JSON with a valid position; JSON of the wrong schema.
    await nats.js.publish(subject, 'definitely {not json', { msgID: `junk-${uuidv7()}` });
    await publishFake(fake(last, 1, {}), '{"id": 1, "payload": ');
    await publishFake(fake(last, 2, { payload: { customerId: 42, items: 'none', total: -1 } }));
    const hdrs = natsHeaders();
    hdrs.set('Causeway-Position', 'not-a-position');
    await nats.js.publish(subject, '{}', { headers: hdrs, msgID: `junk-${uuidv7()}` });

    // An event type nobody here defined, as a newer producer would append it (so it is in the store).
    const teleported = uuidv7();
    await test.store.append(`order-${teleported}`, [
      { ...orderEvent(teleported, created()), type: 'ORDER_TELEPORTED', payload: {} },
    ]);
    const second = await appendOrder('created');
    await publishStored(2, last);
    await waitOrExplain(
      async () => (await service.app.inject(`/orders/${second}`)).statusCode === 200,
      'the real order after the junk',
    );
    await waitOrExplain(async () => (await deadLetters()).length >= 5, 'five dead letters');

    // An event type the system does not define is dead-lettered with its type, and applies nothing.
    expect((await service.app.inject(`/orders/${teleported}`)).statusCode).toBe(404);
    const letters = await deadLetters();
    expect(letters.map((l) => l.subscriber)).toEqual(Array(5).fill(ORDER_SUMMARIES_SUBSCRIBER));
    const reasons = letters.map((l) => l.error).join('\n');
    expect(reasons).toMatch(/Unknown message type: "ORDER_TELEPORTED"/);
    expect(letters.find((l) => l.eventType === 'ORDER_TELEPORTED')).toMatchObject({ attempts: 1 });
    expect(reasons).toMatch(/Causeway-Position: must be a string/);
    expect(reasons).toMatch(/body: is not JSON/);
    expect(reasons).toMatch(/Invalid ORDER_CREATED: payload\.customerId/);
    expect(reasons).toMatch(/Causeway-Position: must be two 20-digit numbers/);
    console.info(`query dead letters:\n${letters.map((l) => `- ${l.error.slice(0, 160)}`).join('\n')}`);
    expect((await service.app.inject(`/orders/${first}`)).json().status).toBe('CANCELLED');
    await readModelEqualsFold();
    expect((await service.app.inject('/health/live')).statusCode).toBe(200);
  });

  it('halts at an event past a version gap, applies nothing of it, and keeps answering', async () => {
    const tail = (await service.app.inject('/projections')).json().head as string;
    const orderId = await appendOrder('created');
    const last = (await publishStored(1, tail)) as string;
    await waitOrExplain(
      async () => (await service.app.inject(`/orders/${orderId}`)).statusCode === 200,
      'the order',
    );
    // Version 3 of a stream at version 1: version 2 is missing.
    await publishFake(
      fake(last, 1, {
        aggregateId: orderId,
        version: 3,
        type: 'ORDER_CANCELLED',
        payload: { reason: 'gap' },
      }),
    );
    await waitOrExplain(
      async () => (await service.app.inject('/projections')).json().projections[0].consumer === 'halted',
      'the projection to halt at the gap',
    );
    expect((await service.app.inject('/projections')).json().projections[0].consumer).toBe('halted');
    expect((await service.app.inject(`/orders/${orderId}`)).json().status).toBe('PENDING');
    await readModelEqualsFold();
    expect((await service.app.inject('/health/live')).statusCode).toBe(200);
  });
});
