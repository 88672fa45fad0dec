/**
 * The words each reader sees, in their language, and the accessibility of every page and state:
 * axe-core (WCAG 2.2 A and AA) finds no violation, and pages reflow at 320 px wide.
 * Written once, run in Chromium and Firefox ESR.
 */
import { test, expect } from '@playwright/test';
import { createServer, type AddressInfo } from 'node:net';
import { useSites } from '../support/sites';
import { BROWSERS, useBrowser } from '../support/browsers';
import { basePolicy, schoolTimeAllDay } from '../support/policies';
import { expectAccessible, expectReflow } from '../support/axe';
import { expectVisibleFocus } from '../support/focus';
import { enAdmin } from '../../../utils/core/i18n/admin-en';
import { loadAdminMessages } from '../../../utils/core/i18n/admin-catalogues';
import { poll, type Session, type Tab } from '../support/driver';
import { hashPassphrase } from '../../../utils/core/passphrase';
import { editLogEntries, openDsl, sendReport, unlockDsl } from '../support/flows';

const sites = useSites();
const PASSPHRASE = 'correct horse battery staple';
const PIN = '4815162342';
let passphraseHash = '';
let pinHash = '';
test.beforeAll(async () => {
  [passphraseHash, pinHash] = await Promise.all([hashPassphrase(PASSPHRASE), hashPassphrase(PIN)]);
});

const LANGUAGES = ['en', 'cy', 'pl', 'ur', 'pa', 'bn', 'so', 'ar', 'ro', 'pt'];
/** The status page's reasons for its last refresh, in Welsh (one is shown). */
let cyTriggers: Record<string, unknown> = {};
test.beforeAll(async () => {
  cyTriggers = (await loadAdminMessages('cy')).status.triggers;
});

/** Every sentence of the adults' pages' English catalogue that is long enough to be sure of (no symbols, no loan words). */
const ENGLISH_SENTENCES = (() => {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (v.length >= 8 && /[a-z] [a-z]|^[A-Z][a-z]{7,}$/.test(v)) out.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(enAdmin);
  return out;
})();

/**
 * The page's own words as a reader sees them, leaving out what the core writes in English and marks
 * so (`lang="en"`), addresses and file contents (`code`, `textarea`) and the language menu.
 */
const ownWords = (tab: Tab) =>
  tab.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[lang="en"], code, textarea, script, style, .language').forEach((e) => e.remove());
    return copy.textContent ?? '';
  }, null);

async function expectNoEnglish(tab: Tab, state: string) {
  const words = await ownWords(tab);
  expect(
    // A single English word counts as a word, not inside a policy name (IncognitoModeAvailability).
    ENGLISH_SENTENCES.filter((e) => (e.includes(' ') ? words.includes(e) : new RegExp(`\\b${e}\\b`).test(words))),
    `${state}: English left on a Welsh page`,
  ).toEqual([]);
}
const bodyText = (tab: Tab) => tab.evaluate(() => document.body.innerText, null);

/** Opens an extension page with an address in its fragment, as a redirect would (nothing is logged). */
async function openWithAddress(s: Session, tab: Tab, page: 'blocked.html' | 'warn.html', address: string) {
  await tab.open('status.html');
  const target = `${s.base}${page}#${address}`;
  await tab.evaluate((t) => {
    location.href = t;
  }, target);
  await tab.waitForUrl(target);
}

for (const b of BROWSERS) {
  test.describe(b.name, () => {
    const { start } = useBrowser(b);

    test("a pupil: the warning page in a child's words, the block page with no adult words, Welsh and Urdu (right to left) that stick, the report's confirmation; every state accessible", async () => {
      test.setTimeout(180_000);
      const s = await start(
        basePolicy({ role: 'pupil', ...schoolTimeAllDay(), actions: { pupil: { schoolHours: 'warn', otherTimes: 'warn' } }, languages: LANGUAGES }),
        sites.hosts(),
        (st) => st.parsed.present && st.role.role === 'pupil' && st.action === 'warn',
      );
      const tab = await s.newTab();

      // Warning page, pupil: short reminders, never the staff terms of use.
      await tab.goto('http://social.test/feed');
      await tab.waitForUrl(`${s.base}warn.html#http://social.test/feed`);
      await tab.waitForText('h1', 'social.test: stop and think');
      await tab.waitForText('[data-testid="terms"]', 'Be kind.');
      const warnWords = await bodyText(tab);
      expect(warnWords).not.toMatch(/defamation|commercial ventures|former pupil/);
      await expectAccessible(tab, 'warning page, pupil');
      await expectReflow(tab, 'warning page, pupil');

      // Block page, pupil: a child's words, a way back, no adult details.
      await openWithAddress(s, tab, 'blocked.html', 'http://facebook.com/');
      await tab.waitForText('h1', 'Facebook is closed on school computers');
      const words = await bodyText(tab);
      expect(words).toContain('Need it for school work? Ask your teacher.');
      expect(words).not.toMatch(/Designated Safeguarding Lead|safeguarding@school\.test|social media policy|It stays closed/);
      expect(await tab.countButtons('Go back')).toBe(1);
      expect(await tab.count('svg.sign')).toBe(1);
      await expectAccessible(tab, 'block page, pupil');
      await expectReflow(tab, 'block page, pupil');

      // Welsh.
      await tab.selectLabel('Language', 'cy');
      await tab.waitForText('h1', 'Mae Facebook ar gau ar gyfrifiaduron yr ysgol');
      expect(await tab.runScript('document.documentElement.lang')).toBe('cy');
      expect(await tab.countButtons('Mynd yn ôl')).toBe(1);
      await expectAccessible(tab, 'block page, pupil, Welsh');

      // Urdu: right to left, and the choice sticks on this device.
      await tab.selectLabel('Iaith', 'ur');
      await tab.waitForText('h1', 'اسکول کے کمپیوٹروں پر بند ہے');
      expect(await tab.runScript('document.documentElement.dir')).toBe('rtl');
      expect(await tab.runScript('getComputedStyle(document.querySelector("h1")).direction')).toBe('rtl');
      await tab.runScript('window.beforeReload = true; setTimeout(() => location.reload(), 0)');
      // The page in the middle of reloading has no context to ask: ask again.
      await expect
        .poll(() => tab.runScript('window.beforeReload === undefined && document.documentElement.dir').catch(() => null), { timeout: 15_000 })
        .toBe('rtl');
      await tab.waitForText('h1', 'اسکول کے کمپیوٹروں پر بند ہے');
      await expectAccessible(tab, 'block page, pupil, Urdu');
      await expectReflow(tab, 'block page, pupil, Urdu');
      await tab.selectLabel('زبان', 'en');
      await tab.waitForText('h1', 'Facebook is closed on school computers');

      // Tell someone you trust: focus moves to the form, then to the confirmation.
      await tab.clickButton('Tell someone you trust');
      await tab.waitForText('#report-title', 'Tell someone you trust');
      await expect.poll(() => tab.runScript('document.activeElement && document.activeElement.id')).toBe('report-title');
      await expectAccessible(tab, 'report form open');
      await expectReflow(tab, 'report form open');
      await tab.fillLabel('What happened?', 'Someone keeps sending me horrible messages');
      await tab.fillLabel("Your name (you don't have to)", 'Amira');
      await tab.fillLabel("Your class (you don't have to)", '4B');
      await tab.clickButton('Send');
      const sent = await tab.waitForText('[data-testid="report-sent"]', 'Your message has been sent');
      expect(sent).toContain('Gemma Williams will read it and will talk to you soon.');
      expect(sent).toContain('Nobody else on this computer can see it.');
      await expect.poll(() => tab.runScript('document.activeElement && document.activeElement.id')).toBe('report-sent-title');
      await expectAccessible(tab, 'report sent');

      // The popup: the role in words, and nothing for the admin.
      const popup = await s.newTab();
      await popup.open('popup.html');
      await popup.waitForText('[data-testid="popup-role"]', 'Role: Pupil');
      expect(await popup.countButtons('Status page')).toBe(0);
      await expectAccessible(popup, 'popup, pupil');
    });

    test("staff: the policy's terms on the warning page; the exception form with required fields, the logged notice and a retry countdown; popup, status page with problems, the DSL page locked and unlocked, the builder; every state accessible", async () => {
      test.setTimeout(240_000);
      const s = await start(
        basePolicy({
          role: 'staff',
          ...schoolTimeAllDay(),
          warnMinutes: 0,
          dsl: { name: 'Gemma Williams', contact: 'safeguarding@school.test', passphraseHash },
          exceptions: { approval: 'approver-pin', approvers: [{ name: 'Mrs Head', pinHash }] },
          languages: ['en', 'cy'],
        }),
        sites.hosts(),
        (st) => st.parsed.present && st.role.role === 'staff' && st.action === 'block',
      );
      const tab = await s.newTab();

      // The warning page as staff see it (the words depend on the role, not on how the page was reached).
      await openWithAddress(s, tab, 'warn.html', 'http://social.test/feed');
      await tab.waitForText('h1', 'social.test: please read before you continue');
      await tab.waitForText('[data-testid="terms"]', 'defamation');
      expect(await bodyText(tab)).not.toContain('Be kind.');
      await expectAccessible(tab, 'warning page, staff');
      await expectReflow(tab, 'warning page, staff');

      await openWithAddress(s, tab, 'blocked.html', 'http://social.test/feed');
      await tab.waitForText('#exception-title', 'Ask for a temporary exception');
      expect(await tab.count('svg.sign')).toBe(0);
      await tab.waitForText('[data-testid="exception-logged"]', "recorded in this device's access log");
      expect(await tab.count('.exception .required')).toBe(2);
      await expectAccessible(tab, 'block page, staff, exception form');
      await expectReflow(tab, 'block page, staff, exception form');
      await tab.fillLabel('Reason', 'Year 4 lesson');
      await tab.fillLabel("Approver's PIN", '0000000000');
      await tab.clickButton('Request exception');
      await tab.waitForText('[role="alert"]', 'That PIN is not right for Mrs Head');
      await tab.waitForText('[data-testid="retry-countdown"]', /You can try again in \d+ seconds?\./);
      expect(await tab.attribute('[data-testid="retry-countdown"]', 'aria-live')).toBe('polite');
      await expectAccessible(tab, 'block page, staff, wrong PIN and countdown');
      // It counts down to nothing, and the button works again.
      await tab.waitForText('[data-testid="retry-countdown"]', /^$/, 20_000);

      // Welsh, for a Welsh-medium school's staff.
      await tab.selectLabel('Language', 'cy');
      await tab.waitForText('#exception-title', 'Gofyn am eithriad dros dro');
      await expectAccessible(tab, 'block page, staff, Welsh');
      await tab.selectLabel('Iaith', 'en');

      const popup = await s.newTab();
      await popup.open('popup.html');
      await popup.waitForText('[data-testid="popup-role"]', 'Role: Staff');
      expect(await popup.countButtons('Status page')).toBe(1);
      await expectAccessible(popup, 'popup, staff');

      await tab.open('status.html');
      await tab.waitForText('[data-testid="problems"]', 'warnMinutes');
      await expectAccessible(tab, 'status page with problems');
      await expectReflow(tab, 'status page with problems');

      await tab.open('dsl.html');
      await tab.waitForText('body', 'Enter the passphrase');
      await expectAccessible(tab, 'DSL page, locked');
      await unlockDsl(tab, PASSPHRASE);
      await expectAccessible(tab, 'DSL page, unlocked');
      await expectReflow(tab, 'DSL page, unlocked');

      await tab.open('builder.html');
      await tab.waitForText('h1', 'policy builder');
      await expectAccessible(tab, 'policy builder');
    });

    test("a pupil's report stands out on the DSL page and is marked seen, then handled with a note, kept in the log", async () => {
      const s = await start(
        basePolicy({ role: 'pupil', dsl: { name: 'Gemma Williams', passphraseHash } }),
        sites.hosts(),
        (st) => st.parsed.present && st.parsed.policy.dsl.passphraseHash !== null,
      );
      const tab = await s.newTab();
      await tab.goto('http://facebook.com/');
      await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      await sendReport(tab, { 'What happened?': 'A stranger asked for my address', "Your name (you don't have to)": 'Sam' });

      await openDsl(tab, PASSPHRASE);
      const report = await tab.waitForText('[data-testid="report"]', 'From Sam: A stranger asked for my address', 20_000);
      expect(report).toContain('New');
      await tab.clickButton('Mark seen');
      await expect.poll(() => tab.attribute('[data-testid="report"]', 'data-state'), { timeout: 20_000 }).toBe('seen');
      await tab.fillLabel('Note (kept in the log)', 'Spoke to Sam and their parent');
      await tab.clickButton('Mark handled');
      await expect.poll(() => tab.attribute('[data-testid="report"]', 'data-state'), { timeout: 20_000 }).toBe('handled');
      await tab.waitForText('[data-testid="report-mark"]', 'Spoke to Sam and their parent');
      const events = (await s.storedEntries()).map((e) => e.event);
      expect(events.filter((e) => e === 'report-status')).toHaveLength(2);
      await tab.clickButton('Verify');
      await tab.waitForText('[data-testid="verification"]', /intact/i);
    });

    test('a role that is not valid is reported as invalid, in red, and school days are written as days', async () => {
      const s = await start(basePolicy({ role: 'head-boy', ...schoolTimeAllDay() }), sites.hosts(), (st) => st.parsed.present && st.parsed.problems.length > 0);
      const tab = await s.newTab();
      await tab.open('status.html');
      await tab.waitForText('[data-testid="role"]', 'the role in the policy is not valid: treated as a pupil');
      expect(await bodyText(tab)).not.toContain('no role in the policy');
      await expect.poll(() => tab.attribute('[data-check="policy"]', 'data-state')).toBe('bad');
      expect(await tab.attribute('[data-testid="problems"] tbody tr', 'data-severity')).toBe('bad');
      await tab.waitForText('body', 'Every day: 00:00–24:00');
      await expectAccessible(tab, 'status page, invalid role');
    });

    test("a governor sees the adults' block page: the reason, when it opens, no smiley face", async () => {
      const s = await start(
        basePolicy({ role: 'governor', ...schoolTimeAllDay(), exceptions: { approval: 'off' } }),
        sites.hosts(),
        (st) => st.parsed.present && st.role.role === 'governor',
      );
      const tab = await s.newTab();
      await tab.goto('http://social.test/feed');
      await tab.waitForUrl(`${s.base}blocked.html#http://social.test/feed`);
      await tab.waitForText('h1', 'social.test is blocked during school hours');
      expect(await tab.count('svg.sign')).toBe(0);
      await tab.waitForText('body', 'Ask the head teacher');
      await tab.waitForText('body', 'Gemma Williams, our Designated Safeguarding Lead');
      await expectAccessible(tab, 'block page, governor');
      await expectReflow(tab, 'block page, governor');
    });

    test("Welsh on the adults' own pages: the status page, the DSL page locked and unlocked, and the policy builder, with no English of their own left", async () => {
      test.setTimeout(180_000);
      const s = await start(
        basePolicy({
          role: 'staff',
          ...schoolTimeAllDay(),
          warnMinutes: 0,
          extraSites: ['social.test', '<b>not a domain</b>'],
          networks: ['facebook', 'myspace'],
          dsl: { name: 'Gemma Williams', passphraseHash },
          languages: ['cy', 'en'],
        }),
        sites.hosts(),
        (st) => st.parsed.present && st.role.role === 'staff',
      );
      const tab = await s.newTab();
      // Three attempts for the log, so Verify has a chain to check (and, later, to find broken).
      for (const p of ['/one', '/two', '/three']) {
        await tab.goto(`http://facebook.com${p}`);
        await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      }
      await expect.poll(async () => (await s.storedEntries()).length, { timeout: 30_000 }).toBe(3);
      await tab.open('status.html');
      await tab.waitForText('h1', 'Statws Hall Pass');
      expect(await tab.runScript('document.documentElement.lang')).toBe('cy');
      await tab.waitForText('[data-testid="problems"]', 'warnMinutes');
      const status = await bodyText(tab);
      expect(status).toContain('Problemau’r polisi');
      expect(status).toContain('Calendr yr ysgol (UTC)');
      expect(status).toContain('Bob dydd: 00:00–24:00');
      expect(status).toContain('Gwneud stwnsh cyfrinymadrodd i’r Arweinydd Diogelu');
      // The policy's problems in Welsh: what is wrong and what is used instead, the admin's own value as written (text, not markup).
      const problems = await tab.evaluate(() => (document.querySelector('[data-testid="problems"]') as HTMLElement).innerText, null);
      expect(problems).toContain('disgwyl rhif cyfan o 1 i 1,440, cafwyd 0');
      expect(problems).toContain('dynodydd rhwydwaith anhysbys "myspace"');
      expect(problems).toContain('wedi’i anwybyddu');
      expect(problems).toContain('nid yw’n barth y gellir ei ddefnyddio: "<b>not a domain</b>"');
      expect(problems).not.toContain('expected a whole number');
      expect(await tab.runScript('document.querySelectorAll(\'[data-testid="problems"] [lang="en"], [data-testid="problems"] b\').length')).toBe(0);
      await tab.waitForText('[data-testid="role"]', 'Staff');
      // The self-check, the hub, the clock and the coverage lines are Welsh too, not English marked lang="en".
      await tab.waitForText('[data-testid="self-check"] [data-check="fresh"]', 'Rheolau amser yn gyfredol');
      await tab.waitForText('[data-testid="self-check"] [data-check="install"]', 'Wedi’i osod gan bolisi');
      await tab.waitForText('[data-testid="self-check"] [data-check="policy"]', 'Wedi’i ganfod, gyda ');
      await tab.waitForText('[data-testid="hub-facts"]', 'Dim yn y polisi: mae’r cofnod yn aros ar y ddyfais hon.');
      await tab.waitForText('[data-testid="clock"]', 'Dim symudiad yng nghloc y ddyfais wedi’i sylwi.');
      await tab.waitForText('[data-testid="rule-coverage"]', 'Rhwydweithiau rhestredig: pob ffurf dirprwy ac archif');
      const markedEnglish = (selector: string) => tab.evaluate((sel) => document.querySelectorAll(`${sel} [lang="en"]`).length, selector);
      // Why the status was last worked out: said in Welsh (the page asked, or the extension started...), not the worker's English.
      const trigger = await tab.evaluate(() => document.querySelector('[data-testid="trigger"]')?.textContent ?? '', null);
      expect(Object.values(cyTriggers)).toContain(trigger);
      for (const part of [
        '[data-testid="self-check"]',
        '[data-testid="hub-section"]',
        '[data-testid="clock"]',
        '[data-testid="rule-coverage"]',
        '[data-testid="trigger"]',
      ]) {
        expect(await markedEnglish(part), `${part} has no English left`).toBe(0);
      }
      await expectNoEnglish(tab, 'status page');
      await expectAccessible(tab, 'status page, Welsh');

      await tab.open('dsl.html');
      await tab.waitForText('h1', 'Cofnod diogelu');
      await tab.waitForText('body', 'Mae’r cofnod hwn ar gyfer Gemma Williams. Rhowch y cyfrinymadrodd i’w adolygu.');
      await expectNoEnglish(tab, 'DSL page, locked');
      await tab.fillLabel('Cyfrinymadrodd', 'not the passphrase');
      await tab.clickButton('Datgloi');
      await tab.waitForText('[role="alert"]', 'Nid yw’r cyfrinymadrodd hwnnw’n gywir.');
      await tab.waitForText('[data-testid="retry-countdown"]', /^$/, 20_000);
      await tab.fillLabel('Cyfrinymadrodd', PASSPHRASE);
      await tab.clickButton('Datgloi');
      await expect.poll(() => tab.countButtons('Allforio CSV'), { timeout: 20_000 }).toBe(1);
      await tab.waitForText('#summary-title', 'Crynodeb', 20_000);
      await tab.waitForText('#entries-title', 'Cofnodion');
      expect(await bodyText(tab)).toContain('Hidlwyr');
      // Verify's result, said in Welsh (the log holds no entries yet, or only intact ones).
      await tab.waitForText('[data-testid="verification"]', /^Cyfan: /, 20_000);
      expect(await tab.evaluate(() => document.querySelectorAll('[data-testid="verification"] [lang="en"]').length, null)).toBe(0);
      // Two entries edited in IndexedDB: Verify's result and its entry-by-entry list, both in Welsh.
      await editLogEntries(s, [1, 2], { path: '/innocent' });
      await tab.clickButton('Dilysu');
      await tab.waitForText('[data-testid="verification"]', /^Wedi torri wrth gofnod 1: newidiwyd ei gynnwys/, 20_000);
      await tab.waitForText('[data-testid="verify-problems"]', 'Cofnod 2: newidiwyd ei gynnwys ar ôl ei ysgrifennu.', 20_000);
      const list = await tab.evaluate(() => (document.querySelector('[data-testid="verify-problems"]') as HTMLElement).innerText, null);
      expect(list).toContain('Cofnod 1: newidiwyd ei gynnwys ar ôl ei ysgrifennu.');
      expect(list).not.toContain('Entry');
      expect(await markedEnglish('[data-testid="verify-problems"]')).toBe(0);
      await expectNoEnglish(tab, 'DSL page, unlocked');
      await expectAccessible(tab, 'DSL page, unlocked, Welsh');

      await tab.open('builder.html');
      await tab.waitForText('h1', 'Adeiladydd polisi Hall Pass');
      const builder = await bodyText(tab);
      expect(builder).toContain('Ffeiliau i’w gosod');
      expect(builder).toContain('Arweinydd Diogelu Dynodedig');
      // The files' titles and where they go, and Welsh examples in the fields.
      expect(builder).toContain('Ffeil .reg Windows (Chrome ac Edge)');
      expect(builder).toContain('Mewnforiwch hi ar bob peiriant neu drwy Group Policy / Intune.');
      expect(await tab.attribute('#school-name', 'placeholder')).toBe('Ysgol Gyfun Llwyn Onn');
      expect(await tab.attribute('#device-label', 'placeholder')).toBe('Ystafell TGCh PC 12');
      expect(await tab.attribute('#dsl-name', 'placeholder')).toBe('Siân Williams');
      await expectNoEnglish(tab, 'policy builder');
      await expectAccessible(tab, 'policy builder, Welsh');

      // The builder's own notes, a file it cannot make, values Chrome would drop and a hash error: all in Welsh.
      await tab.fillLabel('Cyfrinymadrodd yr Arweinydd Diogelu (o leiaf 8 nod)', 'correct horse battery');
      await tab.fillLabel('Ailadroddwch y cyfrinymadrodd', 'correct horse');
      await tab.selectLabel('Cymeradwyo', 'approver-pin');
      await tab.clickButton('Ychwanegu cymeradwywr');
      await tab.fillLabel('Cymeradwywr 1: enw', 'Mrs Shah');
      await tab.fillLabel('Sawl munud y mae Parhau ar ôl rhybudd yn para', '1.5');
      await tab.fillLabel('Firefox: cyfeiriad y ffeil .xpi wedi’i llofnodi', 'hall-pass.xpi');
      const notes = '[data-testid="builder-notes"]';
      await tab.waitForText(notes, 'Nid yw cyfrinymadrodd yr Arweinydd Diogelu wedi’i stwnshio eto: pwyswch "Gwneud stwnsh".');
      await tab.waitForText(notes, 'Nid oes PIN gan Mrs Shah: teipiwch un a phwyswch "Gwneud stwnsh".');
      await tab.waitForText('[data-output="firefox"] [role="alert"]', 'Methu gwneud y ffeil hon: Nid yw "hall-pass.xpi" yn gyfeiriad https, http neu file');
      await tab.waitForText('[data-testid="builder-dropped"]', 'dylai fod yn rhif cyfan; mae Chrome ac Edge yn gollwng gwerth');
      await tab.waitForText('[data-testid="builder-dropped"]', 'y rhagosodiad (ni all y dudalen statws ddangos y broblem hon)');
      const b = enAdmin.builder;
      const who = { name: 'Mrs Shah', row: 1 };
      /** The English of what the builder shows now: none of it may be left outside lang="en". */
      const builderEnglish = [
        b.notes.passphraseNotHashed({ code: 'passphraseNotHashed' }),
        b.notes.noPin({ code: 'noPin', who }),
        b.fileErrors.notXpiUrl({ code: 'notXpiUrl', url: 'hall-pass.xpi' }),
        b.droppedWhy.schemaType.problem({ code: 'schemaType', expected: 'integer' }),
        b.droppedWhy.schemaType.used,
        b.hashErrors.passphraseMismatch({ code: 'passphraseMismatch' }),
        ...Object.values(b.outputTitles),
        ...Object.values(b.outputHints),
      ];
      const expectNoBuilderEnglish = async (state: string) => {
        await expectNoEnglish(tab, state);
        const words = await ownWords(tab);
        expect(
          builderEnglish.filter((e) => words.includes(e)),
          `${state}: the builder's English left on a Welsh page`,
        ).toEqual([]);
        for (const part of [notes, '[data-testid="builder-dropped"]', '.output', '[data-testid="hash-report"]']) {
          expect(await tab.count(`${part} [lang="en"]`), `${part} has no English left`).toBe(0);
        }
      };
      await expectNoBuilderEnglish('policy builder with notes, a file error and dropped values');
      await tab.clickButton('Gwneud stwnsh');
      await tab.waitForText(
        '[data-testid="hash-errors"]',
        'Cyfrinymadrodd yr Arweinydd Diogelu: nid yw’r ddau gyfrinymadrodd yr un fath. Teipiwch nhw eto.',
        30_000,
      );
      await expectNoBuilderEnglish('policy builder after a hash error');
      expect(await tab.count('[data-testid="hash-errors"] [lang="en"]')).toBe(0);
      await expectAccessible(tab, 'policy builder, Welsh, with notes and errors');

      // The same Language menu as the other adults' pages: the choice sticks for every page.
      await tab.selectLabel('Iaith', 'en');
      await tab.waitForText('h1', 'Hall Pass policy builder');
      await tab.open('status.html');
      await tab.waitForText('h1', 'Hall Pass status');
      await tab.waitForText('[data-testid="problems"]', 'expected a whole number from 1 to 1440, got 0');
    });

    test('Welsh status page: a school hub that cannot be reached is said in Welsh, and only the browser’s own words are English, marked so', async () => {
      test.setTimeout(180_000);
      // A port nothing listens on: every delivery fails in the network.
      const port = await new Promise<number>((resolve) => {
        const srv = createServer();
        srv.listen(0, '127.0.0.1', () => {
          const { port } = srv.address() as AddressInfo;
          srv.close(() => resolve(port));
        });
      });
      const s = await start(
        basePolicy({ role: 'staff', ...schoolTimeAllDay(), languages: ['cy', 'en'], hub: { url: `http://127.0.0.1:${port}`, key: 'ingest-key' } }),
        sites.hosts(),
        (st) => st.parsed.present && (st.parsed.policy as { hub: unknown }).hub !== null,
      );
      const tab = await s.newTab();
      await tab.goto('http://facebook.com/one');
      await tab.waitForUrl(/blocked(-[a-z0-9-]+)?\.html/);
      await tab.open('status.html');
      await tab.waitForText('h1', 'Statws Hall Pass');
      await tab.waitForText('[data-check="delivery"]', 'Heb ei anfon eto: ni ellir cyrraedd yr hyb.', 60_000);
      await tab.waitForText('[data-check="delivery"]', 'Dywedodd y porwr:');
      await tab.waitForText('[data-fact="Last error"]', /^ni ellir cyrraedd yr hyb \(.*\) Dywedodd y porwr: /);
      // The browser's words (its own, in English) are the only English in the hub section, each marked so.
      const marked = await tab.evaluate(() => [...document.querySelectorAll('[data-testid="hub-section"] [lang="en"]')].map((e) => e.textContent ?? ''), null);
      expect(marked).toHaveLength(2);
      expect(marked[0]).not.toBe('');
      expect(marked[1]).toBe(marked[0]);
      const hubText = await tab.evaluate(() => (document.querySelector('[data-testid="hub-section"]') as HTMLElement).innerText, null);
      expect(hubText).not.toContain('cannot reach the hub');
      await expectNoEnglish(tab, 'status page, hub unreachable');
      await expectAccessible(tab, 'status page, Welsh, hub unreachable');
    });

    test("focus is clearly visible on every control of the pupils' pages: block, report form open, warning", async () => {
      test.setTimeout(240_000);
      const s = await start(
        basePolicy({ role: 'pupil', ...schoolTimeAllDay(), actions: { pupil: { schoolHours: 'warn', otherTimes: 'warn' } }, languages: ['en', 'cy'] }),
        sites.hosts(),
        (st) => st.parsed.present && st.role.role === 'pupil' && st.action === 'warn',
      );
      const tab = await s.newTab();
      await openWithAddress(s, tab, 'warn.html', 'http://social.test/feed');
      await tab.waitForText('h1', 'social.test: stop and think');
      await expectVisibleFocus(tab, 'warning page, pupil');
      await openWithAddress(s, tab, 'blocked.html', 'http://facebook.com/');
      await tab.waitForText('h1', 'Facebook is closed on school computers');
      await expectVisibleFocus(tab, 'block page, pupil');
      await tab.clickButton('Tell someone you trust');
      await tab.waitForText('#report-title', 'Tell someone you trust');
      // The form takes focus to its heading as it opens; the walk starts after that, not during it.
      await poll(
        () => tab.evaluate(() => document.activeElement?.id ?? '', null),
        (id) => id === 'report-title',
        'focus on the report form',
      );
      expect(await expectVisibleFocus(tab, 'report form open')).toBeGreaterThanOrEqual(5);
    });

    test("focus is clearly visible on every control of the adults' pages: block with the exception form, warning, popup, status, DSL locked and unlocked, builder; the builder reflows at 320 and 640 px", async () => {
      test.setTimeout(300_000);
      const s = await start(
        basePolicy({
          role: 'staff',
          ...schoolTimeAllDay(),
          warnMinutes: 0,
          dsl: { name: 'Gemma Williams', passphraseHash },
          exceptions: { approval: 'approver-pin', approvers: [{ name: 'Mrs Head', pinHash }] },
          languages: ['en', 'cy'],
        }),
        sites.hosts(),
        (st) => st.parsed.present && st.role.role === 'staff' && st.action === 'block',
      );
      const tab = await s.newTab();
      await openWithAddress(s, tab, 'blocked.html', 'http://social.test/feed');
      await tab.waitForText('#exception-title', 'Ask for a temporary exception');
      await expectVisibleFocus(tab, 'block page, staff');
      await openWithAddress(s, tab, 'warn.html', 'http://social.test/feed');
      await tab.waitForText('h1', 'please read before you continue');
      await expectVisibleFocus(tab, 'warning page, staff');
      await tab.open('status.html');
      await tab.waitForText('[data-testid="problems"]', 'warnMinutes');
      await expectVisibleFocus(tab, 'status page');
      await tab.open('dsl.html');
      await tab.waitForText('body', 'Enter the passphrase');
      await expectVisibleFocus(tab, 'DSL page, locked');
      await tab.fillLabel('Passphrase', PASSPHRASE);
      await tab.clickButton('Unlock');
      await expect.poll(() => tab.countButtons('Export CSV'), { timeout: 20_000 }).toBe(1);
      await expectVisibleFocus(tab, 'DSL page, unlocked');
      await tab.open('builder.html');
      await tab.waitForText('h1', 'policy builder');
      expect(await expectVisibleFocus(tab, 'policy builder')).toBeGreaterThan(60);
      await expectReflow(tab, 'policy builder');
      await expectReflow(tab, 'policy builder at 200% zoom', 640);
      // With rows added (a closed date, an approved use, an approver), and in Welsh (longer words).
      await tab.clickButton('Add a closed date');
      await tab.clickButton('Add an approved use');
      await tab.clickButton('Add an approver');
      await expectReflow(tab, 'policy builder with rows');
      await tab.selectLabel('Language', 'cy');
      await tab.waitForText('h1', 'Adeiladydd polisi Hall Pass');
      await expectReflow(tab, 'policy builder in Welsh');
      await expectReflow(tab, 'policy builder in Welsh at 200% zoom', 640);

      // Last, as a new tab takes the focus from this one. Welsh, chosen on the builder, holds here too.
      const popup = await s.newTab();
      await popup.open('popup.html');
      await popup.waitForText('[data-testid="popup-role"]', 'Rôl: Staff');
      await expectVisibleFocus(popup, 'popup, staff');
    });
  });
}
