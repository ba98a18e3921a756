import { eventually } from './serviceProcess.js';

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export interface WriteResult {
  orderId: string;
  version: number;
  position: string;
}

export interface OrderPayment {
  paymentId: string;
  status: string;
  amount: number | null;
  refunded: number;
}

export interface OrderView {
  orderId: string;
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  total: number;
  paid: number;
  refunded: number;
  cancellationReason: string | null;
  version: number;
  payments: OrderPayment[];
}

const post = async (url: string, body: unknown): Promise<WriteResult> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as WriteResult;
};

export interface SagaView {
  orderId: string;
  finished: boolean;
  state: {
    order: string;
    requested: string;
    payments: { paymentId: string; amount: number; status: string }[];
  };
  history: { inputType: string; commands: { id: string; type: string; step: string }[] }[];
}

export interface HistoryEvent {
  id: string;
  type: string;
  version: number;
  payload: Record<string, unknown>;
  metadata: { correlationId: string; causationId: string };
}

const getJson = async <T>(url: string): Promise<T | undefined> => {
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};

/** The order flow as a client sees it: the command API writes, the query API reads. */
export const ordersApi = (urls: { command: () => string; query: () => string; saga: () => string }) => ({
  create: (customerId: string, items: OrderItem[]) => post(`${urls.command()}/orders`, { customerId, items }),
  addItem: (orderId: string, item: OrderItem) => post(`${urls.command()}/orders/${orderId}/items`, item),
  cancel: (orderId: string, reason = 'changed my mind') =>
    post(`${urls.command()}/orders/${orderId}/cancel`, { reason }),
  /** `GET /orders/:id`, waiting (bounded, server side) for `minPosition` when given; undefined on 404. */
  get(orderId: string, minPosition?: string): Promise<OrderView | undefined> {
    const query = minPosition ? `?minPosition=${encodeURIComponent(minPosition)}` : '';
    return getJson<OrderView>(`${urls.query()}/orders/${orderId}${query}`);
  },
  /** `GET /orders/:id/history`: the order's events, oldest first. */
  async history(orderId: string): Promise<HistoryEvent[]> {
    const body = await getJson<{ events: HistoryEvent[] }>(`${urls.query()}/orders/${orderId}/history`);
    return body?.events ?? [];
  },
  /** `GET /sagas/:id` from the saga service. */
  saga: (orderId: string) => getJson<SagaView>(`${urls.saga()}/sagas/${orderId}`),
  /** Waits for the saga to finish (every payment answered), then for the read model to show it settled. */
  async settle(orderId: string, timeoutMs = 60_000): Promise<OrderView> {
    await eventually(
      async () => {
        if (!(await this.saga(orderId))?.finished) throw new Error('saga not finished');
      },
      timeoutMs,
      200,
    ).catch(async () => {
      throw new Error(`saga of ${orderId} did not finish: ${JSON.stringify(await this.saga(orderId))}`);
    });
    return this.waitFor(orderId, isSettled, timeoutMs);
  },
  /** Polls until the order satisfies `settled` (e.g. reached a final status with its money balanced). */
  async waitFor(
    orderId: string,
    settled: (order: OrderView) => boolean,
    timeoutMs = 60_000,
  ): Promise<OrderView> {
    let last: OrderView | undefined;
    try {
      return await eventually(
        async () => {
          last = await this.get(orderId);
          if (!last || !settled(last)) throw new Error('not yet');
          return last;
        },
        timeoutMs,
        200,
      );
    } catch {
      const saga = await this.saga(orderId).catch((error: Error) => error.message);
      throw new Error(
        `order ${orderId} did not settle in ${timeoutMs} ms; last seen: ${JSON.stringify(last)}; saga: ${JSON.stringify(saga)}`,
      );
    }
  },
});

/**
 * Finished, with the money where it belongs: confirmed and paid its total, or cancelled with
 * every charge refunded. (A payment still in flight is not in the read model yet: wait for the
 * saga to finish first, see `settle`.)
 */
export const isSettled = (order: OrderView): boolean =>
  (order.status === 'CONFIRMED' && order.paid === order.total) ||
  (order.status === 'CANCELLED' &&
    order.paid === 0 &&
    order.payments.every((p) => (p.amount ?? 0) === p.refunded));
