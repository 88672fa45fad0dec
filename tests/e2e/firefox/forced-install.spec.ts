/**
 * The real deployment path in Firefox ESR: the xpi that `npm run package` makes, installed by the
 * enterprise policy ExtensionSettings (installation_mode "force_installed"), no test install.
 * One install is shared by the tests below, then Firefox is really restarted on the same profile.
 */
import { test, expect } from '@playwright/test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipDirectory } from '../../../utils/cli/package';
import { GECKO_ID } from '../../../utils/extension-identity';
import { waitForSessionStatus, type Session } from '../support/driver';
import { firefoxUnderTest as firefox } from '../support/firefox-driver';
import { FIREFOX_BASE, FIREFOX_EXTENSION_DIR } from '../support/firefox';
import { basePolicy } from '../support/policies';
import { startSite, type SiteServer } from '../support/servers';

test.describe.configure({ mode: 'serial' });

let tmp: string;
let userDataDir: string;
let social: SiteServer;
let session: Session | undefined;

const hosts = () => ({ 'facebook.com': social.port, 'x.com': social.port });

interface Self {
  installType: string;
  mayDisable: boolean;
  enabled: boolean;
}

test.beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-ff-forced-'));
  userDataDir = path.join(tmp, 'profile');
  await fs.mkdir(userDataDir);
  // The packaging step itself (an xpi is the build zipped), on the build made before the tests.
  const xpi = path.join(tmp, 'hall-pass.xpi');
  await zipDirectory(FIREFOX_EXTENSION_DIR, xpi);
  social = await startSite('SOCIAL');
  await firefox.writePolicy(basePolicy({ role: 'pupil' }), {
    ExtensionSettings: { [GECKO_ID]: { installation_mode: 'force_installed', install_url: `file://${xpi}` } },
  });
});

test.afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await firefox.removePolicy();
    await social?.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
});

test('the policy installs the xpi, which reads its managed policy, says it was installed by policy, and cannot be disabled or removed', async () => {
  const started = Date.now();
  session = await firefox.launch(hosts(), { forcedInstall: true, userDataDir });
  const status = await waitForSessionStatus(session, (s) => s.parsed.present && s.role.role === 'pupil');
  console.log(`[forced install, Firefox] launch → managed policy applied: ${Date.now() - started} ms`);
  expect(status.parsed.problems).toEqual([]);

  const tab = await session.newTab();
  await tab.open('status.html');
  await tab.waitForText('[data-testid="self-check"]', 'Installed by policy');
  expect(await tab.attribute('[data-check="install"]', 'data-state')).toBe('ok');
  // What about:addons shows comes from the same add-on permissions: no switch a user can turn off.
  const self = await tab.evaluate(
    () => (globalThis as unknown as { browser: { management: { getSelf(): Promise<Self> } } }).browser.management.getSelf(),
    null,
  );
  expect(self).toMatchObject({ installType: 'admin', mayDisable: false, enabled: true });
  // Removing it is refused by the add-on manager itself (the check behind about:addons' Remove).
  const removal = await tab.evaluate(
    () =>
      (globalThis as unknown as { browser: { management: { uninstallSelf(o: unknown): Promise<void> } } }).browser.management
        .uninstallSelf({ showConfirmDialog: false })
        .then(
          () => 'removed',
          (e: unknown) => String(e),
        ),
    null,
  );
  expect(removal).toBe('Error: The add-on cannot be uninstalled');
});

test('it blocks Facebook and the site gets no connection', async () => {
  const tab = await session!.newTab();
  await tab.goto('http://facebook.com/groups/year6');
  // A pupil's own page for Facebook (no script before its load event; utils/core/static-pages.ts).
  await tab.waitForUrl(`${FIREFOX_BASE}blocked-facebook.html#http://facebook.com/groups/year6`);
  await tab.waitForText('h1', 'Facebook is closed on school computers');
  expect(social.connections).toBe(0);
  await expect.poll(async () => (await session!.storedEntries()).map((e) => `${e.event} ${e.host}${e.path}`)).toEqual(['blocked facebook.com/groups/year6']);
});

test('after a real restart the first navigation is blocked with no connection, and the log goes on', async () => {
  await session!.close();
  session = undefined;
  social.reset();
  const started = Date.now();
  session = await firefox.launch(hosts(), { forcedInstall: true, userDataDir });
  const tab = await session.newTab();
  // No waiting for the extension: the static rules must hold from the start.
  await tab.goto('http://x.com/first');
  await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
  console.log(`[forced install, Firefox] restart → first navigation on the block page: ${Date.now() - started} ms`);
  expect(social.connections).toBe(0);
  await expect.poll(async () => (await session!.storedEntries()).map((e) => `${e.host}${e.path}`)).toEqual(['facebook.com/groups/year6', 'x.com/first']);
});
