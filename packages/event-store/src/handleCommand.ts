import {
  Aggregate,
  type AnyDefinition,
  type CommandEnvelope,
  commandEnvelopeSchema,
  type Decider,
  type EventEnvelope,
  isConcurrencyError,
  isDomainRuleError,
  type Message,
  type Registry,
  streamIdOf,
  uuidv7,
  ValidationError,
} from '@causeway/kernel';
import { requestHash } from './command/requestHash.js';
import { toNewEvents } from './command/toNewEvents.js';
import { IdempotencyKeyReusedError } from './errors/idempotencyKeyReusedError.js';
import { isIdempotencyKeyTakenError } from './errors/idempotencyKeyTakenError.js';
import type { EventStore, EventStoreSession, IdempotencyRecord } from './eventStore.js';
import type { Position } from './position.js';

export interface HandleCommandOptions {
  /** The decider's event definitions: schema versions for new events, upcasting for loaded ones. */
  // biome-ignore lint/suspicious/noExplicitAny: any registry of event definitions.
  registry: Registry<any>;
  /** After a concurrency conflict, load and decide again up to this many times. Default 0. */
  retries?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
  /** New event ids; default UUIDv7. */
  newId?: (now: number) => string;
  /** The stream; default `streamIdOf(command)` (`<aggregateType>-<aggregateId>`). */
  streamId?: string;
  /**
   * Load from the newest snapshot of this state schema version, and save one whenever the
   * version crosses a multiple of `every`. The state must survive JSON.
   */
  snapshot?: { schemaVersion: number; every?: number };
  /**
   * The command starts a new stream (a create with a fresh id): it is first decided on the
   * decider's initial state without reading anything, and its events and idempotency record are
   * appended expecting no stream, in one statement. Should the stream exist after all, the
   * command was handled before, or the decider refuses, it is handled the usual way (load,
   * decide), so the answer is the same as without this option. Ignored with `snapshot`.
   */
  newStream?: boolean;
}

export interface HandleCommandResult {
  streamId: string;
  /** The stream's version after the command (unchanged when it decided no event). */
  nextVersion: number;
  /** Position of the last event written; absent when the command decided no event. */
  position?: Position;
  /** The events the command produced, with their versions. */
  events: EventEnvelope[];
  /** True when this command id was handled before: its first result, nothing written now. */
  duplicate: boolean;
}

/** The stream a command addresses: the same `<aggregateType>-<aggregateId>` as its events'. */
export const commandStreamId = (command: Pick<CommandEnvelope, 'aggregateType' | 'aggregateId'>): string =>
  streamIdOf(command);

const idempotencyKey = (command: CommandEnvelope) => `command:${command.id}`;

class AlreadyHandled extends Error {}

const replay = (record: IdempotencyRecord, hash: string): HandleCommandResult => {
  if (record.requestHash !== hash) throw new IdempotencyKeyReusedError(record.key);
  return { ...(record.response as Omit<HandleCommandResult, 'duplicate'>), duplicate: true };
};

/**
 * Loads the command's aggregate (newest snapshot plus the events after it), decides, and appends
 * what it decided with the loaded version as the expected version; the command id is recorded in
 * the same transaction, so a repeated command returns its first result and writes nothing.
 * A `ConcurrencyError` is retried `retries` times, then thrown; a `DomainRuleError` from
 * `decide` is thrown as is.
 */
export const handleCommand = async <State, Command extends Message, Event extends Message, Tx>(
  store: EventStore<Tx>,
  decider: Decider<State, Command, Event>,
  command: CommandEnvelope & Command,
  options: HandleCommandOptions,
): Promise<HandleCommandResult> => {
  const parsed = commandEnvelopeSchema.safeParse(command);
  if (!parsed.success) throw ValidationError.fromZod('command', parsed.error);
  const key = idempotencyKey(command);
  const hash = requestHash({ ...parsed.data, id: undefined, timestamp: undefined, metadata: undefined });
  // With snapshots the usual path saves one in the command's transaction; keep that in one place.
  if (options.newStream && options.snapshot === undefined) {
    const started = await startStream(store, decider, command, options, key, hash);
    if (started) return started;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.transaction((tx) =>
        attemptOnce(store.within(tx), decider, command, options, key, hash),
      );
    } catch (error) {
      const conflict = isConcurrencyError(error);
      if (!(error instanceof AlreadyHandled) && !conflict && !isDomainRuleError(error)) throw error;
      // A concurrent twin of this command (same id) may have won: its record answers for both.
      // That includes a rule refusal: a twin that committed between this attempt's idempotency
      // check and its stream read makes the decider judge the twin's outcome (already exists).
      const record = await store.readIdempotencyRecord(key);
      if (record) return replay(record, hash);
      if (!conflict || attempt >= (options.retries ?? 0)) throw error;
    }
  }
};

/**
 * The `newStream` path: one statement, no transaction block. Undefined when the command must be
 * handled the usual way instead (see `HandleCommandOptions.newStream`).
 */
const startStream = async <State, Command extends Message, Event extends Message, Tx>(
  store: EventStore<Tx>,
  decider: Decider<State, Command, Event>,
  command: CommandEnvelope & Command,
  options: HandleCommandOptions,
  key: string,
  hash: string,
): Promise<HandleCommandResult | undefined> => {
  let decided: Event[];
  try {
    decided = Aggregate.load(decider, []).execute(command);
  } catch (error) {
    if (isDomainRuleError(error)) return undefined;
    throw error;
  }
  // Nothing decided on an empty stream would be recorded without the stream lock: take the usual path.
  if (decided.length === 0) return undefined;
  const registry = options.registry as Registry<AnyDefinition>;
  const streamId = options.streamId ?? commandStreamId(command);
  const now = (options.clock ?? Date.now)();
  const newEvents = toNewEvents(command, decided, registry, { now, newId: options.newId ?? uuidv7 });
  const events = newEvents.map((event, index) => ({ ...event, version: index + 1 }));
  const response = { streamId, nextVersion: newEvents.length, events };
  try {
    const appended = await store.append(streamId, newEvents, {
      expectedVersion: 'noStream',
      idempotencyRecord: { key, requestHash: hash, response },
    });
    return { ...response, nextVersion: appended.nextVersion, position: appended.position, duplicate: false };
  } catch (error) {
    if (isConcurrencyError(error) || isIdempotencyKeyTakenError(error)) return undefined;
    throw error;
  }
};

const attemptOnce = async <State, Command extends Message, Event extends Message>(
  session: EventStoreSession,
  decider: Decider<State, Command, Event>,
  command: CommandEnvelope & Command,
  options: HandleCommandOptions,
  key: string,
  hash: string,
): Promise<HandleCommandResult> => {
  const record = await session.readIdempotencyRecord(key);
  if (record) return replay(record, hash);
  const registry = options.registry as Registry<AnyDefinition>;
  const streamId = options.streamId ?? commandStreamId(command);
  const snapshot = options.snapshot
    ? await session.loadSnapshot<State>(streamId, options.snapshot.schemaVersion)
    : undefined;
  const { events: stored } = await session.readStream(streamId, {
    fromVersion: (snapshot?.version ?? 0) + 1,
  });
  const history = stored.map((event) => registry.parse(event) as unknown as Event);
  const aggregate = Aggregate.load(decider, history, snapshot);
  const decided = aggregate.execute(command);
  const now = (options.clock ?? Date.now)();
  const newEvents = toNewEvents(command, decided, registry, { now, newId: options.newId ?? uuidv7 });
  const from = aggregate.persistedVersion;
  let result: Omit<HandleCommandResult, 'duplicate'> = { streamId, nextVersion: from, events: [] };
  if (newEvents.length > 0) {
    const appended = await session.append(streamId, newEvents, { expectedVersion: from });
    result = {
      streamId,
      nextVersion: appended.nextVersion,
      position: appended.position,
      events: newEvents.map((event, index) => ({ ...event, version: from + index + 1 })),
    };
  }
  if (!(await session.saveIdempotencyRecord(key, hash, result))) throw new AlreadyHandled();
  const every = options.snapshot?.every;
  if (options.snapshot && every && Math.floor(from / every) < Math.floor(result.nextVersion / every)) {
    await session.saveSnapshot(streamId, {
      state: aggregate.state,
      version: result.nextVersion,
      schemaVersion: options.snapshot.schemaVersion,
    });
  }
  return { ...result, duplicate: false };
};
