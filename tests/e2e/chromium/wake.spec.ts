/**
 * Chromium only: ordinary browsing does not start a stopped service worker (its listeners are
 * fitted to the networks in force), while a blocked page still does, and is logged.
 */
import { test, expect } from '@playwright/test';
import { useSites } from '../support/sites';
import { useBrowser } from '../support/browsers';
import { countWorkerStarts } from '../support/chromium-cdp';
import { chromiumUnderTest } from '../support/chromium-driver';
import { basePolicy } from '../support/policies';

const sites = useSites();
const chromium = useBrowser(chromiumUnderTest);

test('ordinary pages do not wake a stopped worker; a blocked page does, lands on the block page and is logged', async () => {
  const s = await chromium.start(basePolicy({ role: 'pupil' }), sites.hosts(), (st) => st.parsed.present && st.role.role === 'pupil' && st.action === 'block');
  // No timer may start it during the test: it makes its alarms again when it next starts.
  await s.inExtension(() => (globalThis as unknown as { chrome: { alarms: { clearAll(): Promise<boolean> } } }).chrome.alarms.clearAll(), null);
  const tab = await s.newTab();
  const starts = await countWorkerStarts(s);
  await s.stopBackground!();

  for (let i = 0; i < 5; i++) {
    await tab.goto(`http://school.test/lesson/${i}`);
    await tab.waitForText('#site', `SCHOOL /lesson/${i}`);
  }
  // Give a start that the navigations might have caused time to be reported.
  await new Promise((r) => setTimeout(r, 1000));
  expect(starts()).toBe(0);

  await tab.goto('http://facebook.com/while-stopped');
  await tab.waitForUrl(`${s.base}blocked.html#http://facebook.com/while-stopped`);
  await tab.waitForText('h1', 'Facebook');
  await expect.poll(starts).toBeGreaterThan(0);
  await expect.poll(async () => (await s.storedEntries()).filter((e) => e.event === 'blocked').length, { timeout: 15_000 }).toBe(1);
  expect(sites.social.connections).toBe(0);
});
