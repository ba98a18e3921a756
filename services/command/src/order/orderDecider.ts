import type { OrderCommand, OrderEvent } from '@causeway/contracts';
import type { Decider } from '@causeway/kernel';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { initialState, type Order } from './order.js';

export const orderDecider: Decider<Order, OrderCommand, OrderEvent> = { initialState, evolve, decide };
