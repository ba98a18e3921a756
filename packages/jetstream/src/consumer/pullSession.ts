import type { ConsumerInfo, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { ConsumerDefinition } from '../topology/definitions.js';
import { DEFAULT_ACK_WAIT_MS, DEFAULT_MAX_ACK_PENDING } from '../topology/definitions.js';
import { ensureConsumer, resetConsumer } from '../topology/ensureConsumer.js';
import { type ApplierContext, type ApplyOutcome, applyDeliveries } from './applyDeliveries.js';
import { decodeDelivery } from './decodeDelivery.js';
import type { Decoded } from './delivery.js';
import { type BufferedMessage, MessageBuffer } from './messageBuffer.js';

export interface SessionContext extends ApplierContext {
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  definition: ConsumerDefinition;
  /** Pull request lifetime; the server heartbeats every half of it. */
  expiresMs: number;
  /** Called when the session had to recreate the consumer to restore order. */
  onReset: () => void;
}

/** Why a session ended: `ended` means "start another one", the rest end the runner. */
export type SessionOutcome = Exclude<ApplyOutcome, 'done'> | 'ended';

/**
 * Starts a session only on a consumer with nothing pending: messages delivered to an earlier
 * session (or a crashed process) and not acknowledged would be redelivered after later ones.
 * Such a consumer is recreated from its acknowledgement floor (checkpoints skip what was applied).
 */
const orderedStart = async (ctx: SessionContext): Promise<ConsumerInfo> => {
  const info = await ensureConsumer(ctx.jsm, ctx.stream, ctx.definition);
  if (info.num_ack_pending === 0 && info.num_waiting === 0) return info;
  ctx.onReset();
  return resetConsumer(ctx.jsm, ctx.stream, ctx.definition, info.ack_floor.stream_seq + 1);
};

/**
 * One pull session: applies messages while it can prove they arrive in stream order. With
 * several messages in flight (`max_ack_pending` > 1) JetStream may redeliver an earlier message
 * after later ones, so the session applies only first deliveries whose consumer delivery sequence
 * continues without a hole from the session's start: exactly the stream order. A redelivery or a
 * hole (a message lost in a reconnect, or taken by another client) ends the session before that
 * message, and the next session starts over from the acknowledgement floor. The applier retries
 * failures in-process instead of `nak`ing, so a healthy session never sees a redelivery.
 */
export const runPullSession = async (
  ctx: SessionContext,
  runnerAbort: AbortSignal,
): Promise<SessionOutcome> => {
  const info = await orderedStart(ctx);
  let expected = info.delivered.consumer_seq + 1;
  const maxAckPending = ctx.definition.maxAckPending ?? DEFAULT_MAX_ACK_PENDING;
  const batchSize = Math.min(maxAckPending, Math.max(1, ctx.policy.batchSize ?? 1));
  const messages = await ctx.js.consumers
    .getConsumerFromInfo(info)
    .consume({ max_messages: maxAckPending, expires: ctx.expiresMs });
  const session = new AbortController();
  const end = () => {
    session.abort();
    messages.stop();
  };
  runnerAbort.addEventListener('abort', end, { once: true });
  void (async () => {
    for await (const status of messages.status()) {
      const gone = ['consumer_deleted', 'consumer_not_found', 'stream_not_found'].includes(status.type);
      if (gone || (status.type === 'heartbeats_missed' && status.count >= 2)) end();
    }
  })().catch(() => {});

  const buffer = new MessageBuffer(messages, (message) => decodeDelivery(message, ctx.subscriber));
  let inHand: BufferedMessage<Decoded>[] = [];
  // Long handlers, retries and a deep buffer must not let ack_wait lapse: a lapse means a redelivery.
  const ackWaitMs = ctx.definition.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
  const keepAlive = setInterval(() => {
    try {
      for (const { message } of [...inHand, ...buffer.held]) message.working();
    } catch {
      // the connection is closing: the session is ending anyway
    }
  }, ackWaitMs / 3);
  try {
    while (!session.signal.aborted) {
      // One transaction's worth at a time: what is left waits in the buffer for the next, so a
      // backlog is applied in full batches rather than in whatever remainders the pulls leave.
      const batch = await buffer.take(batchSize, session.signal);
      if (batch.length === 0) break;
      let usable = 0;
      for (const { message } of batch) {
        if (message.info.redelivered || message.info.deliverySequence !== expected) break;
        expected += 1;
        usable += 1;
      }
      inHand = batch.slice(0, usable);
      const outcome = await applyDeliveries(
        { ...ctx, abort: session.signal },
        inHand.map(({ message, prepared }) => ({ decoded: prepared, ack: () => message.ack() })),
      );
      inHand = [];
      if (outcome === 'halted') return 'halted';
      if (outcome === 'stopped' || usable < batch.length) break;
    }
  } finally {
    clearInterval(keepAlive);
    runnerAbort.removeEventListener('abort', end);
    end();
    await buffer.done.catch(() => {});
  }
  return runnerAbort.aborted ? 'stopped' : 'ended';
};
