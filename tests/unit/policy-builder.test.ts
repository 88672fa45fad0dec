import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHROME_RECOMMENDED,
  CHROME_WEB_STORE_UPDATE_URL,
  EDGE_RECOMMENDED,
  MANAGED_SCHEMA,
  checkPolicy,
  firefoxPoliciesJson,
  googleAdminJson,
  linuxChromeJson,
  windowsReg,
  type SchemaNode,
} from '../../utils/core/policy-builder';
import { parsePolicy } from '../../utils/core/policy';
import { CHROME_EXTENSION_ID, GECKO_ID } from '../../utils/extension-identity';

const ID = CHROME_EXTENSION_ID;
const CHROME_POLICY_KEY = `HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${ID}\\policy`;
const EDGE_POLICY_KEY = `HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${ID}\\policy`;
const XPI = 'https://deploy.ashgrove.example/hall-pass.xpi';
/** Has the form the policy parser accepts (it never checks the hash against anything). */
const HASH = `pbkdf2-sha256$600000$${'A'.repeat(22)}==$${'B'.repeat(43)}=`;

/** The README's full example, with hashes of a form the parser accepts. */
const FULL = {
  role: 'pupil',
  roleRules: [
    { email: '*@staff.ashgrove.sch.uk', role: 'staff' },
    { email: '*@governors.ashgrove.sch.uk', role: 'governor' },
  ],
  timezone: 'Europe/London',
  schoolHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '15:30' }],
  closedDates: [
    { from: '2026-12-21', to: '2027-01-01', label: 'Christmas holidays' },
    { from: '2027-01-04', to: '2027-01-04', label: 'INSET day' },
  ],
  networks: ['facebook', 'instagram', 'tiktok'],
  extraSites: ['forum.example.org'],
  actions: { staff: { schoolHours: 'block', otherTimes: 'warn' } },
  warnMinutes: 15,
  school: { name: 'Ash Grove Academy', policyUrl: 'https://ashgrove.example/policies/social-media' },
  dsl: { name: 'Gemma Williams', contact: 'safeguarding@ashgrove.example', passphraseHash: HASH },
  device: { label: 'ICT suite PC 12' },
  log: { recordFullUrl: false, retentionDays: 365, flagThreshold: 5 },
  approvedUses: [{ url: 'https://x.com/AshGroveAcademy', roles: ['staff'], purpose: 'School X account', schoolHoursOnly: false }],
  exceptions: {
    roles: ['staff', 'governor'],
    maxMinutes: 60,
    approval: 'approver-pin',
    approvers: [{ name: 'Mrs Shah (Head teacher)', pinHash: HASH }],
  },
};

/** Text that .reg files and JSON get wrong when escaping is forgotten. */
const AWKWARD = {
  role: 'pupil',
  timezone: 'Europe/London',
  school: { name: 'Ysgol "Bro" Dâr \\ Académie 🏫', policyUrl: 'https://ashgrove.example/a?b="c"\\d' },
  dsl: { name: "Siân O'Brien", contact: 'Room 4\nBlock B\ttab' },
  device: { label: 'C:\\Suite\\PC 12 \u2028 \u0000 \u007f' },
  closedDates: [{ from: '2026-10-26', to: '2026-10-30', label: 'Hanner tymor — half term' }],
};

/** Values that fit the schema's types but not the policy: parsePolicy must report the same problems. */
const FLAWED = {
  role: 'head-boy',
  timezone: 'Mars/Olympus_Mons',
  warnMinutes: -5,
  schoolHours: [{ days: ['mon'], start: '15:30', end: '08:30' }],
  networks: ['myspace'],
  exceptions: { approval: 'approver-pin', maxMinutes: 5000 },
  log: { retentionDays: 2147483647 },
  approvedUses: [{ url: 'https://x.com/', purpose: 'whole site' }],
  mystery: 'unknown key',
};

const CASES: [string, Record<string, unknown>][] = [
  ['the README full example', FULL],
  ['awkward text', AWKWARD],
  ['a policy with mistakes', FLAWED],
  ['an empty policy', {}],
];

// --- A tiny .reg reader: enough of regedit's format and of Chrome's registry conversion -------

type RegData = string | number;

interface RegFile {
  header: string;
  deleted: string[];
  keys: Map<string, Map<string, RegData>>;
}

/** Reads `"..."` at `s[i]`; returns the unescaped text and the index after the closing quote. */
function readQuoted(s: string, i: number): [string, number] {
  if (s[i] !== '"') throw new Error(`expected a quote at ${i} in ${s}`);
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') {
      const next = s[j + 1];
      if (next !== '\\' && next !== '"') throw new Error(`bad escape \\${next} in ${s}`);
      out += next;
      j++;
    } else if (c === '"') return [out, j + 1];
    else out += c;
  }
  throw new Error(`unterminated string in ${s}`);
}

function readData(data: string): RegData {
  if (data.startsWith('"')) {
    const [text, end] = readQuoted(data, 0);
    if (end !== data.length) throw new Error(`trailing text after ${data}`);
    return text;
  }
  const dw = /^dword:([0-9a-f]{8})$/.exec(data);
  // Chrome reads a DWORD as a signed int.
  if (dw) return parseInt(dw[1] ?? '', 16) | 0;
  const hex = /^hex\(1\):((?:[0-9a-f]{2},)*[0-9a-f]{2})$/.exec(data);
  if (hex) {
    const bytes = (hex[1] ?? '').split(',').map((b) => parseInt(b, 16));
    let text = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
    if (!text.endsWith('\0')) throw new Error('REG_SZ without its NUL');
    return text.slice(0, -1);
  }
  throw new Error(`unknown data ${data}`);
}

function readReg(file: string): RegFile {
  expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only
  const raw = file.split('\r\n');
  // Join regedit's continuation lines ("...,\" then "  ...").
  const lines: string[] = [];
  for (const line of raw) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.endsWith('\\')) lines[lines.length - 1] = last.slice(0, -1) + line.trimStart();
    else lines.push(line);
  }
  const reg: RegFile = { header: lines[0] ?? '', deleted: [], keys: new Map() };
  let current: Map<string, RegData> | null = null;
  for (const line of lines.slice(1)) {
    if (line === '' || line.startsWith(';')) continue;
    const del = /^\[-(.+)\]$/.exec(line);
    const key = /^\[([^-].*)\]$/.exec(line);
    if (del) {
      reg.deleted.push(del[1] ?? '');
      current = null;
    } else if (key) {
      current = reg.keys.get(key[1] ?? '') ?? new Map();
      reg.keys.set(key[1] ?? '', current);
    } else {
      if (!current) throw new Error(`value outside a key: ${line}`);
      const [name, end] = readQuoted(line, 0);
      expect(line[end]).toBe('=');
      current.set(name, readData(line.slice(end + 1)));
    }
  }
  return reg;
}

/** What Chrome makes of a registry value for a top-level property (registry_dict.cc, simplified). */
function chromeConvert(value: RegData, node: SchemaNode | undefined): unknown {
  if (!node) return value;
  switch (node.type) {
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'integer':
      if (typeof value === 'number') return value;
      return /^-?\d+$/.test(value) && Number(value) === (Number(value) | 0) ? Number(value) : undefined;
    case 'boolean':
      return typeof value === 'number' ? value !== 0 : undefined;
    case 'array':
    case 'object': {
      if (typeof value !== 'string') return undefined;
      const parsed = JSON.parse(value) as unknown;
      const isList = Array.isArray(parsed);
      const isObject = typeof parsed === 'object' && parsed !== null && !isList;
      return (node.type === 'array' ? isList : isObject) ? parsed : undefined;
    }
  }
}

/** The policy Chrome would hand the extension from one registry key. */
function policyFromRegKey(values: Map<string, RegData> | undefined): Record<string, unknown> {
  expect(values).toBeDefined();
  const out: Record<string, unknown> = {};
  for (const [name, data] of values ?? []) {
    const v = chromeConvert(data, MANAGED_SCHEMA.properties[name]);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

// --- Tests --------------------------------------------------------------------------------------

describe('round trips: each format carries the policy unchanged', () => {
  it.each(CASES)('Google Admin console: %s', (_, policy) => {
    const wrapped = JSON.parse(googleAdminJson(policy)) as Record<string, { Value: unknown }>;
    const unwrapped = Object.fromEntries(Object.entries(wrapped).map(([k, v]) => [k, v.Value]));
    expect(parsePolicy(unwrapped)).toEqual(parsePolicy(policy));
  });

  it.each(CASES)('Windows .reg (Chrome and Edge): %s', (_, policy) => {
    const reg = readReg(windowsReg(policy, { extensionId: ID, browsers: ['chrome', 'edge'], recommended: true }));
    expect(parsePolicy(policyFromRegKey(reg.keys.get(CHROME_POLICY_KEY)))).toEqual(parsePolicy(policy));
    expect(parsePolicy(policyFromRegKey(reg.keys.get(EDGE_POLICY_KEY)))).toEqual(parsePolicy(policy));
  });

  it.each(CASES)('Firefox policies.json: %s', (_, policy) => {
    const json = JSON.parse(firefoxPoliciesJson(policy, { geckoId: GECKO_ID, installUrl: XPI, recommended: true })) as {
      policies: { '3rdparty': { Extensions: Record<string, unknown> } };
    };
    expect(parsePolicy(json.policies['3rdparty'].Extensions[GECKO_ID])).toEqual(parsePolicy(policy));
  });

  it.each(CASES)('Linux Chrome JSON: %s', (_, policy) => {
    const json = JSON.parse(linuxChromeJson(policy, { extensionId: ID, recommended: true })) as {
      '3rdparty': { extensions: Record<string, unknown> };
    };
    expect(parsePolicy(json['3rdparty'].extensions[ID])).toEqual(parsePolicy(policy));
  });

  it('keeps the values exactly, not just what they parse to', () => {
    const linux = JSON.parse(linuxChromeJson(AWKWARD, { extensionId: ID, recommended: false })) as {
      '3rdparty': { extensions: Record<string, unknown> };
    };
    expect(linux['3rdparty'].extensions[ID]).toEqual(AWKWARD);
    const reg = readReg(windowsReg(AWKWARD, { extensionId: ID, browsers: ['chrome'], recommended: false }));
    expect(policyFromRegKey(reg.keys.get(CHROME_POLICY_KEY))).toEqual(AWKWARD);
  });
});

describe('Google Admin console JSON', () => {
  it('wraps each top-level value as {"Value": ...} and nothing deeper', () => {
    const text = googleAdminJson({ role: 'staff', warnMinutes: 20, school: { name: 'Ash Grove Academy' }, networks: ['x'] });
    expect(JSON.parse(text)).toEqual({
      role: { Value: 'staff' },
      warnMinutes: { Value: 20 },
      school: { Value: { name: 'Ash Grove Academy' } },
      networks: { Value: ['x'] },
    });
    expect(text).toContain('\n  "role": {\n    "Value": "staff"\n  }');
  });

  it('leaves out keys whose value is undefined', () => {
    expect(JSON.parse(googleAdminJson({ role: 'pupil', timezone: undefined }))).toEqual({ role: { Value: 'pupil' } });
  });

  it('refuses something that is not an object', () => {
    expect(() => googleAdminJson([] as unknown as Record<string, unknown>)).toThrow(TypeError);
  });
});

describe('Windows .reg', () => {
  const chromeOnly = (policy: Record<string, unknown>, recommended = false) => windowsReg(policy, { extensionId: ID, browsers: ['chrome'], recommended });

  it('starts with the header line, uses CRLF throughout and is plain ASCII', () => {
    const text = windowsReg(AWKWARD, { extensionId: ID, browsers: ['chrome', 'edge'], recommended: true });
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n\r\n')).toBe(true);
    expect(text.split('\r\n').join('')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toMatch(/^[\x20-\x7e\r\n]*$/);
  });

  it('writes the README example as the README shows it', () => {
    const text = chromeOnly({
      role: 'pupil',
      timezone: 'Europe/London',
      warnMinutes: 15,
      schoolHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '15:30' }],
      dsl: { name: 'Gemma Williams', contact: 'safeguarding@ashgrove.example' },
    });
    const lines = text.split('\r\n');
    expect(lines).toContain(`[${CHROME_POLICY_KEY}]`);
    expect(lines).toContain('"role"="pupil"');
    expect(lines).toContain('"timezone"="Europe/London"');
    expect(lines).toContain('"warnMinutes"=dword:0000000f');
    expect(lines).toContain(String.raw`"schoolHours"="[{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],\"start\":\"08:30\",\"end\":\"15:30\"}]"`);
    expect(lines).toContain(String.raw`"dsl"="{\"name\":\"Gemma Williams\",\"contact\":\"safeguarding@ashgrove.example\"}"`);
  });

  it('deletes the old policy key first, so a key taken out of the policy does not linger', () => {
    const lines = chromeOnly({ role: 'pupil' }).split('\r\n');
    const del = lines.indexOf(`[-${CHROME_POLICY_KEY}]`);
    expect(del).toBeGreaterThan(0);
    expect(lines.indexOf(`[${CHROME_POLICY_KEY}]`)).toBeGreaterThan(del);
  });

  it('escapes quotes and backslashes, in plain text and inside JSON', () => {
    const lines = chromeOnly({ timezone: 'a"b\\c', school: { name: 'A "B" C:\\x' } }).split('\r\n');
    expect(lines).toContain(String.raw`"timezone"="a\"b\\c"`);
    // JSON escapes first ("A \"B\" C:\\x"), then the .reg escapes that.
    expect(lines).toContain(String.raw`"school"="{\"name\":\"A \\\"B\\\" C:\\\\x\"}"`);
  });

  it('escapes a quote or backslash in a value name too', () => {
    const reg = readReg(chromeOnly({ 'we"ird\\key': 'x' }));
    expect(reg.keys.get(CHROME_POLICY_KEY)?.get('we"ird\\key')).toBe('x');
    expect(chromeOnly({ 'we"ird\\key': 'x' })).toContain(String.raw`"we\"ird\\key"="x"`);
  });

  it('writes non-ASCII inside JSON as \\u escapes, keeping the file ASCII', () => {
    const lines = chromeOnly({ school: { name: 'Académie 🏫' } }).split('\r\n');
    expect(lines).toContain(String.raw`"school"="{\"name\":\"Acad\\u00e9mie \\ud83c\\udfeb\"}"`);
  });

  it('writes plain text that is not printable ASCII as hex(1), UTF-16LE with its NUL', () => {
    const text = chromeOnly({ role: 'élève' });
    expect(text.split('\r\n')).toContain('"role"=hex(1):e9,00,6c,00,e8,00,76,00,65,00,00,00');
    const long = 'Ysgol Gymraeg Bro Dâr, Ysgol Gymraeg Bro Dâr, Ysgol Gymraeg Bro Dâr';
    const wrapped = chromeOnly({ timezone: long });
    const hexLines = wrapped.split('\r\n').filter((l) => /^("timezone"=hex| {2}[0-9a-f]{2},)/.test(l));
    expect(hexLines.length).toBeGreaterThan(1);
    for (const l of hexLines) expect(l.length).toBeLessThanOrEqual(80);
    expect(readReg(wrapped).keys.get(CHROME_POLICY_KEY)?.get('timezone')).toBe(long);
    // A line break cannot sit inside quotes in a .reg file.
    expect(
      readReg(chromeOnly({ role: 'a\r\nb' }))
        .keys.get(CHROME_POLICY_KEY)
        ?.get('role'),
    ).toBe('a\r\nb');
  });

  it('writes whole numbers and true/false as DWORDs, negative numbers as Chrome reads them back', () => {
    const lines = chromeOnly({ warnMinutes: 255, flag: true, off: false, minus: -5, big: 2147483647 }).split('\r\n');
    expect(lines).toContain('"warnMinutes"=dword:000000ff');
    expect(lines).toContain('"flag"=dword:00000001');
    expect(lines).toContain('"off"=dword:00000000');
    expect(lines).toContain('"minus"=dword:fffffffb');
    expect(lines).toContain('"big"=dword:7fffffff');
  });

  it('writes a number no DWORD holds as text, and leaves out null', () => {
    const lines = chromeOnly({ warnMinutes: 1.5, retention: 2 ** 31, school: null }).split('\r\n');
    expect(lines).toContain('"warnMinutes"="1.5"');
    expect(lines).toContain('"retention"="2147483648"');
    expect(lines.some((l) => l.startsWith('"school"'))).toBe(false);
  });

  it('adds the Edge key only when Edge is asked for', () => {
    expect(chromeOnly(FULL)).not.toContain('Microsoft\\Edge');
    const both = readReg(windowsReg(FULL, { extensionId: ID, browsers: ['chrome', 'edge'], recommended: false }));
    expect(both.keys.has(CHROME_POLICY_KEY)).toBe(true);
    expect(both.keys.has(EDGE_POLICY_KEY)).toBe(true);
    const edge = readReg(windowsReg(FULL, { extensionId: ID, browsers: ['edge'], recommended: false }));
    expect([...edge.keys.keys()]).toEqual([EDGE_POLICY_KEY]);
    expect(edge.deleted).toEqual([EDGE_POLICY_KEY]);
  });

  it('writes the recommended browser policies and the force-install entry only when asked', () => {
    const without = readReg(windowsReg(FULL, { extensionId: ID, browsers: ['chrome', 'edge'], recommended: false }));
    expect([...without.keys.keys()]).toEqual([CHROME_POLICY_KEY, EDGE_POLICY_KEY]);

    const reg = readReg(windowsReg(FULL, { extensionId: ID, browsers: ['chrome', 'edge'], recommended: true }));
    const chrome = reg.keys.get('HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome');
    expect(Object.fromEntries(chrome ?? [])).toEqual({
      IncognitoModeAvailability: 1,
      BrowserGuestModeEnabled: 0,
      BrowserAddPersonEnabled: 0,
      NetworkPredictionOptions: 2,
    });
    const edge = reg.keys.get('HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Edge');
    expect(Object.fromEntries(edge ?? [])).toEqual({
      InPrivateModeAvailability: 1,
      BrowserGuestModeEnabled: 0,
      BrowserAddProfileEnabled: 0,
      NetworkPredictionOptions: 2,
    });
    for (const root of ['Google\\Chrome', 'Microsoft\\Edge']) {
      const forcelist = reg.keys.get(`HKEY_LOCAL_MACHINE\\Software\\Policies\\${root}\\ExtensionInstallForcelist`);
      expect(Object.fromEntries(forcelist ?? [])).toEqual({ '1': `${ID};${CHROME_WEB_STORE_UPDATE_URL}` });
    }
    // Only the extension's own policy key is ever deleted.
    expect(reg.deleted).toEqual([CHROME_POLICY_KEY, EDGE_POLICY_KEY]);
  });

  it('uses the update URL given', () => {
    const url = 'https://deploy.ashgrove.example/hall-pass/updates.xml';
    const reg = readReg(windowsReg({}, { extensionId: ID, browsers: ['chrome'], recommended: true, updateUrl: url }));
    expect(reg.keys.get('HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome\\ExtensionInstallForcelist')?.get('1')).toBe(`${ID};${url}`);
  });

  it('refuses options that would make a broken file', () => {
    const base = { extensionId: ID, browsers: ['chrome'] as ('chrome' | 'edge')[], recommended: false };
    expect(() => windowsReg({}, { ...base, extensionId: 'abc' })).toThrow(RangeError);
    expect(() => windowsReg({}, { ...base, extensionId: `${ID.slice(0, 31)}]` })).toThrow(RangeError);
    expect(() => windowsReg({}, { ...base, browsers: [] })).toThrow(RangeError);
    expect(() => windowsReg({}, { ...base, browsers: ['opera' as 'chrome'] })).toThrow(RangeError);
    expect(() => windowsReg({}, { ...base, updateUrl: 'ftp://example.org/x' })).toThrow(RangeError);
    expect(() => windowsReg({}, { ...base, updateUrl: 'https://example.org/a;b' })).toThrow(RangeError);
  });
});

describe('Firefox policies.json', () => {
  it('force-installs the extension and gives it its policy under 3rdparty', () => {
    const json = JSON.parse(firefoxPoliciesJson({ role: 'pupil' }, { geckoId: GECKO_ID, installUrl: XPI, recommended: false }));
    expect(json).toEqual({
      policies: {
        ExtensionSettings: { [GECKO_ID]: { installation_mode: 'force_installed', install_url: XPI } },
        '3rdparty': { Extensions: { [GECKO_ID]: { role: 'pupil' } } },
      },
    });
  });

  it('adds DisablePrivateBrowsing and NetworkPrediction only when asked', () => {
    const json = JSON.parse(firefoxPoliciesJson({}, { geckoId: GECKO_ID, installUrl: XPI, recommended: true })) as {
      policies: Record<string, unknown>;
    };
    expect(json.policies.DisablePrivateBrowsing).toBe(true);
    expect(json.policies.NetworkPrediction).toBe(false);
  });

  it('accepts a file address for the .xpi and refuses a bad one or an empty id', () => {
    expect(() => firefoxPoliciesJson({}, { geckoId: GECKO_ID, installUrl: 'file:///opt/hall-pass.xpi', recommended: false })).not.toThrow();
    expect(() => firefoxPoliciesJson({}, { geckoId: GECKO_ID, installUrl: 'hall-pass.xpi', recommended: false })).toThrow(RangeError);
    expect(() => firefoxPoliciesJson({}, { geckoId: ' ', installUrl: XPI, recommended: false })).toThrow(RangeError);
  });
});

describe('Linux Chrome JSON', () => {
  it('puts the policy under 3rdparty.extensions.<id>', () => {
    expect(JSON.parse(linuxChromeJson({ role: 'staff' }, { extensionId: ID, recommended: false }))).toEqual({
      '3rdparty': { extensions: { [ID]: { role: 'staff' } } },
    });
  });

  it('adds the recommended browser policies and the force-install entry only when asked', () => {
    const json = JSON.parse(linuxChromeJson({}, { extensionId: ID, recommended: true })) as Record<string, unknown>;
    expect(json).toEqual({
      '3rdparty': { extensions: { [ID]: {} } },
      ...CHROME_RECOMMENDED,
      ExtensionInstallForcelist: [`${ID};${CHROME_WEB_STORE_UPDATE_URL}`],
    });
    expect(json.BrowserGuestModeEnabled).toBe(false);
    expect(json.NetworkPredictionOptions).toBe(2);
  });
});

describe('checkPolicy', () => {
  it('returns exactly the problems parsePolicy finds', () => {
    expect(checkPolicy(FLAWED).problems).toEqual(parsePolicy(FLAWED).problems);
    expect(checkPolicy(FLAWED).problems.length).toBeGreaterThan(5);
    expect(checkPolicy(FULL)).toEqual({ problems: [], droppedByChrome: [] });
  });

  it('lists values whose type Chrome and Edge would drop before the extension sees them', () => {
    const { droppedByChrome } = checkPolicy({
      warnMinutes: '15',
      schoolHours: [{ days: ['mon'], start: 830, end: '15:30' }],
      log: { recordFullUrl: 'yes' },
      school: null,
      exceptions: { maxMinutes: 1.5 },
      role: 'pupil',
    });
    expect(droppedByChrome.map((p) => p.key)).toEqual(['warnMinutes', 'schoolHours[0].start', 'log.recordFullUrl', 'school', 'exceptions.maxMinutes']);
    expect(droppedByChrome[0]?.problem).toMatch(/whole number/);
  });

  it('warns when two keys differ only in case (one registry value on Windows)', () => {
    const { droppedByChrome } = checkPolicy({ role: 'pupil', Role: 'staff' });
    expect(droppedByChrome).toHaveLength(1);
    expect(droppedByChrome[0]?.key).toBe('Role');
  });

  it('never throws, whatever it is given', () => {
    for (const raw of [undefined, null, 'x', [], 5, { role: 1n }]) expect(() => checkPolicy(raw)).not.toThrow();
  });
});

describe('MANAGED_SCHEMA', () => {
  /** public/managed_schema.json without titles and descriptions. */
  function shape(node: Record<string, unknown>): unknown {
    const out: Record<string, unknown> = { type: node.type };
    if (node.items) out.items = shape(node.items as Record<string, unknown>);
    if (node.properties) {
      out.properties = Object.fromEntries(Object.entries(node.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [k, shape(v)]));
    }
    return out;
  }

  it('matches public/managed_schema.json', () => {
    const file = JSON.parse(readFileSync(new URL('../../public/managed_schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(MANAGED_SCHEMA).toEqual(shape(file));
  });

  it('names the recommended policies of both browsers', () => {
    expect(Object.keys(CHROME_RECOMMENDED)).toContain('BrowserAddPersonEnabled');
    expect(Object.keys(EDGE_RECOMMENDED)).toContain('BrowserAddProfileEnabled');
  });
});
