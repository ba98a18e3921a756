import { allEvents } from '@causeway/contracts';
import { describe, expect, it } from 'vitest';
import { failed, paymentEvent, processed, refunded } from '../fixtures/events.js';
import type { OrderPaymentRow } from '../schema/index.js';
import type { ProjectedEvent } from './events.js';
import { evolvePayment, heldBy, totalsDelta } from './evolve.js';

const payment = (version: number, message: Parameters<typeof paymentEvent>[1]) =>
  allEvents.parse({ ...paymentEvent('pay-1', message), version }) as Extract<
    ProjectedEvent,
    { aggregateType: 'payment' }
  >;

describe('evolvePayment', () => {
  it('a processed payment holds its amount', () => {
    const row = evolvePayment(undefined, payment(1, processed('pay-1', 'order-1', 1_000)));
    expect(row).toMatchObject({ paymentId: 'pay-1', orderId: 'order-1', status: 'PROCESSED', amount: 1_000 });
    expect(heldBy(row)).toBe(1_000);
  });

  it('a declined payment holds nothing and keeps the reason', () => {
    const row = evolvePayment(undefined, payment(1, failed('order-1', 'limit exceeded')));
    expect(row).toMatchObject({ status: 'FAILED', amount: null, failureReason: 'limit exceeded' });
    expect(heldBy(row)).toBe(0);
  });

  it('a partial refund keeps it PROCESSED, a full one makes it REFUNDED', () => {
    const charged = evolvePayment(undefined, payment(1, processed('pay-1', 'order-1', 1_000)));
    const partly = evolvePayment(charged, payment(2, refunded('pay-1', 'order-1', 400)));
    expect(partly).toMatchObject({ status: 'PROCESSED', refunded: 400, version: 2 });
    expect(totalsDelta(charged, partly)).toEqual({ paid: -400, refunded: 400 });
    const fully = evolvePayment(partly, payment(3, refunded('pay-1', 'order-1', 600)));
    expect(fully).toMatchObject({ status: 'REFUNDED', refunded: 1_000 });
    expect(heldBy(fully)).toBe(0);
  });

  it('totalsDelta of a first event is what the payment holds', () => {
    const row: OrderPaymentRow = evolvePayment(undefined, payment(1, processed('pay-1', 'order-1', 250)));
    expect(totalsDelta(undefined, row)).toEqual({ paid: 250, refunded: 0 });
  });
});
