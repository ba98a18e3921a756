import {
  createPostgresEventStore,
  formatPosition,
  type Position,
  positionParts,
  queryRows,
  type StoredEvent,
} from '@causeway/event-store';
import { uuidv7 } from '@causeway/kernel';
import { waitFor } from '@causeway/kernel/testing';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEvent } from '../codec/eventMessage.js';
import { CausewayHeaders } from '../codec/headers.js';
import { consumerHarness } from '../testSupport/consumerHarness.js';
import { type DeliveryFixture, deliveryFixture } from '../testSupport/deliveryFixture.js';
import { appliedIds, createEffectsTable, recordEffect } from '../testSupport/effects.js';
import { appendMany } from '../testSupport/events.js';
import { storeEvents, storeIds as storeIdsOf } from '../testSupport/storeContents.js';
import { deleteStreamMessage } from '../testSupport/streamContents.js';

let fx: DeliveryFixture;
const harness = consumerHarness(() => fx);

beforeEach(async () => {
  fx = await deliveryFixture('consumer');
  await createEffectsTable(fx.store);
});
afterEach(async () => {
  await harness.stopAll();
  await fx.cleanup();
});

const storeIds = (count: number) => storeIdsOf(fx.store, count);
const streamHolds = (count: number) =>
  waitFor(
    async () => (await fx.nats.jsm.streams.info(fx.nats.names.eventsStream)).state.messages >= count,
    `${count} messages in the stream`,
  );
const deadLetters = (subscriber: string) =>
  queryRows<{ event_id: string | null; error: string; attempts: number }>(
    fx.store.db,
    sql`SELECT event_id::text AS event_id, error, attempts FROM dead_letters WHERE subscriber = ${subscriber} ORDER BY id`,
  );

describe('runConsumer', () => {
  it('applies events in store order, each exactly once, and reports its lag', async () => {
    await appendMany(fx.store, 400, { concurrency: 4 });
    const { runner } = await harness.consumer();
    expect(await runner.lag()).toBeGreaterThanOrEqual(400);
    await harness.relay();
    const expected = await storeIds(400);
    await waitFor(
      async () => (await appliedIds(fx.store, 'effects')).length >= expected.length,
      'all effects',
    );
    expect(await appliedIds(fx.store, 'effects')).toEqual(expected);
    await waitFor(async () => (await runner.lag()) === 0, 'no lag');
    expect(runner.metrics.applied).toBe(400);
  });

  it('applies batched transactions in the same order', async () => {
    await harness.relay();
    const { runner } = await harness.consumer({ batchSize: 50 });
    await appendMany(fx.store, 600, { concurrency: 4 });
    const expected = await storeIds(600);
    await waitFor(
      async () => (await appliedIds(fx.store, 'effects')).length >= expected.length,
      'all effects',
    );
    expect(await appliedIds(fx.store, 'effects')).toEqual(expected);
    expect(runner.metrics.applied).toBe(600);
  });

  it('hands a batch subscriber consecutive events at once, and isolates a poison event in a batch', async () => {
    await appendMany(fx.store, 300, { concurrency: 4 });
    const poison = (await storeIds(300))[123];
    await harness.relay();
    const sizes: number[] = [];
    const record = recordEffect('effects');
    const { runner } = await harness.consumer({
      batchSize: 100,
      maxAttempts: 2,
      subscriber: {
        name: 'effects',
        handle: () => Promise.reject(new Error('handleBatch is used when present')),
        handleBatch: async (events, tx) => {
          sizes.push(events.length);
          for (const event of events) {
            if (event.id === poison) throw new Error('cannot digest this');
            await record(event, tx);
          }
        },
      },
    });
    await waitFor(
      () => runner.metrics.applied === 299 && runner.metrics.deadLettered === 1,
      'all but the poison applied',
    );
    expect(await appliedIds(fx.store, 'effects')).toEqual(
      (await storeIds(300)).filter((id) => id !== poison),
    );
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    expect(await deadLetters('effects')).toEqual([
      { event_id: poison, error: 'Error: cannot digest this', attempts: 2 },
    ]);
  });

  it('notices a checkpoint moved under it between batches and applies nothing twice', async () => {
    await appendMany(fx.store, 40);
    await harness.relay();
    await streamHolds(40);
    const ids = await storeIds(40);
    const events = await storeEvents(fx.store, 40);
    let moved = false;
    const record = recordEffect('effects');
    const { runner } = await harness.consumer({
      batchSize: 5,
      subscriber: {
        name: 'effects',
        handle: record,
        handleBatch: async (batch, tx) => {
          for (const event of batch) await record(event, tx);
          const last = ids.indexOf(batch.at(-1)?.id as string);
          if (moved || last < 5 || last > 30) return;
          moved = true;
          // Another runner of the subscriber (its own connection) takes the next five meanwhile,
          // as a runner would: after whatever checkpoint it finds once it holds the lock.
          const target = events[last + 5] as StoredEvent;
          void fx.store.withCheckpoint('effects', target.position, async (other, previous) => {
            for (const event of events.slice(0, last + 6)) {
              if (!previous || event.position > previous) await record(event as never, other);
            }
          });
        },
      },
    });
    await waitFor(() => runner.metrics.applied + runner.metrics.skipped >= 40, 'all 40 events');
    expect(moved).toBe(true);
    // Whichever got the lock first, the other went on from the checkpoint it found: each effect once, in order.
    await waitFor(async () => (await appliedIds(fx.store, 'effects')).length >= 40, 'all effects');
    expect(await appliedIds(fx.store, 'effects')).toEqual(ids);
  });

  it('has no double effect when it crashes between commit and ack', async () => {
    await appendMany(fx.store, 60);
    await harness.relay();
    let commits = 0;
    let release: (() => void) | undefined;
    const crashed = new Promise<void>((resolve) => {
      release = resolve;
    });
    const nc = await harness.connect();
    // A store whose 25th commit is followed by the process dying: the connection is gone, no ack is sent.
    const crashing = Object.create(fx.store, {
      withCheckpoint: {
        value: async (...args: Parameters<typeof fx.store.withCheckpoint>) => {
          const result = await fx.store.withCheckpoint(...args);
          if (++commits === 25) {
            await nc.close();
            await crashed;
            throw new Error('the process is gone');
          }
          return result;
        },
      },
    });
    const first = await harness.consumer({ store: crashing, nc });
    await waitFor(() => commits >= 25, 'the crash');
    const survivor = await harness.consumer();
    const expected = await storeIds(60);
    await waitFor(
      async () => (await appliedIds(fx.store, 'effects')).length >= expected.length,
      'all effects',
    );
    expect(await appliedIds(fx.store, 'effects')).toEqual(expected);
    expect(survivor.runner.metrics.skipped).toBeGreaterThanOrEqual(1);
    expect(survivor.runner.metrics.resets).toBe(1);
    release?.();
    await first.runner.stop();
  });

  it('dead-letters a poison event after N attempts and carries on', async () => {
    await appendMany(fx.store, 30);
    const poison = (await storeIds(30))[10];
    await harness.relay();
    const { runner } = await harness.consumer({
      maxAttempts: 3,
      subscriber: {
        name: 'effects',
        handle: async (event, tx) => {
          if (event.id === poison) throw new Error('cannot digest this');
          await recordEffect('effects')(event, tx);
        },
      },
    });
    await waitFor(
      () => runner.metrics.applied === 29 && runner.metrics.deadLettered === 1,
      'the poison passed',
    );
    expect(await appliedIds(fx.store, 'effects')).toEqual((await storeIds(30)).filter((id) => id !== poison));
    expect(await deadLetters('effects')).toEqual([
      { event_id: poison, error: 'Error: cannot digest this', attempts: 3 },
    ]);
    expect(runner.metrics).toMatchObject({ deadLettered: 1, retries: 2, applied: 29 });
  });

  it('halts on a poison event when told to, and resumes there once the handler is fixed', async () => {
    await appendMany(fx.store, 30);
    const ids = await storeIds(30);
    const poison = ids[10];
    await harness.relay();
    let broken = true;
    const subscriber = {
      name: 'effects',
      handle: async (event: { id: string }, tx: Parameters<ReturnType<typeof recordEffect>>[1]) => {
        if (broken && event.id === poison) throw new Error('cannot digest this');
        await recordEffect('effects')(event as never, tx);
      },
    };
    const { runner } = await harness.consumer({ maxAttempts: 2, onPoison: 'halt', subscriber });
    await runner.done;
    expect(runner.status).toBe('halted');
    expect(runner.haltReason?.eventId).toBe(poison);
    expect(await appliedIds(fx.store, 'effects')).toEqual(ids.slice(0, 10));
    expect(await deadLetters('effects')).toEqual([
      { event_id: poison, error: 'Error: cannot digest this', attempts: 2 },
    ]);

    broken = false;
    await harness.consumer({ subscriber });
    await waitFor(async () => (await appliedIds(fx.store, 'effects')).length === 30, 'the rest');
    expect(await appliedIds(fx.store, 'effects')).toEqual(ids);
  });

  it('retries a transient handler failure without dead-lettering', async () => {
    await appendMany(fx.store, 5);
    await harness.relay();
    let failures = 0;
    const { runner } = await harness.consumer({
      maxAttempts: 5,
      batchSize: 5,
      subscriber: {
        name: 'effects',
        handle: async (event, tx) => {
          if (failures < 2) {
            failures += 1;
            throw new Error('flaky');
          }
          await recordEffect('effects')(event, tx);
        },
      },
    });
    await waitFor(async () => (await appliedIds(fx.store, 'effects')).length === 5, 'all effects');
    expect(await appliedIds(fx.store, 'effects')).toEqual(await storeIds(5));
    expect(await deadLetters('effects')).toEqual([]);
    expect(runner.metrics.deadLettered).toBe(0);
  });

  it('refuses to apply past a version gap and says so', async () => {
    await appendMany(fx.store, 12, { streams: 3 });
    await harness.relay();
    await streamHolds(12);
    // A hole in the middle of the stream (the relay only ever repairs the tail).
    const stream = fx.nats.names.eventsStream;
    const hole = await fx.nats.jsm.streams.getMessage(stream, { seq: 6 });
    await deleteStreamMessage(fx.nats.jsm, stream, 6);
    const { runner } = await harness.consumer();
    await runner.done;
    expect(runner.status).toBe('halted');
    const events = await storeEvents(fx.store, 12);
    const ids = events.map((e) => e.id);
    const missing = events[5];
    expect(hole?.header.get('Nats-Msg-Id')).toBe(missing?.id);
    const letters = await deadLetters('effects');
    expect(letters).toHaveLength(1);
    // Named by the missing event: its stream and version (and the next version delivered, if any).
    expect(letters[0]?.error).toMatch(
      new RegExp(
        `^VersionGapError: Version gap in cart-${missing?.aggregateId}: ` +
          `(expected version ${missing?.version}, received \\d+|version ${missing?.version} \\(event ${missing?.id}\\) was never delivered)`,
      ),
    );
    // Caught at the hole itself, not only when the broken stream's next event comes: everything
    // before it applied, nothing after it.
    expect(await appliedIds(fx.store, 'effects')).toEqual(ids.slice(0, 5));
    expect(letters[0]?.event_id).toBe(ids[6]);
  });

  it('refuses a message the store never held, even one that continues its stream', async () => {
    await appendMany(fx.store, 4);
    const relay = await harness.relay();
    await streamHolds(4);
    await relay.stop();
    const [stored] = await storeEvents(fx.store, 4).then((events) => events.slice(-1));
    const { transactionId, seq } = positionParts(stored?.position as Position);
    // The next version of a real stream, at a plausible next position: only the store can tell.
    const forged = { ...(stored as StoredEvent), id: uuidv7(), version: (stored?.version ?? 0) + 1 };
    const message = encodeEvent(fx.nats.names, {
      ...forged,
      position: formatPosition(transactionId, BigInt(seq) + 1n),
    });
    await fx.nats.js.publish(message.subject, message.data, { headers: message.headers, msgID: forged.id });
    const { runner } = await harness.consumer({ batchSize: 10 });
    await runner.done;
    expect(runner.status).toBe('halted');
    expect(await appliedIds(fx.store, 'effects')).toEqual(await storeIds(4));
    expect((await deadLetters('effects'))[0]?.error).toContain(`Event ${forged.id}`);
    expect((await deadLetters('effects'))[0]?.error).toContain('is not in the store');
  });

  it('halts rather than skip past events when junk claims a later position', async () => {
    await appendMany(fx.store, 3);
    const relay = await harness.relay();
    await streamHolds(3);
    await relay.stop();
    const events = await storeEvents(fx.store, 3);
    // Junk whose position header is far ahead: dead-lettering it must not move the checkpoint there.
    const headers = natsHeaders();
    headers.set(CausewayHeaders.Position, formatPosition(10n ** 15n, 1n));
    await fx.nats.js.publish(fx.nats.names.eventSubject('cart', 'JUNK'), 'not json', {
      headers,
      msgID: uuidv7(),
    });
    // Events the store holds before that position (not relayed yet): skipping to it would lose them.
    await appendMany(fx.store, 2);
    const { runner } = await harness.consumer();
    await runner.done;
    expect(runner.status).toBe('halted');
    expect(await appliedIds(fx.store, 'effects')).toEqual(events.map((e) => e.id));
    expect(await fx.store.readCheckpoint('effects')).toBe(events.at(-1)?.position);
  });

  it('dead-letters an unparseable message at once and goes on', async () => {
    await appendMany(fx.store, 3);
    await harness.relay();
    await streamHolds(3);
    await fx.nats.js.publish(fx.nats.names.eventSubject('cart', 'ITEM_ADDED'), 'not json');
    await appendMany(fx.store, 3, { tag: 'b' });
    const { runner } = await harness.consumer({ maxAttempts: 5 });
    await waitFor(async () => (await appliedIds(fx.store, 'effects')).length === 6, 'the valid events');
    expect(await appliedIds(fx.store, 'effects')).toEqual(await storeIds(6));
    const [letter] = await deadLetters('effects');
    expect(letter).toMatchObject({ event_id: null, attempts: 1 });
    expect(letter?.error).toMatch(/Causeway-Position/);
    expect(runner.metrics.deadLettered).toBe(1);
  });

  it('recreates its consumer when it is deleted under it', async () => {
    await harness.relay();
    const { runner } = await harness.consumer();
    await appendMany(fx.store, 50);
    await waitFor(async () => (await appliedIds(fx.store, 'effects')).length === 50, 'the first half');
    await fx.nats.jsm.consumers.delete(fx.nats.names.eventsStream, 'effects');
    await appendMany(fx.store, 50, { tag: 'b' });
    await waitFor(async () => (await appliedIds(fx.store, 'effects')).length >= 100, 'the second half');
    expect(await appliedIds(fx.store, 'effects')).toEqual(await storeIds(100));
    expect(runner.metrics.sessions).toBeGreaterThan(1);
  });

  it('resumes after losing its PostgreSQL connections', async () => {
    // The consumer gets a pool of its own, so only its connections are cut. They are cut while it
    // is idle: cutting a postgres.js 3.4.9 connection in the middle of a write crashes the process
    // (porsager/postgres#1208), which no code above the driver can catch.
    const sqlClient = postgres(fx.db.url, {
      max: 4,
      connection: { application_name: 'consumer_under_test' },
    });
    const consumerStore = await createPostgresEventStore({ sql: sqlClient });
    try {
      await harness.relay();
      const { runner } = await harness.consumer({ store: consumerStore, batchSize: 10 });
      for (let round = 1; round <= 3; round++) {
        await appendMany(fx.store, 40, { tag: `r${round}` });
        await waitFor(() => runner.metrics.applied === round * 40, `round ${round}`);
        const [killed] = await queryRows<{ count: number }>(
          fx.store.db,
          sql`SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity
               WHERE datname = current_database() AND application_name = 'consumer_under_test'`,
        );
        expect(killed?.count).toBeGreaterThan(0);
      }
      await appendMany(fx.store, 40, { tag: 'last' });
      const expected = await storeIds(160);
      await waitFor(async () => (await appliedIds(fx.store, 'effects')).length >= 160, 'all effects');
      expect(await appliedIds(fx.store, 'effects')).toEqual(expected);
    } finally {
      await harness.stopAll();
      await sqlClient.end({ timeout: 5 });
    }
  });
});
