/** Real Chromium with the built extension and real managed policy files. */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROME_EXTENSION_ID } from '../../../utils/extension-identity';
import { STATUS_KEY } from '../../../utils/status';
import type { Status } from './driver';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const POLICY_DIR = '/etc/chromium/policies/managed';
export const POLICY_FILE = path.join(POLICY_DIR, 'hall-pass-test.json');
export const EXTENSION_ID = CHROME_EXTENSION_ID;

/** Hosts the tests use, all answered by local servers. Social ones are catalogue domains. */
export const SOCIAL_HOSTS = ['facebook.com', 'x.com', 'youtube.com', 'www-facebook-com.translate.goog', 'social.test'];

/** Writes the extension's managed policy as an admin would (root-owned JSON in the policy dir). */
export async function writePolicy(policy: Record<string, unknown> | null, browserPolicy: Record<string, unknown> = {}) {
  await fs.mkdir(POLICY_DIR, { recursive: true });
  const body = { ...browserPolicy, ...(policy ? { '3rdparty': { extensions: { [EXTENSION_ID]: policy } } } : {}) };
  await fs.writeFile(POLICY_FILE, JSON.stringify(body, null, 2));
}

export async function removePolicy() {
  await fs.rm(POLICY_FILE, { force: true });
}

export interface HostMap {
  [host: string]: number;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  userDataDir: string;
  close(): Promise<void>;
}

export async function launch(
  hosts: HostMap,
  opts: {
    userDataDir?: string;
    extraArgs?: string[];
    /** Other unpacked extensions to load beside ours. */
    otherExtensions?: string[];
    /** A build to load in place of .output/chrome-mv3 (with the same key, so the same id). */
    extensionDir?: string;
  } = {},
): Promise<Launched> {
  const userDataDir = opts.userDataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-')));
  const extensions = [opts.extensionDir ?? EXTENSION_DIR, ...(opts.otherExtensions ?? [])].join(',');
  const rules = Object.entries(hosts)
    .flatMap(([host, port]) => [`MAP ${host} 127.0.0.1:${port}`, `MAP *.${host} 127.0.0.1:${port}`])
    .join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensions}`,
      `--load-extension=${extensions}`,
      `--host-resolver-rules=${rules}`,
      ...(opts.extraArgs ?? []),
    ],
  });
  const worker = await extensionWorker(context);
  return {
    context,
    worker,
    userDataDir,
    close: async () => {
      await context.close();
      if (!opts.userDataDir) await fs.rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const found = context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID));
  return found ?? (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(EXTENSION_ID) }));
}


export async function readStatus(worker: Worker): Promise<Status | undefined> {
  // The worker's own `chrome` global, not ours.
  return worker.evaluate(async (key) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, Status>> } } } }).chrome;
    return (await api.storage.local.get(key))[key];
  }, STATUS_KEY);
}

/** Waits until the background has applied a policy that satisfies `ready` (managed policy takes seconds). */
export async function waitForStatus(worker: Worker, ready: (s: Status) => boolean, timeoutMs = 30_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  let last: Status | undefined;
  while (Date.now() < deadline) {
    last = await readStatus(worker);
    if (last && ready(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`status never became ready; last: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

export function extensionPage(page: 'blocked.html' | 'warn.html' | 'options.html' | 'popup.html' | 'dsl.html' | 'builder.html') {
  return `chrome-extension://${EXTENSION_ID}/${page}`;
}

/** Where a tab ended up after a navigation that the extension may redirect. */
export async function settledUrl(page: Page, matches: (url: string) => boolean, timeoutMs = 10_000): Promise<string> {
  await page.waitForURL((u) => matches(u.href), { timeout: timeoutMs });
  return page.url();
}

/**
 * Stops the extension's service worker as Chromium does when it idles. Playwright's handle to it
 * goes stale; the worker starts again on its next event (an alarm, a message, a page).
 */
export async function stopServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.scriptURL.includes(EXTENSION_ID) && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}
