/**
 * The shared driver over real Firefox ESR, through puppeteer-core and WebDriver BiDi.
 *
 * Two Firefox facts shape it: BiDi will not navigate to moz-extension:// itself, and Puppeteer
 * does not see those pages finish loading. So extension pages are reached the way a user's link
 * would reach them (from a web page to the web-accessible block page, then on), and every wait
 * is a poll of what the page itself reports.
 */
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { STATUS_KEY } from '../../../utils/status';
import type { HostMap } from './chromium';
import {
  FIND_BUTTONS,
  FIND_BY_LABEL,
  FIND_LINK,
  IS_VISIBLE,
  matches,
  poll,
  PAGE_READY,
  READ_LOG_ENTRIES,
  type BrowserUnderTest,
  type LaunchOptions,
  type Session,
  type Status,
  type Tab,
} from './driver';
import { downloadPrefs, FIREFOX_BASE, launchFirefox, removeFirefoxPolicy, writeFirefoxPolicy } from './firefox';
import { startSite } from './servers';

/** A plain web page every session can start from (Firefox needs one to reach extension pages). */
const LAUNCHPAD = 'http://launchpad.test/';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))]);
}

async function currentUrl(page: Page): Promise<string> {
  try {
    return await withTimeout(
      page.evaluate(() => location.href),
      1500,
    );
  } catch {
    return page.url();
  }
}

async function element(page: Page, find: string, what: string): Promise<ElementHandle<Element>> {
  return poll(
    async () => {
      const h = (await page.evaluateHandle(find)).asElement() as ElementHandle<Element> | null;
      // Only what takes input, as a person would find it: a block page's controls are inert until
      // its full page has started (components/first-paint.ts, utils/browser/page-starter.ts).
      return h && (await h.evaluate((el) => el.closest('[inert]') === null)) ? h : null;
    },
    (h) => h !== null,
    `${what} (not inert)`,
  ) as Promise<ElementHandle<Element>>;
}

const byLabel = (label: string) => `(${FIND_BY_LABEL.toString()})(${JSON.stringify(label)})`;
const buttons = (name: string) => `(${FIND_BUTTONS.toString()})(${JSON.stringify(name)})`;

function firefoxTab(page: Page, downloads: string): Tab {
  const tab: Tab = {
    async goto(url) {
      // Mark the page being left, to tell a new block page from the old one at the same address.
      await withTimeout(
        page.evaluate(() => {
          (window as unknown as { hallPassLeft?: boolean }).hallPassLeft = true;
        }),
        1500,
      ).catch(() => undefined);
      const navigation = page.goto(url, { timeout: 20_000 }).then(
        () => true,
        () => true,
      );
      // A navigation that ends on an extension page, or starts from one, never "finishes" for
      // Puppeteer: a new document that has loaded is the sign.
      const newDocumentLoaded = poll(
        () =>
          withTimeout(
            page.evaluate(() => [location.href, (window as unknown as { hallPassLeft?: boolean }).hallPassLeft === true, document.readyState] as const),
            1500,
          ),
        ([href, old, state]) => !old && href !== 'about:blank' && (href.startsWith(FIREFOX_BASE) || state === 'complete'),
        `reaching ${url}`,
        20_000,
      ).then(
        () => true,
        () => true,
      );
      await Promise.race([navigation, newDocumentLoaded]);
    },
    url: () => currentUrl(page),
    async waitForUrl(expected, timeoutMs = 10_000) {
      const url = await poll(tab.url, (u) => matches(u, expected, true), `address ${expected}`, timeoutMs);
      // A block or warning page is there for a user once its full page has drawn over the first paint.
      await poll(
        () => withTimeout(page.evaluate(PAGE_READY), 1500).catch(() => false),
        (ready) => ready,
        `the page at ${url} drawn`,
        timeoutMs,
      );
      return url;
    },
    waitForText: (selector, expected, timeoutMs = 15_000) =>
      poll(
        () =>
          withTimeout(
            page.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector),
            2000,
          ),
        (t) => matches(t, expected),
        `"${String(expected)}" in ${selector}`,
        timeoutMs,
      ),
    count: (selector) => page.evaluate((s) => document.querySelectorAll(s).length, selector),
    countButtons: (name) => page.evaluate(`${buttons(name)}.length`) as Promise<number>,
    attribute: (selector, name) => page.evaluate((s, n) => document.querySelector(s)?.getAttribute(n) ?? null, selector, name),
    async click(selector) {
      await (await element(page, `document.querySelector(${JSON.stringify(selector)})`, selector)).click();
    },
    async clickButton(name) {
      await (await element(page, `${buttons(name)}[0] ?? null`, `button "${name}"`)).click();
    },
    async fillLabel(label, value) {
      const control = await element(page, byLabel(label), `control labelled "${label}"`);
      await control.evaluate((el) => {
        (el as HTMLInputElement).value = '';
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await control.type(value);
    },
    async inputValue(label) {
      const control = await element(page, byLabel(label), `control labelled "${label}"`);
      return control.evaluate((el) => (el as HTMLInputElement).value);
    },
    async checkLabel(label) {
      await (await element(page, byLabel(label), `box labelled "${label}"`)).click();
    },
    async uncheckLabel(label) {
      const box = await element(page, byLabel(label), `box labelled "${label}"`);
      if (await box.evaluate((el) => (el as HTMLInputElement).checked)) await box.click();
    },
    async clickLink(name) {
      await (await element(page, `(${FIND_LINK.toString()})(${JSON.stringify(name)})`, `link "${name}"`)).click();
    },
    async selectLabel(label, value) {
      await (await element(page, byLabel(label), `list labelled "${label}"`)).select(value);
    },
    async open(name) {
      if (!(await currentUrl(page)).startsWith(FIREFOX_BASE)) {
        await page.goto(LAUNCHPAD);
        // The block page is web-accessible: a web page may open it, as a link would.
        await page.evaluate((target) => {
          location.href = target;
        }, `${FIREFOX_BASE}blocked.html`);
        await tab.waitForUrl(new RegExp(`^${FIREFOX_BASE}blocked\\.html`));
      }
      if (name === 'blocked.html') return;
      await page.evaluate((target) => {
        location.href = target;
      }, name);
      await tab.waitForUrl(new RegExp(`^${FIREFOX_BASE}${name.replace('.', '\\.')}`));
    },
    pdf: () => page.pdf(),
    isVisible: (selector) => page.evaluate(IS_VISIBLE, selector),
    async download(action) {
      const before = new Set(await fs.readdir(downloads));
      await action();
      // Firefox may write under a temporary name (or beside a .part file) and then rename: the
      // download is the new file that is still there, with no .part, at a size that holds still.
      const settled = async (name: string) => {
        const file = path.join(downloads, name);
        const first = await fs.stat(file).catch(() => null);
        await new Promise((r) => setTimeout(r, 300));
        const second = await fs.stat(file).catch(() => null);
        const partial = await fs.stat(`${file}.part`).then(
          () => true,
          () => false,
        );
        return first !== null && second !== null && first.size === second.size && second.size > 0 && !partial;
      };
      const filename = await poll(
        async () => {
          for (const name of await fs.readdir(downloads)) {
            if (!before.has(name) && !name.endsWith('.part') && (await settled(name))) return name;
          }
          return undefined;
        },
        (name) => name !== undefined,
        'a finished download',
      );
      return { filename: filename!, text: await fs.readFile(path.join(downloads, filename!), 'utf8') };
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    runScript: (source) => page.evaluate(source),
    press: (key) => page.keyboard.press(key as never),
    setViewport: (width, height) => page.setViewport({ width, height }),
    screenshot: async (file) => {
      await page.screenshot({ path: file as `${string}.png`, fullPage: true });
    },
    close: () => page.close(),
  };
  return tab;
}

/** A session with the puppeteer browser exposed, for what only Firefox has (about:addons). */
export interface FirefoxSession extends Session {
  browser: Browser;
}

export const firefoxUnderTest: BrowserUnderTest<FirefoxSession> = {
  name: 'firefox',
  writePolicy: (policy, browserPolicies) => writeFirefoxPolicy(policy, browserPolicies),
  removePolicy: removeFirefoxPolicy,
  async launch(hosts: HostMap, opts: LaunchOptions = {}): Promise<FirefoxSession> {
    const launchpad = await startSite('LAUNCHPAD');
    const downloads = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-downloads-'));
    const ff = await launchFirefox(
      { ...hosts, 'launchpad.test': launchpad.port },
      {
        userDataDir: opts.userDataDir,
        install: !opts.forcedInstall,
        extensionDir: opts.extensionDir,
        // ESR installs an unsigned add-on by policy only with this (a school signs its own build).
        prefs: { ...downloadPrefs(downloads), ...(opts.forcedInstall ? { 'xpinstall.signatures.required': false } : {}) },
      },
    );
    // An extension page kept open to read the extension's storage, as its own pages do.
    let probe: Tab | undefined;
    const probeTab = async () => {
      if (!probe) {
        probe = firefoxTab(await ff.browser.newPage(), downloads);
        await probe.open('blocked.html');
      }
      return probe;
    };
    return {
      base: FIREFOX_BASE,
      userDataDir: ff.userDataDir,
      browser: ff.browser,
      newTab: async () => firefoxTab(await ff.browser.newPage(), downloads),
      status: async () =>
        (await probeTab()).evaluate(
          async (key) =>
            (
              await (
                globalThis as unknown as { browser: { storage: { local: { get(k: string): Promise<Record<string, Status>> } } } }
              ).browser.storage.local.get(key)
            )[key],
          STATUS_KEY,
        ),
      storedEntries: async () => (await probeTab()).evaluate(READ_LOG_ENTRIES, null),
      inExtension: async (fn, arg) => (await probeTab()).evaluate(fn, arg),
      async typeAddress(url, endsOn, timeoutMs = 10_000) {
        // The address bar is browser chrome: reached through BiDi's chrome scope (the session is
        // started with -remote-allow-system-access), loading the address as the bar does.
        const connection = (
          ff.browser as unknown as {
            connection: { send(m: string, p: unknown): Promise<{ result: { contexts: { context: string }[]; result?: { value?: unknown } } }> };
          }
        ).connection;
        const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
        const context = tree.result.contexts[0]!.context;
        const answer = await connection.send('script.evaluate', {
          expression: `(async () => {
            const tab = gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
            gBrowser.selectedTab = tab;
            const ends = new RegExp(${JSON.stringify(endsOn.source)});
            const deadline = Date.now() + ${timeoutMs};
            while (Date.now() < deadline && !ends.test(tab.linkedBrowser.currentURI.spec)) await new Promise((r) => setTimeout(r, 100));
            return tab.linkedBrowser.currentURI.spec;
          })()`,
          target: { context },
          awaitPromise: true,
        });
        return String(answer.result.result?.value ?? '');
      },
      async withholdSiteAccess() {
        const removed = await (
          await probeTab()
        ).evaluate(
          () =>
            (globalThis as unknown as { browser: { permissions: { remove(p: unknown): Promise<boolean> } } }).browser.permissions.remove({
              origins: ['<all_urls>'],
            }),
          null,
        );
        if (!removed) throw new Error('Firefox kept the access to sites');
      },
      async close() {
        await ff.close();
        await launchpad.close();
        await fs.rm(downloads, { recursive: true, force: true });
      },
    };
  },
};
