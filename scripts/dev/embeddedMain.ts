import { isCausewayError } from '@causeway/kernel';
import { isConfigError } from '@causeway/service-kit';
import { runEmbedded } from './runEmbedded.js';

// Embedded mode's process, which `scripts/dev.ts` runs under `tsx watch` (so a change in any
// source file it imports restarts it) with the environment already prepared.

const log = (line: string) => process.stdout.write(`[causeway dev] ${line}\n`);

const code = await runEmbedded(process.env, log).catch((error: unknown) => {
  const known = isConfigError(error) || isCausewayError(error);
  const message = error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : error;
  process.stderr.write(`[causeway dev] ${message}\n`);
  return 1;
});
// Exits rather than waits: nothing of the services may keep the process alive after they closed.
process.exit(code);
