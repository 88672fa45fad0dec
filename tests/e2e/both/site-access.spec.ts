/**
 * A user can take away an extension's access to sites (Chromium: chrome://extensions → Site
 * access; Firefox: about:addons → Permissions). The browser then ignores redirects to the block
 * page; Hall Pass must still block, show its own block page, log the attempt, and tell the admin.
 */
import { test, expect } from '@playwright/test';
import { BROWSERS, useBrowser } from '../support/browsers';
import { waitForSessionStatus } from '../support/driver';
import { basePolicy } from '../support/policies';
import { useSites } from '../support/sites';

const sites = useSites({ '/links': '<!doctype html><a id="fb" href="http://facebook.com/groups/year6">Facebook group</a>' });

for (const b of BROWSERS) {
  test.describe(b.name, () => {
    const { start } = useBrowser(b);

    test('with access to sites taken away, listed sites are still blocked with no connection, shown the block page and logged', async () => {
      const s = await start(basePolicy({ role: 'pupil' }), sites.hosts(), (st) => st.parsed.present && st.siteAccess);
      await s.withholdSiteAccess();
      await waitForSessionStatus(s, (st) => !st.siteAccess);

      // The admin sees it in red, with the way back.
      const status = await s.newTab();
      await status.open('status.html');
      await status.waitForText('[data-testid="self-check"]', 'Access to sites');
      await expect.poll(() => status.attribute('[data-check="hosts"]', 'data-state')).toBe('bad');
      await status.waitForText('[data-check="hosts"]', b.name === 'firefox' ? 'about:addons' : 'chrome://extensions');
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
      expect(sites.social.connections, `requests seen: ${sites.social.requests.join(', ')}`).toBe(0);
      await expect
        .poll(async () => (await s.storedEntries()).map((e) => `${e.event} ${e.host}${e.path}`))
        .toEqual(['blocked facebook.com/profile', 'blocked facebook.com/groups/year6', 'blocked social.test/feed']);
    });
  });
}
