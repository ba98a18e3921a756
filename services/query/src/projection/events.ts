import type { OrderEventEnvelope, PaymentEventEnvelope } from '@causeway/contracts';

/** What the projection reads: order and payment events, parsed and upcast by `allEvents`. */
export type ProjectedEvent = OrderEventEnvelope | PaymentEventEnvelope;

export const isOrderEvent = (event: ProjectedEvent): event is OrderEventEnvelope =>
  event.aggregateType === 'order';
