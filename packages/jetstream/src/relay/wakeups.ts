/**
 * A source of "something new may be in the store" hints. A hint is never proof (readers still
 * read from their position) and its absence is never proof either (a notification sent while
 * nobody listened is lost), so every reader also polls on a timer.
 */
export interface Wakeups {
  /**
   * Calls `listener` on every hint until the returned function is called. A hint may carry the
   * store position it announces: a reader that cannot see it yet (an older transaction anywhere
   * in the cluster still runs) then looks again soon rather than at its next poll.
   */
  subscribe(listener: WakeupListener): () => void;
}

export type WakeupListener = (position?: string) => void;

/** Hints raised by hand: for tests, and for PGlite, where appends happen in this process. */
export interface ManualWakeups extends Wakeups {
  wake(position?: string): void;
}

export const manualWakeups = (): ManualWakeups => {
  const listeners = new Set<WakeupListener>();
  return {
    wake: (position) => {
      for (const listener of listeners) listener(position);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

/** The part of postgres.js's `Sql` that LISTEN needs. */
export interface PostgresListener {
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): PromiseLike<{ unlisten(): Promise<void> }>;
}

/**
 * Wake-ups from PostgreSQL `LISTEN` on the store's append channel (`EVENTS_CHANNEL`). postgres.js
 * keeps one dedicated connection for it and listens again after a reconnect. Each time the LISTEN
 * (re)starts counts as a hint too, since whatever was notified while it was down is lost. A
 * failure to listen is reported and the reader falls back to polling.
 */
export const postgresWakeups = (
  sql: PostgresListener,
  channel: string,
  onError: (error: unknown) => void = () => {},
): Wakeups => ({
  subscribe(listener) {
    let closed = false;
    let unlisten: (() => Promise<void>) | undefined;
    Promise.resolve(
      sql.listen(
        channel,
        (payload) => listener(payload),
        () => listener(),
      ),
    ).then((subscription) => {
      if (closed) void subscription.unlisten().catch(onError);
      else unlisten = () => subscription.unlisten();
    }, onError);
    return () => {
      closed = true;
      void unlisten?.().catch(onError);
    };
  },
});

/** The part of PGlite that LISTEN needs (its notifications never leave the process). */
export interface PGliteListener {
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

/** Wake-ups from the embedded database's `LISTEN`, for the PGlite store's append channel. */
export const pgliteWakeups = (
  pglite: PGliteListener,
  channel: string,
  onError: (error: unknown) => void = () => {},
): Wakeups => ({
  subscribe(listener) {
    let closed = false;
    let unlisten: (() => Promise<void>) | undefined;
    pglite
      .listen(channel, (payload) => listener(payload))
      .then((stop) => {
        if (closed) void stop().catch(onError);
        else unlisten = stop;
        listener();
      }, onError);
    return () => {
      closed = true;
      void unlisten?.().catch(onError);
    };
  },
});

/** Every hint of every source. */
export const mergeWakeups = (...sources: readonly Wakeups[]): Wakeups => ({
  subscribe(listener) {
    const stops = sources.map((source) => source.subscribe(listener));
    return () => {
      for (const stop of stops) stop();
    };
  },
});
