import { createTestDatabase, type TestDatabase } from '@causeway/event-store/testing';
import { isolateNats, type NatsIsolation } from '@causeway/jetstream/testing';
import {
  type ServiceName,
  type ServiceProcess,
  spawnService,
  stopService,
  waitUntilReady,
} from './serviceProcess.js';

export interface SystemOptions {
  label: string;
  /** Extra environment for every service (e.g. PAYMENT_DELAY_MS, SAGA_PAYMENT_TIMEOUT_MS). */
  env?: Record<string, string>;
}

export interface RunningSystem {
  db: TestDatabase;
  nats: NatsIsolation;
  /** Base URL of each running service. */
  url(name: ServiceName): string;
  /** SIGKILL (or another signal) and wait for the exit; resolves with the exit code. */
  kill(name: ServiceName, signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts a stopped service again with the same settings and waits until it is ready. */
  start(name: ServiceName): Promise<string>;
  /** Stops every service (SIGTERM), deletes the streams and drops the database. */
  close(): Promise<void>;
  output(name: ServiceName): string;
}

const ORDER: readonly ServiceName[] = ['command', 'query', 'payment', 'saga'];

/**
 * The four services as real processes on a fresh database and a NATS prefix of their own: what
 * a deployment runs, reached through HTTP only. The command service runs the relay.
 */
export const startSystem = async (options: SystemOptions): Promise<RunningSystem> => {
  const db = await createTestDatabase({ label: options.label });
  const nats = await isolateNats({ label: options.label });
  const env = {
    DATABASE_URL: db.url,
    NATS_URL: process.env.NATS_URL ?? '127.0.0.1:4222',
    CAUSEWAY_PREFIX: nats.prefix,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '1000000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...options.env,
  };
  const running = new Map<ServiceName, ServiceProcess>();
  const urls = new Map<ServiceName, string>();
  const start = async (name: ServiceName) => {
    const service = await spawnService(name, env);
    running.set(name, service);
    const url = await waitUntilReady(service);
    urls.set(name, url);
    return url;
  };
  const close = async () => {
    await Promise.all([...running.values()].map((service) => stopService(service, 'SIGTERM')));
    await nats.cleanup();
    await db.drop();
  };
  try {
    // One at a time: they migrate the same database at start-up (each under its advisory lock).
    for (const name of ORDER) await start(name);
  } catch (error) {
    await Promise.all([...running.values()].map((service) => stopService(service, 'SIGKILL')));
    await nats.cleanup();
    await db.drop();
    throw error;
  }
  return {
    db,
    nats,
    url: (name) => {
      const url = urls.get(name);
      if (!url) throw new Error(`${name} is not running`);
      return url;
    },
    kill: async (name, signal = 'SIGKILL') => {
      const service = running.get(name);
      urls.delete(name);
      return service ? stopService(service, signal) : null;
    },
    start,
    close,
    output: (name) => running.get(name)?.output() ?? '',
  };
};
