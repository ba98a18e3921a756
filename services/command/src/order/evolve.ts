import type { OrderEvent } from '@causeway/contracts';
import type { Order } from './order.js';

export const evolve = (state: Order, event: OrderEvent): Order => {
  switch (event.type) {
    case 'ORDER_CREATED':
      return { status: 'PENDING', ...event.payload };
    case 'ORDER_ITEM_ADDED':
      return state.status === 'NONE'
        ? state
        : { ...state, items: [...state.items, event.payload.item], total: event.payload.total };
    case 'ORDER_CONFIRMED':
      return state.status === 'NONE' ? state : { ...state, status: 'CONFIRMED' };
    case 'ORDER_CANCELLED':
      return state.status === 'NONE' ? state : { ...state, status: 'CANCELLED' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};
