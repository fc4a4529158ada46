import { defineConfig } from 'vitest/config';

/** `npm run test:load`: the load tests, one file at a time, bounded in time. */
export default defineConfig({
  test: {
    include: ['test/load/**/*.load.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    reporters: ['default'],
  },
});
