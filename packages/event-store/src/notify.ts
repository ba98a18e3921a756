import { sql } from 'drizzle-orm';
import type { StoreDatabase } from './db.js';
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
  /** Waits for the notification in flight, if any. */
  flush(): Promise<void>;
}

/**
 * Notifies from the application after commit, coalesced: at most one `pg_notify` in flight, and
 * all appends that commit meanwhile share the next one. Why not a trigger: a transaction that
 * issued NOTIFY holds a cluster-wide lock through its commit (WAL flush included), which
 * serializes all appending commits and defeats group commit; a separate, write-free
 * notification statement commits without a WAL flush, so that lock is held only briefly.
 */
export const createNotifier = (db: StoreDatabase, channel: string = EVENTS_CHANNEL): Notifier => {
  let pending: Position | undefined;
  let inFlight: Promise<void> | undefined;
  const drain = async () => {
    while (pending !== undefined) {
      const position = pending;
      pending = undefined;
      await db.execute(sql`SELECT pg_notify(${channel}::text, ${position}::text)`).catch(() => {});
    }
    inFlight = undefined;
  };
  return {
    poke(position) {
      pending = maxPosition(pending, position);
      inFlight ??= drain();
    },
    flush: async () => {
      await inFlight;
    },
  };
};

export const silentNotifier: Notifier = { poke: () => {}, flush: async () => {} };
