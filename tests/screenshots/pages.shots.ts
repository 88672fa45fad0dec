/**
 * Pictures of every page, in real Chromium with real managed policy, in each role and language:
 * docs/screenshots/<page>-<role>-<language>.png. The README shows some of them.
 */
import { chromium, test } from '@playwright/test';
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromiumUnderTest as b } from '../e2e/support/chromium-driver';
import { waitForSessionStatus, type Session, type Tab } from '../e2e/support/driver';
import { startSite, type SiteServer } from '../e2e/support/servers';
import { basePolicy, schoolTimeAllDay } from '../e2e/support/policies';
import { hashPassphrase } from '../../utils/core/passphrase';
import { PUPIL_LANGUAGES } from '../../utils/core/i18n/languages';
import { openDsl, sendReport, unlockDsl } from '../e2e/support/flows';

const OUT = path.resolve('docs/screenshots');
const PASSPHRASE = 'screenshots only passphrase';
/** A made-up school crest, drawn here, standing in for a school's logo. */
async function crest(): Promise<string> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 96, height: 96 } });
    await page.setContent(`<style>body{margin:0}</style><svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">
      <path d="M8 8h80v40c0 22-18 36-40 44C26 84 8 70 8 48z" fill="#0b6e4f"/><path d="M48 20l8 16h-16z M30 60h36v8H30z" fill="#f2c14e"/>
      <text x="48" y="54" font-size="16" font-family="Liberation Serif" font-weight="bold" fill="#fff" text-anchor="middle">AGA</text></svg>`);
    return `data:image/png;base64,${(await page.screenshot({ omitBackground: true })).toString('base64')}`;
  } finally {
    await browser.close();
  }
}
const LOGO = await crest();

let social: SiteServer;
let session: Session | undefined;
test.beforeAll(async () => {
  social = await startSite('SOCIAL');
  await fs.mkdir(OUT, { recursive: true });
});
test.afterAll(() => social.close());
test.afterEach(async () => {
  await session?.close();
  session = undefined;
  await b.removePolicy();
});

async function launch(policy: Record<string, unknown>, ready: Parameters<typeof waitForSessionStatus>[1]): Promise<Session> {
  await b.writePolicy(policy);
  session = await b.launch({ 'social.test': social.port, 'facebook.com': social.port });
  await waitForSessionStatus(session, ready);
  return session;
}

async function shot(tab: Tab, name: string) {
  await tab.setViewport(1000, 760);
  await new Promise((r) => setTimeout(r, 300));
  await tab.screenshot(path.join(OUT, `${name}.png`));
}

async function openAt(s: Session, tab: Tab, page: string) {
  await tab.open('status.html');
  await tab.evaluate((t) => {
    location.href = t;
  }, `${s.base}${page}`);
  await tab.waitForUrl(`${s.base}${page}`);
}

async function inLanguage(tab: Tab, lang: string) {
  await tab.evaluate((l) => localStorage.setItem('hall-pass-language', l), lang);
  await tab.runScript('location.reload()');
  const want = lang === 'en' ? 'en-GB' : lang;
  for (let i = 0; i < 100 && (await tab.runScript('document.documentElement.lang').catch(() => '')) !== want; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 300));
}

const school = { name: 'Ash Grove Academy', policyUrl: 'https://school.test/policy', logo: LOGO };

test('pupil pages in every language', async () => {
  const s = await launch(
    basePolicy({ role: 'pupil', school, ...schoolTimeAllDay(), languages: [...PUPIL_LANGUAGES] }),
    (st) => st.parsed.present && st.role.role === 'pupil',
  );
  const tab = await s.newTab();
  for (const lang of PUPIL_LANGUAGES) {
    await openAt(s, tab, 'blocked.html#https://www.facebook.com/groups/year6');
    await inLanguage(tab, lang);
    await shot(tab, `block-pupil-${lang}`);
    await tab.runScript('document.querySelector(".report button").click()');
    await new Promise((r) => setTimeout(r, 300));
    await shot(tab, `report-pupil-${lang}`);
    await openAt(s, tab, 'warn.html#https://www.facebook.com/');
    await shot(tab, `warn-pupil-${lang}`);
  }
  await inLanguage(tab, 'en');
  await tab.open('popup.html');
  await tab.setViewport(360, 300);
  await tab.screenshot(path.join(OUT, 'popup-pupil-en.png'));
});

test('staff and governor pages, in English and Welsh; status, DSL and builder, in English and Welsh', async () => {
  const pinHash = await hashPassphrase('4815162342');
  const passphraseHash = await hashPassphrase(PASSPHRASE);
  const s = await launch(
    basePolicy({
      role: 'staff',
      school,
      ...schoolTimeAllDay(),
      languages: ['en', 'cy'],
      warnMinutes: 0,
      dsl: { name: 'Gemma Williams', contact: 'safeguarding@school.test', passphraseHash },
      exceptions: { approval: 'approver-pin', approvers: [{ name: 'Mrs Shah (Head teacher)', pinHash }] },
    }),
    (st) => st.parsed.present && st.role.role === 'staff',
  );
  const tab = await s.newTab();
  await tab.goto('http://social.test/feed');
  await tab.waitForUrl(/blocked\.html/);
  for (const lang of ['en', 'cy']) {
    await openAt(s, tab, 'blocked.html#http://social.test/feed');
    await inLanguage(tab, lang);
    await shot(tab, `block-staff-${lang}`);
    await openAt(s, tab, 'warn.html#http://social.test/feed');
    await shot(tab, `warn-staff-${lang}`);
    await tab.open('popup.html');
    await tab.setViewport(360, 320);
    await tab.screenshot(path.join(OUT, `popup-staff-${lang}.png`));
  }
  await inLanguage(tab, 'en');
  await tab.open('status.html');
  await tab.waitForText('[data-testid="problems"]', 'warnMinutes');
  await shot(tab, 'status');
  await tab.setViewport(320, 700);
  await tab.screenshot(path.join(OUT, 'status-320px.png'));
  await tab.open('dsl.html');
  await shot(tab, 'dsl-locked');
  await unlockDsl(tab, PASSPHRASE);
  await shot(tab, 'dsl');
  await tab.open('builder.html');
  await shot(tab, 'builder');
  await tab.setViewport(320, 700);
  await tab.screenshot(path.join(OUT, 'builder-320px.png'));

  // The adults' own pages in Welsh.
  await inLanguage(tab, 'cy');
  await shot(tab, 'builder-cy');
  await tab.open('status.html');
  await tab.waitForText('[data-testid="problems"]', 'warnMinutes');
  await shot(tab, 'status-cy');
  await tab.open('dsl.html');
  await tab.fillLabel('Cyfrinymadrodd', PASSPHRASE);
  await tab.clickButton('Datgloi');
  await tab.waitForText('body', 'Allforio CSV');
  await shot(tab, 'dsl-cy');
  await inLanguage(tab, 'en');
});

test('governor block page, and the DSL page with a pupil report', async () => {
  const passphraseHash = await hashPassphrase(PASSPHRASE);
  const s = await launch(basePolicy({ role: 'pupil', school, dsl: { name: 'Gemma Williams', passphraseHash } }), (st) => st.parsed.present);
  const tab = await s.newTab();
  for (const p of ['/a', '/b', '/c']) {
    await tab.goto(`http://facebook.com${p}`);
    await tab.waitForUrl(/blocked\.html/);
  }
  await sendReport(tab, {
    'What happened?': 'Someone in year 6 keeps sending me mean messages',
    "Your name (you don't have to)": 'Amira',
    "Your class (you don't have to)": '4B',
  });
  await shot(tab, 'report-sent-pupil-en');
  await openDsl(tab, PASSPHRASE);
  await tab.waitForText('[data-testid="report"]', 'Amira');
  await shot(tab, 'dsl-report');
  await session!.close();
  session = undefined;

  const g = await launch(
    basePolicy({ role: 'governor', school, ...schoolTimeAllDay(), exceptions: { approval: 'off' } }),
    (st) => st.parsed.present && st.role.role === 'governor',
  );
  const gt = await g.newTab();
  await gt.goto('http://social.test/feed');
  await gt.waitForUrl(/blocked\.html/);
  await shot(gt, 'block-governor-en');
});
