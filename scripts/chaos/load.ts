import { randomUUID } from 'node:crypto';
import { sleep } from './processes.js';

export type OrderKind = 'plain' | 'declined' | 'cancelled' | 'itemAdded';

export interface SubmittedOrder {
  orderId: string;
  kind: OrderKind;
  /** Writes answered 2xx (create, then cancel or add item). */
  accepted: number;
}

export interface LoadOptions {
  orders: number;
  concurrency: number;
  declineAbove: number;
  commandUrl: string;
  /** Orders started per second at most, spreading the load over the faults. */
  ratePerSecond: number;
}

export const kindOf = (i: number): OrderKind =>
  (['declined', 'plain', 'cancelled', 'itemAdded', 'plain', 'plain', 'declined', 'itemAdded'] as const)[
    i % 8
  ] ?? 'plain';

export interface LoadStats {
  requests: number;
  retries: number;
  /** Non-2xx answers (after retries) by status. */
  failures: Record<string, number>;
}

/**
 * POSTs with an Idempotency-Key, retried on network errors and 5xx (a backend may be terminated
 * under the request): a retry of a write that did land answers its recorded response.
 */
const postOnce = async (
  stats: LoadStats,
  url: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> => {
  const key = randomUUID();
  for (let attempt = 0; ; attempt++) {
    stats.requests += 1;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const json: unknown = await response.json().catch(() => undefined);
      if (response.status < 500 || attempt >= 8) return { status: response.status, json };
    } catch (error) {
      if (attempt >= 8) return { status: 0, json: String(error) };
    }
    stats.retries += 1;
    await sleep(200 * (attempt + 1));
  }
};

const record = (stats: LoadStats, status: number) => {
  if (status >= 200 && status < 300) return 1;
  stats.failures[status] = (stats.failures[status] ?? 0) + 1;
  return 0;
};

/** Submits `orders` orders, `concurrency` at a time, with mixed outcomes. */
export const submitOrders = async (options: LoadOptions, stats: LoadStats): Promise<SubmittedOrder[]> => {
  const submitted: SubmittedOrder[] = [];
  let next = 0;
  const one = async (i: number) => {
    const kind = kindOf(i);
    const unitPrice = kind === 'declined' ? options.declineAbove + 1 + i : 500 + (i % 97) * 13;
    const created = await postOnce(stats, `${options.commandUrl}/orders`, {
      customerId: `customer-${i % 23}`,
      items: [{ sku: `sku-${i % 50}`, quantity: 1 + (i % 3), unitPrice }],
    });
    if (record(stats, created.status) === 0) return;
    const { orderId } = created.json as { orderId: string };
    const order: SubmittedOrder = { orderId, kind, accepted: 1 };
    submitted.push(order);
    if (kind === 'cancelled') {
      const cancelled = await postOnce(stats, `${options.commandUrl}/orders/${orderId}/cancel`, {
        reason: 'changed my mind',
      });
      // 409/422: the saga settled it first; both are fine outcomes.
      if (cancelled.status !== 409 && cancelled.status !== 422)
        order.accepted += record(stats, cancelled.status);
    }
    if (kind === 'itemAdded') {
      const added = await postOnce(stats, `${options.commandUrl}/orders/${orderId}/items`, {
        sku: 'extra',
        quantity: 2,
        unitPrice: 111,
      });
      if (added.status !== 409 && added.status !== 422) order.accepted += record(stats, added.status);
    }
  };
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.orders) {
        const i = next++;
        await sleep(started + (i * 1_000) / options.ratePerSecond - Date.now());
        await one(i);
      }
    }),
  );
  return submitted;
};
