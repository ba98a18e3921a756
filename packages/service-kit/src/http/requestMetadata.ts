import type { Metadata } from '@causeway/kernel';
import type { FastifyRequest } from 'fastify';

const traceparentFormat = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;

export type RequestMetadata = Omit<Metadata, 'causationId'>;

/**
 * The causal context a request gives the command it sends: its correlation id, the
 * authenticated user (set by the auth hook) and a W3C `traceparent` when one came in well-formed.
 * The causation id is the caller's to choose (the command's own id for a request).
 */
export const requestMetadata = (request: FastifyRequest): RequestMetadata => {
  const traceparent = request.headers.traceparent;
  return {
    correlationId: request.correlationId,
    ...(request.userId === undefined ? {} : { userId: request.userId }),
    ...(typeof traceparent === 'string' && traceparentFormat.test(traceparent) ? { traceparent } : {}),
  };
};
