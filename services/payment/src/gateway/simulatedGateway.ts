import type { StoreDatabase } from '@causeway/event-store';
import { and, eq, isNull } from 'drizzle-orm';
import { unwrapQueryError } from '../db/unwrapQueryError.js';
import type { GatewayAnswer } from '../payment/gatewayAnswer.js';
import { paymentCharges } from '../schema/paymentCharges.js';

export interface GatewayOptions {
  /** Amounts above this are declined. */
  declineAbove: number;
  /** How long a new charge or refund takes to answer. */
  delayMs: number;
  /** Seam for tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ChargeRequest {
  paymentId: string;
  orderId: string;
  amount: number;
  commandId: string;
}

export interface RefundRequest extends ChargeRequest {}

export interface SimulatedGateway {
  charge(request: ChargeRequest): Promise<GatewayAnswer>;
  refund(request: RefundRequest): Promise<GatewayAnswer>;
}

type ChargeRow = typeof paymentCharges.$inferSelect;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const chargeAnswer = (row: ChargeRow): GatewayAnswer =>
  row.outcome === 'APPROVED'
    ? { type: 'CHARGE_APPROVED', paymentId: row.paymentId, amount: row.amount }
    : { type: 'CHARGE_DECLINED', paymentId: row.paymentId, reason: row.declineReason ?? 'declined' };

/**
 * A payment gateway stand-in with the one property that matters: it is idempotent per payment
 * id. Its ledger (`payment_charges`) is written as soon as it answers, outside any event-store
 * transaction, like a real remote charge; asking again for the same payment, with the same or
 * another command id, returns the recorded answer without charging (or waiting) again.
 */
export const createSimulatedGateway = (db: StoreDatabase, options: GatewayOptions): SimulatedGateway => {
  const sleep = options.sleep ?? sleepFor;
  const find = async (paymentId: string): Promise<ChargeRow | undefined> => {
    const [row] = await db
      .select()
      .from(paymentCharges)
      .where(eq(paymentCharges.paymentId, paymentId))
      .catch(unwrapQueryError);
    return row;
  };

  const gateway: SimulatedGateway = {
    async charge(request) {
      const known = await find(request.paymentId);
      if (known) return chargeAnswer(known);
      if (options.delayMs > 0) await sleep(options.delayMs);
      const approved = request.amount <= options.declineAbove;
      // Two deliveries racing here insert once; the loser reads the winner's answer.
      const [inserted] = await db
        .insert(paymentCharges)
        .values({
          paymentId: request.paymentId,
          orderId: request.orderId,
          chargeCommandId: request.commandId,
          amount: request.amount,
          outcome: approved ? 'APPROVED' : 'DECLINED',
          declineReason: approved
            ? null
            : `amount ${request.amount} is above the limit of ${options.declineAbove}`,
        })
        .onConflictDoNothing({ target: paymentCharges.paymentId })
        .returning()
        .catch(unwrapQueryError);
      const row = inserted ?? (await find(request.paymentId));
      if (!row) throw new Error(`payment_charges lost the row of ${request.paymentId}`);
      return chargeAnswer(row);
    },

    async refund(request) {
      const refused = (reason: string): GatewayAnswer => ({
        type: 'REFUND_REFUSED',
        paymentId: request.paymentId,
        reason,
      });
      const known = await find(request.paymentId);
      if (known?.refundCommandId === request.commandId) {
        return { type: 'REFUND_ACCEPTED', paymentId: known.paymentId, amount: known.refundedAmount ?? 0 };
      }
      if (known?.outcome !== 'APPROVED') return refused('no approved charge under this payment id');
      if (known.refundCommandId !== null) return refused('the charge was refunded already');
      if (known.orderId !== request.orderId) return refused('the charge belongs to another order');
      if (request.amount > known.amount) return refused(`refund exceeds the charge of ${known.amount}`);
      if (options.delayMs > 0) await sleep(options.delayMs);
      // Conditional on "not refunded yet": of two refunds racing, exactly one wins.
      const [updated] = await db
        .update(paymentCharges)
        .set({ refundCommandId: request.commandId, refundedAmount: request.amount, refundedAt: new Date() })
        .where(and(eq(paymentCharges.paymentId, request.paymentId), isNull(paymentCharges.refundCommandId)))
        .returning()
        .catch(unwrapQueryError);
      if (updated) return { type: 'REFUND_ACCEPTED', paymentId: updated.paymentId, amount: request.amount };
      // Lost a race: the winner's row now answers (accepted if it was this command, else refused).
      return gateway.refund(request);
    },
  };
  return gateway;
};
