import type { StoreDatabase } from '@causeway/event-store';
import { sql } from 'drizzle-orm';

/**
 * Writes `orders` complete order flows straight into the events table (created, paid, confirmed:
 * three events each, in three streams), in chunks of one statement each: a large log in seconds,
 * for measuring the rebuild. Only for empty benchmark databases: streams and versions are not checked.
 */
export const seedOrderFlows = async (db: StoreDatabase, orders: number, chunk = 20_000): Promise<number> => {
  for (let from = 0; from < orders; from += chunk) {
    const to = Math.min(orders, from + chunk) - 1;
    await db.execute(sql`
      WITH o AS (
        SELECT n, gen_random_uuid()::text AS order_id, gen_random_uuid()::text AS payment_id,
               timestamptz '2030-01-01' + n * interval '1 millisecond' AS at
          FROM generate_series(${from}::int, ${to}::int) AS n)
      INSERT INTO events (stream_id, version, id, type, aggregate_type, aggregate_id, schema_version,
                          "timestamp", payload, metadata)
      SELECT e.stream_id, e.version, gen_random_uuid(), e.type, e.aggregate_type, e.aggregate_id, 1, o.at,
             e.payload, '{"correlationId":"bench","causationId":"bench"}'::jsonb
        FROM o CROSS JOIN LATERAL (VALUES
          (1, 'order-' || o.order_id, 1, 'ORDER_CREATED', 'order', o.order_id,
           jsonb_build_object('customerId', 'customer-' || (o.n % 1000),
             'items', jsonb_build_array(jsonb_build_object('sku', 'SKU-1', 'quantity', 2, 'unitPrice', 1500)),
             'total', 3000)),
          (2, 'payment-' || o.payment_id, 1, 'PAYMENT_PROCESSED', 'payment', o.payment_id,
           jsonb_build_object('paymentId', o.payment_id, 'orderId', o.order_id, 'amount', 3000)),
          (3, 'order-' || o.order_id, 2, 'ORDER_CONFIRMED', 'order', o.order_id,
           jsonb_build_object('paymentId', o.payment_id, 'amountPaid', 3000))
        ) AS e(k, stream_id, version, type, aggregate_type, aggregate_id, payload)
       ORDER BY o.n, e.k`);
  }
  // Autovacuum would gather statistics soon enough; a benchmark cannot wait for it.
  await db.execute(sql`ANALYZE events`);
  return orders * 3;
};
