import { defineConfig, mergeConfig } from 'vitest/config';
import { baseConfig } from '../../vitest.base.js';

// The global-order tests hold transactions open on purpose, and a reader's horizon is the oldest
// open writing transaction of the whole PostgreSQL cluster: they run after the rest, alone, so
// they cannot delay what other files read.
const globalOrder = 'src/read/globalOrder.int.spec.ts';

export default mergeConfig(
  baseConfig,
  defineConfig({
    test: {
      globalSetup: ['./vitest.globalSetup.ts'],
      projects: [
        {
          extends: true,
          test: {
            name: 'store',
            include: ['src/**/*.spec.ts'],
            exclude: [globalOrder],
            sequence: { groupOrder: 0 },
          },
        },
        {
          extends: true,
          test: { name: 'global-order', include: [globalOrder], sequence: { groupOrder: 1 } },
        },
      ],
    },
  }),
);
