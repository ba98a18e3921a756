import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSagaTestDatabase, type SagaTestDatabase } from '../testing/sagaDatabase.js';
import { sagaEvents } from '../testing/sagaEvents.js';
import { handleSagaEvent } from './handleSagaEvent.js';
import { redriveOutstanding } from './redriveOutstanding.js';
import type { SagaStepDeps } from './runSagaStep.js';
import type { SagaCommandEnvelope } from './sagaCommands.js';
import { silentObserver } from './sagaMetrics.js';

let database: SagaTestDatabase;
beforeAll(async () => {
  database = await createSagaTestDatabase('redrive');
});
afterAll(() => database?.close());

const deps = (sent: SagaCommandEnvelope[]): SagaStepDeps => ({
  send: async (command) => {
    sent.push(command);
  },
  clock: Date.now,
  paymentTimeoutMs: 60_000,
  observer: silentObserver,
});

describe('redriving outstanding commands at start-up', () => {
  it('sends again, same id and payload, what the saga still waits for; nothing for settled steps', async () => {
    const awaiting = randomUUID();
    const confirming = randomUUID();
    const original: SagaCommandEnvelope[] = [];
    const apply = (event: ReturnType<ReturnType<typeof sagaEvents>['created']>) =>
      database.store.transaction((tx) => handleSagaEvent(deps(original), event, tx));
    await apply(sagaEvents(awaiting).created(500));
    await apply(sagaEvents(confirming).created(800));
    await apply(sagaEvents(confirming).processed(`${confirming}-pay-1`, 800));

    const resent: SagaCommandEnvelope[] = [];
    expect(await redriveOutstanding(database.store, deps(resent))).toBe(2);
    const pick = (c: SagaCommandEnvelope) => [c.id, c.type, c.aggregateId, c.payload, c.metadata];
    const expected = original.filter(
      (c) => c.type === 'CONFIRM_ORDER' || c.aggregateId === `${awaiting}-pay-1`,
    );
    expect(resent.map(pick).sort()).toEqual(expected.map(pick).sort());
  });
});
