import { addItemBody, cancelOrderBody, createOrderBody } from '@causeway/contracts';
import { z } from 'zod';

// Component ids carry the service's name: zod's global registry is shared by every service that
// runs in one process (embedded mode), and an id may be registered once.

export const createOrderRequest = createOrderBody.meta({
  id: 'CommandCreateOrderRequest',
  description: 'A new order; the server computes the total from the items',
});
export const addItemRequest = addItemBody.meta({ id: 'CommandAddOrderItemRequest' });
export const cancelOrderRequest = cancelOrderBody.meta({ id: 'CommandCancelOrderRequest' });

export const writeResult = z
  .object({
    orderId: z.uuid(),
    version: z.int().min(1).meta({ description: 'The order stream version after the write (also the ETag)' }),
    position: z.string().meta({
      description: 'Opaque store position of the write: pass it as minPosition to read your write',
    }),
  })
  .meta({ id: 'CommandWriteResult' });
export type WriteResult = z.infer<typeof writeResult>;

const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 visible ASCII characters')
  .optional()
  .meta({
    description:
      'Makes the POST safe to retry: a retry with the same key and body gets the first answer, and writes nothing',
  });

const ifMatch = z
  .string()
  .optional()
  .meta({ description: 'The order version the write expects, quoted: "3". A mismatch is 412' });

/** Loose: the request's other headers (correlation id, traceparent) must survive validation. */
export const createHeaders = z.looseObject({ 'idempotency-key': idempotencyKey });
export const conditionalHeaders = z.looseObject({ 'idempotency-key': idempotencyKey, 'if-match': ifMatch });
