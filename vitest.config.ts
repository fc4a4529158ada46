import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The framework conformance suite has its own command: npm run test:frameworks.
    exclude: ['test/frameworks/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are heavy (WASM); two cores, so keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
