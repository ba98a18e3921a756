import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { baseConfig } from '../../vitest.base.js';

// `pnpm chaos --quick` as a test (CI): `vitest run --config scripts/chaos/vitest.config.ts`.
export default mergeConfig(
  baseConfig,
  defineConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    test: { include: ['*.e2e.spec.ts'], testTimeout: 600_000, hookTimeout: 60_000 },
  }),
);
