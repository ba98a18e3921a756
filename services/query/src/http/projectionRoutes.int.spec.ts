import { positionParts, schema } from '@causeway/event-store';
import { uuidv7 } from '@causeway/kernel';
import { waitFor } from '@causeway/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelled, created, orderEvent } from '../fixtures/events.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';
import { ORDER_SUMMARIES_SUBSCRIBER } from '../projection/orderSummaryProjection.js';

let q: TestQuery;
beforeAll(async () => {
  q = await createTestQuery({ label: 'projections' });
});
afterAll(() => q.close());

interface Status {
  head: string | null;
  projections: {
    name: string;
    checkpoint: string | null;
    lag: number;
    deadLetters: {
      count: number;
      latest: { eventId: string | null; error: string; position: string | null }[];
    };
  }[];
}

const status = async (): Promise<Status> => {
  const response = await q.app.inject({ method: 'GET', url: '/projections' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

const metric = async (name: string): Promise<number | undefined> => {
  const text = (await q.app.inject({ method: 'GET', url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

describe('GET /projections', () => {
  it('starts empty: no head, no checkpoint, no lag', async () => {
    expect(await status()).toEqual({
      head: null,
      projections: [
        {
          name: ORDER_SUMMARIES_SUBSCRIBER,
          checkpoint: null,
          lag: 0,
          consumer: null,
          deadLetters: { count: 0, latest: [] },
        },
      ],
    });
  });

  it('shows the checkpoint at the head once projected, and the lag while behind', async () => {
    const orderId = uuidv7();
    await q.append(orderEvent(orderId, created()));
    await q.project();
    const caughtUp = await status();
    expect(caughtUp.projections[0]).toMatchObject({ checkpoint: caughtUp.head, lag: 0 });

    await q.append(orderEvent(orderId, cancelled()));
    await q.append(orderEvent(uuidv7(), created()));
    await q.append(orderEvent(uuidv7(), created()));
    const behind = await waitFor(async () => {
      const s = await status();
      return s.projections[0]?.lag === 3 ? s : undefined;
    }, 'a lag of 3');
    expect(behind.projections[0]?.checkpoint).toBe(caughtUp.head);
    expect(await metric('query_projection_lag_events')).toBe(3);

    await q.project();
    expect((await status()).projections[0]?.lag).toBe(0);
    expect(await metric('query_projection_lag_events')).toBe(0);
    expect(await metric('query_projection_events_total')).toBeGreaterThanOrEqual(4);
  });

  it('counts the projection’s dead letters and shows the latest, not other subscribers’', async () => {
    const head = (await status()).head;
    const { transactionId, seq } = positionParts(head as never);
    const eventId = uuidv7();
    await q.store.db.insert(schema.deadLetters).values([
      {
        subscriber: ORDER_SUMMARIES_SUBSCRIBER,
        eventId,
        eventType: 'ORDER_CONFIRMED',
        transactionId,
        seq: BigInt(seq),
        error: 'VersionGapError: Version gap in order-x',
        attempts: 5,
      },
      { subscriber: 'someone-else', error: 'not ours', attempts: 1 },
    ]);
    const dead = (await status()).projections[0]?.deadLetters;
    expect(dead).toEqual({
      count: 1,
      latest: [
        {
          id: expect.any(Number),
          eventId,
          eventType: 'ORDER_CONFIRMED',
          position: head,
          error: 'VersionGapError: Version gap in order-x',
          attempts: 5,
          createdAt: expect.any(String),
        },
      ],
    });
    expect(await metric('query_projection_dead_letters')).toBe(1);
  });

  it('refuses query parameters', async () => {
    const response = await q.app.inject({ method: 'GET', url: '/projections?verbose=1' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { in: 'querystring', path: 'verbose', message: expect.any(String) },
    ]);
  });
});
