import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PG_ADMIN_URL, TEST_DATABASE_PREFIX } from '@causeway/event-store/testing';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Launcher, launch, listening, waitUntilReady } from './support/launcher.js';
import { cleanEnv, repoRoot, SERVICE_PORTS } from './support/repo.js';
import { stopWithSigterm } from './support/stopCheck.js';
import { runWalkthrough } from './support/walkthrough.js';

// `pnpm dev` as a newcomer runs it, as a child process, in both modes, driven by the README's
// walk-through. The services listen on their fixed ports, hence one launcher at a time.

const SERVICES = ['command', 'query', 'payment', 'saga'] as const;
const adminUrl = process.env.PG_ADMIN_URL ?? DEFAULT_PG_ADMIN_URL;

const firstLauncherLine = (launcher: Launcher) =>
  launcher
    .output()
    .split('\n')
    .find((line) => line.startsWith('[causeway dev]'));

const orderIdIn = (walkthrough: string): string => {
  const created = JSON.parse(walkthrough.split('\n')[0] ?? '{}') as { orderId?: string };
  if (!created.orderId) throw new Error(`no order id in the walk-through's output:\n${walkthrough}`);
  return created.orderId;
};

const expectConfirmedOrder = (walkthrough: string) => {
  expect(walkthrough).toContain('CONFIRMED, total 3000, paid 3000 in 2 payments');
  expect(walkthrough).toContain('1 ORDER_CREATED\n2 ORDER_ITEM_ADDED\n3 ORDER_CONFIRMED');
  expect(walkthrough).toContain('"consumer": "running"');
};

beforeAll(async () => {
  for (const port of SERVICE_PORTS) {
    if (await listening(port))
      throw new Error(`port ${port} is taken: these tests run pnpm dev on 3001-3004`);
  }
});

describe('pnpm dev in stack mode (PostgreSQL and NATS)', () => {
  let nats: NatsIsolation;
  const database = `${TEST_DATABASE_PREFIX}${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}_dev`;
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  let launcher: Launcher | undefined;

  beforeAll(async () => {
    nats = await isolateNats({ label: 'dev' });
  });
  afterAll(async () => {
    if (launcher?.child.exitCode === null) await stopWithSigterm(launcher).catch(() => {});
    await nats?.cleanup();
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await sql`DROP DATABASE IF EXISTS ${sql(database)} WITH (FORCE)`.finally(() => sql.end());
  });

  it('creates and migrates the database, runs every service from source, and passes the walk-through', async () => {
    launcher = launch(
      'dev',
      cleanEnv({
        DATABASE_URL: databaseUrl,
        NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
        CAUSEWAY_PREFIX: nats.prefix,
      }),
    );
    await waitUntilReady(launcher);
    expect(firstLauncherLine(launcher)).toMatch(/^\[causeway dev\] stack mode \(DATABASE_URL\/NATS_URL\)/);
    expect(launcher.output()).toContain(`created database ${database}`);
    for (const service of SERVICES) {
      // One process per service, under tsx watch, logging through pino-pretty.
      expect(launcher.output()).toContain(
        `@causeway/${service}-service:dev: $ tsx watch --conditions=@causeway/source src/main.ts`,
      );
      expect(launcher.output()).toMatch(new RegExp(`INFO \\(${service}\\): Server listening at`));
    }
    expectConfirmedOrder(await runWalkthrough());
  });

  it('restarts every service when a package they import changes', async () => {
    if (!launcher) throw new Error('the previous test did not start pnpm dev');
    const shared = join(repoRoot, 'packages/service-kit/src/index.ts');
    const before = launcher.output().length;
    const now = new Date();
    await utimes(shared, now, now);
    const restarted = () =>
      SERVICES.every((service) =>
        new RegExp(
          `@causeway/${service}-service:dev: .*change in .*packages/service-kit/src/index\\.ts Restarting`,
        ).test(launcher?.output().slice(before) ?? ''),
      );
    const deadline = Date.now() + 30_000;
    while (!restarted() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(restarted()).toBe(true);
    await waitUntilReady(launcher);
  });

  it('stops every process within 10 s of SIGTERM to pnpm, each service gracefully', async () => {
    if (!launcher) throw new Error('the first test did not start pnpm dev');
    await stopWithSigterm(launcher);
    const output = launcher.output();
    for (const service of SERVICES)
      expect(output).toMatch(new RegExp(`INFO \\(${service}\\): shutdown complete`));
    expect(output).not.toMatch(/second signal|Force killing|killing them/);
  });
});

describe('pnpm dev in embedded mode (CAUSEWAY_MODE=embedded)', () => {
  let dataDir: string;
  let orderId: string;
  let launcher: Launcher | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'causeway-embedded-'));
  });
  afterAll(async () => {
    if (launcher?.child.exitCode === null) await stopWithSigterm(launcher).catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs every service in one process on PGlite and the walk-through confirms the order', async () => {
    launcher = launch('dev', cleanEnv({ CAUSEWAY_MODE: 'embedded', CAUSEWAY_DATA_DIR: dataDir }));
    await waitUntilReady(launcher);
    expect(firstLauncherLine(launcher)).toMatch(/^\[causeway dev\] embedded mode \(CAUSEWAY_MODE=embedded\)/);
    expect(launcher.output()).toContain(`PGlite data in ${dataDir}`);
    const walkthrough = await runWalkthrough();
    expectConfirmedOrder(walkthrough);
    orderId = orderIdIn(walkthrough);
    await stopWithSigterm(launcher);
    expect(launcher.output()).toContain('closed every service and the store');
  });

  it('keeps its data between runs, and stops on Ctrl-C too', async () => {
    launcher = launch('dev', cleanEnv({ CAUSEWAY_MODE: 'embedded', CAUSEWAY_DATA_DIR: dataDir }));
    await waitUntilReady(launcher);
    const order = await (await fetch(`http://127.0.0.1:3002/orders/${orderId}`)).json();
    expect(order).toMatchObject({ orderId, status: 'CONFIRMED', total: 3000, paid: 3000 });
    await stopWithSigterm(launcher, 'ctrl-c');
    expect(launcher.output()).toContain('closed every service and the store');
    expect(launcher.output()).not.toContain('killing services');
  });
});

describe('mode selection', () => {
  it('refuses stack mode with nothing to connect to, rather than falling back', async () => {
    const launcher = launch(
      'dev',
      cleanEnv({
        CAUSEWAY_MODE: 'stack',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/causeway',
        NATS_URL: 'nats://127.0.0.1:1',
      }),
    );
    expect(await launcher.exited).not.toBe(0);
    expect(launcher.output()).toContain(
      'Stack mode needs PostgreSQL at postgres://postgres@127.0.0.1:1/causeway and NATS at nats://127.0.0.1:1, which did not answer',
    );
    for (const port of SERVICE_PORTS) expect(await listening(port)).toBe(false);
  });
});
