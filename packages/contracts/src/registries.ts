import { createRegistry } from '@causeway/kernel';
import { orderCommandDefinitions } from './order/commands.js';
import { orderEventDefinitions } from './order/events.js';
import { paymentCommandDefinitions } from './payment/commands.js';
import { paymentEventDefinitions } from './payment/events.js';

// Registries turn unknown JSON (a NATS message, a stored row) into a typed, validated, upcast
// envelope. Each consumer parses with the narrowest one that covers what it reads.

export const orderEvents = createRegistry(orderEventDefinitions);
export const paymentEvents = createRegistry(paymentEventDefinitions);
export const allEvents = createRegistry([...orderEventDefinitions, ...paymentEventDefinitions]);

export const orderCommands = createRegistry(orderCommandDefinitions);
export const paymentCommands = createRegistry(paymentCommandDefinitions);
export const allCommands = createRegistry([...orderCommandDefinitions, ...paymentCommandDefinitions]);
