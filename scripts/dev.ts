import { detectMode, redact } from './dev/detectMode.js';
import { runStack } from './dev/runStack.js';

const log = (line: string) => process.stdout.write(`[causeway dev] ${line}\n`);

const mode = await detectMode(process.env).catch((error: Error) => {
  process.stderr.write(`[causeway dev] ${error.message}\n`);
  process.exit(1);
});

if (mode.mode === 'stack') {
  log(`stack mode (${mode.reason}): PostgreSQL ${redact(mode.databaseUrl)}, NATS ${mode.natsUrl}`);
  process.exitCode = await runStack(mode.databaseUrl, mode.natsUrl, log);
} else {
  log(`embedded mode (${mode.reason}): PGlite under .data/, in-process bus, one process`);
  const { runEmbedded } = await import('./dev/runEmbedded.js');
  await runEmbedded(log);
}
