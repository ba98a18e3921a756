import { defineConfig, mergeConfig } from 'vitest/config';
import { baseConfig } from '../../vitest.base.js';

export default mergeConfig(
  baseConfig,
  defineConfig({
    test: {
      include: ['src/**/*.spec.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // The e2e files each run four service processes: one file at a time keeps a 2-core machine usable.
      fileParallelism: false,
    },
  }),
);
