import type { EventStore } from '@causeway/event-store';
import { ConcurrencyError } from '@causeway/kernel';

/**
 * The store as `handleCommand` sees it for a conditional write (`If-Match`): reading the stream
 * inside the command's transaction fails with a `ConcurrencyError` unless the stream is at
 * `expectedVersion`. The check runs before `decide`, so a stale caller gets 412 rather than a
 * rule violation about a state it never saw; a write landing between this read and the append is
 * caught by the append's own expected-version check.
 */
export const expectingVersion = <Tx>(
  store: EventStore<Tx>,
  expectedVersion: number,
  /** Receives the conflict instead of it being thrown (the caller throws it later, see `ownedBy`). */
  defer?: (conflict: ConcurrencyError) => void,
): EventStore<Tx> =>
  new Proxy(store, {
    get(target, property) {
      if (property === 'within') {
        return (tx: Tx) => {
          const session = target.within(tx);
          return {
            ...session,
            readStream: async (...args: Parameters<typeof session.readStream>) => {
              const read = await session.readStream(...args);
              if (read.streamVersion !== expectedVersion) {
                const conflict = new ConcurrencyError(args[0], expectedVersion, read.streamVersion);
                if (defer === undefined) throw conflict;
                defer(conflict);
              }
              return read;
            },
          };
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
