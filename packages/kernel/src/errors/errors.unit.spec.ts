import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CausewayError,
  ConcurrencyError,
  DomainRuleError,
  isCausewayError,
  isConcurrencyError,
  isDomainRuleError,
  isUnknownEventTypeError,
  isValidationError,
  UnknownCommandError,
  UnknownEventTypeError,
  ValidationError,
} from './index.js';

describe('errors', () => {
  it('ConcurrencyError carries the stream, the expected and the actual version', () => {
    const error = new ConcurrencyError('order-1', 3, 5);
    expect(error).toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      streamId: 'order-1',
      expectedVersion: 3,
      actualVersion: 5,
    });
    expect(error.message).toBe('Stream order-1 is at version 5, expected 3');
    expect(error.name).toBe('ConcurrencyError');
    expect(new ConcurrencyError('order-1', 'noStream', 2).message).toContain('expected noStream');
  });

  it('DomainRuleError keeps its stable code', () => {
    const error = new DomainRuleError('ORDER_NOT_PENDING', 'The order is not pending');
    expect(error.code).toBe('ORDER_NOT_PENDING');
    expect(error.name).toBe('DomainRuleError');
  });

  it('ValidationError.fromZod names each field path, with a prefix', () => {
    const schema = z.strictObject({ items: z.array(z.strictObject({ quantity: z.int().min(1) })) });
    const result = schema.safeParse({ items: [{ quantity: 0, colour: 'red' }] });
    const error = ValidationError.fromZod('ORDER_CREATED', result.error as z.ZodError, ['payload']);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues.map((i) => i.path)).toEqual(['payload.items.0.quantity', 'payload.items.0.colour']);
    expect(error.message).toMatch(
      /^Invalid ORDER_CREATED: payload\.items\.0\.quantity: .*; payload\.items\.0\.colour: /,
    );
    expect(error.cause).toBe(result.error);
  });

  it('ValidationError marks a root-level issue as (root)', () => {
    expect(new ValidationError('body', [{ path: '', message: 'must be an object' }]).message).toBe(
      'Invalid body: (root): must be an object',
    );
  });

  it('unknown message errors name the type', () => {
    expect(new UnknownEventTypeError('NOPE').message).toBe('Unknown message type: "NOPE"');
    expect(new UnknownCommandError({ type: 'NOPE' })).toMatchObject({
      code: 'UNKNOWN_COMMAND',
      message: 'Unknown command: "NOPE"',
    });
  });

  it('guards recognise their own class only', () => {
    const errors = [
      new ConcurrencyError('s', 1, 2),
      new DomainRuleError('X', 'x'),
      new ValidationError('x', []),
      new UnknownEventTypeError('X'),
    ];
    const guards = [isConcurrencyError, isDomainRuleError, isValidationError, isUnknownEventTypeError];
    guards.forEach((guard, g) => {
      errors.forEach((error, e) => {
        expect(guard(error)).toBe(g === e);
      });
      expect(guard(new Error('plain'))).toBe(false);
    });
    expect(errors.every(isCausewayError)).toBe(true);
    expect(errors.every((e) => e instanceof CausewayError && e instanceof Error)).toBe(true);
  });
});
