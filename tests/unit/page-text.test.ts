import { describe, expect, it } from 'vitest';
import { addressFromFragment, blockView, daysText, reportView, schoolTimeWords, TERMS_OF_USE, warnView, type BlockView } from '../../utils/core/page-text';
import { loadMessages } from '../../utils/core/i18n/catalogues';
import { loadAdminMessages } from '../../utils/core/i18n/admin-catalogues';
import { enAdmin } from '../../utils/core/i18n/admin-en';
import { en } from '../../utils/core/i18n/en';
import { direction, pickLanguage, PUPIL_LANGUAGES, type Lang } from '../../utils/core/i18n/languages';
import { parsePolicy, type Policy } from '../../utils/core/policy';
import type { Role, Weekday } from '../../utils/core/types';
import { utc } from '../helpers/time';

const WED_SCHOOL = utc(2026, 6, 10, 9); // Wed 10 June 2026, 10:00 BST
const WED_EVENING = utc(2026, 6, 10, 17); // 18:00 BST
const FRI_EVENING_BEFORE_HALF_TERM = utc(2026, 5, 22, 17); // Fri 22 May, 18:00 BST
const WINTER_SCHOOL = utc(2026, 1, 14, 10); // Wed 14 January, 10:00 GMT
const FB = 'https://www.facebook.com/groups/123';

const p = (raw: unknown): Policy => {
  const parsed = parsePolicy(raw);
  expect(parsed.problems).toEqual([]);
  return parsed.policy;
};

const DEFAULTS = p(undefined);
const HALF_TERM = { from: '2026-05-25', to: '2026-05-29', label: 'Half term' };

describe('addressFromFragment', () => {
  const long = `https://example.org/${'a'.repeat(3000)}`;
  it.each<[string, string | null]>([
    ['#https://www.facebook.com/groups/123?ref=bookmarks', 'https://www.facebook.com/groups/123?ref=bookmarks'],
    // the fragment of the original address rides along after the first '#'
    ['#https://www.facebook.com/page#comments', 'https://www.facebook.com/page#comments'],
    ['https://www.facebook.com/', 'https://www.facebook.com/'],
    ['#http://example.org/a%2Fb?q=%3Cx%3E', 'http://example.org/a%2Fb?q=%3Cx%3E'],
    ['#https://example.org/search?q=a+b&x=%20', 'https://example.org/search?q=a+b&x=%20'],
    ['#HTTPS://WWW.FACEBOOK.COM/', 'HTTPS://WWW.FACEBOOK.COM/'],
    ['#wss://gateway.discord.gg/?v=10', 'wss://gateway.discord.gg/?v=10'],
    ['#https://example.org/<b>not html</b>', 'https://example.org/<b>not html</b>'],
    [`#${long}`, `${long.slice(0, 2048)}…`],
    ['#javascript:alert(1)', null],
    ['javascript:alert(1)', null],
    ['#JavaScript:alert(document.cookie)//https://x', null],
    ['#<img src=x onerror=alert(1)>', null],
    ['#data:text/html,<script>alert(1)</script>', null],
    ['#ftp://example.org/', null],
    ['#chrome://settings', null],
    ['#//www.facebook.com/', null],
    ['#www.facebook.com', null],
    ['#https://', null],
    ['#https:// spaces in host/', null],
    ['#', null],
    ['', null],
  ])('%j → %j', (hash, expected) => {
    expect(addressFromFragment(hash)).toBe(expected);
  });
});

describe('blockView', () => {
  interface Case {
    name: string;
    url: string | null;
    role: Role;
    now: number;
    policy: Policy;
    expect: Partial<BlockView>;
    talkTo?: (lines: string[]) => void;
  }

  const withDsl = p({ dsl: { name: 'Mrs A. Patel', contact: 'dsl@hill.sch.uk' } });
  const dslContactOnly = p({ dsl: { contact: '01632 960000' } });
  const named = p({ school: { name: 'Hill Primary School', policyUrl: 'https://hill.sch.uk/social-media.pdf' } });
  const pupilEvenings = p({ actions: { pupil: { schoolHours: 'block', otherTimes: 'allow' } } });
  const pupilDayOnly = p({ closedDates: [HALF_TERM], actions: { pupil: { schoolHours: 'allow', otherTimes: 'block' } } });
  const staffAlways = p({ actions: { staff: { schoolHours: 'block', otherTimes: 'block' } } });
  const newYork = p({ timezone: 'America/New_York' });
  const extra = p({ extraSites: ['example-social.com'] });

  const cases: Case[] = [
    {
      name: 'pupil, defaults',
      url: FB,
      role: 'pupil',
      now: WED_SCHOOL,
      policy: DEFAULTS,
      expect: {
        title: 'Facebook is closed on school computers',
        // The title already says it is closed: no second sentence saying the same.
        reopens: null,
        permission: null,
        address: FB,
        policyUrl: null,
      },
      talkTo: (lines) => {
        expect(lines).toHaveLength(2);
        expect(lines.join(' ')).toMatch(/teacher/);
        expect(lines.join(' ')).not.toMatch(/Safeguarding/);
      },
    },
    {
      name: 'pupil, defaults, in the evening: still never',
      url: FB,
      role: 'pupil',
      now: WED_EVENING,
      policy: DEFAULTS,
      expect: { reopens: null },
    },
    {
      name: "pupil, DSL named: adult details stay on the adults' pages",
      url: FB,
      role: 'pupil',
      now: WED_SCHOOL,
      policy: withDsl,
      expect: { title: 'Facebook is closed on school computers', permission: null },
      talkTo: (lines) => {
        expect(lines.join(' ')).not.toMatch(/dsl@hill\.sch\.uk|Designated Safeguarding Lead/);
        expect(lines.join(' ')).toMatch(/grown-up you trust/);
      },
    },
    {
      name: 'pupil, DSL contact only',
      url: FB,
      role: 'pupil',
      now: WED_SCHOOL,
      policy: dslContactOnly,
      expect: {},
      talkTo: (lines) => expect(lines.join(' ')).not.toMatch(/01632 960000|Designated/),
    },
    {
      name: 'pupil, school named: the staff policy is not linked for a child',
      url: FB,
      role: 'pupil',
      now: WED_SCHOOL,
      policy: named,
      expect: { policyUrl: null },
    },
    {
      name: 'staff, school named, policy linked',
      url: FB,
      role: 'staff',
      now: WED_SCHOOL,
      policy: named,
      expect: { policyUrl: 'https://hill.sch.uk/social-media.pdf' },
    },
    {
      name: 'pupil, allowed after school, in school hours',
      url: FB,
      role: 'pupil',
      now: WED_SCHOOL,
      policy: pupilEvenings,
      expect: { reopens: 'You can use it again at 15:30.' },
    },
    {
      name: 'pupil, allowed in school hours only, Wednesday evening',
      url: FB,
      role: 'pupil',
      now: WED_EVENING,
      policy: pupilDayOnly,
      expect: { reopens: 'You can use it again tomorrow at 08:30.' },
    },
    {
      name: 'pupil, allowed in school hours only, Friday before half term',
      url: FB,
      role: 'pupil',
      now: FRI_EVENING_BEFORE_HALF_TERM,
      policy: pupilDayOnly,
      expect: { reopens: 'You can use it again on Monday 1 June at 08:30.' },
    },
    {
      name: 'pupil, an unknown site',
      url: 'https://www.example.org/',
      role: 'pupil',
      now: WED_SCHOOL,
      policy: DEFAULTS,
      expect: { title: 'This site is closed on school computers', address: 'https://www.example.org/' },
    },
    {
      name: 'pupil, no address passed on',
      url: null,
      role: 'pupil',
      now: WED_SCHOOL,
      policy: DEFAULTS,
      expect: { title: 'This site is closed on school computers', address: null },
    },
    {
      name: 'pupil, through the translation proxy',
      url: 'https://www-facebook-com.translate.goog/',
      role: 'pupil',
      now: WED_SCHOOL,
      policy: DEFAULTS,
      expect: { title: 'Facebook is closed on school computers' },
    },
    {
      name: 'pupil, an extra site',
      url: 'https://chat.example-social.com/',
      role: 'pupil',
      now: WED_SCHOOL,
      policy: extra,
      expect: { title: 'example-social.com is closed on school computers' },
    },
    {
      name: 'staff in school hours',
      url: FB,
      role: 'staff',
      now: WED_SCHOOL,
      policy: DEFAULTS,
      expect: { title: 'Facebook is blocked during school hours', reopens: 'It opens again at 15:30.', address: FB },
      talkTo: (lines) => expect(lines).toEqual([]),
    },
    {
      name: 'staff in school hours in winter (GMT)',
      url: FB,
      role: 'staff',
      now: WINTER_SCHOOL,
      policy: DEFAULTS,
      expect: { reopens: 'It opens again at 15:30.' },
    },
    {
      name: 'staff in New York: local time, not UTC or London',
      url: FB,
      role: 'staff',
      now: utc(2026, 6, 10, 14), // 10:00 EDT
      policy: newYork,
      expect: { reopens: 'It opens again at 15:30.' },
    },
    {
      name: 'staff, DSL named',
      url: FB,
      role: 'staff',
      now: WED_SCHOOL,
      policy: withDsl,
      expect: {},
      talkTo: (lines) => {
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain('Mrs A. Patel');
      },
    },
    {
      name: 'governor in school hours',
      url: 'https://x.com/someone',
      role: 'governor',
      now: WED_SCHOOL,
      policy: DEFAULTS,
      expect: { title: 'X (Twitter) is blocked during school hours', reopens: 'It opens again at 15:30.' },
    },
    {
      name: 'staff blocked at all times',
      url: FB,
      role: 'staff',
      now: WED_SCHOOL,
      policy: staffAlways,
      expect: { reopens: 'It stays blocked on this device.' },
    },
    {
      name: 'staff, unknown site',
      url: 'https://example.org/',
      role: 'staff',
      now: WED_SCHOOL,
      policy: DEFAULTS,
      expect: { title: 'This site is blocked during school hours' },
    },
  ];

  it.each(cases)('$name', ({ url, role, now, policy, expect: want, talkTo }) => {
    const view = blockView(url, role, now, policy);
    expect(view).toMatchObject(want);
    if (role === 'pupil') expect(view.permission).toBeNull();
    else expect(view.permission).toMatch(/head teacher/);
    expect(view.why.trim()).not.toBe('');
    talkTo?.(view.talkTo);
  });

  it.each(cases.filter((c) => c.role === 'pupil'))('no adult words for a child: $name', ({ url, now, policy }) => {
    const v = blockView(url, 'pupil', now, policy);
    const words = [v.title, v.why, v.reopens ?? '', ...v.talkTo].join(' ');
    expect(words).not.toMatch(/Designated|Safeguarding|policy|@|head teacher|permission/i);
    expect(words).toMatch(/Ask your teacher/);
  });

  it("Welsh: the same page, in Welsh, with the time in the school's timezone", async () => {
    const cy = await loadMessages('cy');
    const pupil = blockView(FB, 'pupil', WED_SCHOOL, pupilEvenings, 'cy', cy);
    expect(pupil.title).toBe('Mae Facebook ar gau ar gyfrifiaduron yr ysgol');
    expect(pupil.reopens).toBe('Gallwch ei defnyddio eto am 15:30.');
    const staff = blockView(FB, 'staff', WED_SCHOOL, withDsl, 'cy', cy);
    expect(staff.title).toBe('Mae Facebook wedi’i rhwystro yn ystod oriau ysgol');
    expect(staff.talkTo[0]).toContain('Mrs A. Patel');
  });

  it('Urdu: a school-written name keeps its direction inside right-to-left text', async () => {
    const ur = await loadMessages('ur');
    expect(direction('ur')).toBe('rtl');
    expect(blockView(FB, 'pupil', WED_SCHOOL, DEFAULTS, 'ur', ur).title).toBe('\u2068Facebook\u2069 اسکول کے کمپیوٹروں پر بند ہے');
    expect(reportView(withDsl, ur).who).toContain('\u2068Mrs A. Patel\u2069');
  });
});

describe('warnView', () => {
  it.each<[string, string | null, unknown, string, string]>([
    ['defaults', FB, undefined, 'Facebook: please read before you continue', 'for 15 minutes'],
    ['warnMinutes set', FB, { warnMinutes: 5 }, 'Facebook: please read before you continue', 'for 5 minutes'],
    ['one minute', FB, { warnMinutes: 1 }, 'Facebook: please read before you continue', 'for 1 minute.'],
    ['warnMinutes at the cap', 'https://www.instagram.com/', { warnMinutes: 1440 }, 'Instagram: please read before you continue', 'for 1,440 minutes'],
    ['bad warnMinutes falls back', FB, { warnMinutes: 0 }, 'Facebook: please read before you continue', 'for 15 minutes'],
    ['unknown site', 'https://example.org/', undefined, 'This site: please read before you continue', 'for 15 minutes'],
    ['no address', null, undefined, 'This site: please read before you continue', 'for 15 minutes'],
  ])('staff, %s', (_name, url, raw, title, minutes) => {
    const view = warnView(url, 'staff', parsePolicy(raw).policy);
    expect(view.title).toBe(title);
    expect(view.minutesHint).toContain(minutes);
    expect(view.address).toBe(url);
    expect(view.terms).toEqual(TERMS_OF_USE);
    expect(view.terms.join(' ')).toMatch(/defamation/);
  });

  it('a pupil gets short reminders, not the staff terms of use', () => {
    const view = warnView(FB, 'pupil', DEFAULTS);
    expect(view.title).toBe('Facebook: stop and think');
    expect(view.terms.join(' ')).not.toMatch(/defamation|commercial|former pupil|head teacher/);
    expect(view.terms.join(' ')).toMatch(/Be kind/);
    expect(view.reasonLabel).toBe("What do you need it for? (you don't have to)");
  });

  // Welsh, Polish and Arabic have more than two plural forms; the browser's CLDR rules pick them.
  it.each<[Lang, number, string]>([
    ['cy', 1, 'am 1 munud.'],
    ['cy', 2, 'am 2 funud.'],
    ['cy', 15, 'am 15 munud.'],
    ['pl', 1, 'na 1 minutę.'],
    ['pl', 3, 'na 3 minuty.'],
    ['pl', 15, 'na 15 minut.'],
    ['pl', 22, 'na 22 minuty.'],
    ['ar', 1, 'دقيقة واحدة'],
    ['ar', 2, 'دقيقتين'],
    ['ar', 5, 'دقائق'],
    ['ar', 15, 'دقيقة.'],
    ['ro', 20, 'de minute'],
  ])('%s, %i minutes: %s', async (lang, n, expected) => {
    const t = await loadMessages(lang);
    expect(warnView(FB, 'pupil', parsePolicy({ warnMinutes: n }).policy, t).minutesHint).toContain(expected);
  });
});

describe('every language is complete', () => {
  const texts = (v: unknown): string[] => {
    if (typeof v === 'string') return [v];
    if (typeof v === 'function') return [String(v('Mrs X', '08:30')), String(v(null, null)), String(v(3))];
    if (Array.isArray(v)) return v.flatMap(texts);
    if (v && typeof v === 'object') return Object.values(v).flatMap(texts);
    return [];
  };
  it.each([...PUPIL_LANGUAGES])('%s: every sentence is there and none is English unless English', async (lang) => {
    const t = await loadMessages(lang);
    const all = texts(t.pupil);
    for (const line of all) expect(line.trim()).not.toBe('');
    if (lang !== 'en') {
      const english = texts(en.pupil);
      expect(all.filter((line, i) => line === english[i] && !/^\W*$/.test(line))).toEqual([]);
    }
  });
  it("Welsh has the adults' pages too", async () => {
    const cy = await loadMessages('cy');
    expect(cy.adult).not.toBe(en.adult);
    expect(cy.adult.popup.role(cy.adult.roles.pupil)).toBe('Rôl: Disgybl');
  });
  const adminTexts = (v: unknown): string[] => {
    if (typeof v === 'string') return [v];
    if (typeof v === 'function') {
      const out: string[] = [];
      for (const args of [
        ['Mrs X', '08:30'],
        [3, 7, 9],
        [1, true],
        [['A', 'B'], 'C'],
      ]) {
        try {
          out.push(String(v(...args)));
        } catch {
          out.push('(n/a)');
        }
      }
      return out;
    }
    if (Array.isArray(v)) return v.flatMap(adminTexts);
    // `checks` takes codes with parameters, not these sample arguments: tests/unit/check-text.test.ts renders each.
    if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => (k === 'checks' ? [] : adminTexts(x)));
    return [];
  };
  it('Welsh has the status page, the safeguarding log and the builder: every sentence, none left in English', async () => {
    const cy = await loadAdminMessages('cy');
    // A value the policy writes (`"pupil"`, `60`) is shown as written in every language.
    const withoutValue = (m: typeof cy) => ({ ...m, policyProblems: { ...m.policyProblems, used: { ...m.policyProblems.used, value: 'as written' } } });
    const welsh = adminTexts(withoutValue(cy));
    const english = adminTexts(withoutValue(enAdmin));
    expect(welsh).toHaveLength(english.length);
    for (const line of welsh) expect(line.trim()).not.toBe('');
    // The same in both languages: symbols and loan words.
    const same = new Set(['#', 'PIN', 'Label', '(n/a)', 'as written']);
    expect(welsh.filter((line, i) => line === english[i] && !same.has(line) && !/^[\W\d]*$/.test(line))).toEqual([]);
    expect(cy.count.days(2)).toBe('2 ddiwrnod');
    expect(daysText(['mon', 'tue', 'wed', 'thu', 'fri'], cy.days)).toBe('Dydd Llun i Dydd Gwener');
  });
  it("a pupils'-pages language falls back to English on adults' pages", async () => {
    expect((await loadMessages('so')).adult).toBe(en.adult);
  });
});

describe('pickLanguage', () => {
  it.each<[Lang[], string | null, boolean, Lang]>([
    [['en'], null, false, 'en'],
    [['cy', 'en'], null, false, 'cy'],
    [['en', 'ur'], 'ur', false, 'ur'],
    [['en', 'ur'], 'pl', false, 'en'],
    [['en', 'ur'], 'ur', true, 'en'],
    [['pl', 'cy'], null, true, 'cy'],
  ])('offered %j, chosen %s, adults %s → %s', (offered, chosen, adults, expected) => {
    expect(pickLanguage(offered, chosen, adults)).toBe(expected);
  });
});

describe('schoolTimeWords', () => {
  const tz = 'Europe/London';
  it.each<[string, boolean, number | null, number, string]>([
    ['outside, no change ahead', false, null, WED_EVENING, 'Outside school hours'],
    ['in school, no change ahead', true, null, WED_SCHOOL, 'School hours'],
    ['in school until 15:30 today', true, utc(2026, 6, 10, 14, 30), WED_SCHOOL, 'School hours until 15:30'],
    ['outside until tomorrow morning', false, utc(2026, 6, 11, 7, 30), WED_EVENING, 'Outside school hours until tomorrow at 08:30'],
    ['outside until after half term', false, utc(2026, 6, 1, 7, 30), FRI_EVENING_BEFORE_HALF_TERM, 'Outside school hours until Monday 1 June at 08:30'],
    ['winter, GMT', true, utc(2026, 1, 14, 15, 30), WINTER_SCHOOL, 'School hours until 15:30'],
    ['into next year', false, utc(2027, 1, 4, 8, 30), utc(2026, 12, 18, 16), 'Outside school hours until Monday, 4 January 2027 at 08:30'],
  ])('%s', (_name, school, next, now, expected) => {
    expect(schoolTimeWords(school, next, parsePolicy({ timezone: tz }).policy, now, 'en', en)).toBe(expected);
  });
});

describe('daysText', () => {
  it.each<[Weekday[], string]>([
    [['mon', 'tue', 'wed', 'thu', 'fri'], 'Monday to Friday'],
    [['fri', 'mon', 'wed'], 'Monday, Wednesday and Friday'],
    [['mon', 'tue'], 'Monday and Tuesday'],
    [['mon', 'tue', 'wed', 'fri'], 'Monday to Wednesday and Friday'],
    [['sat'], 'Saturday'],
    [['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], 'Every day'],
  ])('%j → %s', (days, expected) => {
    expect(daysText(days)).toBe(expected);
  });
});
