import type { Position } from '@causeway/event-store';
import type { DeliveredEvent } from '../codec/eventMessage.js';

/** A message as the applier sees it, whichever transport carried it. */
export interface Delivery {
  decoded: Decoded;
  /** Tells the transport the message is done with (after its effects committed). */
  ack(): void;
}

export type Decoded =
  /** `handled: false`: a type the subscriber's registry does not know; only its checkpoint moves. */
  | { ok: true; event: DeliveredEvent; handled: boolean }
  /**
   * Unparseable, or refused (a type the registry does not know, with `unknownTypes: 'dead-letter'`):
   * dead-lettered at once with what arrived, its position when readable and, when it is a valid
   * envelope, the event.
   */
  | { ok: false; error: unknown; position: Position | undefined; raw: unknown; event?: DeliveredEvent };
