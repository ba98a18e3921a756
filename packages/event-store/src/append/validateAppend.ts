import {
  type ExpectedVersion,
  eventEnvelopeSchema,
  streamIdOf,
  ValidationError,
  type ValidationIssue,
} from '@causeway/kernel';
import type { NewEvent } from '../eventStore.js';

const newEventSchema = eventEnvelopeSchema.omit({ version: true, position: true });

const STREAM_ID = /^[A-Za-z][\w-]{0,63}-[\w-]{1,128}$/;

/** Stream ids are `<aggregateType>-<aggregateId>`, as `streamIdOf` builds them. */
export const streamIdIssue = (streamId: unknown): ValidationIssue | undefined =>
  typeof streamId === 'string' && STREAM_ID.test(streamId)
    ? undefined
    : { path: 'streamId', message: 'must be "<aggregateType>-<aggregateId>" (letters, digits, _ or -)' };

export const assertStreamId = (streamId: unknown, subject: string): void => {
  const issue = streamIdIssue(streamId);
  if (issue) throw new ValidationError(subject, [issue]);
};

const expectedVersionIssue = (expected: unknown): ValidationIssue | undefined =>
  expected === 'any' ||
  expected === 'noStream' ||
  expected === 'streamExists' ||
  (Number.isInteger(expected) && (expected as number) >= 0 && (expected as number) <= 2_147_483_647)
    ? undefined
    : { path: 'expectedVersion', message: 'must be an integer >= 0, "any", "noStream" or "streamExists"' };

/**
 * Checks everything an append can get wrong before any SQL runs, and returns the events as they
 * will be stored (zod's copies: unknown keys refused, nothing else carried along).
 */
export const validateAppend = (
  streamId: string,
  events: readonly NewEvent[],
  expectedVersion: ExpectedVersion,
): NewEvent[] => {
  const issues: ValidationIssue[] = [];
  const push = (issue: ValidationIssue | undefined) => issue && issues.push(issue);
  push(streamIdIssue(streamId));
  push(expectedVersionIssue(expectedVersion));
  if (!Array.isArray(events) || events.length === 0) {
    push({ path: 'events', message: 'must be a non-empty array' });
    throw new ValidationError('append', issues);
  }
  const seen = new Set<string>();
  const parsed = events.map((event, index) => {
    const result = newEventSchema.safeParse(event);
    if (!result.success) {
      for (const issue of ValidationError.fromZod('event', result.error, ['events', index]).issues)
        push(issue);
      return event;
    }
    const data = result.data as NewEvent;
    if (data.payload === undefined) push({ path: `events.${index}.payload`, message: 'is required' });
    if (streamIdOf(data) !== streamId) {
      push({
        path: `events.${index}.aggregateId`,
        message: `belongs to stream ${streamIdOf(data)}, not ${streamId}`,
      });
    }
    if (seen.has(data.id)) push({ path: `events.${index}.id`, message: 'is repeated in this append' });
    seen.add(data.id);
    return data;
  });
  if (issues.length > 0) throw new ValidationError('append', issues);
  return parsed;
};
