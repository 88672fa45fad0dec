/**
 * From a device to the DSL's pages: attempts and a pupil's report made in real Chromium with Hall
 * Pass (its managed policy naming the hub), delivered by the extension's outbox to a real hub on a
 * real PostgreSQL, then read on the hub's pages by the school's DSL in another browser, and a JSON
 * export of them verified with the project command.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, test, expect } from '@playwright/test';
import { chromiumUnderTest } from '../support/chromium-driver';
import { useBrowser } from '../support/browsers';
import { useSites } from '../support/sites';
import { basePolicy } from '../support/policies';
import { poll } from '../support/driver';
import { startTestHub, type TestHub } from '../support/hub';
import { createAccount } from '../../../hub/src/dsl/accounts';
import { runCli } from '../../../hub/src/cli';
import { signIn } from './support';

const PASSWORD = 'a long test password';
const REPORT = 'Someone in year 6 keeps sending me mean messages';
const sites = useSites();
let hub: TestHub;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  hub = await startTestHub();
  await createAccount(hub.hub().db, { email: 'dsl@ashgrove.example', role: 'school-dsl', school: 'Ash Grove Academy', password: PASSWORD });
});
test.afterAll(async () => {
  await hub?.close();
});

test.describe('chromium', () => {
  test.describe.configure({ timeout: 240_000 });
  const { start } = useBrowser(chromiumUnderTest);

  test("attempts and a pupil's report made in the browser reach the hub and show on the DSL's pages", async () => {
    const s = await start(
      basePolicy({ role: 'pupil', hub: { url: hub.url, key: hub.key } }),
      sites.hosts(),
      (st) => st.parsed.present && st.parsed.policy.hub !== null,
    );
    const tab = await s.newTab();
    for (const p of ['/groups/year6', '/messages']) {
      await tab.goto(`http://facebook.com${p}`);
      await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
    }
    await tab.goto('http://facebook.com/');
    await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
    await tab.clickButton('Tell someone you trust');
    await tab.fillLabel('What happened?', REPORT);
    await tab.fillLabel("Who would you like to talk to? (you don't have to)", 'Mr Khan');
    await tab.clickButton('Send');
    await tab.waitForText('[data-testid="report-sent"]', 'Thank you for telling us.');
    const rows = await poll(
      () => hub.query<{ device_id: string; event: string }>('select device_id, event from entries order by seq'),
      (r) => r.some((x) => x.event === 'report') && r.filter((x) => x.event === 'blocked').length >= 3,
      'the attempts and the report at the hub',
      90_000,
    );
    const deviceId = rows[0]!.device_id;

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-flow-'));
    try {
      const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
      const base = hub.hub().url;
      await signIn(page, base, 'dsl@ashgrove.example', PASSWORD);
      const report = page.getByTestId('report');
      await expect(report).toHaveCount(1);
      await expect(report).toContainText(REPORT);
      await expect(report).toContainText('Would like to talk to: Mr Khan');
      await expect(report).toHaveAttribute('data-state', 'new');

      await page.getByRole('link', { name: 'All entries' }).click();
      const table = page.getByTestId('entries');
      await expect(table.locator('tbody tr').filter({ hasText: 'facebook.com/groups/year6' })).toHaveCount(1);
      await expect(table.locator('tbody tr').filter({ hasText: 'facebook.com/messages' })).toHaveCount(1);
      await expect(table.locator('tbody tr').first()).toContainText('Ash Grove Academy');

      await page.getByRole('link', { name: 'Devices' }).click();
      const device = page.locator(`[data-device="${deviceId}"]`);
      await expect(device).toContainText('chrome');
      await expect(device.getByTestId('chain')).toHaveText('intact');

      await page.goto(`${base}/exports?device=${deviceId}`);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'JSON' }).click()]);
      const file = path.join(dir, 'device.json');
      await dl.saveAs(file);
      const out: string[] = [];
      expect(
        await runCli(
          ['verify', file],
          {},
          (x) => out.push(x),
          (x) => out.push(x),
        ),
      ).toBe(0);
      expect(out.join('')).toMatch(/OK: every device/);
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
