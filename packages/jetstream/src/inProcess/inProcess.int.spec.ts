import {
  createPGliteEventStore,
  type DrizzleEventStore,
  EVENTS_CHANNEL,
  handleCommand,
} from '@causeway/event-store';
import { waitFor } from '@causeway/kernel/testing';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConsumerRunner } from '../consumer/runConsumer.js';
import { migrateDelivery } from '../migrate.js';
import { pgliteWakeups } from '../relay/wakeups.js';
import { counterCommands, counterDecider, counterEvents, increment } from '../testSupport/counter.js';
import { appliedIds, createEffectsTable, recordEffect } from '../testSupport/effects.js';
import { appendMany } from '../testSupport/events.js';
import { storeIds } from '../testSupport/storeContents.js';
import { createInProcessCommandBus } from './inProcessCommandBus.js';
import { createInProcessDelivery, type InProcessDelivery } from './inProcessDelivery.js';

let template: PGlite;
let pglite: PGlite;
let store: DrizzleEventStore;
let delivery: InProcessDelivery | undefined;

// Starting and migrating PGlite takes seconds; a clone of a migrated one, a fraction of that.
beforeAll(async () => {
  template = new PGlite();
  const migrating = await createPGliteEventStore({ pglite: template });
  await migrateDelivery(migrating.db);
  await createEffectsTable(migrating);
});
afterAll(() => template.close());
beforeEach(async () => {
  pglite = (await template.clone()) as PGlite;
  store = await createPGliteEventStore({ pglite, migrate: false });
});
afterEach(async () => {
  await delivery?.stop();
  delivery = undefined;
  await store.close();
  await pglite.close();
});

const deliver = (pollIntervalMs = 20) => {
  delivery = createInProcessDelivery({ store, pollIntervalMs });
  return delivery;
};
const effects = { name: 'effects', handle: recordEffect('effects') };

describe('in-process delivery (embedded mode)', () => {
  it('runs the same subscriber in store order, each event once', async () => {
    await appendMany(store, 120, { concurrency: 1 });
    const d = deliver();
    const runner = d.subscribe(effects);
    d.start();
    await waitFor(() => runner.metrics.applied === 120, 'every event');
    expect(await appliedIds(store, 'effects')).toEqual(await storeIds(store, 120));
    expect(await runner.lag()).toBe(0);
  });

  it('rewinds for a subscriber that joins late, without doubling anyone', async () => {
    await appendMany(store, 30, { concurrency: 1 });
    const d = deliver();
    const first = d.subscribe(effects);
    d.start();
    await waitFor(() => first.metrics.applied === 30, 'the first subscriber');
    const late = d.subscribe({ name: 'late', handle: recordEffect('late') });
    await waitFor(() => late.metrics.applied === 30, 'the late subscriber');
    expect(await appliedIds(store, 'late')).toEqual(await storeIds(store, 30));
    expect(await appliedIds(store, 'effects')).toEqual(await storeIds(store, 30));
  });

  it('resumes from the checkpoint after a restart', async () => {
    await appendMany(store, 20, { concurrency: 1 });
    let d = deliver();
    let runner: ConsumerRunner = d.subscribe(effects);
    d.start();
    await waitFor(() => runner.metrics.applied === 20, 'the first run');
    await d.stop();
    await appendMany(store, 20, { concurrency: 1, tag: 'b' });
    d = deliver();
    runner = d.subscribe(effects);
    d.start();
    await waitFor(() => runner.metrics.applied === 20, 'the second run');
    expect(await appliedIds(store, 'effects')).toEqual(await storeIds(store, 40));
  });

  it('dead-letters or halts on a poison event as configured', async () => {
    await appendMany(store, 10, { concurrency: 1 });
    const ids = await storeIds(store, 10);
    const poisoned = (name: string) => ({
      name,
      handle: async (...args: Parameters<typeof effects.handle>) => {
        if (args[0].id === ids[4]) throw new Error('poison');
        await recordEffect(name)(...args);
      },
    });
    const d = deliver();
    const skipping = d.subscribe(poisoned('skipping'), { maxAttempts: 2, retry: { initialMs: 5 } });
    const halting = d.subscribe(poisoned('halting'), {
      maxAttempts: 2,
      retry: { initialMs: 5 },
      onPoison: 'halt',
    });
    d.start();
    await halting.done;
    await waitFor(() => skipping.metrics.applied === 9, 'the skipping subscriber');
    expect(halting.status).toBe('halted');
    expect(await appliedIds(store, 'halting')).toEqual(ids.slice(0, 4));
    expect(await appliedIds(store, 'skipping')).toEqual(ids.filter((id) => id !== ids[4]));
  });

  it('wakes on PGlite notifications rather than its poll', async () => {
    delivery = createInProcessDelivery({
      store,
      pollIntervalMs: 600_000,
      wakeups: pgliteWakeups(pglite, EVENTS_CHANNEL),
    });
    const runner = delivery.subscribe(effects);
    delivery.start();
    await appendMany(store, 5, { concurrency: 1 });
    await waitFor(() => runner.metrics.applied === 5, 'the notified events');
  });

  it('handles commands once, records rejections, on the in-process command bus', async () => {
    const bus = createInProcessCommandBus({ store });
    let calls = 0;
    const runner = bus.handle({
      service: 'counter',
      registry: counterCommands,
      handlers: {
        // The event store's own command handling, inside the runner's transaction (a savepoint).
        INCREMENT: async (command, context) => {
          calls += 1;
          return handleCommand(context.store, counterDecider, command as never, { registry: counterEvents });
        },
      },
    });
    const command = increment('x', 1);
    await bus.send(command, { service: 'counter' });
    await bus.send(command, { service: 'counter' });
    await bus.send(increment('y', 500), { service: 'counter' });
    await bus.idle();
    expect(runner.metrics).toMatchObject({ handled: 1, duplicates: 1, rejected: 1 });
    expect(calls).toBe(2);
    expect((await store.readStream('counter-x')).streamVersion).toBe(1);
    expect((await store.readStream('counter-y')).streamVersion).toBe(0);
    await runner.stop();
  });
});
