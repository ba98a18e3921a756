import type { OrderEventEnvelope, PaymentEventEnvelope } from '@causeway/contracts';

/** What the projection reads: order and payment events, parsed and upcast by `allEvents`. */
export type ProjectedEvent = OrderEventEnvelope | PaymentEventEnvelope;

type Needed = 'type' | 'aggregateType' | 'aggregateId' | 'version' | 'timestamp' | 'payload';

/**
 * The fields the projection uses, per event type (distributed over the union, so `type` still
 * narrows `payload`). The rebuild reads just these from the store.
 */
type Slim<E> = E extends ProjectedEvent ? Pick<E, Needed> : never;
export type ProjectableEvent = Slim<ProjectedEvent>;
export type ProjectableOrderEvent = Extract<ProjectableEvent, { type: OrderEventEnvelope['type'] }>;
export type ProjectablePaymentEvent = Extract<ProjectableEvent, { type: PaymentEventEnvelope['type'] }>;

export const isOrderEvent = (event: ProjectableEvent): event is ProjectableOrderEvent =>
  event.aggregateType === 'order';
