/** Shared vocabulary of the pure core. Nothing here knows about the browser. */

export const ROLES = ['pupil', 'staff', 'governor'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = ['block', 'warn', 'allow'] as const;
export type Action = (typeof ACTIONS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A school working day pattern. Times are wall-clock in the policy's timezone. */
export interface SchoolHours {
  days: Weekday[];
  /** "HH:MM" (or "HH:MM:SS"), inclusive. */
  start: string;
  /** "HH:MM" (or "HH:MM:SS"), exclusive; "24:00" means the end of the day. */
  end: string;
}

/** Inclusive whole local days that are not school days. */
export interface ClosedRange {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
  label?: string;
}

export interface Calendar {
  timezone: string;
  schoolHours: SchoolHours[];
  closedDates: ClosedRange[];
}

export interface Network {
  id: string;
  name: string;
  /** Registrable domains (and hosts) that reach the network; subdomains are included. */
  domains: string[];
}

/** A host plus a path prefix: a page and everything under it (`x.com` + `/AshGroveAcademy`). */
export interface UrlScope {
  /** Lowercase host; `www.`, `m.` and `mobile.` forms of it count as the same host. */
  host: string;
  /** Starts with "/"; no trailing "/" unless it is exactly "/". */
  pathPrefix: string;
}

/** A standing exception from the policy: the school's own page on a network, say. */
export interface ApprovedUse {
  url: string;
  scope: UrlScope;
  roles: Role[];
  purpose: string;
  /** Only in school hours (false: at any time). */
  schoolHoursOnly: boolean;
}

export const APPROVALS = ['self', 'approver-pin', 'off'] as const;
export type Approval = (typeof APPROVALS)[number];

export interface ExceptionPolicy {
  /** Roles that may ask; never pupils. */
  roles: Role[];
  maxMinutes: number;
  approval: Approval;
  approvers: { name: string; pinHash: string }[];
}

export type ExceptionScope = { kind: 'site' } | { kind: 'page'; scope: UrlScope };

/** What a member of staff asks for on the block page. */
export interface ExceptionRequest {
  url: string;
  scope: 'site' | 'page';
  minutes: number | 'end-of-day';
  reason: string;
  use: 'school' | 'personal';
  approver?: string;
  pin?: string;
}

/** A temporary exception that was granted; it ends on its own at `until`. */
export interface GrantedException {
  id: string;
  networkId: string;
  networkName: string;
  scope: ExceptionScope;
  grantedAt: number;
  until: number;
  reason: string;
  use: 'school' | 'personal';
  /** "self", or the approver's name. */
  approvedBy: string;
  user: string;
  role: Role;
}

/**
 * A time-limited permission to reach one network, as the decision sees it: a warning's
 * "Continue" (in its tab), or a granted exception.
 */
export interface Allowance {
  networkId: string;
  until: number;
  /** Only this page and below; without it, the whole network. */
  scope?: UrlScope;
}

/** A warning's "Continue": one network, in one tab, until `until`, with the reason the user gave. Stored. */
export interface TabAllowance extends Pick<Allowance, 'networkId' | 'until'> {
  tabId: number;
  reason: string;
}
