import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTIONS, DEFAULT_POLICY, DEFAULT_SCHOOL_HOURS, LIMITS, POLICY_KEYS, parsePolicy, type Policy } from '../../utils/core/policy';
import { resolveRole } from '../../utils/core/role';
import { decide } from '../../utils/core/decide';
import { isSchoolTime, isValidTimeZone } from '../../utils/core/calendar';
import { CATALOGUE } from '../../utils/core/catalogue';
import { ROLES, WEEKDAYS } from '../../utils/core/types';
import { utc } from '../helpers/time';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** The contract's no-policy behaviour, written out independently of DEFAULT_POLICY. */
const CONTRACT_DEFAULT: Policy = {
  role: null,
  roleRules: [],
  timezone: 'Europe/London',
  schoolHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '15:30' }],
  closedDates: [],
  networks: null,
  extraSites: [],
  actions: {
    pupil: { schoolHours: 'block', otherTimes: 'block' },
    staff: { schoolHours: 'block', otherTimes: 'allow' },
    governor: { schoolHours: 'block', otherTimes: 'allow' },
  },
  warnMinutes: 15,
  school: { name: null, policyUrl: null, logo: null },
  languages: ['en'],
  dsl: { name: null, contact: null, passphraseHash: null },
  device: { label: null },
  log: { recordFullUrl: false, retentionDays: 365, flagThreshold: 5 },
  approvedUses: [],
  exceptions: { roles: ['staff', 'governor'], maxMinutes: 60, approval: 'self', approvers: [] },
  hub: null,
};

const PIN_HASH = 'pbkdf2-sha256$600000$c2FsdHNhbHRzYWx0c2FsdA==$q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=';
const SCHOOL_X = { url: 'https://x.com/AshGroveAcademy', purpose: 'School X account' };

describe('no policy', () => {
  it.each([
    ['undefined', undefined, false],
    ['null', null, false],
    ['{}', {}, false],
  ])('%s gives the contract defaults with no problems (present %s)', (_name, raw, present) => {
    const parsed = parsePolicy(raw);
    expect(parsed.present).toBe(present);
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy).toEqual(CONTRACT_DEFAULT);
    expect(DEFAULT_POLICY).toEqual(CONTRACT_DEFAULT);
    expect(resolveRole(parsed.policy, null)).toEqual({ role: 'pupil', source: 'default' });
  });

  it('hands out a fresh copy: editing one parsed policy does not change the next', () => {
    const a = parsePolicy(undefined).policy;
    a.actions.pupil.schoolHours = 'allow';
    a.schoolHours.push({ days: ['sat'], start: '00:00', end: '24:00' });
    const b = parsePolicy(undefined).policy;
    expect(b.actions.pupil.schoolHours).toBe('block');
    expect(b.schoolHours).toEqual(CONTRACT_DEFAULT.schoolHours);
  });
});

describe('POLICY_KEYS', () => {
  it('equals the top-level properties of public/managed_schema.json', () => {
    const schema = JSON.parse(readFileSync(new URL('../../public/managed_schema.json', import.meta.url), 'utf8')) as {
      properties: Record<string, unknown>;
    };
    expect([...POLICY_KEYS].sort()).toEqual(Object.keys(schema.properties).sort());
  });
});

const GOOD_HOURS = { days: WEEK, start: '08:30', end: '15:30' };

interface BadCase {
  name: string;
  raw: unknown;
  /** Problem keys expected, in order. */
  keys: string[];
  /** Part of the problem text for the first key (what is wrong). */
  says?: RegExp;
  check: (p: Policy) => void;
}

const defaultHours = (p: Policy) => expect(p.schoolHours).toEqual(DEFAULT_SCHOOL_HOURS);

const badCases: BadCase[] = [
  {
    name: 'role "head-boy"',
    raw: { role: 'head-boy' },
    keys: ['role'],
    says: /head-boy/,
    check: (p) => {
      expect(p.role).toBeNull();
      expect(resolveRole(p, null).role).toBe('pupil');
      expect(resolveRole(p, 'someone@school.org').role).toBe('pupil');
    },
  },
  {
    name: 'role "Staff" (case matters: fail closed)',
    raw: { role: 'Staff' },
    keys: ['role'],
    check: (p) => expect(resolveRole(p, null).role).toBe('pupil'),
  },
  {
    name: 'roleRules with a bad email and a bad role among good entries',
    raw: {
      roleRules: [
        { email: '*@staff.school.org', role: 'staff' },
        { email: 'no-at-sign', role: 'staff' },
        { email: '*@gov.school.org', role: 'headteacher' },
        { email: '', role: 'staff' },
        'jo@school.org',
        { email: 'chair@gov.school.org', role: 'governor' },
      ],
    },
    keys: ['roleRules[1]', 'roleRules[2]', 'roleRules[3]', 'roleRules[4]'],
    check: (p) => {
      expect(p.roleRules).toEqual([
        { email: '*@staff.school.org', role: 'staff' },
        { email: 'chair@gov.school.org', role: 'governor' },
      ]);
      expect(resolveRole(p, 'x@gov.school.org').role).toBe('pupil');
      expect(resolveRole(p, 'chair@gov.school.org').role).toBe('governor');
    },
  },
  {
    name: 'roleRules not a list',
    raw: { roleRules: { email: '*@school.org', role: 'staff' } },
    keys: ['roleRules'],
    check: (p) => expect(p.roleRules).toEqual([]),
  },
  {
    name: 'roleRules over the limit',
    raw: { roleRules: Array.from({ length: LIMITS.roleRules + 1 }, (_, i) => ({ email: `u${i}@x.org`, role: 'staff' })) },
    keys: ['roleRules'],
    says: /limit/,
    check: (p) => expect(p.roleRules).toEqual([]),
  },
  {
    name: 'timezone "Mars/Olympus"',
    raw: { timezone: 'Mars/Olympus' },
    keys: ['timezone'],
    says: /Mars\/Olympus/,
    check: (p) => expect(p.timezone).toBe('Europe/London'),
  },
  {
    name: 'timezone as a UTC offset',
    raw: { timezone: '+01:00' },
    keys: ['timezone'],
    check: (p) => expect(p.timezone).toBe('Europe/London'),
  },
  {
    name: 'schoolHours start "25:00"',
    raw: { schoolHours: [{ days: WEEK, start: '25:00', end: '15:30' }] },
    keys: ['schoolHours[0]'],
    says: /start/,
    check: defaultHours,
  },
  {
    name: 'schoolHours end "15:60"',
    raw: { schoolHours: [{ days: WEEK, start: '08:30', end: '15:60' }] },
    keys: ['schoolHours[0]'],
    says: /end/,
    check: defaultHours,
  },
  {
    name: 'schoolHours start after end',
    raw: { schoolHours: [{ days: WEEK, start: '16:00', end: '09:00' }] },
    keys: ['schoolHours[0]'],
    says: /start is not before end/,
    check: defaultHours,
  },
  {
    name: 'schoolHours start equal to end',
    raw: { schoolHours: [{ days: WEEK, start: '09:00', end: '09:00' }] },
    keys: ['schoolHours[0]'],
    check: defaultHours,
  },
  {
    name: 'schoolHours bad day "funday"',
    raw: { schoolHours: [{ days: ['mon', 'funday'], start: '08:30', end: '15:30' }] },
    keys: ['schoolHours[0]'],
    says: /days/,
    check: defaultHours,
  },
  {
    name: 'schoolHours with no days',
    raw: { schoolHours: [{ days: [], start: '08:30', end: '15:30' }] },
    keys: ['schoolHours[0]'],
    check: defaultHours,
  },
  {
    name: 'schoolHours empty list',
    raw: { schoolHours: [] },
    keys: ['schoolHours'],
    says: /empty/,
    check: defaultHours,
  },
  {
    name: 'schoolHours one bad entry among good ones (whole key falls back)',
    raw: {
      schoolHours: [
        { days: ['mon', 'tue'], start: '08:00', end: '16:00' },
        { days: ['wed'], start: '8:00', end: '12:99' },
        { days: ['thu', 'fri'], start: '08:00', end: '16:00' },
      ],
    },
    keys: ['schoolHours[1]'],
    check: (p) => {
      defaultHours(p);
      // Monday 08:15 London (GMT in January) is outside the default day, as the default says.
      expect(isSchoolTime(utc(2026, 1, 12, 8, 15), p)).toBe(false);
    },
  },
  {
    name: 'schoolHours not a list',
    raw: { schoolHours: GOOD_HOURS },
    keys: ['schoolHours'],
    check: defaultHours,
  },
  {
    name: 'closedDates from after to, and 30 February, among a good range',
    raw: {
      closedDates: [
        { from: '2026-02-10', to: '2026-02-01', label: 'Backwards' },
        { from: '2026-02-30', to: '2026-03-02' },
        { from: '2026-02-16', to: '2026-02-20', label: 'Half term' },
        { from: '16/02/2026', to: '20/02/2026' },
      ],
    },
    keys: ['closedDates[0]', 'closedDates[1]', 'closedDates[3]'],
    says: /"from" is after "to"/,
    check: (p) => {
      expect(p.closedDates).toEqual([{ from: '2026-02-16', to: '2026-02-20', label: 'Half term' }]);
      // Tue 17 Feb 10:00 GMT is in half term; Tue 3 Feb 10:00 is a school day (the bad range is dropped).
      expect(isSchoolTime(utc(2026, 2, 17, 10), p)).toBe(false);
      expect(isSchoolTime(utc(2026, 2, 3, 10), p)).toBe(true);
    },
  },
  {
    name: 'closedDates not a list',
    raw: { closedDates: '2026-02-16' },
    keys: ['closedDates'],
    check: (p) => expect(p.closedDates).toEqual([]),
  },
  {
    name: 'closedDates over the limit',
    raw: { closedDates: Array.from({ length: LIMITS.closedDates + 1 }, () => ({ from: '2026-01-01', to: '2026-01-01' })) },
    keys: ['closedDates'],
    check: (p) => expect(p.closedDates).toEqual([]),
  },
  {
    name: 'networks with an unknown id (others kept, ids normalised)',
    raw: { networks: ['facebook', 'myspace', ' TikTok ', 'facebook'] },
    keys: ['networks[1]'],
    says: /myspace/,
    check: (p) => expect(p.networks).toEqual(['facebook', 'tiktok']),
  },
  {
    name: 'networks of only unknown ids (every network, not none)',
    raw: { networks: ['myspace', 'friendster', 7] },
    keys: ['networks[0]', 'networks[1]', 'networks[2]', 'networks'],
    check: (p) => {
      expect(p.networks).toBeNull();
      expect(decide('https://www.facebook.com/', 'pupil', utc(2026, 1, 14, 10), p).action).toBe('block');
    },
  },
  {
    name: 'networks as a single string',
    raw: { networks: 'facebook' },
    keys: ['networks'],
    check: (p) => expect(p.networks).toBeNull(),
  },
  {
    name: 'extraSites: unusable domains dropped, others kept, duplicates merged',
    raw: {
      extraSites: [
        'example-social.com',
        'co.uk',
        'https://Chat.Example.org/rooms',
        'javascript:alert(1)',
        'EXAMPLE-SOCIAL.COM',
        '*.forum.example.net',
        '10.0.0.1',
        42,
        'localhost',
      ],
    },
    keys: ['extraSites[1]', 'extraSites[3]', 'extraSites[6]', 'extraSites[7]', 'extraSites[8]'],
    says: /co\.uk/,
    check: (p) => expect(p.extraSites).toEqual(['example-social.com', 'chat.example.org', 'forum.example.net']),
  },
  {
    name: 'extraSites over the limit',
    raw: { extraSites: Array.from({ length: LIMITS.extraSites + 1 }, (_, i) => `site${i}.example.org`) },
    keys: ['extraSites'],
    says: /limit/,
    check: (p) => expect(p.extraSites).toEqual([]),
  },
  {
    name: 'actions: a bad value costs only its own slot',
    raw: { actions: { pupil: { schoolHours: 'Allow', otherTimes: 'warn' }, staff: { otherTimes: 7 }, governor: { schoolHours: 'allow' } } },
    keys: ['actions.pupil.schoolHours', 'actions.staff.otherTimes'],
    says: /Allow/,
    check: (p) =>
      expect(p.actions).toEqual({
        pupil: { schoolHours: 'block', otherTimes: 'warn' },
        staff: { schoolHours: 'block', otherTimes: 'allow' },
        governor: { schoolHours: 'allow', otherTimes: 'allow' },
      }),
  },
  {
    name: 'actions: unknown role',
    raw: { actions: { headteacher: { schoolHours: 'allow', otherTimes: 'allow' } } },
    keys: ['actions.headteacher'],
    check: (p) => expect(p.actions).toEqual(DEFAULT_ACTIONS),
  },
  {
    name: 'actions: unknown slot',
    raw: { actions: { pupil: { lunchtime: 'allow' } } },
    keys: ['actions.pupil.lunchtime'],
    check: (p) => expect(p.actions.pupil).toEqual({ schoolHours: 'block', otherTimes: 'block' }),
  },
  {
    name: 'actions: a role given a bare action',
    raw: { actions: { pupil: 'allow' } },
    keys: ['actions.pupil'],
    check: (p) => expect(p.actions.pupil).toEqual({ schoolHours: 'block', otherTimes: 'block' }),
  },
  {
    name: 'actions: not an object',
    raw: { actions: 'allow' },
    keys: ['actions'],
    check: (p) => expect(p.actions).toEqual(DEFAULT_ACTIONS),
  },
  ...[0, 1.5, '15', 100000, -5, null].map((v): BadCase => ({
    name: `warnMinutes ${JSON.stringify(v)}`,
    raw: { warnMinutes: v },
    keys: ['warnMinutes'],
    check: (p) => expect(p.warnMinutes).toBe(15),
  })),
  {
    name: 'school.policyUrl "javascript:alert(1)"',
    raw: { school: { name: 'Hill Primary', policyUrl: 'javascript:alert(1)' } },
    keys: ['school.policyUrl'],
    check: (p) => expect(p.school).toEqual({ name: 'Hill Primary', policyUrl: null, logo: null }),
  },
  {
    name: 'school.policyUrl a data: URL',
    raw: { school: { policyUrl: 'data:text/html,<script>alert(1)</script>' } },
    keys: ['school.policyUrl'],
    check: (p) => expect(p.school.policyUrl).toBeNull(),
  },
  {
    name: 'school.policyUrl not an address at all',
    raw: { school: { policyUrl: 'our policy page' } },
    keys: ['school.policyUrl'],
    check: (p) => expect(p.school.policyUrl).toBeNull(),
  },
  {
    name: 'school.name over the text limit',
    raw: { school: { name: 'x'.repeat(LIMITS.text + 1) } },
    keys: ['school.name'],
    check: (p) => expect(p.school.name).toBeNull(),
  },
  {
    name: 'dsl name over the limit, contact blank',
    raw: { dsl: { name: 'Ms '.repeat(200), contact: '   ' } },
    keys: ['dsl.name', 'dsl.contact'],
    check: (p) => expect(p.dsl).toEqual({ name: null, contact: null, passphraseHash: null }),
  },
  {
    name: 'device.label a number',
    raw: { device: { label: 42 } },
    keys: ['device.label'],
    check: (p) => expect(p.device.label).toBeNull(),
  },
  {
    name: 'school with an unknown key (known ones kept)',
    raw: { school: { name: 'Hill Primary', colour: 'red' } },
    keys: ['school.colour'],
    check: (p) => expect(p.school.name).toBe('Hill Primary'),
  },
  {
    name: 'dsl not an object',
    raw: { dsl: 'Ms Patel' },
    keys: ['dsl'],
    check: (p) => expect(p.dsl).toEqual({ name: null, contact: null, passphraseHash: null }),
  },
  {
    name: 'log values of the wrong kind or out of range',
    raw: { log: { recordFullUrl: 'yes', retentionDays: 0, flagThreshold: 2.5 } },
    keys: ['log.recordFullUrl', 'log.retentionDays', 'log.flagThreshold'],
    check: (p) => expect(p.log).toEqual({ recordFullUrl: false, retentionDays: 365, flagThreshold: 5 }),
  },
  {
    name: 'log retention beyond ten years',
    raw: { log: { retentionDays: 5000, recordFullUrl: true } },
    keys: ['log.retentionDays'],
    check: (p) => expect(p.log).toEqual({ recordFullUrl: true, retentionDays: 365, flagThreshold: 5 }),
  },
  {
    name: 'a DSL passphrase in clear text instead of a hash',
    raw: { dsl: { name: 'Ms Patel', passphraseHash: 'correct horse battery staple' } },
    keys: ['dsl.passphraseHash'],
    check: (p) => expect(p.dsl).toEqual({ name: 'Ms Patel', contact: null, passphraseHash: null }),
  },
  {
    name: 'a DSL passphrase hash with too few iterations',
    raw: { dsl: { passphraseHash: `pbkdf2-sha256$100000$${'A'.repeat(22)}$${'B'.repeat(43)}=` } },
    keys: ['dsl.passphraseHash'],
    check: (p) => expect(p.dsl.passphraseHash).toBeNull(),
  },
  {
    name: 'approvedUses: each bad entry reported and ignored, the good one kept',
    raw: {
      approvedUses: [
        SCHOOL_X,
        { url: 'ftp://x.com/AshGroveAcademy', purpose: 'p' },
        { url: 'https://x.com/', purpose: 'the whole of X' },
        { url: 'https://x.com/AshGroveAcademy', purpose: '  ' },
        { url: 'https://x.com/AshGroveAcademy', purpose: 'p', roles: ['headteacher'] },
        { url: 'https://www.youtube.com/watch?v=abc', purpose: 'one video' },
        { url: 'https://x.com/AshGroveAcademy', purpose: 'p', schoolHoursOnly: 'yes' },
        { url: 'https://x.com/AshGroveAcademy', purpose: 'p', schoolhoursonly: true },
        'https://x.com/AshGroveAcademy',
        { url: `https://x.com/${'a'.repeat(60)}`, purpose: 'p' },
        { url: 'not an address', purpose: 'p' },
        { purpose: 'p' },
        { url: 'https://x.com/AshGroveAcademy', purpose: 'p', roles: [] },
        { url: 'javascript:alert(1)//x.com/AshGroveAcademy', purpose: 'p' },
      ],
    },
    keys: Array.from({ length: 13 }, (_, i) => `approvedUses[${i + 1}]`),
    says: /http\(s\)/,
    check: (p) =>
      expect(p.approvedUses).toEqual([
        { ...SCHOOL_X, scope: { host: 'x.com', pathPrefix: '/AshGroveAcademy' }, roles: ['staff', 'governor'], schoolHoursOnly: false },
      ]),
  },
  {
    name: 'approvedUses: the problems say what is wrong with the address',
    raw: {
      approvedUses: [
        { url: 'https://x.com/', purpose: 'p' },
        { url: 'https://www.youtube.com/watch?v=abc', purpose: 'p' },
        { url: `https://x.com/${'a'.repeat(60)}`, purpose: 'p' },
      ],
    },
    keys: ['approvedUses[0]', 'approvedUses[1]', 'approvedUses[2]'],
    says: /whole site/,
    check: (p) => expect(p.approvedUses).toEqual([]),
  },
  {
    name: 'approvedUses not a list',
    raw: { approvedUses: SCHOOL_X },
    keys: ['approvedUses'],
    check: (p) => expect(p.approvedUses).toEqual([]),
  },
  {
    name: 'approvedUses over the limit',
    raw: { approvedUses: Array.from({ length: LIMITS.approvedUses + 1 }, () => SCHOOL_X) },
    keys: ['approvedUses'],
    says: /limit/,
    check: (p) => expect(p.approvedUses).toEqual([]),
  },
  {
    name: 'exceptions.roles: pupil removed, an unknown role ignored',
    raw: { exceptions: { roles: ['pupil', 'staff', 'teacher', 'staff'] } },
    keys: ['exceptions.roles[0]', 'exceptions.roles[2]'],
    says: /pupils can never/,
    check: (p) => expect(p.exceptions).toEqual({ ...CONTRACT_DEFAULT.exceptions, roles: ['staff'] }),
  },
  {
    name: 'exceptions.roles not a list: nobody may ask',
    raw: { exceptions: { roles: 'staff' } },
    keys: ['exceptions.roles'],
    check: (p) => expect(p.exceptions.roles).toEqual([]),
  },
  ...[0, 481, 1.5, '60', null].map((v): BadCase => ({
    name: `exceptions.maxMinutes ${JSON.stringify(v)}`,
    raw: { exceptions: { maxMinutes: v } },
    keys: ['exceptions.maxMinutes'],
    check: (p) => expect(p.exceptions.maxMinutes).toBe(60),
  })),
  {
    name: 'exceptions.approval mistyped: off, not self',
    raw: { exceptions: { approval: 'approver_pin', approvers: [{ name: 'Mr Head', pinHash: PIN_HASH }] } },
    keys: ['exceptions.approval'],
    check: (p) => expect(p.exceptions.approval).toBe('off'),
  },
  {
    name: 'exceptions.approval "approver-pin" with no approver: off',
    raw: { exceptions: { approval: 'approver-pin' } },
    keys: ['exceptions.approval'],
    says: /approver/,
    check: (p) => expect(p.exceptions.approval).toBe('off'),
  },
  {
    name: 'exceptions.approvers: bad ones reported, "approver-pin" off when none is left',
    raw: {
      exceptions: {
        approval: 'approver-pin',
        approvers: [
          { name: 'Mr Head', pinHash: '1234' },
          { name: 'Ms Deputy', pinHash: `pbkdf2-sha256$100000$${'A'.repeat(22)}$${'B'.repeat(43)}=` },
          { pinHash: PIN_HASH },
          'Mr Head',
        ],
      },
    },
    keys: ['exceptions.approvers[0]', 'exceptions.approvers[1]', 'exceptions.approvers[2]', 'exceptions.approvers[3]', 'exceptions.approval'],
    says: /pinHash/,
    check: (p) => expect(p.exceptions).toEqual({ ...CONTRACT_DEFAULT.exceptions, approval: 'off', approvers: [] }),
  },
  {
    name: 'exceptions.approvers: a second approver of the same name is ignored',
    raw: {
      exceptions: {
        approval: 'approver-pin',
        approvers: [
          { name: 'Mr Head', pinHash: PIN_HASH },
          { name: 'mr head', pinHash: PIN_HASH },
        ],
      },
    },
    keys: ['exceptions.approvers[1]'],
    check: (p) =>
      expect(p.exceptions).toEqual({ ...CONTRACT_DEFAULT.exceptions, approval: 'approver-pin', approvers: [{ name: 'Mr Head', pinHash: PIN_HASH }] }),
  },
  {
    name: 'exceptions not an object: off',
    raw: { exceptions: 'off' },
    keys: ['exceptions'],
    check: (p) => expect(p.exceptions).toEqual({ ...CONTRACT_DEFAULT.exceptions, approval: 'off' }),
  },
  {
    name: 'exceptions with an unknown key (known ones kept)',
    raw: { exceptions: { maxMinute: 30, maxMinutes: 20 } },
    keys: ['exceptions.maxMinute'],
    check: (p) => expect(p.exceptions).toEqual({ ...CONTRACT_DEFAULT.exceptions, maxMinutes: 20 }),
  },
  {
    name: 'languages: a tag with no translation and a non-tag are ignored, the rest kept in order',
    raw: { languages: ['cy', 'fr', 'not a tag!', 'en-GB'] },
    keys: ['languages[1]', 'languages[2]'],
    says: /no translation for "fr"/,
    check: (p) => expect(p.languages).toEqual(['cy', 'en']),
  },
  {
    name: 'languages: none usable means English',
    raw: { languages: ['xx'] },
    keys: ['languages[0]', 'languages'],
    check: (p) => expect(p.languages).toEqual(['en']),
  },
  {
    name: 'languages: not a list',
    raw: { languages: 'cy' },
    keys: ['languages'],
    check: (p) => expect(p.languages).toEqual(['en']),
  },
  {
    name: 'school.logo over plain http',
    raw: { school: { name: 'Hill', logo: 'http://hill.sch.uk/logo.png' } },
    keys: ['school.logo'],
    says: /not an https address/,
    check: (p) => expect(p.school).toEqual({ name: 'Hill', policyUrl: null, logo: null }),
  },
  {
    name: 'school.logo: an SVG data: image (could carry script) is refused',
    raw: { school: { logo: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' } },
    keys: ['school.logo'],
    says: /not a base64 PNG/,
    check: (p) => expect(p.school.logo).toBeNull(),
  },
  {
    name: 'school.logo: a data: image over the size limit',
    raw: { school: { logo: `data:image/png;base64,${'A'.repeat(70_000)}` } },
    keys: ['school.logo'],
    says: /at most 65536/,
    check: (p) => expect(p.school.logo).toBeNull(),
  },
  {
    name: 'school.logo: javascript: is not a logo',
    raw: { school: { logo: 'javascript:alert(1)' } },
    keys: ['school.logo'],
    check: (p) => expect(p.school.logo).toBeNull(),
  },
  {
    name: 'unknown top-level key (reported, ignored)',
    raw: { blockEverything: true, role: 'staff' },
    keys: ['blockEverything'],
    check: (p) => expect(p).toEqual({ ...CONTRACT_DEFAULT, role: 'staff' }),
  },
];

describe('each invalid field is reported and replaced by its safe default', () => {
  it.each(badCases)('$name', ({ raw, keys, says, check }) => {
    let parsed!: ReturnType<typeof parsePolicy>;
    expect(() => (parsed = parsePolicy(raw))).not.toThrow();
    expect(parsed.present).toBe(true);
    expect(parsed.problems.map((p) => p.key)).toEqual(keys);
    for (const problem of parsed.problems) {
      expect(problem.problem.trim()).not.toBe('');
      expect(problem.used.trim()).not.toBe('');
    }
    if (says) expect(parsed.problems[0]?.problem).toMatch(says);
    check(parsed.policy);
  });

  it('one bad key does not cost the rest of the policy', () => {
    const { policy, problems } = parsePolicy({
      role: 'head-boy',
      timezone: 'America/New_York',
      warnMinutes: 5,
      schoolHours: [{ days: ['mon'], start: '09:00', end: 'noon' }],
      school: { name: 'Hill Primary' },
    });
    expect(problems.map((p) => p.key)).toEqual(['role', 'schoolHours[0]']);
    expect(policy.timezone).toBe('America/New_York');
    expect(policy.warnMinutes).toBe(5);
    expect(policy.school.name).toBe('Hill Primary');
  });
});

describe('a policy that is not an object', () => {
  it.each([
    ['a string', 'role=staff'],
    ['an array', [{ role: 'staff' }]],
    ['a number', 42],
    ['a boolean', true],
  ])('%s: reported once, defaults used, treated as present', (_name, raw) => {
    const parsed = parsePolicy(raw);
    expect(parsed.present).toBe(true);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.key).toBe('(policy)');
    expect(parsed.problems[0]?.used).toMatch(/default/);
    expect(parsed.policy).toEqual(CONTRACT_DEFAULT);
  });
});

describe('values managed storage cannot hold still do not throw', () => {
  const cyclic: Record<string, unknown> = { days: ['mon'] };
  cyclic.self = cyclic;
  it.each([
    ['role', 10n],
    ['warnMinutes', 10n],
    ['extraSites', [10n, 'example-social.com']],
    ['school', { name: 10n }],
    ['schoolHours', [cyclic]],
    ['closedDates', [cyclic]],
    ['role', Symbol('staff')],
    ['role', () => 'staff'],
    ['actions', { pupil: { schoolHours: 10n } }],
    ['approvedUses', [10n, { url: 10n, purpose: 'p' }]],
    ['approvedUses', [cyclic]],
    ['exceptions', { maxMinutes: 10n, roles: [10n] }],
    ['exceptions', { approvers: [cyclic] }],
  ] as [string, unknown][])('%s = %s', (key, value) => {
    let parsed!: ReturnType<typeof parsePolicy>;
    expect(() => (parsed = parsePolicy({ [key]: value }))).not.toThrow();
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]?.key).toMatch(new RegExp(`^${key}`));
    expect(resolveRole(parsed.policy, null).role).toBe('pupil');
    expect(parsed.policy.actions.pupil).toEqual({ schoolHours: 'block', otherTimes: 'block' });
  });

  it('a BigInt as the whole policy', () => {
    expect(() => parsePolicy(10n)).not.toThrow();
    expect(parsePolicy(10n).problems[0]?.key).toBe('(policy)');
  });
});

describe('languages and school.logo, valid', () => {
  it.each<[unknown, string[]]>([
    [
      ['cy', 'en'],
      ['cy', 'en'],
    ],
    [
      ['en', 'pl', 'ur', 'pa', 'bn', 'so', 'ar', 'ro', 'pt'],
      ['en', 'pl', 'ur', 'pa', 'bn', 'so', 'ar', 'ro', 'pt'],
    ],
    [['CY-gb', 'cy'], ['cy']],
  ])('languages %j → %j', (languages, expected) => {
    const parsed = parsePolicy({ languages });
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy.languages).toEqual(expected);
  });
  it.each(['https://hill.sch.uk/logo.png', 'data:image/png;base64,iVBORw0KGgo='])('logo %s is kept as given', (logo) => {
    const parsed = parsePolicy({ school: { logo } });
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy.school.logo).toBe(logo);
  });
});

describe('valid values', () => {
  const full = {
    role: 'staff',
    roleRules: [
      { email: '*@pupils.hill.sch.uk', role: 'pupil' },
      { email: 'Chair.Governors@hill.sch.uk', role: 'governor' },
    ],
    timezone: 'Europe/Dublin',
    schoolHours: [
      { days: ['mon', 'tue', 'wed', 'thu'], start: '8:45', end: '15:15' },
      { days: ['fri'], start: '08:45:00', end: '13:00' },
      { days: ['sat'], start: '00:00', end: '24:00' },
    ],
    closedDates: [
      { from: '2026-02-16', to: '2026-02-20', label: 'Half term' },
      { from: '2026-05-04', to: '2026-05-04' },
    ],
    networks: ['facebook', 'instagram', 'tiktok'],
    extraSites: ['example-social.com', 'chat.example.org'],
    actions: {
      pupil: { schoolHours: 'block', otherTimes: 'warn' },
      staff: { schoolHours: 'warn', otherTimes: 'allow' },
      governor: { schoolHours: 'allow', otherTimes: 'allow' },
    },
    warnMinutes: 1440,
    school: { name: 'Hill Primary School', policyUrl: 'https://hill.sch.uk/policies/social-media.pdf', logo: 'https://hill.sch.uk/logo.png' },
    languages: ['cy', 'en', 'pl'],
    dsl: {
      name: 'Mrs A. Patel',
      contact: 'dsl@hill.sch.uk',
      passphraseHash: 'pbkdf2-sha256$600000$c2FsdHNhbHRzYWx0c2FsdA==$q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=',
    },
    device: { label: 'Library PC 3' },
    log: { recordFullUrl: true, retentionDays: 30, flagThreshold: 3 },
    approvedUses: [
      { url: 'https://x.com/AshGroveAcademy', roles: ['staff'], purpose: 'School X account', schoolHoursOnly: false },
      { url: 'https://www.youtube.com/@AshGroveAcademy', roles: ['pupil', 'staff', 'governor'], purpose: 'School videos', schoolHoursOnly: true },
    ],
    exceptions: { roles: ['staff'], maxMinutes: 480, approval: 'approver-pin', approvers: [{ name: 'Mr Head', pinHash: PIN_HASH }] },
    hub: { url: 'https://hub.hill.sch.uk', key: 'hk_live_0123456789abcdef' },
  };

  it('a full valid policy parses with zero problems and every value applied', () => {
    const { policy, problems, present } = parsePolicy(full);
    expect(problems).toEqual([]);
    expect(present).toBe(true);
    expect(policy).toEqual({
      ...full,
      approvedUses: [
        { ...full.approvedUses[0], scope: { host: 'x.com', pathPrefix: '/AshGroveAcademy' } },
        { ...full.approvedUses[1], scope: { host: 'youtube.com', pathPrefix: '/@AshGroveAcademy' } },
      ],
    });
  });

  it('every key in POLICY_KEYS is exercised by the full policy', () => {
    expect(Object.keys(full).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it.each([
    ['warnMinutes 1', { warnMinutes: 1 }, (p: Policy) => expect(p.warnMinutes).toBe(1)],
    ['warnMinutes at the cap', { warnMinutes: LIMITS.warnMinutesMax }, (p: Policy) => expect(p.warnMinutes).toBe(LIMITS.warnMinutesMax)],
    ['networks explicitly empty (only extra sites in force)', { networks: [] }, (p: Policy) => expect(p.networks).toEqual([])],
    [
      'extraSites at the limit',
      { extraSites: Array.from({ length: LIMITS.extraSites }, (_, i) => `s${i}.example.org`) },
      (p: Policy) => expect(p.extraSites).toHaveLength(LIMITS.extraSites),
    ],
    ['texts are trimmed', { school: { name: '  Hill Primary  ' } }, (p: Policy) => expect(p.school.name).toBe('Hill Primary')],
    ['text at the limit', { device: { label: 'x'.repeat(LIMITS.text) } }, (p: Policy) => expect(p.device.label).toHaveLength(LIMITS.text)],
    [
      'null sub-keys mean "not set"',
      { school: { name: null, policyUrl: null } },
      (p: Policy) => expect(p.school).toEqual({ name: null, policyUrl: null, logo: null }),
    ],
    ['http policy address', { school: { policyUrl: 'http://hill.sch.uk/p' } }, (p: Policy) => expect(p.school.policyUrl).toBe('http://hill.sch.uk/p')],
    [
      'an approved use with defaults, a trailing slash and a fragment',
      { approvedUses: [{ url: ' http://M.Facebook.com/AshGrove/#about ', purpose: ' Page ' }] },
      (p: Policy) =>
        expect(p.approvedUses).toEqual([
          {
            url: 'http://m.facebook.com/AshGrove/',
            scope: { host: 'facebook.com', pathPrefix: '/AshGrove' },
            roles: ['staff', 'governor'],
            purpose: 'Page',
            schoolHoursOnly: false,
          },
        ]),
    ],
    [
      'an approved use at the length limit',
      { approvedUses: [{ url: `https://x.com/${'a'.repeat(54)}`, purpose: 'p' }] },
      (p: Policy) => expect(p.approvedUses).toHaveLength(1),
    ],
    [
      'approvedUses at the limit',
      { approvedUses: Array.from({ length: LIMITS.approvedUses }, () => ({ url: 'https://x.com/a', purpose: 'p' })) },
      (p: Policy) => expect(p.approvedUses).toHaveLength(LIMITS.approvedUses),
    ],
    ['exceptions off', { exceptions: { approval: 'off' } }, (p: Policy) => expect(p.exceptions).toEqual({ ...CONTRACT_DEFAULT.exceptions, approval: 'off' })],
    [
      'exceptions: governors only, 1 minute',
      { exceptions: { roles: ['governor'], maxMinutes: 1 } },
      (p: Policy) => expect(p.exceptions).toEqual({ ...CONTRACT_DEFAULT.exceptions, roles: ['governor'], maxMinutes: 1 }),
    ],
    ['exceptions: nobody may ask', { exceptions: { roles: [] } }, (p: Policy) => expect(p.exceptions.roles).toEqual([])],
  ] as [string, unknown, (p: Policy) => void][])('%s', (_name, raw, check) => {
    const parsed = parsePolicy(raw);
    expect(parsed.problems).toEqual([]);
    check(parsed.policy);
  });
});

// ---- property-style: random garbage never throws and never fails open ---------------------------

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  '',
  ' ',
  'allow',
  'block',
  'warn',
  'ALLOW',
  'pupil',
  'staff',
  'governor',
  'mon',
  'funday',
  '08:30',
  '24:00',
  '25:00',
  '2026-02-30',
  '2026-01-01',
  'facebook',
  'myspace',
  'Europe/London',
  'Mars/Olympus',
  'javascript:alert(1)',
  'https://hill.sch.uk/',
  '*@school.org',
  'co.uk',
  'example.org',
  '__proto__',
  'constructor',
  '\u0000',
  '💥',
];
const FIELDS = [
  'pupil',
  'staff',
  'governor',
  'schoolHours',
  'otherTimes',
  'email',
  'role',
  'days',
  'start',
  'end',
  'from',
  'to',
  'label',
  'name',
  'policyUrl',
  'contact',
  '__proto__',
  'constructor',
  'toString',
  'x',
];

function garbage(next: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const r = next();
  if (r < 0.08) return null;
  if (r < 0.14) return next() < 0.5;
  if (r < 0.26) return pick([0, -0, 1, -1, 1.5, 15, 1e9, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER]);
  if (r < 0.5 || depth >= 3)
    return next() < 0.8 ? pick(WORDS) : String.fromCharCode(...Array.from({ length: 1 + Math.floor(next() * 12) }, () => 32 + Math.floor(next() * 200)));
  if (r < 0.75) return Array.from({ length: Math.floor(next() * 5) }, () => garbage(next, depth + 1));
  const obj: Record<string, unknown> = {};
  const n = Math.floor(next() * 4);
  // defineProperty, as JSON.parse does: "__proto__" becomes an own key, not the prototype.
  for (let i = 0; i < n; i++) {
    Object.defineProperty(obj, pick(FIELDS), { value: garbage(next, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return obj;
}

function own(v: unknown, k: string): unknown {
  return typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, k) ? (v as Record<string, unknown>)[k] : undefined;
}

const catalogueIds = new Set(CATALOGUE.map((n) => n.id));
/** A Wednesday in term at 10:00 and 20:00 London, and a Saturday. */
const INSTANTS = [utc(2026, 1, 14, 10), utc(2026, 1, 14, 20), utc(2026, 6, 13, 11)];

describe('200 random values per key', () => {
  it.each([...POLICY_KEYS, '(whole policy)'])('%s: never throws, never fails open', (key) => {
    const next = rng([...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7));
    for (let i = 0; i < 200; i++) {
      const value = garbage(next);
      const raw = key === '(whole policy)' ? value : { [key]: value };
      let parsed!: ReturnType<typeof parsePolicy>;
      expect(() => (parsed = parsePolicy(raw)), JSON.stringify(raw)).not.toThrow();
      const { policy, problems } = parsed;
      const where = `${key}: ${JSON.stringify(raw)}`;

      for (const slot of ['schoolHours', 'otherTimes'] as const) {
        if (policy.actions.pupil[slot] === 'allow') {
          expect(own(own(own(raw, 'actions'), 'pupil'), slot), where).toBe('allow');
        }
      }
      const role = resolveRole(policy, null).role;
      if (role !== 'pupil') expect(own(raw, 'role'), where).toBe(role);

      // The result is always usable.
      expect(isValidTimeZone(policy.timezone), where).toBe(true);
      expect(policy.schoolHours.length, where).toBeGreaterThan(0);
      for (const h of policy.schoolHours) for (const d of h.days) expect(WEEKDAYS).toContain(d);
      expect(Number.isInteger(policy.warnMinutes) && policy.warnMinutes >= 1 && policy.warnMinutes <= LIMITS.warnMinutesMax, where).toBe(true);
      if (policy.networks) for (const id of policy.networks) expect(catalogueIds.has(id), where).toBe(true);
      for (const r of ROLES) for (const slot of ['schoolHours', 'otherTimes'] as const) expect(['block', 'warn', 'allow']).toContain(policy.actions[r][slot]);
      if (policy.school.policyUrl !== null) expect(policy.school.policyUrl).toMatch(/^https?:\/\//);
      expect(policy.exceptions.roles, where).not.toContain('pupil');
      if (policy.exceptions.approval === 'approver-pin') expect(policy.exceptions.approvers.length, where).toBeGreaterThan(0);
      for (const u of policy.approvedUses) expect(u.scope.pathPrefix, where).not.toBe('/');
      for (const p of problems) {
        expect(p.key, where).not.toBe('');
        expect(p.used.trim(), where).not.toBe('');
      }

      // A pupil on Facebook stays blocked unless the policy itself says otherwise.
      const explicit = own(raw, 'actions') !== undefined || own(raw, 'networks') !== undefined;
      if (!explicit && role === 'pupil') {
        for (const t of INSTANTS) expect(decide('https://www.facebook.com/', 'pupil', t, policy).action, where).toBe('block');
      }
    }
  });
});

describe('hub', () => {
  const OFF = 'nothing is sent: the log stays on this device';
  it.each([
    ['https', { url: 'https://hub.example.org', key: 'k1' }, { url: 'https://hub.example.org', key: 'k1' }],
    ['trailing slash and a path', { url: ' https://example.org/hall-pass/ ', key: ' k1 ' }, { url: 'https://example.org/hall-pass', key: 'k1' }],
    ['https with a port', { url: 'https://hub.example.org:8443', key: 'k1' }, { url: 'https://hub.example.org:8443', key: 'k1' }],
    ['plain http to 127.0.0.1', { url: 'http://127.0.0.1:8787', key: 'k1' }, { url: 'http://127.0.0.1:8787', key: 'k1' }],
    ['plain http to localhost', { url: 'http://localhost:8787/', key: 'k1' }, { url: 'http://localhost:8787', key: 'k1' }],
  ])('%s is used', (_name, hub, expected) => {
    const parsed = parsePolicy({ hub });
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy.hub).toEqual(expected);
  });

  it('absent or null means the log stays on the device, with no problem', () => {
    expect(parsePolicy({ role: 'pupil' }).policy.hub).toBeNull();
    expect(parsePolicy({ hub: null }).problems).toEqual([]);
  });

  it.each([
    ['plain http to another host', { url: 'http://hub.example.org', key: 'k' }, 'hub.url', /must start with https/],
    ['plain http to a LAN address', { url: 'http://192.168.1.10:8787', key: 'k' }, 'hub.url', /must start with https/],
    ['localhost look-alike', { url: 'http://localhost.evil.example', key: 'k' }, 'hub.url', /must start with https/],
    ['not an address', { url: 'hub.example.org', key: 'k' }, 'hub.url', /not a web address/],
    ['ftp', { url: 'ftp://hub.example.org', key: 'k' }, 'hub.url', /must start with https/],
    ['credentials in the address', { url: 'https://me:pw@hub.example.org', key: 'k' }, 'hub.url', /user name or password/],
    ['a query', { url: 'https://hub.example.org/?key=k', key: 'k' }, 'hub.url', /"\?" or "#"/],
    ['no url', { key: 'k' }, 'hub.url', /expected the hub's https:\/\/ address/],
    ['url a number', { url: 8787, key: 'k' }, 'hub.url', /expected the hub's/],
    ['empty key', { url: 'https://hub.example.org', key: '' }, 'hub.key', /an empty key/],
    ['blank key', { url: 'https://hub.example.org', key: '   ' }, 'hub.key', /an empty key/],
    ['no key', { url: 'https://hub.example.org' }, 'hub.key', /no key/],
    ['key a number', { url: 'https://hub.example.org', key: 42 }, 'hub.key', /a number/],
    ['key with a space inside', { url: 'https://hub.example.org', key: 'a b' }, 'hub.key', /printable characters/],
    ['key too long', { url: 'https://hub.example.org', key: 'k'.repeat(LIMITS.hubKey + 1) }, 'hub.key', /printable characters/],
  ])('%s: reported, and nothing is sent', (_name, hub, key, message) => {
    const parsed = parsePolicy({ hub, role: 'staff' });
    expect(parsed.policy.hub).toBeNull();
    expect(parsed.problems).toContainEqual(expect.objectContaining({ key, problem: expect.stringMatching(message), used: OFF }));
    // The rest of the policy still applies.
    expect(parsed.policy.role).toBe('staff');
  });

  it('a bad key is never echoed back on the status page', () => {
    const parsed = parsePolicy({ hub: { url: 'https://hub.example.org', key: 'secret with space' } });
    expect(JSON.stringify(parsed.problems)).not.toContain('secret');
  });

  it.each([
    ['a string', 'https://hub.example.org'],
    ['a list', [{ url: 'https://hub.example.org', key: 'k' }]],
  ])('hub as %s is reported', (_name, hub) => {
    const parsed = parsePolicy({ hub });
    expect(parsed.policy.hub).toBeNull();
    expect(parsed.problems).toEqual([expect.objectContaining({ key: 'hub', problem: expect.stringContaining('expected an object'), used: OFF })]);
  });

  it('an unknown sub-key is reported and ignored', () => {
    const parsed = parsePolicy({ hub: { url: 'https://hub.example.org', key: 'k', token: 'x' } });
    expect(parsed.policy.hub).toEqual({ url: 'https://hub.example.org', key: 'k' });
    expect(parsed.problems).toEqual([expect.objectContaining({ key: 'hub.token', problem: 'unknown key', used: 'ignored' })]);
  });
});
