import { describe, expect, it } from 'vitest';
import { authOptionsFromConfig, requireAuthConfig } from './authConfig.js';
import { baseConfigSchema } from './baseConfig.js';
import { ConfigError } from './configError.js';
import { loadConfig } from './loadConfig.js';

const secret = 's'.repeat(32);
const schema = requireAuthConfig(baseConfigSchema);
const auth = (env: Record<string, string>) => authOptionsFromConfig(loadConfig(schema, env));

describe('authentication settings', () => {
  it('is off by default outside production, on when a key is given', () => {
    expect(auth({ NODE_ENV: 'development' })).toEqual({ mode: 'disabled' });
    expect(auth({ NODE_ENV: 'test' })).toEqual({ mode: 'disabled' });
    expect(auth({ NODE_ENV: 'development', JWT_SECRET: secret })).toEqual({ mode: 'secret', secret });
    expect(auth({ NODE_ENV: 'test', JWT_SECRET: secret, AUTH_DISABLED: 'true' })).toEqual({
      mode: 'disabled',
    });
  });

  it('is required in production: a secret or a JWKS URL, with issuer and audience passed on', () => {
    expect(auth({ NODE_ENV: 'production', JWT_SECRET: secret, JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' })).toEqual({
      mode: 'secret',
      secret,
      issuer: 'i',
      audience: 'a',
    });
    expect(auth({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://id.test/jwks' })).toEqual({
      mode: 'jwks',
      jwksUrl: 'https://id.test/jwks',
    });
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'JWT_SECRET: or JWT_JWKS_URL is required unless AUTH_DISABLED=true'],
    [
      { NODE_ENV: 'production', AUTH_DISABLED: 'true', JWT_SECRET: secret },
      'AUTH_DISABLED: is refused when NODE_ENV=production',
    ],
    [{ NODE_ENV: 'test', AUTH_DISABLED: 'false' }, 'JWT_SECRET: or JWT_JWKS_URL is required'],
    [{ JWT_SECRET: secret, JWT_JWKS_URL: 'https://id.test/jwks' }, 'are exclusive'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET: must be at least 32 characters'],
  ])('refuses %o at load, naming the variable, never echoing the value', (env, message) => {
    const error = (() => {
      try {
        loadConfig(schema, env);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain(secret);
  });

  it('is reported together with the other bad variables', () => {
    expect(() => loadConfig(schema, { NODE_ENV: 'production', PORT: 'x' })).toThrow(
      /PORT[\s\S]*JWT_SECRET|JWT_SECRET[\s\S]*PORT/,
    );
  });

  it('is checked by authOptionsFromConfig too, for configs loaded without requireAuthConfig', () => {
    expect(() => authOptionsFromConfig(loadConfig(baseConfigSchema, { NODE_ENV: 'production' }))).toThrow(
      ConfigError,
    );
  });
});
