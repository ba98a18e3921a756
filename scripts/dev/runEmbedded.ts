import { createLogger } from '@causeway/service-kit';
import { buildEmbeddedServices } from './embedded/buildEmbeddedServices.js';
import { loadEmbeddedConfig } from './embedded/embeddedConfig.js';
import { openEmbeddedStore } from './embedded/openEmbeddedStore.js';
import { onShutdown } from './onShutdown.js';

/**
 * Embedded mode: every service in this process on PGlite (kept under the data directory between
 * runs) and the in-process bus, on the same ports as in stack mode. Resolves with the exit code
 * once a signal has closed every app and the store.
 */
export const runEmbedded = async (env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<number> => {
  const config = loadEmbeddedConfig(env);
  const logger = createLogger({
    level: config.command.LOG_LEVEL,
    pretty: config.command.NODE_ENV === 'development',
  });
  log(`PGlite data in ${config.dataDir} (kept between runs; delete it to start afresh)`);
  const database = await openEmbeddedStore(config.dataDir);
  let system: Awaited<ReturnType<typeof buildEmbeddedServices>> | undefined;
  let stopped: Promise<number> | undefined;
  const close = (): Promise<number> => {
    stopped ??= (async () => {
      try {
        await system?.close();
        await database.close();
        return 0;
      } catch (error) {
        logger.error({ err: error }, 'embedded mode: shutdown failed');
        return 1;
      }
    })();
    return stopped;
  };
  try {
    system = await buildEmbeddedServices(database, config, logger);
    system.start();
    for (const { app, host, port } of system.services) await app.listen({ host, port });
  } catch (error) {
    await close();
    throw error;
  }
  log(`listening: ${system.services.map(({ name, port }) => `${name} http://localhost:${port}`).join(', ')}`);

  const timeoutMs = config.command.SHUTDOWN_TIMEOUT_MS;
  return new Promise<number>((resolve) => {
    // Signals only: `scripts/dev.ts` watches for the end of pnpm and signals this process's watcher.
    void onShutdown(
      (reason, again) => {
        if (again) {
          log(`${reason} again: exiting now`);
          resolve(1);
          return;
        }
        log(`${reason}: closing every service and the store`);
        const timer = setTimeout(() => {
          log(`shutdown took longer than ${timeoutMs} ms: exiting`);
          resolve(1);
        }, timeoutMs);
        void close().then((code) => {
          clearTimeout(timer);
          if (code === 0) log('closed every service and the store');
          resolve(code);
        });
      },
      { ancestors: false },
    );
  });
};
