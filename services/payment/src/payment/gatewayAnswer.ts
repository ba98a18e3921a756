/**
 * What the simulated gateway answered for a command, handed to the decider (see
 * `paymentDecider`): the gateway is I/O, so it is called first and its answer becomes an input of
 * the pure decision.
 */
export type GatewayAnswer =
  | { type: 'CHARGE_APPROVED'; paymentId: string; amount: number }
  | { type: 'CHARGE_DECLINED'; paymentId: string; reason: string }
  | { type: 'REFUND_ACCEPTED'; paymentId: string; amount: number }
  | { type: 'REFUND_REFUSED'; paymentId: string; reason: string };
