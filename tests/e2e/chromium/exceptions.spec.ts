/** Chromium only: a real restart with the same profile (Firefox's test install is temporary), and a message from a web page. */
import { test, expect } from '@playwright/test';
import { startSite, type SiteServer } from '../support/servers';
import { EXTENSION_ID, launch, removePolicy, waitForStatus, writePolicy, type Launched } from '../support/chromium';
import { basePolicy, schoolTimeAllDay, schoolTimeUntilMidnight } from '../support/policies';

let social: SiteServer;
let browser: Launched | undefined;
const hosts = () => ({ 'social.test': social.port, 'facebook.com': social.port, 'school.test': social.port });

test.beforeAll(async () => {
  social = await startSite('SOCIAL');
});
test.afterAll(() => social.close());
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await removePolicy();
});

async function staffBlocked(exceptions: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  await writePolicy(basePolicy({ role: 'staff', ...schoolTimeUntilMidnight(), exceptions: { approval: 'self', ...exceptions }, ...extra }));
  browser = await launch(hosts());
  await waitForStatus(browser.worker, (s) => s.parsed.present && s.role.role === 'staff' && s.action === 'block');
  return browser;
}

async function ask(page: import('@playwright/test').Page, opts: { minutes?: string; reason?: string; scope?: 'This site' | 'Just this page and below' } = {}) {
  await page.getByLabel(opts.scope ?? 'This site').check();
  if (opts.minutes) await page.getByLabel('How long').selectOption(opts.minutes);
  await page.getByLabel('Reason').fill(opts.reason ?? 'Year 4 lesson on staying safe online');
  await page.getByRole('button', { name: 'Request exception' }).click();
}

test('an exception survives a browser restart with the same profile', async () => {
  const b = await staffBlocked();
  const page = await b.context.newPage();
  await page.goto('http://social.test/feed');
  await ask(page, { minutes: '15' });
  await expect(page.locator('#site')).toHaveText('SOCIAL /feed');
  const profile = b.userDataDir;
  await b.context.close();

  browser = await launch(hosts(), { userDataDir: profile });
  await waitForStatus(browser.worker, (s) => s.parsed.present && s.role.role === 'staff');
  const again = await browser.context.newPage();
  await again.goto('http://social.test/after-restart');
  await expect(again.locator('#site')).toHaveText('SOCIAL /after-restart');
});

test('a request sent from a web page to the extension grants nothing', async () => {
  // Chromium lets a page address an extension by id (Firefox web pages have no such channel).
  await writePolicy(basePolicy({ role: 'staff', ...schoolTimeAllDay(), exceptions: { approval: 'self' } }));
  browser = await launch(hosts());
  await waitForStatus(browser.worker, (s) => s.parsed.present && s.action === 'block');
  const page = await browser.context.newPage();
  await page.goto('http://school.test/');
  await page.evaluate(async (id) => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } }).chrome?.runtime;
    await runtime
      ?.sendMessage?.(id, { type: 'exception:request', request: { url: 'http://social.test/feed', scope: 'site', minutes: 30, reason: 'forged from a web page', use: 'school' } })
      .catch(() => undefined);
  }, EXTENSION_ID);
  await page.waitForTimeout(500);
  const status = await waitForStatus(browser.worker, () => true);
  expect(status.exceptions).toEqual([]);
  social.reset();
  await page.goto('http://social.test/feed');
  await expect(page).toHaveURL(/blocked\.html/);
  expect(social.connections).toBe(0);
});
