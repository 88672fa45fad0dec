/**
 * The policy builder's round trip: fill in the form, make the hashes, take the Linux Chrome JSON
 * exactly as the page gives it, deploy it as the managed policy file, restart the browser, and
 * find the same policy in force on the status page.
 */
import { test, expect, type Page } from '@playwright/test';
import fs from 'node:fs/promises';
import { EXTENSION_ID, POLICY_DIR, POLICY_FILE, extensionPage, launch, removePolicy, waitForStatus, type Launched } from '../support/chromium';

let browser: Launched | undefined;

test.afterEach(async () => {
  try {
    await browser?.close();
  } finally {
    browser = undefined;
    await removePolicy();
  }
});

const PASSPHRASE = 'Tea at the Ritz 1927';
const OUTPUTS = ['Google Admin JSON (pupils)', 'Google Admin JSON (staff)', 'Windows .reg (Chrome and Edge)', 'Firefox policies.json', 'Linux Chrome JSON'];

const output = (page: Page, title: string) => page.getByRole('textbox', { name: title, exact: true });

async function fillForm(page: Page) {
  await page.getByLabel('Role in the Windows, Firefox and Linux files').selectOption('staff');
  await page.getByLabel('School name').fill('Ash Grove Academy');
  await page.getByLabel('Social media policy address').fill('https://school.test/policy');
  await page.getByLabel('DSL name').fill('Gemma Williams');
  await page.getByLabel('DSL contact').fill('safeguarding@school.test');
  await page.getByRole('checkbox', { name: 'Fri', exact: true }).uncheck();
  await page.getByLabel('School day starts').fill('08:45');
  await page.getByLabel('School day ends').fill('15:20');

  await page.getByRole('button', { name: 'Add a closed date' }).click();
  await page.getByLabel('Closed date 1: from').fill('2030-12-20');
  await page.getByLabel('Closed date 1: to').fill('2031-01-03');
  await page.getByLabel('Closed date 1: label').fill('Christmas holidays');

  await page.getByLabel('More sites the school treats as social networks').fill('social.test\n');

  await page.getByRole('button', { name: 'Add an approved use' }).click();
  await page.getByLabel("Address of the school's page").fill('https://x.com/AshGroveAcademy');
  await page.getByLabel('Purpose').fill('School X account');

  await page.getByLabel('DSL passphrase (at least 8 characters)').fill(PASSPHRASE);
  await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await expect(page.getByTestId('builder-notes')).toContainText('The DSL passphrase is not hashed yet');
}

test('the Linux Chrome JSON it makes, deployed as is, is the policy the status page shows', async () => {
  browser = await launch({});
  const page = await browser.context.newPage();
  await page.goto(extensionPage('builder.html'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hall Pass policy builder');
  await fillForm(page);

  await page.getByRole('button', { name: 'Make hashes' }).click();
  await expect(page.getByTestId('hash-report')).toHaveText('Made 1 hash.', { timeout: 30_000 });
  // The plain passphrase is gone from the form; its hash is there instead.
  await expect(page.getByLabel('DSL passphrase (at least 8 characters)')).toHaveValue('');
  await expect(page.getByLabel('Repeat the passphrase')).toHaveValue('');
  await expect(page.getByLabel('Passphrase hash')).toHaveValue(/^pbkdf2-sha256\$600000\$/);
  await expect(page.getByTestId('builder-notes')).toHaveCount(0);
  await expect(page.getByTestId('builder-no-problems')).toHaveText('No policy problems.');

  // Every output is there, with its Copy and Download; none holds the passphrase.
  const texts: Record<string, string> = {};
  for (const title of OUTPUTS) {
    texts[title] = await output(page, title).inputValue();
    expect(texts[title]!.length).toBeGreaterThan(50);
    await expect(page.getByRole('button', { name: `Copy ${title}`, exact: true })).toHaveText('Copy');
    await expect(page.getByRole('button', { name: `Download ${title}`, exact: true })).toHaveText('Download');
  }
  expect(Object.values(texts).join('\n')).not.toContain(PASSPHRASE);
  expect(JSON.parse(texts['Google Admin JSON (pupils)']!).role).toEqual({ Value: 'pupil' });
  expect(JSON.parse(texts['Google Admin JSON (staff)']!).role).toEqual({ Value: 'staff' });
  expect(texts['Windows .reg (Chrome and Edge)']).toContain('"role"="staff"');

  expect(JSON.parse(texts['Linux Chrome JSON']!)).toMatchObject({ NetworkPredictionOptions: 2, ExtensionInstallForcelist: [expect.stringContaining(EXTENSION_ID)] });

  await page.screenshot({ path: '/tmp/builder.png', fullPage: true });

  // The test browser loads the extension unpacked: a force-install entry for the same id would make
  // Chromium wait for the Web Store instead (forced-install.spec.ts covers that path).
  await page.getByRole('checkbox', { name: /Also set the recommended browser policies/ }).uncheck();
  const linux = await output(page, 'Linux Chrome JSON').inputValue();
  expect(linux).not.toContain('ExtensionInstallForcelist');
  expect(linux).not.toContain(PASSPHRASE);
  const deployed = JSON.parse(linux) as { '3rdparty': { extensions: Record<string, { dsl: { passphraseHash: string } }> } };
  expect(deployed['3rdparty'].extensions[EXTENSION_ID]?.dsl.passphraseHash).toMatch(
    /^pbkdf2-sha256\$600000\$[A-Za-z0-9+/]{22,}={0,2}\$[A-Za-z0-9+/]{43}=$/,
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Linux Chrome JSON', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('hall-pass.json');
  expect(await fs.readFile((await download.path())!, 'utf8')).toBe(linux);

  await browser.close();
  browser = undefined;

  // Deployed exactly as the page gave it: it is already the whole file, 3rdparty and all.
  await fs.mkdir(POLICY_DIR, { recursive: true });
  await fs.writeFile(POLICY_FILE, linux);
  browser = await launch({});
  const status = await waitForStatus(browser.worker, (s) => s.parsed.present && s.role.role === 'staff');
  expect(status.parsed.problems).toEqual([]);

  const statusPage = await browser.context.newPage();
  await statusPage.goto(extensionPage('options.html'));
  await expect(statusPage.getByTestId('policy-present')).toHaveText('Managed policy found');
  await expect(statusPage.getByTestId('role')).toHaveText('Staff (set for this device by the policy)');
  await expect(statusPage.getByText('Monday to Thursday: 08:45–15:20')).toBeVisible();
  await expect(statusPage.getByTestId('closed-dates')).toHaveText('2030-12-20 to 2031-01-03: Christmas holidays');
  await expect(statusPage.getByTestId('networks').getByText('social.test', { exact: true })).toBeVisible();
  await expect(statusPage.getByTestId('approved-uses')).toContainText('School X account');
  await expect(statusPage.getByTestId('no-problems')).toHaveText('None found.');
});

test('the status page links to the builder, and a mistake in the form shows as a problem at once', async () => {
  browser = await launch({});
  const page = await browser.context.newPage();
  await page.goto(extensionPage('options.html'));
  await page.getByRole('link', { name: 'Policy builder (for the IT admin)' }).click();
  await expect(page).toHaveURL(extensionPage('builder.html'));
  await expect(page.getByTestId('builder-no-problems')).toBeVisible();

  await page.getByLabel('Timezone', { exact: true }).selectOption('(other)');
  await page.getByLabel('Other timezone (IANA name)').fill('Mars/Olympus_Mons');
  const problems = page.getByTestId('builder-problems');
  await expect(problems.getByRole('row').filter({ hasText: 'timezone' })).toContainText('unknown timezone "Mars/Olympus_Mons"');
  await expect(problems).toContainText('"Europe/London"');
  await page.getByLabel('Other timezone (IANA name)').fill('Europe/Vienna');
  await expect(page.getByTestId('builder-no-problems')).toBeVisible();
  expect(JSON.parse(await output(page, 'Linux Chrome JSON').inputValue())['3rdparty'].extensions[EXTENSION_ID].timezone).toBe('Europe/Vienna');

  // A PIN too short to hash is refused and cleared, never kept.
  await page.getByLabel('Approval', { exact: true }).selectOption('approver-pin');
  await page.getByRole('button', { name: 'Add an approver' }).click();
  await page.getByLabel('Approver 1: name').fill('Mrs Shah');
  await page.getByLabel('Approver 1: PIN').fill('1234');
  await page.getByRole('button', { name: 'Make hashes' }).click();
  await expect(page.getByRole('alert')).toContainText('PIN for Mrs Shah: The passphrase must be at least 8 characters long.');
  await expect(page.getByLabel('Approver 1: PIN')).toHaveValue('');
  await expect(page.getByTestId('builder-problems')).toContainText('exceptions.approvers[0]');

  await page.getByLabel('Approver 1: PIN').fill('24682468');
  await page.getByRole('button', { name: 'Make hashes' }).click();
  await expect(page.getByTestId('hash-report')).toHaveText('Made 1 hash.', { timeout: 30_000 });
  await expect(page.getByTestId('builder-no-problems')).toBeVisible();
  const staff = JSON.parse(await output(page, 'Google Admin JSON (staff)').inputValue());
  expect(staff.exceptions.Value.approvers[0].pinHash).toMatch(/^pbkdf2-sha256\$600000\$/);
  expect(await output(page, 'Google Admin JSON (staff)').inputValue()).not.toContain('24682468');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Google Admin JSON (staff)', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('hall-pass-google-admin-staff.json');
});
