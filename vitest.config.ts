import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The database tests do real work (1,000 appends); a busy CI machine must not fail them on time alone.
    testTimeout: 30_000,
  },
});
