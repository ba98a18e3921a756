import { comparePositions, type EventStore, type Position } from '@causeway/event-store';

export interface ReadHorizonOptions {
  store: Pick<EventStore, 'headPosition' | 'readCheckpoint'>;
  /** The saga's event subscriber, whose checkpoint says how far it has read. */
  subscriber: string;
  clock: () => number;
  /** Samples kept while the subscriber is behind; the oldest go first. Default 10,000. */
  maxSamples?: number;
}

/**
 * Up to when has the saga read the log? Each call samples the log's head and the saga's
 * checkpoint, and returns the latest sampling time whose head the checkpoint has reached (or
 * undefined while it has reached none). The timer fires only deadlines at or before that time:
 * "no payment answer by the deadline" must mean none in the log by then, not that the saga has
 * not read it yet. Otherwise a saga behind its events (a lag, or a batch rolled back after its
 * commands were sent and now being retried) times out an order whose answer is already in the
 * log, and may cancel it while the confirmation it sent is on its way.
 */
export const createReadHorizon = (options: ReadHorizonOptions) => {
  const maxSamples = options.maxSamples ?? 10_000;
  const samples: { at: number; head: Position | undefined }[] = [];
  let reached: number | undefined;
  return async (): Promise<number | undefined> => {
    const at = options.clock();
    const head = await options.store.headPosition();
    const checkpoint = await options.store.readCheckpoint(options.subscriber);
    samples.push({ at, head });
    let caughtUp = 0;
    for (const [index, sample] of samples.entries()) {
      const read =
        sample.head === undefined ||
        (checkpoint !== undefined && comparePositions(checkpoint, sample.head) >= 0);
      if (read) {
        reached = sample.at;
        caughtUp = index + 1;
      }
    }
    samples.splice(0, Math.max(caughtUp, samples.length - maxSamples));
    return reached;
  };
};
