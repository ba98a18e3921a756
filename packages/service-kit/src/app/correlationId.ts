import type { IncomingMessage } from 'node:http';
import { uuidv7 } from '@causeway/kernel';
import fp from 'fastify-plugin';

export const correlationIdHeader = 'x-correlation-id';

// Printable ASCII without spaces, at most what envelope metadata accepts: anything else is replaced.
const acceptable = /^[\x21-\x7e]{1,128}$/;

/** Fastify's `genReqId`: the caller's `X-Correlation-Id` when usable, else a new UUIDv7. */
export const correlationIdOf = (raw: IncomingMessage): string => {
  const header = raw.headers[correlationIdHeader];
  return typeof header === 'string' && acceptable.test(header) ? header : uuidv7();
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's correlation id (also `request.id`): echoed as `X-Correlation-Id`, on every log line. */
    readonly correlationId: string;
  }
}

/** Exposes the request id as `request.correlationId` and echoes it on every response. */
export const correlationIdPlugin = fp(
  async (app) => {
    app.decorateRequest('correlationId', {
      getter() {
        return this.id;
      },
    });
    app.addHook('onRequest', (request, reply, done) => {
      reply.header(correlationIdHeader, request.id);
      done();
    });
  },
  { name: '@causeway/service-kit/correlation-id', fastify: '5.x' },
);
