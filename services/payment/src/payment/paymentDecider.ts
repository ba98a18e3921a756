import type { PaymentCommand, PaymentEvent } from '@causeway/contracts';
import type { Decider } from '@causeway/kernel';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import type { GatewayAnswer } from './gatewayAnswer.js';
import { initialState, type Payment } from './payment.js';

/**
 * The payment decider, built per gateway answer. Charging is I/O, so the command handler asks the
 * gateway first (idempotently, keyed by payment id) and builds the decider with the answer; the
 * decision itself stays pure and replayable: same history, command and answer, same events. We
 * chose a decider per answer over an internal "record the gateway's answer" command so the
 * envelope the store de-duplicates by id is the very command that was sent.
 */
export const paymentDecider = (answer?: GatewayAnswer): Decider<Payment, PaymentCommand, PaymentEvent> => ({
  initialState,
  evolve,
  decide: decide(answer),
});
