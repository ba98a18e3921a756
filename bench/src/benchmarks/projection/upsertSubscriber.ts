import { allEvents } from '@causeway/contracts';
import { queryRows, type StoreTransaction } from '@causeway/event-store';
import type { Subscriber } from '@causeway/jetstream';
import { type SQL, sql } from 'drizzle-orm';
import { type Envelope, patches, UPSERT_PAYMENTS, UPSERT_SUMMARIES } from './rawProjector.js';

/** `text` with its `$1` bound to `json`, through drizzle (what a subscriber writes with). */
const withJson = (text: string, json: string): SQL => {
  const [head, tail] = text.split('$1') as [string, string];
  return sql`${sql.raw(head)}${json}${sql.raw(tail)}`;
};

const upsert = (tx: StoreTransaction, text: string, rows: readonly object[]) =>
  rows.length === 0 ? Promise.resolve([]) : queryRows(tx, withJson(text, JSON.stringify(rows)));

/**
 * The ceiling's own upserts as a subscriber of the consumer runner: the runner measured on the
 * same work as the raw consumer, so the ratio is what the runner adds: parsing and validating each
 * event against the contracts, the checkpoint and its lock, per-stream version checks (its
 * default), acknowledging after the commit.
 */
export const upsertSubscriber = (name: string): Subscriber => {
  // One after the other, as the raw consumer sends them.
  const handleBatch = async (events: readonly unknown[], tx: StoreTransaction) => {
    const { summaries, payments } = patches(events as Envelope[]);
    await upsert(tx, UPSERT_SUMMARIES, summaries);
    await upsert(tx, UPSERT_PAYMENTS, payments);
  };
  return { name, registry: allEvents, handle: (event, tx) => handleBatch([event], tx), handleBatch };
};
