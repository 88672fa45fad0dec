/**
 * The policy builder's pure core: it turns the policy an admin fills in into text they can deploy.
 *
 * - Google Admin console: the "Policy for extensions" box, each key wrapped as `{"Value": ...}`.
 * - Windows: a `.reg` file for Chrome and Microsoft Edge.
 * - Firefox: `policies.json`.
 * - Linux: a Chrome / Chromium JSON policy file.
 *
 * Every value is copied exactly as given, mistakes included: the builder never "fixes" a policy,
 * it reports what is wrong (`checkPolicy`). What each output carries for the extension therefore
 * parses (`parsePolicy`) to exactly what the input parses to.
 *
 * Nothing here throws for a bad policy. The builders throw a RangeError only for bad options
 * (an extension id or address that would make a broken file), and a TypeError for a policy that is
 * not an object. Each carries its reason as a code (`say`, see builder-codes.ts) for the page to
 * say in its language; its message is the English catalogue's words for that code.
 */
import { parsePolicy, type PolicyProblem } from './policy';
import { sayCode, sayDropped, type DroppedSay, type FileError } from './builder-codes';
import { enAdmin } from './i18n/admin-en';

/** Throws for a file that cannot be made: the reason as a code, the English words as the message. */
function fail(say: FileError): never {
  const english = sayCode(enAdmin.builder.fileErrors, say);
  throw Object.assign(say.code === 'notObject' ? new TypeError(english) : new RangeError(english), { say });
}

/** The update URL of the Chrome Web Store, for ExtensionInstallForcelist. */
export const CHROME_WEB_STORE_UPDATE_URL = 'https://clients2.google.com/service/update2/crx';

/**
 * Chrome's own policies that close the ways round the extension (see docs/deploy.md):
 * incognito off, no guest window, no new profiles, no network prediction.
 */
export const CHROME_RECOMMENDED = {
  IncognitoModeAvailability: 1,
  BrowserGuestModeEnabled: false,
  BrowserAddPersonEnabled: false,
  NetworkPredictionOptions: 2,
} as const;

/** Microsoft Edge's names for the same four policies. */
export const EDGE_RECOMMENDED = {
  InPrivateModeAvailability: 1,
  BrowserGuestModeEnabled: false,
  BrowserAddProfileEnabled: false,
  NetworkPredictionOptions: 2,
} as const;

/** Firefox's equivalents: no private windows, no network prediction. */
export const FIREFOX_RECOMMENDED = {
  DisablePrivateBrowsing: true,
  NetworkPrediction: false,
} as const;

export type WindowsBrowser = 'chrome' | 'edge';

const WINDOWS_ROOTS: Record<WindowsBrowser, { root: string; recommended: Record<string, number | boolean> }> = {
  chrome: { root: 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome', recommended: CHROME_RECOMMENDED },
  edge: { root: 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Edge', recommended: EDGE_RECOMMENDED },
};

// ---------------------------------------------------------------------------------------------
// Checking

/** The shape of public/managed_schema.json, without titles (a unit test keeps the two in step). */
export type SchemaNode =
  { type: 'string' | 'integer' | 'boolean' } | { type: 'array'; items: SchemaNode } | { type: 'object'; properties: Record<string, SchemaNode> };

const S: SchemaNode = { type: 'string' };
const I: SchemaNode = { type: 'integer' };
const B: SchemaNode = { type: 'boolean' };
const list = (items: SchemaNode): SchemaNode => ({ type: 'array', items });
const obj = (properties: Record<string, SchemaNode>): SchemaNode => ({ type: 'object', properties });
const slots = obj({ schoolHours: S, otherTimes: S });

export const MANAGED_SCHEMA: SchemaNode & { type: 'object' } = {
  type: 'object',
  properties: {
    role: S,
    roleRules: list(obj({ email: S, role: S })),
    timezone: S,
    schoolHours: list(obj({ days: list(S), start: S, end: S })),
    closedDates: list(obj({ from: S, to: S, label: S })),
    networks: list(S),
    extraSites: list(S),
    actions: obj({ pupil: slots, staff: slots, governor: slots }),
    warnMinutes: I,
    school: obj({ name: S, policyUrl: S, logo: S }),
    languages: list(S),
    dsl: obj({ name: S, contact: S, passphraseHash: S }),
    device: obj({ label: S }),
    log: obj({ recordFullUrl: B, retentionDays: I, flagThreshold: I }),
    approvedUses: list(obj({ url: S, roles: list(S), purpose: S, schoolHoursOnly: B })),
    exceptions: obj({ roles: list(S), maxMinutes: I, approval: S, approvers: list(obj({ name: S, pinHash: S })) }),
    hub: obj({ url: S, key: S }),
  },
};

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A whole number Chrome keeps as an integer (its JSON reader and a DWORD both hold 32 bits). */
const isInt32 = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first place where `value` does not fit `node`, as [path, expected type]; null if it fits. */
function firstMismatch(value: unknown, node: SchemaNode, path: string): [string, SchemaNode['type']] | null {
  switch (node.type) {
    case 'string':
      return typeof value === 'string' ? null : [path, 'string'];
    case 'boolean':
      return typeof value === 'boolean' ? null : [path, 'boolean'];
    case 'integer':
      return isInt32(value) ? null : [path, 'integer'];
    case 'array': {
      if (!Array.isArray(value)) return [path, 'array'];
      for (let i = 0; i < value.length; i++) {
        const m = firstMismatch(value[i], node.items, `${path}[${i}]`);
        if (m) return m;
      }
      return null;
    }
    case 'object': {
      if (!isRecord(value)) return [path, 'object'];
      for (const [k, sub] of Object.entries(node.properties)) {
        if (value[k] === undefined) continue;
        const m = firstMismatch(value[k], sub, `${path}.${k}`);
        if (m) return m;
      }
      return null;
    }
  }
}

export interface PolicyCheck {
  /** What `parsePolicy` reports: the list the status page shows once this policy is in force. */
  problems: PolicyProblem[];
  /**
   * Values whose type does not fit public/managed_schema.json, and keys the Windows registry cannot
   * keep apart. Chrome and Edge drop such a value (or the part of it that does not fit) before the
   * extension sees it, so the status page can never list it. Firefox passes values on unchecked.
   */
  droppedByChrome: DroppedProblem[];
}

/** A value Chrome and Edge would drop: the English sentences, and the reason as a code for the page. */
export interface DroppedProblem extends PolicyProblem {
  dropped: DroppedSay;
}

/** The English words (from the catalogue) beside the code. */
function droppedProblem(key: string, dropped: DroppedSay): DroppedProblem {
  return { key, ...sayDropped(enAdmin.builder.droppedWhy, dropped), dropped };
}

/** Checks a raw policy the way the extension will, and the way Chrome and Edge will before it. */
export function checkPolicy(raw: unknown): PolicyCheck {
  const { problems } = parsePolicy(raw);
  const droppedByChrome: DroppedProblem[] = [];
  if (isRecord(raw)) {
    const seen = new Map<string, string>();
    for (const [key, value] of Object.entries(raw)) {
      if (value === undefined) continue;
      const lower = key.toLowerCase();
      const earlier = seen.get(lower);
      if (earlier !== undefined) {
        droppedByChrome.push(droppedProblem(key, { code: 'registryCase', earlier }));
      } else seen.set(lower, key);
      const node = MANAGED_SCHEMA.properties[key];
      if (!node) continue; // parsePolicy already reports it as an unknown key
      const m = firstMismatch(value, node, key);
      if (m) droppedByChrome.push(droppedProblem(m[0], { code: 'schemaType', expected: m[1] }));
    }
  }
  return { problems, droppedByChrome };
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the builders

function requirePolicyObject(policy: unknown): asserts policy is Record<string, unknown> {
  if (!isRecord(policy)) fail({ code: 'notObject' });
}

/** Top-level entries that JSON would keep (undefined, functions and symbols have no JSON form). */
function entries(policy: Record<string, unknown>): [string, unknown][] {
  return Object.entries(policy).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
}

const pretty = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A copy through JSON, so what a file carries is exactly what JSON.parse gives back. */
const viaJson = (policy: Record<string, unknown>): unknown => JSON.parse(JSON.stringify(policy)) as unknown;

const CHROME_ID = /^[a-p]{32}$/;

function requireExtensionId(id: string): void {
  if (!CHROME_ID.test(id)) {
    fail({ code: 'notExtensionId', id });
  }
}

function requireUpdateUrl(url: string): void {
  let ok: boolean;
  try {
    const u = new URL(url);
    ok = (u.protocol === 'https:' || u.protocol === 'http:') && !url.includes(';');
  } catch {
    ok = false;
  }
  if (!ok) fail({ code: 'notUpdateUrl', url });
}

/** ExtensionInstallForcelist's entry: "<id>;<update URL>". */
const forcelistEntry = (extensionId: string, updateUrl: string): string => `${extensionId};${updateUrl}`;

// ---------------------------------------------------------------------------------------------
// Google Admin console

/**
 * The text for **Policy for extensions** in the Google Admin console: each top-level key's value
 * wrapped as `{"Value": ...}`.
 */
export function googleAdminJson(policy: Record<string, unknown>): string {
  requirePolicyObject(policy);
  const copy = viaJson(policy) as Record<string, unknown>;
  const wrapped: Record<string, { Value: unknown }> = {};
  for (const [key, value] of Object.entries(copy)) wrapped[key] = { Value: value };
  return pretty(wrapped);
}

// ---------------------------------------------------------------------------------------------
// Windows .reg

const CRLF = '\r\n';

/** A quoted .reg string: backslash and double quote escaped. Only for printable ASCII. */
const regQuote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const isPrintableAscii = (s: string): boolean => /^[\x20-\x7e]*$/.test(s);

/** JSON with every character outside printable ASCII written as \uXXXX: the same value, in ASCII. */
const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const dword = (n: number): string => `dword:${(n >>> 0).toString(16).padStart(8, '0')}`;

/**
 * A REG_SZ as `hex(1):` bytes (UTF-16LE, with its terminating NUL), wrapped the way regedit
 * writes it. Used for text that is not printable ASCII, so the file itself stays ASCII: regedit
 * reads a file without a byte-order mark in the machine's ANSI code page, which would garble
 * "é" and cannot hold a line break inside quotes.
 */
function regHexString(name: string, s: string): string[] {
  const bytes: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    bytes.push((unit & 0xff).toString(16).padStart(2, '0'), (unit >> 8).toString(16).padStart(2, '0'));
  }
  bytes.push('00', '00');
  const lines: string[] = [];
  let line = `${regQuote(name)}=hex(1):`;
  bytes.forEach((b, i) => {
    const piece = i < bytes.length - 1 ? `${b},` : b;
    if (line.length + piece.length > 77 && !line.endsWith(':')) {
      lines.push(`${line}\\`);
      line = `  ${piece}`;
    } else line += piece;
  });
  lines.push(line);
  return lines;
}

/**
 * One registry value, as Chrome's registry reader expects it for the extension's schema:
 * text as REG_SZ, whole numbers as REG_DWORD, true/false as DWORD 1/0, lists and objects as
 * JSON in a REG_SZ. A number a DWORD cannot carry as Chrome reads it (a fraction, or beyond
 * 32-bit signed) is written as text, which Chrome drops just as it drops that number from JSON.
 * null has no registry form and is left out; Chrome drops it from JSON too.
 */
function regValue(name: string, value: unknown): string[] {
  if (value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol') return [];
  if (typeof value === 'boolean') return [`${regQuote(name)}=${dword(value ? 1 : 0)}`];
  if (isInt32(value)) return [`${regQuote(name)}=${dword(value)}`];
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : asciiJson(value);
  return isPrintableAscii(text) ? [`${regQuote(name)}=${regQuote(text)}`] : regHexString(name, text);
}

export interface WindowsRegOptions {
  extensionId: string;
  browsers: WindowsBrowser[];
  /** Also write the recommended browser policies and force-install the extension. */
  recommended: boolean;
  /** For ExtensionInstallForcelist; default the Chrome Web Store's. */
  updateUrl?: string;
}

/**
 * A `.reg` file (CRLF line ends, ASCII only) that sets the extension's policy under
 * `HKLM\Software\Policies\<browser>\3rdparty\extensions\<id>\policy` for each browser asked for.
 * It first deletes that key, so a key removed from the policy does not linger from an earlier
 * import. With `recommended`, it also sets the recommended browser policies and adds the extension
 * to ExtensionInstallForcelist as entry "1".
 *
 * Policy keys that are not printable ASCII are left out: none is a Hall Pass key, and a .reg file
 * has no way to write such a name that survives regedit's code page.
 */
export function windowsReg(policy: Record<string, unknown>, opts: WindowsRegOptions): string {
  requirePolicyObject(policy);
  requireExtensionId(opts.extensionId);
  const updateUrl = opts.updateUrl ?? CHROME_WEB_STORE_UPDATE_URL;
  requireUpdateUrl(updateUrl);
  const browsers = [...new Set(opts.browsers)];
  if (browsers.length === 0) fail({ code: 'noBrowser' });
  for (const b of browsers) {
    if (!(b in WINDOWS_ROOTS)) fail({ code: 'unknownBrowser', browser: String(b) });
  }

  const values = entries(policy)
    .filter(([key]) => isPrintableAscii(key))
    .flatMap(([key, value]) => regValue(key, value));

  const lines: string[] = ['Windows Registry Editor Version 5.00', ''];
  for (const browser of browsers) {
    const { root, recommended } = WINDOWS_ROOTS[browser];
    const policyKey = `${root}\\3rdparty\\extensions\\${opts.extensionId}\\policy`;
    lines.push(
      `; Hall Pass policy for ${browser === 'chrome' ? 'Google Chrome' : 'Microsoft Edge'}: remove the old one, then write this one.`,
      `[-${policyKey}]`,
      '',
      `[${policyKey}]`,
      ...values,
      '',
    );
    if (opts.recommended) {
      lines.push(
        `[${root}]`,
        ...Object.entries(recommended).flatMap(([k, v]) => regValue(k, v)),
        '',
        `[${root}\\ExtensionInstallForcelist]`,
        '; If another extension already uses entry "1", change the number to one not in use.',
        `${regQuote('1')}=${regQuote(forcelistEntry(opts.extensionId, updateUrl))}`,
        '',
      );
    }
  }
  return lines.join(CRLF);
}

// ---------------------------------------------------------------------------------------------
// Firefox policies.json

export interface FirefoxOptions {
  geckoId: string;
  /** Where Firefox downloads the signed .xpi from. */
  installUrl: string;
  /** Also write DisablePrivateBrowsing and NetworkPrediction. */
  recommended: boolean;
}

/**
 * `policies.json` that force-installs the extension (ExtensionSettings) and gives it its policy
 * (`3rdparty` → `Extensions` → gecko id). Firefox reads the file when it starts.
 */
export function firefoxPoliciesJson(policy: Record<string, unknown>, opts: FirefoxOptions): string {
  requirePolicyObject(policy);
  if (typeof opts.geckoId !== 'string' || opts.geckoId.trim() === '') {
    fail({ code: 'noGeckoId' });
  }
  let urlOk: boolean;
  try {
    urlOk = ['https:', 'http:', 'file:'].includes(new URL(opts.installUrl).protocol);
  } catch {
    urlOk = false;
  }
  if (!urlOk) fail({ code: 'notXpiUrl', url: opts.installUrl });

  return pretty({
    policies: {
      ExtensionSettings: {
        [opts.geckoId]: { installation_mode: 'force_installed', install_url: opts.installUrl },
      },
      '3rdparty': { Extensions: { [opts.geckoId]: viaJson(policy) } },
      ...(opts.recommended ? FIREFOX_RECOMMENDED : {}),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Linux Chrome / Chromium JSON

export interface LinuxChromeOptions {
  extensionId: string;
  /** Also write the recommended browser policies and force-install the extension. */
  recommended: boolean;
  /** For ExtensionInstallForcelist; default the Chrome Web Store's. */
  updateUrl?: string;
}

/**
 * A managed policy file for `/etc/opt/chrome/policies/managed/` (Chrome) or
 * `/etc/chromium/policies/managed/` (Chromium).
 */
export function linuxChromeJson(policy: Record<string, unknown>, opts: LinuxChromeOptions): string {
  requirePolicyObject(policy);
  requireExtensionId(opts.extensionId);
  const updateUrl = opts.updateUrl ?? CHROME_WEB_STORE_UPDATE_URL;
  requireUpdateUrl(updateUrl);
  return pretty({
    '3rdparty': { extensions: { [opts.extensionId]: viaJson(policy) } },
    ...(opts.recommended ? { ...CHROME_RECOMMENDED, ExtensionInstallForcelist: [forcelistEntry(opts.extensionId, updateUrl)] } : {}),
  });
}
