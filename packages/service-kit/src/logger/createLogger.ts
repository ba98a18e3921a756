import { fileURLToPath } from 'node:url';
import { type Logger, type LoggerOptions, pino } from 'pino';
import type { BaseConfig } from '../config/baseConfig.js';
import { scrubSecrets } from './scrubSecrets.js';

export interface LoggerSettings {
  level: BaseConfig['LOG_LEVEL'];
  /** Human-readable output through pino-pretty (development); JSON lines otherwise. */
  pretty?: boolean;
  /** Added to every line as `name`, e.g. the service name. */
  name?: string;
}

const secretKeys = ['password', 'token', 'accessToken', 'refreshToken', 'secret', 'apiKey', 'JWT_SECRET'];

/** Paths pino censors wherever they appear at the top level or one level down (`config.password`). */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  ...secretKeys.flatMap((key) => [key, `*.${key}`]),
];

export const loggerOptions = ({ level, pretty = false, name }: LoggerSettings): LoggerOptions => ({
  level,
  ...(name === undefined ? {} : { name }),
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: redactPaths, censor: '[REDACTED]' },
  // The last step before a line leaves the process: it sees messages and error stacks as well.
  hooks: { streamWrite: scrubSecrets },
  ...(pretty
    ? {
        transport: {
          // Resolved here: pino would resolve a bare name from its caller, which under pnpm cannot see pino-pretty.
          target: fileURLToPath(import.meta.resolve('pino-pretty')),
          options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
        },
      }
    : {}),
});

export const createLogger = (settings: LoggerSettings, destination?: pino.DestinationStream): Logger =>
  destination === undefined ? pino(loggerOptions(settings)) : pino(loggerOptions(settings), destination);

/** Logger settings from the base config: pretty in development, JSON lines elsewhere. */
export const loggerSettingsFrom = (config: Pick<BaseConfig, 'LOG_LEVEL' | 'NODE_ENV'>, name: string) => ({
  level: config.LOG_LEVEL,
  pretty: config.NODE_ENV === 'development',
  name,
});
