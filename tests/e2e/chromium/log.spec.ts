/** Chromium only: printing to PDF, editing IndexedDB behind the log's back, and a stopped service worker (CDP). */
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

test('Print summary prints the school, device, range, summaries and flagged users, without the controls', async () => {
  const b = await start({ device: { label: 'Library PC 3' }, log: { flagThreshold: 2 } });
  const page = await b.context.newPage();
  for (const p of ['/1', '/2', '/3']) {
    await page.goto(`http://x.com${p}`);
    await expect(page).toHaveURL(/blocked\.html/);
  }
  await expect.poll(async () => (await storedEntries(b)).length).toBe(3);
  await openDsl(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('Ash Grove Academy · Library PC 3 · all dates')).toBeVisible();
  await expect(page.getByTestId('flagged')).toContainText('unknown: 3 on');
  await expect(page.getByText('X (Twitter): 3')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeHidden();
  await expect(page.getByTestId('log-table')).toBeHidden();
  const pdf = await page.pdf();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('an entry edited in IndexedDB is reported by Verify, with where the chain breaks', async () => {
  const b = await start();
  const page = await b.context.newPage();
  for (const p of ['/one', '/two', '/three']) {
    await page.goto(`http://facebook.com${p}`);
    await expect(page).toHaveURL(/blocked\.html/);
  }
  await expect.poll(async () => (await storedEntries(b)).length).toBe(3);
  await openDsl(page);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verification')).toContainText('Intact');

  await (await extensionWorker(b.context)).evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hall-pass');
        open.onsuccess = () => {
          const store = open.result.transaction('entries', 'readwrite').objectStore('entries');
          const get = store.get(2);
          get.onsuccess = () => {
            const put = store.put({ ...get.result, path: '/innocent' });
            put.onsuccess = () => resolve();
            put.onerror = () => reject(put.error);
          };
        };
      }),
  );
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verification')).toContainText('Broken at entry 2');
});

test('a purge by retention leaves a checkpoint and a chain that still verifies', async () => {
  const b = await start({ log: { retentionDays: 30 } });
  const page = await b.context.newPage();
  for (const p of ['/old1', '/old2', '/new1', '/new2']) {
    await page.goto(`http://facebook.com${p}`);
    await expect(page).toHaveURL(/blocked\.html/);
  }
  await expect.poll(async () => (await storedEntries(b)).length).toBe(4);
  // Make the first two entries 40 days old, as if written long ago.
  await (await extensionWorker(b.context)).evaluate(
    () =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('hall-pass');
        open.onsuccess = () => {
          const tx = open.result.transaction('entries', 'readwrite');
          const store = tx.objectStore('entries');
          for (const seq of [1, 2]) {
            const get = store.get(seq);
            get.onsuccess = () => store.put({ ...get.result, at: new Date(Date.now() - 40 * 86_400_000).toISOString() });
          }
          tx.oncomplete = () => resolve();
        };
      }),
  );
  await openDsl(page); // opening the log runs maintenance: drain and purge
  await expect.poll(async () => (await storedEntries(b)).map((e) => e.path)).toEqual(['/new1', '/new2']);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verification')).toContainText('Intact');
});

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
