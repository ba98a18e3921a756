import { defineConfig, mergeConfig } from 'vitest/config';
import { baseConfig } from '../../vitest.base.js';

export default mergeConfig(
  baseConfig,
  defineConfig({
    test: {
      include: ['src/**/*.spec.ts'],
      globalSetup: ['./vitest.globalSetup.ts'],
      // PGlite boots a WebAssembly PostgreSQL per store: seconds, more on a loaded 2-core machine.
      testTimeout: 20_000,
      hookTimeout: 60_000,
    },
  }),
);
