import { queryRows, type StoreDatabase } from '@causeway/event-store';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { isOrderEvent, type ProjectableEvent } from '../projection/events.js';
import type { PaymentTotals } from '../projection/evolve.js';
import type { ReadModelState } from '../projection/readModelState.js';
import {
  type OrderPaymentRow,
  type OrderSummaryRow,
  orderPayments,
  orderPaymentsNamed,
  orderSummaries,
  orderSummariesNamed,
} from '../schema/index.js';
import { shadowName } from './shadowTables.js';

/** Rows kept in memory between batches; beyond it the oldest clean ones are dropped (and re-read). */
const DEFAULT_CACHE_ROWS = 200_000;

/** Column names in SQL, and a row as JSON keyed by them (what `json_populate_recordset` reads). */
const sqlColumns = (table: PgTable) =>
  Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name] as const);

const summaryColumns = sqlColumns(orderSummaries);
const paymentColumns = sqlColumns(orderPayments);

const toSqlRow = (row: object, columns: readonly (readonly [string, string])[]) =>
  Object.fromEntries(columns.map(([key, name]) => [name, (row as Record<string, unknown>)[key]]));

/**
 * The read model in memory while a rebuild folds events: rows are read from the shadow tables once
 * per batch (`prefetch`), changed by `applyEvent` as the live projection would change them, and
 * written back per batch (`flush`) in one upsert per table. Until the cache first evicts, a row
 * not in memory does not exist, so a rebuild that fits in memory never reads back at all.
 */
export class MemoryState implements ReadModelState {
  readonly #summaries = new Map<string, OrderSummaryRow>();
  readonly #payments = new Map<string, OrderPaymentRow>();
  readonly #dirtySummaries = new Set<string>();
  readonly #dirtyPayments = new Set<string>();
  /** Payments met before their order's ORDER_CREATED (see `ReadModelState.earlyPayments`). */
  readonly #early = new Map<string, PaymentTotals>();
  #complete = true;

  constructor(
    private readonly db: StoreDatabase,
    private readonly cacheRows = DEFAULT_CACHE_ROWS,
  ) {}

  async prefetch(events: readonly ProjectableEvent[]): Promise<void> {
    if (this.#complete) return;
    const orderIds = new Set<string>();
    const paymentIds = new Set<string>();
    for (const event of events) {
      if (isOrderEvent(event)) orderIds.add(event.aggregateId);
      else {
        paymentIds.add(event.aggregateId);
        orderIds.add(event.payload.orderId);
      }
    }
    const missingOrders = [...orderIds].filter((id) => !this.#summaries.has(id));
    const missingPayments = [...paymentIds].filter((id) => !this.#payments.has(id));
    const summaries = orderSummariesNamed(shadowName('order_summaries'));
    const payments = orderPaymentsNamed(shadowName('order_payments'));
    if (missingOrders.length > 0) {
      const rows = await this.db
        .select()
        .from(summaries)
        .where(
          sql`${summaries.orderId} IN (SELECT jsonb_array_elements_text(${JSON.stringify(missingOrders)}::jsonb))`,
        );
      for (const row of rows) this.#summaries.set(row.orderId, row);
    }
    if (missingPayments.length > 0) {
      const rows = await this.db
        .select()
        .from(payments)
        .where(
          sql`${payments.paymentId} IN (SELECT jsonb_array_elements_text(${JSON.stringify(missingPayments)}::jsonb))`,
        );
      for (const row of rows) this.#payments.set(row.paymentId, row);
    }
  }

  summary = async (orderId: string) => this.#summaries.get(orderId);
  payment = async (paymentId: string) => this.#payments.get(paymentId);
  earlyPayments = async (orderId: string) => this.#early.get(orderId) ?? { paid: 0, refunded: 0 };

  // Deleting first moves the row to the end of the map's order: eviction takes the least recently written.
  putSummary = async (row: OrderSummaryRow) => {
    this.#summaries.delete(row.orderId);
    this.#summaries.set(row.orderId, row);
    this.#dirtySummaries.add(row.orderId);
  };

  putPayment = async (row: OrderPaymentRow) => {
    this.#payments.delete(row.paymentId);
    this.#payments.set(row.paymentId, row);
    this.#dirtyPayments.add(row.paymentId);
  };

  noteEarlyPayment = async (orderId: string, delta: PaymentTotals) => {
    const before = this.#early.get(orderId) ?? { paid: 0, refunded: 0 };
    this.#early.set(orderId, { paid: before.paid + delta.paid, refunded: before.refunded + delta.refunded });
  };

  /** Every row in memory (all of them, as long as nothing was evicted: see `complete`). */
  rows(): { summaries: OrderSummaryRow[]; payments: OrderPaymentRow[] } {
    return { summaries: [...this.#summaries.values()], payments: [...this.#payments.values()] };
  }

  /** False once rows were evicted: then `prefetch` must read rows back (after pending writes land). */
  get complete(): boolean {
    return this.#complete;
  }

  /**
   * Starts writing the rows changed since the last flush and trims the cache. What to write is
   * taken at once, so folding may go on while the write runs; the caller must let a write finish
   * before the next one starts, and before a `prefetch` once the cache is incomplete.
   */
  flush(db: StoreDatabase = this.db): Promise<number> {
    const summaries = [...this.#dirtySummaries].map((id) => this.#summaries.get(id) as OrderSummaryRow);
    const payments = [...this.#dirtyPayments].map((id) => this.#payments.get(id) as OrderPaymentRow);
    this.#dirtySummaries.clear();
    this.#dirtyPayments.clear();
    this.#trim(this.#summaries);
    this.#trim(this.#payments);
    // Two statements at once: on PostgreSQL they run on two connections (PGlite queues them).
    return Promise.all([
      upsert(db, shadowName('order_summaries'), 'order_id', summaryColumns, summaries),
      upsert(db, shadowName('order_payments'), 'payment_id', paymentColumns, payments),
    ]).then(() => summaries.length + payments.length);
  }

  #trim(rows: Map<string, unknown>) {
    if (rows.size <= this.cacheRows) return;
    this.#complete = false;
    for (const key of rows.keys()) {
      if (rows.size <= this.cacheRows / 2) break;
      rows.delete(key);
    }
  }
}

/** One statement per batch: the rows travel as one JSON parameter (both drivers pass it alike). */
const upsert = async (
  db: StoreDatabase,
  table: string,
  key: string,
  columns: readonly (readonly [string, string])[],
  rows: readonly object[],
) => {
  if (rows.length === 0) return;
  const names = columns.map(([, name]) => `"${name}"`);
  const updates = columns
    .filter(([, name]) => name !== key)
    .map(([, name]) => `"${name}" = EXCLUDED."${name}"`)
    .join(', ');
  const json = JSON.stringify(rows.map((row) => toSqlRow(row, columns)));
  await queryRows(
    db,
    sql`INSERT INTO ${sql.identifier(table)} (${sql.raw(names.join(', '))})
        SELECT ${sql.raw(names.join(', '))} FROM json_populate_recordset(NULL::${sql.identifier(table)}, ${json}::json)
        ON CONFLICT (${sql.identifier(key)}) DO UPDATE SET ${sql.raw(updates)}`,
  );
};
