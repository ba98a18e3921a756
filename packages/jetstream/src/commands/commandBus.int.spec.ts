import { handleCommand, queryRows } from '@causeway/event-store';
import { waitFor } from '@causeway/kernel/testing';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeCommand } from '../codec/commandMessage.js';
import { counterCommands, counterDecider, counterEvents, increment } from '../testSupport/counter.js';
import { type DeliveryFixture, deliveryFixture } from '../testSupport/deliveryFixture.js';
import { createCommandBus } from './commandBus.js';
import { handleCommands } from './handleCommands.js';
import type { CommandHandlerOptions, CommandRunner } from './types.js';

let fx: DeliveryFixture;
let runners: CommandRunner[] = [];

beforeEach(async () => {
  fx = await deliveryFixture('commands');
});
afterEach(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  runners = [];
  await fx.cleanup();
});

const bus = () => createCommandBus({ nc: fx.nats.nc, store: fx.store, prefix: fx.nats.prefix });
const start = (options: Partial<CommandHandlerOptions> & Pick<CommandHandlerOptions, 'handlers'>) => {
  const runner = bus().handle({
    service: 'counter',
    registry: counterCommands,
    retry: { initialMs: 20, maxMs: 50 },
    ...options,
  });
  runners.push(runner);
  return runner;
};
/** The event store's own command handling, run inside the runner's transaction. */
const decide: CommandHandlerOptions['handlers'][string] = (command, context) =>
  handleCommand(context.store, counterDecider, command as never, { registry: counterEvents });

const counterVersion = async (id: string) => (await fx.store.readStream(`counter-${id}`)).streamVersion;
const rejections = () =>
  queryRows<{ event_id: string; error: string; attempts: number }>(
    fx.store.db,
    sql`SELECT event_id::text AS event_id, error, attempts FROM dead_letters WHERE subscriber = 'commands:counter'`,
  );
const queued = async () => (await fx.nats.jsm.streams.info(fx.nats.names.commandsStream)).state.messages;

describe('command bus', () => {
  it('handles a command once, even when it is sent twice and delivered twice', async () => {
    const runner = start({ handlers: { INCREMENT: decide } });
    const command = increment('a', 5);
    await bus().send(command, { service: 'counter' });
    await bus().send(command, { service: 'counter' });
    // A copy JetStream cannot de-duplicate (no message id): the idempotency record must.
    const copy = encodeCommand(fx.nats.names, 'counter', command);
    await fx.nats.js.publish(copy.subject, copy.data);
    await waitFor(() => runner.metrics.handled + runner.metrics.duplicates === 2, 'both deliveries');
    expect(runner.metrics).toMatchObject({ handled: 1, duplicates: 1 });
    expect(await counterVersion('a')).toBe(1);
    await waitFor(async () => (await queued()) === 0, 'the work queue to empty');
  });

  it('records a rejected command with its reason, and does not retry it', async () => {
    let calls = 0;
    const runner = start({
      handlers: {
        INCREMENT: async (command, context) => {
          calls += 1;
          return decide(command, context);
        },
      },
    });
    const command = increment('b', 500);
    await bus().send(command, { service: 'counter' });
    await waitFor(() => runner.metrics.rejected === 1, 'the rejection');
    expect(calls).toBe(1);
    expect(await rejections()).toEqual([
      { event_id: command.id, error: 'COUNTER_LIMIT: 0 + 500 > 100', attempts: 1 },
    ]);
    expect(await counterVersion('b')).toBe(0);
  });

  it('retries a failing handler with backoff, then succeeds once', async () => {
    let failures = 0;
    const runner = start({
      handlers: {
        INCREMENT: async (command, context) => {
          if (failures++ < 2) throw new Error('gateway timeout');
          return decide(command, context);
        },
      },
    });
    await bus().send(increment('c', 1), { service: 'counter' });
    await waitFor(() => runner.metrics.handled === 1, 'the third attempt');
    expect(runner.metrics.retries).toBe(2);
    expect(await counterVersion('c')).toBe(1);
    expect(await rejections()).toEqual([]);
  });

  it('gives up after maxAttempts and records the failure', async () => {
    const runner = start({
      maxAttempts: 3,
      handlers: {
        INCREMENT: async () => {
          throw new Error('always broken');
        },
      },
    });
    const command = increment('d', 1);
    await bus().send(command, { service: 'counter' });
    await waitFor(() => runner.metrics.rejected === 1, 'the give-up');
    expect(await rejections()).toEqual([
      { event_id: command.id, error: 'FAILED: Error: always broken', attempts: 3 },
    ]);
    await waitFor(async () => (await queued()) === 0, 'the work queue to empty');
  });

  it('rejects commands it has no handler for, and ones that do not parse', async () => {
    const runner = start({ handlers: {} });
    await bus().send(increment('e', 1), { service: 'counter' });
    await fx.nats.js.publish(fx.nats.names.commandSubject('counter', 'INCREMENT'), '{"type":"INCREMENT"}');
    await waitFor(() => runner.metrics.rejected === 2, 'both rejections');
    const errors = (await rejections()).map((r) => r.error);
    expect(errors.some((e) => e.startsWith('UNKNOWN_COMMAND: counter has no handler for INCREMENT'))).toBe(
      true,
    );
    expect(errors.some((e) => e.startsWith('INVALID_COMMAND:'))).toBe(true);
  });

  it('rolls the handler effects back with a failed attempt', async () => {
    let attempt = 0;
    const runner = start({
      handlers: {
        INCREMENT: async (command, context) => {
          const result = await decide(command, context);
          if (attempt++ === 0) throw new Error('crashed after deciding');
          return result;
        },
      },
    });
    await bus().send(increment('f', 2), { service: 'counter' });
    await waitFor(() => runner.metrics.handled === 1, 'the retry');
    expect(await counterVersion('f')).toBe(1);
  });

  it('keeps commands waiting behind a slow one from being redelivered', async () => {
    const attempts: number[] = [];
    const runner = handleCommands({
      nc: fx.nats.nc,
      store: fx.store,
      prefix: fx.nats.prefix,
      service: 'counter',
      registry: counterCommands,
      ackWaitMs: 1_000,
      handlers: {
        INCREMENT: async (command, context) => {
          attempts.push(context.attempt);
          // Slow work: three of these outlast the ack wait of the ones queued behind.
          await new Promise((resolve) => setTimeout(resolve, 700));
          return decide(command, context);
        },
      },
    });
    runners.push(runner);
    for (const id of ['g1', 'g2', 'g3']) await bus().send(increment(id, 1), { service: 'counter' });
    await waitFor(() => runner.metrics.handled === 3, 'the three commands');
    expect(attempts).toEqual([1, 1, 1]);
    expect(runner.metrics.duplicates).toBe(0);
  });

  it('with concurrency, overlaps commands of different aggregates and never two of one', async () => {
    let inHand = 0;
    let most = 0;
    const busy = new Set<string>();
    const overlapped: string[] = [];
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runner = start({
      concurrency: 3,
      handlers: {
        INCREMENT: async (command, context) => {
          if (busy.has(command.aggregateId)) overlapped.push(command.aggregateId);
          busy.add(command.aggregateId);
          inHand += 1;
          most = Math.max(most, inHand);
          // Held until three are in hand at once: only a runner that overlaps them gets past this.
          await released;
          const result = await decide(command, context);
          inHand -= 1;
          busy.delete(command.aggregateId);
          return result;
        },
      },
    });
    for (const id of ['h1', 'h1', 'h2', 'h1', 'h3', 'h4']) {
      await bus().send(increment(id, 1), { service: 'counter' });
    }
    await waitFor(() => most === 3, 'three commands in hand at once');
    release();
    await waitFor(() => runner.metrics.handled === 6, 'the six commands');
    expect(most).toBe(3);
    expect(overlapped).toEqual([]);
    expect(await counterVersion('h1')).toBe(3);
    expect(await counterVersion('h4')).toBe(1);
  });

  it('refuses a concurrency outside 1-64', () => {
    expect(() => start({ concurrency: 0, handlers: {} })).toThrow(
      /concurrency must be an integer from 1 to 64, got 0/,
    );
  });
});
