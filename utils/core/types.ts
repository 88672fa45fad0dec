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
