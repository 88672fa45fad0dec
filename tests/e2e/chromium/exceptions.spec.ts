/** Chromium only: a real restart with the same profile (Firefox's test install is temporary), and a message from a web page. */
import { test, expect } from '@playwright/test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSite, type SiteServer } from '../support/servers';
import { useBrowser } from '../support/browsers';
import { chromiumUnderTest } from '../support/chromium-driver';
import { waitForSessionStatus, type Tab } from '../support/driver';
import { CHROME_EXTENSION_ID } from '../../../utils/extension-identity';
import { basePolicy, schoolTimeAllDay, schoolTimeUntilMidnight } from '../support/policies';

let social: SiteServer;
const hosts = () => ({ 'social.test': social.port, 'facebook.com': social.port, 'school.test': social.port });
const chromium = useBrowser(chromiumUnderTest);

test.beforeAll(async () => {
  social = await startSite('SOCIAL');
});
test.afterAll(() => social.close());

async function ask(tab: Tab, opts: { minutes?: string; reason?: string; scope?: 'This site' | 'Just this page and below' } = {}) {
  await tab.checkLabel(opts.scope ?? 'This site');
  if (opts.minutes) await tab.selectLabel('How long', opts.minutes);
  await tab.fillLabel('Reason', opts.reason ?? 'Year 4 lesson on staying safe online');
  await tab.clickButton('Request exception');
}

test('an exception survives a browser restart with the same profile', async () => {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-restart-'));
  try {
    const policy = basePolicy({ role: 'staff', ...schoolTimeUntilMidnight(), exceptions: { approval: 'self' } });
    const s = await chromium.start(policy, hosts(), (st) => st.parsed.present && st.role.role === 'staff' && st.action === 'block', { userDataDir: profile });
    const tab = await s.newTab();
    await tab.goto('http://social.test/feed');
    await ask(tab, { minutes: '15' });
    await tab.waitForText('#site', 'SOCIAL /feed');

    // launch closes the first session (keeping the given profile) before starting the browser again.
    const again = await chromium.start(policy, hosts(), (st) => st.parsed.present && st.role.role === 'staff', { userDataDir: profile });
    const after = await again.newTab();
    await after.goto('http://social.test/after-restart');
    await after.waitForText('#site', 'SOCIAL /after-restart');
  } finally {
    await chromium.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
});

test('a request sent from a web page to the extension grants nothing', async () => {
  // Chromium lets a page address an extension by id (Firefox web pages have no such channel).
  const s = await chromium.start(
    basePolicy({ role: 'staff', ...schoolTimeAllDay(), exceptions: { approval: 'self' } }),
    hosts(),
    (st) => st.parsed.present && st.action === 'block',
  );
  const tab = await s.newTab();
  await tab.goto('http://school.test/');
  await tab.evaluate(async (id) => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } }).chrome?.runtime;
    await runtime
      ?.sendMessage?.(id, {
        type: 'exception:request',
        request: { url: 'http://social.test/feed', scope: 'site', minutes: 30, reason: 'forged from a web page', use: 'school' },
      })
      .catch(() => undefined);
  }, CHROME_EXTENSION_ID);
  await new Promise((r) => setTimeout(r, 500));
  const status = await waitForSessionStatus(s, () => true);
  expect(status.exceptions).toEqual([]);
  social.reset();
  await tab.goto('http://social.test/feed');
  await tab.waitForUrl(/blocked\.html/);
  expect(social.connections).toBe(0);
});
