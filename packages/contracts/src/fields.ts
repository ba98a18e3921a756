import { z } from 'zod';

/** The bounds every service enforces; exported so edges (HTTP, forms, tests) share them. */
export const limits = {
  itemsPerOrder: { min: 1, max: 100 },
  quantity: { min: 1, max: 1000 },
  unitPrice: { min: 0, max: 100_000_000 },
  customerIdLength: { min: 1, max: 64 },
  reasonLength: { min: 1, max: 500 },
} as const;

/**
 * Money: a non-negative integer in minor units (cents). Zero is allowed so an order of free
 * items still goes through the same payment flow.
 */
export const money = z.int().min(0).describe('Amount in minor units (e.g. cents)');

/** An order or payment id: anything that is a valid aggregate id (the stream is `<type>-<id>`). */
export const entityId = z.string().regex(/^[\w-]{1,128}$/, 'must be 1-128 letters, digits, _ or -');

export const sku = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
  .describe('Stock keeping unit');

export const customerId = z.string().min(limits.customerIdLength.min).max(limits.customerIdLength.max);

export const reason = z.string().min(limits.reasonLength.min).max(limits.reasonLength.max);

export const orderItem = z.strictObject({
  sku,
  quantity: z.int().min(limits.quantity.min).max(limits.quantity.max),
  unitPrice: z
    .int()
    .min(limits.unitPrice.min)
    .max(limits.unitPrice.max)
    .describe('Price of one unit in minor units'),
});
export type OrderItem = z.infer<typeof orderItem>;

export const orderItems = z.array(orderItem).min(limits.itemsPerOrder.min).max(limits.itemsPerOrder.max);
