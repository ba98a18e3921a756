import { ConfirmOrder } from '@causeway/contracts';
import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import { createCommandBus } from '@causeway/jetstream';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, killAll, listeningAddress, spawnEntryPoint } from './fixtures/processes.js';
import { validOrder } from './fixtures/testApp.js';

let db: TestDatabase;
let nats: NatsIsolation;
beforeAll(async () => {
  db = await createTestDatabase({ label: 'main' });
  nats = await isolateNats({ label: 'cmdmain' });
});
afterAll(async () => {
  killAll();
  await nats?.cleanup();
  await db?.drop();
});
afterEach(() => killAll());

const stackEnv = () => ({
  DATABASE_URL: db.url,
  NATS_URL: '127.0.0.1:4222',
  CAUSEWAY_PREFIX: nats.prefix,
  HOST: '127.0.0.1',
  PORT: '0',
});

const streamMessages = async () => (await nats.jsm.streams.info(nats.names.eventsStream)).state.messages;

describe('main.ts (the service as its own process)', () => {
  it('migrates, serves the API, relays the events to JetStream, and stops cleanly on SIGTERM', async () => {
    const service = spawnEntryPoint('main', stackEnv());
    const base = await listeningAddress(service);

    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: unknown }).checks).toMatchObject({
      database: { status: 'ok' },
      nats: { status: 'ok' },
    });

    const created = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validOrder),
    });
    expect(created.status).toBe(201);
    const { orderId } = (await created.json()) as { orderId: string };

    // The relay inside the process publishes it.
    await eventually(async () => expect(await streamMessages()).toBe(1));
    const message = await nats.jsm.streams.getMessage(nats.names.eventsStream, { seq: 1 });
    expect(message?.subject).toBe(`${nats.prefix}.events.order.ORDER_CREATED`);
    expect(message?.json<{ aggregateId: string }>().aggregateId).toBe(orderId);

    // The saga's confirmation arrives on the command bus; its event is relayed in turn.
    const confirm = ConfirmOrder.create({
      aggregateId: orderId,
      payload: { paymentId: 'payment-1', amountPaid: 3_750 },
      metadata: { correlationId: 'saga', causationId: 'payment-processed-1' },
    });
    await createCommandBus({ nc: nats.nc, prefix: nats.prefix }).send(confirm, { service: 'order' });
    await eventually(async () => expect(await streamMessages()).toBe(2));
    const confirmed = await nats.jsm.streams.getMessage(nats.names.eventsStream, { seq: 2 });
    expect(confirmed?.json()).toMatchObject({ type: 'ORDER_CONFIRMED', aggregateId: orderId, version: 2 });

    const metrics = await eventually(async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(/relay_published_total\{[^}]*\} 2/);
      return text;
    });
    expect(metrics).toMatch(/relay_lag_events\{[^}]*\} 0/);
    for (const [type, outcome] of [
      ['CREATE_ORDER', 'accepted'],
      ['CONFIRM_ORDER', 'accepted'],
    ]) {
      expect(metrics).toMatch(
        new RegExp(`commands_handled_total\\{[^}]*type="${type}"[^}]*outcome="${outcome}"[^}]*\\} 1`),
      );
    }
    expect(metrics).toMatch(/command_deliveries_total\{[^}]*outcome="handled"[^}]*\} 1/);

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.lines.some((line) => line.msg === 'shutdown complete')).toBe(true);
  });

  it('exits 1 listing every missing variable', async () => {
    const service = spawnEntryPoint('main', { PORT: 'not-a-port' });
    expect(await service.exited).toBe(1);
    for (const variable of ['DATABASE_URL', 'NATS_URL', 'PORT']) expect(service.stderr()).toContain(variable);
  });

  it('exits 1 when the migration fails', async () => {
    const broken = await createTestDatabase({ label: 'badmigration' });
    try {
      // A table the first migration creates, already there with another shape: the migration fails.
      const sql = postgres(broken.url, { max: 1, onnotice: () => {} });
      await sql`CREATE TABLE events (id int)`;
      await sql.end();
      const service = spawnEntryPoint('main', { ...stackEnv(), DATABASE_URL: broken.url });
      expect(await service.exited).toBe(1);
      expect(service.stderr()).toContain('migration failed');
    } finally {
      await broken.drop();
    }
  });

  it('exits 1 when the database cannot be reached', async () => {
    const service = spawnEntryPoint('main', {
      ...stackEnv(),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
    });
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toContain('127.0.0.1:1');
  });
});
