/**
 * Real Firefox ESR with the built extension and a real enterprise policies.json, driven by
 * puppeteer-core over WebDriver BiDi (Playwright cannot drive this Firefox).
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GECKO_ID } from '../../../utils/extension-identity';
import type { HostMap } from './chromium';

export const FIREFOX_EXTENSION_DIR = path.resolve('.output/firefox-mv3');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Firefox reads enterprise policy from the distribution folder beside the binary. */
export const FIREFOX_POLICY_FILE = process.env.FIREFOX_POLICY_FILE ?? '/usr/lib/firefox-esr/distribution/policies.json';
/** Fixed so test URLs are known before launch (Firefox gives each install a random one). */
export const FIREFOX_UUID = '6f1c2b0e-7a51-4d3c-9a8e-3c5d2f1b4a70';
export const FIREFOX_BASE = `moz-extension://${FIREFOX_UUID}/`;

export async function writeFirefoxPolicy(policy: Record<string, unknown> | null, browserPolicies: Record<string, unknown> = {}) {
  await fs.mkdir(path.dirname(FIREFOX_POLICY_FILE), { recursive: true });
  const policies = { ...browserPolicies, ...(policy ? { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } : {}) };
  await fs.writeFile(FIREFOX_POLICY_FILE, JSON.stringify({ policies }, null, 2));
}

export async function removeFirefoxPolicy() {
  await fs.rm(FIREFOX_POLICY_FILE, { force: true });
}

/**
 * Firefox has no host-resolver flag. A PAC script sends each test host to its local server as
 * an HTTP proxy, so every TCP connection meant for a "social" host lands on that server and is
 * counted; everything else but 127.0.0.1 is refused.
 */
export function pacScript(hosts: HostMap): string {
  const lines = Object.entries(hosts).map(
    ([host, port]) => `if (h === ${JSON.stringify(host)} || dnsDomainIs(h, ${JSON.stringify('.' + host)})) return "PROXY 127.0.0.1:${port}";`,
  );
  // A fully qualified name (`facebook.com.`) is the same host: it must be counted too.
  // 127.0.0.1 itself (the school hub in the hub tests) is reached directly.
  return `function FindProxyForURL(u, h) { h = h.toLowerCase().replace(/\\.$/, ''); ${lines.join(' ')} if (h === "127.0.0.1") return "DIRECT"; return "PROXY 127.0.0.1:9"; }`;
}

export function firefoxPrefs(hosts: HostMap): Record<string, unknown> {
  return {
    'network.proxy.type': 2,
    'network.proxy.autoconfig_url': `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(pacScript(hosts))}`,
    'network.proxy.allow_hijacking_localhost': true,
    // Network prediction is left at Firefox's default: turning it off is the extension's job
    // (privacy.network.networkPredictionEnabled), and the connection counts test that.
    // HTTPS-only and HSTS upgrades would send plain test pages to port 443.
    'dom.security.https_only_mode': false,
    'network.stricttransportsecurity.preloadlist': false,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
  };
}

export interface LaunchedFirefox {
  browser: Browser;
  userDataDir: string;
  close(): Promise<void>;
}

/** Where this profile's downloads land, without asking. */
export function downloadPrefs(dir: string): Record<string, unknown> {
  return {
    'browser.download.folderList': 2,
    'browser.download.dir': dir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.helperApps.neverAsk.saveToDisk': 'text/csv,application/json',
  };
}

export async function launchFirefox(
  hosts: HostMap,
  opts: {
    install?: boolean;
    userDataDir?: string;
    prefs?: Record<string, unknown>;
    /** A build to install in place of .output/firefox-mv3. */ extensionDir?: string;
  } = {},
): Promise<LaunchedFirefox> {
  const userDataDir = opts.userDataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-ff-')));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    userDataDir,
    extraPrefsFirefox: { ...firefoxPrefs(hosts), ...(opts.prefs ?? {}) },
    // Lets a test reach the address bar (browser chrome) through WebDriver BiDi.
    args: ['-remote-allow-system-access'],
  });
  if (opts.install ?? true) await browser.installExtension(opts.extensionDir ?? FIREFOX_EXTENSION_DIR);
  return {
    browser,
    userDataDir,
    close: async () => {
      await browser.close();
      if (!opts.userDataDir) await fs.rm(userDataDir, { recursive: true, force: true });
    },
  };
}
