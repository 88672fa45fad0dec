/**
 * The admin's managed policy: parsing, validation and the fail-closed defaults.
 *
 * Every key is validated on its own so that one bad value never costs the rest of the policy:
 * the bad value is reported (which key, what is wrong, what was used instead) and replaced by
 * its safe default. Nothing here throws, whatever the input.
 */
import { z } from 'zod';
import {
  ACTIONS,
  APPROVALS,
  ROLES,
  WEEKDAYS,
  type Action,
  type ApprovedUse,
  type Approval,
  type ClosedRange,
  type ExceptionPolicy,
  type Role,
  type SchoolHours,
  type UrlScope,
} from './types';
import { isIsoDate, isValidTimeZone, parseClock } from './calendar';
import { DEFAULT_ACTIONS, DEFAULT_POLICY, LIMITS } from './policy-defaults';
import { CATALOGUE } from './catalogue';
import { isUsableDomain } from './url-match';
import { MAX_SCOPE_LENGTH, scopeFitsRule, scopeFromUrl } from './scope';
import { DEFAULT_LANGUAGES, isLang, PUPIL_LANGUAGES, type Lang } from './i18n/languages';
import { NONE, say, usedSay, type ProblemSay, type UsedSay } from './policy-problem-codes';
import { problemEn, usedEn } from './i18n/policy-problems-en';

export interface RoleRule {
  email: string;
  role: Role;
}

export type RoleActions = Record<Role, { schoolHours: Action; otherTimes: Action }>;

export interface Policy {
  /** null when the policy does not say: the device is then treated as a pupil's. */
  role: Role | null;
  roleRules: RoleRule[];
  timezone: string;
  schoolHours: SchoolHours[];
  closedDates: ClosedRange[];
  /** Catalogue ids in force; null means every network in the catalogue. */
  networks: string[] | null;
  extraSites: string[];
  actions: RoleActions;
  warnMinutes: number;
  /** `logo`: an https address or a small data: image, shown on the pupils' pages. */
  school: { name: string | null; policyUrl: string | null; logo: string | null };
  /** The languages the pages offer; the first is the default. */
  languages: Lang[];
  dsl: { name: string | null; contact: string | null; passphraseHash: string | null };
  device: { label: string | null };
  log: { recordFullUrl: boolean; retentionDays: number; flagThreshold: number };
  /** Standing exceptions: the school's own pages on a network. */
  approvedUses: ApprovedUse[];
  /** Who may ask for a temporary exception from the block page, and how it is approved. */
  exceptions: ExceptionPolicy;
  /** The school's hub that receives every log entry; null: the log stays on this device only. */
  hub: HubSettings | null;
}

export interface HubSettings {
  /** Base address, no trailing slash: entries go to `${url}/v1/logs`. */
  url: string;
  /** The school's ingest key (sent as a bearer token). */
  key: string;
}

export interface PolicyProblem {
  /** The key as the admin wrote it, e.g. `schoolHours[0].end`. */
  key: string;
  problem: string;
  /** What the extension uses instead. */
  used: string;
  /** The same two sentences as codes and parameters, for pages in other languages (see policy-problem-codes.ts). */
  say?: ProblemSay;
  usedSay?: UsedSay;
}

export interface ParsedPolicy {
  policy: Policy;
  problems: PolicyProblem[];
  /** False when no managed policy was found at all (the seed policy's defaults apply). */
  present: boolean;
}

export { LIMITS, DEFAULT_ACTIONS, DEFAULT_SCHOOL_HOURS, DEFAULT_POLICY } from './policy-defaults';

/** Every key a school may set. Kept in step with public/managed_schema.json (a test checks). */
export const POLICY_KEYS = [
  'role',
  'roleRules',
  'timezone',
  'schoolHours',
  'closedDates',
  'networks',
  'extraSites',
  'actions',
  'warnMinutes',
  'school',
  'languages',
  'dsl',
  'device',
  'log',
  'approvedUses',
  'exceptions',
  'hub',
] as const;

const text = z.string().trim().min(1).max(LIMITS.text);
const clock = (allowEndOfDay: boolean) =>
  z.string().refine((s) => parseClock(s, { allowEndOfDay }) !== null, {
    message: allowEndOfDay ? 'not a time from 00:00 to 24:00' : 'not a time from 00:00 to 23:59',
  });
const isoDate = z.string().refine(isIsoDate, { message: 'not a date written YYYY-MM-DD' });

const schoolHoursEntry = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    start: clock(false),
    end: clock(true),
  })
  .refine((h) => (parseClock(h.start) ?? 0) < (parseClock(h.end, { allowEndOfDay: true }) ?? 0), {
    message: 'start is not before end',
  });

const closedRange = z.object({ from: isoDate, to: isoDate, label: text.optional() }).refine((r) => r.from <= r.to, { message: '"from" is after "to"' });

const roleRule = z.object({
  email: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .refine((s) => s.includes('@'), { message: 'not an email pattern' }),
  role: z.enum(ROLES),
});

/** Our own refine messages, by code. */
const REFINES = {
  'not a time from 00:00 to 24:00': 'timeUpTo24',
  'not a time from 00:00 to 23:59': 'timeUpTo2359',
  'not a date written YYYY-MM-DD': 'notIsoDate',
  'start is not before end': 'startNotBeforeEnd',
  '"from" is after "to"': 'fromAfterTo',
  'not an email pattern': 'notEmailPattern',
} as const;

/** The first zod issue as a code (its kind, with the parts zod's English sentence is made of). */
function issueSay(error: z.ZodError, value: string): ProblemSay {
  const issue = error.issues[0];
  const at = { path: issue ? issue.path.join('.') : '', value };
  const message = issue?.message ?? 'invalid value';
  if (issue?.code === 'custom' && message in REFINES) return say(REFINES[message as keyof typeof REFINES], at);
  let m: RegExpExecArray | null;
  if (issue?.code === 'invalid_type' && (m = /^Invalid input: expected (\S+), received (\S+)$/.exec(message))) {
    return say('zodType', { ...at, expected: m[1]!, received: m[2]! });
  }
  if (issue?.code === 'invalid_value' && (m = /^Invalid option: expected one of (.+)$/.exec(message))) return say('zodOption', { ...at, options: m[1]! });
  if (issue?.code === 'invalid_value' && (m = /^Invalid input: expected (.+)$/.exec(message))) return say('zodLiteral', { ...at, expected: m[1]! });
  if (
    (issue?.code === 'too_big' || issue?.code === 'too_small') &&
    (m = /^Too (?:big|small): expected (\S+) to (?:have|be) (exactly |<=|>=|<|>)(\S+)(?: (\S+))?$/.exec(message))
  ) {
    return say(issue.code === 'too_big' ? 'zodTooBig' : 'zodTooSmall', { ...at, origin: m[1]!, adj: m[2]!, bound: m[3]!, unit: m[4] ?? null });
  }
  if (issue?.code === 'unrecognized_keys') {
    return say('zodUnknownKeys', { ...at, keys: message.replace(/^Unrecognized keys?: /, ''), count: issue.keys.length });
  }
  return say('zodOther', { ...at, message });
}

const show = (v: unknown): string => {
  let s: string | undefined;
  try {
    // Throws on a BigInt or a cycle, which must not cost the rest of the policy.
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = typeof v === 'bigint' ? `${v}n` : Object.prototype.toString.call(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

class Collector {
  readonly problems: PolicyProblem[] = [];
  /** A problem by its code; its English sentences (console, hub) come from the English catalogue. */
  report(key: string, what: ProblemSay, instead: UsedSay): void {
    this.problems.push({ key, problem: problemEn(what), used: usedEn(instead), say: what, usedSay: instead });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates a list item by item, keeping the good ones. Returns null (use the default) when the
 * value is not a list at all or is over the cap.
 */
function parseList<T>(out: Collector, key: string, value: unknown, cap: number, item: (v: unknown, itemKey: string) => T | null): T[] | null {
  if (!Array.isArray(value)) {
    out.report(key, say('expectedList', { value: show(value) }), usedSay('theDefault', NONE));
    return null;
  }
  if (value.length > cap) {
    out.report(key, say('overLimit', { count: value.length, cap }), usedSay('theDefault', NONE));
    return null;
  }
  const kept: T[] = [];
  value.forEach((v, i) => {
    const parsed = item(v, `${key}[${i}]`);
    if (parsed !== null) kept.push(parsed);
  });
  return kept;
}

function zodItem<T>(out: Collector, schema: z.ZodType<T>, instead: UsedSay) {
  return (v: unknown, itemKey: string): T | null => {
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    out.report(itemKey, issueSay(r.error, show(v)), instead);
    return null;
  };
}

function parseText(out: Collector, key: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const r = text.safeParse(value);
  if (r.success) return r.data;
  out.report(key, say('expectedText', { max: LIMITS.text, value: show(value) }), usedSay('nothing', NONE));
  return null;
}

function parseHttpUrl(out: Collector, key: string, value: unknown): string | null {
  const s = parseText(out, key, value);
  if (s === null) return null;
  try {
    const u = new URL(s);
    if (u.protocol === 'https:' || u.protocol === 'http:') return u.href;
  } catch {
    // reported below
  }
  out.report(key, say('notHttpAddress', { value: show(s) }), usedSay('nothing', NONE));
  return null;
}

function parseObject(out: Collector, key: string, value: unknown, fields: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    out.report(key, say('expectedObject', { value: show(value) }), usedSay('theDefault', NONE));
    return {};
  }
  for (const k of Object.keys(value)) {
    if (!fields.includes(k)) out.report(`${key}.${k}`, say('unknownKey', NONE), usedSay('ignored', NONE));
  }
  return value;
}

function parseActions(out: Collector, value: unknown): RoleActions {
  const actions: RoleActions = structuredClone(DEFAULT_ACTIONS);
  const given = parseObject(out, 'actions', value, ROLES);
  for (const role of ROLES) {
    const slots = parseObject(out, `actions.${role}`, given[role], ['schoolHours', 'otherTimes']);
    for (const slot of ['schoolHours', 'otherTimes'] as const) {
      const v = slots[slot];
      if (v === undefined) continue;
      if (typeof v === 'string' && (ACTIONS as readonly string[]).includes(v)) {
        actions[role][slot] = v as Action;
      } else {
        out.report(`actions.${role}.${slot}`, say('expectedAction', { value: show(v) }), usedSay('value', { value: `"${DEFAULT_ACTIONS[role][slot]}"` }));
      }
    }
  }
  return actions;
}

function parseNetworks(out: Collector, value: unknown): string[] | null {
  const known = new Set(CATALOGUE.map((n) => n.id));
  const ids = parseList(out, 'networks', value, CATALOGUE.length * 4, (v, k) => {
    if (typeof v === 'string' && known.has(v.trim().toLowerCase())) return v.trim().toLowerCase();
    out.report(k, say('unknownNetwork', { value: show(v) }), usedSay('ignored', NONE));
    return null;
  });
  if (ids === null) return null;
  // A list of nothing but mistakes must not switch every network off.
  if (ids.length === 0 && Array.isArray(value) && value.length > 0) {
    out.report('networks', say('noValidNetwork', NONE), usedSay('everyNetwork', NONE));
    return null;
  }
  return [...new Set(ids)];
}

function parseExtraSites(out: Collector, value: unknown): string[] {
  const sites = parseList(out, 'extraSites', value, LIMITS.extraSites, (v, k) => {
    const d = typeof v === 'string' ? isUsableDomain(v) : null;
    if (d === null) out.report(k, say('notDomain', { value: show(v) }), usedSay('ignored', NONE));
    return d;
  });
  return sites ? [...new Set(sites)] : [];
}

function parseWhole(out: Collector, key: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  out.report(key, say('expectedWhole', { min, max, value: show(value) }), usedSay('value', { value: String(fallback) }));
  return fallback;
}

function parseBoolean(out: Collector, key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  out.report(key, say('expectedBoolean', { value: show(value) }), usedSay('value', { value: String(fallback) }));
  return fallback;
}

/** The DSL passphrase is only ever stored as a salted slow hash (see utils/core/passphrase.ts). */
export const PASSPHRASE_HASH_PATTERN = /^pbkdf2-sha256\$(\d{6,8})\$[A-Za-z0-9+/]{22,}={0,2}\$[A-Za-z0-9+/]{43}=$/;

/** The hash, trimmed, when it is one `npm run hash-passphrase` could have made; else null. */
function passphraseHashOf(value: unknown): string | null {
  const m = typeof value === 'string' ? PASSPHRASE_HASH_PATTERN.exec(value.trim()) : null;
  return m && Number(m[1]) >= 600_000 ? (value as string).trim() : null;
}

function parsePassphraseHash(out: Collector, key: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const hash = passphraseHashOf(value);
  if (hash !== null) return hash;
  out.report(key, say('notPassphraseHash', NONE), usedSay('dslLocked', NONE));
  return null;
}

const approvedUseShape = z.strictObject({
  url: z.string(),
  roles: z.array(z.enum(ROLES)).min(1).optional(),
  purpose: text,
  schoolHoursOnly: z.boolean().optional(),
});

/** The page an approved use names, or what is wrong with its address. */
function approvedPage(raw: string): { url: string; scope: UrlScope } | 'urlNotWebAddress' | 'urlNotHttp' | 'urlHasQuery' | 'urlWholeSite' | 'urlTooLong' {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'urlNotWebAddress';
  }
  const scope = scopeFromUrl(url.href);
  if (!scope) return 'urlNotHttp';
  // A path prefix cannot hold a query: `youtube.com/watch?v=1` would approve every video.
  if (url.search !== '') return 'urlHasQuery';
  if (scope.pathPrefix === '/') return 'urlWholeSite';
  if (!scopeFitsRule(scope)) return 'urlTooLong';
  url.hash = '';
  return { url: url.href, scope };
}

function parseApprovedUses(out: Collector, value: unknown): ApprovedUse[] {
  const shape = zodItem(out, approvedUseShape, usedSay('ignored', NONE));
  const uses = parseList(out, 'approvedUses', value, LIMITS.approvedUses, (v, k): ApprovedUse | null => {
    const use = shape(v, k);
    if (!use) return null;
    const page = approvedPage(use.url);
    if (typeof page === 'string') {
      const code = page;
      const what = code === 'urlTooLong' ? say(code, { max: MAX_SCOPE_LENGTH, value: show(use.url) }) : say(code, { value: show(use.url) });
      out.report(k, what, usedSay('ignored', NONE));
      return null;
    }
    return {
      ...page,
      roles: use.roles ? [...new Set(use.roles)] : ['staff', 'governor'],
      purpose: use.purpose,
      schoolHoursOnly: use.schoolHoursOnly ?? false,
    };
  });
  return uses ?? [];
}

const approverShape = z.strictObject({ name: text, pinHash: z.string() });

function parseApprovers(out: Collector, value: unknown): ExceptionPolicy['approvers'] {
  const shape = zodItem(out, approverShape, usedSay('ignored', NONE));
  const seen = new Set<string>();
  const approvers = parseList(out, 'exceptions.approvers', value, LIMITS.approvers, (v, k) => {
    const a = shape(v, k);
    if (!a) return null;
    const pinHash = passphraseHashOf(a.pinHash);
    if (pinHash === null) {
      out.report(k, say('notPinHash', NONE), usedSay('ignored', NONE));
      return null;
    }
    // The block page asks for an approver by name: two of the same name could not be told apart.
    if (seen.has(a.name.toLowerCase())) {
      out.report(k, say('duplicateApprover', { name: show(a.name) }), usedSay('ignored', NONE));
      return null;
    }
    seen.add(a.name.toLowerCase());
    return { name: a.name, pinHash };
  });
  return approvers ?? [];
}

function parseExceptionRoles(out: Collector, value: unknown): Role[] {
  const roles = parseList(out, 'exceptions.roles', value, ROLES.length * 4, (v, k): Role | null => {
    if (v === 'pupil') out.report(k, say('pupilsNeverAsk', NONE), usedSay('removed', NONE));
    else if (typeof v === 'string' && (ROLES as readonly string[]).includes(v)) return v as Role;
    else out.report(k, say('expectedStaffOrGovernor', { value: show(v) }), usedSay('ignored', NONE));
    return null;
  });
  return roles ? [...new Set(roles)] : [];
}

function parseExceptions(out: Collector, value: unknown): ExceptionPolicy {
  const policy = structuredClone(DEFAULT_POLICY.exceptions);
  if (value === undefined) return policy;
  // Whatever the admin meant by a bare value, the safe reading is no exceptions.
  if (!isRecord(value)) {
    out.report('exceptions', say('expectedObject', { value: show(value) }), usedSay('approvalOffNobody', NONE));
    return { ...policy, approval: 'off' };
  }
  const given = parseObject(out, 'exceptions', value, ['roles', 'maxMinutes', 'approval', 'approvers']);
  if (given.roles !== undefined) policy.roles = parseExceptionRoles(out, given.roles);
  policy.maxMinutes = parseWhole(out, 'exceptions.maxMinutes', given.maxMinutes, 1, LIMITS.exceptionMinutesMax, DEFAULT_POLICY.exceptions.maxMinutes);
  if (given.approval !== undefined) {
    if (typeof given.approval === 'string' && (APPROVALS as readonly string[]).includes(given.approval)) {
      policy.approval = given.approval as Approval;
    } else {
      // A mistyped "approver-pin" must not become self-approval.
      out.report('exceptions.approval', say('expectedApproval', { value: show(given.approval) }), usedSay('value', { value: '"off"' }));
      policy.approval = 'off';
    }
  }
  if (given.approvers !== undefined) policy.approvers = parseApprovers(out, given.approvers);
  if (policy.approval === 'approver-pin' && policy.approvers.length === 0) {
    out.report('exceptions.approval', say('approverPinNeedsApprover', NONE), usedSay('offNobody', NONE));
    policy.approval = 'off';
  }
  return policy;
}

/** Plain http is allowed for the device's own machine only (a hub under test, or a local trial). */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1'];

/** The hub address, or what is wrong with it. */
export function hubUrlProblem(raw: string): { url: string } | { problem: string; say: ProblemSay } {
  const wrong = (what: ProblemSay) => ({ problem: problemEn(what), say: what });
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return wrong(say('hubNotWebAddress', { value: show(raw) }));
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK_HOSTS.includes(u.hostname))) return wrong(say('hubNotHttps', { value: show(raw) }));
  if (u.username !== '' || u.password !== '') return wrong(say('hubUserInfo', NONE));
  if (u.search !== '' || u.hash !== '') return wrong(say('hubQuery', { value: show(raw) }));
  return { url: `${u.origin}${u.pathname.replace(/\/+$/, '')}` };
}

function parseHub(out: Collector, value: unknown): HubSettings | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) {
    out.report('hub', say('hubExpectedObject', { value: show(value) }), usedSay('hubOff', NONE));
    return null;
  }
  const given = parseObject(out, 'hub', value, ['url', 'key']);
  let url: string | null = null;
  if (typeof given.url !== 'string' || given.url.trim() === '' || given.url.length > LIMITS.hubUrl) {
    out.report('hub.url', say('hubExpectedUrl', { value: show(given.url) }), usedSay('hubOff', NONE));
  } else {
    const r = hubUrlProblem(given.url);
    if ('problem' in r) out.report('hub.url', r.say, usedSay('hubOff', NONE));
    else url = r.url;
  }
  let key: string | null = null;
  if (typeof given.key !== 'string' || given.key.trim() === '') {
    out.report(
      'hub.key',
      say('hubExpectedKey', { got: given.key === undefined ? 'missing' : typeof given.key === 'string' ? 'empty' : typeof given.key }),
      usedSay('hubOff', NONE),
    );
  } else if (given.key.trim().length > LIMITS.hubKey || !/^[\x21-\x7e]+$/.test(given.key.trim())) {
    // Never echo the key itself: the status page is not the place to copy it from.
    out.report('hub.key', say('hubNotKey', { max: LIMITS.hubKey }), usedSay('hubOff', NONE));
  } else {
    key = given.key.trim();
  }
  return url !== null && key !== null ? { url, key } : null;
}

const LOGO_DATA = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/** An https address, or a small base64 data: image (no SVG: it can carry script if opened on its own). */
function parseLogo(out: Collector, key: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    out.report(key, say('logoExpectedText', { value: show(value) }), usedSay('noLogo', NONE));
    return null;
  }
  const s = value.trim();
  if (s.startsWith('data:')) {
    if (s.length > LIMITS.logoDataChars) {
      out.report(key, say('logoTooLarge', { length: s.length, max: LIMITS.logoDataChars }), usedSay('noLogo', NONE));
      return null;
    }
    if (!LOGO_DATA.test(s)) {
      out.report(key, say('logoNotData', NONE), usedSay('noLogo', NONE));
      return null;
    }
    return s;
  }
  try {
    const u = new URL(s);
    if (u.protocol === 'https:' && s.length <= LIMITS.text) return u.href;
  } catch {
    // reported below
  }
  const shown = show(s.length > 80 ? `${s.slice(0, 80)}…` : s);
  out.report(key, say('logoNotAddress', { value: shown }), usedSay('noLogo', NONE));
  return null;
}

/** Language tags Hall Pass has words for, in the school's order; the first is the default. */
function parseLanguages(out: Collector, value: unknown): Lang[] {
  const langs = parseList(out, 'languages', value, LIMITS.languages, (v, k): Lang | null => {
    if (typeof v !== 'string') {
      out.report(k, say('langExpectedTag', { value: show(v) }), usedSay('ignored', NONE));
      return null;
    }
    let tag: string;
    try {
      tag = Intl.getCanonicalLocales(v.trim())[0] ?? '';
    } catch {
      out.report(k, say('langNotTag', { value: show(v) }), usedSay('ignored', NONE));
      return null;
    }
    // "cy-GB" means Welsh; the words do not differ by region.
    const base = tag.split('-')[0]!.toLowerCase();
    if (isLang(base)) return base;
    out.report(k, say('langNoTranslation', { value: show(v), have: PUPIL_LANGUAGES.join(', ') }), usedSay('ignored', NONE));
    return null;
  });
  const unique = [...new Set(langs ?? [])];
  if (langs !== null && unique.length === 0) out.report('languages', say('noUsableLanguage', NONE), usedSay('value', { value: '["en"]' }));
  return unique.length > 0 ? unique : DEFAULT_LANGUAGES;
}

/** Parses whatever managed storage returned. `undefined`, `null` and `{}` mean "no policy". */
export function parsePolicy(raw: unknown): ParsedPolicy {
  const out = new Collector();
  const policy: Policy = structuredClone(DEFAULT_POLICY);
  if (raw === undefined || raw === null) return { policy, problems: [], present: false };
  if (!isRecord(raw)) {
    out.report('(policy)', say('expectedObject', { value: show(raw) }), usedSay('defaultPolicy', NONE));
    return { policy, problems: out.problems, present: true };
  }
  const present = Object.keys(raw).length > 0;
  for (const k of Object.keys(raw)) {
    if (!(POLICY_KEYS as readonly string[]).includes(k)) out.report(k, say('unknownKey', NONE), usedSay('ignored', NONE));
  }

  if (raw.role !== undefined) {
    if (typeof raw.role === 'string' && (ROLES as readonly string[]).includes(raw.role)) policy.role = raw.role as Role;
    else out.report('role', say('expectedRole', { value: show(raw.role) }), usedSay('value', { value: '"pupil"' }));
  }
  if (raw.roleRules !== undefined) {
    policy.roleRules = parseList(out, 'roleRules', raw.roleRules, LIMITS.roleRules, zodItem(out, roleRule, usedSay('ignored', NONE))) ?? [];
  }
  if (raw.timezone !== undefined) {
    if (typeof raw.timezone === 'string' && isValidTimeZone(raw.timezone)) policy.timezone = raw.timezone;
    else {
      out.report('timezone', say('unknownTimezone', { value: show(raw.timezone) }), usedSay('value', { value: `"${DEFAULT_POLICY.timezone}"` }));
    }
  }
  if (raw.schoolHours !== undefined) {
    // One bad entry replaces them all: a dropped entry would silently shorten the working day.
    const before = out.problems.length;
    const hours = parseList(out, 'schoolHours', raw.schoolHours, LIMITS.schoolHours, zodItem(out, schoolHoursEntry, usedSay('defaultSchoolHours', NONE)));
    if (hours !== null && out.problems.length === before && hours.length > 0) policy.schoolHours = hours;
    else if (hours !== null && out.problems.length === before) {
      out.report('schoolHours', say('emptyList', NONE), usedSay('defaultSchoolHoursMonFri', NONE));
    }
  }
  if (raw.closedDates !== undefined) {
    policy.closedDates = parseList(out, 'closedDates', raw.closedDates, LIMITS.closedDates, zodItem(out, closedRange, usedSay('ignoredSchoolDay', NONE))) ?? [];
  }
  if (raw.networks !== undefined) policy.networks = parseNetworks(out, raw.networks);
  if (raw.extraSites !== undefined) policy.extraSites = parseExtraSites(out, raw.extraSites);
  if (raw.actions !== undefined) policy.actions = parseActions(out, raw.actions);
  if (raw.warnMinutes !== undefined) {
    policy.warnMinutes = parseWhole(out, 'warnMinutes', raw.warnMinutes, 1, LIMITS.warnMinutesMax, DEFAULT_POLICY.warnMinutes);
  }

  const school = parseObject(out, 'school', raw.school, ['name', 'policyUrl', 'logo']);
  policy.school = {
    name: parseText(out, 'school.name', school.name),
    policyUrl: parseHttpUrl(out, 'school.policyUrl', school.policyUrl),
    logo: parseLogo(out, 'school.logo', school.logo),
  };
  if (raw.languages !== undefined) policy.languages = parseLanguages(out, raw.languages);
  const dsl = parseObject(out, 'dsl', raw.dsl, ['name', 'contact', 'passphraseHash']);
  policy.dsl = {
    name: parseText(out, 'dsl.name', dsl.name),
    contact: parseText(out, 'dsl.contact', dsl.contact),
    passphraseHash: parsePassphraseHash(out, 'dsl.passphraseHash', dsl.passphraseHash),
  };
  const device = parseObject(out, 'device', raw.device, ['label']);
  policy.device = { label: parseText(out, 'device.label', device.label) };

  const log = parseObject(out, 'log', raw.log, ['recordFullUrl', 'retentionDays', 'flagThreshold']);
  policy.log = {
    recordFullUrl: parseBoolean(out, 'log.recordFullUrl', log.recordFullUrl, DEFAULT_POLICY.log.recordFullUrl),
    retentionDays: parseWhole(out, 'log.retentionDays', log.retentionDays, 1, LIMITS.retentionDaysMax, DEFAULT_POLICY.log.retentionDays),
    flagThreshold: parseWhole(out, 'log.flagThreshold', log.flagThreshold, 1, LIMITS.flagThresholdMax, DEFAULT_POLICY.log.flagThreshold),
  };

  if (raw.approvedUses !== undefined) policy.approvedUses = parseApprovedUses(out, raw.approvedUses);
  policy.exceptions = parseExceptions(out, raw.exceptions);
  policy.hub = parseHub(out, raw.hub);

  return { policy, problems: out.problems, present };
}
