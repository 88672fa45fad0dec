/**
 * The hub's retention as the trust DSL sees it, on a real hub (real PostgreSQL) in real Chromium:
 * after `school retention` and `purge` from the hub CLI, the device is still intact on the Devices
 * page with only its recent entries, the other school keeps its own, the purge is on the Access
 * trail, and the JSON export verifies with the project command.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, test, expect, type Browser } from '@playwright/test';
import { runCli } from '../../../hub/src/cli';
import { createAccount } from '../../../hub/src/dsl/accounts';
import { createSchool, makeTestDevice, send, startHub, startPgCluster, type Hub, type PgCluster, type TestDevice } from '../../../hub/tests/support/index';
import { daysAgo, PASSWORD } from '../../../hub/tests/support/dsl-seed';
import { signIn } from './support';

let cluster: PgCluster;
let hub: Hub;
let browser: Browser;
let env: NodeJS.ProcessEnv;
let oakDevice: TestDevice;
let elmDevice: TestDevice;
const TRUST = 'safeguarding@trust.example';

async function deliver(d: TestDevice, key: string, n: number, ago: number) {
  const r = await send(hub, await d.request(await d.write(n, daysAgo(ago)), key));
  expect(r.status).toBe(200);
}

async function cli(...args: string[]): Promise<string> {
  let out = '';
  const code = await runCli(
    args,
    env,
    (s) => (out += s),
    (s) => (out += s),
  );
  expect(code, out).toBe(0);
  return out;
}

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startPgCluster();
  env = { DATABASE_URL: await cluster.createDatabase('hub_retention') };
  hub = await startHub({ databaseUrl: env.DATABASE_URL, port: 0, host: '127.0.0.1' });
  const oak = await createSchool(hub.db, 'Oak Primary');
  const elm = await createSchool(hub.db, 'Elm Academy');
  oakDevice = await makeTestDevice({ label: 'Oak ICT 1' });
  elmDevice = await makeTestDevice({ label: 'Elm Library 2' });
  await deliver(oakDevice, oak.key, 5, 200);
  await deliver(oakDevice, oak.key, 3, 1);
  await deliver(elmDevice, elm.key, 4, 200);
  await createAccount(hub.db, { email: TRUST, role: 'trust-dsl', password: PASSWORD });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
});
test.afterAll(async () => {
  await browser?.close();
  await hub?.close();
  cluster?.destroy();
});

test('after a purge the device is intact with its recent entries, the purge is on the Access trail, and the JSON export verifies', async () => {
  await cli('school', 'retention', 'Oak Primary', '90');
  expect(await cli('purge', '--dry-run')).toContain('Oak Primary: retention 90 days');
  const purged = await cli('purge');
  expect(purged).toMatch(/Oak Primary: retention 90 days, cut-off .*: purged 5 entries/);
  expect(purged).toMatch(/Elm Academy: retention 365 days, .*: purged 0 entries/);

  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(page, hub.url, TRUST);
  await page.getByRole('link', { name: 'Devices' }).click();
  const oakRow = page.locator(`[data-device="${oakDevice.id}"]`);
  await expect(oakRow.getByTestId('chain')).toHaveText('intact');
  await expect(oakRow).toHaveAttribute('data-problem', 'no');
  await expect(oakRow.locator('td').nth(6)).toHaveText('3');
  await expect(page.locator(`[data-device="${elmDevice.id}"]`).locator('td').nth(6)).toHaveText('4');

  await page.getByRole('link', { name: 'Access trail' }).click();
  const row = page.getByTestId('trail').locator('tr').filter({ hasText: 'retention-purge' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Oak Primary');
  await expect(row).toContainText('retention');
  await expect(row).toContainText(`"device":"${oakDevice.id}"`);
  await expect(row.locator('td').nth(6)).toHaveText('5');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-retention-'));
  try {
    await page.goto(`${hub.url}/exports`);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'JSON' }).click()]);
    const file = path.join(dir, 'trust.json');
    await dl.saveAs(file);
    const out: string[] = [];
    expect(
      await runCli(
        ['verify', file],
        {},
        (s) => out.push(s),
        (s) => out.push(s),
      ),
    ).toBe(0);
    expect(out.join('')).toMatch(/OK {5}Oak Primary \/ Oak ICT 1 .*Intact: 3 entries \(seq 6 to 8\)/);
    expect(out.join('')).toMatch(/OK {5}Elm Academy \/ Elm Library 2 .*Intact: 4 entries/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await page.context().close();
  }
});
