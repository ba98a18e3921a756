import jwt, { type TokenOrHeader } from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticate, Principal } from '../app/authPlugin.js';
import { UnauthorizedError } from '../problems/httpErrors.js';
import type { AuthOptions } from './authOptions.js';
import { jwksKeys } from './jwksKeys.js';

const asymmetric: (
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA'
)[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Roles from a `roles` array or a single `role` string; anything else is no role. */
const rolesOf = (payload: Record<string, unknown>): string[] => {
  const { roles, role } = payload;
  if (Array.isArray(roles)) return roles.filter((r): r is string => typeof r === 'string');
  return typeof role === 'string' ? [role] : [];
};

/**
 * Registers `@fastify/jwt` on `app` and returns the `authenticate` hook that verifies the bearer
 * token (signature, `exp`, `nbf`, and `iss`/`aud` when configured) and turns it into the caller:
 * `sub` is the user id, `roles`/`role` the roles. Any failure is a 401 with `WWW-Authenticate`;
 * the reason is logged at info, the token never.
 */
export const jwtAuthenticate = async (
  app: FastifyInstance,
  options: Exclude<AuthOptions, { mode: 'disabled' }>,
): Promise<Authenticate> => {
  const claims = {
    ...(options.issuer === undefined ? {} : { allowedIss: options.issuer }),
    ...(options.audience === undefined ? {} : { allowedAud: options.audience }),
    // fast-jwt only checks iss/aud when present: make the configured ones mandatory.
    requiredClaims: [
      'sub',
      'exp',
      ...(options.issuer === undefined ? [] : ['iss']),
      ...(options.audience === undefined ? [] : ['aud']),
    ],
  };
  if (options.mode === 'secret') {
    await app.register(jwt, { secret: options.secret, verify: { algorithms: ['HS256'], ...claims } });
  } else {
    const keyOf = jwksKeys(options.jwksUrl, options.fetch === undefined ? {} : { fetch: options.fetch });
    await app.register(jwt, {
      secret: async (_request: FastifyRequest, token: TokenOrHeader): Promise<string> => {
        const header = 'header' in token ? token.header : token;
        return keyOf(typeof header.kid === 'string' ? header.kid : undefined);
      },
      decode: { complete: true },
      verify: { algorithms: asymmetric, ...claims },
    });
  }
  return async (request: FastifyRequest): Promise<Principal> => {
    if (request.headers.authorization === undefined) throw new UnauthorizedError();
    let payload: Record<string, unknown>;
    try {
      payload = (await request.jwtVerify()) as Record<string, unknown>;
    } catch (error) {
      request.log.info({ reason: (error as { code?: string }).code ?? 'invalid' }, 'access token refused');
      throw new UnauthorizedError('The access token is invalid or expired', 'invalid_token');
    }
    if (typeof payload.sub !== 'string' || payload.sub === '' || typeof payload.exp !== 'number') {
      throw new UnauthorizedError('The access token needs a subject and an expiry', 'invalid_token');
    }
    return { userId: payload.sub, roles: rolesOf(payload) };
  };
};
