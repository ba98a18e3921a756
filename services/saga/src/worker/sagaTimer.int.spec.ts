import { randomUUID } from 'node:crypto';
import { uuidFromName } from '@causeway/kernel';
import { waitFor } from '@causeway/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockSaga, readSaga } from '../sagaStore/sagaRows.js';
import { createSagaTestDatabase, type SagaTestDatabase } from '../testing/sagaDatabase.js';
import { sagaEvents } from '../testing/sagaEvents.js';
import { handleSagaEvent } from './handleSagaEvent.js';
import type { SagaStepDeps } from './runSagaStep.js';
import type { SagaCommandEnvelope } from './sagaCommands.js';
import { silentObserver } from './sagaMetrics.js';
import { createSagaTimer } from './sagaTimer.js';

let database: SagaTestDatabase;
beforeAll(async () => {
  database = await createSagaTestDatabase('sagatimer');
});
afterAll(() => database?.close());

const stepDeps = (sent: SagaCommandEnvelope[], clock = Date.now): SagaStepDeps => ({
  send: async (command) => {
    sent.push(command);
  },
  clock,
  paymentTimeoutMs: 1_000,
  observer: silentObserver,
});

/** A saga that asked for payment `ageMs` ago (its deadline is 1 s after that). */
const sagaAwaitingPayment = async (ageMs: number) => {
  const orderId = randomUUID();
  const sent: SagaCommandEnvelope[] = [];
  await database.store.transaction((tx) =>
    handleSagaEvent(
      stepDeps(sent, () => Date.now() - ageMs),
      sagaEvents(orderId).created(),
      tx,
    ),
  );
  return { orderId, paymentCommandId: sent[0]?.id };
};

const cancelsFor = (sent: SagaCommandEnvelope[], orderId: string) =>
  sent.filter((c) => c.type === 'CANCEL_ORDER' && c.aggregateId === orderId);

describe('the saga timer', () => {
  it('fires a deadline that passed while no timer ran, as soon as one starts', async () => {
    const { orderId, paymentCommandId } = await sagaAwaitingPayment(60_000);
    const sent: SagaCommandEnvelope[] = [];
    const timer = createSagaTimer({ store: database.store, step: stepDeps(sent), intervalMs: 50 });
    timer.start();
    try {
      await waitFor(() => cancelsFor(sent, orderId).length > 0, 'the cancel');
    } finally {
      await timer.stop();
    }
    const [cancel] = cancelsFor(sent, orderId);
    expect(cancel).toMatchObject({
      id: uuidFromName(`order-saga:${orderId}:cancel-timeout`),
      payload: { reason: 'payment timed out' },
      metadata: { correlationId: `corr-${orderId}`, causationId: paymentCommandId },
    });
    const saga = await readSaga(database.store.db, orderId);
    expect(saga).toMatchObject({ paymentDeadline: null, state: { requested: 'CANCEL' } });
    expect(saga?.history.map((h) => h.inputType)).toEqual(['ORDER_CREATED', 'PAYMENT_TIMED_OUT']);
  });

  it('does not fire before the deadline, and fires a timeout once', async () => {
    const { orderId: notYet } = await sagaAwaitingPayment(0);
    const { orderId: due } = await sagaAwaitingPayment(5_000);
    const sent: SagaCommandEnvelope[] = [];
    const timer = createSagaTimer({ store: database.store, step: stepDeps(sent) });
    await timer.fireDue();
    await timer.fireDue();
    expect(cancelsFor(sent, due)).toHaveLength(1);
    expect(cancelsFor(sent, notYet)).toHaveLength(0);
  });

  it('skips a saga the event path holds, and fires it once released', async () => {
    const { orderId } = await sagaAwaitingPayment(5_000);
    const sent: SagaCommandEnvelope[] = [];
    const timer = createSagaTimer({ store: database.store, step: stepDeps(sent) });
    let release: () => void = () => {};
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = database.store.transaction(async (tx) => {
      await lockSaga(tx, orderId);
      locked();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await isLocked;
    await timer.fireDue();
    expect(cancelsFor(sent, orderId)).toHaveLength(0);
    release();
    await holder;
    await timer.fireDue();
    expect(cancelsFor(sent, orderId)).toHaveLength(1);
  });

  it('leaves the deadline in place when the send fails, and fires on the next tick', async () => {
    const { orderId } = await sagaAwaitingPayment(5_000);
    const sent: SagaCommandEnvelope[] = [];
    const failing = createSagaTimer({
      store: database.store,
      step: { ...stepDeps(sent), send: () => Promise.reject(new Error('bus down')) },
    });
    await expect(failing.fireDue()).rejects.toThrow('bus down');
    expect((await readSaga(database.store.db, orderId))?.paymentDeadline).not.toBeNull();
    await createSagaTimer({ store: database.store, step: stepDeps(sent) }).fireDue();
    expect(cancelsFor(sent, orderId)).toHaveLength(1);
  });

  it('fires each due saga exactly once when two timers (replicas) race', async () => {
    const orders = await Promise.all(Array.from({ length: 20 }, () => sagaAwaitingPayment(5_000)));
    const sent: SagaCommandEnvelope[] = [];
    const timers = [0, 1].map(() => createSagaTimer({ store: database.store, step: stepDeps(sent) }));
    await Promise.all(timers.map((timer) => timer.fireDue()));
    for (const { orderId } of orders) expect(cancelsFor(sent, orderId)).toHaveLength(1);
  });

  it('fires only deadlines the saga has read the log past (its horizon), none while it has none', async () => {
    // Its deadline passed 4 s ago; an answer may sit in the log the saga has not read yet.
    const { orderId } = await sagaAwaitingPayment(5_000);
    const deadline = (await readSaga(database.store.db, orderId))?.paymentDeadline?.getTime() as number;
    const sent: SagaCommandEnvelope[] = [];
    let horizon: number | undefined;
    const timer = createSagaTimer({
      store: database.store,
      step: stepDeps(sent),
      horizon: async () => horizon,
    });
    await timer.fireDue();
    expect(cancelsFor(sent, orderId)).toHaveLength(0);
    horizon = deadline - 1;
    await timer.fireDue();
    expect(cancelsFor(sent, orderId)).toHaveLength(0);
    horizon = deadline;
    await timer.fireDue();
    expect(cancelsFor(sent, orderId)).toHaveLength(1);
  });
});
