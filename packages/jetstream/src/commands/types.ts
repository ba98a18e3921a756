import type { EventStore, EventStoreSession, StoreTransaction } from '@causeway/event-store';
import type { CommandEnvelope, Registry } from '@causeway/kernel';

export interface CommandContext {
  /** The transaction the runner records the command as handled in: write through it to commit together. */
  tx: StoreTransaction;
  /** The store's operations bound to `tx` (append first: the store refuses an append after other writes). */
  session: EventStoreSession;
  /**
   * The store bound to `tx`: its `transaction()` is a savepoint inside it, so the event store's
   * `handleCommand(context.store, decider, command, …)` commits with the runner's record.
   */
  store: EventStore<StoreTransaction>;
  service: string;
  /** Deliveries so far, this one included. */
  attempt: number;
}

export type CommandHandler = (command: CommandEnvelope, context: CommandContext) => Promise<unknown>;

export interface CommandHandlerOptions {
  /** Receives every command sent to this service (`commands.<service>.>`). */
  service: string;
  /** One handler per command type; a type without one is rejected (`UNKNOWN_COMMAND`). */
  handlers: Readonly<Record<string, CommandHandler>>;
  /** Parses (and upcasts) each command; without it, only the envelope is checked. */
  // biome-ignore lint/suspicious/noExplicitAny: a registry of any command definitions.
  registry?: Registry<any>;
  /** Failed attempts before a command is dead-lettered; defaults to 5. Domain rule errors never retry. */
  maxAttempts?: number;
  retry?: { initialMs?: number; maxMs?: number };
  /**
   * Commands handled at once on JetStream (default 1), one aggregate's always one after another:
   * worth raising when handlers mostly wait (a remote call). Each holds a database connection for
   * its transaction, so keep it below the pool size (and leave room for what the handler opens
   * besides). The in-process bus handles one at a time regardless.
   */
  concurrency?: number;
  onError?: (error: unknown, context: { service: string; commandId?: string; attempt: number }) => void;
  onRejected?: (rejection: CommandRejection) => void;
}

export interface CommandRejection {
  service: string;
  commandId: string | undefined;
  commandType: string | undefined;
  /** `DomainRuleError` code, `UNKNOWN_COMMAND`, `INVALID_COMMAND` or `FAILED` (attempts exhausted). */
  code: string;
  reason: string;
  attempts: number;
}

export interface CommandMetrics {
  handled: number;
  /** Redeliveries of commands handled (or rejected) before. */
  duplicates: number;
  rejected: number;
  retries: number;
}

export interface CommandRunner {
  readonly metrics: Readonly<CommandMetrics>;
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

/** Sends commands and runs command handlers; the same API over JetStream and in-process. */
export interface CommandBus {
  /** Resolves once the command is stored (JetStream) or queued (in-process). Resending the same id is harmless. */
  send(command: CommandEnvelope, options: { service: string }): Promise<void>;
  handle(options: CommandHandlerOptions): CommandRunner;
}
