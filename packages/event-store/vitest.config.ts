import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@causeway/source'] },
  test: {
    include: ['src/**/*.spec.ts'],
    globalSetup: ['./vitest.globalSetup.ts'],
    // PGlite boots a WebAssembly PostgreSQL per store: seconds, more on a loaded 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
