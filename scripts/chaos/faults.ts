import type { NatsServerProcess } from '@causeway/jetstream/testing';
import type postgres from 'postgres';
import { type Role, type Service, sleep } from './processes.js';

export type FaultKind =
  | 'kill relay'
  | 'kill query'
  | 'kill saga'
  | 'kill payment'
  | 'restart nats-server'
  | 'terminate pg backends';

export const FAULT_KINDS: readonly FaultKind[] = [
  'kill relay',
  'kill query',
  'kill saga',
  'kill payment',
  'restart nats-server',
  'terminate pg backends',
];

export interface FaultTargets {
  services: Map<Role, Service>;
  nats: NatsServerProcess;
  /** An admin connection (not to the chaos database, so it never terminates itself). */
  admin: postgres.Sql;
  database: string;
}

const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low));

const killAndRestart = async (service: Service, downMs: number) => {
  await service.kill('SIGKILL');
  await sleep(downMs);
  await service.start();
};

/** Injects one fault; returns how many backends it terminated (0 for other kinds). */
const inject = async (kind: FaultKind, targets: FaultTargets): Promise<number> => {
  const service = (role: Role) => targets.services.get(role) as Service;
  switch (kind) {
    case 'kill relay':
      await killAndRestart(service('relay'), between(100, 2_000));
      return 0;
    case 'kill query':
      await killAndRestart(service('query'), between(100, 2_000));
      return 0;
    case 'kill saga':
      await killAndRestart(service('saga'), between(100, 3_000));
      return 0;
    case 'kill payment':
      // Sometimes longer than the saga's payment timeout: those orders time out and are refunded.
      await killAndRestart(service('payment'), between(100, 9_000));
      return 0;
    case 'restart nats-server':
      await targets.nats.kill();
      await sleep(between(200, 2_000));
      await targets.nats.start();
      return 0;
    case 'terminate pg backends': {
      const rows = await targets.admin<{ terminated: boolean }[]>`
        SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE datname = ${targets.database} AND pid <> pg_backend_pid()`;
      return rows.filter((row) => row.terminated).length;
    }
  }
};

export interface FaultLog {
  counts: Record<FaultKind, number>;
  /** Milliseconds each kind took, from the kill to the replacement being ready (the outage). */
  outages: Record<FaultKind, number[]>;
  backendsTerminated: number;
  failures: string[];
}

/**
 * Injects faults at random moments, one at a time, until `until` settles and at least
 * `minCycles` cycles (each kind once) are done.
 */
export const injectFaults = async (
  targets: FaultTargets,
  until: Promise<unknown>,
  gapMs: [number, number],
  minCycles = 1,
): Promise<FaultLog> => {
  const log: FaultLog = {
    counts: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
    outages: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, []])) as unknown as Record<
      FaultKind,
      number[]
    >,
    backendsTerminated: 0,
    failures: [],
  };
  let done = false;
  void until.finally(() => {
    done = true;
  });
  for (let cycles = 0; !done || cycles < minCycles; cycles++) {
    // Every kind once per cycle, in a shuffled order, so even a short run sees each kind.
    const cycle = [...FAULT_KINDS].sort(() => Math.random() - 0.5);
    for (const next of cycle) {
      if (done && cycles >= minCycles) break;
      log.counts[next] += 1;
      const began = Date.now();
      log.backendsTerminated += await inject(next, targets).catch((error: Error) => {
        // A restart that failed leaves a crashed process: the supervisor starts it again.
        log.failures.push(`${next}: ${error.message.split('\n')[0]}`);
        return 0;
      });
      log.outages[next].push(Date.now() - began);
      await sleep(between(gapMs[0], gapMs[1]));
    }
  }
  return log;
};
