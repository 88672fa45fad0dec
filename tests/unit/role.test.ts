import { describe, expect, it } from 'vitest';
import { emailMatches, resolveRole, type ResolvedRole } from '../../utils/core/role';
import { parsePolicy } from '../../utils/core/policy';

describe('emailMatches', () => {
  it.each([
    // exact addresses, case-insensitive, no partial matches
    ['head@school.org', 'head@school.org', true],
    ['Head@School.ORG', 'head@school.org', true],
    ['head@school.org', 'HEAD@SCHOOL.ORG', true],
    ['head@school.org', 'xhead@school.org', false],
    ['head@school.org', 'head@school.org.evil.example', false],
    ['head@school.org', 'head@school.or', false],
    ['  head@school.org ', ' head@school.org  ', true],
    // `*` anywhere
    ['*@school.org', 'jo.bloggs@school.org', true],
    ['*@school.org', 'JO@School.Org', true],
    ['*@school.org', 'jo@notschool.org', false],
    ['*@school.org', 'jo@pupils.school.org', false],
    ['*@school.org', 'jo@school.org.uk', false],
    ['*@*.school.org', 'jo@pupils.school.org', true],
    ['*@*.school.org', 'jo@school.org', false],
    ['st*ff@school.org', 'staff@school.org', true],
    ['st*ff@school.org', 'stuff@school.org', true],
    ['st*ff@school.org', 'stff@school.org', true],
    ['st*ff@school.org', 'staff@school.org.uk', false],
    ['head@*', 'head@anywhere.example', true],
    ['head@*', 'deputy@anywhere.example', false],
    ['*', 'anyone@anywhere.example', true],
    ['**@school.org', 'jo@school.org', true],
    // regex metacharacters are literal
    ['a+b@x.com', 'a+b@x.com', true],
    ['a+b@x.com', 'aab@x.com', false],
    ['a+b@x.com', 'ab@x.com', false],
    ['a.b@x.com', 'a.b@x.com', true],
    ['a.b@x.com', 'aXb@x.com', false],
    ['*@x.com', 'a@xXcom', false],
    ['j?@x.com', 'j?@x.com', true],
    ['j?@x.com', 'j@x.com', false],
    ['[abc]@x.com', '[abc]@x.com', true],
    ['[abc]@x.com', 'a@x.com', false],
    ['(a|b)@x.com', '(a|b)@x.com', true],
    ['(a|b)@x.com', 'a@x.com', false],
    ['a{2}@x.com', 'a{2}@x.com', true],
    ['a{2}@x.com', 'aa@x.com', false],
    ['^a$@x.com', '^a$@x.com', true],
    ['a\\d@x.com', 'a\\d@x.com', true],
    ['a\\d@x.com', 'a1@x.com', false],
  ])('%j vs %j → %s', (pattern, email, expected) => {
    expect(emailMatches(pattern, email)).toBe(expected);
  });
});

describe('resolveRole', () => {
  const rules = {
    roleRules: [
      { email: '*@staff.hill.sch.uk', role: 'staff' },
      { email: 'chair@hill.sch.uk', role: 'governor' },
      { email: '*@hill.sch.uk', role: 'pupil' },
      { email: 'chair@*', role: 'staff' },
    ],
  };

  it.each<[string, unknown, string | null, ResolvedRole]>([
    ['no policy, no email', undefined, null, { role: 'pupil', source: 'default' }],
    ['no policy, an email', undefined, 'jo@hill.sch.uk', { role: 'pupil', source: 'default' }],
    ['device role only', { role: 'governor' }, null, { role: 'governor', source: 'role' }],
    ['device role, an email no rule matches', { ...rules, role: 'governor' }, 'jo@other.example', { role: 'governor', source: 'role' }],
    ['invalid device role', { role: 'teacher' }, null, { role: 'pupil', source: 'default' }],
    ['rule wins over the device role', { ...rules, role: 'staff' }, 'jo@hill.sch.uk', { role: 'pupil', source: 'roleRules', matched: '*@hill.sch.uk' }],
    [
      'first matching rule wins (staff before catch-all pupil)',
      rules,
      'Mr.Smith@Staff.Hill.Sch.UK',
      { role: 'staff', source: 'roleRules', matched: '*@staff.hill.sch.uk' },
    ],
    [
      'first matching rule wins (governor before catch-all)',
      rules,
      'chair@hill.sch.uk',
      { role: 'governor', source: 'roleRules', matched: 'chair@hill.sch.uk' },
    ],
    ['a later rule applies when earlier ones miss', rules, 'chair@other.example', { role: 'staff', source: 'roleRules', matched: 'chair@*' }],
    ['rules but no email: device role', { ...rules, role: 'staff' }, null, { role: 'staff', source: 'role' }],
    ['rules but no email, no device role: pupil', rules, null, { role: 'pupil', source: 'default' }],
    ['empty email counts as none', { ...rules, role: 'staff' }, '', { role: 'staff', source: 'role' }],
    ['no rule matches, no device role: pupil', rules, 'jo@other.example', { role: 'pupil', source: 'default' }],
  ])('%s', (_name, raw, email, expected) => {
    expect(resolveRole(parsePolicy(raw).policy, email)).toEqual(expected);
  });

  it('order decides, not specificity', () => {
    const catchAllFirst = parsePolicy({
      roleRules: [
        { email: '*@hill.sch.uk', role: 'pupil' },
        { email: 'head@hill.sch.uk', role: 'staff' },
      ],
    }).policy;
    expect(resolveRole(catchAllFirst, 'head@hill.sch.uk').role).toBe('pupil');
  });

  it('a dropped (invalid) rule never matches', () => {
    const { policy } = parsePolicy({
      role: 'pupil',
      roleRules: [
        { email: '*@hill.sch.uk', role: 'admin' },
        { email: 'hill.sch.uk', role: 'staff' },
      ],
    });
    expect(resolveRole(policy, 'head@hill.sch.uk')).toEqual({ role: 'pupil', source: 'role' });
  });
});
