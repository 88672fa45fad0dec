import { defineConfig } from '@playwright/test';

/** npm run screenshots: every page in real Chromium, in each role and language, as PNGs in docs/screenshots/. */
export default defineConfig({
  testDir: 'tests/screenshots',
  testMatch: '*.shots.ts',
  workers: 1,
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
});
