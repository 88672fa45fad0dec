/** The shared driver over real Chromium, through Playwright. */
import type { Page } from '@playwright/test';
import fs from 'node:fs/promises';
import { EXTENSION_ID, extensionWorker, launch, readStatus, removePolicy, stopServiceWorker, writePolicy, type HostMap } from './chromium';
import { IS_VISIBLE, matches, poll, READ_LOG_ENTRIES, type BrowserUnderTest, type Session, type Tab } from './driver';

const BASE = `chrome-extension://${EXTENSION_ID}/`;

function chromiumTab(page: Page): Tab {
  const tab: Tab = {
    async goto(url) {
      // An HSTS-upgraded site on a plain local server fails to load: the tab still went there.
      await page.goto(url).catch(() => undefined);
    },
    url: async () => page.url(),
    waitForUrl: (expected, timeoutMs = 10_000) => poll(tab.url, (u) => matches(u, expected, true), `address ${expected}`, timeoutMs),
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
    fillLabel: (label, value) => page.getByLabel(label, { exact: true }).fill(value),
    checkLabel: (label) => page.getByLabel(label, { exact: true }).check(),
    inputValue: (label) => page.getByLabel(label, { exact: true }).inputValue(),
    selectLabel: async (label, value) => {
      await page.getByLabel(label, { exact: true }).selectOption(value);
    },
    open: async (name) => {
      await page.goto(`${BASE}${name}`);
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
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    screenshot: async (file) => {
      await page.screenshot({ path: file, fullPage: true });
    },
    close: () => page.close(),
  };
  return tab;
}

export const chromiumUnderTest: BrowserUnderTest = {
  name: 'chromium',
  writePolicy: (policy, browserPolicies) => writePolicy(policy, browserPolicies),
  removePolicy,
  async launch(hosts: HostMap, opts = {}): Promise<Session> {
    if (opts.forcedInstall) throw new Error('Chromium forced installs need an update server: see chromium/forced-install.spec.ts');
    const b = await launch(hosts, { userDataDir: opts.userDataDir, extensionDir: opts.extensionDir });
    return {
      base: BASE,
      userDataDir: b.userDataDir,
      newTab: async () => chromiumTab(await b.context.newPage()),
      status: async () => readStatus(await extensionWorker(b.context)),
      storedEntries: async () =>
        (await extensionWorker(b.context)).evaluate(
          READ_LOG_ENTRIES,
        ),
      async withholdSiteAccess() {
        const page = await b.context.newPage();
        await page.goto(`chrome://extensions/?id=${EXTENSION_ID}`);
        // Playwright's CSS engine pierces the open shadow roots of the extensions page.
        await page.locator('extensions-manager extensions-detail-view select#hostAccess').selectOption({ label: 'On click' });
        await page.close();
      },
      async typeAddress(url, endsOn, timeoutMs = 10_000) {
        const page = await b.context.newPage();
        await page.goto(url).catch(() => undefined);
        return poll(async () => page.url(), (u) => endsOn.test(u), `the tab to settle on ${endsOn}`, timeoutMs).catch(() => page.url());
      },
      inExtension: async (fn, arg) => (await extensionWorker(b.context)).evaluate(fn as never, arg) as never,
      stopBackground: async () => stopServiceWorker(b.context, b.context.pages()[0] ?? (await b.context.newPage())),
      close: () => b.close(),
    };
  },
};
