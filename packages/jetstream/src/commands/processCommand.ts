import { createHash } from 'node:crypto';
import type { DrizzleEventStore } from '@causeway/event-store';
import { type CommandEnvelope, isDomainRuleError, isValidationError } from '@causeway/kernel';
import { describeError, writeDeadLetter } from '../consumer/deadLetters.js';
import { isTransientInfrastructureError } from '../consumer/errors.js';
import { backoffDelay } from '../util/backoff.js';
import { boundStore } from './boundStore.js';
import type { CommandHandlerOptions, CommandRejection } from './types.js';

export type CommandOutcome =
  | { kind: 'handled' | 'duplicate' }
  | { kind: 'rejected'; rejection: CommandRejection }
  | { kind: 'retry'; delayMs: number; error: unknown };

/** The decoded command, or why it could not be decoded. */
export type DecodedCommand =
  | { ok: true; command: CommandEnvelope }
  | { ok: false; error: unknown; raw: unknown };

class AlreadyHandled extends Error {}

const keyOf = (service: string, commandId: string) => `delivery:${service}:${commandId}`;

const hashOf = (command: CommandEnvelope): string =>
  createHash('sha256')
    .update(JSON.stringify([command.type, command.aggregateType, command.aggregateId, command.payload]))
    .digest('hex');

/** The subscriber name rejections are recorded under in `dead_letters`. */
export const commandSubscriber = (service: string) => `commands:${service}`;

const reject = async (
  store: DrizzleEventStore,
  service: string,
  decoded: DecodedCommand,
  rejection: CommandRejection,
): Promise<CommandOutcome> => {
  await store.transaction(async (tx) => {
    if (decoded.ok) {
      const saved = await store
        .within(tx)
        .saveIdempotencyRecord(keyOf(service, decoded.command.id), hashOf(decoded.command), {
          outcome: 'rejected',
          code: rejection.code,
          reason: rejection.reason,
        });
      if (!saved) throw new AlreadyHandled();
    }
    await writeDeadLetter(
      tx,
      {
        subscriber: commandSubscriber(service),
        eventId: rejection.commandId,
        eventType: rejection.commandType,
        position: undefined,
        error: `${rejection.code}: ${rejection.reason}`,
        attempts: rejection.attempts,
      },
      decoded.ok ? decoded.command : decoded.raw,
    );
  });
  return { kind: 'rejected', rejection };
};

/**
 * Handles one delivery of a command, exactly once in effect: the handler runs in a transaction
 * that also records the command id for this service, and a command already recorded is skipped.
 * A domain rule violation is recorded with its reason and not retried; a failure is retried with
 * backoff (by the caller, after `delayMs`), then recorded as failed after `maxAttempts`; an
 * infrastructure failure is retried without limit.
 */
export const processCommand = async (
  store: DrizzleEventStore,
  options: CommandHandlerOptions,
  decoded: DecodedCommand,
  attempt: number,
): Promise<CommandOutcome> => {
  const { service } = options;
  const base = { service, attempts: attempt };
  try {
    if (!decoded.ok) {
      return await reject(store, service, decoded, {
        ...base,
        commandId: undefined,
        commandType: undefined,
        code: 'INVALID_COMMAND',
        reason: describeError(decoded.error),
      });
    }
    const { command } = decoded;
    const ids = { commandId: command.id, commandType: command.type };
    const handler = options.handlers[command.type];
    if (!handler) {
      return await reject(store, service, decoded, {
        ...base,
        ...ids,
        code: 'UNKNOWN_COMMAND',
        reason: `${service} has no handler for ${command.type}`,
      });
    }
    try {
      await store.transaction(async (tx) => {
        const session = store.within(tx);
        const key = keyOf(service, command.id);
        if (await session.readIdempotencyRecord(key)) throw new AlreadyHandled();
        await handler(command, { tx, session, store: boundStore(store, tx), service, attempt });
        if (!(await session.saveIdempotencyRecord(key, hashOf(command), { outcome: 'handled' }))) {
          throw new AlreadyHandled();
        }
      });
      return { kind: 'handled' };
    } catch (error) {
      if (error instanceof AlreadyHandled) throw error;
      if (isDomainRuleError(error) || isValidationError(error)) {
        const code = isDomainRuleError(error) ? error.code : 'INVALID_COMMAND';
        return await reject(store, service, decoded, { ...base, ...ids, code, reason: error.message });
      }
      options.onError?.(error, { service, commandId: command.id, attempt });
      if (isTransientInfrastructureError(error)) {
        return { kind: 'retry', delayMs: backoffDelay(attempt, { initialMs: 200, maxMs: 5_000 }), error };
      }
      if (attempt >= (options.maxAttempts ?? 5)) {
        return await reject(store, service, decoded, {
          ...base,
          ...ids,
          code: 'FAILED',
          reason: describeError(error),
        });
      }
      return {
        kind: 'retry',
        delayMs: backoffDelay(attempt, { initialMs: 200, maxMs: 10_000, ...options.retry }),
        error,
      };
    }
  } catch (error) {
    if (error instanceof AlreadyHandled) return { kind: 'duplicate' };
    // Recording the outcome failed (the database is away): try the whole command again later.
    options.onError?.(error, { service, attempt });
    return { kind: 'retry', delayMs: backoffDelay(attempt, { initialMs: 200, maxMs: 5_000 }), error };
  }
};
