import { describe, expect, it } from 'vitest';
import { approvedUsesFor, decide, reopensAt, type AllowedBy } from '../../utils/core/decide';
import type { Allowance } from '../../utils/core/types';
import { extraSiteNetwork, networkIndex } from '../../utils/core/networks';
import { parsePolicy, type Policy } from '../../utils/core/policy';
import { CATALOGUE } from '../../utils/core/catalogue';
import type { Action, Role } from '../../utils/core/types';
import { utc } from '../helpers/time';

/**
 * 2026 in London: BST (UTC+1) from 29 March to 25 October. 10 June is a Wednesday, 13 June a
 * Saturday, 22 May a Friday; 25-29 May is half term (closed) in these policies; 14 January is a
 * Wednesday in GMT.
 */
const HALF_TERM = { from: '2026-05-25', to: '2026-05-29', label: 'Half term' };
const T = {
  wedSchool: utc(2026, 6, 10, 9), // 10:00 BST
  wedStart: utc(2026, 6, 10, 7, 30), // 08:30 BST, first school instant
  wedBeforeStart: utc(2026, 6, 10, 7, 29, 59),
  wedLastSecond: utc(2026, 6, 10, 14, 29, 59), // 15:29:59 BST
  wedEnd: utc(2026, 6, 10, 14, 30), // 15:30 BST, no longer school
  wedEvening: utc(2026, 6, 10, 17), // 18:00 BST
  saturday: utc(2026, 6, 13, 10),
  halfTerm: utc(2026, 5, 26, 9), // Tue 10:00 BST, closed
  winterSchool: utc(2026, 1, 14, 10), // Wed 10:00 GMT
  winterEarly: utc(2026, 1, 14, 8), // Wed 08:00 GMT, before school
} as const;
type Instant = keyof typeof T;

const BASE = parsePolicy({ closedDates: [HALF_TERM] }).policy;
const FB = 'https://www.facebook.com/';

describe('school time under the default calendar (Europe/London, Mon-Fri 08:30-15:30)', () => {
  it.each<[Instant, boolean]>([
    ['wedSchool', true],
    ['wedStart', true],
    ['wedBeforeStart', false],
    ['wedLastSecond', true],
    ['wedEnd', false],
    ['wedEvening', false],
    ['saturday', false],
    ['halfTerm', false],
    ['winterSchool', true],
    ['winterEarly', false],
  ])('%s → school time %s', (name, school) => {
    expect(decide(FB, 'pupil', T[name], BASE).schoolTime).toBe(school);
  });
});

describe('role × time × action', () => {
  const custom = parsePolicy({
    closedDates: [HALF_TERM],
    actions: {
      pupil: { schoolHours: 'block', otherTimes: 'warn' },
      staff: { schoolHours: 'warn', otherTimes: 'allow' },
      governor: { schoolHours: 'allow', otherTimes: 'block' },
    },
  }).policy;

  // [role, instant, default-policy action, custom-policy action]
  const table: [Role, Instant, Action, Action][] = [
    ['pupil', 'wedSchool', 'block', 'block'],
    ['pupil', 'wedEvening', 'block', 'warn'],
    ['pupil', 'saturday', 'block', 'warn'],
    ['pupil', 'halfTerm', 'block', 'warn'],
    ['pupil', 'wedEnd', 'block', 'warn'],
    ['staff', 'wedSchool', 'block', 'warn'],
    ['staff', 'wedStart', 'block', 'warn'],
    ['staff', 'wedBeforeStart', 'allow', 'allow'],
    ['staff', 'wedEnd', 'allow', 'allow'],
    ['staff', 'wedEvening', 'allow', 'allow'],
    ['staff', 'saturday', 'allow', 'allow'],
    ['staff', 'halfTerm', 'allow', 'allow'],
    ['staff', 'winterSchool', 'block', 'warn'],
    ['governor', 'wedSchool', 'block', 'allow'],
    ['governor', 'wedEvening', 'allow', 'block'],
    ['governor', 'halfTerm', 'allow', 'block'],
  ];

  it.each(table)('%s at %s: default %s, custom %s', (role, at, byDefault, byCustom) => {
    const d = decide(FB, role, T[at], BASE);
    expect(d.action).toBe(byDefault);
    expect(d.match?.network.id).toBe('facebook');
    expect(d.allowedBy).toBeNull();
    expect(decide(FB, role, T[at], custom).action).toBe(byCustom);
  });

  it.each(['pupil', 'staff', 'governor'] as Role[])('an unlisted site is allowed for %s at every time, under both policies', (role) => {
    for (const at of Object.values(T)) {
      for (const policy of [BASE, custom]) {
        const d = decide('https://www.bbc.co.uk/bitesize', role, at, policy);
        expect(d.action).toBe('allow');
        expect(d.match).toBeNull();
      }
    }
  });
});

describe('address forms (pupil in school time)', () => {
  // [url, network id or null, how it was reached]
  it.each<[string, string | null, string | null]>([
    ['https://facebook.com/', 'facebook', 'direct'],
    ['https://www.facebook.com/groups/123', 'facebook', 'direct'],
    ['https://m.facebook.com/home.php', 'facebook', 'direct'],
    ['https://a.b.c.facebook.com/', 'facebook', 'direct'],
    ['http://facebook.com/', 'facebook', 'direct'],
    ['HTTPS://WWW.FACEBOOK.COM/', 'facebook', 'direct'],
    ['https://WwW.FaceBook.Com/Profile', 'facebook', 'direct'],
    ['https://facebook.com./', 'facebook', 'direct'],
    ['https://www.facebook.com.:443/', 'facebook', 'direct'],
    ['https://facebook.com:8443/x', 'facebook', 'direct'],
    ['http://facebook.com:80/', 'facebook', 'direct'],
    ['https://user:secret@m.facebook.com/', 'facebook', 'direct'],
    ['https://www-facebook-com.translate.goog/?_x_tr_sl=auto&_x_tr_tl=en', 'facebook', 'translate-proxy'],
    ['https://WWW-FACEBOOK-COM.TRANSLATE.GOOG/', 'facebook', 'translate-proxy'],
    ['https://web.archive.org/web/2020/https://facebook.com/', 'facebook', 'web-archive'],
    ['https://web.archive.org/web/20200101000000/https://www.facebook.com/zuck', 'facebook', 'web-archive'],
    ['https://archive.ph/https://facebook.com/', 'facebook', 'web-archive'],
    ['wss://gateway.discord.gg/?v=10', 'discord', 'direct'],
    ['https://web.whatsapp.com/', 'whatsapp', 'direct'],
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube', 'direct'],
    ['https://www.youtube.co.uk/', 'youtube', 'direct'],
    ['https://old.reddit.com/r/unitedkingdom', 'reddit', 'direct'],
    ['https://someone.bsky.social/', 'bluesky', 'direct'],
    ['https://t.co/abc', 'x', 'direct'],
    // not listed
    ['https://www.bbc.co.uk/', null, null],
    ['https://en.wikipedia.org/wiki/Facebook', null, null],
    ['https://www.google.com/search?q=facebook.com', null, null],
    ['https://notfacebook.com/', null, null],
    ['https://myfacebook.com/', null, null],
    ['https://facebook.com.evil.example/', null, null],
    ['https://facebookcom.example/', null, null],
    ['https://notfacebook-com.translate.goog/', null, null],
    ['https://box.com/', null, null],
    // the userinfo looks like Facebook, the host is not
    ['https://facebook.com@example.org/', null, null],
    ['https://web.archive.org/web/2020/https://notfacebook.com/', null, null],
    // not web addresses
    ['chrome://settings/', null, null],
    ['file:///home/pupil/facebook.com/index.html', null, null],
    ['about:blank', null, null],
    ['javascript:location="https://facebook.com"', null, null],
    ['data:text/html,<a href="https://facebook.com">x</a>', null, null],
    ['facebook.com', null, null],
    ['', null, null],
    ['not a url at all', null, null],
    ['https://', null, null],
    ['http://127.0.0.1/', null, null],
    ['http://[::1]/', null, null],
  ])('%s → %s', (url, id, via) => {
    const d = decide(url, 'pupil', T.wedSchool, BASE);
    expect(d.action).toBe(id ? 'block' : 'allow');
    expect(d.match?.network.id ?? null).toBe(id);
    expect(d.match?.via ?? null).toBe(via);
    expect(d.schoolTime).toBe(true);
  });
});

describe('allowances', () => {
  const warnStaff = parsePolicy({ actions: { staff: { schoolHours: 'warn', otherTimes: 'allow' } } }).policy;
  const now = T.wedSchool;
  const minute = 60_000;

  it.each<[string, Policy, Role, number, string, Allowance[], Action, boolean]>([
    ['live allowance turns block into allow', BASE, 'staff', now, FB, [{ networkId: 'facebook', until: now + 15 * minute }], 'allow', true],
    ['live allowance turns warn into allow', warnStaff, 'staff', now, FB, [{ networkId: 'facebook', until: now + minute }], 'allow', true],
    [
      'allowance covers every domain of the network',
      warnStaff,
      'staff',
      now,
      'https://www.messenger.com/',
      [{ networkId: 'facebook', until: now + minute }],
      'allow',
      true,
    ],
    [
      'allowance covers the proxy form',
      warnStaff,
      'staff',
      now,
      'https://www-facebook-com.translate.goog/',
      [{ networkId: 'facebook', until: now + minute }],
      'allow',
      true,
    ],
    ['expired allowance does nothing', BASE, 'staff', now, FB, [{ networkId: 'facebook', until: now - 1 }], 'block', false],
    ['an allowance ending now has ended', warnStaff, 'staff', now, FB, [{ networkId: 'facebook', until: now }], 'warn', false],
    ['allowance for another network does nothing', warnStaff, 'staff', now, FB, [{ networkId: 'instagram', until: now + minute }], 'warn', false],
    [
      'one live among others',
      BASE,
      'pupil',
      now,
      FB,
      [
        { networkId: 'x', until: now + minute },
        { networkId: 'facebook', until: now - minute },
        { networkId: 'facebook', until: now + minute },
      ],
      'allow',
      true,
    ],
    ['already allowed: not by the allowance', BASE, 'staff', T.wedEvening, FB, [{ networkId: 'facebook', until: T.wedEvening + minute }], 'allow', false],
    ['unlisted site: not by the allowance', BASE, 'staff', now, 'https://example.org/', [{ networkId: 'facebook', until: now + minute }], 'allow', false],
    [
      'a page allowance covers its page',
      BASE,
      'staff',
      now,
      'https://www.facebook.com/groups/ash',
      [{ networkId: 'facebook', until: now + minute, scope: { host: 'facebook.com', pathPrefix: '/groups/ash' } }],
      'allow',
      true,
    ],
    [
      'and what lies under it',
      BASE,
      'staff',
      now,
      'https://m.facebook.com/groups/ash/posts/1',
      [{ networkId: 'facebook', until: now + minute, scope: { host: 'facebook.com', pathPrefix: '/groups/ash' } }],
      'allow',
      true,
    ],
    [
      'but no other page of the network',
      BASE,
      'staff',
      now,
      'https://www.facebook.com/groups/other',
      [{ networkId: 'facebook', until: now + minute, scope: { host: 'facebook.com', pathPrefix: '/groups/ash' } }],
      'block',
      false,
    ],
    [
      'nor another host of it',
      BASE,
      'staff',
      now,
      'https://www.messenger.com/groups/ash',
      [{ networkId: 'facebook', until: now + minute, scope: { host: 'facebook.com', pathPrefix: '/groups/ash' } }],
      'block',
      false,
    ],
    [
      'nor its proxy form',
      BASE,
      'staff',
      now,
      'https://www-facebook-com.translate.goog/groups/ash',
      [{ networkId: 'facebook', until: now + minute, scope: { host: 'facebook.com', pathPrefix: '/groups/ash' } }],
      'block',
      false,
    ],
    [
      'a page allowance that has ended',
      BASE,
      'staff',
      now,
      'https://www.facebook.com/groups/ash',
      [{ networkId: 'facebook', until: now, scope: { host: 'facebook.com', pathPrefix: '/groups/ash' } }],
      'block',
      false,
    ],
  ])('%s', (_name, policy, role, at, url, allowances, action, byAllowance) => {
    const d = decide(url, role, at, policy, allowances);
    expect(d.action).toBe(action);
    expect(d.allowedBy).toBe(byAllowance ? 'allowance' : null);
  });
});

describe('approved uses', () => {
  const policy = parsePolicy({
    closedDates: [HALF_TERM],
    actions: { staff: { schoolHours: 'warn', otherTimes: 'block' } },
    approvedUses: [
      { url: 'https://x.com/AshGroveAcademy', roles: ['staff'], purpose: 'School X account' },
      { url: 'https://www.youtube.com/@AshGroveAcademy', roles: ['pupil', 'staff'], purpose: 'School videos', schoolHoursOnly: true },
      { url: 'https://example.org/ash', purpose: 'Not a listed site' },
    ],
  }).policy;
  const ASH = 'https://x.com/AshGroveAcademy';
  const VIDEOS = 'https://www.youtube.com/@AshGroveAcademy/videos';

  it.each<[string, string, Role, number, Action, AllowedBy]>([
    ['the school account, for staff in school time (warned otherwise)', ASH, 'staff', T.wedSchool, 'allow', 'approved-use'],
    ['and at other times (blocked otherwise)', ASH, 'staff', T.wedEvening, 'allow', 'approved-use'],
    ['a page under it', `${ASH}/status/1`, 'staff', T.wedSchool, 'allow', 'approved-use'],
    ['its mobile form', 'https://mobile.x.com/ashgroveacademy', 'staff', T.wedSchool, 'allow', 'approved-use'],
    ['not another page of the network', 'https://x.com/elonmusk', 'staff', T.wedSchool, 'warn', null],
    ['not out of it by a dot segment', `${ASH}/../elonmusk`, 'staff', T.wedEvening, 'block', null],
    ['not out of it by encoded slashes', `${ASH}%2F..%2Felonmusk`, 'staff', T.wedEvening, 'block', null],
    ['not a longer name', `${ASH}X`, 'staff', T.wedEvening, 'block', null],
    ['not through the translation proxy', 'https://x-com.translate.goog/AshGroveAcademy', 'staff', T.wedEvening, 'block', null],
    ['not for a role it does not name', ASH, 'pupil', T.wedSchool, 'block', null],
    ['not for governors when only staff are named', ASH, 'governor', T.wedSchool, 'block', null],
    ['school hours only: in school time', VIDEOS, 'pupil', T.wedSchool, 'allow', 'approved-use'],
    ['school hours only: not in the evening', VIDEOS, 'pupil', T.wedEvening, 'block', null],
    ['school hours only: not in half term', VIDEOS, 'pupil', T.halfTerm, 'block', null],
    ['an unlisted site is allowed anyway, not by the use', 'https://example.org/ash', 'pupil', T.wedSchool, 'allow', null],
  ])('%s', (_name, url, role, at, action, by) => {
    const d = decide(url, role, at, policy);
    expect(d.action).toBe(action);
    expect(d.allowedBy).toBe(by);
  });

  it('an approved use wins over an allowance for the same page', () => {
    const d = decide(ASH, 'staff', T.wedEvening, policy, [{ networkId: 'x', until: T.wedEvening + 60_000 }]);
    expect(d.allowedBy).toBe('approved-use');
  });

  it.each<[Role, boolean, string[]]>([
    ['staff', true, ['x.com', 'youtube.com', 'example.org']],
    ['staff', false, ['x.com', 'example.org']],
    ['pupil', true, ['youtube.com']],
    ['pupil', false, []],
    ['governor', false, ['example.org']],
  ])('approvedUsesFor %s, school time %s', (role, schoolTime, hosts) => {
    expect(approvedUsesFor(policy, role, schoolTime).map((u) => u.scope.host)).toEqual(hosts);
  });
});

describe('networks and extra sites', () => {
  const onlyInstagram = parsePolicy({ networks: ['instagram'], extraSites: ['bad-blog.blogspot.com'] }).policy;
  const extras = parsePolicy({ extraSites: ['example-social.com', 'facebook.com', 'www.instagram.com'] }).policy;
  const none = parsePolicy({ networks: [], extraSites: ['example-social.com'] }).policy;

  it.each<[string, Policy, string, Action, string | null]>([
    ['a catalogue network left out is allowed', onlyInstagram, 'https://www.facebook.com/', 'allow', null],
    ['a network kept is blocked', onlyInstagram, 'https://www.instagram.com/', 'block', 'instagram'],
    ['an extra site under a left-out network is blocked', onlyInstagram, 'https://bad-blog.blogspot.com/2024/post', 'block', 'site:bad-blog.blogspot.com'],
    ['its siblings under the left-out network are not', onlyInstagram, 'https://good-blog.blogspot.com/', 'allow', null],
    ['an extra site is matched', extras, 'https://example-social.com/', 'block', 'site:example-social.com'],
    ['with subdomains', extras, 'https://chat.eu.example-social.com/room', 'block', 'site:example-social.com'],
    ['in upper case with a trailing dot', extras, 'https://EXAMPLE-SOCIAL.COM./', 'block', 'site:example-social.com'],
    ['through the translation proxy', extras, 'https://example--social-com.translate.goog/', 'block', 'site:example-social.com'],
    ['not a lookalike', extras, 'https://notexample-social.com/', 'allow', null],
    ['a catalogue domain repeated in extraSites stays with its network', extras, 'https://m.facebook.com/', 'block', 'facebook'],
    ['a listed subdomain of a catalogue network in force stays with that network', extras, 'https://www.instagram.com/', 'block', 'instagram'],
    ['the rest of that network is still the network', extras, 'https://instagram.com/', 'block', 'instagram'],
    ['networks [] leaves every catalogue network out', none, 'https://www.facebook.com/', 'allow', null],
    ['networks [] still applies extra sites', none, 'https://example-social.com/', 'block', 'site:example-social.com'],
  ])('%s', (_name, policy, url, action, id) => {
    const d = decide(url, 'pupil', T.wedSchool, policy);
    expect(d.action).toBe(action);
    expect(d.match?.network.id ?? null).toBe(id);
  });

  it('extra site networks are named by their domain', () => {
    expect(decide('https://example-social.com/', 'pupil', T.wedSchool, extras).match?.network).toEqual({
      id: 'site:example-social.com',
      name: 'example-social.com',
      domains: ['example-social.com'],
    });
    expect(extraSiteNetwork('a.example')).toEqual({ id: 'site:a.example', name: 'a.example', domains: ['a.example'] });
  });

  it.each<[string, unknown, string[], string[]]>([
    ['networks omitted: nothing excluded', {}, [], CATALOGUE.map((n) => n.id)],
    [
      'two networks kept: the rest excluded, in catalogue order',
      { networks: ['instagram', 'facebook'] },
      CATALOGUE.map((n) => n.id).filter((id) => id !== 'facebook' && id !== 'instagram'),
      ['facebook', 'instagram'],
    ],
    ['networks []: every network excluded', { networks: [] }, CATALOGUE.map((n) => n.id), []],
    ['only unknown ids: falls back to all, nothing excluded', { networks: ['myspace'] }, [], CATALOGUE.map((n) => n.id)],
  ])('networkIndex: %s', (_name, raw, excluded, inForce) => {
    const index = networkIndex(parsePolicy(raw).policy);
    expect(index.excluded.map((n) => n.id)).toEqual(excluded);
    expect(index.networks.map((n) => n.id)).toEqual(inForce);
    for (const n of index.excluded) for (const d of n.domains) expect(index.byDomain.has(d)).toBe(false);
  });

  it('networkIndex: a catalogue domain in extraSites adds no extra network', () => {
    const ids = networkIndex(extras).networks.map((n) => n.id);
    expect(ids).toContain('site:example-social.com');
    expect(ids).not.toContain('site:facebook.com');
    expect(ids.filter((id) => id === 'facebook')).toHaveLength(1);
  });
});

describe('reopensAt', () => {
  const pupilDayOnly = parsePolicy({
    closedDates: [HALF_TERM],
    actions: { pupil: { schoolHours: 'allow', otherTimes: 'block' } },
  }).policy;
  const pupilEvenings = parsePolicy({ actions: { pupil: { schoolHours: 'block', otherTimes: 'warn' } } }).policy;
  const staffAlways = parsePolicy({ actions: { staff: { schoolHours: 'block', otherTimes: 'block' } } }).policy;
  const staffWarned = parsePolicy({ actions: { staff: { schoolHours: 'warn', otherTimes: 'allow' } } }).policy;

  it.each<[string, Role, number, Policy, number | null]>([
    ['pupil, defaults, in school hours: never', 'pupil', T.wedSchool, BASE, null],
    ['pupil, defaults, in the evening: never', 'pupil', T.wedEvening, BASE, null],
    ['pupil, defaults, in half term: never', 'pupil', T.halfTerm, BASE, null],
    ['staff in school hours: 15:30 BST that day', 'staff', T.wedSchool, BASE, utc(2026, 6, 10, 14, 30)],
    ['staff at the first second of school: 15:30 BST that day', 'staff', T.wedStart, BASE, utc(2026, 6, 10, 14, 30)],
    ['staff at the last second of school: one second later', 'staff', T.wedLastSecond, BASE, utc(2026, 6, 10, 14, 30)],
    ['staff in winter: 15:30 GMT that day', 'staff', T.winterSchool, BASE, utc(2026, 1, 14, 15, 30)],
    ['governor in school hours: 15:30 BST that day', 'governor', T.wedSchool, BASE, utc(2026, 6, 10, 14, 30)],
    ['staff after school: now', 'staff', T.wedEvening, BASE, T.wedEvening],
    ['staff in half term: now', 'staff', T.halfTerm, BASE, T.halfTerm],
    ['staff blocked at all times: never', 'staff', T.wedSchool, staffAlways, null],
    ['staff only warned: now', 'staff', T.wedSchool, staffWarned, T.wedSchool],
    ['pupil warned after school, in school: 15:30', 'pupil', T.wedSchool, pupilEvenings, utc(2026, 6, 10, 14, 30)],
    ['pupil allowed in school, Wed evening: Thu 08:30 BST', 'pupil', T.wedEvening, pupilDayOnly, utc(2026, 6, 11, 7, 30)],
    ['pupil allowed in school, Fri before half term: Mon 1 June 08:30 BST', 'pupil', utc(2026, 5, 22, 17), pupilDayOnly, utc(2026, 6, 1, 7, 30)],
  ])('%s', (_name, role, at, policy, expected) => {
    expect(reopensAt(role, at, policy)).toBe(expected);
  });

  it('agrees with decide: at the reopening instant the network is not blocked, just before it is', () => {
    const at = reopensAt('staff', T.wedSchool, BASE)!;
    expect(decide(FB, 'staff', at - 1000, BASE).action).toBe('block');
    expect(decide(FB, 'staff', at, BASE).action).toBe('allow');
  });
});
