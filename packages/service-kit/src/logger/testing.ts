import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from './createLogger.js';

/** A logger writing JSON lines into memory, for tests that assert on log output. */
export const memoryLogger = (
  level: 'info' | 'debug' | 'trace' = 'info',
): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } => {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level }, destination);
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, text };
};
