// A tiny server for gracefulShutdown.e2e.spec.ts. Events go to stdout as JSON lines, logs to stderr.
// argv[2]: `finish` (the slow request completes once shutdown begins) or `hang` (it never does).
import { pino } from 'pino';
import { createApp } from '../app/createApp.js';
import { createLogger } from '../logger/createLogger.js';
import { installGracefulShutdown } from './installGracefulShutdown.js';

const mode = process.argv[2] ?? 'finish';
const timeoutMs = Number(process.argv[3] ?? 10_000);
const emit = (event: string, data: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);

const app = await createApp({
  name: 'shutdown-fixture',
  logger: createLogger({ level: 'info' }, pino.destination(2)),
  rateLimit: false,
  defaultMetrics: false,
});

let shutdownBegan: () => void = () => {};
const shuttingDown = new Promise<void>((resolve) => {
  shutdownBegan = resolve;
});
app.addHook('preClose', async () => {
  emit('closing');
  shutdownBegan();
});
app.addHook('onClose', async () => {
  emit('onClose');
});
app.get('/slow', async () => {
  emit('slowStarted');
  if (mode === 'hang') await new Promise(() => {});
  await shuttingDown;
  return { finished: true };
});

installGracefulShutdown(app, { timeoutMs });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
emit('listening', { address });
