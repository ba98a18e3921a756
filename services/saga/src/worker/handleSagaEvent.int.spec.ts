import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@causeway/event-store';
import { uuidFromName } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSaga } from '../sagaStore/sagaRows.js';
import { createSagaTestDatabase, type SagaTestDatabase } from '../testing/sagaDatabase.js';
import { sagaEvents } from '../testing/sagaEvents.js';
import { handleSagaEvent, type SagaEvent } from './handleSagaEvent.js';
import type { SagaStepDeps } from './runSagaStep.js';
import type { SagaCommandEnvelope } from './sagaCommands.js';
import { silentObserver } from './sagaMetrics.js';

let database: SagaTestDatabase;
beforeAll(async () => {
  database = await createSagaTestDatabase('sagaevents');
});
afterAll(() => database?.close());

const now = Date.parse('2026-03-01T12:00:00Z');
const capture = (sent: SagaCommandEnvelope[], failWith?: Error): SagaStepDeps => ({
  send: async (command) => {
    if (failWith) throw failWith;
    sent.push(command);
  },
  clock: () => now,
  paymentTimeoutMs: 30_000,
  observer: silentObserver,
});

/** Stores the event and reads it back as the consumer receives it: with its store position. */
const stored = async (event: SagaEvent): Promise<StoredEvent & SagaEvent> => {
  const { version: _, ...newEvent } = event;
  await database.store.append(`${event.aggregateType}-${event.aggregateId}`, [newEvent]);
  const { events } = await database.store.readStream(`${event.aggregateType}-${event.aggregateId}`);
  return events.find((e) => e.id === event.id) as StoredEvent & SagaEvent;
};

const deliver = (deps: SagaStepDeps, subscriber: string, event: StoredEvent & SagaEvent) =>
  database.store.withCheckpoint(subscriber, event.position, (tx) => handleSagaEvent(deps, event, tx));

describe('the saga on an event', () => {
  it('starts the saga: sends PROCESS_PAYMENT with a derived id, then records state and history', async () => {
    const orderId = randomUUID();
    const created = sagaEvents(orderId).created(3_000);
    const sent: SagaCommandEnvelope[] = [];
    await database.store.transaction((tx) => handleSagaEvent(capture(sent), created, tx));
    expect(sent).toEqual([
      {
        id: uuidFromName(`order-saga:${orderId}:pay-1`),
        type: 'PROCESS_PAYMENT',
        aggregateType: 'payment',
        aggregateId: `${orderId}-pay-1`,
        schemaVersion: 1,
        timestamp: '2026-03-01T12:00:00.000Z',
        payload: { orderId, amount: 3_000 },
        metadata: { correlationId: created.metadata.correlationId, causationId: created.id },
      },
    ]);
    const saga = await readSaga(database.store.db, orderId);
    expect(saga).toMatchObject({
      finished: false,
      paymentDeadline: new Date('2026-03-01T12:00:30.000Z'),
      correlationId: created.metadata.correlationId,
      state: { order: 'PENDING', payments: [{ paymentId: `${orderId}-pay-1`, status: 'REQUESTED' }] },
    });
    expect(saga?.history).toMatchObject([
      { inputType: 'ORDER_CREATED', inputId: created.id, commands: [{ id: sent[0]?.id, step: 'pay-1' }] },
    ]);
  });

  it('sends the same command id again when the event is redelivered after a crash before commit', async () => {
    const orderId = randomUUID();
    const created = await stored(sagaEvents(orderId).created());
    const subscriber = `saga-redelivery-${orderId}`;
    const sent: SagaCommandEnvelope[] = [];
    // The crash: the command went out, the transaction never committed.
    await expect(
      database.store.withCheckpoint(subscriber, created.position, async (tx) => {
        await handleSagaEvent(capture(sent), created, tx);
        throw new Error('process killed before commit');
      }),
    ).rejects.toThrow('process killed');
    expect(await readSaga(database.store.db, orderId)).toBeUndefined();
    expect(await deliver(capture(sent), subscriber, created)).toMatchObject({ applied: true });
    // Delivered once more after the commit (the ack was lost): the checkpoint skips it.
    expect(await deliver(capture(sent), subscriber, created)).toEqual({ applied: false });
    expect(sent.map((c) => c.id)).toEqual([
      uuidFromName(`order-saga:${orderId}:pay-1`),
      uuidFromName(`order-saga:${orderId}:pay-1`),
    ]);
    expect(sent[0]).toEqual(sent[1]);
    expect((await readSaga(database.store.db, orderId))?.history).toHaveLength(1);
  });

  it('writes nothing when a send fails, so the redelivered event decides again', async () => {
    const orderId = randomUUID();
    const created = sagaEvents(orderId).created();
    await expect(
      database.store.transaction((tx) => handleSagaEvent(capture([], new Error('bus down')), created, tx)),
    ).rejects.toThrow('bus down');
    expect(await readSaga(database.store.db, orderId)).toBeUndefined();
  });

  it('routes payment events to the order they name, and confirms once paid', async () => {
    const orderId = randomUUID();
    const events = sagaEvents(orderId);
    const sent: SagaCommandEnvelope[] = [];
    const processed = events.processed(`${orderId}-pay-1`);
    await database.store.transaction((tx) => handleSagaEvent(capture(sent), events.created(), tx));
    await database.store.transaction((tx) => handleSagaEvent(capture(sent), processed, tx));
    expect(sent.map((c) => [c.type, c.aggregateId, c.metadata.causationId])).toEqual([
      ['PROCESS_PAYMENT', `${orderId}-pay-1`, expect.any(String)],
      ['CONFIRM_ORDER', orderId, processed.id],
    ]);
    const saga = await readSaga(database.store.db, orderId);
    expect(saga).toMatchObject({ paymentDeadline: null, state: { requested: 'CONFIRM' } });
  });

  it('marks a saga finished once the cancelled order has everything refunded', async () => {
    const orderId = randomUUID();
    const events = sagaEvents(orderId);
    const sent: SagaCommandEnvelope[] = [];
    await database.store.transaction((tx) => handleSagaEvent(capture(sent), events.created(), tx));
    await database.store.transaction((tx) =>
      handleSagaEvent(capture(sent), events.failed(`${orderId}-pay-1`), tx),
    );
    await database.store.transaction((tx) => handleSagaEvent(capture(sent), events.cancelled(), tx));
    expect(sent.map((c) => c.type)).toEqual(['PROCESS_PAYMENT', 'CANCEL_ORDER']);
    expect(await readSaga(database.store.db, orderId)).toMatchObject({
      finished: true,
      state: { order: 'CANCELLED' },
    });
  });

  it('ignores a payment event for an order it never saw', async () => {
    const orderId = randomUUID();
    const sent: SagaCommandEnvelope[] = [];
    const commands = await database.store.transaction((tx) =>
      handleSagaEvent(capture(sent), sagaEvents(orderId).processed(`${orderId}-pay-1`), tx),
    );
    expect([commands, sent]).toEqual([[], []]);
    expect(await readSaga(database.store.db, orderId)).toBeUndefined();
  });
});
