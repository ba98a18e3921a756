import { customerId, orderItem } from '@causeway/contracts';
import { z } from 'zod';
import { orderStatuses, paymentStatuses } from '../schema/index.js';
import { cursor, minPosition, queryInt } from './queryParams.js';

const isoTime = z.iso.datetime();
const money = z.int().meta({ description: 'Amount in minor units (e.g. cents)' });

export const orderSummarySchema = z
  .object({
    orderId: z.string(),
    customerId: z.string(),
    status: z.enum(orderStatuses),
    items: z.array(orderItem),
    total: money,
    paid: money.meta({ description: 'Money held for the order: processed payments minus refunds' }),
    refunded: money,
    cancellationReason: z.string().nullable(),
    version: z.int().meta({ description: 'The order stream version this view reflects (also the ETag)' }),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'OrderSummary' });

export const paymentSchema = z
  .object({
    paymentId: z.string(),
    status: z.enum(paymentStatuses),
    amount: money.nullable().meta({ description: 'Amount charged; null when the payment was declined' }),
    refunded: money,
    failureReason: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Payment' });

export const orderSchema = orderSummarySchema
  .extend({ payments: z.array(paymentSchema) })
  .meta({ id: 'Order' });

export const orderPageSchema = z
  .object({ orders: z.array(orderSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'OrderPage' });

export const historyEventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    version: z.int(),
    schemaVersion: z.int(),
    timestamp: isoTime,
    position: z.string(),
    payload: z.unknown(),
    metadata: z.object({
      correlationId: z.string(),
      causationId: z.string(),
      userId: z.string().optional(),
      traceparent: z.string().optional(),
    }),
  })
  .meta({ id: 'HistoryEvent' });

export const historySchema = z
  .object({
    orderId: z.string(),
    version: z.int().meta({ description: 'The stream’s current version' }),
    events: z.array(historyEventSchema),
  })
  .meta({ id: 'OrderHistory' });

const deadLetterSchema = z.object({
  id: z.int(),
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  position: z.string().nullable(),
  error: z.string(),
  attempts: z.int(),
  createdAt: isoTime,
});

export const projectionsSchema = z
  .object({
    head: z.string().nullable().meta({ description: 'Position of the newest event a reader may see' }),
    projections: z.array(
      z.object({
        name: z.string(),
        checkpoint: z.string().nullable(),
        lag: z.int().meta({ description: 'Events in the store after the checkpoint' }),
        consumer: z
          .enum(['idle', 'running', 'halted', 'stopped'])
          .nullable()
          .meta({ description: 'This instance’s consumer of the projection, if it runs one' }),
        deadLetters: z.object({ count: z.int(), latest: z.array(deadLetterSchema) }),
      }),
    ),
  })
  .meta({ id: 'Projections' });

export const readQuery = z.strictObject({ minPosition });

export const listQuery = z.strictObject({
  customerId: customerId.optional(),
  status: z.enum(orderStatuses).optional(),
  limit: queryInt(1, 100).default(20),
  cursor,
  minPosition,
});

export const historyQuery = z.strictObject({
  fromVersion: queryInt(1, 999_999_999).default(1),
  limit: queryInt(1, 1000).default(100),
  minPosition,
});
