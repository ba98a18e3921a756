import { sql } from 'drizzle-orm';
import { queryRows, type StoreDatabase } from './db.js';
import { maxPosition, type Position } from './position.js';

/**
 * The PostgreSQL channel the store notifies after appends commit; the payload is the newest
 * position it knows of. A wake-up hint only: listeners must still read from their checkpoint,
 * and poll now and then, since a notification is lost while nobody is listening.
 */
export const EVENTS_CHANNEL = 'causeway_events';

export interface Notifier {
  /** Schedules a notification for `position`; never throws, never delays the caller. */
  poke(position: Position): void;
  /** Sends what is pending now and waits for it. */
  flush(): Promise<void>;
}

/**
 * Notifies from the application after commit, at most once per `intervalMs` (the first poke
 * after a quiet spell goes out at once; pokes within the interval share one notification at its
 * end). Not from a trigger: PostgreSQL queues notifications in commit order by holding a global
 * lock from a notifying transaction's pre-commit until its commit is done, WAL flush included,
 * so appending transactions that notify would commit one after another, losing group commit.
 * A separate `pg_notify` statement writes nothing and commits without a WAL flush.
 */
export const createNotifier = (
  db: StoreDatabase,
  channel: string = EVENTS_CHANNEL,
  intervalMs = 10,
): Notifier => {
  let pending: Position | undefined;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let lastSent = Number.NEGATIVE_INFINITY;

  const send = () => {
    timer = undefined;
    const position = pending;
    if (position === undefined) return;
    pending = undefined;
    lastSent = performance.now();
    inFlight = queryRows(db, sql`SELECT pg_notify(${channel}::text, ${position}::text)`)
      .then(
        () => {},
        () => {},
      )
      .finally(() => {
        inFlight = undefined;
        schedule();
      });
  };

  const schedule = () => {
    if (pending === undefined || timer || inFlight) return;
    const wait = lastSent + intervalMs - performance.now();
    if (wait <= 0) send();
    else timer = setTimeout(send, wait);
  };

  return {
    poke(position) {
      pending = maxPosition(pending, position);
      schedule();
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        send();
      }
      await inFlight;
    },
  };
};

export const silentNotifier: Notifier = { poke: () => {}, flush: async () => {} };
