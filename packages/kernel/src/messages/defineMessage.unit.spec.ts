import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors/validationError.js';
import { AddItem, ItemAdded, ItemRemoved } from '../fixtures/cart.js';
import { defineEvent } from './defineMessage.js';

const metadata = { correlationId: 'corr-1', causationId: 'cmd-1' };
const apple = { sku: 'apple', quantity: 1, price: 3 };

describe('defineEvent / defineCommand', () => {
  it('describe their message', () => {
    expect(ItemAdded).toMatchObject({
      kind: 'event',
      type: 'ITEM_ADDED',
      aggregateType: 'cart',
      schemaVersion: 1,
    });
    expect(AddItem).toMatchObject({
      kind: 'command',
      type: 'ADD_ITEM',
      aggregateType: 'cart',
      schemaVersion: 1,
    });
  });

  it('of builds the { type, payload } a decider returns', () => {
    expect(ItemAdded.of(apple)).toEqual({ type: 'ITEM_ADDED', payload: apple });
  });

  it('is narrows by type', () => {
    expect(ItemAdded.is(ItemAdded.of(apple))).toBe(true);
    expect(ItemAdded.is(ItemRemoved.of({ sku: 'apple' }))).toBe(false);
  });

  it('create builds a full event envelope with a fresh UUIDv7 id and an ISO timestamp', () => {
    const event = ItemAdded.create({ aggregateId: 'c-1', version: 3, payload: apple, metadata });
    expect(event).toMatchObject({
      type: 'ITEM_ADDED',
      aggregateType: 'cart',
      aggregateId: 'c-1',
      version: 3,
      schemaVersion: 1,
      payload: apple,
      metadata,
    });
    expect(event.id).toMatch(/^[\da-f]{8}-[\da-f]{4}-7/);
    expect(new Date(event.timestamp).toISOString()).toBe(event.timestamp);
  });

  it('create keeps a given id and timestamp, and commands carry no version', () => {
    const command = AddItem.create({
      aggregateId: 'c-1',
      payload: apple,
      metadata,
      id: '01890f2c-6a8e-7cc1-9b2a-3d4e5f607182',
      timestamp: '2025-01-01T00:00:00.000Z',
    });
    expect(command.id).toBe('01890f2c-6a8e-7cc1-9b2a-3d4e5f607182');
    expect(command.timestamp).toBe('2025-01-01T00:00:00.000Z');
    expect(command).not.toHaveProperty('version');
  });

  it('parsePayload validates and names the field under `payload`', () => {
    expect(ItemAdded.parsePayload(apple)).toEqual(apple);
    expect(() => ItemAdded.parsePayload({ ...apple, quantity: 1.5 })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'payload.quantity' })] }),
    );
  });

  it('parsePayload refuses a version outside 1..schemaVersion', () => {
    for (const version of [0, 2, 1.5]) {
      expect(() => ItemAdded.parsePayload(apple, version)).toThrow(ValidationError);
    }
  });

  it('refuses a schema version without an upcaster for every earlier version', () => {
    const payload = z.strictObject({});
    expect(() =>
      defineEvent({ type: 'X', aggregateType: 'x', payload, schemaVersion: 3, upcasters: { 1: (p) => p } }),
    ).toThrow(/X: no upcaster from schema version 2/);
    expect(() => defineEvent({ type: 'X', aggregateType: 'x', payload, schemaVersion: 0 })).toThrow(
      RangeError,
    );
  });
});
