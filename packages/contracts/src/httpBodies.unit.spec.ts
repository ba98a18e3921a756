import { describe, expect, it } from 'vitest';
import { addItemBody, cancelOrderBody, createOrderBody } from './httpBodies.js';
import { AddOrderItem, CancelOrder, CreateOrder } from './order/commands.js';

const item = { sku: 'SKU-1', quantity: 2, unitPrice: 1250 };

describe('HTTP request bodies', () => {
  it('createOrderBody takes a customer and items, never a total', () => {
    expect(createOrderBody.parse({ customerId: 'c-1', items: [item] })).toEqual({
      customerId: 'c-1',
      items: [item],
    });
    expect(
      createOrderBody.safeParse({ customerId: 'c-1', items: [item], total: 1 }).error?.issues[0],
    ).toMatchObject({ code: 'unrecognized_keys', keys: ['total'] });
  });

  it('addItemBody is one item', () => {
    expect(addItemBody.parse(item)).toEqual(item);
    expect(addItemBody.safeParse({ item }).success).toBe(false);
  });

  it('cancelOrderBody takes a reason', () => {
    expect(cancelOrderBody.parse({ reason: 'changed my mind' })).toEqual({ reason: 'changed my mind' });
    expect(cancelOrderBody.safeParse({}).error?.issues[0]?.path).toEqual(['reason']);
  });

  it('a valid body is a valid command payload', () => {
    expect(CreateOrder.parsePayload(createOrderBody.parse({ customerId: 'c', items: [item] }))).toBeTruthy();
    expect(AddOrderItem.parsePayload(addItemBody.parse(item))).toEqual(item);
    expect(CancelOrder.parsePayload(cancelOrderBody.parse({ reason: 'r' }))).toEqual({ reason: 'r' });
  });
});
