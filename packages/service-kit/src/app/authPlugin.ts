import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Resolves the caller: returns the user id (a JWT's subject), `undefined` for an anonymous
 * caller, or throws a 401/403 `ProblemError` to refuse the request.
 */
export type Authenticate = (request: FastifyRequest) => Promise<string | undefined>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` before the handler runs; `undefined` while no authentication is configured. */
    userId: string | undefined;
  }
  interface FastifyContextConfig {
    /** Skips `authenticate` for this route (health, metrics, docs). */
    public?: boolean;
  }
}

/**
 * The authentication hook. Without `authenticate` it only declares `request.userId`; the JWT
 * plugin plugs in here later, and routes stay unchanged.
 */
export const authPlugin = fp<{ authenticate?: Authenticate | undefined }>(
  async (app, { authenticate }) => {
    app.decorateRequest('userId', undefined);
    if (!authenticate) return;
    // onRequest: a caller is refused before its body is read.
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.public === true) return;
      request.userId = await authenticate(request);
    });
  },
  { name: '@causeway/service-kit/auth', fastify: '5.x' },
);
