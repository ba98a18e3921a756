import { formatPosition, type StoredEvent } from '@causeway/event-store';
import { createRegistry, defineEvent, isValidationError } from '@causeway/kernel';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { topologyNames } from '../topology/names.js';
import { decodeEvent, encodeEvent } from './eventMessage.js';
import { CausewayHeaders } from './headers.js';

const event: StoredEvent = {
  id: '01900000-0000-7000-8000-000000000001',
  type: 'ITEM_ADDED',
  aggregateType: 'cart',
  aggregateId: 'c1',
  version: 3,
  schemaVersion: 1,
  timestamp: '2026-01-01T00:00:00.000Z',
  payload: { sku: 'A', quantity: 2 },
  metadata: {
    correlationId: 'corr',
    causationId: 'cause',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  },
  position: formatPosition(42n, 7n),
};

const ItemAddedV2 = defineEvent({
  type: 'ITEM_ADDED',
  aggregateType: 'cart',
  schemaVersion: 2,
  payload: z.strictObject({ sku: z.string(), quantity: z.int(), unit: z.string() }),
  upcasters: { 1: (p: { sku: string; quantity: number }) => ({ ...p, unit: 'piece' }) },
});

describe('event messages', () => {
  const names = topologyNames('p');

  it('carry the envelope as JSON, the id as message id and the routing and tracing headers', () => {
    const message = encodeEvent(names, event);
    expect(message.subject).toBe('p.events.cart.ITEM_ADDED');
    expect(message.msgID).toBe(event.id);
    expect(message.headers.get(CausewayHeaders.Position)).toBe(event.position);
    expect(message.headers.get(CausewayHeaders.StreamId)).toBe('cart-c1');
    expect(message.headers.get(CausewayHeaders.Version)).toBe('3');
    expect(message.headers.get(CausewayHeaders.CorrelationId)).toBe('corr');
    expect(message.headers.get(CausewayHeaders.CausationId)).toBe('cause');
    expect(message.headers.get('traceparent')).toBe(event.metadata.traceparent);
    expect(decodeEvent(message)).toEqual(event);
  });

  it('upcast through the registry, keeping the position', () => {
    const decoded = decodeEvent(encodeEvent(names, event), createRegistry([ItemAddedV2]));
    expect(decoded).toMatchObject({ schemaVersion: 2, payload: { unit: 'piece' }, position: event.position });
  });

  it('refuse a message without a valid position header, naming it', () => {
    const message = encodeEvent(names, event);
    message.headers.set(CausewayHeaders.Position, 'nope');
    expect(() => decodeEvent(message)).toThrowError(/Causeway-Position/);
  });

  it('refuse a body whose position disagrees with the header', () => {
    const message = encodeEvent(names, { ...event, position: formatPosition(1n, 1n) });
    message.headers.set(CausewayHeaders.Position, event.position);
    expect(() => decodeEvent(message)).toThrowError(/position/);
  });

  it('refuse bodies that are not JSON or not envelopes', () => {
    const message = encodeEvent(names, event);
    for (const body of ['{', '{"type":"X"}']) {
      try {
        decodeEvent({ ...message, data: new TextEncoder().encode(body) });
        expect.unreachable();
      } catch (error) {
        expect(isValidationError(error)).toBe(true);
      }
    }
  });

  it('report a type the registry does not know', () => {
    const other = createRegistry([
      defineEvent({ type: 'OTHER', aggregateType: 'cart', payload: z.object({}) }),
    ]);
    expect(() => decodeEvent(encodeEvent(names, event), other)).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_MESSAGE_TYPE' }),
    );
  });
});
