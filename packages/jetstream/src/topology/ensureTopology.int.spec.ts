import { RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TopologyConflictError } from '../errors/topologyConflictError.js';
import { isolateNats, type NatsIsolation } from '../testing/natsIsolation.js';
import { ensureTopology } from './ensureTopology.js';

let nats: NatsIsolation;
beforeAll(async () => {
  nats = await isolateNats({ label: 'topology' });
});
afterAll(() => nats.cleanup());

describe('ensureTopology', () => {
  it('creates both streams with the architecture settings under the prefix', async () => {
    const topology = await ensureTopology({ jsm: nats.jsm, prefix: nats.prefix });
    expect(topology.events.config).toMatchObject({
      name: `${nats.prefix}_CAUSEWAY_EVENTS`,
      subjects: [`${nats.prefix}.events.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(120_000),
    });
    expect(topology.commands.config).toMatchObject({
      name: `${nats.prefix}_CAUSEWAY_COMMANDS`,
      subjects: [`${nats.prefix}.commands.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Workqueue,
    });
  });

  it('is idempotent and updates what can change in place, keeping the messages', async () => {
    await nats.js.publish(nats.names.eventSubject('order', 'ORDER_CREATED'), 'x');
    const again = await ensureTopology({ jsm: nats.jsm, prefix: nats.prefix, duplicateWindowMs: 5_000 });
    expect(again.events.config.duplicate_window).toBe(nanos(5_000));
    expect(again.events.state.messages).toBe(1);
    const same = await ensureTopology({ jsm: nats.jsm, prefix: nats.prefix, duplicateWindowMs: 5_000 });
    expect(same.events.created).toBe(again.events.created);
  });

  it('creates durable consumers with explicit ack, unlimited server redelivery and the filter', async () => {
    const definition = {
      stream: 'events' as const,
      durable: 'projection',
      filterSubject: nats.names.eventFilter({ aggregateType: 'order' }),
      ackWaitMs: 10_000,
    };
    const [created] = (await ensureTopology({ jsm: nats.jsm, prefix: nats.prefix, consumers: [definition] }))
      .consumers;
    expect(created?.config).toMatchObject({
      durable_name: 'projection',
      ack_policy: 'explicit',
      deliver_policy: 'all',
      filter_subject: `${nats.prefix}.events.order.>`,
      ack_wait: nanos(10_000),
      max_ack_pending: 256,
      max_deliver: -1,
    });
    const [updated] = (
      await ensureTopology({
        jsm: nats.jsm,
        prefix: nats.prefix,
        consumers: [{ ...definition, ackWaitMs: 20_000, maxAckPending: 1 }],
      })
    ).consumers;
    expect(updated?.config).toMatchObject({ ack_wait: nanos(20_000), max_ack_pending: 1 });
  });

  it('refuses to change a consumer filter in place', async () => {
    await expect(
      ensureTopology({
        jsm: nats.jsm,
        prefix: nats.prefix,
        consumers: [{ stream: 'events', durable: 'projection', filterSubject: nats.names.allEvents }],
      }),
    ).rejects.toThrowError(TopologyConflictError);
  });

  it('creates command consumers on the work-queue stream', async () => {
    const { consumers } = await ensureTopology({
      jsm: nats.jsm,
      prefix: nats.prefix,
      consumers: [
        { stream: 'commands', durable: 'payment', filterSubject: nats.names.serviceCommands('payment') },
      ],
    });
    expect(consumers[0]?.stream_name).toBe(`${nats.prefix}_CAUSEWAY_COMMANDS`);
  });
});
