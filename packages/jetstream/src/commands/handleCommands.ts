import type { DrizzleEventStore } from '@causeway/event-store';
import { type JsMsg, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { decodeCommand } from '../codec/commandMessage.js';
import { MessageBuffer } from '../consumer/messageBuffer.js';
import type { ConsumerDefinition } from '../topology/definitions.js';
import { DEFAULT_ACK_WAIT_MS } from '../topology/definitions.js';
import { ensureConsumer } from '../topology/ensureConsumer.js';
import { type TopologyNames, topologyNames } from '../topology/names.js';
import { backoffDelay } from '../util/backoff.js';
import { sleep } from '../util/signal.js';
import { AggregateLanes } from './aggregateLanes.js';
import { type DecodedCommand, processCommand } from './processCommand.js';
import type { CommandHandlerOptions, CommandMetrics, CommandRunner } from './types.js';

export interface NatsCommandHandlerOptions extends CommandHandlerOptions {
  nc: NatsConnection;
  store: DrizzleEventStore;
  prefix?: string;
  ackWaitMs?: number;
  /** Pull request lifetime; defaults to 10 s. */
  expiresMs?: number;
}

/** The durable consumer a service's command handlers read through: pass it to `ensureTopology`. */
export const commandConsumer = (
  names: TopologyNames,
  service: string,
  tuning: { ackWaitMs?: number } = {},
): ConsumerDefinition => ({
  stream: 'commands',
  durable: `${service}-commands`,
  filterSubject: names.serviceCommands(service),
  // Commands of different aggregates are independent; a runner has at most `concurrency` in hand.
  maxAckPending: 64,
  ...(tuning.ackWaitMs === undefined ? {} : { ackWaitMs: tuning.ackWaitMs }),
});

const decode = (message: JsMsg, options: CommandHandlerOptions): DecodedCommand => {
  try {
    return { ok: true, command: decodeCommand(message, options.registry) };
  } catch (error) {
    return { ok: false, error, raw: message.string().slice(0, 10_000) };
  }
};

/**
 * Runs a service's command handlers on its durable pull consumer of the work-queue stream:
 * `concurrency` commands at a time (default 1; one aggregate's commands always one after
 * another), each acknowledged after its transaction commits (or its rejection is recorded),
 * `nak`ed with a growing delay when it failed.
 */
export const handleCommands = (options: NatsCommandHandlerOptions): CommandRunner => {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new RangeError(`handleCommands: concurrency must be an integer from 1 to 64, got ${concurrency}`);
  }
  const names = topologyNames(options.prefix);
  const definition = commandConsumer(names, options.service, options);
  const abort = new AbortController();
  const metrics: CommandMetrics = { handled: 0, duplicates: 0, rejected: 0, retries: 0 };

  const session = async () => {
    const jsm = await jetstreamManager(options.nc);
    const info = await ensureConsumer(jsm, names.commandsStream, definition);
    const messages = await jetstream(options.nc)
      .consumers.getConsumerFromInfo(info)
      .consume({ max_messages: 16, expires: options.expiresMs ?? 10_000 });
    const end = () => messages.stop();
    abort.signal.addEventListener('abort', end, { once: true });
    void (async () => {
      for await (const status of messages.status()) {
        const gone = ['consumer_deleted', 'consumer_not_found', 'stream_not_found'].includes(status.type);
        if (gone || (status.type === 'heartbeats_missed' && status.count >= 2)) end();
      }
    })().catch(() => {});
    // Buffered commands wait their turn held by `working()`, so ack_wait never lapses on them:
    // a lapse would redeliver them and count as a failed attempt.
    const buffer = new MessageBuffer(messages, (message) => decode(message, options));
    const lanes = new AggregateLanes(concurrency);
    const inHand = new Set<JsMsg>();
    const keepAlive = setInterval(
      () => {
        try {
          for (const message of inHand) message.working();
          for (const { message } of buffer.held) message.working();
        } catch {
          // the connection is closing: the session is ending anyway
        }
      },
      (options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS) / 3,
    );
    const handleOne = async (message: JsMsg, decoded: DecodedCommand) => {
      try {
        const outcome = await processCommand(options.store, options, decoded, message.info.deliveryCount);
        if (outcome.kind === 'retry') {
          metrics.retries += 1;
          message.nak(outcome.delayMs);
          return;
        }
        if (outcome.kind === 'rejected') {
          metrics.rejected += 1;
          options.onRejected?.(outcome.rejection);
        } else if (outcome.kind === 'handled') metrics.handled += 1;
        else metrics.duplicates += 1;
        message.ack();
      } catch (error) {
        // ack/nak on a closing connection: the command is redelivered and found handled (or not).
        options.onError?.(error, { service: options.service, attempt: message.info.deliveryCount });
      } finally {
        inHand.delete(message);
      }
    };
    try {
      for (;;) {
        await lanes.room();
        const [next] = await buffer.take(1, abort.signal);
        if (!next || abort.signal.aborted) break;
        const { message, prepared: decoded } = next;
        inHand.add(message);
        const key = decoded.ok
          ? `${decoded.command.aggregateType}-${decoded.command.aggregateId}`
          : undefined;
        lanes.add(key, () => handleOne(message, decoded));
      }
    } finally {
      // Commands in hand finish (and are acknowledged) before the session lets go of them.
      await lanes.drain();
      clearInterval(keepAlive);
      abort.signal.removeEventListener('abort', end);
      end();
      await buffer.done.catch(() => {});
    }
  };

  const done = (async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      const before = metrics.handled + metrics.duplicates + metrics.rejected + metrics.retries;
      try {
        await session();
      } catch (error) {
        options.onError?.(error, { service: options.service, attempt: 0 });
      }
      const progressed = metrics.handled + metrics.duplicates + metrics.rejected + metrics.retries > before;
      failures = progressed ? 0 : failures + 1;
      if (failures > 0) await sleep(backoffDelay(failures, { initialMs: 100, maxMs: 5_000 }), abort.signal);
    }
  })();

  return {
    metrics,
    async stop() {
      abort.abort();
      await done;
    },
    done,
  };
};
