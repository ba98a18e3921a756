// Runs inside a fresh project outside the workspace, against the packed tarballs.

import { allEvents, createOrderBody, OrderCreated, orderTotal } from '@causeway/contracts';
import orderCreatedSchema from '@causeway/contracts/schemas/ORDER_CREATED.v1.json' with { type: 'json' };
import { uuidv7, ValidationError } from '@causeway/kernel';
import { DeciderSpecification } from '@causeway/kernel/testing';

const body = createOrderBody.parse({
  customerId: 'c-1',
  items: [{ sku: 'A-1', quantity: 2, unitPrice: 1250 }],
});
const event = OrderCreated.create({
  aggregateId: 'o-1',
  version: 1,
  payload: { ...body, total: orderTotal(body.items) },
  metadata: { correlationId: 'corr-1', causationId: uuidv7() },
});
const parsed = allEvents.parse(JSON.parse(JSON.stringify(event)));

let invalid;
try {
  allEvents.parse({ ...event, payload: { ...event.payload, total: -1 } });
} catch (error) {
  invalid = error instanceof ValidationError ? error.issues.map((issue) => issue.path) : String(error);
}

console.log(
  JSON.stringify({
    event,
    parsed,
    invalid,
    schemaTitle: orderCreatedSchema.title,
    schemaPayloadRequired: orderCreatedSchema.properties.payload.required,
    specification: typeof DeciderSpecification.for,
  }),
);
