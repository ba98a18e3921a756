import { randomUUID } from 'node:crypto';
import { comparePositions, type Position } from '@causeway/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSagaTestDatabase, type SagaTestDatabase } from '../testing/sagaDatabase.js';
import { sagaEvents } from '../testing/sagaEvents.js';
import { awaitCatchUp } from './awaitCatchUp.js';

let database: SagaTestDatabase;
beforeAll(async () => {
  database = await createSagaTestDatabase('catchup');
});
afterAll(() => database?.close());

const appendOrder = async () => {
  const { version: _, ...event } = sagaEvents(randomUUID()).created();
  return database.store.append(`order-${event.aggregateId}`, [event]);
};

/** The head a reader sees lags behind while older transactions (any database's) are open. */
const visible = async (position: Position) => {
  for (let head = await database.store.headPosition(); ; head = await database.store.headPosition()) {
    if (head !== undefined && comparePositions(head, position) >= 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('awaitCatchUp', () => {
  it('waits until the subscriber reached the head of the log', async () => {
    await appendOrder();
    const { position: head } = await appendOrder();
    await visible(head);
    expect(await awaitCatchUp({ store: database.store, subscriber: 'behind', timeoutMs: 200 })).toBe(false);
    const waiting = awaitCatchUp({
      store: database.store,
      subscriber: 'catching-up',
      timeoutMs: 10_000,
      pollMs: 10,
    });
    await database.store.withCheckpoint('catching-up', head, async () => {});
    expect(await waiting).toBe(true);
  });
});
