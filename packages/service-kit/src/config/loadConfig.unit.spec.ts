import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseConfigSchema, requireInProduction } from './baseConfig.js';
import { ConfigError } from './configError.js';
import { envInt, envUrl } from './envSchemas.js';
import { loadConfig } from './loadConfig.js';

const serviceSchema = requireInProduction(
  baseConfigSchema.extend({
    PORT: baseConfigSchema.shape.PORT.default(3001),
    PAYMENT_DECLINE_ABOVE: envInt({ min: 0 }).default(1_000_000),
    JWKS_URL: envUrl(['https']).optional(),
  }),
  ['DATABASE_URL', 'NATS_URL'],
);

const configErrorOf = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(serviceSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig(serviceSchema, {
      DATABASE_URL: 'postgres://app@127.0.0.1:5432/causeway',
      TRUST_PROXY: '1',
      UNRELATED: 'ignored',
    });
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3001,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      PAYMENT_DECLINE_ABOVE: 1_000_000,
      BODY_LIMIT_BYTES: 102_400,
      TRUST_PROXY: true,
    });
    expect(config).not.toHaveProperty('UNRELATED');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(serviceSchema, { PORT: '', LOG_LEVEL: '' })).toMatchObject({
      PORT: 3001,
      LOG_LEVEL: 'info',
    });
  });

  it('lists every missing or bad variable in one error, without echoing values', () => {
    const error = configErrorOf({
      NODE_ENV: 'production',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://root:hunter2@db/causeway',
      RATE_LIMIT_MAX: '1e3',
      TRUST_PROXY: 'yes',
      JWKS_URL: 'http://keys.example',
    });
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'DATABASE_URL',
      'JWKS_URL',
      'LOG_LEVEL',
      'NATS_URL',
      'PORT',
      'RATE_LIMIT_MAX',
      'TRUST_PROXY',
    ]);
    for (const { variable } of error.issues) expect(error.message).toContain(`${variable}:`);
    expect(error.message).toContain('NATS_URL: is required when NODE_ENV=production');
    expect(error.message).toContain('PORT: Too big');
    expect(error.message).toContain('DATABASE_URL: must be a URL starting with postgres:// or postgresql://');
    expect(error.message).not.toContain('hunter2');
  });

  it('says "is required" for a variable a service made mandatory', () => {
    const schema = baseConfigSchema.extend({ API_KEY: z.string().min(1) });
    expect(() => loadConfig(schema, {})).toThrow('API_KEY: is required');
  });

  it('accepts NATS server lists and rejects other schemes', () => {
    expect(loadConfig(serviceSchema, { NATS_URL: 'nats://a:4222, b:4223' }).NATS_URL).toBe(
      'nats://a:4222, b:4223',
    );
    expect(configErrorOf({ NATS_URL: 'http://a:4222' }).issues).toEqual([
      { variable: 'NATS_URL', message: expect.stringContaining('nats://host:port') },
    ]);
  });

  it('reads process.env by default', () => {
    expect(loadConfig(z.object({ PATH: z.string() })).PATH).toBe(process.env.PATH);
  });
});
