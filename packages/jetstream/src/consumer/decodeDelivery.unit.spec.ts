import { formatPosition, type StoredEvent } from '@causeway/event-store';
import { createRegistry, defineEvent } from '@causeway/kernel';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { encodeEvent } from '../codec/eventMessage.js';
import { topologyNames } from '../topology/names.js';
import { decodeDelivery } from './decodeDelivery.js';

const event: StoredEvent = {
  id: '01900000-0000-7000-8000-000000000002',
  type: 'ITEM_REMOVED',
  aggregateType: 'cart',
  aggregateId: 'c1',
  version: 1,
  schemaVersion: 1,
  timestamp: '2026-01-01T00:00:00.000Z',
  payload: { sku: 'A' },
  metadata: { correlationId: 'corr', causationId: 'cause' },
  position: formatPosition(9n, 9n),
};
const message = encodeEvent(topologyNames(), event);

describe('decodeDelivery', () => {
  const cartAdded = createRegistry([
    defineEvent({ type: 'ITEM_ADDED', aggregateType: 'cart', payload: z.object({}) }),
  ]);

  it('marks events of types the registry does not know as skipped, not broken, by default', () => {
    expect(decodeDelivery(message, { registry: cartAdded })).toEqual({ ok: true, event, handled: false });
  });

  it("makes them a dead-letter candidate naming the type with unknownTypes: 'dead-letter'", () => {
    const decoded = decodeDelivery(message, { registry: cartAdded, unknownTypes: 'dead-letter' });
    expect(decoded).toMatchObject({ ok: false, position: event.position, raw: event, event });
    expect(!decoded.ok && String(decoded.error)).toMatch(/Unknown message type: "ITEM_REMOVED"/);
  });

  it('turns a payload that fails its schema into a dead-letter candidate with its position', () => {
    const registry = createRegistry([
      defineEvent({ type: 'ITEM_REMOVED', aggregateType: 'cart', payload: z.strictObject({ sku: z.int() }) }),
    ]);
    const decoded = decodeDelivery(message, { registry });
    expect(decoded).toMatchObject({ ok: false, position: event.position, raw: event });
    expect(!decoded.ok && String(decoded.error)).toMatch(/payload\.sku/);
  });

  it('keeps what arrived when the body is not even JSON', () => {
    const decoded = decodeDelivery(
      { data: new TextEncoder().encode('\u0000garbage'), headers: undefined },
      {},
    );
    expect(decoded).toMatchObject({ ok: false, position: undefined, raw: { undecodable: '\u0000garbage' } });
  });
});
