/**
 * `npm start` opens Chromium with Hall Pass loaded and `npm run dev:firefox` opens Firefox ESR with it,
 * as the README says; Ctrl+C closes the browser and ends the command. Run under a virtual display.
 */
import { chromium, expect, test } from '@playwright/test';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { browser } from 'wxt/browser';
import { CHROME_EXTENSION_ID, GECKO_ID } from '../../../utils/extension-identity';
import { CHROMIUM } from '../support/chromium';
import { FIREFOX } from '../support/firefox';
import { firefoxAddons, freePort, isRunning, startDev, type FirefoxAddon } from '../support/dev-runner';

test.setTimeout(180_000);

/** The extension API inside the service worker (WXT's types; functions passed to evaluate run there). */
type InWorker = { chrome: typeof browser };

test('npm start opens Chromium with the extension, its service worker enforcing the defaults', async () => {
  const port = await freePort();
  // Port 0: Chromium picks a free debugging port and writes it to DevToolsActivePort in its profile.
  const run = await startDev(['start', '--', '--port', String(port)], 'CHROMIUM_PATH', CHROMIUM, ['--remote-debugging-port=0']);
  let pid = 0;
  try {
    const endpoint = await pollFor(async () => {
      const b = await run.browser();
      const dataDir = b?.args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
      if (!b || !dataDir) return null;
      pid = b.pid;
      const file = await fs.readFile(path.join(dataDir, 'DevToolsActivePort'), 'utf8').catch(() => '');
      return file.split('\n')[0] ? `http://127.0.0.1:${file.split('\n')[0]}` : null;
    }, run.output);
    const browser = await chromium.connectOverCDP(endpoint);
    try {
      const context = browser.contexts()[0]!;
      const isOurs = (w: { url(): string }) => w.url() === `chrome-extension://${CHROME_EXTENSION_ID}/background.js`;
      const worker = context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 60_000 }));
      // The worker has run its start: the policy layer (defaults: a pupil, every network blocked) is in force.
      await expect
        .poll(() => worker.evaluate(async () => (await (globalThis as unknown as InWorker).chrome.declarativeNetRequest.getDynamicRules()).length), {
          timeout: 60_000,
        })
        .toBeGreaterThan(0);
      expect(await worker.evaluate(() => (globalThis as unknown as InWorker).chrome.runtime.getManifest().name)).toBe('Hall Pass');
      await expect.poll(run.output, { timeout: 60_000 }).toContain('Opened browser');
    } finally {
      await browser.close(); // only disconnects: the browser belongs to npm start
    }
  } finally {
    await run.stop();
  }
  await expect.poll(() => isRunning(pid), { timeout: 30_000 }).toBe(false);
});

test('npm run dev:firefox opens Firefox ESR with the extension, its background running', async () => {
  const port = await freePort();
  const run = await startDev(['run', 'dev:firefox', '--', '--port', String(port)], 'FIREFOX_PATH', FIREFOX);
  let pid = 0;
  try {
    // web-ext starts Firefox with -start-debugger-server PORT and installs the build through it.
    const addon = await pollFor(async () => {
      const b = await run.browser();
      const i = b?.args.indexOf('-start-debugger-server') ?? -1;
      if (!b || i < 0) return null;
      pid = b.pid;
      const addons: FirefoxAddon[] = await firefoxAddons(Number(b.args[i + 1])).catch(() => []);
      const ours = addons.find((a) => a.id === GECKO_ID);
      return ours?.backgroundScriptStatus === 'RUNNING' ? ours : null;
    }, run.output);
    expect(addon.temporarilyInstalled).toBe(true);
    await expect.poll(run.output, { timeout: 60_000 }).toContain('Opened browser');
  } finally {
    await run.stop();
  }
  await expect.poll(() => isRunning(pid), { timeout: 30_000 }).toBe(false);
});

/** Polls `probe` every half second for up to two minutes (a cold build plus a browser start). */
async function pollFor<T>(probe: () => Promise<T | null>, output: () => string): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for the browser:\n${output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
