/**
 * The policy builder's round trip: fill in the form, make the hashes, take the Linux Chrome JSON
 * exactly as the page gives it, deploy it as the managed policy file, restart the browser, and
 * find the same policy in force on the status page.
 */
import { test, expect } from '@playwright/test';
import fs from 'node:fs/promises';
import { CHROME_EXTENSION_ID } from '../../../utils/extension-identity';
import { POLICY_DIR, POLICY_FILE } from '../support/chromium';
import { chromiumUnderTest as chromium } from '../support/chromium-driver';
import { poll, waitForSessionStatus, type Session, type Tab } from '../support/driver';
import { fillBuilderBasics } from '../support/flows';

let session: Session | undefined;

test.afterEach(async () => {
  try {
    await session?.close();
  } finally {
    session = undefined;
    await chromium.removePolicy();
  }
});

const PASSPHRASE = 'Tea at the Ritz 1927';
const OUTPUTS = ['Google Admin JSON (pupils)', 'Google Admin JSON (staff)', 'Windows .reg (Chrome and Edge)', 'Firefox policies.json', 'Linux Chrome JSON'];
const RECOMMENDED = 'Also set the recommended browser policies and force-install the extension (Windows, Firefox and Linux files)';
const byTestId = (id: string) => `[data-testid="${id}"]`;
/** An output box's text once it holds `ready` (outputs follow the form as it changes). */
const outputOnce = (tab: Tab, title: string, ready: (text: string) => boolean) => poll(() => tab.inputValue(title), ready, `${title} as expected`);

async function fillForm(tab: Tab) {
  await fillBuilderBasics(tab, PASSPHRASE);
  await tab.fillLabel('Social media policy address', 'https://school.test/policy');
  await tab.fillLabel('DSL contact', 'safeguarding@school.test');
  await tab.uncheckLabel('Fri');
  await tab.fillLabel('School day starts', '08:45');
  await tab.fillLabel('School day ends', '15:20');

  await tab.clickButton('Add a closed date');
  await tab.fillLabel('Closed date 1: from', '2030-12-20');
  await tab.fillLabel('Closed date 1: to', '2031-01-03');
  await tab.fillLabel('Closed date 1: label', 'Christmas holidays');
  await tab.waitForText(byTestId('builder-notes'), 'The DSL passphrase is not hashed yet');
}

test('the Linux Chrome JSON it makes, deployed as is, is the policy the status page shows', async () => {
  session = await chromium.launch({});
  const tab = await session.newTab();
  await tab.open('builder.html');
  await tab.waitForText('h1', 'Hall Pass policy builder');
  await fillForm(tab);

  await tab.clickButton('Make hashes');
  await tab.waitForText(byTestId('hash-report'), 'Made 1 hash.', 30_000);
  // The plain passphrase is gone from the form; its hash is there instead.
  expect(await tab.inputValue('DSL passphrase (at least 8 characters)')).toBe('');
  expect(await tab.inputValue('Repeat the passphrase')).toBe('');
  expect(await tab.inputValue('Passphrase hash')).toMatch(/^pbkdf2-sha256\$600000\$/);
  await expect.poll(() => tab.count(byTestId('builder-notes'))).toBe(0);
  await tab.waitForText(byTestId('builder-no-problems'), 'No policy problems.');

  // Every output is there, with its Copy and Download; none holds the passphrase.
  const texts: Record<string, string> = {};
  for (const title of OUTPUTS) {
    texts[title] = await tab.inputValue(title);
    expect(texts[title]!.length).toBeGreaterThan(50);
    expect(await tab.countButtons(`Copy ${title}`), `Copy ${title}`).toBe(1);
    expect(await tab.countButtons(`Download ${title}`), `Download ${title}`).toBe(1);
  }
  expect(Object.values(texts).join('\n')).not.toContain(PASSPHRASE);
  expect(JSON.parse(texts['Google Admin JSON (pupils)']!).role).toEqual({ Value: 'pupil' });
  expect(JSON.parse(texts['Google Admin JSON (staff)']!).role).toEqual({ Value: 'staff' });
  expect(texts['Windows .reg (Chrome and Edge)']).toContain('"role"="staff"');

  expect(JSON.parse(texts['Linux Chrome JSON']!)).toMatchObject({
    NetworkPredictionOptions: 2,
    ExtensionInstallForcelist: [expect.stringContaining(CHROME_EXTENSION_ID)],
  });

  // The test browser loads the extension unpacked: a force-install entry for the same id would make
  // Chromium wait for the Web Store instead (forced-install.spec.ts covers that path).
  await tab.uncheckLabel(RECOMMENDED);
  const linux = await outputOnce(tab, 'Linux Chrome JSON', (t) => !t.includes('ExtensionInstallForcelist'));
  expect(linux).not.toContain(PASSPHRASE);
  const deployed = JSON.parse(linux) as { '3rdparty': { extensions: Record<string, { dsl: { passphraseHash: string } }> } };
  expect(deployed['3rdparty'].extensions[CHROME_EXTENSION_ID]?.dsl.passphraseHash).toMatch(
    /^pbkdf2-sha256\$600000\$[A-Za-z0-9+/]{22,}={0,2}\$[A-Za-z0-9+/]{43}=$/,
  );

  const download = await tab.download(() => tab.clickButton('Download Linux Chrome JSON'));
  expect(download.filename).toBe('hall-pass.json');
  expect(download.text).toBe(linux);

  await session.close();
  session = undefined;

  // Deployed exactly as the page gave it: it is already the whole file, 3rdparty and all.
  await fs.mkdir(POLICY_DIR, { recursive: true });
  await fs.writeFile(POLICY_FILE, linux);
  session = await chromium.launch({});
  const status = await waitForSessionStatus(session, (s) => s.parsed.present && s.role.role === 'staff');
  expect(status.parsed.problems).toEqual([]);

  const statusPage = await session.newTab();
  await statusPage.open('status.html');
  await statusPage.waitForText(byTestId('policy-present'), 'Managed policy found');
  await statusPage.waitForText(byTestId('role'), 'Staff (set for this device by the policy)');
  await statusPage.waitForText('section[aria-labelledby="timetable"]', 'Monday to Thursday: 08:45–15:20');
  await statusPage.waitForText(byTestId('closed-dates'), '2030-12-20 to 2031-01-03: Christmas holidays');
  await statusPage.waitForText(byTestId('networks'), 'social.test');
  await statusPage.waitForText(byTestId('approved-uses'), 'School X account');
  await statusPage.waitForText(byTestId('no-problems'), 'None found.');
});

test('the status page links to the builder, and a mistake in the form shows as a problem at once', async () => {
  session = await chromium.launch({});
  const tab = await session.newTab();
  await tab.open('status.html');
  await tab.clickLink('Policy builder (for the IT admin)');
  await tab.waitForUrl(`${session.base}builder.html`);
  await tab.waitForText(byTestId('builder-no-problems'), 'No policy problems.');

  await tab.selectLabel('Timezone', '(other)');
  await tab.fillLabel('Other timezone (IANA name)', 'Mars/Olympus_Mons');
  await tab.waitForText(byTestId('builder-problems'), /timezone.*unknown timezone "Mars\/Olympus_Mons"/);
  await tab.waitForText(byTestId('builder-problems'), '"Europe/London"');
  await tab.fillLabel('Other timezone (IANA name)', 'Europe/Vienna');
  await tab.waitForText(byTestId('builder-no-problems'), 'No policy problems.');
  const linux = await outputOnce(tab, 'Linux Chrome JSON', (t) => t.includes('Europe/Vienna'));
  expect(JSON.parse(linux)['3rdparty'].extensions[CHROME_EXTENSION_ID].timezone).toBe('Europe/Vienna');

  // A PIN too short to hash is refused and cleared, never kept.
  await tab.selectLabel('Approval', 'approver-pin');
  await tab.clickButton('Add an approver');
  await tab.fillLabel('Approver 1: name', 'Mrs Shah');
  await tab.fillLabel('Approver 1: PIN', '1234');
  await tab.clickButton('Make hashes');
  await tab.waitForText('[role="alert"]', 'PIN for Mrs Shah: it must be at least 8 characters long. Type a longer one.');
  expect(await tab.inputValue('Approver 1: PIN')).toBe('');
  await tab.waitForText(byTestId('builder-problems'), 'exceptions.approvers[0]');

  await tab.fillLabel('Approver 1: PIN', '24682468');
  await tab.clickButton('Make hashes');
  await tab.waitForText(byTestId('hash-report'), 'Made 1 hash.', 30_000);
  await tab.waitForText(byTestId('builder-no-problems'), 'No policy problems.');
  const staffText = await outputOnce(tab, 'Google Admin JSON (staff)', (t) => t.includes('pinHash'));
  expect(JSON.parse(staffText).exceptions.Value.approvers[0].pinHash).toMatch(/^pbkdf2-sha256\$600000\$/);
  expect(staffText).not.toContain('24682468');

  const download = await tab.download(() => tab.clickButton('Download Google Admin JSON (staff)'));
  expect(download.filename).toBe('hall-pass-google-admin-staff.json');
});
