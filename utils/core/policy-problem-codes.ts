/**
 * Policy problems in a form a page can put into any language: a code and its parameters for
 * "what is wrong" and for "used instead". The parser writes each problem's English sentences from
 * its codes through the English table (`i18n/policy-problems-en.ts`: the hub, the service worker's
 * console and the tests read them); the pages render the codes through the catalogues
 * (`policyProblems` in `i18n/admin-*.ts`, whose English is that same table). A value the admin
 * wrote (`value`) is passed as written, to be shown as text.
 */

/** Where inside an item a zod issue is (`start`, `days.0`), or '' for the item itself. */
interface At {
  path: string;
  /** The item as the admin wrote it (shortened). */
  value: string;
}

export interface ProblemParams {
  expectedList: { value: string };
  overLimit: { count: number; cap: number };
  zodType: At & { expected: string; received: string };
  zodLiteral: At & { expected: string };
  zodOption: At & { options: string };
  zodTooBig: At & { origin: string; adj: string; bound: string; unit: string | null };
  zodTooSmall: At & { origin: string; adj: string; bound: string; unit: string | null };
  zodUnknownKeys: At & { keys: string; count: number };
  zodOther: At & { message: string };
  timeUpTo24: At;
  timeUpTo2359: At;
  notIsoDate: At;
  startNotBeforeEnd: At;
  fromAfterTo: At;
  notEmailPattern: At;
  expectedText: { max: number; value: string };
  notHttpAddress: { value: string };
  expectedObject: { value: string };
  unknownKey: Record<string, never>;
  expectedAction: { value: string };
  unknownNetwork: { value: string };
  noValidNetwork: Record<string, never>;
  notDomain: { value: string };
  expectedWhole: { min: number; max: number; value: string };
  expectedBoolean: { value: string };
  notPassphraseHash: Record<string, never>;
  urlNotWebAddress: { value: string };
  urlNotHttp: { value: string };
  urlHasQuery: { value: string };
  urlWholeSite: { value: string };
  urlTooLong: { max: number; value: string };
  notPinHash: Record<string, never>;
  duplicateApprover: { name: string };
  pupilsNeverAsk: Record<string, never>;
  expectedStaffOrGovernor: { value: string };
  expectedApproval: { value: string };
  approverPinNeedsApprover: Record<string, never>;
  hubNotWebAddress: { value: string };
  hubNotHttps: { value: string };
  hubUserInfo: Record<string, never>;
  hubQuery: { value: string };
  hubExpectedObject: { value: string };
  hubExpectedUrl: { value: string };
  /** `got`: "missing", "empty", or the JavaScript type of what was there. */
  hubExpectedKey: { got: string };
  hubNotKey: { max: number };
  logoExpectedText: { value: string };
  logoTooLarge: { length: number; max: number };
  logoNotData: Record<string, never>;
  logoNotAddress: { value: string };
  langExpectedTag: { value: string };
  langNotTag: { value: string };
  langNoTranslation: { value: string; have: string };
  noUsableLanguage: Record<string, never>;
  expectedRole: { value: string };
  unknownTimezone: { value: string };
  emptyList: Record<string, never>;
  refusedApprovedUse: { url: string; reason: string };
  refusedException: { where: string; reason: string };
  refusedRule: { id: number; reason: string };
}

export interface UsedParams {
  theDefault: Record<string, never>;
  nothing: Record<string, never>;
  ignored: Record<string, never>;
  /** A value shown as the policy would write it: `"pupil"`, `60`, `false`, `["en"]`. */
  value: { value: string };
  defaultSchoolHours: Record<string, never>;
  defaultSchoolHoursMonFri: Record<string, never>;
  ignoredSchoolDay: Record<string, never>;
  everyNetwork: Record<string, never>;
  dslLocked: Record<string, never>;
  removed: Record<string, never>;
  approvalOffNobody: Record<string, never>;
  offNobody: Record<string, never>;
  hubOff: Record<string, never>;
  noLogo: Record<string, never>;
  defaultPolicy: Record<string, never>;
  refusedApprovedUse: Record<string, never>;
  refusedException: Record<string, never>;
  refusedRule: Record<string, never>;
}

export type ProblemCode = keyof ProblemParams;
export type UsedCode = keyof UsedParams;

export type ProblemSay = { [C in ProblemCode]: { code: C; params: ProblemParams[C] } }[ProblemCode];
export type UsedSay = { [C in UsedCode]: { code: C; params: UsedParams[C] } }[UsedCode];

/** Words for every code: a catalogue that lacks one fails the type check. */
export type ProblemWords = { [C in ProblemCode]: (p: ProblemParams[C]) => string };
export type UsedWords = { [C in UsedCode]: (p: UsedParams[C]) => string };

export const say = <C extends ProblemCode>(code: C, params: ProblemParams[C]) => ({ code, params }) as ProblemSay;
export const usedSay = <C extends UsedCode>(code: C, params: UsedParams[C]) => ({ code, params }) as UsedSay;
export const NONE: Record<string, never> = {};

/** A problem in a catalogue's words, or null for a code the catalogue does not know. */
export function renderProblem(words: { problem: ProblemWords }, s: ProblemSay): string | null {
  const f = (words.problem as Record<string, ((p: unknown) => string) | undefined>)[s.code];
  return typeof f === 'function' ? f(s.params) : null;
}

export function renderUsed(words: { used: UsedWords }, s: UsedSay): string | null {
  const f = (words.used as Record<string, ((p: unknown) => string) | undefined>)[s.code];
  return typeof f === 'function' ? f(s.params) : null;
}
