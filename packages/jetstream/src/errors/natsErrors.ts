import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';

const hasApiCode = (error: unknown, code: number): boolean =>
  error instanceof JetStreamApiError && error.code === code;

export const isStreamNotFound = (error: unknown): boolean =>
  hasApiCode(error, JetStreamApiCodes.StreamNotFound);

export const isConsumerNotFound = (error: unknown): boolean =>
  hasApiCode(error, JetStreamApiCodes.ConsumerNotFound);

/** nats-server's error codes for a publish expectation that did not hold. */
const WRONG_LAST_MSG_ID = 10070;

/** A publish was fenced: the stream's last message or sequence was not what the publisher expected. */
export const isWrongLast = (error: unknown): boolean =>
  hasApiCode(error, WRONG_LAST_MSG_ID) ||
  hasApiCode(error, JetStreamApiCodes.StreamWrongLastSequence) ||
  hasApiCode(error, JetStreamApiCodes.StreamWrongLastSequenceUnknown);
