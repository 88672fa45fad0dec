/**
 * Firefox lets a user withhold an MV3 extension's access to sites (about:addons → Permissions).
 * Redirects to the block page are then ignored by the browser; Hall Pass must still block,
 * show its own block page, log the attempt, and tell the admin on the status page.
 */
import { test, expect } from '@playwright/test';
import { firefoxUnderTest as firefox } from '../support/firefox-driver';
import { useBrowser } from '../support/browsers';
import { waitForSessionStatus } from '../support/driver';
import { basePolicy } from '../support/policies';
import { startSite, type SiteServer } from '../support/servers';

let social: SiteServer;
let ordinary: SiteServer;
const hosts = () => ({ 'facebook.com': social.port, 'social.test': social.port, 'school.test': ordinary.port });

test.beforeAll(async () => {
  social = await startSite('SOCIAL');
  ordinary = await startSite('SCHOOL', { '/links': '<!doctype html><a id="fb" href="http://facebook.com/groups/year6">Facebook group</a>' });
});
test.afterAll(async () => {
  await social.close();
  await ordinary.close();
});

const { start } = useBrowser(firefox);

test('with access to sites taken away, listed sites are still blocked with no connection, shown the block page and logged', async () => {
  const s = await start(basePolicy({ role: 'pupil' }), hosts(), (st) => st.parsed.present && st.siteAccess);
  const status = await s.newTab();
  await status.open('options.html');
  await status.waitForText('[data-testid="self-check"]', 'Access to sites');
  // What a user does in about:addons, done by the extension's own page.
  const removed = await status.evaluate(
    () =>
      (globalThis as unknown as { browser: { permissions: { remove(p: unknown): Promise<boolean> } } }).browser.permissions.remove({
        origins: ['<all_urls>'],
      }),
    null,
  );
  expect(removed).toBe(true);
  await waitForSessionStatus(s, (st) => !st.siteAccess);

  // The admin sees it in red, with the way back.
  await expect.poll(() => status.attribute('[data-check="hosts"]', 'data-state')).toBe('bad');
  await status.waitForText('[data-check="hosts"]', 'about:addons');
  expect(await status.countButtons('Grant access to sites')).toBe(1);

  const tab = await s.newTab();
  await tab.goto('http://facebook.com/profile?id=7');
  await tab.waitForUrl(`${s.base}blocked.html#http://facebook.com/profile?id=7`);
  await tab.waitForText('h1', 'Facebook is closed on school computers');
  await tab.goto('http://school.test/links');
  await tab.click('#fb');
  await tab.waitForUrl(`${s.base}blocked.html#http://facebook.com/groups/year6`);
  // An extra site, which the static floor does not know.
  await tab.goto('http://social.test/feed');
  await tab.waitForUrl(`${s.base}blocked.html#http://social.test/feed`);
  expect(social.connections, `requests seen: ${social.requests.join(', ')}`).toBe(0);
  await expect
    .poll(async () => (await s.storedEntries()).map((e) => `${e.event} ${e.host}${e.path}`))
    .toEqual(['blocked facebook.com/profile', 'blocked facebook.com/groups/year6', 'blocked social.test/feed']);
});
