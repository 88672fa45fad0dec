/**
 * English for the adults' own pages: the status page, the DSL's safeguarding log and the policy
 * builder. Kept apart from `en.ts` so the pupils' pages do not carry it. Every full language
 * (`FULL_LANGUAGES`) is typed against this file, so a sentence missing in Welsh fails the type check.
 * The policy's problems are rendered from their codes (`policyProblems`, at the end); the
 * self-check's, the hub's, the clock's, the coverage and Verify's lines come from the core as codes
 * and are said here (`checks`). So are the builder's notes, hash errors, files and file errors
 * (`builder`, from the codes in builder-codes.ts).
 */
import { EVENT_TEXT, type LogEvent } from '../log/types';
import type { Weekday } from '../types';
import { plural } from './languages';
import { policyProblemsEn } from './policy-problems-en';
import { hubFactWords, hubWords, selfCheckWords } from './check-text';
import type { Ago } from '../hub/hub-status';
import type { VerifyOutcome } from '../log/chain';
import { chainWordsEn } from '../log/chain-text';
import { describeDuration, type ClockMsg } from '../clock';
import { describeCoverage, type ExtraSiteCoverage } from '../rules';
import type { ApproverRef, BuilderCodeWords, BuilderNote, CodeWords, DroppedWords, FileError, HashError, SchemaType } from '../builder-codes';
import { triggerWords } from '../refresh-trigger';
import { ruleFailureWordsEn } from '../rule-failures';
import { hubErrorText, hubErrorWordsEn } from '../hub/hub-error';

const n = (x: number) => x.toLocaleString('en-GB');

const agoEn = (a: Ago) => (a.unit === 'now' ? 'just now' : a.unit === 'days' ? `${a.n} days ago` : `${a.n} ${a.unit} ago`);
const verifyKindsEn: Record<Extract<VerifyOutcome, { code: 'broken' }>['kind'], string> = {
  edited: 'its contents were changed after it was written',
  'broken-link': 'it does not follow on from the entry before it; one of them was replaced',
  gap: 'entries are missing before it',
  'out-of-order': 'it is stored out of order',
  'missing-start': 'the start of the log does not match its purge record',
  truncated: 'the newest entries were deleted',
  'filter-mismatch': "it does not match the export's filters, so entries around it may have been removed",
};
/** An approver by the name typed, or by their row. */
const approverEn = (who: ApproverRef) => who.name || `approver ${who.row}`;
const typeEn: Record<SchemaType, string> = { string: 'text', integer: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object' };
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const whenEn = (t: number, timeZone: string) => new Date(t).toLocaleString('en-GB', { timeZone });

export const enAdmin = {
  languageLabel: 'Language',
  /** Shown beside text the core writes in English, for a reader of another language. */
  inEnglish: '(in English)',
  days: {
    every: 'Every day',
    names: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' } as Record<Weekday, string>,
    short: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as Record<Weekday, string>,
    range: (first: string, last: string) => `${first} to ${last}`,
    list: (items: string[], last: string) => `${items.join(', ')} and ${last}`,
  },
  count: {
    days: (x: number) => plural('en', x, { one: '{n} day', other: '{n} days' }),
    minutes: (x: number) => plural('en', x, { one: '{n} minute', other: '{n} minutes' }),
  },
  problems: {
    key: 'Key',
    wrong: 'What is wrong',
    used: 'Used instead',
    serious: 'Serious',
    check: 'Check',
    blockingRules: '(blocking rules)',
  },
  badge: { ok: 'OK', warn: 'Check', bad: 'Fix' },
  /** The browser refused the rules (core/rule-failures.ts: the English there is the console's too). */
  ruleFailures: ruleFailureWordsEn,
  /** Lines the core gives as codes: the self-check, the school hub, Verify, the clock and coverage. */
  checks: {
    selfCheck: selfCheckWords({
      'install-admin': { label: 'Installed by policy', detail: 'Force-installed: it cannot be turned off or removed.' },
      'install-development': {
        label: 'Installed by policy',
        detail: 'Loaded for development.',
        fix: 'Force-install it (ExtensionInstallForcelist, or ExtensionSettings in Firefox).',
      },
      'install-other': {
        label: 'Installed by policy',
        detail: (m) => `Installed as "${m.installType ?? 'unknown'}": a user could remove it.`,
        fix: 'Force-install it (ExtensionInstallForcelist, or ExtensionSettings in Firefox).',
      },
      'incognito-ok': { label: 'Incognito', detail: 'Allowed in incognito windows.' },
      'incognito-off': {
        label: 'Incognito',
        detail: 'Not allowed in incognito; fine only if incognito is turned off, which an extension cannot see.',
        fix: 'Set IncognitoModeAvailability to 1 (Firefox: DisablePrivateBrowsing, or private_browsing in ExtensionSettings).',
      },
      'prediction-off': { label: 'Network prediction', detail: 'Off: blocked sites get no pre-connections.' },
      'prediction-on': {
        label: 'Network prediction',
        detail: 'On: the browser may pre-connect to a site before it is blocked.',
        fix: 'Set NetworkPredictionOptions to 2 (Firefox: NetworkPrediction false).',
      },
      devtools: {
        label: 'Developer tools',
        detail: 'An extension cannot read this setting.',
        fix: "Set DeveloperToolsAvailability to 2 on pupils' devices (Firefox: DisableDeveloperTools).",
      },
      profiles: {
        label: 'Guest mode and new profiles',
        detail: 'An extension cannot read these settings; a guest profile has no extensions at all.',
        fix: 'Set BrowserGuestModeEnabled and BrowserAddPersonEnabled to false.',
      },
      'policy-none': {
        label: 'Managed policy',
        detail: 'None found: the fail-closed defaults apply (every device is a pupil’s).',
        fix: 'Set the extension policy (see the README: Google Admin, Windows, Linux, Firefox).',
      },
      'policy-problems': {
        label: 'Managed policy',
        detail: (m) =>
          `Found, with ${m.count === 1 ? '1 problem' : `${m.count} problems`}${
            m.serious ? ', including the role (this device is treated as a pupil’s)' : ''
          }: safe defaults are used for those keys.`,
        fix: 'Correct the keys listed under Policy problems.',
      },
      'policy-ok': { label: 'Managed policy', detail: 'Found and valid.' },
      'fresh-ok': { label: 'Time rules up to date', detail: 'Brought up to date within the last few minutes.' },
      'fresh-never': {
        label: 'Time rules up to date',
        detail: 'Never worked out yet.',
        fix: 'Restart the browser; if it stays red, reinstall the extension by policy.',
      },
      'fresh-stale': {
        label: 'Time rules up to date',
        detail: 'Not brought up to date for over three minutes.',
        fix: 'Restart the browser; if it stays red, reinstall the extension by policy.',
      },
      'hosts-ok': { label: 'Access to sites', detail: 'Granted: blocked sites can be sent to the block page.' },
      'hosts-withheld': {
        label: 'Access to sites',
        detail: 'Withheld: the browser ignores redirects to the block page, so listed sites are blocked outright and Hall Pass opens the block page itself.',
        fix: (m) =>
          m.browser === 'firefox'
            ? 'Press "Grant access to sites" below, or about:addons → Hall Pass → Permissions → Access your data for all websites.'
            : 'Press "Grant access to sites" below, or chrome://extensions → Hall Pass → Site access → On all sites.',
      },
      'policy-changes': {
        label: 'Policy changes',
        detail: 'Firefox reads policies.json only when it starts: a change reaches Hall Pass at the next restart.',
        fix: 'Restart Firefox on the devices after changing the policy.',
      },
      'page-address': {
        label: 'Block page address',
        detail:
          'Firefox cannot hide the block page’s address (Chromium’s use_dynamic_url), so a web page can open it with a made-up address. Such a load changes nothing and is never logged.',
        fix: 'Nothing to set: this is a Firefox limit.',
      },
    }),
    hub: hubWords({
      'hub-wrong': {
        label: 'School hub',
        detail: (m) =>
          `The hub setting is wrong (${m.keys}: see Policy problems). Nothing is sent; the log is kept on this device and nothing it holds for the hub is purged.`,
      },
      'delivery-error': { label: 'Delivery to the hub', detail: (m) => `Not delivered yet: ${hubErrorText(hubErrorWordsEn, m.error)}.` },
      'delivery-none': { label: 'Delivery to the hub', detail: 'Not in contact with the hub yet.' },
      'delivery-failing': {
        label: 'Delivery to the hub',
        detail: (m) =>
          `Failing since the last contact ${agoEn(m.ago)}: ${hubErrorText(hubErrorWordsEn, m.error)}. Entries are kept and sent when it works again.`,
      },
      'delivery-ok': { label: 'Delivery to the hub', detail: (m) => `In contact (${agoEn(m.ago)}).` },
      'waiting-none': { label: 'Entries waiting', detail: 'None: the hub has every entry.' },
      waiting: { label: 'Entries waiting', detail: (m) => `${n(m.count)} ${m.count === 1 ? 'entry' : 'entries'} not yet acknowledged by the hub.` },
      retention: {
        label: 'Kept past retention',
        detail: (m) =>
          `${n(m.count)} ${m.count === 1 ? 'entry is' : 'entries are'} older than log.retentionDays${m.oldest ? ` (the oldest from ${m.oldest})` : ''}, kept because the hub has not acknowledged ${m.count === 1 ? 'it' : 'them'}. ${m.count === 1 ? 'It goes' : 'They go'} at the first purge after delivery.`,
      },
    }),
    /** Verify's result on the DSL page (the English page shows the core's own sentence, which names the entries). */
    verify: (o: VerifyOutcome): string =>
      o.code === 'intact-empty'
        ? 'Intact: the log has no entries to check.'
        : o.code === 'intact-one'
          ? `Intact: 1 entry (seq ${n(o.seq)}) verified.`
          : o.code === 'intact'
            ? `Intact: ${n(o.checked)} entries (seq ${n(o.firstSeq)} to ${n(o.lastSeq)}) verified.`
            : `${o.seq === null ? 'Broken: ' : `Broken at entry ${n(o.seq)}: `}${verifyKindsEn[o.kind]}${o.found > 1 ? ` (${n(o.found)} problems found in all)` : ''}.`,
    /** Why a delivery to the hub failed (core/hub/hub-error.ts: the English there is the console's too); what the hub or the browser said follows, as written. */
    hubError: hubErrorWordsEn,
    /** Verify's entry-by-entry list (the core's own English, which the hub and the command line print too). */
    chain: chainWordsEn,
    /** The clock and coverage lines (the English page shows the core's own sentences, clockLine and describeCoverage). */
    clock: (m: ClockMsg): string =>
      m.code === 'none'
        ? 'No move of the device clock noticed.'
        : `The device clock moved ${m.forward ? 'forward' : 'back'} by ${describeDuration(m.byMs)}${m.crossed === 'into' ? '; it is now school time' : m.crossed === 'out' ? '; it is now outside school hours' : ''}.`,
    coverage: (c: ExtraSiteCoverage): string => describeCoverage(c),
    hubFacts: hubFactWords({
      none: { label: 'School hub', detail: 'None in the policy: the log stays on this device.' },
      address: { label: 'Hub address', detail: (f) => f.url },
      deviceId: { label: 'Device id', detail: (f) => f.value },
      deviceKey: { label: 'Device key', detail: (f) => f.value },
      lastDelivery: { label: 'Last delivery', detail: (f) => (f.at && f.ago ? `${whenEn(f.at, f.timezone)} (${agoEn(f.ago)})` : 'never') },
      acked: { label: 'Acknowledged up to', detail: (f) => (f.cursor > 0 ? `entry ${n(f.cursor)}` : 'nothing yet') },
      lastError: {
        label: 'Last error',
        detail: (f) => (f.error ? `${hubErrorText(hubErrorWordsEn, f.error.error)} (${whenEn(f.error.at, f.timezone)})` : 'none'),
      },
      nextTry: { label: 'Next try', detail: (f) => whenEn(f.at, f.timezone) },
    }),
  },
  status: {
    title: 'Hall Pass status',
    managed: "This device's settings come from the school's managed policy and cannot be changed here.",
    dslLink: 'Safeguarding log (for the DSL)',
    builderLink: 'Policy builder (for the IT admin)',
    working: 'Working out the policy… the safe defaults apply until then.',
    now: 'Now',
    role: 'Role',
    roleSource: {
      roleRules: 'matched the signed-in email',
      role: 'set for this device by the policy',
      default: 'no role in the policy: treated as a pupil',
    },
    roleInvalid: 'the role in the policy is not valid: treated as a pupil; see Policy problems',
    email: 'Signed-in email',
    noEmail: 'none seen',
    schoolTime: 'School time',
    listedAre: 'Listed networks are',
    actions: { block: 'Blocked', warn: 'Warning first', allow: 'Allowed' },
    protection: 'Protection',
    protectionOn: (rules: number) => `On (${n(rules)} rules)`,
    protectionFallback: 'On: every listed network blocked (see problems)',
    coverage: 'Proxies and archives',
    clock: 'Device clock',
    prediction: 'Network prediction',
    notChecked: 'not checked yet',
    predictionOff: 'Off',
    predictionOn: 'On: set NetworkPredictionOptions to 2',
    log: 'Access log',
    recording: 'Recording',
    logFailing: (parked: number) =>
      `Cannot write to the log; ${n(parked)} entries are held safely and will be written when it works again. Free disk space on this device.`,
    /** Introduces an error in the browser's own words (shown as it wrote them, marked English). */
    browserSaid: 'The browser said:',
    keptFor: 'Log kept for',
    languages: 'Languages',
    policy: 'Policy',
    policyFound: 'Managed policy found',
    noPolicy: 'No managed policy: the safe defaults apply',
    updated: 'Last brought up to date',
    /** Why the status was last worked out (core/refresh-trigger.ts). */
    triggers: triggerWords({
      installed: 'the extension was installed or updated',
      'browser-start': 'the browser started',
      'worker-start': 'the extension started',
      'policy-changed': 'the policy changed',
      'policy-late': 'the policy arrived',
      'policy-check': 'a check for the policy',
      'school-time': 'school time began or ended',
      'allowance-ended': 'a warning’s Continue or an exception ran out',
      safety: 'the check made every minute',
      'device-woke': 'the device woke',
      'site-access': 'access to sites changed',
      'status-page': 'this page asked',
      'first-attempt': 'the first attempt on a listed site',
      'warning-continued': 'someone continued after a warning',
      'exception-granted': 'an exception was granted',
      'exception-ended': 'an exception was ended',
      'page-moved': 'a tab moved to another page',
      'not-yet': 'not worked out yet',
      alarm: (name) => `the timer ${name}`,
      entry: (what) => `a new log entry: ${what}`,
    }),
    selfCheck: 'Self-check',
    grantAccess: 'Grant access to sites',
    hub: 'School hub',
    problemsTitle: 'Policy problems',
    none: 'None found.',
    calendar: (timezone: string) => `School calendar (${timezone})`,
    closed: (from: string, to: string) => `${from} to ${to}`,
    approved: 'Approved uses',
    noneShort: 'None.',
    schoolHoursOnly: 'school hours only',
    exceptions: 'Temporary exceptions',
    exceptionsOff: 'off',
    exceptionsRule: (roles: string[], max: string, self: boolean) =>
      `${roles.join(' and ')} may ask, up to ${max}, ${self ? 'granted at once and logged' : 'approved with a PIN'}`,
    networks: (count: number) => `Networks in force (${n(count)})`,
    more: (count: number) => `…and ${n(count)} more`,
  },
  passphrase: {
    title: 'Make a DSL passphrase hash',
    /** Around the policy key, shown as code. */
    intro: ['For the IT admin. The hash goes in the managed policy as ', '; the passphrase is not stored anywhere.'] as [string, string],
    first: 'New passphrase',
    second: 'Repeat it',
    different: 'The two passphrases are not the same.',
    busy: 'Making the hash…',
    make: 'Make hash',
    hash: 'Hash:',
  },
  dsl: {
    title: 'Safeguarding log',
    noHash: 'No DSL passphrase is set for this device, so the log stays closed.',
    howToSet: ["To open it, the school's IT admin makes a passphrase hash and puts it in the managed policy as ", ':'] as [string, string],
    withForm: 'with the form on the Hall Pass status page ("Make a DSL passphrase hash"), or',
    withCommand: 'from a copy of the project:',
    onlyHash: 'Only the hash goes in the policy; the passphrase itself is never stored.',
    forDsl: (name: string | null) => `This log is for ${name ?? 'the Designated Safeguarding Lead'}. Enter the passphrase to review it.`,
    passphrase: 'Passphrase',
    wrong: 'That passphrase is not right.',
    tooMany: 'Too many wrong tries.',
    wait: (x: number) => plural('en', x, { one: 'You can try again in {n} second.', other: 'You can try again in {n} seconds.' }),
    checking: 'Checking…',
    unlock: 'Unlock',
    verify: 'Verify',
    exportCsv: 'Export CSV',
    exportJson: 'Export JSON',
    print: 'Print summary',
    lock: 'Lock',
    newest: (seq: number) => `Newest entry: #${seq}, hash`,
    filters: 'Filters',
    from: 'From',
    to: 'To',
    user: 'User',
    role: 'Role',
    network: 'Network',
    event: 'What happened',
    schoolTime: 'School time',
    any: 'any',
    either: 'either',
    yes: 'yes',
    no: 'no',
    confidential: "CONFIDENTIAL: safeguarding information. Store and share only under the school's safeguarding policy.",
    noSchool: 'School not named',
    noDevice: 'device not labelled',
    range: (from: string | null, to: string | null) => `${from ?? 'the start'} to ${to ?? 'today'}`,
    allDates: 'all dates',
    printed: (when: string) => `Printed ${when}`,
    verifyLine: 'Verify:',
    notVerified: 'not run before printing',
    summary: 'Summary',
    repeated: (threshold: number) => `Repeated attempts (${n(threshold)} or more in a day)`,
    noneShort: 'None.',
    flaggedLine: (user: string, count: number, date: string) => `${user}: ${n(count)} on ${date}`,
    perDay: 'Attempts per day',
    byNetwork: 'By network',
    byUser: 'By user',
    entries: 'Entries',
    newer: 'Newer',
    older: 'Older',
    pageOf: (first: number, last: number, total: number) => `${n(first)}–${n(last)} of ${n(total)}`,
    noEntries: 'No entries match.',
    logEntries: 'Log entries',
    columns: {
      seq: '#',
      time: 'Local time',
      user: 'User',
      role: 'Role',
      event: 'What happened',
      network: 'Network',
      address: 'Address',
      schoolTime: 'School time',
      note: 'Note',
    },
    /** The log's own words for its events (the CSV export uses the same). */
    events: EVENT_TEXT as Record<LogEvent, string>,
    noAttempts: 'No attempts in this range.',
    chartOne: (date: string, count: number) => `Attempts on ${date}: ${n(count)}`,
    chartMany: (first: string, last: string, max: number) => `Attempts per day, from ${first} to ${last}; most in one day: ${n(max)}`,
    reports: (count: number, waiting: number) => `Reports from pupils (${n(count)}${waiting > 0 ? `, ${n(waiting)} not yet handled` : ''})`,
    reportState: { new: 'New', seen: 'Seen', handled: 'Handled' },
    talkTo: (person: string) => `Would like to talk to: ${person}`,
    marked: {
      seen: (when: string, seq: number) => `Marked seen ${when} (log #${seq})`,
      handled: (when: string, seq: number) => `Marked handled ${when} (log #${seq})`,
    },
    note: 'Note (kept in the log)',
    markSeen: 'Mark seen',
    markHandled: 'Mark handled',
    markFailed: 'The mark could not be saved. Try again.',
  },
  builder: {
    title: 'Hall Pass policy builder',
    intro:
      'For the IT admin. Fill in the form and copy or download the files at the bottom. Everything happens in this page: nothing is sent anywhere, and the passphrase and PINs are hashed here and never written out in clear.',
    blanks: 'Blank fields are left out of the policy and their defaults apply.',
    back: 'Back to the status page',
    role: 'Role',
    roleHint:
      "The Google Admin console sets the policy per organisational unit, so this page makes one for the pupils' OU (role pupil) and one for the staff OU (role staff). The Windows, Firefox and Linux files are per device: choose the role for those.",
    deviceRole: 'Role in the Windows, Firefox and Linux files',
    school: 'School',
    schoolName: 'School name',
    policyUrl: 'Social media policy address',
    logo: 'School logo (optional)',
    logoHint: "An https address on the school's site, or a small data: image (PNG, JPEG, GIF or WebP, up to about 48 KB). Shown on the pupils' pages.",
    languages: 'Languages (optional)',
    languagesHint: "The first is the default; pupils can switch between them. en, cy (every page); pl, ur, pa, bn, so, ar, ro, pt (pupils' pages).",
    deviceLabel: 'Device label (optional)',
    deviceLabelHint: 'Recorded with each log entry.',
    dsl: 'Designated Safeguarding Lead',
    dslName: 'DSL name',
    dslContact: 'DSL contact',
    passphrase: 'DSL passphrase (at least 8 characters)',
    passphraseHint: 'Opens the safeguarding log. Press "Make hashes" below: only the hash goes in the policy.',
    repeat: 'Repeat the passphrase',
    hash: 'Passphrase hash',
    hashPlaceholder: 'made by Make hashes, or paste one from npm run hash-passphrase',
    hashHint: 'Without a hash the safeguarding log stays locked.',
    time: 'School time',
    timezone: 'Timezone',
    otherTz: 'Other (type it)',
    otherTzLabel: 'Other timezone (IANA name)',
    schoolDays: 'School days',
    starts: 'School day starts',
    ends: 'School day ends',
    clockHint: 'HH:MM',
    endHint: 'HH:MM (24:00 for midnight)',
    closed: 'Closed dates (holidays, INSET days)',
    closedHint: 'Whole days, from and to included, that are not school days.',
    closedFrom: 'From',
    closedTo: 'To',
    closedLabel: 'Label',
    closedPlaceholder: 'Christmas holidays',
    closedField: (i: number, field: string) => `Closed date ${i}: ${field.toLowerCase()}`,
    remove: 'Remove',
    removeClosed: (i: number) => `Remove closed date ${i}`,
    addClosed: 'Add a closed date',
    networks: 'Networks',
    networksInForce: (on: number, all: number) => `Networks in force (${n(on)} of ${n(all)})`,
    allTicked: 'All ticked means every network in the catalogue, including ones added in later versions.',
    tickAll: 'Tick all',
    untickAll: 'Untick all',
    extraSites: 'More sites the school treats as social networks (one a line)',
    extraSitesHint: (max: number) => `Subdomains are included. Up to ${n(max)}.`,
    whatHappens: 'What happens',
    inSchool: 'In school hours',
    otherTimes: 'At other times',
    slotLabel: (role: string, school: boolean) => `${role}, ${school ? 'in school hours' : 'at other times'}`,
    actions: { block: 'Block', warn: 'Warn first', allow: 'Allow' },
    warnMinutes: "Minutes a warning's Continue lasts",
    range: (max: number, blank: number) => `1 to ${n(max)}; blank means ${n(blank)}.`,
    approved: 'Approved uses',
    approvedHint: (max: number) =>
      `Standing exceptions for direct school use, such as the school's own X page: that page and everything under it, never the whole network. Up to ${n(max)}.`,
    approvedUse: (i: number) => `Approved use ${i}`,
    useUrl: "Address of the school's page",
    purpose: 'Purpose',
    usePlaceholder: 'School X account',
    forRoles: 'For',
    schoolHoursOnly: 'School hours only',
    removeUse: (i: number) => `Remove approved use ${i}`,
    addUse: 'Add an approved use',
    exceptions: 'Temporary exceptions',
    whoMayAsk: 'Who may ask on the block page (pupils never can)',
    maxMinutes: 'Longest exception, in minutes',
    approval: 'Approval',
    approvals: { self: 'Self: granted at once and logged', 'approver-pin': 'Approver PIN on the device', off: 'Off: nobody can ask' },
    approvers: 'Approvers (for "approver-pin")',
    approversHint: 'A head teacher or SLT member enters their PIN on the device. PINs are at least 8 characters; only their hashes go in the policy.',
    name: 'Name',
    pin: 'PIN',
    pinHash: 'Hash',
    approverField: (i: number, field: string) => `Approver ${i}: ${field}`,
    approverPlaceholder: 'Mrs Shah (Head teacher)',
    notHashed: 'not hashed yet',
    hashed: 'hashed',
    noHash: 'none',
    removeApprover: (i: number) => `Remove approver ${i}`,
    addApprover: 'Add an approver',
    log: 'Access log',
    retention: 'Keep entries for (days)',
    flag: 'Attempts in a day that flag a user',
    flagHint: 'Blank means 5.',
    fullUrl: "Record full addresses (with the query string: a child's search terms)",
    hub: 'School hub (optional)',
    hubHint:
      "Every log entry is also sent to the school's hub. Leave both blank to keep the log on the device only. The key can be read by anyone at the machine (on the browser's policy page): it only lets a device add its own entries.",
    hubUrl: 'Hub address',
    hubUrlHint: 'https:// (plain http only for localhost).',
    hubKey: 'Ingest key',
    hubKeyPlaceholder: "from the hub's create-school command",
    hashes: 'Passphrase and PINs',
    hashesHint: 'Hashing takes a moment for each one. The passphrase and PINs are cleared from the form afterwards.',
    makeHashes: 'Make hashes',
    makingHashes: 'Making hashes…',
    made: (x: number) => plural('en', x, { one: 'Made {n} hash.', other: 'Made {n} hashes.' }),
    check: 'Check',
    checkHint: "The extension's own check of this policy, live as you type. The status page on each device will show the same list.",
    noProblems: 'No policy problems.',
    problems: (x: number) => `Policy problems (${n(x)})`,
    dropped: 'Chrome and Edge would drop these before the extension sees them',
    files: 'Files to deploy',
    xpi: 'Firefox: address of the signed .xpi',
    updateUrl: 'Chrome and Edge: update URL for force-install',
    updateUrlHint: "The Chrome Web Store's, unless the school hosts the extension itself.",
    recommended: 'Also set the recommended browser policies and force-install the extension (Windows, Firefox and Linux files)',
    recommendedHint:
      'No private or incognito windows, no guest or new profiles, no network prediction; Chrome and Edge install the extension from the update URL above and nobody can remove it. Untick it if these are set elsewhere.',
    fileName: 'File name:',
    cannotMake: 'Cannot make this file:',
    copy: 'Copy',
    copyLabel: (title: string) => `Copy ${title}`,
    download: 'Download',
    downloadLabel: (title: string) => `Download ${title}`,
    copied: 'Copied.',
    copyFailed: 'Could not copy: select the text and copy it by hand.',
    /** Placeholders: examples of what to type (addresses, times and tags stay as they are in every language). */
    examples: { schoolName: 'Ash Grove Academy', deviceLabel: 'ICT suite PC 12', dslName: 'Gemma Williams' },
    /** The builder's own notes, from their codes (builder-codes.ts). */
    notes: {
      passphraseNotHashed: () => 'The DSL passphrase is not hashed yet: press "Make hashes".',
      pinNotHashed: (m) => `The PIN for ${approverEn(m.who)} is not hashed yet: press "Make hashes".`,
      noPin: (m) => `${capital(approverEn(m.who))} has no PIN: type one and press "Make hashes".`,
    } satisfies CodeWords<BuilderNote> as CodeWords<BuilderNote>,
    /** Why a secret was not hashed; the page adds the hash function's own reason, as written, after the "failed" ones. */
    hashErrors: {
      passphraseMismatch: () => 'DSL passphrase: the two passphrases are not the same. Type them again.',
      passphraseTooShort: (m) => `DSL passphrase: it must be at least ${n(m.min)} characters long. Type a longer one.`,
      passphraseFailed: () => 'Could not hash the DSL passphrase:',
      pinTooShort: (m) => `PIN for ${approverEn(m.who)}: it must be at least ${n(m.min)} characters long. Type a longer one.`,
      pinFailed: (m) => `Could not hash the PIN for ${approverEn(m.who)}:`,
    } satisfies CodeWords<HashError> as CodeWords<HashError>,
    /** Why a file cannot be made; also the message of the error the file builders throw (policy-builder.ts). */
    fileErrors: {
      notObject: () => 'The policy must be a JSON object ({ ... }).',
      notExtensionId: (m) => `"${m.id}" is not a Chrome extension id (32 letters from a to p).`,
      notUpdateUrl: (m) => `"${m.url}" is not an http(s) update URL.`,
      noBrowser: () => 'Choose at least one browser (chrome or edge).',
      unknownBrowser: (m) => `Unknown browser "${m.browser}": use "chrome" or "edge".`,
      noGeckoId: () => 'The Firefox extension id (gecko id) is empty.',
      notXpiUrl: (m) => `"${m.url}" is not an https, http or file address for the .xpi.`,
    } satisfies CodeWords<FileError> as CodeWords<FileError>,
    /** Each file's title: also the accessible name of its text box and part of its buttons' names. */
    outputTitles: {
      'google-pupils': 'Google Admin JSON (pupils)',
      'google-staff': 'Google Admin JSON (staff)',
      windows: 'Windows .reg (Chrome and Edge)',
      firefox: 'Firefox policies.json',
      linux: 'Linux Chrome JSON',
    } satisfies BuilderCodeWords['outputTitles'] as BuilderCodeWords['outputTitles'],
    /** Where each file goes. */
    outputHints: {
      'google-pupils': 'Paste into "Policy for extensions" for the pupils\' organisational unit.',
      'google-staff': 'Paste into "Policy for extensions" for the staff organisational unit.',
      windows: 'Import on each machine or through Group Policy / Intune.',
      'windows-recommended':
        'Import on each machine or through Group Policy / Intune. It also sets the recommended browser policies and force-installs the extension.',
      firefox: 'Save as /etc/firefox/policies/policies.json or <install dir>/distribution/policies.json. Firefox reads it when it starts.',
      linux: 'Save, owned by root, in /etc/opt/chrome/policies/managed/ (Chrome) or /etc/chromium/policies/managed/ (Chromium).',
    } satisfies BuilderCodeWords['outputHints'] as BuilderCodeWords['outputHints'],
    /** Values Chrome and Edge would drop (policy-builder.ts checkPolicy): what is wrong, and what is used instead. */
    droppedWhy: {
      schemaType: {
        problem: (m) =>
          `should be ${typeEn[m.expected]}; Chrome and Edge drop a value that does not fit the extension's schema (on Windows they turn some text into numbers, but do not rely on it)`,
        used: 'the default (the status page cannot show this problem)',
      },
      registryCase: {
        problem: (m) => `differs from "${m.earlier}" only in upper and lower case, which the Windows registry does not tell apart`,
        used: 'one of the two values on Windows',
      },
    } satisfies DroppedWords as DroppedWords,
  },
  /** The policy's problems from their codes (utils/core/policy-problem-codes.ts): the English is the parser's own (policy-problems-en.ts). */
  policyProblems: policyProblemsEn,
};

export type AdminMessages = typeof enAdmin;
