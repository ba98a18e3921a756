import fp from 'fastify-plugin';
import { ServiceUnavailableError } from '../problems/httpErrors.js';

/**
 * While `app.close()` drains, a request arriving on a kept-alive connection is answered 503
 * problem+json with `Retry-After` and `Connection: close`, so the client retries elsewhere.
 * (Fastify's own `return503OnClosing` answers with a non-problem body; createApp turns it off.)
 */
export const drainGuardPlugin = fp(
  async (app) => {
    let draining = false;
    app.addHook('preClose', async () => {
      draining = true;
    });
    app.addHook('onRequest', (_request, reply, done) => {
      if (!draining) return done();
      reply.header('connection', 'close');
      done(new ServiceUnavailableError('The service is shutting down', 1));
    });
  },
  { name: '@causeway/service-kit/drain-guard', fastify: '5.x' },
);
