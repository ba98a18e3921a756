import { UnknownEventTypeError, ValidationError } from '@causeway/kernel';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { limits } from './fields.js';
import type { OrderEventEnvelope } from './order/events.js';
import type { PaymentCommandEnvelope } from './payment/commands.js';
import {
  allCommands,
  allEvents,
  orderCommands,
  orderEvents,
  paymentCommands,
  paymentEvents,
} from './registries.js';

const id = fc.stringMatching(/^[\w-]{1,40}$/);
const money = fc.integer({ min: 0, max: 10 ** 13 });
const text = (max: number) => fc.string({ minLength: 1, maxLength: max });
const item = fc.record({
  sku: fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/),
  quantity: fc.integer(limits.quantity),
  unitPrice: fc.integer(limits.unitPrice),
});
const items = fc.array(item, { minLength: 1, maxLength: 100 });

const payloads = {
  ORDER_CREATED: fc.record({ customerId: text(64), items, total: money }),
  ORDER_ITEM_ADDED: fc.record({ item, total: money }),
  ORDER_CONFIRMED: fc.record({ paymentId: id, amountPaid: money }),
  ORDER_CANCELLED: fc.record({ reason: text(500) }),
  PAYMENT_PROCESSED: fc.record({ paymentId: id, orderId: id, amount: money }),
  PAYMENT_FAILED: fc.record({ orderId: id, reason: text(500) }),
  PAYMENT_REFUNDED: fc.record({ paymentId: id, orderId: id, amount: money }),
  CREATE_ORDER: fc.record({ customerId: text(64), items }),
  ADD_ORDER_ITEM: item,
  CONFIRM_ORDER: fc.record({ paymentId: id, amountPaid: money }),
  CANCEL_ORDER: fc.record({ reason: text(500) }),
  PROCESS_PAYMENT: fc.record({ orderId: id, amount: money }),
  REFUND_PAYMENT: fc.record({ paymentId: id, orderId: id, amount: money }),
} satisfies Record<string, fc.Arbitrary<unknown>>;

const envelopeOf = (type: keyof typeof payloads, aggregateType: string, kind: 'event' | 'command') =>
  fc.record({
    id: fc.uuid({ version: 7 }),
    type: fc.constant(type),
    aggregateType: fc.constant(aggregateType),
    aggregateId: id,
    schemaVersion: fc.constant(1),
    timestamp: fc
      .date({ min: new Date(0), max: new Date('2999-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    payload: payloads[type] as fc.Arbitrary<unknown>,
    metadata: fc.record({ correlationId: id, causationId: id }),
    ...(kind === 'event' ? { version: fc.integer({ min: 1, max: 1_000_000 }) } : {}),
  });

const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('registries', () => {
  it('hold every event and command of the domain, each with its aggregate type', () => {
    const kinds = (registry: { definitions: readonly { type: string; aggregateType: string }[] }) =>
      registry.definitions.map((d) => `${d.aggregateType}:${d.type}`);
    expect(kinds(orderEvents)).toEqual([
      'order:ORDER_CREATED',
      'order:ORDER_ITEM_ADDED',
      'order:ORDER_CONFIRMED',
      'order:ORDER_CANCELLED',
    ]);
    expect(kinds(paymentEvents)).toEqual([
      'payment:PAYMENT_PROCESSED',
      'payment:PAYMENT_FAILED',
      'payment:PAYMENT_REFUNDED',
    ]);
    expect(kinds(orderCommands)).toEqual([
      'order:CREATE_ORDER',
      'order:ADD_ORDER_ITEM',
      'order:CONFIRM_ORDER',
      'order:CANCEL_ORDER',
    ]);
    expect(kinds(paymentCommands)).toEqual(['payment:PROCESS_PAYMENT', 'payment:REFUND_PAYMENT']);
    expect(allEvents.definitions).toEqual([...orderEvents.definitions, ...paymentEvents.definitions]);
    expect(allCommands.definitions).toEqual([...orderCommands.definitions, ...paymentCommands.definitions]);
  });

  it('every valid event and command survives JSON and its registry unchanged (property)', () => {
    const messages = fc.oneof(
      ...allEvents.definitions.map((d) =>
        envelopeOf(d.type, d.aggregateType, 'event').map((e) => ({ registry: 'events', e })),
      ),
      ...allCommands.definitions.map((d) =>
        envelopeOf(d.type, d.aggregateType, 'command').map((e) => ({ registry: 'commands', e })),
      ),
    );
    fc.assert(
      fc.property(messages, ({ registry, e }) => {
        const parse = registry === 'events' ? allEvents.parse : allCommands.parse;
        expect(parse(overTheWire(e))).toEqual(e);
      }),
      { numRuns: 500 },
    );
  });

  const created = {
    id: '01890f2c-6a8e-7cc1-9b2a-3d4e5f607182',
    type: 'ORDER_CREATED',
    aggregateType: 'order',
    aggregateId: 'o-1',
    version: 1,
    schemaVersion: 1,
    timestamp: '2025-01-02T03:04:05.678Z',
    payload: { customerId: 'c-1', items: [{ sku: 'A', quantity: 2, unitPrice: 100 }], total: 200 },
    metadata: { correlationId: 'corr', causationId: 'cmd' },
  };
  const issues = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ValidationError) return error.issues.map((i) => i.path);
      throw error;
    }
    throw new Error('expected a ValidationError');
  };

  it('names the failing payload field', () => {
    const payload = { ...created.payload, items: [{ sku: 'A', quantity: 0, unitPrice: 100 }] };
    expect(issues(() => allEvents.parse({ ...created, payload }))).toEqual(['payload.items.0.quantity']);
    expect(
      issues(() => orderEvents.parse({ ...created, payload: { ...created.payload, total: -1 } })),
    ).toEqual(['payload.total']);
    expect(
      issues(() => orderEvents.parse({ ...created, payload: { ...created.payload, note: 'x' } })),
    ).toEqual(['payload.note']);
  });

  it('refuses a message of the wrong aggregate type', () => {
    expect(issues(() => allEvents.parse({ ...created, aggregateType: 'payment' }))).toEqual([
      'aggregateType',
    ]);
  });

  it('refuses types they do not hold', () => {
    expect(() => paymentEvents.parse(created)).toThrow(UnknownEventTypeError);
    expect(() => allCommands.parse(created)).toThrow(UnknownEventTypeError);
  });

  it('return envelopes typed by message type', () => {
    const event = orderEvents.parse(created);
    expectTypeOf(event).toEqualTypeOf<OrderEventEnvelope>();
    if (event.type === 'ORDER_CREATED')
      expectTypeOf(event.payload.items[0]).toEqualTypeOf<
        { sku: string; quantity: number; unitPrice: number } | undefined
      >();
    expectTypeOf(paymentCommands.parse).returns.toEqualTypeOf<PaymentCommandEnvelope>();
    expect(event.type).toBe('ORDER_CREATED');
  });
});
