/**
 * What the block, warning and popup pages say. Pure, so the words a seven-year-old reads are
 * tested like any other behaviour. Everything returned is plain text: pages render it as text only.
 */
import type { Role } from './types';
import type { Policy } from './policy';
import { describeInstant, isSchoolTime } from './calendar';
import { matchUrl, reopensAt } from './decide';

export interface BlockView {
  title: string;
  why: string;
  reopens: string;
  /** Who to talk to, in order. */
  talkTo: string[];
  /** For staff and governors: how to get permission. Null for pupils. */
  permission: string | null;
  /** The blocked address, shown as text; null when the browser did not pass it on. */
  address: string | null;
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

function dslLine(policy: Policy): string | null {
  const { name, contact } = policy.dsl;
  if (!name && !contact) return null;
  const who = name ? `${name}, our Designated Safeguarding Lead` : 'our Designated Safeguarding Lead';
  return contact ? `${who} (${contact})` : who;
}

export function blockView(url: string | null, role: Role, now: number, policy: Policy): BlockView {
  const match = url ? matchUrl(url, policy) : null;
  const site = match?.network.name ?? 'This site';
  const school = policy.school.name ?? 'our school';
  const opens = reopensAt(role, now, policy);
  const when = opens === null ? null : describeInstant(opens, policy.timezone, now);
  const dsl = dslLine(policy);

  if (!isAdult(role)) {
    return {
      title: `${site} is closed on school computers`,
      why: `${school === 'our school' ? 'Our school' : school} has a rule: school computers are not for social media. It helps keep everyone safe.`,
      reopens: when ? `You can use it again ${/^\d/.test(when) ? 'at ' : ''}${when}.` : 'It stays closed on school computers.',
      talkTo: [
        'If you need it for school work, ask your teacher.',
        `If something online has worried or upset you, tell your teacher${dsl ? ` or ${dsl}` : ''}. You will not be in trouble.`,
      ],
      permission: null,
      address: url,
      policyUrl: policy.school.policyUrl,
      offerReport: true,
    };
  }
  const slots = policy.actions[role];
  const always = slots.schoolHours === 'block' && slots.otherTimes === 'block';
  return {
    title: always
      ? `${site} is blocked on this device`
      : `${site} is blocked ${isSchoolTime(now, policy) ? 'during' : 'outside'} school hours`,
    why:
      "Under the school's social media policy, personal use of social networking in work time is not permitted unless the head teacher has given permission.",
    reopens: when ? `It opens again ${/^\d/.test(when) ? 'at ' : ''}${when}.` : 'It stays blocked on this device.',
    talkTo: dsl ? [`Concerns about a pupil or adult online: ${dsl}.`] : [],
    permission:
      'Need it for a lesson or the school’s own account? Ask the head teacher (or, for a school service, a member of the senior leadership team) for permission; they can arrange an approved use.',
    address: url,
    policyUrl: policy.school.policyUrl,
    offerReport: false,
  };
}

/** The seed policy's Terms of Use, shown before anyone continues past a warning. */
export const TERMS_OF_USE: readonly string[] = [
  'Do not publish anything that may result in actions for defamation, discrimination, breaches of copyright, data protection or other claims for damages.',
  'Do not use it to promote personal financial interests, commercial ventures or personal campaigns.',
  'Do not use it in an abusive or hateful manner.',
  "Do not breach the school's codes of conduct, misconduct, equal opportunities or bullying and harassment policies.",
  'Do not discuss or advise on matters relating to the school, staff, pupils or parents.',
  'Do not have a pupil or former pupil under 18 as a friend, and do not interact with pupils.',
  'Do not refer to any staff member, pupil, parent or school event without the head teacher’s prior permission.',
];

export interface WarnView {
  title: string;
  intro: string;
  terms: readonly string[];
  minutes: number;
  address: string | null;
}

export function warnView(url: string | null, policy: Policy): WarnView {
  const site = (url ? matchUrl(url, policy)?.network.name : undefined) ?? 'This site';
  return {
    title: `${site}: please read before you continue`,
    intro: "The school's social media policy allows this site now, on these terms of use:",
    terms: TERMS_OF_USE,
    minutes: policy.warnMinutes,
    address: url,
  };
}

export function schoolTimeLine(schoolTime: boolean, nextChange: number | null, timezone: string, now: number): string {
  if (!schoolTime) {
    return nextChange === null ? 'Outside school hours' : `Outside school hours until ${describeInstant(nextChange, timezone, now)}`;
  }
  return nextChange === null ? 'School hours' : `School hours until ${describeInstant(nextChange, timezone, now)}`;
}

export const ROLE_NAMES: Record<Role, string> = { pupil: 'Pupil', staff: 'Staff', governor: 'Governor' };

export interface ReportView {
  /** Who will read it, said before the child writes anything. */
  who: string;
  thanks: string;
}

export function reportView(policy: Policy): ReportView {
  const name = policy.dsl.name;
  const reader = name ? `${name}, who keeps children safe at our school,` : 'The person who keeps children safe at our school';
  return {
    who: `If someone online has been unkind or scary, or has asked you to keep a secret, you can tell us here. ${reader} will read it. Nobody else on this computer can see it.`,
    thanks: `Thank you for telling us. ${name ?? 'The person who keeps children safe at our school'} will read your message and talk to you soon. You can also talk to your teacher at any time.`,
  };
}
