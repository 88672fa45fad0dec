/** Chromium only: a live policy edit, the first moments after start, and a stopped service worker (CDP). */
import { test, expect } from '@playwright/test';
import { useSites } from '../support/sites';
import { useBrowser } from '../support/browsers';
import { chromiumUnderTest } from '../support/chromium-driver';
import { waitForSessionStatus } from '../support/driver';
import { basePolicy, holidayNow, schoolStartsIn } from '../support/policies';

const sites = useSites();
const hosts = sites.hosts;
const chromium = useBrowser(chromiumUnderTest);

test('a live policy change applies within seconds, and an open tab on a now-blocked site is taken to the block page', async () => {
  const s = await chromium.start(
    basePolicy({ role: 'staff', ...holidayNow() }),
    hosts(),
    (st) => st.parsed.present && st.role.role === 'staff' && st.action === 'allow',
  );
  const open = await s.newTab();
  await open.goto('http://social.test/feed');
  await open.waitForText('#site', 'SOCIAL /feed');

  // Chromium sees the edited policy file while running (Firefox only at its next start).
  await chromiumUnderTest.writePolicy(basePolicy({ role: 'pupil', ...holidayNow() }));
  await waitForSessionStatus(s, (st) => st.role.role === 'pupil' && st.action === 'block');
  await open.waitForUrl(`${s.base}blocked.html#http://social.test/feed`);
  sites.social.reset();
  const tab = await s.newTab();
  await tab.goto('http://social.test/');
  await tab.waitForUrl(`${s.base}blocked.html#http://social.test/`);
  expect(sites.social.connections).toBe(0);
});

test('a navigation right after browser start is blocked and reaches nothing', async () => {
  // The extension turns prediction off as soon as its worker runs, but a --load-extension start is
  // a fresh install every time: this test sets the admin's recommended NetworkPredictionOptions so
  // the browser's own pre-connections in the first few hundred milliseconds are off as well.
  await chromiumUnderTest.writePolicy(basePolicy({ role: 'pupil' }), { NetworkPredictionOptions: 2 });
  const s = await chromiumUnderTest.launch(hosts());
  try {
    // No waiting for the managed policy: the static floor holds before it arrives.
    const tab = await s.newTab();
    await tab.goto('http://facebook.com/');
    await tab.waitForUrl(/^chrome-extension:\/\/[a-p]{32}\/blocked\.html/);
    await tab.goto('http://www.youtube.com/watch?v=1');
    await tab.waitForUrl(/blocked\.html/);
    expect(sites.social.connections).toBe(0);
  } finally {
    await s.close();
  }
});

test('a stopped service worker is woken by the school-time alarm and blocks the open tab', async () => {
  // Staff on a social page, allowed now, with school time starting 15 s from now.
  const { calendar, startsAt } = schoolStartsIn(15);
  const s = await chromium.start(
    basePolicy({ role: 'staff', ...calendar }),
    hosts(),
    (st) => st.parsed.present && st.role.role === 'staff' && st.action === 'allow',
  );
  const tab = await s.newTab();
  await tab.goto('http://social.test/timeline');
  await tab.waitForText('#site', 'SOCIAL /timeline');

  await s.stopBackground!();
  await tab.waitForUrl(`${s.base}blocked.html#http://social.test/timeline`, 45_000);
  expect(Date.now()).toBeGreaterThanOrEqual(startsAt);
  sites.social.reset();
  await tab.goto('http://social.test/again');
  await tab.waitForUrl(`${s.base}blocked.html#http://social.test/again`);
  expect(sites.social.connections).toBe(0);
});
