/**
 * The real deployment path in Chromium: the CRX that `npm run package` makes, served with an update
 * manifest and installed by ExtensionInstallForcelist, with no --load-extension. One install is
 * shared by the tests below, then the browser is really restarted on the same profile.
 */
import { test, expect } from '@playwright/test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { packCrx, TEST_KEY } from '../../../utils/cli/package';
import { CHROME_EXTENSION_ID } from '../../../utils/extension-identity';
import { EXTENSION_DIR } from '../support/chromium';
import { chromiumUnderTest as chromium, type ChromiumSession } from '../support/chromium-driver';
import { waitForSessionStatus } from '../support/driver';
import { extensionsPage, forceInstallPolicy, launchManaged, startUpdateServer, type UpdateServer } from '../support/forced-install';
import { basePolicy, SCHOOL } from '../support/policies';
import { startSite, type SiteServer } from '../support/servers';

test.describe.configure({ mode: 'serial' });

let tmp: string;
let userDataDir: string;
let social: SiteServer;
let updates: UpdateServer;
let session: ChromiumSession | undefined;

const hosts = () => ({ 'facebook.com': social.port });
/** Resolves once the extension's service worker answers (the driver waits up to 30 s for it). */
const workerRuns = (s: ChromiumSession) => s.inExtension(() => true, null);

test.beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'hall-pass-forced-'));
  userDataDir = path.join(tmp, 'profile');
  const manifest = JSON.parse(await fs.readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { version: string };
  // The packaging step itself, on the build made before the tests (npm run build).
  const crx = path.join(tmp, 'hall-pass.crx');
  await packCrx({ extensionDir: EXTENSION_DIR, keyPath: TEST_KEY, outFile: crx });
  updates = await startUpdateServer(crx, manifest.version);
  social = await startSite('SOCIAL');
  // No NetworkPredictionOptions here: what keeps the sites' servers untouched is the extension's own switch.
  await chromium.writePolicy(basePolicy({ role: 'pupil' }), forceInstallPolicy(updates.updateUrl));
});

test.afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await chromium.removePolicy();
    await updates?.close();
    await social?.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
});

test('the policy installs the packed CRX, which reads its managed policy', async () => {
  const started = Date.now();
  session = await launchManaged(userDataDir, hosts());
  await workerRuns(session);
  const installedMs = Date.now() - started;
  expect(updates.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/updates.xml', '/hall-pass.crx']));

  // Nothing is opened before the managed policy is there (an early extension page can keep it away).
  const status = await waitForSessionStatus(session, (s) => s.parsed.present && s.predictionOff === true);
  const policyMs = Date.now() - started;
  expect(status.role).toMatchObject({ role: 'pupil' });
  expect(status.parsed.policy).toMatchObject({ school: { name: SCHOOL.name } });
  console.log(`forced install: worker ${installedMs} ms after launch, managed policy applied after ${policyMs} ms`);
});

test('it blocks Facebook and the site gets no connection', async () => {
  const tab = await session!.newTab();
  social.reset();
  await tab.goto('http://facebook.com/');
  await tab.waitForUrl(`${session!.base}blocked.html#http://facebook.com/`);
  await tab.waitForText('h1', /^\s*Facebook is closed on school computers\s*$/);
  await tab.goto('http://www.facebook.com/groups/year6');
  await tab.waitForUrl(`${session!.base}blocked.html#http://www.facebook.com/groups/year6`);
  expect(social.connections, `requests seen: ${social.requests.join(', ')}`).toBe(0);
  await tab.close();
});

test('chrome://extensions shows it cannot be turned off or removed, and refuses both', async () => {
  const detail = await extensionsPage(session!);
  expect(detail.name).toBe('Hall Pass');
  await expect(detail.toggle).toBeChecked();
  await expect(detail.toggle).toBeDisabled();
  await expect(detail.managedIcon).toHaveAttribute('tooltip-text', 'Installed by enterprise policy.');
  await expect(detail.removeRow).toBeHidden();

  // What the page is built from, and what happens when someone tries anyway.
  const result = await detail.page.evaluate(async (id) => {
    type Api = {
      developerPrivate: { getExtensionInfo(id: string): Promise<Record<string, unknown>> };
      management: { setEnabled(id: string, on: boolean): Promise<void>; uninstall(id: string, o: object): Promise<void> };
    };
    const api = (globalThis as unknown as { chrome: Api }).chrome;
    const attempt = (p: Promise<void>) =>
      p.then(
        () => 'done',
        (e: Error) => e.message,
      );
    const info = await api.developerPrivate.getExtensionInfo(id);
    return {
      info,
      disable: await attempt(api.management.setEnabled(id, false)),
      remove: await attempt(api.management.uninstall(id, { showConfirmDialog: false })),
    };
  }, CHROME_EXTENSION_ID);
  expect(result.info).toMatchObject({
    state: 'ENABLED',
    userMayModify: false,
    mustRemainInstalled: true,
    controlledInfo: { text: 'Installed by enterprise policy.' },
  });
  expect(result.disable).toBe(`Extension ${CHROME_EXTENSION_ID} cannot be modified by user.`);
  expect(result.remove).toBe(`Extension ${CHROME_EXTENSION_ID} cannot be modified by user.`);
  await detail.page.close();
  // Still there and running.
  expect(await session!.inExtension(() => 1 + 1, null)).toBe(2);
});

test('after a real restart the first navigation is blocked with no connection', async () => {
  await session!.close();
  session = undefined;
  social.reset();

  const started = Date.now();
  session = await launchManaged(userDataDir, hosts());
  const launchedMs = Date.now() - started;
  const tab = await session.newTab();
  await tab.goto('http://facebook.com/');
  await tab.waitForUrl(`${session.base}blocked.html#http://facebook.com/`);
  const blockedMs = Date.now() - started;
  expect(social.connections, `requests seen: ${social.requests.join(', ')}`).toBe(0);
  console.log(`restart: browser up in ${launchedMs} ms, first navigation on the block page ${blockedMs} ms after launch, ${social.connections} connections`);

  // Still installed from the profile (no --load-extension), and it takes its policy again.
  const status = await waitForSessionStatus(session, (s) => s.computedAt >= started && s.parsed.present && s.role.role === 'pupil');
  expect(status.predictionOff).toBe(true);
  expect(social.connections).toBe(0);
});
