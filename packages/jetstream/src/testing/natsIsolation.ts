import { randomBytes } from 'node:crypto';
import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connectNats } from '../connection/connectNats.js';
import { type TopologyNames, topologyNames } from '../topology/names.js';

/** Every test prefix starts with this; `sweepTestStreams` deletes only streams named so. */
export const TEST_PREFIX_START = 'cwt';

export interface NatsIsolation {
  /** Pass to `ensureTopology`, the relay, consumers and the command bus. */
  prefix: string;
  names: TopologyNames;
  nc: NatsConnection;
  jsm: JetStreamManager;
  js: JetStreamClient;
  /** Deletes every stream under the prefix and closes the connection. Safe to call twice. */
  cleanup(): Promise<void>;
}

export interface NatsIsolationOptions {
  /** Defaults to `process.env.NATS_URL`, then the local server. */
  servers?: string;
  /** A short hint added to the prefix, to tell streams apart when debugging. */
  label?: string;
}

/**
 * A stream-name prefix of one's own for one test file, on the machine's shared nats-server:
 *
 * ```ts
 * let nats: NatsIsolation;
 * beforeAll(async () => { nats = await isolateNats({ label: 'relay' }); });
 * afterAll(() => nats.cleanup());
 * ```
 *
 * The prefix carries the process id and time, so a sweep can recognise leftovers.
 */
export const isolateNats = async (options: NatsIsolationOptions = {}): Promise<NatsIsolation> => {
  const tag = (options.label ?? '').replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
  const parts = [
    TEST_PREFIX_START,
    process.pid,
    Date.now().toString(36),
    randomBytes(3).toString('hex'),
    tag,
  ];
  const prefix = parts.filter(Boolean).join('_');
  const nc = await connectNats({
    servers: options.servers ?? process.env.NATS_URL ?? '127.0.0.1:4222',
    name: `test ${prefix}`,
  });
  const jsm = await jetstreamManager(nc);
  let cleaned = false;
  return {
    prefix,
    names: topologyNames(prefix),
    nc,
    jsm,
    js: jetstream(nc),
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      await deleteStreamsUnder(jsm, prefix);
      await nc.close();
    },
  };
};

export const deleteStreamsUnder = async (jsm: JetStreamManager, prefix: string): Promise<string[]> => {
  const deleted: string[] = [];
  for await (const name of jsm.streams.names()) {
    if (!name.startsWith(`${prefix}_`)) continue;
    await jsm.streams.delete(name).catch(() => false);
    deleted.push(name);
  }
  return deleted;
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Deletes streams left behind by test processes that are gone (a run killed before its cleanup):
 * only names made by `isolateNats` whose process id no longer runs. Returns what it deleted.
 */
export const sweepTestStreams = async (jsm: JetStreamManager): Promise<string[]> => {
  const deleted: string[] = [];
  const pattern = new RegExp(`^${TEST_PREFIX_START}_(\\d+)_`);
  for await (const name of jsm.streams.names()) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || alive(pid)) continue;
    await jsm.streams.delete(name).catch(() => false);
    deleted.push(name);
  }
  return deleted;
};
