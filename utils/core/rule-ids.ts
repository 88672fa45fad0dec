/**
 * Dynamic and session rule ids, in one named range per owner, so a new kind of rule cannot take
 * another owner's ids. The browser's budgets (30,000 dynamic, 5,000 session rules) keep every
 * owner far inside its million ids. Static rulesets (the floor) have ids of their own.
 */
export const RULE_ID_RANGES = {
  /** Dynamic: the policy's block/warn/allow rules, the fallback, the floor repeated without site access. */
  policy: { first: 1, last: 999_999 },
  /** Dynamic: the policy's approved uses. */
  approvedUses: { first: 1_000_000, last: 1_999_999 },
  /** Dynamic: temporary exceptions in force. */
  exceptions: { first: 2_000_000, last: 2_999_999 },
  /** Session: a warning's Continue, for one network in one tab. */
  tabAllowances: { first: 3_000_000, last: 3_999_999 },
} as const;

export type RuleOwner = keyof typeof RULE_ID_RANGES;

/** Numbers `bodies` from the owner's first id; more rules than the range holds is a bug, so it throws. */
export function numberedFor<B extends object>(owner: RuleOwner, bodies: readonly B[]): (B & { id: number })[] {
  const { first, last } = RULE_ID_RANGES[owner];
  if (bodies.length > last - first + 1) throw new RangeError(`${bodies.length} ${owner} rules do not fit ids ${first}–${last}`);
  return bodies.map((b, i) => ({ id: first + i, ...b }));
}

/** The owner whose range holds `id`, or null for an id no owner numbers (a static rule's, say). */
export function ownerOfRuleId(id: number): RuleOwner | null {
  for (const owner of Object.keys(RULE_ID_RANGES) as RuleOwner[]) {
    const { first, last } = RULE_ID_RANGES[owner];
    if (id >= first && id <= last) return owner;
  }
  return null;
}
