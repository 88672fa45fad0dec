/** The decision: for this address, this role, at this time, under this policy: allow, warn or block. */
import type { Action, Allowance, ApprovedUse, Role } from './types';
import type { Policy } from './policy';
import { isSchoolTime, nextInstantWhere } from './calendar';
import type { NetworkMatch } from './url-match';
import { matchUrl } from './networks';
import { scopeMatches } from './scope';

/** What let through an address the policy would block or warn about. */
export type AllowedBy = 'approved-use' | 'allowance' | null;

export interface Decision {
  action: Action;
  /** The listed network the address belongs to; null for everything else. */
  match: NetworkMatch | null;
  schoolTime: boolean;
  /** Set when the policy said block or warn but an approved use or an allowance let it through. */
  allowedBy: AllowedBy;
}

export function actionFor(policy: Policy, role: Role, schoolTime: boolean): Action {
  return policy.actions[role][schoolTime ? 'schoolHours' : 'otherTimes'];
}

/** The approved uses in force for this role now. */
export function approvedUsesFor(policy: Policy, role: Role, schoolTime: boolean): ApprovedUse[] {
  return policy.approvedUses.filter((u) => u.roles.includes(role) && (schoolTime || !u.schoolHoursOnly));
}

function allowedBy(url: string, match: NetworkMatch, time: number, uses: readonly ApprovedUse[], allowances: readonly Allowance[]): AllowedBy {
  if (uses.some((u) => scopeMatches(url, u.scope))) return 'approved-use';
  const live = (a: Allowance) => a.networkId === match.network.id && a.until > time && (!a.scope || scopeMatches(url, a.scope));
  return allowances.some(live) ? 'allowance' : null;
}

export function decide(url: string, role: Role, time: number, policy: Policy, allowances: readonly Allowance[] = []): Decision {
  const schoolTime = isSchoolTime(time, policy);
  const match = matchUrl(url, policy);
  const action = match ? actionFor(policy, role, schoolTime) : 'allow';
  const by = match && action !== 'allow' ? allowedBy(url, match, time, approvedUsesFor(policy, role, schoolTime), allowances) : null;
  return { action: by ? 'allow' : action, match, schoolTime, allowedBy: by };
}

/**
 * When listed networks stop being blocked for this role: an instant, or null when the policy
 * blocks them at all times (or for longer than the calendar can see).
 */
export function reopensAt(role: Role, time: number, policy: Policy): number | null {
  if (actionFor(policy, role, isSchoolTime(time, policy)) !== 'block') return time;
  return nextInstantWhere(time, policy, (schoolTime) => actionFor(policy, role, schoolTime) !== 'block');
}
