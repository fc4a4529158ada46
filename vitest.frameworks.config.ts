import { defineConfig } from 'vitest/config';

// The conformance suite: generated migrations run by each framework's real runner (npm run test:frameworks).
export default defineConfig({
  test: {
    include: ['test/frameworks/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
