import type { OrderItem } from '@causeway/contracts';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

/** The order as the decider sees it: nothing yet, or an order with its items and total. */
export type Order =
  | { status: 'NONE' }
  | {
      status: OrderStatus;
      customerId: string;
      items: readonly OrderItem[];
      total: number;
    };

export const initialState = (): Order => ({ status: 'NONE' });
