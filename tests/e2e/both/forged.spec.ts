/**
 * Evidence no web page can forge, and blocking with no hole in frames: written once and run in
 * Chromium and Firefox ESR.
 */
import { test, expect } from '@playwright/test';
import { useSites } from '../support/sites';
import { BROWSERS, useBrowser } from '../support/browsers';
import { basePolicy, schoolTimeAllDay } from '../support/policies';
import { poll, type Session, type Tab } from '../support/driver';
import { pupilBlockPage } from '../support/flows';
import { EXTENSION_ID } from '../support/chromium';
import { FIREFOX_BASE } from '../support/firefox';

const BASES = { chromium: `chrome-extension://${EXTENSION_ID}/`, firefox: FIREFOX_BASE } as const;
const FB = 'https://www.facebook.com/';

/** The ways a web page can send a tab to one of our pages, for each browser's extension base. */
function hostilePages(): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const [name, base] of Object.entries(BASES)) {
    const blocked = `${base}blocked.html#${FB}`;
    const warned = `${base}warn.html#${FB}`;
    pages[`/${name}/meta`] = `<!doctype html><meta http-equiv="refresh" content="0;url=${blocked}"><title>meta</title>`;
    pages[`/${name}/script`] = `<!doctype html><title>script</title><script>location.href = ${JSON.stringify(warned)}</script>`;
    pages[`/${name}/link`] = `<!doctype html><title>link</title><a id="go" href="${blocked}">Go</a>`;
    pages[`/${name}/form`] =
      `<!doctype html><title>form</title><form id="f" action="${base}blocked.html" method="get"><input name="u" value="${FB}"><button id="send">Send</button></form>`;
    // One click, then the pop-up is sent through a server redirect to the block page five times.
    pages[`/${name}/popup`] = `<!doctype html><title>popup</title><button id="open">Open</button><script>
      const hop = '/redirect?to=' + encodeURIComponent(${JSON.stringify(blocked)});
      document.getElementById('open').onclick = () => {
        const w = window.open(hop, 'pop');
        let n = 1;
        const again = () => { if (n++ >= 5) { document.title = 'done'; return; } try { w.location.href = hop; } catch (e) {} setTimeout(again, 400); };
        setTimeout(again, 400);
      };</script>`;
  }
  pages['/frames'] = `<!doctype html><title>frames</title>
    <iframe src="https://www-facebook-com.translate.goog/"></iframe>
    <iframe src="https://web.archive.org/web/2024/https://www.instagram.com/"></iframe>
    <iframe src="https://archive.ph/https://www.tiktok.com/"></iframe>
    <iframe src="https://chat-social-test.translate.goog/"></iframe>
    <iframe src="https://web.archive.org/web/2024/https://social.test/"></iframe>
    <script>let n = 0; for (const f of document.querySelectorAll('iframe')) f.onload = f.onerror = () => { if (++n === 5) document.title = 'framed'; };</script>`;
  return pages;
}

const sites = useSites(hostilePages());
const hosts = () => ({ ...sites.hosts(), 'archive.org': sites.social.port, 'archive.ph': sites.social.port });

/** Attempts in the log: what counts towards the DSL's "Repeated attempts". */
async function attempts(s: Session) {
  return (await s.storedEntries()).filter((e) => ['blocked', 'warned', 'continued'].includes(e.event)).map((e) => `${e.event} ${e.host}${e.path}`);
}

/**
 * Loads one of the hostile pages and waits for the element the next step uses: a load a late
 * navigation of the previous page interrupted is tried again (the page is only the attacker's tool).
 */
async function load(tab: Tab, url: string, selector: string) {
  for (let i = 1; ; i++) {
    await tab.goto(url);
    const ready = await poll(
      () => tab.count(selector),
      (n) => n > 0,
      `${selector} on ${url}`,
      5_000,
    ).then(
      () => true,
      () => false,
    );
    if (ready) return;
    if (i === 3) throw new Error(`${url} never showed ${selector}; the tab is on ${await tab.url()}`);
    console.warn(`${url} did not show ${selector} (the tab is on ${await tab.url()}): loading it again`);
  }
}

/** Waits until the tab has left `page` (to wherever the page sent it, an error page included). */
async function leaves(tab: Tab, page: string) {
  await poll(tab.url, (u) => !u.endsWith(page), `leaving ${page}`, 10_000).catch(() => undefined);
}

for (const b of BROWSERS) {
  test.describe(b.name, () => {
    const { start } = useBrowser(b);
    const base = BASES[b.name];

    test('a web page that sends a tab to the block or warning page leaves the log unchanged; a real attempt makes one entry', async () => {
      test.setTimeout(180_000);
      const s = await start(basePolicy({ role: 'pupil', log: { flagThreshold: 2 } }), hosts(), (st) => st.parsed.present && st.role.role === 'pupil');
      const tab = await s.newTab();

      // A server redirect to each page, and to the per-session address carrying the redirecting
      // page's own address (Chromium's use_dynamic_url form).
      // Firefox: Facebook's own block page too (web-accessible like the others).
      const own = b.name === 'firefox' ? [`${base}blocked-facebook.html#${FB}`] : [];
      for (const to of [`${base}blocked.html#${FB}`, `${base}warn.html#${FB}`, `${base}blocked.html`, ...own]) {
        await tab.goto(`http://school.test/redirect?to=${encodeURIComponent(to)}`);
        await leaves(tab, 'school.test/');
      }
      await tab.goto(`http://school.test/redirect-self?base=${encodeURIComponent('chrome-extension://0b9c7e0e-8a1f-4d3c-9a8e-3c5d2f1b4a70/blocked.html')}`);
      await tab.goto(`http://school.test/redirect-self?base=${encodeURIComponent(`${base}blocked.html`)}`);
      // A meta refresh, a script, a link, a form.
      for (const page of ['meta', 'script']) {
        await tab.goto(`http://school.test/${b.name}/${page}`);
        await leaves(tab, `/${page}`);
      }
      await load(tab, `http://school.test/${b.name}/link`, '#go');
      await tab.click('#go');
      await leaves(tab, '/link');
      await load(tab, `http://school.test/${b.name}/form`, '#send');
      await tab.click('#send');
      await leaves(tab, '/form');
      // A pop-up after one click, sent to the block page five times.
      await load(tab, `http://school.test/${b.name}/popup`, '#open');
      await tab.click('#open');
      await poll(
        () => tab.evaluate(() => document.title, null),
        (t) => t === 'done',
        'the pop-up hops',
        20_000,
      );

      // A real attempt: exactly one entry, and it is the only attempt in the log.
      await tab.goto('https://www.facebook.com/real');
      await tab.waitForUrl(pupilBlockPage(s, 'facebook', 'https://www.facebook.com/real'));
      const logged = await poll(
        () => attempts(s),
        (a) => a.length > 0,
        'the real attempt in the log',
      );
      expect(logged).toEqual(['blocked www.facebook.com/real']);
      expect(sites.social.connections).toBe(0);
    });

    test('proxy and archive forms inside frames on an allowed page get no connection, for catalogue networks and extra sites', async () => {
      const s = await start(basePolicy({ role: 'pupil' }), hosts(), (st) => st.parsed.present && st.role.role === 'pupil');
      const tab = await s.newTab();
      await tab.goto('http://school.test/frames');
      await poll(
        () => tab.evaluate(() => document.title, null),
        (t) => t === 'framed',
        'every frame settled',
        20_000,
      ).catch(() => undefined);
      expect(sites.social.connections, sites.social.requests.join(', ')).toBe(0);
      // The same extra-site forms at the top level go to the block page.
      for (const url of ['https://chat-social-test.translate.goog/', 'https://web.archive.org/web/2024/https://social.test/']) {
        await tab.goto(url);
        await tab.waitForUrl(new RegExp(`^${base.replace(/[.]/g, '\\.')}blocked\\.html`));
      }
      expect(sites.social.connections, sites.social.requests.join(', ')).toBe(0);
      // The status page says how many extra sites the patterns cover, and the budget.
      await tab.open('status.html');
      await tab.waitForText('[data-testid="rule-coverage"]', /1 of 1 extra site.*every proxy and archive form/);
    });

    test('exceptions.maxMinutes caps every choice: the end of the school day is not offered, and a forged request for it is refused and logged', async () => {
      const s = await start(
        basePolicy({ role: 'staff', ...schoolTimeAllDay(), exceptions: { approval: 'self', maxMinutes: 1 } }),
        hosts(),
        (st) => st.parsed.present && st.role.role === 'staff' && st.action === 'block',
      );
      const tab = await s.newTab();
      await tab.goto('http://social.test/feed');
      await tab.waitForUrl(`${base}blocked.html#http://social.test/feed`);
      await tab.waitForText('#minutes', '1 minute');
      const offered = await tab.evaluate(() => Array.from(document.querySelectorAll('#minutes option'), (o) => o.textContent ?? ''), null);
      expect(offered).toEqual(['1 minute']);
      // A message made by hand, as someone with the page's tools could.
      const answer = await tab.evaluate(async () => {
        type Api = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (g.browser ?? g.chrome)!;
        return api.runtime.sendMessage({
          type: 'exception:request',
          request: { url: 'http://social.test/feed', scope: 'site', minutes: 'end-of-day', reason: 'A whole day for this please', use: 'personal' },
        });
      }, null);
      expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/longest exception the school allows/) });
      const refused = await poll(
        async () => (await s.storedEntries()).filter((e) => e.event === 'exception-refused'),
        (r) => r.length > 0,
        'the refusal in the log',
      );
      expect(refused).toHaveLength(1);
      expect((await s.status())?.exceptions).toEqual([]);
      await tab.goto('http://social.test/feed');
      await tab.waitForUrl(`${base}blocked.html#http://social.test/feed`);
      expect(sites.social.connections).toBe(0);
    });
  });
}
