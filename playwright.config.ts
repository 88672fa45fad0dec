import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  // Managed policy lives in one global directory: one browser at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: { actionTimeout: 15_000 },
  // A test that fails once and then passes is reported as flaky in the output (seen, not hidden);
  // one that fails twice fails the run. Real browsers on a busy 2-core machine have timing hiccups.
  retries: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
});
