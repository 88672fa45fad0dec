/**
 * Keeps the browser's dynamic and session rules in line with what was compiled: replaces a set
 * only when it differs from what was last applied, and keeps one refused pattern from costing
 * every other rule.
 *
 * "Differs" is judged by a digest of what we compiled (kept in stored-state), plus the ids the
 * browser holds (a reinstall wipes them): the browser hands rules back with its own key order and
 * defaults, so comparing its copy with ours always differed, and every refresh rewrote every
 * rule. Chromium then forgets which open pages an allowAllRequests rule let in, and an approved
 * page's own requests started failing after the next minute's refresh.
 *
 * The patterns of approved uses and exceptions come from the policy and from staff, not from us:
 * one the browser will not take fails the whole update. So those are checked one by one where
 * the browser can say (Chromium's isRegexSupported) and dropped alone. Where it cannot (Firefox),
 * a refused update is tried again without them, then they are added back one at a time, and only
 * those the browser refuses stay out. The refused ones are remembered while the worker runs.
 *
 * If the browser refuses a set for any other reason, the old one is removed too: what the old
 * rules allowed must not outlive the failure, and with no dynamic rules the static floor blocks
 * every catalogue network.
 */
import type { DnrRule } from './core/rules';
import { ownerOfRuleId, type RuleOwner } from './core/rule-ids';
import type { DnrPort, KvPort } from './ports';
import { readStored, STORED, writeStored, type StoredItem } from './stored-state';

/** Owners whose patterns come from outside the extension: checked and dropped one by one. */
const CHECKED_OWNERS: readonly RuleOwner[] = ['approvedUses', 'exceptions'];

export interface RefusedRule {
  rule: DnrRule;
  /** The browser's words. */
  reason: string;
}

export type ApplyResult = { ok: true; refused: RefusedRule[] } | { ok: false; error: string; refused: RefusedRule[] };

type RuleChange = { removeRuleIds: number[]; addRules: DnrRule[] };

interface RuleSet {
  get(): Promise<DnrRule[]>;
  update(change: RuleChange): Promise<void>;
  kv: KvPort;
  memo: StoredItem<string | null>;
}

/** A digest of the rules as compiled (compilation is deterministic). */
async function fingerprint(rules: readonly DnrRule[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(rules)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const idList = (rules: readonly DnrRule[]) =>
  rules
    .map((r) => r.id)
    .sort((a, b) => a - b)
    .join(',');

const checkedPattern = (r: DnrRule): string | null => {
  const owner = ownerOfRuleId(r.id);
  return r.condition.regexFilter !== undefined && owner !== null && CHECKED_OWNERS.includes(owner) ? r.condition.regexFilter : null;
};

export class RulesetManager {
  /** Patterns the browser refused while this worker runs, with its words. */
  private readonly refusedPatterns = new Map<string, string>();
  /** Patterns the browser's own check accepted while this worker runs (asked once each). */
  private readonly supportedPatterns = new Set<string>();
  private readonly dynamic: RuleSet;
  private readonly session: RuleSet;

  constructor(private readonly deps: { dnr: DnrPort; local: KvPort; session: KvPort }) {
    const { dnr } = deps;
    this.dynamic = { get: () => dnr.getDynamicRules(), update: (c) => dnr.updateDynamicRules(c), kv: deps.local, memo: STORED.appliedDynamicRules };
    this.session = { get: () => dnr.getSessionRules(), update: (c) => dnr.updateSessionRules(c), kv: deps.session, memo: STORED.appliedSessionRules };
  }

  /** The dynamic rules (policy, approved uses, exceptions), less any pattern the browser refuses. */
  async applyDynamic(rules: DnrRule[]): Promise<ApplyResult> {
    const refused = await this.knownRefusals(rules);
    const wanted = rules.filter((r) => !refused.some((x) => x.rule === r));
    const error = await this.replace(this.dynamic, wanted);
    if (error === null) return { ok: true, refused };
    const isolated = await this.isolate(wanted);
    if (isolated) return { ok: true, refused: [...refused, ...isolated] };
    await this.clear(this.dynamic);
    return { ok: false, error, refused };
  }

  /** The session rules (tab allowances). */
  async applySession(rules: DnrRule[]): Promise<ApplyResult> {
    const error = await this.replace(this.session, rules);
    if (error === null) return { ok: true, refused: [] };
    await this.clear(this.session);
    return { ok: false, error, refused: [] };
  }

  /** Checked patterns refused before, or refused now by the browser's own check. */
  private async knownRefusals(rules: readonly DnrRule[]): Promise<RefusedRule[]> {
    const out: RefusedRule[] = [];
    for (const rule of rules) {
      const pattern = checkedPattern(rule);
      if (pattern === null) continue;
      if (!this.refusedPatterns.has(pattern) && !this.supportedPatterns.has(pattern) && this.deps.dnr.isRegexSupported) {
        // A check that fails says nothing: the update itself is then the judge.
        const check = await this.deps.dnr.isRegexSupported(pattern).catch(() => null);
        if (check?.supported === false) this.refusedPatterns.set(pattern, check.reason);
        else if (check) this.supportedPatterns.add(pattern);
      }
      const reason = this.refusedPatterns.get(pattern);
      if (reason !== undefined) out.push({ rule, reason });
    }
    return out;
  }

  /**
   * After a refused update: the rules without any checked pattern, then each checked pattern
   * added on its own. Null when even the rules without them are refused (the fault is elsewhere).
   */
  private async isolate(rules: DnrRule[]): Promise<RefusedRule[] | null> {
    const suspects = rules.filter((r) => checkedPattern(r) !== null);
    if (suspects.length === 0) return null;
    const without = rules.filter((r) => !suspects.includes(r));
    if ((await this.replace(this.dynamic, without)) !== null) return null;
    const applied = [...without];
    const refused: RefusedRule[] = [];
    for (const rule of suspects) {
      try {
        await this.dynamic.update({ removeRuleIds: [], addRules: [rule] });
        applied.push(rule);
      } catch (e) {
        refused.push({ rule, reason: String(e) });
        this.refusedPatterns.set(rule.condition.regexFilter!, String(e));
      }
    }
    // The digest of the rules as the next refresh will ask for them (in their order, less the refused).
    const kept = rules.filter((r) => applied.includes(r));
    await writeStored(this.dynamic.kv, this.dynamic.memo, await fingerprint(kept));
    return refused;
  }

  /** Replaces the set unless it is what was last applied; the browser's error, or null. */
  private async replace(set: RuleSet, rules: DnrRule[]): Promise<string | null> {
    const [current, applied, wanted] = await Promise.all([set.get(), readStored(set.kv, set.memo), fingerprint(rules)]);
    if (applied === wanted && idList(current) === idList(rules)) return null;
    try {
      await set.update({ removeRuleIds: current.map((r) => r.id), addRules: rules });
      await writeStored(set.kv, set.memo, wanted);
      return null;
    } catch (e) {
      await writeStored(set.kv, set.memo, null);
      return String(e);
    }
  }

  private async clear(set: RuleSet): Promise<void> {
    await writeStored(set.kv, set.memo, null);
    const current = await set.get().catch(() => []);
    await set.update({ removeRuleIds: current.map((r) => r.id), addRules: [] }).catch(() => undefined);
  }
}
