/** Chromium only: a live policy edit, the first moments after start, and a stopped service worker (CDP). */
import { test, expect } from '@playwright/test';
import { useSites } from '../support/sites';
import { extensionPage, launch, removePolicy, stopServiceWorker, waitForStatus, writePolicy, type Launched } from '../support/chromium';
import { basePolicy, holidayNow, schoolStartsIn } from '../support/policies';

const sites = useSites();
const hosts = sites.hosts;
let browser: Launched | undefined;

test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await removePolicy();
});

const blockPage = extensionPage('blocked.html');

test('a live policy change applies within seconds, and an open tab on a now-blocked site is taken to the block page', async () => {
  await writePolicy(basePolicy({ role: 'staff', ...holidayNow() }));
  browser = await launch(hosts());
  await waitForStatus(browser.worker, (s) => s.parsed.present && s.role.role === 'staff' && s.action === 'allow');
  const open = await browser.context.newPage();
  await open.goto('http://social.test/feed');
  await expect(open.locator('#site')).toHaveText('SOCIAL /feed');

  // Chromium sees the edited policy file while running (Firefox only at its next start).
  await writePolicy(basePolicy({ role: 'pupil', ...holidayNow() }));
  await waitForStatus(browser.worker, (s) => s.role.role === 'pupil' && s.action === 'block');
  await expect(open).toHaveURL(`${blockPage}#http://social.test/feed`);
  sites.social.reset();
  const page = await browser.context.newPage();
  await page.goto('http://social.test/');
  await expect(page).toHaveURL(`${blockPage}#http://social.test/`);
  expect(sites.social.connections).toBe(0);
});

test('a navigation right after browser start is blocked and reaches nothing', async () => {
  // The extension turns prediction off as soon as its worker runs, but a --load-extension start is
  // a fresh install every time: this test sets the admin's recommended NetworkPredictionOptions so
  // the browser's own pre-connections in the first few hundred milliseconds are off as well.
  await writePolicy(basePolicy({ role: 'pupil' }), { NetworkPredictionOptions: 2 });
  browser = await launch(hosts());
  // No waiting for the managed policy: the static floor holds before it arrives.
  const page = await browser.context.newPage();
  await page.goto('http://facebook.com/');
  await expect(page).toHaveURL(new RegExp(`^chrome-extension://[a-p]{32}/blocked\\.html`));
  await page.goto('http://www.youtube.com/watch?v=1');
  await expect(page).toHaveURL(/blocked\.html/);
  expect(sites.social.connections).toBe(0);
});

/** Staff on a social page, allowed now, with school time starting `seconds` from now. */
async function staffOnSiteBeforeSchool(seconds: number) {
  const { calendar, startsAt } = schoolStartsIn(seconds);
  await writePolicy(basePolicy({ role: 'staff', ...calendar }));
  browser = await launch(hosts());
  await waitForStatus(browser.worker, (s) => s.parsed.present && s.role.role === 'staff' && s.action === 'allow');
  const page = await browser.context.newPage();
  await page.goto('http://social.test/timeline');
  await expect(page.locator('#site')).toHaveText('SOCIAL /timeline');
  return { page, startsAt, b: browser };
}

test('a stopped service worker is woken by the school-time alarm and blocks the open tab', async () => {
  const { page, startsAt, b } = await staffOnSiteBeforeSchool(15);
  await stopServiceWorker(b.context, page);
  await expect(page).toHaveURL(`${blockPage}#http://social.test/timeline`, { timeout: 45_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(startsAt);
  sites.social.reset();
  await page.goto('http://social.test/again');
  await expect(page).toHaveURL(`${blockPage}#http://social.test/again`);
  expect(sites.social.connections).toBe(0);
});
