/**
 * The DSL's pages on a real hub (real PostgreSQL), read in real Chromium: sign-in and lock-out,
 * one school's DSL kept to that school (also with hand-edited requests), an IT admin kept away
 * from log contents, report states across a restart, exports that parse and verify, devices that
 * need attention, the access trail, and forged requests refused.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { runCli } from '../../../hub/src/cli';
import { parseHubExport } from '../../../hub/src/dsl/verify';
import { ELM_REPORT, FORMULA_TEXT, HOSTILE_TEXT, OAK_REPORT, PASSWORD } from '../../../hub/tests/support/dsl-seed';
import { expectAccessible } from '../support/axe';
import { signIn, useHubPages } from './support';

const hp = useHubPages();
const url = () => hp().hub.url;

/** handEdits: the page's own CSP (no script may fetch) is lifted so a test can send hand-made requests from it, as someone with the browser's tools would. */
async function newPage(opts: { handEdits?: boolean } = {}): Promise<Page> {
  const ctx = await hp().browser.newContext({ acceptDownloads: true, bypassCSP: opts.handEdits ?? false });
  return ctx.newPage();
}

test('sign-in: a wrong password makes the next try wait, doubling; the session cookie is HttpOnly, Secure and SameSite=Strict', async () => {
  const page = await newPage();
  const email = hp().seed.accounts.lockMe;
  await page.goto(`${url()}/reports`);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText(/Wrong email or password\. Wait 2 seconds/);
  // Right password straight away: still refused while the wait runs.
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText(/Too many wrong passwords/);
  await page.waitForTimeout(2500);
  await page.getByLabel('Password').fill('wrong a second time');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText(/Wait 4 seconds/);
  await page.waitForTimeout(4500);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('who')).toContainText(email);
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'hallpass_session')!;
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
  const attempts = await hp().hub.db.query<{ ok: boolean; reason: string }>('select ok, reason from login_attempts where email = $1 order by id', [email]);
  expect(attempts.rows.map((r) => r.reason)).toEqual(['wrong password', 'refused: waiting after wrong passwords', 'wrong password', 'signed in']);
  await page.context().close();
});

test('a school DSL sees only their school, also when the request is edited by hand to ask for another', async () => {
  const page = await newPage({ handEdits: true });
  await signIn(page, url(), hp().seed.accounts.oakDsl);
  await expect(page.getByTestId('report')).toHaveCount(1);
  await expect(page.getByTestId('report')).toContainText(OAK_REPORT);
  await expect(page.locator('body')).not.toContainText(ELM_REPORT);
  await page.getByRole('link', { name: 'All entries' }).click();
  const schools = await page.getByTestId('entries').locator('tbody tr td:first-child').allTextContents();
  expect(schools.length).toBeGreaterThan(5);
  expect(new Set(schools)).toEqual(new Set(['Oak Primary']));
  // Hand-edited addresses asking for Elm Academy's rows.
  for (const q of [`school=${hp().seed.elmId}`, `device=${hp().seed.elm.id}`, `user=zoe%40elm.example`]) {
    await page.goto(`${url()}/entries?${q}`);
    await expect(page.getByTestId('no-entries')).toBeVisible();
  }
  await page.goto(`${url()}/reports?school=${hp().seed.elmId}`);
  await expect(page.getByTestId('report')).toHaveCount(0);
  await page.goto(`${url()}/devices?school=${hp().seed.elmId}`);
  await expect(page.getByTestId('device')).toHaveCount(0);
  const csv = await page.evaluate(async (u) => (await fetch(u)).text(), `${url()}/export/csv?school=${hp().seed.elmId}`);
  expect(
    csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n'),
  ).toHaveLength(1);
  // A hand-made POST that marks Elm's report handled, with this session's real token.
  await page.goto(`${url()}/reports`);
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const elmReport = hp().seed.elm.entries.find((e) => e.event === 'report')!;
  const status = await page.evaluate(
    async ({ u, body }) => (await fetch(u, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).status,
    {
      u: `${url()}/reports/state`,
      body: new URLSearchParams({ _csrf: csrf, device: hp().seed.elm.id, seq: String(elmReport.seq), state: 'handled', note: 'x' }).toString(),
    },
  );
  expect(status).toBe(404);
  expect((await hp().hub.db.query('select * from report_states where device_id = $1', [hp().seed.elm.id])).rows).toEqual([]);
  await page.context().close();
});

test('markup and formulas in any field are shown as text', async () => {
  const page = await newPage();
  await signIn(page, url(), hp().seed.accounts.oakDsl);
  await page.goto(`${url()}/entries?user=ben%40oak.example`);
  const table = page.getByTestId('entries');
  await expect(table).toContainText(HOSTILE_TEXT);
  await expect(table).toContainText(FORMULA_TEXT);
  await expect(table.locator('img, b')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
  await page.context().close();
});

test('an IT admin sees device health and hub status, never log contents or reports', async () => {
  const page = await newPage();
  await signIn(page, url(), hp().seed.accounts.it);
  await expect(page).toHaveURL(/\/devices$/);
  await expect(page.getByTestId('device')).toHaveCount(4);
  const nav = page.getByRole('navigation', { name: 'Pages' });
  await expect(nav.getByRole('link')).toHaveText(['Devices', 'Hub status']);
  for (const p of ['/reports', '/entries', '/attempts', '/charts', '/exports', '/summary', '/export/csv', '/export/json', '/trail']) {
    const res = await page.goto(`${url()}${p}`);
    expect(res!.status(), p).toBe(403);
    await expect(page.locator('body')).toContainText('cannot open this page');
  }
  await page.goto(`${url()}/status`);
  await expect(page.getByTestId('status')).toContainText('Devices: 4');
  for (const p of ['/devices', '/status']) {
    await page.goto(`${url()}${p}`);
    const text = await page.locator('body').textContent();
    for (const secret of [OAK_REPORT, ELM_REPORT, 'amy@oak.example', 'www.tiktok.com']) expect(text, `${p} shows ${secret}`).not.toContain(secret);
  }
  await page.context().close();
});

test('a device whose chain broke and one that went silent are in red at the top of Devices', async () => {
  const page = await newPage();
  await signIn(page, url(), hp().seed.accounts.trust);
  await page.getByRole('link', { name: 'Devices' }).click();
  const rows = page.getByTestId('device');
  await expect(rows).toHaveCount(4);
  const top = [rows.nth(0), rows.nth(1)];
  const chains = await Promise.all(top.map((r) => r.getByTestId('chain').textContent()));
  expect(chains.join(' | ')).toMatch(/broken at entry 6/);
  expect(chains.join(' | ')).toMatch(/silent for 5 days/);
  for (const r of top) {
    await expect(r).toHaveAttribute('data-problem', 'yes');
    await expect(r.locator('td').first()).toHaveCSS('color', 'rgb(164, 0, 0)');
  }
  for (const i of [2, 3]) {
    await expect(rows.nth(i)).toHaveAttribute('data-problem', 'no');
    await expect(rows.nth(i).getByTestId('chain')).toHaveText('intact');
  }
  await page.context().close();
});

test('a report set to handled stays handled after the hub restarts; new reports stand out', async () => {
  const page = await newPage();
  await signIn(page, url(), hp().seed.accounts.trust);
  const oak = page.getByTestId('report').filter({ hasText: OAK_REPORT });
  const elm = page.getByTestId('report').filter({ hasText: ELM_REPORT });
  await expect(oak).toHaveAttribute('data-state', 'new');
  await oak.getByLabel('State').selectOption('handled');
  await oak.getByLabel('Note').fill('Spoke to Amy and her parents <b>today</b>');
  await oak.getByRole('button', { name: 'Save' }).click();
  await expect(oak).toHaveAttribute('data-state', 'handled');
  await hp().restart();
  await page.goto(`${url()}/reports`);
  await expect(oak).toHaveAttribute('data-state', 'handled');
  await expect(oak).toContainText(`Set to handled by ${hp().seed.accounts.trust}`);
  await expect(oak).toContainText('Spoke to Amy and her parents <b>today</b>');
  await expect(elm).toHaveAttribute('data-state', 'new');
  await expect(elm.locator('.badge')).toHaveCSS('background-color', 'rgb(204, 0, 0)');
  await page.context().close();
});

test('exports: CSV parses and is formula-safe, JSON verifies per device with the project command, the printable summary is marked confidential', async () => {
  const page = await newPage();
  await signIn(page, url(), hp().seed.accounts.trust);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-exports-'));
  try {
    await page.goto(`${url()}/exports?school=${hp().seed.oakId}`);
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV for Excel' }).click()]);
    expect(csvDl.suggestedFilename()).toMatch(/^hall-pass_oak-primary_all-dates\.csv$/);
    const csv = fs.readFileSync(await csvDl.path(), 'utf8');
    expect(csv.startsWith('\uFEFFSchool,Device id,Sequence,')).toBe(true);
    const lines = csv.trim().split('\r\n');
    const oakTotal = hp().seed.oak.entries.length + (hp().seed.broken.entries.length - 2) + hp().seed.silent.entries.length;
    expect(lines).toHaveLength(1 + oakTotal);
    expect(csv).toContain(`"'${FORMULA_TEXT.replaceAll('"', '""')}"`);

    const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'JSON' }).click()]);
    const oakFile = path.join(dir, 'oak.json');
    await jsonDl.saveAs(oakFile);
    const exp = parseHubExport(fs.readFileSync(oakFile, 'utf8'));
    expect(exp.devices).toHaveLength(3);
    const out: string[] = [];
    expect(
      await runCli(
        ['verify', oakFile],
        {},
        (s) => out.push(s),
        (s) => out.push(s),
      ),
    ).toBe(1);
    expect(out.join('')).toMatch(/BROKEN Oak Primary \/ Oak ICT 7/);
    expect(out.join('')).toMatch(/OK {5}Oak Primary \/ Oak ICT 1 .*Intact: 9 entries/);

    await page.goto(`${url()}/exports?school=${hp().seed.elmId}`);
    const [elmDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'JSON' }).click()]);
    const elmFile = path.join(dir, 'elm.json');
    await elmDl.saveAs(elmFile);
    const out2: string[] = [];
    expect(
      await runCli(
        ['verify', elmFile],
        {},
        (s) => out2.push(s),
        (s) => out2.push(s),
      ),
    ).toBe(0);
    expect(out2.join('')).toMatch(/OK: every device/);
    // One edited character and it no longer verifies.
    fs.writeFileSync(elmFile, fs.readFileSync(elmFile, 'utf8').replace('zoe@elm.example', 'zoe@elm.examplf'));
    expect(
      await runCli(
        ['verify', elmFile],
        {},
        () => {},
        () => {},
      ),
    ).toBe(1);

    await page.goto(`${url()}/exports?school=${hp().seed.oakId}`);
    await page.getByRole('link', { name: 'Printable summary' }).click();
    await expect(page.getByTestId('confidential')).toContainText(`CONFIDENTIAL`);
    await expect(page.getByTestId('confidential')).toContainText(`Printed ${new Date().toISOString().slice(0, 10)}`);
    await expect(page.getByTestId('integrity')).toContainText('2 of 3 device(s) need attention');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Pages' })).toBeHidden();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await page.context().close();
  }
});

test('the access trail shows every view and export, with who and what filter, to the trust DSL only', async () => {
  const page = await newPage();
  await signIn(page, url(), hp().seed.accounts.trust);
  await page.getByRole('link', { name: 'Access trail' }).click();
  const trail = page.getByTestId('trail');
  const oakEdited = trail
    .locator('tr')
    .filter({ hasText: hp().seed.accounts.oakDsl })
    .filter({ hasText: 'view-entries' })
    .filter({ hasText: `"school":${hp().seed.elmId}` });
  await expect(oakEdited).toHaveCount(1);
  await expect(
    trail
      .locator('tr')
      .filter({ hasText: 'export-json' })
      .filter({ hasText: `"school":${hp().seed.oakId}` }),
  ).toHaveCount(1);
  await expect(trail.locator('tr').filter({ hasText: 'export-csv' }).first()).toBeVisible();
  await expect(trail.locator('tr').filter({ hasText: 'set-report' }).filter({ hasText: '"state":"handled"' })).toHaveCount(1);
  await page.context().close();
  const other = await newPage();
  await signIn(other, url(), hp().seed.accounts.oakDsl);
  expect((await other.goto(`${url()}/trail`))!.status()).toBe(403);
  await other.context().close();
});

test('a form posted from another origin, or without the session token, is refused and changes nothing', async () => {
  const page = await newPage({ handEdits: true });
  await signIn(page, url(), hp().seed.accounts.elmDsl);
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const elmReport = hp().seed.elm.entries.find((e) => e.event === 'report')!;
  const fields = { device: hp().seed.elm.id, seq: String(elmReport.seq), state: 'seen', note: 'forged' };
  const noToken = await page.evaluate(
    async ({ u, body }) => (await fetch(u, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).status,
    { u: `${url()}/reports/state`, body: new URLSearchParams(fields).toString() },
  );
  expect(noToken).toBe(403);
  // Another origin on the same machine (same site, so the cookie goes with it) posts a form, even with the token.
  const evil = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    const inputs = Object.entries({ ...fields, _csrf: csrf })
      .map(([k, v]) => `<input name="${k}" value="${v}">`)
      .join('');
    res.end(`<form id=f method=post action="${url()}/reports/state">${inputs}</form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  try {
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/reports/state')),
      page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`),
    ]);
    expect(resp.status()).toBe(403);
    await expect(page.locator('body')).toContainText('did not come from a page of this hub');
  } finally {
    evil.close();
  }
  expect((await hp().hub.db.query('select * from report_states where device_id = $1', [hp().seed.elm.id])).rows).toEqual([]);
  await page.context().close();
});

test('every hub page passes axe-core (WCAG 2.2 AA) and reflows at 320 px, in English and in Welsh, for the trust DSL and the IT admin', async () => {
  const check = async (page: Page, state: string) => {
    await expectAccessible({ runScript: (s) => page.evaluate(s) }, state);
    await page.setViewportSize({ width: 320, height: 720 });
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
    expect(scroll, `${state} at 320 px wide`).toBeLessThanOrEqual(client);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  for (const lang of ['en', 'cy'] as const) {
    const page = await newPage();
    await page.goto(`${url()}/lang?to=${lang}&back=/login`);
    await check(page, `sign-in (${lang})`);
    // By the fields' names: the labels are in the page's language.
    await page.locator('input[name=email]').fill(hp().seed.accounts.trust);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('form.login button[type=submit]').click();
    await expect(page.getByTestId('who')).toContainText(hp().seed.accounts.trust);
    if (lang === 'en') {
      // Reports in every state, whatever earlier tests left: one handled, one seen.
      await page.goto(`${url()}/reports`);
      for (const [text, state] of [
        [OAK_REPORT, 'handled'],
        [ELM_REPORT, 'seen'],
      ] as const) {
        const report = page.getByTestId('report').filter({ hasText: text });
        await report.getByLabel('State').selectOption(state);
        await report.getByRole('button', { name: 'Save' }).click();
        await expect(report).toHaveAttribute('data-state', state);
      }
    }
    for (const p of ['/reports', '/entries', '/attempts', '/charts', '/devices', '/exports', '/summary', '/trail', '/status']) {
      await page.goto(`${url()}${p}`);
      await check(page, `${p} (${lang})`);
    }
    await page.context().close();
  }
  const it = await newPage();
  await signIn(it, url(), hp().seed.accounts.it);
  await it.goto(`${url()}/reports`);
  await check(it, 'refused page for the IT admin (en)');
  await it.context().close();
});
