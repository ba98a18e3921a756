import { isStoreUnavailableError, pgErrorOf } from '@causeway/event-store';
import { CausewayError } from '@causeway/kernel';

/**
 * What was delivered is not the store's log: an event of `streamId` never arrived (the next one
 * delivered has `actualVersion`, or none did yet), or a delivered message is not in the store.
 */
export class VersionGapError extends CausewayError {
  readonly code = 'VERSION_GAP';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
    detail?: string,
  ) {
    super(
      detail ??
        `Version gap in ${streamId}: expected version ${expectedVersion}, received ${actualVersion}; ` +
          'refusing to apply past it (the delivered stream is missing events the store has)',
    );
  }
}

export const isVersionGapError = (error: unknown): error is VersionGapError =>
  error instanceof VersionGapError;

/** The handler threw; the wrapper keeps the handler's errors apart from the store's. */
export class HandlerError extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original), { cause: original });
    this.name = 'HandlerError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** SQLSTATEs that say "try again later", not "this event is bad". */
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|53300|40001|40P01)$/;

/**
 * Database unreachable, connection lost, server shutting down, serialization failure or deadlock:
 * the event is not at fault, so such failures are retried without limit and never dead-letter.
 */
export const isTransientInfrastructureError = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (isStoreUnavailableError(current)) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    current = current.cause;
  }
  const { code } = pgErrorOf(error);
  return code !== undefined && TRANSIENT_SQLSTATE.test(code);
};
