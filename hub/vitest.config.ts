import { defineConfig } from 'vitest/config';

// The hub's tests start real PostgreSQL clusters: run them one file at a time on a shared machine.
export default defineConfig({
  test: {
    include: ['hub/tests/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
