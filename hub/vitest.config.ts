import { defineConfig } from 'vitest/config';

// The hub's tests start real PostgreSQL clusters and PGlite: one file at a time, and generous
// timeouts (these are ceilings for a loaded machine, not timings the tests assert).
export default defineConfig({
  test: {
    include: ['hub/tests/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
