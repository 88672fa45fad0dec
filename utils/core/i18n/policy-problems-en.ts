/**
 * The policy's problems in English, from their codes (policy-problem-codes.ts): the one English
 * sentence of each problem. The parser (policy.ts) writes these into each problem for the worker's
 * console and the school hub; the adults' pages say the codes through `policyProblems` in
 * admin-en.ts (this table) or admin-cy.ts. Kept apart from admin-en.ts so the service worker does
 * not carry the pages' words. Pure.
 */
import type { ProblemSay, ProblemWords, UsedSay, UsedWords } from '../policy-problem-codes';

/** A zod issue's place inside the item, and the item as the admin wrote it. */
const at = (path: string) => (path ? `${path}: ` : '');
const valueOf = (value: string) => ` (value ${value})`;

export const policyProblemsEn = {
  problem: {
    expectedList: (p) => `expected a list, got ${p.value}`,
    overLimit: (p) => `${p.count} entries is more than the limit of ${p.cap}`,
    zodType: (p) => `${at(p.path)}Invalid input: expected ${p.expected}, received ${p.received}${valueOf(p.value)}`,
    zodLiteral: (p) => `${at(p.path)}Invalid input: expected ${p.expected}${valueOf(p.value)}`,
    zodOption: (p) => `${at(p.path)}Invalid option: expected one of ${p.options}${valueOf(p.value)}`,
    zodTooBig: (p) =>
      `${at(p.path)}Too big: expected ${p.origin} to ${p.unit ? 'have' : 'be'} ${p.adj}${p.bound}${p.unit ? ` ${p.unit}` : ''}${valueOf(p.value)}`,
    zodTooSmall: (p) =>
      `${at(p.path)}Too small: expected ${p.origin} to ${p.unit ? 'have' : 'be'} ${p.adj}${p.bound}${p.unit ? ` ${p.unit}` : ''}${valueOf(p.value)}`,
    zodUnknownKeys: (p) => `${at(p.path)}Unrecognized key${p.count > 1 ? 's' : ''}: ${p.keys}${valueOf(p.value)}`,
    zodOther: (p) => `${at(p.path)}${p.message}${valueOf(p.value)}`,
    timeUpTo24: (p) => `${at(p.path)}not a time from 00:00 to 24:00${valueOf(p.value)}`,
    timeUpTo2359: (p) => `${at(p.path)}not a time from 00:00 to 23:59${valueOf(p.value)}`,
    notIsoDate: (p) => `${at(p.path)}not a date written YYYY-MM-DD${valueOf(p.value)}`,
    startNotBeforeEnd: (p) => `${at(p.path)}start is not before end${valueOf(p.value)}`,
    fromAfterTo: (p) => `${at(p.path)}"from" is after "to"${valueOf(p.value)}`,
    notEmailPattern: (p) => `${at(p.path)}not an email pattern${valueOf(p.value)}`,
    expectedText: (p) => `expected text of 1 to ${p.max} characters, got ${p.value}`,
    notHttpAddress: (p) => `not an http(s) address: ${p.value}`,
    expectedObject: (p) => `expected an object, got ${p.value}`,
    unknownKey: () => 'unknown key',
    expectedAction: (p) => `expected "block", "warn" or "allow", got ${p.value}`,
    unknownNetwork: (p) => `unknown network id ${p.value}`,
    noValidNetwork: () => 'no valid network id in the list',
    notDomain: (p) => `not a usable domain: ${p.value}`,
    expectedWhole: (p) => `expected a whole number from ${p.min} to ${p.max}, got ${p.value}`,
    expectedBoolean: (p) => `expected true or false, got ${p.value}`,
    notPassphraseHash: () => 'not a passphrase hash made by "npm run hash-passphrase" (pbkdf2-sha256$<600000 or more>$<salt>$<hash>)',
    urlNotWebAddress: (p) => `url: not a web address${valueOf(p.value)}`,
    urlNotHttp: (p) => `url: not an http(s) address${valueOf(p.value)}`,
    urlHasQuery: (p) => `url: the part after "?" cannot be matched; give the address of the page itself${valueOf(p.value)}`,
    urlWholeSite: (p) => `url: names a whole site: give the address of the school's page on it${valueOf(p.value)}`,
    urlTooLong: (p) => `url: longer than the browser's rules allow (${p.max} characters of host and path)${valueOf(p.value)}`,
    notPinHash: () => 'pinHash: not a hash made by "npm run hash-passphrase" (pbkdf2-sha256$<600000 or more>$<salt>$<hash>)',
    duplicateApprover: (p) => `name: ${p.name} is already an approver`,
    pupilsNeverAsk: () => 'pupils can never ask for an exception',
    expectedStaffOrGovernor: (p) => `expected "staff" or "governor", got ${p.value}`,
    expectedApproval: (p) => `expected "self", "approver-pin" or "off", got ${p.value}`,
    approverPinNeedsApprover: () => '"approver-pin" needs at least one approver with a valid pinHash',
    hubNotWebAddress: (p) => `not a web address: ${p.value}`,
    hubNotHttps: (p) => `must start with https:// (plain http only for localhost or 127.0.0.1), got ${p.value}`,
    hubUserInfo: () => 'must not hold a user name or password; the key goes in "key"',
    hubQuery: (p) => `must not have a "?" or "#" part, got ${p.value}`,
    hubExpectedObject: (p) => `expected an object { "url", "key" }, got ${p.value}`,
    hubExpectedUrl: (p) => `expected the hub's https:// address, got ${p.value}`,
    hubExpectedKey: (p) => `expected the school's ingest key, got ${p.got === 'missing' ? 'no key' : p.got === 'empty' ? 'an empty key' : `a ${p.got}`}`,
    hubNotKey: (p) => `not an ingest key (1 to ${p.max} printable characters, no spaces)`,
    logoExpectedText: (p) => `expected text, got ${p.value}`,
    logoTooLarge: (p) => `the data: image is ${p.length} characters; at most ${p.max} (about 48 KB): link to it on the school's site instead`,
    logoNotData: () => 'not a base64 PNG, JPEG, GIF or WebP data: image',
    logoNotAddress: (p) => `not an https address or a data: image: ${p.value}`,
    langExpectedTag: (p) => `expected a language tag such as "cy", got ${p.value}`,
    langNotTag: (p) => `not a language tag (BCP 47): ${p.value}`,
    langNoTranslation: (p) => `no translation for ${p.value}; Hall Pass has ${p.have}`,
    noUsableLanguage: () => 'no usable language',
    expectedRole: (p) => `expected "pupil", "staff" or "governor", got ${p.value}`,
    unknownTimezone: (p) => `unknown timezone ${p.value}`,
    emptyList: () => 'the list is empty',
    refusedApprovedUse: (p) => `The browser refused the rule for ${p.url} (${p.reason}).`,
    refusedException: (p) => `The browser refused the rule for the exception on ${p.where} (${p.reason}).`,
    refusedRule: (p) => `The browser refused rule ${p.id} (${p.reason}).`,
  } satisfies ProblemWords as ProblemWords,
  used: {
    theDefault: () => 'the default',
    nothing: () => 'nothing',
    ignored: () => 'ignored',
    value: (p) => p.value,
    defaultSchoolHours: () => 'the default school hours',
    defaultSchoolHoursMonFri: () => 'the default school hours (Mon-Fri 08:30-15:30)',
    ignoredSchoolDay: () => 'ignored (a school day)',
    everyNetwork: () => 'every network in the catalogue',
    dslLocked: () => 'no passphrase: the DSL page stays locked',
    removed: () => 'removed',
    approvalOffNobody: () => '"approval": "off" (nobody can ask)',
    offNobody: () => '"off" (nobody can ask)',
    hubOff: () => 'nothing is sent: the log stays on this device',
    noLogo: () => 'no logo',
    defaultPolicy: () => 'the default policy',
    refusedApprovedUse: () => 'this approved use left out (its pages stay blocked); every other rule applies',
    refusedException: () => 'this exception left out (it stays blocked); every other rule applies',
    refusedRule: () => 'that rule left out; every other rule applies',
  } satisfies UsedWords as UsedWords,
};

/** A problem's English sentence. */
export const problemEn = (s: ProblemSay): string => (policyProblemsEn.problem[s.code] as (p: unknown) => string)(s.params);

/** What is used instead, in English. */
export const usedEn = (s: UsedSay): string => (policyProblemsEn.used[s.code] as (p: unknown) => string)(s.params);
