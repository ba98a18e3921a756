import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './configError.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment against `schema` and returns the typed config. This module is the
 * only reader of `process.env`. An empty variable counts as unset, so `PORT=` falls back to the
 * default instead of becoming port 0. Values are never echoed in errors: they may be secrets.
 */
export const loadConfig = <S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> => {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => toConfigIssue(issue, present)));
};

const toConfigIssue = (issue: z.core.$ZodIssue, env: Env): ConfigIssue => {
  const variable = issue.path.map(String).join('.');
  const missing = issue.path.length > 0 && env[variable] === undefined && issue.code === 'invalid_type';
  return { variable, message: missing ? 'is required' : issue.message };
};
