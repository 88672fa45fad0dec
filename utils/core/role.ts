/** Which role this browser is held to: the signed-in email's rule, else the device's role. */
import type { Role } from './types';
import type { Policy } from './policy';

export type RoleSource = 'roleRules' | 'role' | 'default';

export interface ResolvedRole {
  role: Role;
  source: RoleSource;
  /** The rule's email pattern when a rule matched. */
  matched?: string;
}

/** `*` matches any run of characters; everything else is literal and case-insensitive. */
export function emailMatches(pattern: string, email: string): boolean {
  const escaped = pattern
    .trim()
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`).test(email.trim().toLowerCase());
}

export function resolveRole(policy: Policy, email: string | null): ResolvedRole {
  if (email) {
    const rule = policy.roleRules.find((r) => emailMatches(r.email, email));
    if (rule) return { role: rule.role, source: 'roleRules', matched: rule.email };
  }
  if (policy.role) return { role: policy.role, source: 'role' };
  // Fail closed: a device nobody described is a pupil's.
  return { role: 'pupil', source: 'default' };
}
