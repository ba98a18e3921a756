import type { OrderCommand, OrderEvent } from '@causeway/contracts';
import type { Decider } from '@causeway/kernel';
import type { Order } from '../order/order.js';
import { OrderRuleError } from '../order/orderRuleError.js';

/**
 * The order decider for a caller who may change only their own orders: an order of another
 * customer is refused exactly like one that does not exist (404, nothing leaked). The check runs
 * on the state loaded inside the command's transaction, before anything else: `pending()` yields
 * a deferred `If-Match` conflict, thrown only once ownership is settled, so a stale version on
 * someone else's order is a 404 too, never a 412 revealing its version.
 */
export const ownedBy = (
  decider: Decider<Order, OrderCommand, OrderEvent>,
  owner: string,
  pending: () => Error | undefined = () => undefined,
): Decider<Order, OrderCommand, OrderEvent> => ({
  ...decider,
  decide: (command, state) => {
    if (state.status !== 'NONE' && state.customerId !== owner) {
      throw new OrderRuleError('ORDER_NOT_FOUND', 'The order does not exist');
    }
    const conflict = pending();
    if (conflict !== undefined) throw conflict;
    return decider.decide(command, state);
  },
});
