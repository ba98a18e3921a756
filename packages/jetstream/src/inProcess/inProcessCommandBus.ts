import type { DrizzleEventStore } from '@causeway/event-store';
import type { CommandEnvelope } from '@causeway/kernel';
import { decodeCommand } from '../codec/commandMessage.js';
import { type DecodedCommand, processCommand } from '../commands/processCommand.js';
import type { CommandBus, CommandHandlerOptions, CommandMetrics, CommandRunner } from '../commands/types.js';

interface Pending {
  data: Uint8Array;
  attempt: number;
}

const encoder = new TextEncoder();

/**
 * Embedded mode's command bus: a queue per service in this process, handled one command at a time
 * with the same rules as on JetStream (idempotency record in the handler's transaction, rejections
 * recorded, failures retried with backoff). Commands queued when the process stops are lost; the
 * sender's own redelivery (an event redelivered from its checkpoint) sends them again.
 */
export const createInProcessCommandBus = (options: {
  store: DrizzleEventStore;
}): CommandBus & {
  /** Resolves once every queue is empty and no retry is pending. */
  idle(): Promise<void>;
} => {
  const queues = new Map<string, Pending[]>();
  const handlers = new Map<string, { options: CommandHandlerOptions; kick: () => void }>();
  let timers = 0;
  const idleWaiters: Array<() => void> = [];
  const busy = new Set<string>();

  const checkIdle = () => {
    if (timers > 0 || busy.size > 0 || [...queues.values()].some((queue) => queue.length > 0)) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  const queueOf = (service: string) => {
    const queue = queues.get(service) ?? [];
    queues.set(service, queue);
    return queue;
  };

  return {
    async send(command: CommandEnvelope, { service }) {
      queueOf(service).push({ data: encoder.encode(JSON.stringify(command)), attempt: 1 });
      handlers.get(service)?.kick();
    },
    handle(handlerOptions): CommandRunner {
      const { service } = handlerOptions;
      if (handlers.has(service)) throw new Error(`Commands for ${service} are handled already`);
      const metrics: CommandMetrics = { handled: 0, duplicates: 0, rejected: 0, retries: 0 };
      let stopped = false;
      let running: Promise<void> | undefined;
      let finish: () => void = () => {};
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });

      const drain = async () => {
        busy.add(service);
        const queue = queueOf(service);
        try {
          for (let next = queue.shift(); next && !stopped; next = queue.shift()) {
            let decoded: DecodedCommand;
            try {
              decoded = { ok: true, command: decodeCommand({ data: next.data }, handlerOptions.registry) };
            } catch (error) {
              decoded = { ok: false, error, raw: new TextDecoder().decode(next.data) };
            }
            const outcome = await processCommand(options.store, handlerOptions, decoded, next.attempt);
            if (outcome.kind === 'retry') {
              metrics.retries += 1;
              const retry = { data: next.data, attempt: next.attempt + 1 };
              timers += 1;
              setTimeout(() => {
                timers -= 1;
                if (stopped) return checkIdle();
                queueOf(service).push(retry);
                kick();
              }, outcome.delayMs);
            } else if (outcome.kind === 'rejected') {
              metrics.rejected += 1;
              handlerOptions.onRejected?.(outcome.rejection);
            } else if (outcome.kind === 'handled') metrics.handled += 1;
            else metrics.duplicates += 1;
          }
        } finally {
          busy.delete(service);
        }
      };
      const kick = () => {
        if (stopped || running) return;
        running = drain().finally(() => {
          running = undefined;
          // A command sent while the drain was finishing.
          if (queueOf(service).length > 0) kick();
          checkIdle();
        });
      };
      handlers.set(service, { options: handlerOptions, kick });
      kick();
      return {
        metrics,
        async stop() {
          stopped = true;
          handlers.delete(service);
          await running;
          finish();
        },
        done,
      };
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      }),
  };
};
