/**
 * The DSL's hub pages read in real Firefox ESR (many schools' staff machines run it): signing in
 * keeps a session, a report is marked handled with a note, the CSV export downloads whole, and
 * signing out ends the session. The same flows are covered in depth in Chromium (pages.spec.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { ELM_REPORT, OAK_REPORT, PASSWORD } from '../../../hub/tests/support/dsl-seed';
import { downloadPrefs, launchFirefox, type LaunchedFirefox } from '../support/firefox';
import { startHubPages, type HubPages } from './support';

let hp: HubPages;
let ff: LaunchedFirefox;
let downloads: string;
const url = () => hp.hub.url;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  hp = await startHubPages();
  downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-ff-downloads-'));
  ff = await launchFirefox({}, { install: false, prefs: downloadPrefs(downloads) });
});
test.afterAll(async () => {
  await ff?.close();
  await hp?.close();
  if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
});

async function text(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => el.textContent ?? '');
}

/** Submits a form by its button and waits for the page the hub answers with. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(button)]);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${url()}/login`);
  await page.type('input[name=email]', email);
  await page.type('input[name=password]', PASSWORD);
  await submit(page, 'form.login button[type=submit]');
}

test('Firefox: a trust DSL signs in, marks a report handled with a note, downloads the CSV and signs out', async () => {
  const page = await ff.browser.newPage();
  const email = hp.seed.accounts.trust;
  await page.goto(`${url()}/reports`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await signIn(page, email);
  // The session cookie (Secure, HttpOnly, SameSite=Strict) was kept: the next page is signed in.
  await page.goto(`${url()}/reports`);
  expect(await text(page, '[data-testid=who]')).toContain(email);
  const reports = await page.$$eval('[data-testid=report]', (els) => els.map((el) => ({ text: el.textContent ?? '', state: el.getAttribute('data-state') })));
  expect(reports.find((r) => r.text.includes(OAK_REPORT))?.state).toBe('new');
  expect(reports.find((r) => r.text.includes(ELM_REPORT))?.state).toBe('new');

  // Mark Oak's report handled with a note, through the page's own form (its token, its origin).
  const oak = await page.evaluateHandle((t) => [...document.querySelectorAll('[data-testid=report]')].find((el) => el.textContent?.includes(t))!, OAK_REPORT);
  const form = (await oak.asElement()!.$('form.state'))!;
  await form.$eval('select[name=state]', (s) => {
    (s as HTMLSelectElement).value = 'handled';
  });
  await (await form.$('input[name=note]'))!.type('Talked to Amy <b>today</b>');
  await Promise.all([page.waitForNavigation(), (await form.$('button[type=submit]'))!.click()]);
  const after = await page.$$eval('[data-testid=report]', (els) => els.map((el) => ({ text: el.textContent ?? '', state: el.getAttribute('data-state') })));
  const oakAfter = after.find((r) => r.text.includes(OAK_REPORT))!;
  expect(oakAfter.state).toBe('handled');
  expect(oakAfter.text).toContain(`Set to handled by ${email}`);
  expect(oakAfter.text).toContain('Talked to Amy <b>today</b>');
  const stored = await hp.hub.db.query<{ state: string; note: string }>('select state, note from report_states where device_id = $1', [hp.seed.oak.id]);
  expect(stored.rows).toEqual([{ state: 'handled', note: 'Talked to Amy <b>today</b>' }]);

  // The CSV export for Oak Primary lands in Downloads, whole.
  await page.goto(`${url()}/exports?school=${hp.seed.oakId}`);
  await page.click('ul.exports a[href^="/export/csv"]');
  const file = path.join(downloads, 'hall-pass_oak-primary_all-dates.csv');
  await expect.poll(() => fs.existsSync(file) && !fs.existsSync(`${file}.part`), { timeout: 30_000 }).toBe(true);
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv.startsWith('\uFEFFSchool,Device id,Sequence,')).toBe(true);
  const oakTotal = hp.seed.oak.entries.length + (hp.seed.broken.entries.length - 2) + hp.seed.silent.entries.length;
  expect(csv.trim().split('\r\n')).toHaveLength(1 + oakTotal);

  // Signing out ends the session: the reports page asks to sign in again.
  await submit(page, 'form.who button[type=submit]');
  await page.goto(`${url()}/reports`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.close();
});
