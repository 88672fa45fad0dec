/** Real Chromium with the built extension and real managed policy files. */
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROME_EXTENSION_ID } from '../../../utils/extension-identity';
import { STATUS_KEY } from '../../../utils/status';
import type { ExtensionPageName, Status } from './driver';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const POLICY_DIR = '/etc/chromium/policies/managed';
export const POLICY_FILE = path.join(POLICY_DIR, 'hall-pass-test.json');
/** The one extension id (utils/extension-identity.ts), under the name bench/ imports it by. */
export const EXTENSION_ID = CHROME_EXTENSION_ID;
/** The extension's page base: chrome-extension://<id>/. */
export const EXTENSION_BASE = `chrome-extension://${CHROME_EXTENSION_ID}/`;

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
    args: [`--disable-extensions-except=${extensions}`, `--load-extension=${extensions}`, `--host-resolver-rules=${rules}`, ...(opts.extraArgs ?? [])],
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
  const ours = (w: Worker) => w.url().startsWith(EXTENSION_BASE);
  return context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 30_000 }));
}

export async function readStatus(worker: Worker): Promise<Status | undefined> {
  // The worker's own `chrome` global, not ours.
  return worker.evaluate(async (key) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, Status>> } } } }).chrome;
    return (await api.storage.local.get(key))[key];
  }, STATUS_KEY);
}

/** For bench/, which drives the worker directly; tests use the driver's waitForSessionStatus. */
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

/** For bench/: an extension page's address (tests open pages with the driver's Tab.open). */
export function extensionPage(page: ExtensionPageName) {
  return `${EXTENSION_BASE}${page}`;
}
