import { describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyProblem } from '../../utils/core/policy';
import { renderProblem, renderUsed, type ProblemCode, type UsedCode } from '../../utils/core/policy-problem-codes';
import { enAdmin } from '../../utils/core/i18n/admin-en';
import { cyAdmin } from '../../utils/core/i18n/admin-cy';

const hash = `pbkdf2-sha256$600000$${'a'.repeat(22)}$${'b'.repeat(43)}=`;

/** Bad policies between them producing every problem the parser can write. */
const BAD_POLICIES: [string, unknown][] = [
  ['not an object', 'staff'],
  ['unknown key and bad role', { rolle: 'x', role: 'teacher' }],
  [
    'role rules: wrong type, bad email, bad enum, too long',
    { roleRules: [5, { email: 'no-at', role: 'staff' }, { email: 'a@b', role: 'boss' }, { email: `${'a'.repeat(321)}@x`, role: 'staff' }] },
  ],
  [
    'role rules: unknown key in an item, empty email',
    {
      roleRules: [
        { email: 'a@b', role: 'staff', extra: 1 },
        { email: ' ', role: 'staff' },
      ],
    },
  ],
  ['role rules: not a list', { roleRules: 'a@b' }],
  ['role rules: over the limit', { roleRules: Array.from({ length: 501 }, () => ({ email: 'a@b', role: 'staff' })) }],
  ['timezone', { timezone: 'Mars/Olympus' }],
  ['school hours: bad times', { schoolHours: [{ days: ['mon'], start: '25:00', end: '15:00' }] }],
  ['school hours: end after 24:00', { schoolHours: [{ days: ['mon'], start: '08:00', end: '24:30' }] }],
  ['school hours: start after end', { schoolHours: [{ days: ['mon'], start: '16:00', end: '09:00' }] }],
  [
    'school hours: no days, bad day',
    {
      schoolHours: [
        { days: [], start: '08:00', end: '09:00' },
        { days: ['funday'], start: '08:00', end: '09:00' },
      ],
    },
  ],
  ['school hours: empty', { schoolHours: [] }],
  [
    'closed dates',
    {
      closedDates: [
        { from: '2026-13-01', to: '2026-12-01' },
        { from: '2026-12-02', to: '2026-12-01' },
      ],
    },
  ],
  ['networks', { networks: ['myspace'] }],
  ['extra sites', { extraSites: ['not a domain', 3] }],
  ['actions', { actions: { pupil: { schoolHours: 'maybe' }, boss: {}, staff: 'allow' } }],
  ['warn minutes', { warnMinutes: 0 }],
  ['school', { school: { name: '', policyUrl: 'ftp://x', logo: 5 } }],
  ['school: not text url', { school: { policyUrl: 'nope', logo: 'data:image/svg+xml;base64,AAAA' } }],
  ['school: huge data logo', { school: { logo: `data:image/png;base64,${'A'.repeat(70_000)}` } }],
  ['school: http logo', { school: { logo: 'http://school.example/logo.png' } }],
  ['languages', { languages: [3, 'x-@@', 'fr'] }],
  ['languages: none usable', { languages: ['fr'] }],
  ['dsl', { dsl: { passphraseHash: 'letmein', name: 7 } }],
  ['log', { log: { recordFullUrl: 'yes', retentionDays: 99999 } }],
  [
    'approved uses',
    {
      approvedUses: [
        { url: 'not a url', purpose: 'p' },
        { url: 'ftp://x.com/a', purpose: 'p' },
        { url: 'https://x.com/a?b=1', purpose: 'p' },
        { url: 'https://x.com/', purpose: 'p' },
        { url: `https://x.com/${'a'.repeat(80)}`, purpose: 'p' },
        { url: 'https://x.com/a', purpose: 'p', colour: 'red' },
        { url: 'https://x.com/a' },
      ],
    },
  ],
  [
    'exceptions',
    {
      exceptions: {
        roles: ['pupil', 'boss'],
        approval: 'approver-pin',
        approvers: [
          { name: 'Mrs Khan', pinHash: 'nope' },
          { name: 'Mr Jones', pinHash: hash },
          { name: 'mr jones', pinHash: hash },
        ],
        maxMinutes: 999,
      },
    },
  ],
  ['exceptions: bad approval', { exceptions: { approval: 'maybe' } }],
  ['exceptions: no valid approver', { exceptions: { approval: 'approver-pin' } }],
  ['exceptions: not an object', { exceptions: true }],
  ['hub: not an object', { hub: 'https://hub.example' }],
  ['hub: no url, no key', { hub: {} }],
  ['hub: not a web address, empty key', { hub: { url: 'not a url', key: '' } }],
  ['hub: http, numeric key', { hub: { url: 'http://hub.example', key: 5 } }],
  ['hub: user name, key with a space', { hub: { url: 'https://u:p@hub.example', key: 'a b' } }],
  ['hub: query', { hub: { url: 'https://hub.example/?x=1', key: 'k' } }],
];

const problems: [string, PolicyProblem][] = BAD_POLICIES.flatMap(([name, raw]) =>
  parsePolicy(raw).problems.map((p): [string, PolicyProblem] => [`${name}: ${p.key}: ${p.problem}`, p]),
);

describe('policy problems as codes', () => {
  it.each(problems)('%s', (_name, p) => {
    expect(p.say, 'a code for what is wrong').toBeDefined();
    expect(p.usedSay, 'a code for what is used instead').toBeDefined();
    // The parser's English sentence (console, hub) is the English catalogue's rendering of its code.
    expect(renderProblem(enAdmin.policyProblems, p.say!)).toBe(p.problem);
    expect(renderUsed(enAdmin.policyProblems, p.usedSay!)).toBe(p.used);
    // Welsh words for each, not the English sentence again (a value the admin wrote is kept as written).
    const cyProblem = renderProblem(cyAdmin.policyProblems, p.say!);
    expect(cyProblem).not.toBeNull();
    expect(cyProblem).not.toBe(p.problem);
    const cyUsed = renderUsed(cyAdmin.policyProblems, p.usedSay!);
    expect(cyUsed).not.toBeNull();
    if (p.usedSay!.code === 'value') expect(cyUsed).toBe(p.used);
    else expect(cyUsed).not.toBe(p.used);
  });

  it('the table reaches every code the parser has (the refused rules are checked in rules.test.ts)', () => {
    const seen = new Set<string>(problems.map(([, p]) => p.say!.code));
    const seenUsed = new Set<string>(problems.map(([, p]) => p.usedSay!.code));
    // zodLiteral and zodOther: kinds of zod issue no schema of ours can produce today, kept so a new schema still reads.
    const elsewhere: ProblemCode[] = ['refusedApprovedUse', 'refusedException', 'refusedRule', 'zodLiteral', 'zodOther'];
    const usedElsewhere: UsedCode[] = ['refusedApprovedUse', 'refusedException', 'refusedRule'];
    expect(Object.keys(enAdmin.policyProblems.problem).filter((c) => !seen.has(c) && !elsewhere.includes(c as ProblemCode))).toEqual([]);
    expect(Object.keys(enAdmin.policyProblems.used).filter((c) => !seenUsed.has(c) && !usedElsewhere.includes(c as UsedCode))).toEqual([]);
  });

  it('a value the admin wrote is shown as written in Welsh, markup and all (the page renders it as text)', () => {
    const [p] = parsePolicy({ timezone: '<b>Europe/Cardiff</b>' }).problems;
    expect(renderProblem(cyAdmin.policyProblems, p!.say!)).toBe('cylchfa amser anhysbys "<b>Europe/Cardiff</b>"');
    expect(renderUsed(cyAdmin.policyProblems, p!.usedSay!)).toBe('"Europe/London"');
  });

  it('Welsh for the commonest mistakes', () => {
    const { problems: ps } = parsePolicy({ warnMinutes: 0, schoolHours: [{ days: ['mon'], start: '8.30', end: '15:30' }] });
    const cy = ps.map((p) => [p.key, renderProblem(cyAdmin.policyProblems, p.say!), renderUsed(cyAdmin.policyProblems, p.usedSay!)]);
    expect(cy).toEqual([
      ['schoolHours[0]', 'start: nid yw’n amser rhwng 00:00 a 23:59 (gwerth {"days":["mon"],"start":"8.30","end":"15:30"})', 'oriau ysgol rhagosodedig'],
      ['warnMinutes', 'disgwyl rhif cyfan o 1 i 1,440, cafwyd 0', '15'],
    ]);
  });

  it('a code the page does not know falls back (null), so the page shows the English sentence', () => {
    expect(renderProblem(cyAdmin.policyProblems, { code: 'fromANewerVersion', params: {} } as never)).toBeNull();
    expect(renderUsed(cyAdmin.policyProblems, { code: 'fromANewerVersion', params: {} } as never)).toBeNull();
  });
});
