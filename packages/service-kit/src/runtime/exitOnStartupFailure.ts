import { isCausewayError } from '@causeway/kernel';
import { isConfigError } from '../config/index.js';

/**
 * A process that cannot start says why on stderr and exits 1: bad configuration (every variable
 * listed), an unreachable database or NATS, a failed migration. Known errors print their message
 * only (it names the cause, never a password); anything else its stack.
 */
export const exitOnStartupFailure =
  (name: string) =>
  (error: unknown): never => {
    const known = isConfigError(error) || isCausewayError(error);
    const message =
      error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : String(error);
    process.stderr.write(`${name} failed to start: ${message}\n`);
    process.exit(1);
  };
