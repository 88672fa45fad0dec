/**
 * Chromium only: ordinary browsing does not start a stopped service worker (its listeners are
 * fitted to the networks in force), while a blocked page still does, and is logged.
 */
import { test, expect, type CDPSession } from '@playwright/test';
import { useSites } from '../support/sites';
import { EXTENSION_ID, extensionPage, extensionWorker, launch, removePolicy, stopServiceWorker, waitForStatus, writePolicy, type Launched } from '../support/chromium';
import { READ_LOG_ENTRIES } from '../support/driver';
import { basePolicy } from '../support/policies';

const sites = useSites();
let browser: Launched | undefined;

test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await removePolicy();
});

/** Counts the times the extension's worker starts, from now on. */
async function countStarts(cdp: CDPSession): Promise<() => number> {
  let starts = 0;
  const last = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.includes(EXTENSION_ID)) continue;
      if (v.runningStatus === 'starting' && last.get(v.versionId) !== 'starting') starts += 1;
      last.set(v.versionId, v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return () => starts;
}

test('ordinary pages do not wake a stopped worker; a blocked page does, lands on the block page and is logged', async () => {
  await writePolicy(basePolicy({ role: 'pupil' }));
  browser = await launch(sites.hosts());
  await waitForStatus(browser.worker, (s) => s.parsed.present && s.role.role === 'pupil' && s.action === 'block');
  // No timer may start it during the test: it makes its alarms again when it next starts.
  await browser.worker.evaluate(() => (globalThis as unknown as { chrome: { alarms: { clearAll(): Promise<boolean> } } }).chrome.alarms.clearAll());
  const page = await browser.context.newPage();
  const starts = await countStarts(await browser.context.newCDPSession(page));
  await stopServiceWorker(browser.context, page);

  for (let i = 0; i < 5; i++) {
    await page.goto(`http://school.test/lesson/${i}`);
    await expect(page.locator('#site')).toHaveText(`SCHOOL /lesson/${i}`);
  }
  // Give a start that the navigations might have caused time to be reported.
  await page.waitForTimeout(1000);
  expect(starts()).toBe(0);

  await page.goto('http://facebook.com/while-stopped');
  await expect(page).toHaveURL(`${extensionPage('blocked.html')}#http://facebook.com/while-stopped`);
  await expect(page.locator('h1')).toContainText('Facebook');
  await expect.poll(starts).toBeGreaterThan(0);
  const worker = await extensionWorker(browser.context);
  await expect
    .poll(async () => (await worker.evaluate(READ_LOG_ENTRIES)).filter((e) => e.event === 'blocked').length, { timeout: 15_000 })
    .toBe(1);
  expect(sites.social.connections).toBe(0);
});
