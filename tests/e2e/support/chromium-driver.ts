/** The shared driver over real Chromium, through Playwright. */
import type { BrowserContext, Page } from '@playwright/test';
import fs from 'node:fs/promises';
import { CHROME_EXTENSION_ID } from '../../../utils/extension-identity';
import { EXTENSION_BASE as BASE, extensionWorker, launch, readStatus, removePolicy, writePolicy, type HostMap } from './chromium';
import { stopServiceWorker } from './chromium-cdp';
import { IS_VISIBLE, matches, PAGE_READY, poll, READ_LOG_ENTRIES, type BrowserUnderTest, type LaunchOptions, type Session, type Tab } from './driver';

function chromiumTab(page: Page): Tab {
  // A form control only: a section labelled with the same words (aria-labelledby) is not one.
  const control = (label: string) => page.getByLabel(label, { exact: true }).and(page.locator('input, textarea, select'));
  const tab: Tab = {
    async goto(url) {
      // An HSTS-upgraded site on a plain local server fails to load: the tab still went there.
      await page.goto(url).catch(() => undefined);
    },
    url: async () => page.url(),
    async waitForUrl(expected, timeoutMs = 10_000) {
      const url = await poll(tab.url, (u) => matches(u, expected, true), `address ${expected}`, timeoutMs);
      // A block or warning page is there for a user once its full page has drawn over the first paint.
      await poll(
        () => page.evaluate(PAGE_READY).catch(() => false),
        (ready) => ready,
        `the page at ${url} drawn`,
        timeoutMs,
      );
      return url;
    },
    waitForText: (selector, expected, timeoutMs = 15_000) =>
      poll(
        async () => (await page.locator(selector).first().textContent({ timeout: 1000 })) ?? '',
        (t) => matches(t, expected),
        `"${String(expected)}" in ${selector}`,
        timeoutMs,
      ),
    count: (selector) => page.locator(selector).count(),
    countButtons: (name) => page.getByRole('button', { name, exact: true }).count(),
    attribute: (selector, name) => page.locator(selector).first().getAttribute(name),
    click: (selector) => page.locator(selector).first().click(),
    clickButton: (name) => page.getByRole('button', { name, exact: true }).click(),
    fillLabel: (label, value) => control(label).fill(value),
    checkLabel: (label) => control(label).check(),
    uncheckLabel: (label) => control(label).uncheck(),
    clickLink: (name) => page.getByRole('link', { name, exact: true }).click(),
    inputValue: (label) => control(label).inputValue(),
    selectLabel: async (label, value) => {
      await control(label).selectOption(value);
    },
    open: async (name) => {
      await page.goto(`${BASE}${name}`);
      await poll(
        () => page.evaluate(PAGE_READY).catch(() => false),
        (ready) => ready,
        `${name} drawn`,
        10_000,
      );
    },
    emulatePrint: () => page.emulateMedia({ media: 'print' }),
    pdf: () => page.pdf(),
    isVisible: (selector) => page.evaluate(IS_VISIBLE, selector),
    async download(action) {
      const [d] = await Promise.all([page.waitForEvent('download'), action()]);
      return { filename: d.suggestedFilename(), text: await fs.readFile((await d.path())!, 'utf8') };
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    runScript: (source) => page.evaluate(source),
    press: (key) => page.keyboard.press(key),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    screenshot: async (file) => {
      await page.screenshot({ path: file, fullPage: true });
    },
    close: () => page.close(),
  };
  return tab;
}

/** A Chromium session, with its Playwright context for what only Chromium can do (see chromium-cdp.ts). */
export interface ChromiumSession extends Session {
  context: BrowserContext;
}

/**
 * The shared Session over a running Chromium with Hall Pass in it, however it was installed
 * (--load-extension here, a forced install in forced-install.ts).
 */
export function chromiumSession(context: BrowserContext, userDataDir: string, close: () => Promise<void>): ChromiumSession {
  return {
    base: BASE,
    userDataDir,
    context,
    newTab: async () => chromiumTab(await context.newPage()),
    status: async () => readStatus(await extensionWorker(context)),
    storedEntries: async () => (await extensionWorker(context)).evaluate(READ_LOG_ENTRIES),
    async withholdSiteAccess() {
      const page = await context.newPage();
      await page.goto(`chrome://extensions/?id=${CHROME_EXTENSION_ID}`);
      // Playwright's CSS engine pierces the open shadow roots of the extensions page.
      await page.locator('extensions-manager extensions-detail-view select#hostAccess').selectOption({ label: 'On click' });
      await page.close();
    },
    async typeAddress(url, endsOn, timeoutMs = 10_000) {
      const page = await context.newPage();
      await page.goto(url).catch(() => undefined);
      return poll(
        async () => page.url(),
        (u) => endsOn.test(u),
        `the tab to settle on ${endsOn}`,
        timeoutMs,
      ).catch(() => page.url());
    },
    inExtension: async (fn, arg) => (await extensionWorker(context)).evaluate(fn as never, arg) as never,
    stopBackground: () => stopServiceWorker(context),
    close,
  };
}

export const chromiumUnderTest: BrowserUnderTest<ChromiumSession> = {
  name: 'chromium',
  writePolicy: (policy, browserPolicies) => writePolicy(policy, browserPolicies),
  removePolicy,
  async launch(hosts: HostMap, opts: LaunchOptions = {}): Promise<ChromiumSession> {
    if (opts.forcedInstall) throw new Error('Chromium forced installs need an update server: see support/forced-install.ts');
    const b = await launch(hosts, { userDataDir: opts.userDataDir, extensionDir: opts.extensionDir });
    return chromiumSession(b.context, b.userDataDir, () => b.close());
  },
};
