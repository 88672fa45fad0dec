/**
 * Every way of writing a listed network's address that the decision knows (see decide.test.ts
 * and url-match.test.ts), typed into a real browser: the rules themselves must block each one,
 * and the site must get no connection at all.
 */
import { test, expect } from '@playwright/test';
import { useSites } from '../support/sites';
import { BROWSERS, useBrowser } from '../support/browsers';
import { basePolicy } from '../support/policies';
import { poll } from '../support/driver';

const sites = useSites();
/** The archives stand in on the social server too, so a connection to them is counted. */
const hosts = () => ({ ...sites.hosts(), 'archive.org': sites.social.port, 'archive.ph': sites.social.port });

/** Address forms, each reaching a catalogue network (Facebook or X) one way or another. */
export const HOST_FORMS = [
  'https://facebook.com./',
  'https://www.facebook.com.:443/',
  'http://m.facebook.com./home.php',
  'HTTPS://WWW.FACEBOOK.COM/',
  'https://WwW.FaceBook.Com/Profile',
  'https://facebook.com:8443/x',
  'http://facebook.com:80/',
  'https://user:secret@m.facebook.com/',
  'https://faceb%6Fok.com/',
  'https://www-facebook-com.translate.goog/?_x_tr_sl=auto&_x_tr_tl=en',
  'https://WWW-FACEBOOK-COM.TRANSLATE.GOOG/',
  'https://www-facebook-com.translate.goog./',
  'https://web.archive.org/web/2020/https://facebook.com/',
  'https://web.archive.org/web/20200101000000/https://www.facebook.com/zuck',
  'https://web.archive.org./web/2020/https://facebook.com/',
  'https://archive.ph/https://facebook.com/',
  // A server redirect from an ordinary page to the fully qualified name.
  'http://school.test/redirect?to=https://x.com./',
  'http://school.test/redirect?to=https://www.facebook.com.:443/',
];

for (const b of BROWSERS) {
  test.describe(b.name, () => {
    const { start } = useBrowser(b);

    test('every host form of a listed network is blocked by the rules, with no connection to the site', async () => {
      test.setTimeout(180_000);
      const s = await start(basePolicy({ role: 'pupil' }), hosts(), (st) => st.parsed.present && st.role.role === 'pupil');
      const tab = await s.newTab();
      const leaks: string[] = [];
      for (const form of HOST_FORMS) {
        sites.social.reset();
        await tab.goto('http://school.test/');
        await tab.waitForText('#site', 'SCHOOL /');
        await tab.goto(form);
        // (Firefox sends a pupil to the network's own block page, blocked-<network>.html.)
        const where = await tab.waitForUrl(new RegExp(`^${s.base.replace(/[.]/g, '\\.')}blocked(-[a-z0-9-]+)?\\.html`)).catch(() => null);
        if (!where) leaks.push(`${form}: not on the block page (${await tab.url()})`);
        if (sites.social.connections > 0) leaks.push(`${form}: ${sites.social.connections} connection(s): ${sites.social.requests.join(', ')}`);
      }
      expect(leaks).toEqual([]);
    });

    test('view-source of a listed network typed into the address bar ends on the block page, and is logged', async () => {
      const s = await start(basePolicy({ role: 'pupil' }), hosts(), (st) => st.parsed.present && st.role.role === 'pupil');
      sites.social.reset();
      const blockPage = new RegExp(`^${s.base.replace(/[.]/g, '\\.')}blocked\\.html#https://www\\.facebook\\.com/$`);
      // Chromium applies the rules to a view-source load; Firefox does not, so the extension's own
      // guard sends the tab to the block page, and holds the page's request until it has decided.
      const where = await s.typeAddress('view-source:https://www.facebook.com/', blockPage, 15_000);
      expect(where).toMatch(blockPage);
      const entries = await poll(
        () => s.storedEntries(),
        (e) => e.some((x) => x.event === 'blocked'),
        'the attempt in the log',
      );
      expect(entries.filter((e) => e.event === 'blocked').map((e) => `${e.host}${e.path}`)).toEqual(['www.facebook.com/']);
      expect(sites.social.connections).toBe(0);
    });
  });
}
