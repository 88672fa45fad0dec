/** The snapshot the background writes after each refresh and every page reads. */
import type { Action, GrantedException } from './core/types';
import type { ParsedPolicy } from './core/policy';
import type { ResolvedRole } from './core/role';
import type { ExtraSiteCoverage, RuleCount } from './core/rules';
import type { ClockMove } from './core/clock';
import { STORED } from './stored-state';
import type { RuleFailure } from './core/rule-failures';

/** Where the snapshot is kept (declared in stored-state.ts), for pages that read storage.local themselves. */
export const STATUS_KEY = STORED.status.key;

export interface StatusSnapshot {
  computedAt: number;
  /**
   * Why this refresh ran (start, alarm, policy change...), for the admin: a RefreshTrigger code
   * (core/refresh-trigger.ts), or free English text in a snapshot from an older version.
   */
  trigger: string;
  parsed: ParsedPolicy;
  email: string | null;
  role: ResolvedRole;
  schoolTime: boolean;
  nextChange: number | null;
  action: Action;
  rules: RuleCount;
  /** How many extra sites the proxy and archive patterns cover within the browser's budget. */
  coverage?: ExtraSiteCoverage;
  /** The last large move of the device clock the extension noticed, if any. */
  clockMoved?: ClockMove;
  /** The browser refused the rules: the static floor still blocks every catalogue network. */
  ruleErrors: string[];
  /** The same failures as codes, said in the page's language (absent in a snapshot from an older version). */
  ruleFailures?: RuleFailure[];
  predictionOff: boolean | null;
  /** False when the browser withholds access to sites: every listed site is blocked outright. */
  siteAccess: boolean;
  /** Temporary exceptions in force now. */
  exceptions: GrantedException[];
}
