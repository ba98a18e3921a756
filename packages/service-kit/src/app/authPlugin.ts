import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** The authenticated caller: the token's subject and roles. */
export interface Principal {
  userId: string;
  roles: readonly string[];
}

/**
 * Resolves the caller: returns a user id or a `Principal`, `undefined` for an anonymous caller,
 * or throws a 401/403 `ProblemError` to refuse the request.
 */
export type Authenticate = (request: FastifyRequest) => Promise<string | Principal | undefined>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` before the handler runs; `undefined` while no authentication is configured. */
    userId: string | undefined;
    /** The caller with its roles; `undefined` when anonymous (authentication disabled). */
    principal: Principal | undefined;
  }
  interface FastifyContextConfig {
    /** Skips `authenticate` for this route (health, metrics, docs). */
    public?: boolean;
  }
}

/**
 * The authentication hook: on every route not marked `config: { public: true }`, `authenticate`
 * runs before the body is read and sets `request.userId` and `request.principal`.
 */
export const authPlugin = fp<{ authenticate?: Authenticate | undefined }>(
  async (app, { authenticate }) => {
    app.decorateRequest('userId', undefined);
    app.decorateRequest('principal', undefined);
    if (!authenticate) return;
    // onRequest: a caller is refused before its body is read.
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.public === true) return;
      const caller = await authenticate(request);
      const principal = typeof caller === 'string' ? { userId: caller, roles: [] } : caller;
      request.principal = principal;
      request.userId = principal?.userId;
    });
  },
  { name: '@causeway/service-kit/auth', fastify: '5.x' },
);
