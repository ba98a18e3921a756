import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { allEvents } from '@causeway/contracts';
import { createPostgresEventStore, type DrizzleEventStore } from '@causeway/event-store';
import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import { createRelay, type Relay } from '@causeway/jetstream';
import { freePort, isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import { uuidv7 } from '@causeway/kernel';
import { waitFor } from '@causeway/kernel/testing';
import { signTestToken } from '@causeway/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { created, orderEvent } from './fixtures/events.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const jwtSecret = 'query-main-e2e-test-secret-0123456789abcdef';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const startMain = (env: Record<string, string>): Started => {
  const child = spawn(process.execPath, ['--conditions=@causeway/source', '--import', 'tsx', 'src/main.ts'], {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
};

describe('main.ts as a process', () => {
  let database: TestDatabase;
  let nats: NatsIsolation;
  let store: DrizzleEventStore | undefined;
  let relay: Relay | undefined;
  let started: Started | undefined;

  beforeAll(async () => {
    database = await createTestDatabase({ label: 'querymain' });
    nats = await isolateNats({ label: 'querymain' });
  });
  afterAll(async () => {
    if (started && started.child.exitCode === null) started.child.kill('SIGKILL');
    await relay?.stop();
    await store?.close();
    await nats?.cleanup();
    await database?.drop();
  });

  it('migrates, consumes, answers read-your-writes, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    started = startMain({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      NATS_URL: process.env.NATS_URL ?? '127.0.0.1:4222',
      CAUSEWAY_PREFIX: nats.prefix,
      JWT_SECRET: jwtSecret,
    });
    const proc = started;
    await waitFor(
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`main exited early:\n${proc.output()}`);
        return (await fetch(`${base}/health/ready`).catch(() => undefined))?.status === 200;
      },
      'the service to be ready',
      30_000,
      50,
    );

    // The command service runs the relay in the real system; here the test does.
    store = await createPostgresEventStore({ url: database.url, registry: allEvents });
    relay = createRelay({ nc: nats.nc, store, prefix: nats.prefix, pollIntervalMs: 10 });
    relay.start();
    const orderId = uuidv7();
    const { position } = await store.append(`order-${orderId}`, [orderEvent(orderId, created('main'))]);
    const url = `${base}/orders/${orderId}?minPosition=${position}`;
    // Production requires a bearer token; the order's customer may read it.
    expect((await fetch(url)).status).toBe(401);
    const token = signTestToken({ secret: jwtSecret }, { sub: 'main' });
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ orderId, customerId: 'main', status: 'PENDING' });

    const stoppedAt = performance.now();
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(performance.now() - stoppedAt).toBeLessThan(10_000);
  });

  it('refuses to start without configuration, naming every missing variable', async () => {
    const proc = startMain({ NODE_ENV: 'production', PORT: 'not-a-port' });
    expect(await proc.exited).toBe(1);
    for (const variable of ['DATABASE_URL', 'NATS_URL', 'PORT', 'JWT_SECRET']) {
      expect(proc.output()).toContain(variable);
    }
  });
});
