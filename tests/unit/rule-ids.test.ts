import { describe, expect, it } from 'vitest';
import { RULE_ID_RANGES, numberedFor, type RuleOwner } from '../../utils/core/rule-ids';
import {
  compileFallbackRules,
  compilePolicy,
  compileTabRules,
  type DnrRule,
  type ExceptionRuleInput,
  type PolicyRuleInput,
  type RuleDialect,
} from '../../utils/core/rules';
import type { ApprovedUse } from '../../utils/core/types';
import { catalogueById } from '../../utils/core/catalogue';
import { networkIndex } from '../../utils/core/networks';
import { parsePolicy } from '../../utils/core/policy';

const BASE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const facebook = catalogueById('facebook')!;

/** The production compiler's rules (compilePolicy, as the enforcer calls it). */
const compilePolicyRules = (input: PolicyRuleInput) => compilePolicy(input).rules;
/** The production compiler (compilePolicy) with nothing else in force: one owner's rules alone. */
const approvedRulesAlone = (approved: readonly ApprovedUse[], dialect: RuleDialect = 'chromium') =>
  compilePolicy({ networks: [], excluded: [], action: 'block', pageBase: BASE, approved, dialect }).rules;
const exceptionRulesAlone = (exceptions: readonly ExceptionRuleInput[], dialect: RuleDialect = 'chromium') =>
  compilePolicy({ networks: [], excluded: [], action: 'block', pageBase: BASE, exceptions, dialect }).rules;
const owners = Object.keys(RULE_ID_RANGES) as RuleOwner[];
const ownerOf = (id: number) => owners.filter((o) => id >= RULE_ID_RANGES[o].first && id <= RULE_ID_RANGES[o].last);

describe('rule id ranges', () => {
  it.each(owners.flatMap((a, i) => owners.slice(i + 1).map((b) => [a, b] as const)))('%s and %s do not overlap', (a, b) => {
    const [x, y] = [RULE_ID_RANGES[a], RULE_ID_RANGES[b]];
    expect(x.last < y.first || y.last < x.first).toBe(true);
  });

  it.each(owners)('%s holds valid ids (whole numbers from 1, 32-bit) and more than the browser lets anyone have', (o) => {
    const { first, last } = RULE_ID_RANGES[o];
    expect(Number.isInteger(first) && Number.isInteger(last) && first >= 1 && last <= 2 ** 31 - 1 && first <= last).toBe(true);
    expect(last - first + 1).toBeGreaterThan(30_000); // Chromium's dynamic-rule budget
  });

  it('refuses to number more rules than the range holds, rather than spill into the next', () => {
    const size = RULE_ID_RANGES.exceptions.last - RULE_ID_RANGES.exceptions.first + 1;
    expect(() =>
      numberedFor(
        'exceptions',
        Array.from({ length: size + 1 }, () => ({})),
      ),
    ).toThrow(RangeError);
  });

  const policy = parsePolicy({
    approvedUses: [{ url: 'https://x.com/AshGroveAcademy', purpose: 'School X account' }],
    extraSites: ['forum.example.org'],
  }).policy;
  const index = networkIndex(policy);
  const approved = policy.approvedUses;
  const exceptions = [{ network: facebook, scope: { kind: 'site' as const } }];

  it.each<[string, () => DnrRule[], RuleOwner]>([
    ['approved uses alone', () => approvedRulesAlone(approved), 'approvedUses'],
    ['exceptions alone', () => exceptionRulesAlone(exceptions), 'exceptions'],
    ['the fallback', () => compileFallbackRules(index.networks, BASE), 'policy'],
    ['tab allowances', () => compileTabRules([{ tabId: 3, networkId: facebook.id, until: 2, reason: '' }], [facebook], 1), 'tabAllowances'],
  ])('%s are numbered in the %s range', (_what, compile, owner) => {
    const rules = compile();
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(ownerOf(r.id)).toEqual([owner]);
  });

  it.each([true, false])('the policy rule set keeps each owner in its range (access to sites: %s)', (siteAccess) => {
    const rules = compilePolicyRules({
      networks: index.networks,
      excluded: index.excluded,
      action: 'block',
      pageBase: BASE,
      approved,
      exceptions,
      ...(siteAccess ? {} : { withoutSiteAccess: { floor: index.networks } }),
    });
    const count = (o: RuleOwner) => rules.filter((r) => ownerOf(r.id)[0] === o).length;
    expect(count('approvedUses')).toBe(approvedRulesAlone(approved).length);
    expect(count('exceptions')).toBe(exceptionRulesAlone(exceptions).length);
    expect(count('policy')).toBe(rules.length - count('approvedUses') - count('exceptions'));
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });
});
