import { describe, expect, it } from 'vitest';
import { RulesetManager } from '../../utils/ruleset-manager';
import { Enforcer } from '../../utils/enforcer';
import { RULE_ID_RANGES } from '../../utils/core/rule-ids';
import { scopeRegexFilter } from '../../utils/core/scope';
import type { DnrRule } from '../../utils/core/rules';
import type { StatusSnapshot } from '../../utils/status';
import { FakeDnr, FakeKv, FakePolicy, fakeDeps } from '../fakes/ports';

const approvedId = (i: number) => RULE_ID_RANGES.approvedUses.first + i;
const policyId = (i: number) => RULE_ID_RANGES.policy.first + i;
const page = (id: number, regexFilter: string): DnrRule => ({
  id,
  priority: 20,
  action: { type: 'allowAllRequests' },
  condition: { regexFilter, resourceTypes: ['main_frame', 'sub_frame'] },
});
const block = (id: number, domain: string): DnrRule => ({ id, priority: 10, action: { type: 'block' }, condition: { requestDomains: [domain] } });

const GOOD_A = '^https?://(?:www\\.)?x\\.com/ashgrove(?:[/?#]|$)';
const GOOD_B = '^https?://(?:www\\.)?facebook\\.com/groups/ash(?:[/?#]|$)';
const REFUSED = '^https?://(?:www\\.)?x\\.com/(?:a|b|c|d)+(?:[/?#]|$)';

const manager = (dnr: FakeDnr) => new RulesetManager({ dnr, local: new FakeKv('local'), session: new FakeKv('session') });
const ids = (rules: DnrRule[]) => rules.map((r) => r.id).sort((a, b) => a - b);

describe.each([
  ["with the browser's pattern check (Chromium)", true],
  ['without it (Firefox ESR): a refused update is retried pattern by pattern', false],
])('RulesetManager %s', (_name, regexCheck) => {
  const rules = [block(policyId(0), 'facebook.com'), page(approvedId(0), GOOD_A), page(approvedId(1), REFUSED), page(approvedId(2), GOOD_B)];

  it('leaves out only the approved use whose pattern the browser refuses, and says which', async () => {
    const dnr = new FakeDnr({ regexCheck });
    dnr.tooComplex.add(REFUSED);
    const result = await manager(dnr).applyDynamic(rules);
    expect(result.ok).toBe(true);
    expect(result.refused.map((r) => r.rule.id)).toEqual([approvedId(1)]);
    expect(result.refused[0]!.reason).toMatch(/memoryLimitExceeded/);
    expect(ids(dnr.dynamic)).toEqual([policyId(0), approvedId(0), approvedId(2)]);
  });

  it('does not rewrite the rules on the next refresh, nor ask about the patterns again', async () => {
    const dnr = new FakeDnr({ regexCheck });
    dnr.tooComplex.add(REFUSED);
    const rulesets = manager(dnr);
    await rulesets.applyDynamic(rules);
    const [updates, checks] = [dnr.dynamicUpdates, dnr.regexChecks.length];
    const again = await rulesets.applyDynamic(rules);
    expect(again.refused.map((r) => r.rule.id)).toEqual([approvedId(1)]);
    expect(dnr.dynamicUpdates).toBe(updates);
    expect(dnr.regexChecks).toHaveLength(checks);
  });

  it('applies everything, with one update, when the browser takes every pattern', async () => {
    const dnr = new FakeDnr({ regexCheck });
    const result = await manager(dnr).applyDynamic(rules);
    expect(result).toEqual({ ok: true, refused: [] });
    expect(dnr.dynamicUpdates).toBe(1);
    expect(ids(dnr.dynamic)).toEqual(ids(rules));
  });

  it('when the browser refuses the rules for another reason, removes every rule and reports it (the enforcer then falls back)', async () => {
    const dnr = new FakeDnr({ regexCheck });
    const rulesets = manager(dnr);
    await rulesets.applyDynamic([block(policyId(0), 'old.test')]);
    // The policy's own pattern is not one the manager drops: the fault is not an approved use's.
    const own = { ...page(policyId(1), REFUSED), priority: 10 };
    dnr.tooComplex.add(REFUSED);
    const result = await rulesets.applyDynamic([block(policyId(0), 'facebook.com'), own, page(approvedId(0), GOOD_A)]);
    expect(result.ok).toBe(false);
    expect(dnr.dynamic).toEqual([]);
  });
});

describe('Enforcer with an approved use whose pattern the browser refuses', () => {
  const policy = {
    role: 'staff',
    approvedUses: [
      { url: 'https://x.com/AshGroveAcademy', purpose: 'School X account' },
      { url: 'https://www.instagram.com/ashgrove.pe', purpose: 'PE department' },
      { url: 'https://www.facebook.com/groups/ash.grove', purpose: 'Parents group' },
    ],
  };
  const refusedPattern = scopeRegexFilter({ host: 'instagram.com', pathPrefix: '/ashgrove.pe' });

  it.each([true, false])(
    'keeps the other approved uses and the policy, and names the refused one on the status page (pattern check: %s)',
    async (regexCheck) => {
      const dnr = new FakeDnr({ regexCheck });
      dnr.tooComplex.add(refusedPattern);
      const deps = fakeDeps({ dnr, policy: new FakePolicy(policy) });
      const s: StatusSnapshot = await new Enforcer(deps).refresh('worker-start');
      const patterns = dnr.dynamic.map((r) => r.condition.regexFilter);
      expect(patterns).toContain(scopeRegexFilter({ host: 'x.com', pathPrefix: '/AshGroveAcademy' }));
      expect(patterns).toContain(scopeRegexFilter({ host: 'facebook.com', pathPrefix: '/groups/ash.grove' }));
      expect(patterns).not.toContain(refusedPattern);
      // The policy's own rules stand: no fallback, no rule error.
      expect(s.ruleErrors).toEqual([]);
      expect(dnr.dynamic.some((r) => r.action.type === 'redirect' && r.condition.requestDomains?.includes('instagram.com'))).toBe(true);
      expect(s.parsed.problems).toEqual([
        expect.objectContaining({ key: 'approvedUses[1]', problem: expect.stringContaining('https://www.instagram.com/ashgrove.pe') }),
      ]);
    },
  );
});
