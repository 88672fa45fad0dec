/**
 * The policy builder in Firefox, round trip: fill in the form in Firefox itself, take the Firefox
 * policies.json exactly as the page gives it (with a file:// address for the xpi), deploy it as
 * Firefox's enterprise policy, start Firefox with nothing else, and find the extension installed
 * by that file with the same policy on its status page.
 */
import { test, expect } from '@playwright/test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipDirectory } from '../../../utils/cli/package';
import { GECKO_ID } from '../../../utils/extension-identity';
import { poll, waitForSessionStatus, type Session } from '../support/driver';
import { firefoxUnderTest as firefox } from '../support/firefox-driver';
import { FIREFOX_EXTENSION_DIR, FIREFOX_POLICY_FILE } from '../support/firefox';
import { fillBuilderBasics } from '../support/flows';

const PASSPHRASE = 'Tea at the Ritz 1927';
let tmp: string;
let session: Session | undefined;

test.beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-ff-builder-'));
});
test.afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await firefox.removePolicy();
    await fs.rm(tmp, { recursive: true, force: true });
  }
});

test('the Firefox policies.json it makes, deployed as is, installs Hall Pass and is the policy its status page shows', async () => {
  const xpi = path.join(tmp, 'hall-pass.xpi');
  await zipDirectory(FIREFOX_EXTENSION_DIR, xpi);

  session = await firefox.launch({});
  const builder = await session.newTab();
  await builder.open('builder.html');
  await builder.waitForText('h1', 'Hall Pass policy builder');
  await fillBuilderBasics(builder, PASSPHRASE);
  await builder.fillLabel('Firefox: address of the signed .xpi', `file://${xpi}`);
  await builder.clickButton('Make hashes');
  await builder.waitForText('[data-testid="hash-report"]', 'Made 1 hash.', 30_000);
  expect(await builder.inputValue('DSL passphrase (at least 8 characters)')).toBe('');

  const policies = await poll(
    () => builder.inputValue('Firefox policies.json'),
    (t) => t.includes('pbkdf2-sha256$600000$') && t.includes(xpi),
    'the Firefox policies.json with the hash and the xpi',
  );
  expect(policies).not.toContain(PASSPHRASE);
  const parsed = JSON.parse(policies) as { policies: Record<string, unknown> };
  expect(parsed.policies).toMatchObject({
    ExtensionSettings: { [GECKO_ID]: { installation_mode: 'force_installed', install_url: `file://${xpi}` } },
  });
  const downloaded = await builder.download(() => builder.clickButton('Download Firefox policies.json'));
  expect(downloaded.filename).toBe('policies.json');
  expect(downloaded.text).toBe(policies);
  await session.close();
  session = undefined;

  // Deployed exactly as the page gave it, then Firefox started with no test install at all.
  await fs.mkdir(path.dirname(FIREFOX_POLICY_FILE), { recursive: true });
  await fs.writeFile(FIREFOX_POLICY_FILE, policies);
  session = await firefox.launch({}, { forcedInstall: true });
  const status = await waitForSessionStatus(session, (s) => s.parsed.present && s.role.role === 'staff');
  expect(status.parsed.problems).toEqual([]);

  const page = await session.newTab();
  await page.open('status.html');
  await page.waitForText('[data-testid="policy-present"]', 'Managed policy found');
  await page.waitForText('[data-testid="role"]', 'Staff (set for this device by the policy)');
  await page.waitForText('[data-testid="networks"]', 'social.test');
  await page.waitForText('[data-testid="approved-uses"]', 'School X account');
  await page.waitForText('[data-testid="no-problems"]', 'None found.');
  expect(await page.attribute('[data-check="install"]', 'data-state')).toBe('ok');
});
