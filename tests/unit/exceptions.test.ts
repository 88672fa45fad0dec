import { describe, expect, it } from 'vitest';
import {
  exceptionAllowance,
  durationChoices,
  endOfSchoolDay,
  exceptionOffer,
  isActive,
  timeLeft,
  validateRequest,
  type RequestContext,
} from '../../utils/core/exceptions';
import { parsePolicy, type Policy } from '../../utils/core/policy';
import type { ExceptionRequest, GrantedException, Role } from '../../utils/core/types';
import { MINUTE, utc } from '../helpers/time';

/** Wed 10 June 2026 in London (BST, UTC+1): school 08:30-15:30 BST = 07:30-14:30 UTC. */
const T = {
  school: utc(2026, 6, 10, 9), // 10:00 BST
  lastSecond: utc(2026, 6, 10, 14, 29, 59), // 15:29:59 BST
  end: utc(2026, 6, 10, 14, 30), // 15:30 BST
  evening: utc(2026, 6, 10, 17), // 18:00 BST
  winter: utc(2026, 1, 14, 10), // Wed 14 January, 10:00 GMT
} as const;

const PIN_HASH = 'pbkdf2-sha256$600000$c2FsdHNhbHRzYWx0c2FsdA==$q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=';
const BASE = parsePolicy({}).policy;
/** Staff blocked at all times, so that requests outside school time can be made at all. */
const ALWAYS = parsePolicy({ actions: { staff: { schoolHours: 'block', otherTimes: 'block' } } }).policy;

const FB = 'https://www.facebook.com/groups/ash/posts/1?ref=share';
const REQ: ExceptionRequest = { url: FB, scope: 'site', minutes: 30, reason: 'Checking the parents group', use: 'school' };
const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({ role: 'staff', policy: BASE, now: T.school, user: 'jo@hill.sch.uk', ...over });
const withExceptions = (policy: Policy, exceptions: Partial<Policy['exceptions']>): Policy => ({
  ...policy,
  exceptions: { ...policy.exceptions, ...exceptions },
});

describe('validateRequest refuses', () => {
  it.each<[string, Partial<ExceptionRequest>, Partial<RequestContext>, RegExp]>([
    ['a pupil', {}, { role: 'pupil' }, /Pupils cannot ask/],
    ['a pupil, even if a hand-made policy names pupils', {}, { role: 'pupil', policy: withExceptions(BASE, { roles: ['pupil', 'staff'] }) }, /Pupils cannot/],
    ['a role the policy does not name', {}, { role: 'governor', policy: withExceptions(BASE, { roles: ['staff'] }) }, /does not let governors/],
    ['anyone when nobody is named', {}, { policy: withExceptions(BASE, { roles: [] }) }, /does not let staff/],
    ['anyone when exceptions are off', {}, { policy: withExceptions(BASE, { approval: 'off' }) }, /turned exceptions off/],
    ['an address that is allowed now (staff after school)', {}, { now: T.evening }, /not blocked for you now/],
    ['an address that is only warned', {}, { policy: parsePolicy({ actions: { staff: { schoolHours: 'warn', otherTimes: 'allow' } } }).policy }, /not blocked/],
    ['an unlisted site', { url: 'https://www.bbc.co.uk/news' }, {}, /not blocked/],
    [
      'an approved page',
      { url: 'https://x.com/AshGroveAcademy' },
      { policy: parsePolicy({ approvedUses: [{ url: 'https://x.com/AshGroveAcademy', purpose: 'School account' }] }).policy },
      /not blocked/,
    ],
    ['something that is not an address', { url: 'facebook' }, {}, /not blocked/],
    ['an address that is not text', { url: 42 as unknown as string }, {}, /could not be read/],
    ['a page on a translation proxy', { url: 'https://www-facebook-com.translate.goog/groups/ash', scope: 'page' }, {}, /page on Facebook itself/],
    ['a page in a web archive', { url: 'https://web.archive.org/web/2020/https://facebook.com/groups/ash', scope: 'page' }, {}, /page on Facebook itself/],
    ['a page whose address is too long for a rule', { url: `https://www.facebook.com/groups/${'a'.repeat(60)}`, scope: 'page' }, {}, /too long.*whole site/],
    ['a scope that is neither site nor page', { scope: 'network' as 'site' }, {}, /whole site or just this page/],
    ['0 minutes', { minutes: 0 }, {}, /from 1 to 60 minutes/],
    ['one minute beyond the maximum', { minutes: 61 }, {}, /from 1 to 60 minutes/],
    ['a day', { minutes: 1440 }, {}, /from 1 to 60/],
    ['negative minutes', { minutes: -5 }, {}, /from 1 to 60/],
    ['a fraction of a minute', { minutes: 1.5 }, {}, /from 1 to 60/],
    ['minutes as text', { minutes: '30' as unknown as number }, {}, /from 1 to 60/],
    ['NaN minutes', { minutes: NaN }, {}, /from 1 to 60/],
    ['endless minutes', { minutes: Infinity }, {}, /from 1 to 60/],
    ['the maximum of a stricter policy', { minutes: 30 }, { policy: withExceptions(BASE, { maxMinutes: 20 }) }, /from 1 to 20 minutes/],
    ['the end of the school day outside school time', { minutes: 'end-of-day' }, { policy: ALWAYS, now: T.evening }, /not school time/],
    ['the end of the school day at the very end of it', { minutes: 'end-of-day' }, { policy: ALWAYS, now: T.end }, /not school time/],
    ['an empty reason', { reason: '' }, {}, /^Please give a reason of a few words\.$/],
    ['a blank reason', { reason: '    \n ' }, {}, /reason of a few words/],
    ['a one-word reason', { reason: 'research' }, {}, /reason of a few words/],
    ['a long single word', { reason: '   supercalifragilistic   ' }, {}, /reason of a few words/],
    ['two short words', { reason: ' a  b  c ' }, {}, /reason of a few words/],
    ['a reason that is not text', { reason: null as unknown as string }, {}, /reason of a few words/],
    ['a reason longer than 500 characters', { reason: 'word '.repeat(101) }, {}, /under 500 characters/],
    ['a use that is neither school nor personal', { use: 'fun' as 'school' }, {}, /school use or personal use/],
  ])('%s', (_name, req, over, error) => {
    const result = validateRequest({ ...REQ, ...req }, ctx(over));
    expect(result).toEqual({ ok: false, error: expect.stringMatching(error) });
  });

  it('a request that is not an object, without throwing', () => {
    for (const req of [null, undefined, 'https://facebook.com', 42]) {
      expect(validateRequest(req as unknown as ExceptionRequest, ctx()).ok).toBe(false);
    }
  });
});

describe('validateRequest grants', () => {
  it('a site for 30 minutes', () => {
    expect(validateRequest({ ...REQ, reason: '  Checking the parents group  ' }, ctx())).toEqual({
      ok: true,
      grant: {
        networkId: 'facebook',
        networkName: 'Facebook',
        scope: { kind: 'site' },
        grantedAt: T.school,
        until: T.school + 30 * MINUTE,
        reason: 'Checking the parents group',
        use: 'school',
        user: 'jo@hill.sch.uk',
        role: 'staff',
      },
    });
  });

  it('a page and below, taken from the blocked address', () => {
    const result = validateRequest({ ...REQ, scope: 'page', use: 'personal' }, ctx({ role: 'governor' }));
    expect(result.ok && result.grant).toMatchObject({
      scope: { kind: 'page', scope: { host: 'facebook.com', pathPrefix: '/groups/ash/posts/1' } },
      use: 'personal',
      role: 'governor',
    });
  });

  it.each<[string, number, Partial<RequestContext>]>([
    ['1 minute', 1, {}],
    ['the maximum', 60, {}],
    ['the largest maximum a policy may set', 480, { policy: withExceptions(BASE, { maxMinutes: 480 }) }],
  ])('%s', (_name, minutes, over) => {
    const result = validateRequest({ ...REQ, minutes }, ctx(over));
    expect(result.ok && result.grant.until).toBe((over.now ?? T.school) + minutes * MINUTE);
  });

  it('with approval by PIN, leaving the PIN to the caller', () => {
    const policy = withExceptions(BASE, { approval: 'approver-pin', approvers: [{ name: 'Mr Head', pinHash: PIN_HASH }] });
    expect(validateRequest({ ...REQ, approver: 'Mr Head', pin: 'wrong' }, ctx({ policy })).ok).toBe(true);
  });

  it('for every duration the block page offers', () => {
    for (const choice of durationChoices(BASE, T.school)) {
      expect(validateRequest({ ...REQ, minutes: choice.minutes }, ctx()).ok, choice.label).toBe(true);
    }
  });
});

describe('until the end of the school day', () => {
  const lunch = parsePolicy({
    actions: { staff: { schoolHours: 'block', otherTimes: 'block' } },
    schoolHours: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '12:00' },
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '13:00', end: '15:30' },
    ],
  }).policy;
  const always = parsePolicy({
    actions: { staff: { schoolHours: 'block', otherTimes: 'block' } },
    schoolHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' }],
  }).policy;
  /** The longest a policy may allow (8 hours): a school day fits in it. */
  const long = (policy: Policy) => withExceptions(policy, { maxMinutes: 480 });
  const untilFor = (policy: Policy, now: number) => {
    const r = validateRequest({ ...REQ, minutes: 'end-of-day' }, ctx({ policy: long(policy), now }));
    return r.ok ? r.grant.until : r.error;
  };

  it.each<[string, Policy, number, number]>([
    ['10:00 BST: 15:30 BST', BASE, T.school, T.end],
    ['the first second of school: 15:30', BASE, utc(2026, 6, 10, 7, 30), T.end],
    ['the last second of school: one second', BASE, T.lastSecond, T.end],
    ['in winter: 15:30 GMT', BASE, T.winter, utc(2026, 1, 14, 15, 30)],
    ['before lunch, with lunch written as a break: past it, to 15:30', lunch, utc(2026, 6, 10, 9), T.end],
    ['after lunch: 15:30', lunch, utc(2026, 6, 10, 13), T.end],
  ])('%s', (_name, policy, now, until) => {
    expect(untilFor(policy, now)).toBe(until);
    expect(endOfSchoolDay(policy, now)).toBe(until);
  });

  it.each<[string, Policy, number]>([
    ['at 15:30', ALWAYS, T.end],
    ['in the evening', ALWAYS, T.evening],
    ['over lunch', lunch, utc(2026, 6, 10, 11, 30)],
    ['on Saturday', ALWAYS, utc(2026, 6, 13, 10)],
  ])('not offered nor granted %s', (_name, policy, now) => {
    expect(endOfSchoolDay(policy, now)).toBeNull();
    expect(untilFor(policy, now)).toMatch(/not school time/);
    expect(durationChoices(long(policy), now).map((c) => c.minutes)).not.toContain('end-of-day');
  });

  // maxMinutes caps every choice, this one too: offered and granted only while the day ends sooner.
  it.each<[string, Policy, number, number, boolean]>([
    ['maxMinutes 1, at 10:00 (5 h 30 min left)', BASE, T.school, 1, false],
    ['maxMinutes 60, at 10:00', BASE, T.school, 60, false],
    ['maxMinutes 330, at 10:00: exactly the time left', BASE, T.school, 330, true],
    ['maxMinutes 329, at 10:00: one minute short', BASE, T.school, 329, false],
    ['maxMinutes 1, in the last second of school', BASE, T.lastSecond, 1, true],
    ['maxMinutes 60, 14:45 BST', BASE, utc(2026, 6, 10, 13, 45), 60, true],
    ['maxMinutes 480, school around the clock (a day left)', always, T.school, 480, false],
  ])('%s', (_name, policy, now, maxMinutes, allowed) => {
    const capped = withExceptions(policy, { maxMinutes });
    expect(durationChoices(capped, now).some((c) => c.minutes === 'end-of-day')).toBe(allowed);
    const r = validateRequest({ ...REQ, minutes: 'end-of-day' }, ctx({ policy: capped, now }));
    expect(r.ok).toBe(allowed);
    if (r.ok) expect(r.grant.until - now).toBeLessThanOrEqual(maxMinutes * MINUTE);
    else expect(r.error).toMatch(/longest exception the school allows/);
  });
});

describe('durationChoices', () => {
  it.each<[string, number, number, string[]]>([
    ['the default maximum, in school time: the day ends later than that', 60, T.school, ['15 minutes', '30 minutes', '1 hour']],
    [
      'eight hours, in school time',
      480,
      T.school,
      ['15 minutes', '30 minutes', '1 hour', '2 hours', '4 hours', '8 hours', 'Until the end of the school day (15:30)'],
    ],
    ['the default maximum, after school', 60, T.evening, ['15 minutes', '30 minutes', '1 hour']],
    ['a maximum between the usual choices', 45, T.evening, ['15 minutes', '30 minutes', '45 minutes']],
    ['a maximum below them all', 10, T.evening, ['10 minutes']],
    ['one minute', 1, T.evening, ['1 minute']],
    ['an hour and a half', 90, T.evening, ['15 minutes', '30 minutes', '1 hour', '1 hour 30 minutes']],
    ['the largest', 480, T.evening, ['15 minutes', '30 minutes', '1 hour', '2 hours', '4 hours', '8 hours']],
  ])('%s', (_name, maxMinutes, now, labels) => {
    const choices = durationChoices(withExceptions(BASE, { maxMinutes }), now);
    expect(choices.map((c) => c.label)).toEqual(labels);
    const numbers = choices.flatMap((c) => (typeof c.minutes === 'number' ? [c.minutes] : []));
    expect(Math.max(...numbers)).toBe(maxMinutes);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});

describe('exceptionOffer', () => {
  const pin = withExceptions(BASE, { approval: 'approver-pin', approvers: [{ name: 'Mr Head', pinHash: PIN_HASH }] });
  it.each<[string, Role, Policy, string[] | null]>([
    ['pupils: nothing', 'pupil', BASE, null],
    ['staff, self-approved: no approvers to choose', 'staff', BASE, []],
    ['staff, approved by PIN: the approvers', 'staff', pin, ['Mr Head']],
    ['exceptions off: nothing', 'staff', withExceptions(BASE, { approval: 'off' }), null],
    ['a role not named: nothing', 'governor', withExceptions(BASE, { roles: ['staff'] }), null],
  ])('%s', (_name, role, policy, approvers) => {
    const offer = exceptionOffer(role, policy, T.school);
    expect(offer?.approvers ?? null).toEqual(approvers);
    if (offer) expect(offer.choices).toEqual(durationChoices(policy, T.school));
  });
});

describe('isActive', () => {
  const G = T.school;
  const ex: GrantedException = {
    id: 'e1',
    networkId: 'facebook',
    networkName: 'Facebook',
    scope: { kind: 'site' },
    grantedAt: G,
    until: G + 30 * MINUTE,
    reason: 'Checking the parents group',
    use: 'school',
    approvedBy: 'self',
    user: 'jo@hill.sch.uk',
    role: 'staff',
  };
  const U = ex.until;

  // [name, now (device clock), highWater (latest time seen), active]
  it.each<[string, number, number, boolean]>([
    ['at the grant', G, G, true],
    ['half way', G + 15 * MINUTE, G + 15 * MINUTE, true],
    ['the last millisecond', U - 1, U - 1, true],
    ['at its end', U, U, false],
    ['after its end', U + MINUTE, U + MINUTE, false],
    ['clock moved forward past the end', U + 60 * MINUTE, U + 60 * MINUTE, false],
    ['and back again: it stays ended', G + 5 * MINUTE, U + 60 * MINUTE, false],
    ['clock moved back within it: still ends at the same real time', G + 5 * MINUTE, G + 20 * MINUTE, true],
    ['clock moved back within it, once the latest time seen reaches the end', G + 10 * MINUTE, U, false],
    ['clock moved back before the grant: ended', G - 10 * MINUTE, G + 5 * MINUTE, false],
    ['clock moved back a day: ended', G - 24 * 60 * MINUTE, G + 5 * MINUTE, false],
    ['a clock corrected by a few seconds at the grant', G - 30_000, G + MINUTE, true],
    ['a grant in the future of every clock', G - 2 * MINUTE, G - 2 * MINUTE, false],
  ])('%s: %s', (_name, now, highWater, active) => {
    expect(isActive(ex, now, highWater)).toBe(active);
  });

  it.each<[string, Partial<GrantedException>]>([
    ['lasting more than a day', { until: G + 25 * 60 * MINUTE }],
    ['with no end', { until: NaN }],
    ['with no start', { grantedAt: NaN }],
  ])('a stored record %s is not in force', (_name, over) => {
    expect(isActive({ ...ex, ...over }, G + MINUTE, G + MINUTE)).toBe(false);
  });
});

describe('timeLeft', () => {
  const at = (ms: number) => timeLeft({ until: T.school + ms } as GrantedException, T.school);
  it.each<[number, string]>([
    [12 * MINUTE, '12 min left'],
    [11 * MINUTE + 1000, '12 min left'],
    [30_000, '1 min left'],
    [60 * MINUTE, '1 h left'],
    [65 * MINUTE, '1 h 5 min left'],
    [8 * 60 * MINUTE, '8 h left'],
    [0, 'Ended'],
    [-MINUTE, 'Ended'],
  ])('%i ms: %s', (ms, text) => {
    expect(at(ms)).toBe(text);
  });
});

describe('exceptionAllowance', () => {
  const base = { id: 'x', networkId: 'facebook', networkName: 'Facebook', until: 5, approvedBy: 'self' } as const;
  it.each<[string, GrantedException['scope'], object]>([
    ['a site exception covers the whole network', { kind: 'site' }, { networkId: 'facebook', until: 5 }],
    [
      'a page exception covers its page and below only',
      { kind: 'page', scope: { host: 'facebook.com', pathPrefix: '/groups/ash' } },
      { networkId: 'facebook', until: 5, scope: { host: 'facebook.com', pathPrefix: '/groups/ash' } },
    ],
  ])('%s', (_name, scope, expected) => {
    expect(exceptionAllowance({ ...base, scope } as unknown as GrantedException)).toEqual(expected);
  });
});
