import type { FastifyBaseLogger } from 'fastify';

export interface GracefulShutdownOptions {
  /** Time `app.close()` gets before the process exits 1 anyway. Defaults to 10 s. */
  timeoutMs?: number;
  signals?: readonly NodeJS.Signals[];
  /** Seams for tests; default to the real process. */
  exit?: (code: number) => void;
  process?: Pick<NodeJS.Process, 'on' | 'off'>;
}

interface Closable {
  close(): PromiseLike<unknown>;
  log: FastifyBaseLogger;
}

/**
 * On SIGTERM or SIGINT: `app.close()` (Fastify stops listening, answers new requests 503, waits
 * for in-flight ones, then runs the onClose hooks where services drain consumers and close
 * connections) and exit 0. A second signal, a failed close or the timeout exits 1 at once.
 * Returns a function that removes the signal listeners.
 */
export const installGracefulShutdown = (
  app: Closable,
  options: GracefulShutdownOptions = {},
): (() => void) => {
  const {
    timeoutMs = 10_000,
    signals = ['SIGTERM', 'SIGINT'],
    exit = process.exit,
    process: proc = process,
  } = options;
  let shuttingDown = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      app.log.error({ signal }, 'second signal during shutdown, exiting now');
      exit(1);
      return;
    }
    shuttingDown = true;
    app.log.info({ signal, timeoutMs }, 'shutting down: finishing in-flight work');
    // Not unref'd: this timer is what ends a process whose close hangs.
    const timer = setTimeout(() => {
      app.log.error({ timeoutMs }, 'shutdown timed out, exiting');
      exit(1);
    }, timeoutMs);
    Promise.resolve(app.close()).then(
      () => {
        clearTimeout(timer);
        app.log.info('shutdown complete');
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(timer);
        app.log.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };

  for (const signal of signals) proc.on(signal, onSignal);
  return () => {
    for (const signal of signals) proc.off(signal, onSignal);
  };
};
