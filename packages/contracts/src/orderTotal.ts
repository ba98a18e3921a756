import type { OrderItem } from './fields.js';

/**
 * What the items cost, in minor units: the sum of quantity x unitPrice. Totals are always
 * computed by the server with this, never taken from a client. Within the limits an order's
 * total stays far below 2^53, so plain numbers are exact.
 */
export const orderTotal = (items: readonly Pick<OrderItem, 'quantity' | 'unitPrice'>[]): number =>
  items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
