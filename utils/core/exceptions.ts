/**
 * Temporary exceptions that staff ask for on the block page: what they may choose, whether a
 * request can be granted, and whether a granted one is still in force. Pure. Checking an
 * approver's PIN is the caller's (it needs the slow, asynchronous hash in passphrase.ts).
 */
import type { Allowance, ExceptionRequest, ExceptionScope, GrantedException, Role } from './types';
import type { Policy } from './policy';
import { LIMITS } from './policy-defaults';
import { decide } from './decide';
import { describeInstant, isSchoolTime, localTime, nextChange } from './calendar';
import { hostMatchesDomain } from './url-match';
import { scopeFitsRule, scopeFromUrl } from './scope';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A clock this far behind a grant has been moved back (not merely corrected by a few seconds). */
const CLOCK_SLACK = MINUTE;
const STANDARD_MINUTES = [15, 30, 60, 120, 240, 480] as const;

export interface DurationChoice {
  label: string;
  minutes: number | 'end-of-day';
}

function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 1 ? '1 hour' : `${h} hours`;
  const mins = m === 1 ? '1 minute' : `${m} minutes`;
  if (h === 0) return mins;
  return m === 0 ? hours : `${hours} ${mins}`;
}

/**
 * When today's school day ends: past a lunch break written as two entries, and never more than
 * a day away. Null outside school time.
 */
export function endOfSchoolDay(policy: Policy, now: number): number | null {
  if (!isSchoolTime(now, policy)) return null;
  const today = localTime(now, policy.timezone).date;
  let end = nextChange(now, policy);
  for (let i = 0; i < 10 && end !== null; i++) {
    const restart = nextChange(end, policy);
    if (restart === null || localTime(restart, policy.timezone).date !== today) break;
    end = nextChange(restart, policy);
  }
  return Math.min(end ?? Infinity, now + DAY);
}

export function durationChoices(policy: Policy, now: number): DurationChoice[] {
  const max = policy.exceptions.maxMinutes;
  const minutes: number[] = STANDARD_MINUTES.filter((m) => m < max);
  minutes.push(max);
  const choices: DurationChoice[] = minutes.map((m) => ({ label: minutesText(m), minutes: m }));
  const end = endOfSchoolDay(policy, now);
  // maxMinutes caps every choice: "until the end of the school day" only while that is sooner.
  if (end !== null && end - now <= max * MINUTE) {
    choices.push({ label: `Until the end of the school day (${describeInstant(end, policy.timezone, now)})`, minutes: 'end-of-day' });
  }
  return choices;
}

/** Whether this role may ask at all under this policy. */
export function mayAsk(role: Role, policy: Policy): boolean {
  return role !== 'pupil' && policy.exceptions.roles.includes(role) && policy.exceptions.approval !== 'off';
}

/** What the block page offers this role now, or null when it offers nothing. */
export function exceptionOffer(role: Role, policy: Policy, now: number): { choices: DurationChoice[]; approvers: string[] } | null {
  if (!mayAsk(role, policy)) return null;
  const approvers = policy.exceptions.approval === 'approver-pin' ? policy.exceptions.approvers.map((a) => a.name) : [];
  return { choices: durationChoices(policy, now), approvers };
}

export interface RequestContext {
  role: Role;
  policy: Policy;
  now: number;
  user: string;
}

export type RequestCheck = { ok: true; grant: Omit<GrantedException, 'id' | 'approvedBy'> } | { ok: false; error: string };

const refuse = (error: string): RequestCheck => ({ ok: false, error });

const isWords = (reason: string) => reason.length >= 10 && reason.split(/\s+/).length >= 2;

/** Checks a request from the block page; the request comes from a page, so nothing is trusted. */
export function validateRequest(req: ExceptionRequest, ctx: RequestContext): RequestCheck {
  const { role, policy, now } = ctx;
  if (role === 'pupil') return refuse('Pupils cannot ask for an exception. Please ask your teacher.');
  if (!policy.exceptions.roles.includes(role)) {
    return refuse(`The school's policy does not let ${role === 'staff' ? 'staff' : 'governors'} ask for exceptions.`);
  }
  if (policy.exceptions.approval === 'off') return refuse('The school has turned exceptions off.');
  if (typeof req !== 'object' || req === null || typeof req.url !== 'string') return refuse('That request could not be read.');

  const decision = decide(req.url, role, now, policy);
  const network = decision.match?.network;
  if (decision.action !== 'block' || !decision.match || !network) {
    return refuse('This address is not blocked for you now, so there is nothing to ask for.');
  }

  let scope: ExceptionScope;
  if (req.scope === 'site') scope = { kind: 'site' };
  else if (req.scope === 'page') {
    const page = scopeFromUrl(req.url);
    // Only the network's own pages: not a translation proxy or archive showing them.
    const inside = decision.match.via === 'direct' && network.domains.some((d) => hostMatchesDomain(decision.match!.host, d));
    if (!page || !inside) return refuse(`An exception for one page must be for a page on ${network.name} itself.`);
    if (!scopeFitsRule(page)) return refuse("This page's address is too long for a page exception. Ask for the whole site instead.");
    scope = { kind: 'page', scope: page };
  } else return refuse('Choose whether the exception is for the whole site or just this page.');

  const max = policy.exceptions.maxMinutes;
  let until: number;
  if (req.minutes === 'end-of-day') {
    const end = endOfSchoolDay(policy, now);
    if (end === null) return refuse('It is not school time now, so "until the end of the school day" cannot be chosen.');
    if (end - now > max * MINUTE) return refuse(`The school day ends in more than ${minutesText(max)}, the longest exception the school allows.`);
    until = end;
  } else if (typeof req.minutes === 'number' && Number.isInteger(req.minutes) && req.minutes >= 1 && req.minutes <= max) {
    until = now + req.minutes * MINUTE;
  } else return refuse(`Choose a time from 1 to ${max} minutes.`);

  const reason = typeof req.reason === 'string' ? req.reason.trim() : '';
  if (!isWords(reason)) return refuse('Please give a reason of a few words.');
  if (reason.length > LIMITS.text) return refuse(`Please keep the reason under ${LIMITS.text} characters.`);
  if (req.use !== 'school' && req.use !== 'personal') return refuse('Choose whether this is for school use or personal use.');

  return {
    ok: true,
    grant: {
      networkId: network.id,
      networkName: network.name,
      scope,
      grantedAt: now,
      until: Math.min(until, now + DAY),
      reason,
      use: req.use,
      user: ctx.user,
      role,
    },
  };
}

/**
 * In force at `now`, where `highWater` is the latest time the extension has seen: moving the
 * clock back neither extends an exception nor brings back an ended one, and a clock moved back
 * to before the grant ends it.
 */
export function isActive(ex: GrantedException, now: number, highWater: number): boolean {
  const seen = Math.max(now, highWater);
  // A stored record is never trusted to outlast the day any grant is limited to.
  if (!(ex.until - ex.grantedAt <= DAY)) return false;
  return ex.grantedAt <= seen && seen < ex.until && now >= ex.grantedAt - CLOCK_SLACK;
}

/** "12 min left", "1 h 5 min left", "Ended". */
export function timeLeft(ex: GrantedException, now: number): string {
  const ms = ex.until - now;
  if (!(ms > 0)) return 'Ended';
  const total = Math.ceil(ms / MINUTE);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min left`;
  return m === 0 ? `${h} h left` : `${h} h ${m} min left`;
}

/** An exception as the decision sees it: a page-scoped one covers only its page and below. */
export function exceptionAllowance(e: GrantedException): Allowance {
  return { networkId: e.networkId, until: e.until, ...(e.scope.kind === 'page' ? { scope: e.scope.scope } : {}) };
}
