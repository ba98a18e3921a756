import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript source through the `@causeway/source` export
// condition. Tests run in Vite's SSR environment and global setup files in Vitest's own
// (`__vitest__`); each takes its own resolve conditions: without them they would resolve to a
// stale built `dist/` (or fail before any build).
const conditions = ['@causeway/source', 'module', 'node', 'development|production'];

export const baseConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  environments: { __vitest__: { resolve: { conditions } } },
  // Generous bounds: `pnpm test` runs every package at once on 2 cores, where spawning a process
  // or booting PGlite takes seconds. Tests wait on conditions, so a bound only caps a failure.
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
