export {
  createLogger,
  type LoggerSettings,
  loggerOptions,
  loggerSettingsFrom,
  redactPaths,
} from './createLogger.js';
export { scrubSecrets } from './scrubSecrets.js';
