import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { baseConfig } from '../vitest.base.js';

// The root's end-to-end tests: the launchers (`pnpm dev`, `pnpm start`) as real processes, the
// README's walk-through, changesets and packing, and `pnpm chaos --quick`. `pnpm dev` listens on the fixed ports 3001-3004,
// so these files run one at a time (nothing else in the repository uses those ports in tests).
export default mergeConfig(
  baseConfig,
  defineConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    test: {
      include: ['test/**/*.e2e.spec.ts', 'chaos/*.e2e.spec.ts'],
      fileParallelism: false,
      testTimeout: 240_000,
      hookTimeout: 300_000,
    },
  }),
);
