import { describe, expect, it } from 'vitest';
import { loggerOptions, loggerSettingsFrom } from './createLogger.js';
import { scrubSecrets } from './scrubSecrets.js';
import { memoryLogger } from './testing.js';

describe('createLogger', () => {
  it('writes JSON lines with an ISO timestamp', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ orderId: 'o-1' }, 'order created');
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'order created',
        orderId: 'o-1',
        time: expect.stringMatching(/Z$/),
      }),
    ]);
  });

  it('censors authorization headers and secret fields', () => {
    const { logger, text } = memoryLogger();
    logger.info({ req: { headers: { authorization: 'Basic dXNlcjpzM2NyZXQ=' } } }, 'in');
    logger.info({
      headers: { authorization: 'Basic c2VjcmV0' },
      password: 'hunter2',
      config: { JWT_SECRET: 'jwt-s3cret' },
    });
    expect(text()).not.toMatch(/dXNlcjpzM2NyZXQ=|c2VjcmV0|hunter2|jwt-s3cret/);
    expect(text()).toContain('[REDACTED]');
  });

  it('masks passwords in URLs and tokens anywhere, messages and error stacks included', () => {
    const { logger, text } = memoryLogger();
    const url = 'postgres://app:pgs3cret@db:5432/causeway';
    logger.info({ databaseUrl: url }, `connecting to ${url}`);
    logger.error({ err: new Error(`connect ECONNREFUSED ${url}`) }, 'failed');
    logger.info('header was Bearer abc.def.ghi');
    logger.info({ note: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl' });
    expect(text()).not.toMatch(/pgs3cret|abc\.def\.ghi|eyJzdWIiOiJ1MSJ9/);
    expect(text()).toContain('postgres://app:[REDACTED]@db:5432/causeway');
  });

  it('uses pino-pretty in development and plain JSON otherwise', () => {
    const dev = loggerOptions(loggerSettingsFrom({ LOG_LEVEL: 'debug', NODE_ENV: 'development' }, 'query'));
    expect(dev.transport).toMatchObject({ target: expect.stringContaining('pino-pretty') });
    expect(dev).toMatchObject({ level: 'debug', name: 'query' });
    expect(
      loggerOptions(loggerSettingsFrom({ LOG_LEVEL: 'info', NODE_ENV: 'production' }, 'query')).transport,
    ).toBeUndefined();
  });
});

describe('scrubSecrets', () => {
  it('leaves URLs without credentials and ordinary text alone', () => {
    const text = 'nats://127.0.0.1:4222 and https://user@example.com/x and a:b@c';
    expect(scrubSecrets(text)).toBe(text);
  });
});
