import type { DrizzleEventStore, EventStoreSession } from '@causeway/event-store';
import { uuidv7 } from '@causeway/kernel';
import { problemTypes } from '@causeway/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApp } from '../app.js';
import { createTestApp, type TestApp, validOrder } from '../fixtures/testApp.js';

/**
 * A store that lets a test step in after a command's transaction has read its stream and before
 * it appends: the gap in which a concurrent writer makes the append's expected version stale.
 * A create reads nothing (one append outside any transaction): `beforeAppend` is its gap.
 */
const interposing = (store: DrizzleEventStore, hooks: Hooks) =>
  new Proxy(store, {
    get(target, property) {
      if (property === 'append') {
        return async (...args: Parameters<EventStoreSession['append']>) => {
          await hooks.beforeAppend?.(args[0]);
          return target.append(...args);
        };
      }
      if (property === 'within') {
        return (tx: unknown) => {
          const session = target.within(tx as never);
          return {
            ...session,
            readStream: async (...args: Parameters<EventStoreSession['readStream']>) => {
              await hooks.beforeRead?.(args[0]);
              const read = await session.readStream(...args);
              await hooks.afterRead?.(args[0]);
              return read;
            },
          };
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

interface Hooks {
  beforeAppend?: ((streamId: string) => Promise<void>) | undefined;
  beforeRead?: ((streamId: string) => Promise<void>) | undefined;
  afterRead?: ((streamId: string) => Promise<void>) | undefined;
}

const hooks: Hooks = {};
let t: TestApp;
let noRetries: TestApp['app'];
beforeAll(async () => {
  t = await createTestApp({ label: 'conflicts', wrap: (store) => interposing(store, hooks) });
  noRetries = await buildCommandApp({
    store: interposing(t.store, hooks),
    commandRetries: 0,
    options: { logger: false, rateLimit: false, defaultMetrics: false },
  });
});
afterAll(async () => {
  await noRetries.close();
  await t.close();
});

const createOrder = async () =>
  (await t.app.inject({ method: 'POST', url: '/orders', payload: validOrder })).json();
const addItem = (app: TestApp['app'], orderId: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/orders/${orderId}/items`,
    payload: { sku: 'MUG-1', quantity: 1, unitPrice: 100 },
    headers,
  });

/** Appends an item to the order from outside the command's transaction, once. */
const concurrentWriteOnce = (orderId: string) => {
  let done = false;
  hooks.afterRead = async (streamId) => {
    if (done || streamId !== `order-${orderId}`) return;
    done = true;
    const { streamVersion } = await t.store.readStream(streamId);
    await t.store.append(
      streamId,
      [
        {
          id: uuidv7(),
          type: 'ORDER_ITEM_ADDED',
          aggregateType: 'order',
          aggregateId: orderId,
          schemaVersion: 1,
          timestamp: new Date().toISOString(),
          payload: { item: { sku: 'RIVAL-1', quantity: 1, unitPrice: 1 }, total: 3_751 },
          metadata: { correlationId: 'rival', causationId: 'rival' },
        },
      ],
      { expectedVersion: streamVersion },
    );
  };
};

const versionsOf = async (orderId: string) =>
  (await t.store.readStream(`order-${orderId}`)).events.map((e) => [e.type, e.version]);

describe('concurrent writes without If-Match', () => {
  it('both of two adds that read the same version succeed: the loser reloads and decides again', async () => {
    const { orderId } = await createOrder();
    // Both transactions read version 1 before either appends: a conflict is certain, not likely.
    let reads = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    hooks.afterRead = async () => {
      reads += 1;
      if (reads === 2) release();
      if (reads <= 2) await bothRead;
    };
    const responses = await Promise.all([addItem(t.app, orderId), addItem(t.app, orderId)]);
    hooks.afterRead = undefined;
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(responses.map((r) => r.json().version).sort()).toEqual([2, 3]);
    expect(reads).toBe(3);
    expect(await versionsOf(orderId)).toEqual([
      ['ORDER_CREATED', 1],
      ['ORDER_ITEM_ADDED', 2],
      ['ORDER_ITEM_ADDED', 3],
    ]);
  });

  it('a conflict is retried: the write lands after the concurrent one', async () => {
    const { orderId } = await createOrder();
    concurrentWriteOnce(orderId);
    const response = await addItem(t.app, orderId);
    expect(response.statusCode).toBe(200);
    expect(response.json().version).toBe(3);
    const [, rival, mine] = (await t.store.readStream(`order-${orderId}`)).events;
    expect(rival?.payload).toMatchObject({ item: { sku: 'RIVAL-1' } });
    // Decided again on the reloaded state: the total includes the rival's item.
    expect(mine?.payload).toEqual({ item: { sku: 'MUG-1', quantity: 1, unitPrice: 100 }, total: 3_851 });
  });

  it('409 with the current version once the retries are spent, and nothing of it written', async () => {
    const { orderId } = await createOrder();
    concurrentWriteOnce(orderId);
    const response = await addItem(noRetries, orderId);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ type: problemTypes.concurrencyConflict, currentVersion: 2 });
    expect(await versionsOf(orderId)).toEqual([
      ['ORDER_CREATED', 1],
      ['ORDER_ITEM_ADDED', 2],
    ]);
  });
});

describe('concurrent writes with If-Match', () => {
  it('412 when the conflict surfaces at the append (the read saw the expected version)', async () => {
    const { orderId } = await createOrder();
    concurrentWriteOnce(orderId);
    const response = await addItem(t.app, orderId, { 'if-match': '"1"' });
    expect(response.statusCode).toBe(412);
    expect(response.json()).toMatchObject({
      type: problemTypes.preconditionFailed,
      expectedVersion: 1,
      currentVersion: 2,
    });
    expect(await versionsOf(orderId)).toHaveLength(2);
  });
});

describe('a twin of the command', () => {
  const twins = (send: () => Promise<Awaited<ReturnType<typeof t.app.inject>>>, gap: keyof Hooks) => {
    let first: Awaited<ReturnType<typeof send>> | undefined;
    hooks[gap] = async () => {
      hooks[gap] = undefined;
      // The second request has passed every idempotency check; the first now runs to its end.
      first = await send();
    };
    return send().then((second) => ({ first, second }));
  };

  it('that commits between the idempotency check and the create is recognised, not refused', async () => {
    const key = `twin-${Date.now()}`;
    const { first, second } = await twins(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/orders',
          payload: validOrder,
          headers: { 'idempotency-key': key },
        }),
      'beforeAppend',
    );
    expect(first?.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first?.json());
    expect(await versionsOf(second.json().orderId)).toEqual([['ORDER_CREATED', 1]]);
  });

  it('that commits between the idempotency check and the read is recognised, not applied twice', async () => {
    const { orderId } = await createOrder();
    const key = `twin-item-${Date.now()}`;
    const { first, second } = await twins(
      () =>
        t.app.inject({
          method: 'POST',
          url: `/orders/${orderId}/items`,
          payload: { sku: 'MUG-1', quantity: 1, unitPrice: 100 },
          headers: { 'idempotency-key': key },
        }),
      'beforeRead',
    );
    expect(first?.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first?.json());
    expect(await versionsOf(orderId)).toEqual([
      ['ORDER_CREATED', 1],
      ['ORDER_ITEM_ADDED', 2],
    ]);
  });
});
