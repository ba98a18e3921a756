import type { EventStore, Position, StoredEvent } from '@causeway/event-store';
import type { JetStreamClient, JetStreamPublishOptions, PubAck } from '@nats-io/jetstream';
import { encodeEvent } from '../codec/eventMessage.js';
import type { TopologyNames } from '../topology/names.js';
import type { Tail } from './readTail.js';

/** What the relay knows of the stream's end, advanced by every acknowledged publish. */
export interface Chain extends Tail {
  /** Id of the last event acknowledged by the stream; the next publish expects it as last. */
  eventId: string | undefined;
}

export interface PipelineCounters {
  published: number;
  duplicates: number;
}

export interface PipelineOptions {
  js: JetStreamClient;
  store: Pick<EventStore, 'readAll'>;
  names: TopologyNames;
  window: number;
  batchSize: number;
  publishTimeoutMs: number;
  isStopping: () => boolean;
}

interface InFlight {
  event: StoredEvent;
  ack: Promise<PubAck>;
}

/**
 * Publishes every event after `chain.position`, up to `window` publishes awaiting their acks.
 * Each publish is fenced: the first after a tail read expects the stream's last sequence, every
 * later one expects the previous event's id as the stream's last message id. So if any publish
 * is refused or lost, every later one fails too, and nothing is stored out of order.
 *
 * Returns once it has caught up (or is stopping) with every ack in; throws the first failure
 * after waiting for the rest. `chain` always describes the last acknowledged event.
 */
export const publishPending = async (options: PipelineOptions, chain: Chain, counters: PipelineCounters) => {
  const inFlight: InFlight[] = [];
  let failure: { error: unknown } | undefined;
  let sequenceFence = chain.eventId === undefined;
  let previousId = chain.eventId;
  let after: Position | undefined = chain.position;

  const settleOldest = async () => {
    const oldest = inFlight.shift();
    if (!oldest) return;
    try {
      const ack = await oldest.ack;
      if (failure) return;
      if (ack.duplicate) counters.duplicates += 1;
      else counters.published += 1;
      chain.position = oldest.event.position;
      chain.eventId = oldest.event.id;
      chain.lastSequence = Math.max(chain.lastSequence, ack.seq);
    } catch (error) {
      failure ??= { error };
    }
  };

  try {
    while (!failure && !options.isStopping()) {
      const events = await options.store.readAll({ ...(after ? { after } : {}), limit: options.batchSize });
      for (const event of events) {
        while (inFlight.length >= options.window && !failure) await settleOldest();
        if (failure || options.isStopping()) break;
        const message = encodeEvent(options.names, event);
        const publishOptions: Partial<JetStreamPublishOptions> = {
          msgID: message.msgID,
          headers: message.headers,
          timeout: options.publishTimeoutMs,
          expect:
            sequenceFence || previousId === undefined
              ? { lastSequence: chain.lastSequence }
              : { lastMsgID: previousId },
        };
        const ack = options.js.publish(message.subject, message.data, publishOptions);
        ack.catch(() => {}); // observed in settleOldest; this keeps an early rejection from going unhandled
        inFlight.push({ event, ack });
        sequenceFence = false;
        previousId = event.id;
        after = event.position;
      }
      if (events.length < options.batchSize) break;
    }
  } finally {
    while (inFlight.length > 0) await settleOldest();
  }
  if (failure) throw failure.error;
};
