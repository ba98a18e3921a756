import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript source through the `@causeway/source` export
// condition. Tests run in Vite's SSR environment, which takes its own resolve conditions: without
// the `ssr` entry they would resolve to a stale built `dist/` (or fail before any build).
const conditions = ['@causeway/source', 'module', 'node', 'development|production'];

export const baseConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
});
