import type { StoreDatabase } from '@causeway/event-store';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type OrderStatus, orderSummaries } from '../schema/index.js';
import { type Cursor, encodeCursor } from './cursor.js';
import { type OrderSummaryView, toSummaryView } from './orderView.js';

export interface ListOrdersQuery {
  customerId?: string | undefined;
  status?: OrderStatus | undefined;
  limit: number;
  cursor?: Cursor | undefined;
}

export interface OrderPage {
  orders: OrderSummaryView[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/**
 * Newest first, by keyset on (created_at, order_id): a page starts strictly after the previous
 * page's last key, so rows inserted meanwhile never shift a page (no row twice, none skipped),
 * and every page is one range scan of the index matching the filter.
 */
export const listOrders = async (db: StoreDatabase, query: ListOrdersQuery): Promise<OrderPage> => {
  const conditions: SQL[] = [];
  if (query.customerId !== undefined) conditions.push(eq(orderSummaries.customerId, query.customerId));
  if (query.status !== undefined) conditions.push(eq(orderSummaries.status, query.status));
  if (query.cursor !== undefined) {
    conditions.push(
      sql`(${orderSummaries.createdAt}, ${orderSummaries.orderId}) < (${query.cursor.createdAt.toISOString()}::timestamptz, ${query.cursor.orderId}::text)`,
    );
  }
  const rows = await db
    .select()
    .from(orderSummaries)
    .where(and(...conditions))
    .orderBy(desc(orderSummaries.createdAt), desc(orderSummaries.orderId))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    orders: page.map(toSummaryView),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
};
