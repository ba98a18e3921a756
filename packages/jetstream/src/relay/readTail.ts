import { isPosition, type Position } from '@causeway/event-store';
import type { JetStreamManager } from '@nats-io/jetstream';
import { CausewayHeaders } from '../codec/headers.js';
import type { TopologyNames } from '../topology/names.js';

/** Where the events stream ends: the relay's only checkpoint. */
export interface Tail {
  /** Store position of the last event in the stream; undefined when the stream holds none. */
  position: Position | undefined;
  /**
   * The stream's last sequence, deleted messages included: the expectation for the next publish.
   * (Not the last message id: nats-server 2.9 keeps that one in memory only, so it still names a
   * deleted tail message, and is forgotten on restart once the duplicate window has passed.)
   */
  lastSequence: number;
}

/**
 * Reads the stream's last sequence, then walks back from it to the last message still stored that
 * carries a position (a foreign message published by hand is stepped over), and takes that
 * position. Walking by sequence rather than asking for the last message by subject: nats-server
 * 2.9 answers "no message" to that once the subject's newest message has been deleted. A publish
 * racing in between makes the relay's first fenced publish fail, and it reads the tail again.
 */
export const readTail = async (jsm: JetStreamManager, names: TopologyNames): Promise<Tail> => {
  const { state } = await jsm.streams.info(names.eventsStream);
  const lastSequence = state.last_seq;
  if (state.messages > 0) {
    for (let seq = lastSequence; seq >= Math.max(1, state.first_seq); seq--) {
      const message = await jsm.streams.getMessage(names.eventsStream, { seq });
      const position = message?.header?.get(CausewayHeaders.Position);
      if (isPosition(position)) return { position, lastSequence };
    }
  }
  return { position: undefined, lastSequence };
};
