import { test, expect, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startSite, type SiteServer } from './support/servers';
import {
  EXTENSION_ID,
  extensionPage,
  extensionWorker,
  launch,
  removePolicy,
  stopServiceWorker,
  waitForStatus,
  writePolicy,
  type Launched,
} from './support/chromium';
import { basePolicy } from './support/policies';
import { hashPassphrase } from '../../utils/core/passphrase';

const PASSPHRASE = 'purple elephant dances';
let passphraseHash: string;
let social: SiteServer;
let ordinary: SiteServer;
let browser: Launched | undefined;

const hosts = () => ({ 'facebook.com': social.port, 'x.com': social.port, 'social.test': social.port, 'school.test': ordinary.port });
const blockPage = extensionPage('blocked.html');

test.beforeAll(async () => {
  passphraseHash = await hashPassphrase(PASSPHRASE);
  social = await startSite('SOCIAL');
  ordinary = await startSite('SCHOOL', {
    '/forge': `<!doctype html><h1 id="site">forge</h1>
      <iframe id="frame" src="chrome-extension://${EXTENSION_ID}/blocked.html#https://facebook.com/forged-frame"></iframe>
      <a id="link" href="chrome-extension://${EXTENSION_ID}/blocked.html#https://facebook.com/forged-link">open</a>`,
  });
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
async function storedEntries(b: Launched): Promise<{ seq: number; host: string | null; path: string | null; event: string; query: string | null }[]> {
  const worker = await extensionWorker(b.context);
  return worker.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('hall-pass');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('entries').objectStore('entries').getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

test('a blocked attempt appears in the DSL page with the right fields, and only host and path are kept', async () => {
  const b = await start();
  const page = await b.context.newPage();
  await page.goto('http://facebook.com/groups/year6?search=secret#frag');
  await expect(page).toHaveURL(/blocked\.html/);
  await expect.poll(async () => (await storedEntries(b)).length).toBe(1);

  await openDsl(page);
  const row = page.getByTestId('log-table').locator('tbody tr').first();
  await expect(row).toContainText('Blocked');
  await expect(row).toContainText('facebook.com/groups/year6');
  await expect(row).toContainText('pupil');
  await expect(row).toContainText('Facebook');
  await expect(row).not.toContainText('secret');
});

test('a forged load of the block page creates no entry', async () => {
  const b = await start();
  const page = await b.context.newPage();
  await page.goto('http://x.com/real');
  await expect(page).toHaveURL(/blocked\.html/);
  await page.goto('http://school.test/forge');
  await page.click('#link').catch(() => undefined);
  await page.waitForTimeout(500);
  // The extension's own tab opening the page directly is not a redirect either.
  await page.goto(`${blockPage}#https://facebook.com/forged-direct`);
  await page.waitForTimeout(500);
  const entries = await storedEntries(b);
  expect(entries.map((e) => `${e.host}${e.path}`)).toEqual(['x.com/real']);
});

test('a wrong passphrase is refused and logged, the right one admits', async () => {
  const b = await start();
  const page = await b.context.newPage();
  await page.goto(extensionPage('dsl.html'));
  await page.getByLabel('Passphrase').fill('not it at all');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That passphrase is not right');
  await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
  await expect.poll(async () => (await storedEntries(b)).map((e) => e.event)).toEqual(['passphrase-failed']);
  // The back-off after one wrong try is two seconds.
  await page.waitForTimeout(2100);
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible({ timeout: 20_000 });
});

test('CSV and JSON exports download, parse, and the JSON verifies off the device', async () => {
  const b = await start({ device: { label: 'ICT suite PC 12' } });
  const page = await b.context.newPage();
  for (const p of ['/a', '/b=1+1', '/c']) {
    await page.goto(`http://facebook.com${p}`);
    await expect(page).toHaveURL(/blocked\.html/);
  }
  await expect.poll(async () => (await storedEntries(b)).length).toBe(3);
  await openDsl(page);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^hall-pass_ash-grove-academy_ict-suite-pc-12_all-dates\.csv$/);
  const csv = await fs.readFile((await csvDownload.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toContain('Sequence,Time (UTC),Local time');
  expect(lines.slice(1).every((l) => l.includes('ICT suite PC 12') && l.includes('facebook.com'))).toBe(true);

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-export-')), jsonDownload.suggestedFilename());
  await jsonDownload.saveAs(file);
  const exp = JSON.parse(await fs.readFile(file, 'utf8'));
  expect(exp.entries.map((e: { path: string }) => e.path)).toEqual(['/a', '/b=1+1', '/c']);
  expect(exp.verification.ok).toBe(true);
  const run = promisify(execFile);
  const ok = await run('npx', ['tsx', 'utils/cli/verify-export.ts', file]);
  expect(ok.stdout).toMatch(/^OK/m);

  // Edit the exported file: the command must notice.
  exp.entries[1].path = '/nothing-to-see';
  await fs.writeFile(file, JSON.stringify(exp));
  await expect(run('npx', ['tsx', 'utils/cli/verify-export.ts', file])).rejects.toMatchObject({ code: 1 });
});

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

test("a pupil's report from the block page reaches the DSL, and is not shown back on the pupil's side", async () => {
  const b = await start();
  const page = await b.context.newPage();
  await page.goto('http://facebook.com/');
  await expect(page).toHaveURL(/blocked\.html/);
  await page.getByRole('button', { name: 'Tell someone you trust' }).click();
  await expect(page.getByText('Gemma Williams, who keeps children safe at our school, will read it.')).toBeVisible();
  await page.getByLabel('What happened?').fill('Someone in year 6 keeps sending me mean messages');
  await page.getByLabel('Who would you like to talk to?').fill('Mr Khan');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('report-sent')).toContainText('Thank you for telling us.');
  await expect(page.getByText('mean messages')).toHaveCount(0);

  await openDsl(page);
  await expect(page.getByTestId('reports')).toContainText('Someone in year 6 keeps sending me mean messages');
  await expect(page.getByTestId('reports')).toContainText('Mr Khan');
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
