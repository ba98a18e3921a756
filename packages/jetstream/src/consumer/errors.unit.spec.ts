import { StoreUnavailableError } from '@causeway/event-store';
import { describe, expect, it } from 'vitest';
import { HandlerError, isTransientInfrastructureError, VersionGapError } from './errors.js';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('isTransientInfrastructureError', () => {
  it('recognises a lost or refused database connection, however wrapped', () => {
    expect(isTransientInfrastructureError(withCode('ECONNREFUSED'))).toBe(true);
    expect(isTransientInfrastructureError(new HandlerError(withCode('CONNECTION_CLOSED')))).toBe(true);
    expect(isTransientInfrastructureError(new Error('query failed', { cause: withCode('57P01') }))).toBe(
      true,
    );
    expect(isTransientInfrastructureError(new StoreUnavailableError('db:5432', new Error('down')))).toBe(
      true,
    );
  });

  it('recognises serialization failures and deadlocks as worth retrying', () => {
    expect(isTransientInfrastructureError(withCode('40001'))).toBe(true);
    expect(isTransientInfrastructureError(withCode('40P01'))).toBe(true);
  });

  it('leaves the handler own errors and constraint violations to the attempt count', () => {
    expect(isTransientInfrastructureError(new Error('bad event'))).toBe(false);
    expect(isTransientInfrastructureError(new HandlerError(withCode('23505')))).toBe(false);
    expect(isTransientInfrastructureError(new VersionGapError('cart-1', 2, 4))).toBe(false);
  });
});
