import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app/createApp.js';
import { createApp } from '../app/createApp.js';
import { memoryLogger } from '../logger/testing.js';
import type { AuthOptions } from './authOptions.js';
import { signTestToken } from './signTestToken.js';

const secret = 'a-test-secret-of-at-least-32-characters!';
const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

const appWith = async (auth: AuthOptions, logger = memoryLogger()) => {
  const app = await createApp({
    name: 'auth',
    auth,
    logger: logger.logger,
    rateLimit: false,
    defaultMetrics: false,
  });
  app.get('/me', async (request) => ({ userId: request.userId, roles: request.principal?.roles ?? null }));
  apps.push(app);
  return { app, logs: logger };
};

const me = (app: App, token?: string) =>
  app.inject({ url: '/me', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

describe('bearer JWT with an HS256 secret', () => {
  it('makes the subject the user id and reads roles from `roles` or `role`', async () => {
    const { app } = await appWith({ mode: 'secret', secret });
    const customer = await me(app, signTestToken({ secret }, { sub: 'alice' }));
    expect(customer.json()).toEqual({ userId: 'alice', roles: [] });
    const operator = await me(app, signTestToken({ secret }, { sub: 'olga', roles: ['operator', 7] }));
    expect(operator.json()).toEqual({ userId: 'olga', roles: ['operator'] });
    const single = await me(app, signTestToken({ secret }, { sub: 'olga', role: 'operator' }));
    expect(single.json()).toEqual({ userId: 'olga', roles: ['operator'] });
  });

  it('answers 401 problem+json with WWW-Authenticate without a token', async () => {
    const { app } = await appWith({ mode: 'secret', secret });
    const response = await me(app);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="causeway"');
    expect(response.json()).toMatchObject({
      status: 401,
      type: 'https://causeway.dev/problems/unauthorized',
    });
  });

  it.each([
    ['a bad signature', signTestToken({ secret: `${secret}-other` }, { sub: 'alice' })],
    [
      'an expired token',
      signTestToken({ secret }, { sub: 'alice', exp: Math.floor(Date.now() / 1000) - 60 }),
    ],
    ['a token without subject', signTestToken({ secret }, { role: 'operator' })],
    ['a token without expiry', signTestToken({ secret }, { sub: 'alice', exp: undefined })],
    ['garbage', 'not.a.token'],
  ])('refuses %s with 401 invalid_token, never logging the token', async (_case, token) => {
    const { app, logs } = await appWith({ mode: 'secret', secret });
    const response = await me(app, token);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="causeway", error="invalid_token"');
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain(secret);
  });

  it('checks issuer and audience when configured', async () => {
    const { app } = await appWith({
      mode: 'secret',
      secret,
      issuer: 'https://id.test',
      audience: 'causeway',
    });
    const good = signTestToken({ secret }, { sub: 'a', iss: 'https://id.test', aud: 'causeway' });
    expect((await me(app, good)).statusCode).toBe(200);
    const wrongIssuer = signTestToken({ secret }, { sub: 'a', iss: 'https://evil.test', aud: 'causeway' });
    expect((await me(app, wrongIssuer)).statusCode).toBe(401);
    expect((await me(app, signTestToken({ secret }, { sub: 'a', iss: 'https://id.test' }))).statusCode).toBe(
      401,
    );
  });

  it('keeps health, metrics and docs public', async () => {
    const { app } = await appWith({ mode: 'secret', secret });
    for (const url of ['/health/live', '/health/ready', '/metrics', '/docs/json']) {
      expect((await app.inject({ url })).statusCode, url).toBe(200);
    }
  });
});

describe('bearer JWT with keys from a JWKS URL', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig', alg: 'RS256' }] };
  let fetches = 0;
  const fetchJwks = (async () => {
    fetches += 1;
    return Response.json(jwks);
  }) as typeof fetch;

  it('accepts a token signed by a published key, refuses others, and caches the keys', async () => {
    const { app } = await appWith({ mode: 'jwks', jwksUrl: 'https://id.test/jwks.json', fetch: fetchJwks });
    const token = signTestToken({ privateKey, kid: 'key-1' }, { sub: 'bob' });
    expect((await me(app, token)).json()).toEqual({ userId: 'bob', roles: [] });
    expect((await me(app, token)).statusCode).toBe(200);
    expect(fetches).toBe(1);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(
      (await me(app, signTestToken({ privateKey: other, kid: 'key-1' }, { sub: 'bob' }))).statusCode,
    ).toBe(401);
    expect((await me(app, signTestToken({ privateKey, kid: 'key-2' }, { sub: 'bob' }))).statusCode).toBe(401);
    // An HS256 token "signed" with the public key must not pass (algorithm confusion).
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect((await me(app, signTestToken({ secret: pem }, { sub: 'bob' }))).statusCode).toBe(401);
  });
});

describe('disabled', () => {
  it('lets every caller in anonymously and warns loudly at start', async () => {
    const { app, logs } = await appWith({ mode: 'disabled' });
    expect((await me(app)).json()).toEqual({ roles: null });
    const warning = logs.lines().find((line) => line.level === 40);
    expect(warning?.msg).toContain('AUTHENTICATION DISABLED');
  });
});
