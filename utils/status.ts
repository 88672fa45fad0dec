/** The snapshot the background writes after each refresh and every page reads. */
import type { Action, GrantedException } from './core/types';
import type { ParsedPolicy } from './core/policy';
import type { ResolvedRole } from './core/role';
import type { RuleCount } from './core/rules';

export const STATUS_KEY = 'status';
export const TAB_ALLOWANCES_KEY = 'tabAllowances';

export interface StoredTabAllowance {
  tabId: number;
  networkId: string;
  until: number;
  reason: string;
}

export interface StatusSnapshot {
  computedAt: number;
  /** Why this refresh ran (start, alarm, policy change...), for the admin. */
  trigger: string;
  parsed: ParsedPolicy;
  email: string | null;
  role: ResolvedRole;
  schoolTime: boolean;
  nextChange: number | null;
  action: Action;
  rules: RuleCount;
  /** The browser refused the rules: the static floor still blocks every catalogue network. */
  ruleErrors: string[];
  predictionOff: boolean | null;
  /** False when the browser withholds access to sites: every listed site is blocked outright. */
  siteAccess: boolean;
  /** Temporary exceptions in force now. */
  exceptions: GrantedException[];
}
