/**
 * The policy builder page's form, as plain data: what the admin has filled in, and the raw policy
 * it stands for. The page renders this state and nothing else decides anything.
 *
 * The rule for the policy: blank fields and blank rows are left out, and so is the network list
 * when every network is ticked (every network is then in force). Everything else the form shows
 * is written out as the admin set it, mistakes included, so that `parsePolicy` (the extension's
 * own check) can report them.
 *
 * Plain secrets (the DSL passphrase and approvers' PINs) live in the form only until the admin
 * presses "Make hashes"; `formToPolicy` never reads them, and `makeHashes` clears them.
 */
import { fileErrorOf, type BuilderNote, type FileError, type HashError, type OutputHint, type OutputId } from './builder-codes';
import { CATALOGUE } from './catalogue';
import { MIN_PASSPHRASE_LENGTH } from './passphrase';
import { DEFAULT_ACTIONS, type RoleActions } from './policy';
import {
  CHROME_WEB_STORE_UPDATE_URL,
  checkPolicy,
  firefoxPoliciesJson,
  googleAdminJson,
  linuxChromeJson,
  windowsReg,
  type PolicyCheck,
} from './policy-builder';
import { WEEKDAYS, type Approval, type Role, type Weekday } from './types';

export interface ClosedDateRow {
  from: string;
  to: string;
  label: string;
}

export interface ApprovedUseRow {
  url: string;
  roles: Role[];
  purpose: string;
  schoolHoursOnly: boolean;
}

export interface ApproverRow {
  name: string;
  /** Plain PIN, typed but not hashed yet. Never part of the policy. */
  pin: string;
  /** The hash "Make hashes" made ('' until then). */
  pinHash: string;
}

export interface BuilderForm {
  /** The role written into the Windows, Firefox and Linux files (Google Admin has one per OU). */
  deviceRole: Role;
  schoolName: string;
  policyUrl: string;
  /** An https address or a data: image. */
  schoolLogo: string;
  /** Language tags separated by commas or spaces; the first is the default. */
  languages: string;
  dslName: string;
  dslContact: string;
  /** Plain passphrase and its repeat, typed but not hashed yet. Never part of the policy. */
  passphrase: string;
  passphraseRepeat: string;
  passphraseHash: string;
  deviceLabel: string;
  timezone: string;
  days: Weekday[];
  start: string;
  end: string;
  closedDates: ClosedDateRow[];
  /** Ticked catalogue ids. */
  networks: string[];
  /** One domain a line. */
  extraSites: string;
  actions: RoleActions;
  /** Number fields are text as typed: '' means "leave out" (the default applies). */
  warnMinutes: string;
  approvedUses: ApprovedUseRow[];
  exceptions: { roles: Role[]; maxMinutes: string; approval: Approval; approvers: ApproverRow[] };
  log: { retentionDays: string; recordFullUrl: boolean; flagThreshold: string };
  /** The school hub (policy `hub`): both blank leaves it out, and the log stays on the device. */
  hub: { url: string; key: string };
  /** Where Firefox downloads the signed .xpi (policies.json's install_url). */
  firefoxInstallUrl: string;
  /** For ExtensionInstallForcelist in the Windows and Linux files. */
  chromeUpdateUrl: string;
  /**
   * The device files also set the recommended browser policies (see policy-builder.ts) and, for
   * Chrome and Edge, force-install the extension from `chromeUpdateUrl`.
   */
  recommended: boolean;
}

/** Common IANA timezones for the select; any other IANA name can be typed. */
export const COMMON_TIMEZONES = [
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Amsterdam',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Zurich',
  'Europe/Warsaw',
  'Europe/Stockholm',
  'Europe/Athens',
  'Europe/Helsinki',
  'Atlantic/Reykjavik',
  'America/St_Johns',
  'America/Halifax',
  'America/Toronto',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Hong_Kong',
  'Asia/Tokyo',
  'Australia/Perth',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
] as const;

export const FIREFOX_INSTALL_URL_PLACEHOLDER = 'https://your-server.example/hall-pass.xpi';

export function defaultForm(): BuilderForm {
  return {
    deviceRole: 'pupil',
    schoolName: '',
    policyUrl: '',
    schoolLogo: '',
    languages: '',
    dslName: '',
    dslContact: '',
    passphrase: '',
    passphraseRepeat: '',
    passphraseHash: '',
    deviceLabel: '',
    timezone: 'Europe/London',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '08:30',
    end: '15:30',
    closedDates: [],
    networks: CATALOGUE.map((n) => n.id),
    extraSites: '',
    actions: structuredClone(DEFAULT_ACTIONS),
    warnMinutes: '',
    approvedUses: [],
    exceptions: { roles: ['staff', 'governor'], maxMinutes: '', approval: 'self', approvers: [] },
    log: { retentionDays: '', recordFullUrl: false, flagThreshold: '' },
    hub: { url: '', key: '' },
    firefoxInstallUrl: FIREFOX_INSTALL_URL_PLACEHOLDER,
    chromeUpdateUrl: CHROME_WEB_STORE_UPDATE_URL,
    recommended: true,
  };
}

export const emptyClosedDate = (): ClosedDateRow => ({ from: '', to: '', label: '' });
export const emptyApprovedUse = (): ApprovedUseRow => ({ url: '', roles: ['staff', 'governor'], purpose: '', schoolHoursOnly: false });
export const emptyApprover = (): ApproverRow => ({ name: '', pin: '', pinHash: '' });

// ---------------------------------------------------------------------------------------------
// Small immutable helpers the page uses to edit lists

/** `list` with `item` in it or not, in the order of `order`. */
export function toggled<T>(list: readonly T[], item: T, on: boolean, order: readonly T[]): T[] {
  const set = new Set(list);
  if (on) set.add(item);
  else set.delete(item);
  return order.filter((x) => set.has(x));
}

export const withRow = <T>(rows: readonly T[], row: T): T[] => [...rows, row];
export const withoutRow = <T>(rows: readonly T[], index: number): T[] => rows.filter((_, i) => i !== index);
export const withRowChanged = <T>(rows: readonly T[], index: number, change: Partial<T>): T[] => rows.map((r, i) => (i === index ? { ...r, ...change } : r));

// ---------------------------------------------------------------------------------------------
// Form → raw policy

/** A number field: '' is left out, a number is a number, anything else is kept as text so the check reports it. */
function numberField(s: string): number | string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** An object of the fields that are not blank; undefined when all are. */
function present(fields: Record<string, unknown>): Record<string, unknown> | undefined {
  const kept = Object.entries(fields).filter(([, v]) => v !== undefined && v !== '');
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

const blankRow = (row: Record<string, unknown>, ignore: string[] = []): boolean =>
  Object.entries(row).every(([k, v]) => ignore.includes(k) || (typeof v === 'string' && v.trim() === ''));

/** The lines of a textarea, trimmed, blank lines dropped. */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/**
 * The raw managed policy the form stands for, for one role. Keys come in the README's order and
 * keys left out are absent (never undefined), so the object is what JSON would carry.
 */
/** "cy, en" → ["cy", "en"]; blank → left out (English). */
function languageList(text: string): string[] | undefined {
  const tags = text.split(/[\s,;]+/).filter(Boolean);
  return tags.length > 0 ? tags : undefined;
}

export function formToPolicy(form: BuilderForm, role: Role): Record<string, unknown> {
  const t = (s: string) => s.trim();
  const closedDates = form.closedDates
    .filter((r) => !blankRow({ ...r }))
    .map((r) => ({ from: t(r.from), to: t(r.to), ...(t(r.label) ? { label: t(r.label) } : {}) }));
  const allNetworks = CATALOGUE.every((n) => form.networks.includes(n.id));
  const extraSites = lines(form.extraSites);
  const approvedUses = form.approvedUses
    .filter((u) => !blankRow({ url: u.url, purpose: u.purpose }))
    .map((u) => ({ url: t(u.url), roles: [...u.roles], purpose: t(u.purpose), schoolHoursOnly: u.schoolHoursOnly }));
  const approvers = form.exceptions.approvers.filter((a) => !blankRow({ ...a })).map((a) => ({ name: t(a.name), pinHash: a.pinHash }));
  const maxMinutes = numberField(form.exceptions.maxMinutes);

  const policy: Record<string, unknown> = {
    role,
    timezone: t(form.timezone) || undefined,
    schoolHours: [{ days: WEEKDAYS.filter((d) => form.days.includes(d)), start: t(form.start), end: t(form.end) }],
    closedDates: closedDates.length > 0 ? closedDates : undefined,
    networks: allNetworks ? undefined : CATALOGUE.filter((n) => form.networks.includes(n.id)).map((n) => n.id),
    extraSites: extraSites.length > 0 ? extraSites : undefined,
    actions: structuredClone(form.actions),
    warnMinutes: numberField(form.warnMinutes),
    school: present({ name: t(form.schoolName), policyUrl: t(form.policyUrl), logo: t(form.schoolLogo) }),
    languages: languageList(form.languages),
    dsl: present({ name: t(form.dslName), contact: t(form.dslContact), passphraseHash: t(form.passphraseHash) }),
    device: present({ label: t(form.deviceLabel) }),
    log: {
      recordFullUrl: form.log.recordFullUrl,
      ...(present({ retentionDays: numberField(form.log.retentionDays), flagThreshold: numberField(form.log.flagThreshold) }) ?? {}),
    },
    approvedUses: approvedUses.length > 0 ? approvedUses : undefined,
    exceptions: {
      roles: [...form.exceptions.roles],
      ...(maxMinutes !== undefined ? { maxMinutes } : {}),
      approval: form.exceptions.approval,
      ...(approvers.length > 0 ? { approvers } : {}),
    },
    hub: present({ url: t(form.hub.url), key: t(form.hub.key) }),
  };
  return Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Checking

/**
 * Things the builder itself notices that the policy cannot show: secrets not hashed yet. Codes
 * (builder-codes.ts), which the page says in its language.
 */
export function formNotes(form: BuilderForm): BuilderNote[] {
  const notes: BuilderNote[] = [];
  if (form.passphrase !== '' || form.passphraseRepeat !== '') notes.push({ code: 'passphraseNotHashed' });
  form.exceptions.approvers.forEach((a, i) => {
    const who = { name: a.name.trim(), row: i + 1 };
    if (a.pin !== '') notes.push({ code: 'pinNotHashed', who });
    else if (a.pinHash === '' && who.name !== '') notes.push({ code: 'noPin', who });
  });
  return notes;
}

/** What the extension (parsePolicy) and Chrome (its schema) will make of the policy. */
export function checkForm(form: BuilderForm): PolicyCheck {
  return checkPolicy(formToPolicy(form, form.deviceRole));
}

// ---------------------------------------------------------------------------------------------
// Hashing

export interface HashResult {
  form: BuilderForm;
  /** What could not be hashed, as codes the page says in its language. */
  errors: HashError[];
  /** How many hashes were made. */
  made: number;
}

/**
 * Hashes the typed passphrase and PINs with `hash` (hashPassphrase) and clears every plain value,
 * whatever happened: a secret typed wrongly is typed again, never kept.
 */
export async function makeHashes(form: BuilderForm, hash: (secret: string) => Promise<string>): Promise<HashResult> {
  const errors: HashError[] = [];
  let made = 0;
  const why = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const min = MIN_PASSPHRASE_LENGTH;
  /** Counted as the hash function counts (characters, after NFC), so a short one is said in the page's words. */
  const tooShort = (s: string) => [...s.normalize('NFC')].length < min;
  let passphraseHash = form.passphraseHash;
  if (form.passphrase !== '' || form.passphraseRepeat !== '') {
    if (form.passphrase !== form.passphraseRepeat) {
      errors.push({ code: 'passphraseMismatch' });
    } else if (tooShort(form.passphrase)) {
      errors.push({ code: 'passphraseTooShort', min });
    } else {
      try {
        passphraseHash = await hash(form.passphrase);
        made++;
      } catch (e) {
        errors.push({ code: 'passphraseFailed', reason: why(e) });
      }
    }
  }
  const approvers: ApproverRow[] = [];
  for (const [i, a] of form.exceptions.approvers.entries()) {
    let pinHash = a.pinHash;
    const who = { name: a.name.trim(), row: i + 1 };
    if (a.pin !== '' && tooShort(a.pin)) {
      errors.push({ code: 'pinTooShort', who, min });
    } else if (a.pin !== '') {
      try {
        pinHash = await hash(a.pin);
        made++;
      } catch (e) {
        errors.push({ code: 'pinFailed', who, reason: why(e) });
      }
    }
    approvers.push({ ...a, pin: '', pinHash });
  }
  return {
    form: { ...form, passphrase: '', passphraseRepeat: '', passphraseHash, exceptions: { ...form.exceptions, approvers } },
    errors,
    made,
  };
}

// ---------------------------------------------------------------------------------------------
// Outputs

export interface BuilderOutput {
  /** Also names its title (`outputTitles` in the catalogues), the accessible name of its text box. */
  id: OutputId;
  /** Where it goes (`outputHints` in the catalogues). */
  hint: OutputHint;
  fileName: string;
  mimeType: string;
  /** The file's text, or why it cannot be made (a bad install or update URL). */
  text: string | null;
  error: FileError | null;
}

export interface BuilderIds {
  extensionId: string;
  geckoId: string;
}

/** The file's text, or the reason the builder gave for not making it (any other error is a bug, and is thrown). */
function attempt(make: () => string): { text: string | null; error: FileError | null } {
  try {
    return { text: make(), error: null };
  } catch (e) {
    const error = fileErrorOf(e);
    if (error === null) throw e;
    return { text: null, error };
  }
}

/** Every output of the page, made from the same form. */
export function builderOutputs(form: BuilderForm, ids: BuilderIds): BuilderOutput[] {
  const device = formToPolicy(form, form.deviceRole);
  const updateUrl = form.chromeUpdateUrl.trim() || CHROME_WEB_STORE_UPDATE_URL;
  const json = 'application/json';
  return [
    {
      id: 'google-pupils',
      hint: 'google-pupils',
      fileName: 'hall-pass-google-admin-pupils.json',
      mimeType: json,
      ...attempt(() => googleAdminJson(formToPolicy(form, 'pupil'))),
    },
    {
      id: 'google-staff',
      hint: 'google-staff',
      fileName: 'hall-pass-google-admin-staff.json',
      mimeType: json,
      ...attempt(() => googleAdminJson(formToPolicy(form, 'staff'))),
    },
    {
      id: 'windows',
      hint: form.recommended ? 'windows-recommended' : 'windows',
      fileName: 'hall-pass.reg',
      mimeType: 'text/plain',
      ...attempt(() => windowsReg(device, { extensionId: ids.extensionId, browsers: ['chrome', 'edge'], recommended: form.recommended, updateUrl })),
    },
    {
      id: 'firefox',
      hint: 'firefox',
      fileName: 'policies.json',
      mimeType: json,
      ...attempt(() => firefoxPoliciesJson(device, { geckoId: ids.geckoId, installUrl: form.firefoxInstallUrl.trim(), recommended: form.recommended })),
    },
    {
      id: 'linux',
      hint: 'linux',
      fileName: 'hall-pass.json',
      mimeType: json,
      ...attempt(() => linuxChromeJson(device, { extensionId: ids.extensionId, recommended: form.recommended, updateUrl })),
    },
  ];
}
