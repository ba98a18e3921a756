import { allEvents } from '@causeway/contracts';
import { createPGliteEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { createTestEventStore, type TestEventStore } from '@causeway/event-store/testing';
import {
  createInProcessDelivery,
  createRelay,
  ensureTopology,
  type InProcessDelivery,
  migrateDelivery,
  natsDelivery,
  type Relay,
} from '@causeway/jetstream';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { uuidv7 } from '@causeway/kernel';
import { waitFor } from '@causeway/kernel/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateReadModel } from './db/migrate.js';
import { cancelled, created, defaultTotal, orderEvent, paymentEvent, processed } from './fixtures/events.js';
import { orderSummaries } from './schema/index.js';
import { buildQueryService, type QueryService } from './service.js';

const quiet = { logger: false as const, rateLimit: false as const, defaultMetrics: false };

/** Writes an order and reads it back at once with the position the write returned. */
const readYourWrite = async (store: DrizzleEventStore, service: QueryService, customer: string) => {
  const orderId = uuidv7();
  await store.append(`order-${orderId}`, [orderEvent(orderId, created(customer))]);
  const { position } = await store.append(`order-${orderId}`, [orderEvent(orderId, cancelled())]);
  const response = await service.app.inject({
    method: 'GET',
    url: `/orders/${orderId}?minPosition=${position}`,
  });
  return { status: response.statusCode, body: response.json() };
};

describe('on JetStream: relay -> durable consumer -> read model', () => {
  let test: TestEventStore;
  let nats: NatsIsolation;
  let relay: Relay;
  let service: QueryService;

  beforeAll(async () => {
    test = await createTestEventStore('postgres', { label: 'queryjs', registry: allEvents });
    await migrateDelivery(test.store.db);
    await migrateReadModel(test.store.db);
    nats = await isolateNats({ label: 'query' });
    await ensureTopology({ nc: nats.nc, prefix: nats.prefix });
    relay = createRelay({ nc: nats.nc, store: test.store, prefix: nats.prefix, pollIntervalMs: 10 });
    relay.start();
    service = await buildQueryService({
      store: test.store,
      delivery: natsDelivery({ nc: nats.nc, store: test.store, prefix: nats.prefix }),
      nats: nats.nc,
      minPositionWaitMs: 10_000,
      options: quiet,
    });
  });
  afterAll(async () => {
    await service?.app.close();
    await service?.stop();
    await relay?.stop();
    await nats?.cleanup();
    await test?.close();
  });

  it('reads its writes through the real delivery path, under concurrent writers', async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => readYourWrite(test.store, service, `js-${i}`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(24).fill(200));
    expect(results.every((r) => r.body.status === 'CANCELLED' && r.body.version === 2)).toBe(true);
  });

  it('projects payments into paid', async () => {
    const orderId = uuidv7();
    const paymentId = uuidv7();
    await test.store.append(`order-${orderId}`, [orderEvent(orderId, created())]);
    const { position } = await test.store.append(`payment-${paymentId}`, [
      paymentEvent(paymentId, processed(paymentId, orderId, defaultTotal)),
    ]);
    const response = await service.app.inject({
      method: 'GET',
      url: `/orders/${orderId}?minPosition=${position}`,
    });
    expect(response.json()).toMatchObject({
      paid: defaultTotal,
      payments: [{ paymentId, amount: defaultTotal }],
    });
  });

  it('is ready (database, NATS, projection) and reports its consumer running', async () => {
    const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(Object.keys(ready.json().checks).sort()).toEqual(['database', 'nats', 'projection']);
    const projections = (await service.app.inject({ method: 'GET', url: '/projections' })).json();
    expect(projections.projections[0]).toMatchObject({ name: 'query-order-summaries', consumer: 'running' });
  });
});

describe('embedded: PGlite and the in-process bus', () => {
  let store: DrizzleEventStore;
  let delivery: InProcessDelivery;
  let service: QueryService;

  beforeAll(async () => {
    store = await createPGliteEventStore({ registry: allEvents });
    await migrateDelivery(store.db);
    await migrateReadModel(store.db);
    delivery = createInProcessDelivery({ store, pollIntervalMs: 10 });
    service = await buildQueryService({
      store,
      delivery,
      minPositionWaitMs: 10_000,
      subscribe: { maxAttempts: 2, retry: { initialMs: 5, maxMs: 10 } },
      options: quiet,
    });
    delivery.start();
  });
  afterAll(async () => {
    await service?.app.close();
    await service?.stop();
    await delivery?.stop();
    await store?.close();
  });

  it('reads its writes with the same service code', async () => {
    for (let i = 0; i < 5; i++) {
      const { status, body } = await readYourWrite(store, service, `embedded-${i}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ customerId: `embedded-${i}`, status: 'CANCELLED' });
    }
    const list = await service.app.inject({ method: 'GET', url: '/orders?customerId=embedded-3' });
    expect(list.json().orders).toHaveLength(1);
    expect((await service.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  it('halts at an event its row cannot take (a version gap), applies nothing past it, and says so', async () => {
    const orderId = uuidv7();
    const created1 = await store.append(`order-${orderId}`, [orderEvent(orderId, created('gap'))]);
    await service.app.inject({ method: 'GET', url: `/orders/${orderId}?minPosition=${created1.position}` });
    // The read model loses the order (as if a delivery went missing): its next event is a gap.
    await store.db.delete(orderSummaries).where(eq(orderSummaries.orderId, orderId));
    const gap = await store.append(`order-${orderId}`, [orderEvent(orderId, cancelled())]);
    const other = uuidv7();
    await store.append(`order-${other}`, [orderEvent(other, created('after-gap'))]);

    const projection = async () =>
      (await service.app.inject({ method: 'GET', url: '/projections' })).json().projections[0];
    await waitFor(
      async () => (await projection()).consumer === 'halted',
      'the projection to halt at the gap',
    );
    const status = await projection();
    expect(status.deadLetters).toMatchObject({
      count: 1,
      latest: [{ position: gap.position, eventType: 'ORDER_CANCELLED', attempts: 1 }],
    });
    expect(status.deadLetters.latest[0].error).toMatch(/expected version 1, received 2/);
    expect((await service.app.inject({ method: 'GET', url: `/orders/${orderId}` })).statusCode).toBe(404);
    expect((await service.app.inject({ method: 'GET', url: `/orders/${other}` })).statusCode).toBe(404);
  });
});
