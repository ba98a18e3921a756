import type { Position, StoreTransaction } from '@causeway/event-store';
import type { EventEnvelope, Registry } from '@causeway/kernel';
import type { DeliveredEvent } from '../codec/eventMessage.js';
import type { EventFilter } from '../topology/names.js';

/**
 * A subscriber: the same object runs on JetStream (`runConsumer`) and on the in-process bus
 * (`runInProcessConsumer`). `handle` writes through `tx`; its writes and the subscriber's
 * checkpoint commit together, so an event's effects happen exactly once.
 */
export interface Subscriber<E extends EventEnvelope = EventEnvelope> {
  /** Checkpoint key and durable consumer name: 1-64 letters, digits, _ or -. */
  name: string;
  /** Which events it receives; one subject filter (nats-server 2.9). Omitted: every event. */
  filter?: EventFilter;
  /**
   * Parses (and upcasts) each event; what happens to a type it does not know is `unknownTypes`.
   * Without it, events are checked against the envelope schema only.
   */
  // biome-ignore lint/suspicious/noExplicitAny: a registry of any event definitions.
  registry?: Registry<any>;
  /**
   * An event of a type `registry` does not know: `'skip'` it (the default: a subscriber may
   * register only the types it cares about; its checkpoint moves past it), or `'dead-letter'` it
   * at once, naming the type, as `onPoison` says (a registry that holds every type the system has,
   * where an unknown one is bad input).
   */
  unknownTypes?: 'skip' | 'dead-letter';
  handle(event: DeliveredEvent<E>, tx: StoreTransaction): Promise<void>;
  /**
   * Optional: applies several consecutive events (in delivery order) at once, with the same
   * effects as `handle` on each in turn, so a subscriber can read and write set-wise (a few
   * statements per batch instead of per event). Used instead of `handle` when present.
   */
  handleBatch?(events: readonly DeliveredEvent<E>[], tx: StoreTransaction): Promise<void>;
}

export type PoisonPolicy = 'dead-letter-and-continue' | 'halt';

export interface ApplyPolicy {
  /** Failed attempts before an event is dead-lettered; defaults to 5. */
  maxAttempts?: number;
  /** After dead-lettering: skip the event and go on (default), or stop the subscriber. */
  onPoison?: PoisonPolicy;
  /** Backoff between attempts: from `initialMs` (default 200) doubling to `maxMs` (default 10 s). */
  retry?: { initialMs?: number; maxMs?: number };
  /**
   * Events applied per transaction (and acknowledged after its commit); defaults to 1. A failing
   * batch is retried one event at a time, so a poison event never takes its neighbours down.
   */
  batchSize?: number;
  /**
   * Refuse to apply a batch that is not exactly the store's events after the checkpoint (one that
   * misses an event, or holds a message the store never did): see `assertContiguous`. Defaults to
   * true unless the filter names an event type.
   */
  detectVersionGaps?: boolean;
}

export interface ConsumerEvents {
  /** Every failure, with the attempt it ended (0 for infrastructure errors, which are retried without limit). */
  onError?: (error: unknown, context: { subscriber: string; eventId?: string; attempt: number }) => void;
  onDeadLetter?: (record: DeadLetterRecord) => void;
  onHalt?: (reason: HaltReason) => void;
}

export interface DeadLetterRecord {
  subscriber: string;
  eventId: string | undefined;
  eventType: string | undefined;
  position: Position | undefined;
  error: string;
  attempts: number;
}

export interface HaltReason {
  subscriber: string;
  error: unknown;
  eventId?: string | undefined;
}

export interface ConsumerMetrics {
  /** Events whose effects this runner committed. */
  applied: number;
  /** Deliveries at or before the checkpoint (applied before: redeliveries, replays). */
  skipped: number;
  deadLettered: number;
  /** Failed attempts that were retried. */
  retries: number;
  /** Store position of the last event committed. */
  position: Position | undefined;
}

export type RunnerStatus = 'idle' | 'running' | 'halted' | 'stopped';
