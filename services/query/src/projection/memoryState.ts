import { queryRows, type StoreDatabase } from '@causeway/event-store';
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  type OrderPaymentRow,
  type OrderSummaryRow,
  orderPayments,
  orderPaymentsNamed,
  orderSummaries,
  orderSummariesNamed,
} from '../schema/index.js';
import { isOrderEvent, type ProjectableEvent } from './events.js';
import { heldBy, type PaymentTotals } from './evolve.js';
import type { ReadModelState } from './readModelState.js';

/** Which tables a state reads and writes: the live ones, or a rebuild's shadow tables. */
export interface ReadModelTables {
  summaries: string;
  payments: string;
}

export const LIVE_TABLES: ReadModelTables = { summaries: 'order_summaries', payments: 'order_payments' };

export interface MemoryStateOptions {
  tables?: ReadModelTables;
  /** True when the tables start empty (a rebuild): rows not in memory then need no read. */
  startsEmpty?: boolean;
  cacheRows?: number;
}

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
 * The read model in memory for a batch of events: rows are read once per batch (`prefetch`, two
 * statements), changed by `applyEvent`, and written back (`flush`) in one upsert per table. The
 * live projection uses one per transaction on the live tables; a rebuild keeps one across pages
 * of its shadow tables, which start empty: until its cache first evicts, a row not in memory does
 * not exist, so a rebuild that fits in memory never reads back at all.
 */
export class MemoryState implements ReadModelState {
  readonly #summaries = new Map<string, OrderSummaryRow>();
  readonly #payments = new Map<string, OrderPaymentRow>();
  readonly #dirtySummaries = new Set<string>();
  readonly #dirtyPayments = new Set<string>();
  /** Payments met before their order's ORDER_CREATED (see `ReadModelState.earlyPayments`). */
  readonly #early = new Map<string, PaymentTotals>();
  #complete: boolean;
  /** Seen every event since the tables were empty: `#early` then knows every early payment. */
  readonly #seenAll: boolean;
  readonly #tables: ReadModelTables;
  readonly #cacheRows: number;

  constructor(
    private readonly db: StoreDatabase,
    { tables = LIVE_TABLES, startsEmpty = false, cacheRows = DEFAULT_CACHE_ROWS }: MemoryStateOptions = {},
  ) {
    this.#tables = tables;
    this.#complete = startsEmpty;
    this.#seenAll = startsEmpty;
    this.#cacheRows = cacheRows;
  }

  /**
   * Reads the rows `events` touch and are not in memory: the summaries of their orders, and the
   * payments by id and, for orders created in the batch, by order (payments projected before their
   * order's ORDER_CREATED: see `ReadModelState.earlyPayments`). Two statements at once.
   */
  async prefetch(events: readonly ProjectableEvent[], db: StoreDatabase = this.db): Promise<void> {
    if (this.#complete) return;
    const orderIds = new Set<string>();
    const createdIds = new Set<string>();
    const paymentIds = new Set<string>();
    for (const event of events) {
      if (isOrderEvent(event)) {
        orderIds.add(event.aggregateId);
        if (event.type === 'ORDER_CREATED') createdIds.add(event.aggregateId);
      } else {
        paymentIds.add(event.aggregateId);
        orderIds.add(event.payload.orderId);
      }
    }
    const missingOrders = [...orderIds].filter((id) => !this.#summaries.has(id));
    const missingPayments = [...paymentIds].filter((id) => !this.#payments.has(id));
    // A rebuild (seen all) knows its early payments; it must not look them up by order either, as
    // its shadow tables have no index on the order until it is done loading.
    const newOrders = this.#seenAll
      ? []
      : [...createdIds].filter((id) => !this.#summaries.has(id) && !this.#early.has(id));
    const { summaries, payments } = drizzleTables(this.#tables);
    const [summaryRows, paymentRows] = await Promise.all([
      missingOrders.length === 0
        ? []
        : db
            .select()
            .from(summaries)
            .where(sql`${summaries.orderId} ${anyOf(missingOrders)}`),

      missingPayments.length + newOrders.length === 0
        ? []
        : db
            .select()
            .from(payments)
            .where(sql`${payments.paymentId} ${anyOf(missingPayments)}`)
            .union(
              db
                .select()
                .from(payments)
                .where(sql`${payments.orderId} ${anyOf(newOrders)}`),
            ),
    ]);
    for (const row of summaryRows) this.#summaries.set(row.orderId, row);
    for (const row of paymentRows) this.#payments.set(row.paymentId, row);
    for (const orderId of newOrders) {
      if (this.#summaries.has(orderId)) continue;
      const early = paymentRows.filter((row) => row.orderId === orderId);
      if (early.length > 0) this.#early.set(orderId, totalsOf(early));
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
    const { summaries: summaryTable, payments: paymentTable } = this.#tables;
    const summaries = [...this.#dirtySummaries].map((id) => this.#summaries.get(id) as OrderSummaryRow);
    const payments = [...this.#dirtyPayments].map((id) => this.#payments.get(id) as OrderPaymentRow);
    this.#dirtySummaries.clear();
    this.#dirtyPayments.clear();
    this.#trim(this.#summaries);
    this.#trim(this.#payments);
    const writes = [
      upsert(summaryTable, 'order_id', summaryColumns, summaries),
      upsert(paymentTable, 'payment_id', paymentColumns, payments),
    ].filter((write) => write !== undefined);
    const [first, second] = writes;
    if (!first) return Promise.resolve(0);
    // Both tables in one statement: one round trip (and one socket write) instead of two.
    const statement = second ? sql`WITH summaries AS (${first}), payments AS (${second}) SELECT 1` : first;
    return queryRows(db, statement).then(() => summaries.length + payments.length);
  }

  #trim(rows: Map<string, unknown>) {
    if (rows.size <= this.#cacheRows) return;
    this.#complete = false;
    for (const key of rows.keys()) {
      if (rows.size <= this.#cacheRows / 2) break;
      rows.delete(key);
    }
  }
}

const drizzleCache = new Map<
  string,
  { summaries: ReturnType<typeof orderSummariesNamed>; payments: ReturnType<typeof orderPaymentsNamed> }
>();

/** drizzle's table objects for `tables`, built once: building one is not cheap. */
const drizzleTables = (tables: ReadModelTables) => {
  const key = `${tables.summaries}\u0000${tables.payments}`;
  let cached = drizzleCache.get(key);
  if (!cached) {
    cached = {
      summaries: orderSummariesNamed(tables.summaries),
      payments: orderPaymentsNamed(tables.payments),
    };
    drizzleCache.set(key, cached);
  }
  return cached;
};

/**
 * `= ANY(...)` of the ids, sent as one JSON parameter (both drivers pass a string alike): an index
 * lookup per id. Two such tests joined by OR made the planner scan the table (which it then
 * underestimates while it grows), hence a UNION of two lookups for payments.
 */
const anyOf = (ids: readonly string[]) =>
  sql`= ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)))`;

const totalsOf = (rows: readonly OrderPaymentRow[]): PaymentTotals =>
  rows.reduce<PaymentTotals>(
    (totals, row) => ({ paid: totals.paid + heldBy(row), refunded: totals.refunded + row.refunded }),
    { paid: 0, refunded: 0 },
  );

/** One upsert of many rows (none for no rows): they travel as one JSON parameter (both drivers pass it alike). */
const upsert = (
  table: string,
  key: string,
  columns: readonly (readonly [string, string])[],
  rows: readonly object[],
): SQL | undefined => {
  if (rows.length === 0) return undefined;
  const names = columns.map(([, name]) => `"${name}"`);
  const updates = columns
    .filter(([, name]) => name !== key)
    .map(([, name]) => `"${name}" = EXCLUDED."${name}"`)
    .join(', ');
  const json = JSON.stringify(rows.map((row) => toSqlRow(row, columns)));
  return sql`INSERT INTO ${sql.identifier(table)} (${sql.raw(names.join(', '))})
        SELECT ${sql.raw(names.join(', '))} FROM json_populate_recordset(NULL::${sql.identifier(table)}, ${json}::json)
        ON CONFLICT (${sql.identifier(key)}) DO UPDATE SET ${sql.raw(updates)}`;
};
