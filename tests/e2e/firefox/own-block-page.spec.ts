/**
 * Firefox: a pupil is sent to the blocked network's own page, which has its words in its HTML and
 * no script before its load event (utils/core/static-pages.ts); the background then starts the
 * full page on it. What the pupil sees and can do, what is logged, and who is not sent there.
 */
import { test, expect } from '@playwright/test';
import { useSites } from '../support/sites';
import { useBrowser } from '../support/browsers';
import { firefoxUnderTest as firefox } from '../support/firefox-driver';
import { basePolicy, schoolTimeAllDay } from '../support/policies';
import { poll } from '../support/driver';
import type { Session } from '../support/driver';

const sites = useSites({});
const hosts = sites.hosts;

const attempts = async (s: Session) =>
  (await s.storedEntries()).filter((e) => e.event === 'blocked').map((e) => `${e.event} ${e.networkId ?? ''} ${e.host}${e.path}`);

test.describe('firefox', () => {
  const { start } = useBrowser(firefox);

  test("a pupil lands on the network's own page: its words come with the HTML, then the full page takes over, and the attempt is logged once", async () => {
    const s = await start(basePolicy({ role: 'pupil' }), hosts(), (st) => st.parsed.present && st.role.role === 'pupil');
    const tab = await s.newTab();
    await tab.goto('http://facebook.com/groups/year6');
    await tab.waitForUrl(`${s.base}blocked-facebook.html#http://facebook.com/groups/year6`);

    // The page as the browser received it: the pupil's words, and no script at all.
    const served = await tab.evaluate(() => fetch(location.href).then((r) => r.text()), null);
    expect(served).toContain('<h1 id="title">Facebook is closed on school computers</h1>');
    expect(served).not.toMatch(/<script/i);
    expect(served).not.toContain('Ash Grove Academy');

    // The background has started the full page: the school's name, the address, usable buttons.
    await expect.poll(() => tab.attribute('#app', 'data-ready')).toBe('true');
    await tab.waitForText('h1', 'Facebook is closed on school computers');
    await tab.waitForText('.school-name', 'Ash Grove Academy');
    await tab.waitForText('[data-testid="blocked-address"]', 'http://facebook.com/groups/year6');
    expect(await tab.attribute('#app', 'inert')).toBeNull();
    await tab.clickButton('Tell someone you trust');
    await tab.waitForText('.report', 'What happened?');

    expect(
      await poll(
        () => attempts(s),
        (a) => a.length > 0,
        'the attempt in the log',
      ),
    ).toEqual(['blocked facebook facebook.com/groups/year6']);
    expect(sites.social.connections).toBe(0);

    // A reload (or a restored session) starts the full page again and logs nothing more.
    await tab.evaluate(() => location.reload(), null);
    await expect.poll(() => tab.evaluate(() => document.getElementById('app')?.dataset.ready ?? null, null)).toBe('true');
    await tab.waitForText('[data-testid="blocked-address"]', 'http://facebook.com/groups/year6');
    expect(await attempts(s)).toHaveLength(1);

    // An extra site has no page of its own: the shared block page, as before.
    await tab.goto('http://social.test/feed');
    await tab.waitForUrl(`${s.base}blocked.html#http://social.test/feed`);
    await tab.waitForText('[data-testid="blocked-address"]', 'http://social.test/feed');
  });

  test('an attempt whose page the pupil leaves at once, before it has loaded, is still logged', async () => {
    const s = await start(basePolicy({ role: 'pupil' }), hosts(), (st) => st.parsed.present && st.role.role === 'pupil');
    const tab = await s.newTab();
    // Each time straight on to an allowed page: the network's page may never finish loading, so
    // only the background's fallback (half a second) makes the entry.
    for (const p of ['/a', '/b', '/c', '/d', '/e']) {
      await tab.goto(`http://facebook.com${p}`);
      await tab.goto('http://school.test/');
    }
    await expect
      .poll(async () => (await attempts(s)).sort(), { timeout: 20_000 })
      .toEqual(['a', 'b', 'c', 'd', 'e'].map((p) => `blocked facebook facebook.com/${p}`));
    expect(sites.social.connections).toBe(0);
  });

  test('staff, and a pupil whose school offers a second language, get the shared block page in their own words', async () => {
    const s = await start(
      basePolicy({ role: 'staff', ...schoolTimeAllDay() }),
      hosts(),
      (st) => st.parsed.present && st.role.role === 'staff' && st.schoolTime,
    );
    const tab = await s.newTab();
    await tab.goto('http://facebook.com/');
    await tab.waitForUrl(`${s.base}blocked.html#http://facebook.com/`);
    await tab.waitForText('h1', /Facebook is blocked/);

    // Firefox reads policies.json when it starts: a second launch with the other policy.
    const pupil = await start(
      basePolicy({ role: 'pupil', languages: ['en', 'cy'] }),
      hosts(),
      (st) => st.parsed.present && st.parsed.policy.languages.length === 2,
    );
    const pupilTab = await pupil.newTab();
    await pupilTab.goto('http://facebook.com/events');
    await pupilTab.waitForUrl(`${pupil.base}blocked.html#http://facebook.com/events`);
    await pupilTab.waitForText('h1', 'Facebook is closed on school computers');
    expect(sites.social.connections).toBe(0);
  });
});
