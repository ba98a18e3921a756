import type { z } from 'zod';
import type { AuthOptions } from '../auth/authOptions.js';
import type { BaseConfig } from './baseConfig.js';
import { ConfigError, type ConfigIssue } from './configError.js';

export type AuthConfig = Pick<
  BaseConfig,
  'NODE_ENV' | 'AUTH_DISABLED' | 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE'
>;

/** Whether authentication is off: `AUTH_DISABLED` when set, else off outside production. */
const disabled = (config: AuthConfig): boolean => config.AUTH_DISABLED ?? config.NODE_ENV !== 'production';

const authIssues = (config: AuthConfig): ConfigIssue[] => {
  if (config.NODE_ENV === 'production' && config.AUTH_DISABLED === true) {
    return [{ variable: 'AUTH_DISABLED', message: 'is refused when NODE_ENV=production' }];
  }
  if (config.JWT_SECRET !== undefined && config.JWT_JWKS_URL !== undefined) {
    return [{ variable: 'JWT_SECRET', message: 'and JWT_JWKS_URL are exclusive: set one' }];
  }
  if (!disabled(config) && config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined) {
    return [{ variable: 'JWT_SECRET', message: 'or JWT_JWKS_URL is required unless AUTH_DISABLED=true' }];
  }
  return [];
};

/**
 * The authentication the config asks for: bearer JWTs checked with `JWT_SECRET` (HS256) or the
 * keys at `JWT_JWKS_URL`, or none (`AUTH_DISABLED`, the default outside production). Throws a
 * `ConfigError` for a contradictory or insufficient setting.
 */
export const authOptionsFromConfig = (config: AuthConfig): AuthOptions => {
  const issues = authIssues(config);
  if (issues.length > 0) throw new ConfigError(issues);
  if (disabled(config) && config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined) {
    return { mode: 'disabled' };
  }
  if (config.AUTH_DISABLED === true) return { mode: 'disabled' };
  const claims = {
    ...(config.JWT_ISSUER === undefined ? {} : { issuer: config.JWT_ISSUER }),
    ...(config.JWT_AUDIENCE === undefined ? {} : { audience: config.JWT_AUDIENCE }),
  };
  return config.JWT_SECRET !== undefined
    ? { mode: 'secret', secret: config.JWT_SECRET, ...claims }
    : { mode: 'jwks', jwksUrl: config.JWT_JWKS_URL as string, ...claims };
};

/**
 * Makes `loadConfig` check the authentication settings (see `authOptionsFromConfig`), so a bad
 * setting fails at start-up with the other variables: apply after `.extend()`.
 */
export const requireAuthConfig = <S extends z.ZodObject>(schema: S): S =>
  schema.superRefine(
    (value, ctx) => {
      for (const issue of authIssues(value as AuthConfig)) {
        ctx.addIssue({ code: 'custom', path: [issue.variable], message: issue.message });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  ) as S;
