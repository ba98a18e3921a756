import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@causeway/source'] },
  test: { include: ['src/**/*.spec.ts'] },
});
