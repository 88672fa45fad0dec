/**
 * What the block, warning and popup pages say. Pure, so the words a seven-year-old reads are
 * tested like any other behaviour. Everything returned is plain text: pages render it as text only.
 */
import { WEEKDAYS, type Role, type Weekday } from './types';
import type { Policy } from './policy';
import { isSchoolTime } from './calendar';
import { en, type Messages } from './i18n/en';
import type { Lang } from './i18n/languages';
import { whenText } from './i18n/when';
import type { AdminMessages } from './i18n/admin-en';
import { reopensAt } from './decide';
import { matchUrl } from './networks';

export interface BlockView {
  title: string;
  why: string;
  /** When it opens again; null for a pupil when it never does (the title already says it is closed). */
  reopens: string | null;
  /** Who to talk to, in order. */
  talkTo: string[];
  /** For staff and governors: how to get permission. Null for pupils. */
  permission: string | null;
  /** The blocked address, shown as text; null when the browser did not pass it on. */
  address: string | null;
  /** The school's policy (for adults; a pupil is not sent to a document written for staff). */
  policyUrl: string | null;
  /** "Tell someone you trust" is for pupils. */
  offerReport: boolean;
}

/** The fragment carries the original address verbatim; anything else is not an address. */
export function addressFromFragment(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!/^(https?|wss?):\/\//i.test(raw)) return null;
  try {
    new URL(raw);
    return raw.length > 2048 ? `${raw.slice(0, 2048)}…` : raw;
  } catch {
    return null;
  }
}

const isAdult = (role: Role) => role !== 'pupil';

/** "at 15:30", "tomorrow at 08:30"... in the page's language and the school's timezone. */
function when(instant: number, policy: Policy, now: number, lang: Lang, t: Messages): string {
  return whenText(instant, policy.timezone, now, lang, t.pupil.when);
}

export function blockView(url: string | null, role: Role, now: number, policy: Policy, lang: Lang = 'en', t: Messages = en): BlockView {
  const match = url ? matchUrl(url, policy) : null;
  const site = match?.network.name ?? null;
  const opens = reopensAt(role, now, policy);
  const at = opens === null ? null : when(opens, policy, now, lang, t);

  if (!isAdult(role)) {
    const words = t.pupil.block;
    return {
      title: words.title(site),
      why: words.why,
      reopens: at ? words.opensAgain(at) : null,
      talkTo: [words.askTeacher, words.worried],
      permission: null,
      address: url,
      policyUrl: null,
      offerReport: true,
    };
  }
  const words = t.adult.block;
  const slots = policy.actions[role];
  const always = slots.schoolHours === 'block' && slots.otherTimes === 'block';
  const { name, contact } = policy.dsl;
  return {
    title: always ? words.titleAlways(site) : isSchoolTime(now, policy) ? words.titleDuring(site) : words.titleOutside(site),
    why: words.why,
    reopens: at ? words.opensAgain(at) : words.staysBlocked,
    talkTo: name || contact ? [words.concerns(words.dsl(name, contact))] : [],
    permission: words.permission,
    address: url,
    policyUrl: policy.school.policyUrl,
    offerReport: false,
  };
}

export interface WarnView {
  title: string;
  intro: string;
  /** Pupils: four short reminders. Staff and governors: the policy's terms of use. */
  terms: readonly string[];
  reasonLabel: string;
  minutesHint: string;
  address: string | null;
}

export function warnView(url: string | null, role: Role, policy: Policy, t: Messages = en): WarnView {
  const site = (url ? matchUrl(url, policy)?.network.name : undefined) ?? null;
  if (!isAdult(role)) {
    const w = t.pupil.warn;
    return {
      title: w.title(site),
      intro: w.intro,
      terms: w.rules,
      reasonLabel: `${w.reason} (${t.pupil.report.optional})`,
      minutesHint: w.minutes(policy.warnMinutes),
      address: url,
    };
  }
  const w = t.adult.warn;
  return { title: w.title(site), intro: w.intro, terms: w.terms, reasonLabel: w.reason, minutesHint: w.minutes(policy.warnMinutes), address: url };
}

/** The seed policy's Terms of Use, shown to staff and governors before they continue past a warning. */
export const TERMS_OF_USE: readonly string[] = en.adult.warn.terms;

/** The popup's line, in the page's language. */
export function schoolTimeWords(schoolTime: boolean, nextChange: number | null, policy: Policy, now: number, lang: Lang, t: Messages): string {
  const p = t.adult.popup;
  const at = nextChange === null ? null : whenText(nextChange, policy.timezone, now, lang, { today: (c) => c, tomorrow: t.pupil.when.tomorrow, day: p.day });
  if (!schoolTime) return at ? p.outsideUntil(at) : p.outside;
  return at ? p.schoolUntil(at) : p.schoolHours;
}

export interface ReportView {
  /** Who will read it, said before the child writes anything. */
  who: string;
  thanks: string;
}

export function reportView(policy: Policy, t: Messages = en): ReportView {
  const name = policy.dsl.name;
  return { who: t.pupil.report.intro(name), thanks: t.pupil.report.sent(name) };
}

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** How a language writes days (the adults' pages pass theirs). */
export type DayWords = AdminMessages['days'];

const EN_DAY_WORDS: DayWords = {
  every: 'Every day',
  names: DAY_NAMES,
  short: DAY_NAMES,
  range: (first, last) => `${first} to ${last}`,
  list: (items, last) => `${items.join(', ')} and ${last}`,
};

/** School days as a person writes them: "Monday to Friday", "Monday, Wednesday and Friday". */
export function daysText(days: readonly Weekday[], words: DayWords = EN_DAY_WORDS): string {
  const idx = [...new Set(days)]
    .map((d) => WEEKDAYS.indexOf(d))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  if (idx.length === 7) return words.every;
  const runs: string[] = [];
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    const first = words.names[WEEKDAYS[idx[i]!]!];
    const last = words.names[WEEKDAYS[idx[j]!]!];
    if (j - i >= 2) runs.push(words.range(first, last));
    else for (let k = i; k <= j; k++) runs.push(words.names[WEEKDAYS[idx[k]!]!]);
    i = j + 1;
  }
  return runs.length <= 1 ? (runs[0] ?? '') : words.list(runs.slice(0, -1), runs[runs.length - 1]!);
}
