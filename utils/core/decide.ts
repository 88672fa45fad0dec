/** The decision: for this address, this role, at this time, under this policy: allow, warn or block. */
import type { Action, ApprovedUse, Network, Role, UrlScope } from './types';
import type { Policy } from './policy';
import { CATALOGUE } from './catalogue';
import { isSchoolTime, nextInstantWhere } from './calendar';
import { hostMatchesDomain, targetHost, type NetworkMatch } from './url-match';
import { scopeMatches } from './scope';

/** A time-limited permission to reach one network (a warning's "Continue", or an exception). */
export interface Allowance {
  networkId: string;
  until: number;
  /** Only this page and below; without it, the whole network. */
  scope?: UrlScope;
}

/** What let through an address the policy would block or warn about. */
export type AllowedBy = 'approved-use' | 'allowance' | null;

export interface Decision {
  action: Action;
  /** The listed network the address belongs to; null for everything else. */
  match: NetworkMatch | null;
  schoolTime: boolean;
  /** Set when the policy said block or warn but an approved use or an allowance let it through. */
  allowedBy: AllowedBy;
  /** Same as `allowedBy === 'allowance'`; kept for existing callers. */
  allowedByAllowance: boolean;
}

/** Extra sites from the policy behave as networks of their own, named by their domain. */
export function extraSiteNetwork(domain: string): Network {
  return { id: `site:${domain}`, name: domain, domains: [domain] };
}

export interface NetworkIndex {
  networks: Network[];
  /** Catalogue networks the policy leaves out: they must be let through despite the static floor. */
  excluded: Network[];
  byDomain: Map<string, Network>;
}

const indexes = new WeakMap<Policy, NetworkIndex>();

/** Networks in force under a policy, indexed by domain. Memoised: policies are immutable snapshots. */
export function networkIndex(policy: Policy): NetworkIndex {
  const cached = indexes.get(policy);
  if (cached) return cached;
  const wanted = policy.networks ? new Set(policy.networks) : null;
  const catalogue = CATALOGUE.filter((n) => !wanted || wanted.has(n.id));
  const excluded = CATALOGUE.filter((n) => wanted && !wanted.has(n.id));
  const byDomain = new Map<string, Network>();
  for (const n of catalogue) for (const d of n.domains) byDomain.set(d, n);
  const extras: Network[] = [];
  const inForce = { networks: catalogue, excluded, byDomain };
  for (const d of policy.extraSites) {
    // A catalogue domain (or a subdomain of one) listed again stays with its network, so a
    // warning's Continue for Facebook also covers m.facebook.com.
    if (lookupHost(d, inForce)) continue;
    const n = extraSiteNetwork(d);
    byDomain.set(d, n);
    extras.push(n);
  }
  const index = { networks: [...catalogue, ...extras], excluded, byDomain };
  indexes.set(policy, index);
  return index;
}

/** Walks the host's suffixes (m.facebook.com, facebook.com, com): the most specific listed domain wins. */
export function lookupHost(host: string, index: NetworkIndex): Network | null {
  let rest = host;
  for (;;) {
    const n = index.byDomain.get(rest);
    if (n && hostMatchesDomain(host, rest)) return n;
    const dot = rest.indexOf('.');
    if (dot < 0) return null;
    rest = rest.slice(dot + 1);
  }
}

export function matchUrl(url: string, policy: Policy): NetworkMatch | null {
  const target = targetHost(url);
  if (!target) return null;
  const network = lookupHost(target.host, networkIndex(policy));
  return network ? { network, host: target.host, via: target.via } : null;
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

export function decide(
  url: string,
  role: Role,
  time: number,
  policy: Policy,
  allowances: readonly Allowance[] = [],
): Decision {
  const schoolTime = isSchoolTime(time, policy);
  const match = matchUrl(url, policy);
  const action = match ? actionFor(policy, role, schoolTime) : 'allow';
  const by = match && action !== 'allow' ? allowedBy(url, match, time, approvedUsesFor(policy, role, schoolTime), allowances) : null;
  return { action: by ? 'allow' : action, match, schoolTime, allowedBy: by, allowedByAllowance: by === 'allowance' };
}

/**
 * When listed networks stop being blocked for this role: an instant, or null when the policy
 * blocks them at all times (or for longer than the calendar can see).
 */
export function reopensAt(role: Role, time: number, policy: Policy): number | null {
  if (actionFor(policy, role, isSchoolTime(time, policy)) !== 'block') return time;
  return nextInstantWhere(time, policy, (schoolTime) => actionFor(policy, role, schoolTime) !== 'block');
}
