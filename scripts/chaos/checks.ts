import type { DrizzleEventStore } from '@causeway/event-store';
import { foldFromStore, schema } from '@causeway/query-service';
import type postgres from 'postgres';
import type { SubmittedOrder } from './load.js';

export interface Check {
  name: string;
  ok: boolean;
  /** The figure behind the verdict (breaches, or what was checked). */
  detail: string;
}

const json = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

const byOrder = <T extends { orderId: string }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.orderId, [...(map.get(row.orderId) ?? []), row]);
  return map;
};

/** Read model rows vs a fresh fold of the log, per order, compared as serialized text. */
const readModelEqualsFold = async (store: DrizzleEventStore): Promise<Check> => {
  const folded = await foldFromStore(store.db);
  const summaries = await store.db.select().from(schema.orderSummaries);
  const payments = await store.db.select().from(schema.orderPayments);
  const key = (a: { paymentId: string }, b: { paymentId: string }) => (a.paymentId < b.paymentId ? -1 : 1);
  const tableSummaries = new Map(summaries.map((row) => [row.orderId, row]));
  const tablePayments = byOrder(payments);
  const foldPayments = byOrder(folded.payments);
  const differing: string[] = [];
  for (const summary of folded.summaries) {
    const table = json([
      tableSummaries.get(summary.orderId),
      (tablePayments.get(summary.orderId) ?? []).sort(key),
    ]);
    const fold = json([summary, (foldPayments.get(summary.orderId) ?? []).sort(key)]);
    if (table !== fold) differing.push(summary.orderId);
  }
  const extra = summaries.length - folded.summaries.length;
  return {
    name: 'read model = fresh fold (per order)',
    ok: differing.length === 0 && extra === 0,
    detail: `${folded.summaries.length} orders folded, ${differing.length} differ, ${extra} extra rows${differing.length ? ` (e.g. ${differing.slice(0, 3).join(', ')})` : ''}`,
  };
};

/** Every check, read from the store (and the read model for its own check). */
export const runChecks = async (
  sql: postgres.Sql,
  store: DrizzleEventStore,
  submitted: SubmittedOrder[],
  deadLettersInjected: number,
): Promise<Check[]> => {
  const checks: Check[] = [];
  const created = new Set(
    (await sql<{ id: string }[]>`SELECT aggregate_id AS id FROM events WHERE type = 'ORDER_CREATED'`).map(
      (r) => r.id,
    ),
  );
  const lost = submitted.filter((order) => !created.has(order.orderId));
  checks.push({
    name: 'every accepted order is in the store',
    ok: lost.length === 0,
    detail: `${submitted.length} accepted, ${lost.length} lost`,
  });
  checks.push(await readModelEqualsFold(store));

  const open = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM order_summaries WHERE status NOT IN ('CONFIRMED', 'CANCELLED')`;
  const missing = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM events e WHERE e.type = 'ORDER_CREATED'
       AND NOT EXISTS (SELECT 1 FROM order_summaries s WHERE s.order_id = e.aggregate_id)`;
  checks.push({
    name: 'every order CONFIRMED or CANCELLED',
    ok: open[0]?.n === 0 && missing[0]?.n === 0,
    detail: `${created.size} orders, ${open[0]?.n} not final, ${missing[0]?.n} missing from the read model`,
  });

  const unbalanced = await sql<{ id: string; status: string; total: number; net: number }[]>`
    WITH orders AS (
      SELECT aggregate_id AS id,
             (array_agg((payload->>'total')::bigint ORDER BY version DESC)
                FILTER (WHERE type IN ('ORDER_CREATED', 'ORDER_ITEM_ADDED')))[1] AS total,
             bool_or(type = 'ORDER_CONFIRMED') AS confirmed,
             bool_or(type = 'ORDER_CANCELLED') AS cancelled
        FROM events WHERE aggregate_type = 'order' GROUP BY aggregate_id),
    money AS (
      SELECT payload->>'orderId' AS id,
             sum(CASE type WHEN 'PAYMENT_PROCESSED' THEN (payload->>'amount')::bigint
                           WHEN 'PAYMENT_REFUNDED' THEN -(payload->>'amount')::bigint ELSE 0 END) AS net
        FROM events WHERE type IN ('PAYMENT_PROCESSED', 'PAYMENT_REFUNDED') GROUP BY 1)
    SELECT o.id, CASE WHEN o.confirmed THEN 'CONFIRMED' WHEN o.cancelled THEN 'CANCELLED' ELSE 'OPEN' END AS status,
           o.total::float8 AS total, coalesce(m.net, 0)::float8 AS net
      FROM orders o LEFT JOIN money m ON m.id = o.id
     WHERE (o.confirmed AND o.cancelled)
        OR (o.confirmed AND coalesce(m.net, 0) <> o.total)
        OR (o.cancelled AND coalesce(m.net, 0) <> 0)
        OR (NOT o.confirmed AND NOT o.cancelled)`;
  checks.push({
    name: 'payments balance (from the store)',
    ok: unbalanced.length === 0,
    detail: `${unbalanced.length} unbalanced${unbalanced.length ? ` (e.g. ${json(unbalanced.slice(0, 2))})` : ''}`,
  });

  const [dup] = await sql<
    { ids: number; versions: number; causations: number; repeats: number; charges: number }[]
  >`
    SELECT
      (SELECT count(*)::int FROM (SELECT id FROM events GROUP BY id HAVING count(*) > 1) d) AS ids,
      (SELECT count(*)::int FROM (SELECT 1 FROM events GROUP BY stream_id, version HAVING count(*) > 1) d) AS versions,
      (SELECT count(*)::int FROM (SELECT metadata->>'causationId' FROM events
          WHERE metadata->>'causationId' IS NOT NULL GROUP BY 1 HAVING count(DISTINCT stream_id) > 1) d) AS causations,
      (SELECT count(*)::int FROM (SELECT metadata->>'causationId', type FROM events
          WHERE metadata->>'causationId' IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d) AS repeats,
      (SELECT count(*)::int FROM (SELECT payload->>'paymentId' FROM events WHERE type = 'PAYMENT_PROCESSED'
          GROUP BY 1 HAVING count(*) > 1) d) AS charges`;
  const duplicated =
    (dup?.ids ?? 0) +
    (dup?.versions ?? 0) +
    (dup?.causations ?? 0) +
    (dup?.repeats ?? 0) +
    (dup?.charges ?? 0);
  checks.push({
    name: 'nothing applied twice',
    ok: duplicated === 0,
    detail: `dup event ids ${dup?.ids}, dup (stream, version) ${dup?.versions}, command in >1 stream ${dup?.causations}, command's event repeated ${dup?.repeats}, payment charged twice ${dup?.charges}`,
  });

  const [dead] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM dead_letters`;
  checks.push({
    name: 'no dead letters (none injected)',
    ok: (dead?.n ?? 0) <= deadLettersInjected,
    detail: `${dead?.n} dead letters, ${deadLettersInjected} injected`,
  });
  return checks;
};

/** `lost` and `duplicated` figures for the summary line. */
export const figures = (checks: Check[]) => ({
  lost: checks.find((c) => c.name.startsWith('every accepted'))?.detail.match(/(\d+) lost/)?.[1] ?? '?',
  duplicated: checks.find((c) => c.name === 'nothing applied twice')?.ok ? '0' : 'see above',
});

/** How the orders ended, from the store: confirmed, and cancelled by reason (timeouts show here). */
export const outcomes = async (sql: postgres.Sql): Promise<string> => {
  const rows = await sql<{ outcome: string; n: number }[]>`
    SELECT CASE type WHEN 'ORDER_CONFIRMED' THEN 'confirmed' ELSE 'cancelled: ' || (payload->>'reason') END AS outcome,
           count(*)::int AS n
      FROM events WHERE type IN ('ORDER_CONFIRMED', 'ORDER_CANCELLED') GROUP BY 1 ORDER BY 2 DESC`;
  return rows.map((row) => `${row.outcome} ${row.n}`).join(', ');
};
