import { ValidationError } from '@causeway/kernel';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../eventStore.js';
import { newTestEvent } from '../testing/newTestEvent.js';
import { validateAppend } from './validateAppend.js';

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.path);
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('validateAppend', () => {
  it('accepts valid events and returns clean copies', () => {
    const event = newTestEvent();
    const [copy] = validateAppend('test-1', [event], 'any');
    expect(copy).toEqual(event);
    expect(copy).not.toBe(event);
  });

  it('names each failing field', () => {
    const good = newTestEvent();
    expect(issuesOf(() => validateAppend('test 1', [good], 'any'))).toContain('streamId');
    expect(issuesOf(() => validateAppend('test-1', [good], -1))).toEqual(['expectedVersion']);
    expect(issuesOf(() => validateAppend('test-1', [good], 'latest' as never))).toEqual(['expectedVersion']);
    expect(issuesOf(() => validateAppend('test-1', [], 'any'))).toEqual(['events']);
    expect(issuesOf(() => validateAppend('test-1', [{ ...good, id: 'nope' }], 'any'))).toEqual([
      'events.0.id',
    ]);
    expect(
      issuesOf(() =>
        validateAppend(
          'test-1',
          [good, { ...good, metadata: { causationId: 'x' } } as unknown as NewEvent],
          'any',
        ),
      ),
    ).toEqual(['events.1.metadata.correlationId']);
  });

  it('refuses an event of another stream, a repeated id, unknown keys and a missing payload', () => {
    const good = newTestEvent();
    expect(issuesOf(() => validateAppend('test-2', [good], 'any'))).toEqual(['events.0.aggregateId']);
    expect(issuesOf(() => validateAppend('test-1', [good, good], 'any'))).toEqual(['events.1.id']);
    expect(issuesOf(() => validateAppend('test-1', [{ ...good, version: 3 } as NewEvent], 'any'))).toEqual([
      'events.0.version',
    ]);
    expect(issuesOf(() => validateAppend('test-1', [{ ...good, payload: undefined }], 'any'))).toEqual([
      'events.0.payload',
    ]);
  });
});
