// Type-checked with tsc inside a fresh project outside the workspace: the published .d.ts files
// must give real types (the @ts-expect-error lines fail the check if anything degrades to any).
import {
  type CreateOrderBody,
  type OrderCommand,
  OrderCreated,
  type OrderEvent,
  type OrderEventEnvelope,
  orderEvents,
  type PaymentCommandEnvelope,
  paymentCommands,
} from '@causeway/contracts';
import { type Decider, DomainRuleError } from '@causeway/kernel';
import { DeciderSpecification } from '@causeway/kernel/testing';

export const totalOf = (input: unknown): number => {
  const event: OrderEventEnvelope = orderEvents.parse(input);
  switch (event.type) {
    case 'ORDER_CREATED':
    case 'ORDER_ITEM_ADDED':
      return event.payload.total;
    case 'ORDER_CONFIRMED':
      return event.payload.amountPaid;
    case 'ORDER_CANCELLED':
      return 0;
  }
};

export const amountOf = (input: unknown): number => {
  const command: PaymentCommandEnvelope = paymentCommands.parse(input);
  return command.payload.amount;
};

type Counted = { created: number };
const decider: Decider<Counted, OrderCommand, OrderEvent> = {
  initialState: () => ({ created: 0 }),
  evolve: (state, event) => (event.type === 'ORDER_CREATED' ? { created: state.created + 1 } : state),
  decide: (command, state) => {
    if (command.type !== 'CREATE_ORDER') return [];
    if (state.created > 0) throw new DomainRuleError('ALREADY_CREATED', 'created once');
    return [OrderCreated.of({ ...command.payload, total: 0 })];
  },
};
export const spec = DeciderSpecification.for(decider);

const wrongItem = { sku: 'a', quantity: '2', unitPrice: 1 };
// @ts-expect-error: quantity is a number
export const wrongBody: CreateOrderBody = { customerId: 'c', items: [wrongItem] };

// @ts-expect-error: ORDER_CREATED carries no reason
OrderCreated.of({ reason: 'x' });
