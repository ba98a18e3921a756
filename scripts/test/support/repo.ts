import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The ports `pnpm dev` and `pnpm start` give the services: command, query, payment, saga. */
export const SERVICE_PORTS = [3001, 3002, 3003, 3004] as const;

/**
 * The environment a newcomer's shell would give a launcher: no variables of the test runner
 * (vitest sets NODE_ENV=test), only what the test names.
 */
export const cleanEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...extra,
});
