import type { StoreDatabase } from '@causeway/event-store';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import { orderPayments, orderSummaries, type PaymentStatus } from '../schema/index.js';
import { type OrderView, toPaymentView, toSummaryView } from './orderView.js';

interface PaymentJson {
  payment_id: string;
  order_id: string;
  status: PaymentStatus;
  amount: number | string | null;
  refunded: number | string;
  failure_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const asPayments = (value: unknown): PaymentJson[] =>
  (typeof value === 'string' ? JSON.parse(value) : value) as PaymentJson[];

/**
 * The order's row with its payments, read in one statement (one snapshot), so `paid` always
 * agrees with the payments listed beside it. (The outer column is qualified by hand: drizzle
 * leaves columns of a single-table select bare, which inside the subquery would mean `p`'s.)
 */
export const getOrder = async (db: StoreDatabase, orderId: string): Promise<OrderView | undefined> => {
  const [row] = await db
    .select({
      ...getTableColumns(orderSummaries),
      payments: sql<unknown>`coalesce((
        SELECT json_agg(row_to_json(p) ORDER BY p.created_at, p.payment_id)
          FROM ${orderPayments} p WHERE p.order_id = ${orderSummaries}.order_id), '[]'::json)`,
    })
    .from(orderSummaries)
    .where(eq(orderSummaries.orderId, orderId));
  if (!row) return undefined;
  const { payments, ...summary } = row;
  return {
    ...toSummaryView(summary),
    payments: asPayments(payments).map((p) =>
      toPaymentView({
        paymentId: p.payment_id,
        orderId: p.order_id,
        status: p.status,
        amount: p.amount === null ? null : Number(p.amount),
        refunded: Number(p.refunded),
        failureReason: p.failure_reason,
        version: p.version,
        createdAt: new Date(p.created_at),
        updatedAt: new Date(p.updated_at),
      }),
    ),
  };
};
