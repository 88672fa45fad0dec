/** Chromium only: attempts made around a stopped service worker (stopped through CDP). */
import { test, expect, type Page } from '@playwright/test';
import { startSite, type SiteServer } from '../support/servers';
import {
  extensionPage,
  extensionWorker,
  launch,
  removePolicy,
  stopServiceWorker,
  waitForStatus,
  writePolicy,
  type Launched,
} from '../support/chromium';
import { basePolicy } from '../support/policies';
import { READ_LOG_ENTRIES, type StoredEntry } from '../support/driver';
import { hashPassphrase } from '../../../utils/core/passphrase';

const PASSPHRASE = 'purple elephant dances';
let passphraseHash: string;
let social: SiteServer;
let ordinary: SiteServer;
let browser: Launched | undefined;

const hosts = () => ({ 'facebook.com': social.port, 'x.com': social.port, 'social.test': social.port, 'school.test': ordinary.port });

test.beforeAll(async () => {
  passphraseHash = await hashPassphrase(PASSPHRASE);
  social = await startSite('SOCIAL');
  ordinary = await startSite('SCHOOL');
});
test.afterAll(async () => {
  await social.close();
  await ordinary.close();
});
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await removePolicy();
});

async function start(extra: Record<string, unknown> = {}) {
  await writePolicy(basePolicy({ role: 'pupil', dsl: { name: 'Gemma Williams', contact: 'dsl@school.test', passphraseHash }, ...extra }));
  browser = await launch(hosts());
  await waitForStatus(browser.worker, (s) => s.parsed.present && (s.parsed.policy as { dsl: { passphraseHash: string | null } }).dsl.passphraseHash !== null);
  return browser;
}

async function openDsl(page: Page) {
  await page.goto(extensionPage('dsl.html'));
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible({ timeout: 20_000 });
}

/** Entries straight from IndexedDB, read in the worker: what the DSL page shows is checked separately. */
async function storedEntries(b: Launched): Promise<StoredEntry[]> {
  return (await extensionWorker(b.context)).evaluate(READ_LOG_ENTRIES);
}

test('attempts made while the service worker is stopped and restarted are all logged', async () => {
  const b = await start();
  const pages = await Promise.all([1, 2, 3].map(() => b.context.newPage()));
  const visit = async (i: number) => {
    const p = pages[i % pages.length]!;
    await p.goto(`http://facebook.com/burst/${i}`);
    await expect(p).toHaveURL(/blocked\.html/);
  };
  for (let i = 0; i < 10; i++) await visit(i);
  await stopServiceWorker(b.context, pages[0]!);
  for (let i = 10; i < 30; i++) await visit(i);
  await expect.poll(async () => (await storedEntries(b)).length, { timeout: 20_000 }).toBe(30);
  const paths = (await storedEntries(b)).map((e) => e.path).sort();
  expect(new Set(paths).size).toBe(30);
});
