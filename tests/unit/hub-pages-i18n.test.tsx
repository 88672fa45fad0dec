/**
 * The hub's own pages in English and Welsh: every sentence has words in both, the Welsh is not the
 * English left in place, plurals follow each language's rules, and the language is picked from the
 * reader's choice, then the browser's Accept-Language, then English.
 */
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { cyHub } from '../../hub/src/dsl/pages/i18n/cy';
import { enHub, type HubMessages } from '../../hub/src/dsl/pages/i18n/en';
import { fromAcceptLanguage, pickHubLang, safeBack } from '../../hub/src/dsl/pages/i18n/index';
import { PageLangContext } from '../../hub/src/dsl/pages/layout';
import { LoginPage } from '../../hub/src/dsl/pages/pages';

/** Same in both languages by nature: the bilingual menu name, a file format, a product name. */
const SAME_BY_NATURE = new Set(['languageMenu', 'exports.json', 'status.postgres']);
/** The extension's DSL-page words, checked with the extension's own catalogues. */
const SHARED = new Set(['dsl']);

/** Sample arguments for each sentence that takes some, to compare what the reader would see. */
const ARGS: [string, ...unknown[]][] = [
  ['titleSuffix', 'X'],
  ['when', new Date('2026-12-02T09:05:00Z')],
  ['login.tooMany', 3],
  ['login.wrong', 3],
  ['entries.page', 2],
  ['reports.count', 3],
  ['reports.fresh', 2],
  ['reports.setBy', 'seen', 'a@b', 'now'],
  ['attempts.intro', 5],
  ['chain.keyMismatch', 2],
  ['chain.broken', 7],
  ['chain.silent', 3],
  ['devices.count', 3],
  ['devices.attention', 1],
  ['charts.range', 3, 'a', 'b', 9],
  ['summary.confidential', 'now', 'a@b'],
  ['summary.attention', 1, 3],
  ['summary.total', 5],
  ['summary.reportsIn', 'seen'],
  ['trail.intro', 10],
  ['status.database', 'x', 3],
  ['status.schools', 2],
  ['status.devices', 3, 1, 1],
  ['errors.refusedText', 'x'],
  ['errors.notForAccountText', 'x'],
];
const argsFor = (key: string) => ARGS.find(([k]) => k === key)?.slice(1);

function leaves(m: object, prefix = ''): [string, unknown][] {
  return Object.entries(m).flatMap(([k, v]): [string, unknown][] => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (!prefix && SHARED.has(k)) return [];
    return v && typeof v === 'object' ? leaves(v as object, key) : [[key, v]];
  });
}
const at = (m: HubMessages, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], m);

describe('hub page catalogues', () => {
  const keys = leaves(enHub).map(([k]) => k);

  it('has the same sentences in English and Welsh (nested record keys too)', () => {
    expect(leaves(cyHub).map(([k]) => k)).toEqual(keys);
    expect(keys.length).toBeGreaterThan(100);
  });

  it.each(keys)('%s: words in both languages, and the Welsh is not the English', (key) => {
    const en = at(enHub, key);
    const cy = at(cyHub, key);
    const args = typeof en === 'function' ? argsFor(key) : undefined;
    if (typeof en === 'function') expect(args, `sample arguments for ${key}`).toBeDefined();
    const say = (v: unknown) => (typeof v === 'function' ? String((v as (...a: unknown[]) => unknown)(...args!)) : v);
    const [e, c] = [say(en), say(cy)];
    expect(typeof e).toBe('string');
    expect(typeof c).toBe('string');
    expect((e as string).trim()).not.toBe('');
    expect((c as string).trim()).not.toBe('');
    if (SAME_BY_NATURE.has(key)) expect(c).toBe(e);
    else expect(c).not.toBe(e);
  });

  it.each([
    [0, 'dim adroddiadau', '0 reports'],
    [1, '1 adroddiad', '1 report'],
    [2, '2 adroddiad', '2 reports'],
    [6, '6 adroddiad', '6 reports'],
  ])('plurals through Intl.PluralRules: %i reports', (count, cy, en) => {
    expect(cyHub.reports.count(count)).toBe(cy);
    expect(enHub.reports.count(count)).toBe(en);
  });

  it('writes moments in the reader’s language, on the hub’s UTC clock', () => {
    const d = new Date('2026-12-02T09:05:00Z');
    expect(enHub.when(d)).toBe('2026-12-02 09:05 UTC');
    expect(cyHub.when(d)).toMatch(/^2 Rhag 2026.*09:05 UTC$/);
  });

  it.each([
    [1, 'yn dawel ers 1 diwrnod', 'silent for 1 day'],
    [2, 'yn dawel ers 2 ddiwrnod', 'silent for 2 days'],
    [3, 'yn dawel ers 3 diwrnod', 'silent for 3 days'],
  ])('days in the chain column: %i', (d, cy, en) => {
    expect(cyHub.chain.silent(d)).toBe(cy);
    expect(enHub.chain.silent(d)).toBe(en);
  });
});

describe('the hub page language', () => {
  it.each([
    ['no choice, no header: English', undefined, undefined, 'en'],
    ['Welsh before English in the browser', undefined, 'cy-GB,cy;q=0.9,en;q=0.8', 'cy'],
    ['English before Welsh in the browser', undefined, 'en-GB,en;q=0.9,cy;q=0.8', 'en'],
    ['q values, not order, rank', undefined, 'en;q=0.5,cy;q=0.9', 'cy'],
    ['a language the hub lacks is skipped', undefined, 'fr-FR,cy;q=0.5', 'cy'],
    ['only languages the hub lacks: English', undefined, 'fr,de', 'en'],
    ['q=0 means not wanted', undefined, 'cy;q=0,en;q=0.1', 'en'],
    ['the reader’s choice beats the browser', 'en', 'cy', 'en'],
    ['the reader’s Welsh beats an English browser', 'cy', 'en-GB', 'cy'],
    ['a forged cookie is ignored', 'xx<script>', 'cy', 'cy'],
  ])('%s', (_name, cookie, header, lang) => {
    expect(pickHubLang(cookie, header)).toBe(lang);
  });

  it('reads a long hostile header without trouble', () => {
    expect(fromAcceptLanguage(`${'x;q=1,'.repeat(10_000)}cy`)).toBe(null);
  });

  it.each([
    ['/reports?school=1', '/reports?school=1'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/a b', '/'],
    [undefined, '/'],
  ])('the menu returns only to this hub: %s → %s', (back, to) => {
    expect(safeBack(back)).toBe(to);
  });

  it('renders the sign-in page in Welsh with lang="cy", and in English by default', () => {
    const page = (lang: 'en' | 'cy') =>
      render(
        <PageLangContext.Provider value={{ lang, w: lang === 'cy' ? cyHub : enHub, back: '/login' }}>
          <LoginPage error={{ reason: 'wrong', waitSeconds: 2 }} csrf="t" email="" expired={false} />
        </PageLangContext.Provider>,
      );
    const cy = page('cy');
    expect(cy).toContain('<html lang="cy">');
    expect(cy).toContain('Mewngofnodi');
    expect(cy).toContain('E-bost neu gyfrinair anghywir. Arhoswch 2 eiliad cyn y cynnig nesaf.');
    expect(cy).not.toContain('Password');
    expect(cy).toContain('href="/lang?to=en&amp;back=%2Flogin"');
    expect(render(<LoginPage error={null} csrf="t" email="" expired={false} />)).toContain('<html lang="en-GB">');
  });
});
