import { test, expect } from '@playwright/test';
import { startSite, type SiteServer } from './support/servers';
import { EXTENSION_ID, extensionPage, launch, removePolicy, stopServiceWorker, waitForStatus, writePolicy, type Launched } from './support/chromium';
import { basePolicy, schoolTimeAllDay, schoolTimeUntilMidnight } from './support/policies';
import { hashPassphrase } from '../../utils/core/passphrase';

let social: SiteServer;
let browser: Launched | undefined;
const hosts = () => ({ 'social.test': social.port, 'facebook.com': social.port });
const blockPage = extensionPage('blocked.html');

test.beforeAll(async () => {
  social = await startSite('SOCIAL', {
    // A stand-in network page that, like many, changes page with history.pushState.
    '/AshGroveAcademy': `<!doctype html><h1 id="site">School page</h1><p id="api">loading</p>
      <button id="move" onclick="history.pushState({}, '', '/elonmusk')">Elon</button>
      <script>fetch('/api/timeline.json').then(r => r.text()).then(t => { document.getElementById('api').textContent = 'api ' + t; })</script>`,
    '/api/timeline.json': '{"posts":3}',
  });
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

test('staff ask for an exception, the site loads, and it ends on its own even with the worker stopped', async () => {
  test.setTimeout(150_000);
  const b = await staffBlocked({ maxMinutes: 1 });
  const page = await b.context.newPage();
  await page.goto('http://social.test/feed');
  await expect(page).toHaveURL(`${blockPage}#http://social.test/feed`);
  await ask(page, { minutes: '1' });
  await expect(page.locator('#site')).toHaveText('SOCIAL /feed');
  const grantedAt = Date.now();

  await stopServiceWorker(b.context, page);
  // Rules live in the browser: the stopped worker does not matter while the exception lasts.
  await page.goto('http://social.test/other');
  await expect(page.locator('#site')).toHaveText('SOCIAL /other');

  // At expiry the alarm wakes the worker, the rule goes and the open tab is sent back.
  await expect(page).toHaveURL(`${blockPage}#http://social.test/other`, { timeout: 90_000 });
  expect(Date.now() - grantedAt).toBeGreaterThan(50_000);
  social.reset();
  await page.goto('http://social.test/again');
  await expect(page).toHaveURL(`${blockPage}#http://social.test/again`);
  expect(social.connections).toBe(0);
});

test('an approver PIN: a wrong one is refused, the right one grants, and the popup can end it', async () => {
  const pinHash = await hashPassphrase('4815162342');
  const b = await staffBlocked({ approval: 'approver-pin', approvers: [{ name: 'Mrs Head', pinHash }] });
  const page = await b.context.newPage();
  await page.goto('http://social.test/feed');
  await expect(page).toHaveURL(/blocked\.html/);
  await page.getByLabel("Approver's PIN").fill('0000000000');
  await ask(page);
  await expect(page.getByRole('alert')).toContainText('That PIN is not right for Mrs Head');
  await page.waitForTimeout(2200);
  await page.getByLabel("Approver's PIN").fill('4815162342');
  await page.getByRole('button', { name: 'Request exception' }).click();
  await expect(page.locator('#site')).toHaveText('SOCIAL /feed');

  const popup = await b.context.newPage();
  await popup.goto(extensionPage('popup.html'));
  await expect(popup.getByTestId('exception')).toContainText('social.test');
  await expect(popup.getByTestId('exception')).toContainText('min left');
  await popup.getByRole('button', { name: 'End now' }).click();
  await expect(page).toHaveURL(`${blockPage}#http://social.test/feed`);
  await expect(popup.getByTestId('exception')).toHaveCount(0);
});

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

test('a pupil never sees the request, and a forged request grants nothing', async () => {
  await writePolicy(basePolicy({ role: 'pupil', ...schoolTimeAllDay(), exceptions: { approval: 'self' } }));
  browser = await launch(hosts());
  await waitForStatus(browser.worker, (s) => s.parsed.present && s.role.role === 'pupil');
  const page = await browser.context.newPage();
  await page.goto('http://social.test/feed');
  await expect(page).toHaveURL(/blocked\.html/);
  await expect(page.getByRole('button', { name: 'Request exception' })).toHaveCount(0);
  const answer = await page.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
      type: 'exception:request',
      request: { url: 'http://social.test/feed', scope: 'site', minutes: 30, reason: 'I would like to see it please', use: 'school' },
    }),
  );
  expect(answer).toMatchObject({ ok: false });
  // A web page trying the same: whatever the browser does with it, nothing is granted.
  await page.goto('http://social.test/AshGroveAcademy');
  await page.evaluate(async (id) => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } }).chrome?.runtime;
    await runtime
      ?.sendMessage?.(id, { type: 'exception:request', request: { url: 'http://social.test/feed', scope: 'site', minutes: 30, reason: 'forged from a web page', use: 'school' } })
      .catch(() => undefined);
  }, EXTENSION_ID);
  const status = await waitForStatus(browser.worker, () => true);
  expect(status.exceptions).toEqual([]);
  social.reset();
  await page.goto('http://social.test/feed');
  await expect(page).toHaveURL(/blocked\.html/);
  expect(social.connections).toBe(0);
});

test("an approved use: the school's page loads with its own requests, other pages stay blocked, even after pushState", async () => {
  await writePolicy(
    basePolicy({
      role: 'staff',
      ...schoolTimeAllDay(),
      approvedUses: [{ url: 'http://social.test/AshGroveAcademy', roles: ['staff'], purpose: 'School account', schoolHoursOnly: false }],
    }),
  );
  browser = await launch(hosts());
  await waitForStatus(browser.worker, (s) => s.parsed.present && s.role.role === 'staff' && s.action === 'block');
  const page = await browser.context.newPage();
  await page.goto('http://social.test/AshGroveAcademy');
  await expect(page.locator('#site')).toHaveText('School page');
  await expect(page.locator('#api')).toHaveText('api {"posts":3}');

  await page.goto('http://social.test/AshGroveAcademy/../elonmusk');
  await expect(page).toHaveURL(`${blockPage}#http://social.test/elonmusk`);

  await page.goto('http://social.test/AshGroveAcademy');
  await page.click('#move');
  await expect(page).toHaveURL(`${blockPage}#http://social.test/elonmusk`);

  const status = await browser.context.newPage();
  await status.goto(extensionPage('options.html'));
  await expect(status.getByTestId('approved-uses')).toContainText('School account');
});
