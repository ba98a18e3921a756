import { allEvents } from '@causeway/contracts';
import type { NewEvent } from '@causeway/event-store';
import { VersionGapError } from '@causeway/jetstream';
import { uuidv7 } from '@causeway/kernel';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelled,
  confirmed,
  created,
  defaultTotal,
  failed,
  itemAdded,
  orderEvent,
  paymentEvent,
  processed,
  refunded,
} from '../fixtures/events.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';
import { orderPayments, orderSummaries } from '../schema/index.js';
import { UnexpectedEventError } from './errors.js';
import type { ProjectedEvent } from './events.js';
import { projectOrderSummaries, projectOrderSummary } from './projectOrderSummary.js';

const item = { sku: 'SKU-EXTRA', quantity: 1, unitPrice: 100 };

let q: TestQuery;
beforeAll(async () => {
  q = await createTestQuery({ label: 'projection' });
});
afterAll(() => q.close());

const at = (event: NewEvent, version: number): ProjectedEvent =>
  allEvents.parse({ ...event, version }) as ProjectedEvent;

const apply = (event: ProjectedEvent) => q.store.transaction((tx) => projectOrderSummary(tx, event));

const summary = async (orderId: string) => {
  const [row] = await q.store.db.select().from(orderSummaries).where(eq(orderSummaries.orderId, orderId));
  return row;
};

const payments = (orderId: string) =>
  q.store.db.select().from(orderPayments).where(eq(orderPayments.orderId, orderId));

describe('projectOrderSummary', () => {
  it('starts a PENDING row on ORDER_CREATED, with the event time as created and updated', async () => {
    const orderId = uuidv7();
    const event = orderEvent(orderId, created('alice'), new Date('2030-01-02T03:04:05.678Z'));
    expect(await apply(at(event, 1))).toBe('applied');
    expect(await summary(orderId)).toEqual({
      orderId,
      customerId: 'alice',
      status: 'PENDING',
      items: created().payload.items,
      total: defaultTotal,
      paid: 0,
      refunded: 0,
      cancellationReason: null,
      version: 1,
      createdAt: new Date('2030-01-02T03:04:05.678Z'),
      updatedAt: new Date('2030-01-02T03:04:05.678Z'),
    });
  });

  it('appends an added item and takes the new total', async () => {
    const orderId = uuidv7();
    const item = { sku: 'MUG', quantity: 1, unitPrice: 900 };
    await apply(at(orderEvent(orderId, created()), 1));
    await apply(at(orderEvent(orderId, itemAdded(item, defaultTotal + 900)), 2));
    const row = await summary(orderId);
    expect(row?.items.at(-1)).toEqual(item);
    expect(row?.items).toHaveLength(3);
    expect(row).toMatchObject({ total: defaultTotal + 900, version: 2, status: 'PENDING' });
  });

  it('confirms, and cancels with the reason', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    await apply(at(orderEvent(a, created()), 1));
    await apply(at(orderEvent(a, confirmed('p-1', defaultTotal)), 2));
    await apply(at(orderEvent(b, created()), 1));
    await apply(at(orderEvent(b, cancelled('out of stock')), 2));
    expect(await summary(a)).toMatchObject({ status: 'CONFIRMED', version: 2, cancellationReason: null });
    expect(await summary(b)).toMatchObject({
      status: 'CANCELLED',
      version: 2,
      cancellationReason: 'out of stock',
    });
  });

  it('keeps paid as money held: processed minus refunded; a declined payment holds nothing', async () => {
    const orderId = uuidv7();
    const [p1, p2, p3] = [uuidv7(), uuidv7(), uuidv7()];
    await apply(at(orderEvent(orderId, created()), 1));
    await apply(at(paymentEvent(p1, processed(p1, orderId, 3_000)), 1));
    await apply(at(paymentEvent(p2, failed(orderId, 'card declined')), 1));
    await apply(at(paymentEvent(p3, processed(p3, orderId, 750)), 1));
    expect(await summary(orderId)).toMatchObject({ paid: 3_750, refunded: 0, version: 1 });

    await apply(at(paymentEvent(p1, refunded(p1, orderId, 3_000)), 2));
    expect(await summary(orderId)).toMatchObject({ paid: 750, refunded: 3_000 });
    const rows = await payments(orderId);
    expect(rows.map((p) => [p.paymentId, p.status, p.amount, p.refunded, p.failureReason]).sort()).toEqual(
      [
        [p1, 'REFUNDED', 3_000, 3_000, null],
        [p2, 'FAILED', null, 0, 'card declined'],
        [p3, 'PROCESSED', 750, 0, null],
      ].sort(),
    );
  });

  it('counts payments projected before their order once the order arrives', async () => {
    const orderId = uuidv7();
    const p = uuidv7();
    await apply(at(paymentEvent(p, processed(p, orderId, 500)), 1));
    expect(await summary(orderId)).toBeUndefined();
    await apply(at(orderEvent(orderId, created()), 1));
    expect(await summary(orderId)).toMatchObject({ paid: 500, refunded: 0 });
  });

  it('skips a redelivered event: no double effect', async () => {
    const orderId = uuidv7();
    const p = uuidv7();
    const item = { sku: 'MUG', quantity: 1, unitPrice: 900 };
    const add = at(orderEvent(orderId, itemAdded(item, defaultTotal + 900)), 2);
    const pay = at(paymentEvent(p, processed(p, orderId, 1_000)), 1);
    await apply(at(orderEvent(orderId, created()), 1));
    expect([await apply(add), await apply(pay)]).toEqual(['applied', 'applied']);
    const before = await summary(orderId);
    expect([await apply(add), await apply(pay), await apply(add)]).toEqual(['skipped', 'skipped', 'skipped']);
    expect(await summary(orderId)).toEqual(before);
    expect(before).toMatchObject({ items: expect.arrayContaining([item]), paid: 1_000, version: 2 });
    expect(before?.items).toHaveLength(3);
  });

  it('refuses a version gap and writes nothing', async () => {
    const orderId = uuidv7();
    await apply(at(orderEvent(orderId, created()), 1));
    const before = await summary(orderId);
    const gap = apply(at(orderEvent(orderId, confirmed('p', defaultTotal)), 3));
    await expect(gap).rejects.toBeInstanceOf(VersionGapError);
    await expect(gap).rejects.toMatchObject({
      code: 'VERSION_GAP',
      streamId: `order-${orderId}`,
      expectedVersion: 2,
      actualVersion: 3,
    });
    expect(await summary(orderId)).toEqual(before);
  });

  it('refuses a payment event past a gap in its stream and writes nothing', async () => {
    const orderId = uuidv7();
    const p = uuidv7();
    await apply(at(orderEvent(orderId, created()), 1));
    const gap = apply(at(paymentEvent(p, refunded(p, orderId, 100)), 2));
    await expect(gap).rejects.toBeInstanceOf(VersionGapError);
    await expect(gap).rejects.toMatchObject({
      streamId: `payment-${p}`,
      expectedVersion: 1,
      actualVersion: 2,
    });
    expect(await payments(orderId)).toEqual([]);
    expect(await summary(orderId)).toMatchObject({ paid: 0, refunded: 0 });
  });

  it('refuses a later order event for an order it never saw created', async () => {
    const orderId = uuidv7();
    await expect(apply(at(orderEvent(orderId, cancelled()), 2))).rejects.toBeInstanceOf(VersionGapError);
    await expect(apply(at(orderEvent(orderId, cancelled()), 1))).rejects.toBeInstanceOf(UnexpectedEventError);
    expect(await summary(orderId)).toBeUndefined();
  });

  it('rolls the row back with the transaction that applied it', async () => {
    const orderId = uuidv7();
    const attempt = q.store.transaction(async (tx) => {
      await projectOrderSummary(tx, at(orderEvent(orderId, created()), 1));
      throw new Error('the checkpoint write failed');
    });
    await expect(attempt).rejects.toThrow('the checkpoint write failed');
    expect(await summary(orderId)).toBeUndefined();
  });

  it('gives the same rows for a batch as for its events one by one, payments before orders included', async () => {
    const time = (second: number) => new Date(Date.UTC(2030, 4, 6, 7, 8, second));
    const flow = (orderId: string, early: string, late: string): ProjectedEvent[] => [
      at(paymentEvent(early, processed(early, orderId, 400), time(1)), 1),
      at(orderEvent(orderId, created('batcher'), time(2)), 1),
      at(orderEvent(orderId, itemAdded(item, defaultTotal + 100), time(3)), 2),
      at(paymentEvent(late, processed(late, orderId, defaultTotal - 300), time(4)), 1),
      at(paymentEvent(early, refunded(early, orderId, 400), time(5)), 2),
      at(orderEvent(orderId, confirmed(late, defaultTotal - 300), time(6)), 3),
    ];
    const [oneByOne, batched, split] = [uuidv7(), uuidv7(), uuidv7()];
    for (const event of flow(oneByOne, uuidv7(), uuidv7())) await apply(event);
    const outcomes = await q.store.transaction((tx) =>
      projectOrderSummaries(tx, flow(batched, uuidv7(), uuidv7())),
    );
    expect(outcomes).toEqual(Array(6).fill('applied'));
    // The early payment commits in one batch, its order arrives in the next.
    const third = flow(split, uuidv7(), uuidv7());
    await q.store.transaction((tx) => projectOrderSummaries(tx, third.slice(0, 1)));
    await q.store.transaction((tx) => projectOrderSummaries(tx, third.slice(1)));

    const reference = await summary(oneByOne);
    expect(reference).toMatchObject({
      status: 'CONFIRMED',
      paid: defaultTotal - 300,
      refunded: 400,
      version: 3,
    });
    for (const orderId of [batched, split]) {
      expect({ ...(await summary(orderId)), orderId: 'x' }).toEqual({ ...reference, orderId: 'x' });
      const rows = (await payments(orderId)).map(({ paymentId: _, orderId: __, ...row }) => row);
      const expected = (await payments(oneByOne)).map(({ paymentId: _, orderId: __, ...row }) => row);
      expect(rows.sort((a, b) => a.version - b.version)).toEqual(
        expected.sort((a, b) => a.version - b.version),
      );
    }
  });

  it('skips the events of a batch the rows already reflect, and applies the rest', async () => {
    const orderId = uuidv7();
    const events = [
      at(orderEvent(orderId, created()), 1),
      at(orderEvent(orderId, itemAdded(item, defaultTotal + 100)), 2),
      at(orderEvent(orderId, cancelled('too slow')), 3),
    ];
    await apply(events[0] as ProjectedEvent);
    const outcomes = await q.store.transaction((tx) => projectOrderSummaries(tx, events));
    expect(outcomes).toEqual(['skipped', 'applied', 'applied']);
    expect(await summary(orderId)).toMatchObject({
      status: 'CANCELLED',
      version: 3,
      total: defaultTotal + 100,
    });
  });
});
