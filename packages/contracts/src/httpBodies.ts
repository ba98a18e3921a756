import { z } from 'zod';
import { customerId, orderItem, orderItems, reason } from './fields.js';

// Request bodies of the command service's HTTP API. They are the command payloads minus
// anything the server decides (ids, totals); unknown fields are rejected.

/** `POST /orders` */
export const createOrderBody = z.strictObject({ customerId, items: orderItems });
export type CreateOrderBody = z.infer<typeof createOrderBody>;

/** `POST /orders/:id/items`: one item. */
export const addItemBody = orderItem;
export type AddItemBody = z.infer<typeof addItemBody>;

/** `POST /orders/:id/cancel` */
export const cancelOrderBody = z.strictObject({ reason });
export type CancelOrderBody = z.infer<typeof cancelOrderBody>;
