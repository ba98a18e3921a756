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

export interface GatewayRequest {
  type: 'PROCESS_PAYMENT' | 'REFUND_PAYMENT';
  paymentId: string;
  orderId: string;
  amount: number;
  commandId: string;
}

/** The gateway's answer, and whether its ledger holds it already (`recorded`) or must record it. */
export interface GatewayQuote {
  answer: GatewayAnswer;
  recorded: boolean;
}

export interface SimulatedGateway {
  /** Answers and records at once, like a remote gateway: the usual mode. */
  ask(request: GatewayRequest): Promise<GatewayAnswer>;
  /**
   * The two halves of `ask`, for a ledger kept in the caller's transaction (PGlite): `quote` reads
   * and decides (writing nothing, so the event append can still be the transaction's first write),
   * `record` writes the quoted answer afterwards, in the same transaction.
   */
  quote(request: GatewayRequest): Promise<GatewayQuote>;
  record(request: GatewayRequest, quote: GatewayQuote): Promise<void>;
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
 * another command id, returns the recorded answer without charging (or waiting) again. A refund
 * is accepted once per charge, for its order and at most its amount.
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
  const answering = async () => {
    if (options.delayMs > 0) await sleep(options.delayMs);
  };

  const quoteCharge = async (request: GatewayRequest): Promise<GatewayQuote> => {
    const known = await find(request.paymentId);
    if (known) return { answer: chargeAnswer(known), recorded: true };
    await answering();
    const { paymentId, amount } = request;
    const answer: GatewayAnswer =
      amount <= options.declineAbove
        ? { type: 'CHARGE_APPROVED', paymentId, amount }
        : {
            type: 'CHARGE_DECLINED',
            paymentId,
            reason: `amount ${amount} is above the limit of ${options.declineAbove}`,
          };
    return { answer, recorded: false };
  };

  const quoteRefund = async (request: GatewayRequest): Promise<GatewayQuote> => {
    const refused = (reason: string): GatewayQuote => ({
      answer: { type: 'REFUND_REFUSED', paymentId: request.paymentId, reason },
      recorded: true,
    });
    const known = await find(request.paymentId);
    if (known && known.refundCommandId === request.commandId) {
      const amount = known.refundedAmount ?? 0;
      return { answer: { type: 'REFUND_ACCEPTED', paymentId: known.paymentId, amount }, recorded: true };
    }
    if (known?.outcome !== 'APPROVED') return refused('no approved charge under this payment id');
    if (known.refundCommandId !== null) return refused('the charge was refunded already');
    if (known.orderId !== request.orderId) return refused('the charge belongs to another order');
    if (request.amount > known.amount) return refused(`refund exceeds the charge of ${known.amount}`);
    await answering();
    return {
      answer: { type: 'REFUND_ACCEPTED', paymentId: request.paymentId, amount: request.amount },
      recorded: false,
    };
  };

  /** Writes a quoted answer; false when another delivery recorded one first. */
  const recordQuote = async (request: GatewayRequest, quote: GatewayQuote): Promise<boolean> => {
    if (quote.recorded) return true;
    if (request.type === 'PROCESS_PAYMENT') {
      const approved = quote.answer.type === 'CHARGE_APPROVED';
      // Racing deliveries insert once; the loser reads the winner's answer.
      const inserted = await db
        .insert(paymentCharges)
        .values({
          paymentId: request.paymentId,
          orderId: request.orderId,
          chargeCommandId: request.commandId,
          amount: request.amount,
          outcome: approved ? 'APPROVED' : 'DECLINED',
          declineReason: quote.answer.type === 'CHARGE_DECLINED' ? quote.answer.reason : null,
        })
        .onConflictDoNothing({ target: paymentCharges.paymentId })
        .returning({ paymentId: paymentCharges.paymentId })
        .catch(unwrapQueryError);
      return inserted.length === 1;
    }
    // Conditional on "not refunded yet": of two refunds racing, exactly one wins.
    const updated = await db
      .update(paymentCharges)
      .set({ refundCommandId: request.commandId, refundedAmount: request.amount, refundedAt: new Date() })
      .where(and(eq(paymentCharges.paymentId, request.paymentId), isNull(paymentCharges.refundCommandId)))
      .returning({ paymentId: paymentCharges.paymentId })
      .catch(unwrapQueryError);
    return updated.length === 1;
  };

  const quote = (request: GatewayRequest) =>
    request.type === 'PROCESS_PAYMENT' ? quoteCharge(request) : quoteRefund(request);

  return {
    quote,
    async record(request, quoted) {
      if (!(await recordQuote(request, quoted))) {
        throw new Error(`payment_charges: ${request.paymentId} was answered by another delivery meanwhile`);
      }
    },
    async ask(request) {
      const quoted = await quote(request);
      if (await recordQuote(request, quoted)) return quoted.answer;
      // Lost a race: the winner's row answers now (a charge as recorded, a refund accepted only if ours).
      return (await quote(request)).answer;
    },
  };
};
