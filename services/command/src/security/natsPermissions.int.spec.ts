import { allEvents } from '@causeway/contracts';
import { createTestEventStore, type TestEventStore } from '@causeway/event-store/testing';
import { connectNats, createRelay, ensureTopology, migrateDelivery, runConsumer } from '@causeway/jetstream';
import { uuidv7 } from '@causeway/kernel';
import type { NatsConnection } from '@nats-io/nats-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validOrder } from '../fixtures/testApp.js';
import { type SecuredNats, type ServiceUser, startSecuredNats } from './natsServer.fixture.js';

let nats: SecuredNats;
const connections: NatsConnection[] = [];
const as = async (user: ServiceUser, pass?: string) => {
  const nc = await connectNats({
    servers: nats.url,
    user,
    pass: pass ?? nats.passwords[user],
    maxReconnectAttempts: 0,
  });
  connections.push(nc);
  return nc;
};

beforeAll(async () => {
  nats = await startSecuredNats();
  await ensureTopology({ nc: await as('relay') });
});
afterAll(async () => {
  await Promise.all(connections.map((nc) => nc.close()));
  await nats?.stop();
});

/** A core publish's permission violation arrives asynchronously, as a status of the connection. */
const publishRefused = async (nc: NatsConnection, subject: string): Promise<string> => {
  const statuses = nc.status();
  nc.publish(subject, '{}');
  await nc.flush();
  for await (const status of statuses) {
    if (status.type === 'error') return String((status as { error?: unknown }).error ?? '');
  }
  return '';
};

const withDeadline = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);

describe('deploy/nats/nats-server.conf on nats-server', () => {
  it('refuses a wrong password', async () => {
    await expect(as('relay', 'not-the-password')).rejects.toThrow(/authorization/i);
  });

  it('lets the relay publish events, and no other service', async () => {
    const relay = await as('relay');
    await relay.flush();
    for (const user of ['command', 'query', 'payment', 'saga'] as const) {
      const nc = await as(user);
      const error = await withDeadline(publishRefused(nc, 'events.order.OrderCreated'), 5_000, user);
      expect(error, user).toMatch(/permissions violation/i);
    }
  });

  it('lets only the saga send commands; payment may subscribe to its commands only', async () => {
    const payment = await as('payment');
    const received: string[] = [];
    const sub = payment.subscribe('commands.payment.>', {
      callback: (_error, message) => {
        received.push(message.subject);
      },
    });
    await payment.flush();
    const saga = await as('saga');
    saga.publish('commands.payment.PROCESS_PAYMENT', '{}');
    await saga.flush();
    const deadline = Date.now() + 5_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(received).toEqual(['commands.payment.PROCESS_PAYMENT']);
    sub.unsubscribe();
    const command = await as('command');
    expect(await withDeadline(publishRefused(command, 'commands.payment.X'), 5_000, 'command')).toMatch(
      /permissions violation/i,
    );
    const spy = await as('payment');
    const statuses = spy.status();
    spy.subscribe('events.>');
    await spy.flush().catch(() => {});
    for await (const status of statuses) {
      if (status.type === 'error') {
        expect(String((status as { error?: unknown }).error)).toMatch(
          /permissions violation for subscription/i,
        );
        break;
      }
    }
  });

  describe('services with their own credentials', () => {
    let t: TestEventStore;
    beforeAll(async () => {
      t = await createTestEventStore('postgres', { label: 'nats-perm', registry: allEvents });
      await migrateDelivery(t.store.db);
    });
    afterAll(() => t?.close());

    it('the relay relays the store to JetStream and the query consumer consumes it', async () => {
      const orderId = uuidv7();
      await t.store.append(`order-${orderId}`, [
        {
          id: uuidv7(),
          type: 'ORDER_CREATED',
          aggregateType: 'order',
          aggregateId: orderId,
          schemaVersion: 1,
          timestamp: new Date().toISOString(),
          payload: { ...validOrder, total: 3_750 },
          metadata: { correlationId: 'c', causationId: 'c', userId: validOrder.customerId },
        },
      ]);
      const errors: string[] = [];
      const relay = createRelay({
        nc: await as('relay'),
        store: t.store,
        pollIntervalMs: 10,
        onError: (error) => errors.push(`relay: ${String(error)}`),
      });
      relay.start();
      const seen: string[] = [];
      const consumer = runConsumer({
        nc: await as('query'),
        store: t.store,
        onError: (error) => errors.push(`consumer: ${String(error)}`),
        subscriber: {
          name: 'query-permissions',
          handle: async (event) => {
            seen.push(event.aggregateId);
          },
        },
      });
      try {
        const deadline = Date.now() + 20_000;
        while (!seen.includes(orderId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(seen, `${JSON.stringify(relay.metrics)}\n${errors.join('\n')}`).toContain(orderId);
        expect(relay.metrics.published).toBeGreaterThanOrEqual(1);
        expect(consumer.status).toBe('running');
      } finally {
        await consumer.stop();
        await relay.stop();
      }
    });
  });
});
