import { defineConfig } from 'vitest/config';

// Tests run in Vite's SSR environment, which takes its own resolve conditions: without the
// `ssr` entry, workspace packages would resolve to their built `dist/` (or fail before a build).
const conditions = ['@causeway/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The e2e files each run four service processes: one file at a time keeps a 2-core machine usable.
    fileParallelism: false,
  },
});
