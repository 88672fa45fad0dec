/**
 * The fail-closed defaults and the caps, apart from the parser: pages that only need the defaults
 * (the block and warning pages) then load neither the parser nor its validation library.
 */
import type { Policy, RoleActions } from './policy';
import type { SchoolHours } from './types';
import { DEFAULT_LANGUAGES } from './i18n/languages';

/** Caps that keep a pasted-in mistake from exhausting memory or the browser's rule budget. */
export const LIMITS = {
  roleRules: 500,
  schoolHours: 50,
  closedDates: 1000,
  extraSites: 10000,
  text: 500,
  warnMinutesMax: 24 * 60,
  retentionDaysMax: 3650,
  flagThresholdMax: 1000,
  approvedUses: 50,
  approvers: 50,
  exceptionMinutesMax: 480,
  hubUrl: 2000,
  hubKey: 500,
  /** A data: logo is kept in every status snapshot and page: about 48 KB of image. */
  logoDataChars: 65_536,
  languages: 20,
} as const;

/**
 * The seed policy: "No school computers are to be used to access social networking sites at any
 * time of day unless for direct school use"; staff personal use in work time needs the head
 * teacher's permission.
 */
export const DEFAULT_ACTIONS: RoleActions = {
  pupil: { schoolHours: 'block', otherTimes: 'block' },
  staff: { schoolHours: 'block', otherTimes: 'allow' },
  governor: { schoolHours: 'block', otherTimes: 'allow' },
};

export const DEFAULT_SCHOOL_HOURS: SchoolHours[] = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '15:30' }];

export const DEFAULT_POLICY: Policy = {
  role: null,
  roleRules: [],
  timezone: 'Europe/London',
  schoolHours: DEFAULT_SCHOOL_HOURS,
  closedDates: [],
  networks: null,
  extraSites: [],
  actions: DEFAULT_ACTIONS,
  warnMinutes: 15,
  school: { name: null, policyUrl: null, logo: null },
  languages: DEFAULT_LANGUAGES,
  dsl: { name: null, contact: null, passphraseHash: null },
  device: { label: null },
  log: {
    // A child's search terms are not the DSL's business unless the school decides so.
    recordFullUrl: false,
    // A school year of evidence and no more; concerns belong in the school's safeguarding records.
    retentionDays: 365,
    flagThreshold: 5,
  },
  approvedUses: [],
  exceptions: { roles: ['staff', 'governor'], maxMinutes: 60, approval: 'self', approvers: [] },
  hub: null,
};
