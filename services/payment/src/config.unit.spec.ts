import { describe, expect, it } from 'vitest';
import { loadPaymentConfig } from './config.js';

const stack = { DATABASE_URL: 'postgres://localhost/causeway', NATS_URL: 'nats://localhost:4222' };

describe('payment configuration', () => {
  it('handles four payments at once by default', () => {
    expect(loadPaymentConfig(stack).PAYMENT_CONCURRENCY).toBe(4);
  });

  it('refuses a concurrency that leaves the gateway no pooled connection', () => {
    expect(() => loadPaymentConfig({ ...stack, DATABASE_POOL_MAX: '4', PAYMENT_CONCURRENCY: '4' })).toThrow(
      /PAYMENT_CONCURRENCY: must be below DATABASE_POOL_MAX \(4\), got 4/,
    );
    expect(loadPaymentConfig({ ...stack, DATABASE_POOL_MAX: '4', PAYMENT_CONCURRENCY: '3' })).toMatchObject({
      PAYMENT_CONCURRENCY: 3,
    });
  });

  it('names the variable when it is not a whole number from 1', () => {
    expect(() => loadPaymentConfig({ ...stack, PAYMENT_CONCURRENCY: '0' })).toThrow(/PAYMENT_CONCURRENCY/);
  });
});
