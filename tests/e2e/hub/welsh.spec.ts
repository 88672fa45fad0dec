/**
 * The hub's pages in Welsh, read in real Chromium from a real hub on real PostgreSQL: the reader picks
 * Cymraeg in the header, signs in, and reads Reports, Entries, Devices and Exports in Welsh; the choice
 * sticks from page to page; a browser that asks for Welsh first gets it unasked; English comes back.
 */
import { test, expect, type Page } from '@playwright/test';
import { PASSWORD } from '../../../hub/tests/support/dsl-seed';
import { enHub } from '../../../hub/src/dsl/pages/i18n/en';
import { useHubPages } from './support';

const hp = useHubPages();
const url = () => hp().hub.url;

/** Every English sentence and phrase of the hub's catalogue (single words could be a school's data). */
function englishPhrases(m: object): string[] {
  return Object.entries(m).flatMap(([k, v]): string[] => {
    if (k === 'dsl' || k === 'languageMenu' || k === 'tag') return [];
    if (v && typeof v === 'object') return englishPhrases(v as object);
    return typeof v === 'string' && v.trim().includes(' ') ? [v.trim()] : [];
  });
}
const ENGLISH = englishPhrases(enHub);

async function expectWelsh(page: Page, heading: string, words: string[]) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  const text = await page.locator('body').innerText();
  for (const w of words) expect(text, `"${w}" on ${page.url()}`).toContain(w);
  for (const en of ENGLISH) expect(text, `English left on ${page.url()}`).not.toContain(en);
  expect(text).not.toMatch(/\b\d+ (reports?|devices?|entries|attempts?)\b/);
}

/** Signs in through the Welsh form; waits out a wait left by a wrong password. */
async function signInWelsh(page: Page, email: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mewngofnodi');
  await page.getByLabel('E-bost').fill(email);
  await page.getByLabel('Cyfrinair').fill(PASSWORD);
  await page.getByRole('button', { name: 'Mewngofnodi' }).click();
  await expect(page.getByTestId('who')).toContainText(email);
}

test('a DSL picks Cymraeg, signs in, and reads Reports, Entries, Devices and Exports in Welsh; the choice sticks; English comes back', async () => {
  const ctx = await hp().browser.newContext({ locale: 'en-GB' });
  const page = await ctx.newPage();
  await page.goto(`${url()}/login`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  const menu = page.getByRole('navigation', { name: 'Language / Iaith' });
  await menu.getByRole('link', { name: 'Cymraeg' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signInWelsh(page, hp().seed.accounts.trust);

  const lang = (await ctx.cookies()).find((c) => c.name === 'hallpass_lang')!;
  expect(lang).toMatchObject({ value: 'cy', httpOnly: true, secure: true, sameSite: 'Strict' });

  // Reports: the pupil's words shown as written, the rest in Welsh.
  await expect(page).toHaveURL(/\/reports$/);
  await expectWelsh(page, 'Adroddiadau', ['Pob ysgol', 'Dangos', 'Cyflwr', 'Cadw', 'newydd', 'Allgofnodi', 'DSL yr ymddiriedolaeth']);
  await expect(page.getByRole('form', { name: 'Hidlyddion' })).toBeVisible();
  await expect(page.getByTestId('reports-count')).toHaveText(/^\d+ adroddiad, \d+ newydd\.$/);
  await expect(page.locator('blockquote.text').first()).not.toBeEmpty();
  expect(await page.locator('body').innerText()).toContain('Someone in my class keeps sending me mean messages');

  // The choice sticks on the next pages, reached through the Welsh menu.
  await page.getByRole('navigation', { name: 'Tudalennau' }).getByRole('link', { name: 'Pob cofnod' }).click();
  await expectWelsh(page, 'Pob cofnod', ['Beth ddigwyddodd', 'Amser lleol', 'Cyfeiriad', 'Tudalen 1', 'Wedi’i flocio']);

  await page.getByRole('link', { name: 'Dyfeisiau' }).click();
  await expectWelsh(page, 'Dyfeisiau', ['Porwr', 'Gwelwyd ddiwethaf', 'Cadwyn', 'angen sylw', 'cyfan']);
  await expect(page.getByTestId('device').first()).toBeVisible();
  // Problems (a broken chain, a silent device) are worded in Welsh too.
  const chains = await page.getByTestId('chain').allInnerTexts();
  expect(chains.some((c) => /wedi torri wrth gofnod|yn dawel ers/.test(c))).toBe(true);
  // The broken chain's own detail is the hub's English, marked so inside the Welsh sentence.
  const broken = page.getByTestId('chain').filter({ hasText: 'wedi torri wrth gofnod' });
  await expect(broken.locator('span[lang="en"]')).toHaveText(/\S/);

  await page.getByRole('link', { name: 'Allforion' }).click();
  await expectWelsh(page, 'Allforion', ['CSV ar gyfer Excel', 'Crynodeb i’w argraffu', 'trywydd mynediad', 'Saesneg']);

  // English comes back, on the same page, and sticks.
  await page.getByRole('navigation', { name: 'Language / Iaith' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/exports$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exports');
  await page.getByRole('link', { name: 'Devices' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Devices');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await ctx.close();
});

test('a browser that asks for Welsh first gets Welsh unasked; a filter keeps its query when the language changes', async () => {
  const ctx = await hp().browser.newContext({ locale: 'cy-GB' });
  const page = await ctx.newPage();
  await page.goto(`${url()}/reports`);
  await expect(page).toHaveURL(/\/login$/);
  await signInWelsh(page, hp().seed.accounts.oakDsl);
  await expectWelsh(page, 'Adroddiadau', ['Cyflwr', 'DSL ysgol']);
  expect((await ctx.cookies()).find((c) => c.name === 'hallpass_lang')).toBeUndefined();

  // A filter the hub cannot use: our sentence in Welsh, the parser's own words after it marked as English.
  const bad = await page.goto(`${url()}/entries?from=not-a-date`);
  expect(bad?.status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hidlydd gwallus');
  await expect(page.getByRole('alert')).toContainText('Ni ellir defnyddio’r hidlydd hwn:');
  await expect(page.getByRole('alert').locator('span[lang="en"]')).not.toBeEmpty();

  await page.goto(`${url()}/entries?role=pupil`);
  await expectWelsh(page, 'Pob cofnod', ['disgybl']);
  // The reader's English beats the browser's Welsh, and the page comes back with its filter.
  await page.getByRole('navigation', { name: 'Language / Iaith' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/entries\?role=pupil$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All entries');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All entries');
  await ctx.close();
});

test('the language menu refuses to send the reader to another site', async () => {
  const ctx = await hp().browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${url()}/lang?to=cy&back=${encodeURIComponent('//evil.example/')}`);
  await expect(page).toHaveURL(new RegExp(`^${url()}/login$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await ctx.close();
});
