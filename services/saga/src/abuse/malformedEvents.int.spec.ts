import { formatPosition, type StoredEvent, schema as storeSchema } from '@causeway/event-store';
import {
  type ConsumerRunner,
  encodeEvent,
  ensureTopology,
  migrateDelivery,
  runConsumer,
  subscriberConsumer,
  topologyNames,
} from '@causeway/jetstream';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { type CommandEnvelope, uuidv7 } from '@causeway/kernel';
import { waitFor } from '@causeway/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSagaService, SAGA_SUBSCRIBER, type SagaService } from '../app.js';
import { createSagaTestDatabase, type SagaTestDatabase } from '../testing/sagaDatabase.js';
import { sagaEvents } from '../testing/sagaEvents.js';

let db: SagaTestDatabase;
let nats: NatsIsolation;
let service: SagaService;
let consumer: ConsumerRunner;
const sent: CommandEnvelope[] = [];

beforeAll(async () => {
  db = await createSagaTestDatabase('sagamalformed');
  await migrateDelivery(db.store.db);
  nats = await isolateNats({ label: 'sagamalformed' });
  service = await buildSagaService({
    store: db.store,
    send: async (command) => {
      sent.push(command);
    },
    options: { logger: false, rateLimit: false, defaultMetrics: false },
  });
  await ensureTopology({
    nc: nats.nc,
    prefix: nats.prefix,
    consumers: [subscriberConsumer(topologyNames(nats.prefix), service.subscriber)],
  });
  consumer = runConsumer({
    nc: nats.nc,
    store: db.store,
    subscriber: service.subscriber,
    prefix: nats.prefix,
    maxAttempts: 2,
  });
});
afterAll(async () => {
  await consumer?.stop();
  await service?.app.close();
  await nats?.cleanup();
  await db?.close();
});

let seq = 1;
/** An event as the relay would publish it, at the next position (none of it is in the store). */
const publish = async (event: Omit<StoredEvent, 'position'>, body?: string) => {
  const stored = { ...event, position: formatPosition(1_000, seq++) } as StoredEvent;
  const message = encodeEvent(nats.names, stored);
  await nats.js.publish(message.subject, body ?? message.data, { headers: message.headers, msgID: uuidv7() });
};

const deadLetters = () =>
  db.store.db.select().from(storeSchema.deadLetters).orderBy(storeSchema.deadLetters.id);

describe('malformed events reach the saga', () => {
  it('dead-letters each with its reason, sends no command for them, and goes on with a real order', async () => {
    const junkOrder = uuidv7();
    const junk = sagaEvents(junkOrder).created() as Omit<StoredEvent, 'position'>;
    await nats.js.publish(nats.names.eventSubject('order', 'ORDER_CREATED'), 'not json at all', {
      msgID: uuidv7(),
    });
    await publish(junk, '{"truncated": ');
    await publish({ ...junk, id: uuidv7(), payload: { customerId: 1, items: 'x', total: 'free' } } as never);
    await publish({ ...junk, id: uuidv7(), aggregateId: '../../etc/passwd' } as never);
    await publish({ ...junk, id: uuidv7(), type: 'ORDER_TELEPORTED', payload: {} } as never);

    const orderId = uuidv7();
    await publish(sagaEvents(orderId).created(4_200) as Omit<StoredEvent, 'position'>);
    await waitFor(
      async () => sent.some((command) => command.metadata.correlationId === `corr-${orderId}`),
      'the real order’s payment command',
    );
    await waitFor(async () => (await deadLetters()).length >= 5, 'five dead letters');

    const letters = await deadLetters();
    expect(letters.every((letter) => letter.subscriber === SAGA_SUBSCRIBER)).toBe(true);
    const reasons = letters.map((letter) => letter.error).join('\n');
    console.info(`saga dead letters:\n${letters.map((l) => `- ${l.error.slice(0, 160)}`).join('\n')}`);
    expect(reasons).toMatch(/Causeway-Position/);
    expect(reasons).toMatch(/is not JSON/);
    expect(reasons).toMatch(/payload\.customerId/);
    expect(reasons).toMatch(/Unknown message type: "ORDER_TELEPORTED"/);
    expect(sent.filter((command) => command.metadata.correlationId === `corr-${junkOrder}`)).toEqual([]);
    expect(
      sent.filter((command) => command.metadata.correlationId === `corr-${orderId}`).map((c) => c.type),
    ).toEqual(['PROCESS_PAYMENT']);
    expect((await service.app.inject('/health/live')).statusCode).toBe(200);
  });
});
