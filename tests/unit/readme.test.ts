/**
 * The README is the project's front door: what it (and docs/*.md) says about commands, policy
 * keys, environment variables, the hub's CLI and file paths must be true. Each check reads the
 * real files (package.json, the schema, the parser, the code that reads the environment, the
 * CLI's own usage text) and the Markdown, in both directions: something added without being
 * documented fails, and so does something documented that does not exist.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTIONS, DEFAULT_POLICY, parsePolicy } from '../../utils/core/policy';
import { CATALOGUE } from '../../utils/core/catalogue';
import { PUPIL_LANGUAGES } from '../../utils/core/i18n/languages';
import { ROLES } from '../../utils/core/types';
import { CHROME_EXTENSION_ID, CHROME_PUBLIC_KEY, GECKO_ID } from '../../utils/extension-identity';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

const README = read('README.md');
/** Every Markdown file a reader is sent to: README.md and docs/*.md. */
const DOCS: { file: string; text: string }[] = [
  { file: 'README.md', text: README },
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ file: `docs/${f}`, text: read(`docs/${f}`) })),
];

// ---------------------------------------------------------------------------------------------
// Markdown helpers

interface Table {
  header: string[];
  rows: string[][];
}

/** The cells of a Markdown table row (a `\|` inside a cell is not a separator). */
const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

function tables(md: string): Table[] {
  const out: Table[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    if (!lines[i]!.trim().startsWith('|') || !/^\s*\|\s*:?-{3,}/.test(lines[i + 1]!)) continue;
    const table: Table = { header: cells(lines[i]!), rows: [] };
    let j = i + 2;
    for (; j < lines.length && lines[j]!.trim().startsWith('|'); j++) table.rows.push(cells(lines[j]!));
    out.push(table);
    i = j - 1;
  }
  return out;
}

const tablesHeaded = (md: string, first: string) => tables(md).filter((t) => t.header[0]?.toLowerCase() === first);
/** Code spans (`...`) outside fenced blocks. */
const backticked = (s: string) => [...s.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** Splits like a shell (quotes kept together), and keeps a `[...]` optional group as one token. */
function tokens(s: string): string[] {
  const raw = [...s.matchAll(/<[^>]*>|"[^"]*"|'[^']*'|\S+/g)].map((m) => m[0]);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i]!;
    if (t.startsWith('[')) while (!t.endsWith(']') && i + 1 < raw.length) t += ` ${raw[++i]!}`;
    out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 1. npm scripts

const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const SCRIPTS = Object.keys(pkg.scripts);
/** npm's own commands (and its log prefix `npm warn`) that the docs may show: not scripts. */
const NPM_OWN = new Set(['ci', 'install', 'warn']);
/** `npm <x>` shorthands that run the script of the same name. */
const NPM_SHORTHANDS = new Set(['start', 'test', 'stop', 'restart']);
/** Lifecycle hooks npm runs by itself: nobody types them, so the command table need not list them. */
const isLifecycleHook = (name: string) =>
  ['preinstall', 'install', 'postinstall', 'prepare', 'prepublishOnly', 'prepack', 'postpack'].includes(name) ||
  SCRIPTS.some((s) => name === `pre${s}` || name === `post${s}`);

/** Every `npm ...` invocation in a text: which script it runs, or which npm command. */
function npmInvocations(text: string): { script?: string; own?: string; raw: string }[] {
  return [...text.matchAll(/\bnpm (?:run (?:-s |--silent )?([a-z][\w:-]*)|([a-z][\w-]*))/g)].map((m) =>
    m[1] ? { script: m[1], raw: m[0] } : NPM_SHORTHANDS.has(m[2]!) ? { script: m[2]!, raw: m[0] } : { own: m[2]!, raw: m[0] },
  );
}

describe('npm commands', () => {
  const shown = DOCS.flatMap(({ file, text }) => npmInvocations(text).map((i) => ({ file, ...i })));
  const commandTable = tablesHeaded(README, 'command');

  it('finds the commands the docs show and the README command table', () => {
    expect(shown.length).toBeGreaterThan(20);
    expect(commandTable).toHaveLength(1);
  });

  it('every `npm run X` / `npm X` the README and docs show is a script in package.json (or npm’s own command)', () => {
    const wrong = shown.filter((i) => (i.script !== undefined ? !SCRIPTS.includes(i.script) : !NPM_OWN.has(i.own!)));
    expect(wrong.map((i) => `${i.file}: ${i.raw}`)).toEqual([]);
  });

  it('every script in package.json (but npm’s lifecycle hooks) is described in the README command table', () => {
    const rows = commandTable[0]!.rows;
    const described = new Set(rows.flatMap((r) => npmInvocations(r[0]!).flatMap((i) => (i.script ? [i.script] : []))));
    for (const r of rows) expect(r[1], `${r[0]} has a description`).toMatch(/\w{3}/);
    expect(SCRIPTS.filter((s) => !isLifecycleHook(s) && !described.has(s))).toEqual([]);
    expect([...described].filter((s) => !SCRIPTS.includes(s))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Policy keys: the schema, the README's reference, the parser, the defaults

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}
const SCHEMA = JSON.parse(read('public/managed_schema.json')) as SchemaNode;

/** Every key path in the schema, list items left out of the path: `exceptions.approvers.pinHash`. */
function schemaPaths(node: SchemaNode, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, child] of Object.entries(node.properties ?? {})) {
    out.push([...prefix, k]);
    out.push(...schemaPaths(child, [...prefix, k]));
  }
  if (node.items) out.push(...schemaPaths(node.items, prefix));
  return out;
}
const PATHS = schemaPaths(SCHEMA);
const isLeaf = (p: string[]) => !PATHS.some((q) => q.length > p.length && p.every((s, i) => q[i] === s));

const keyTable = tablesHeaded(README, 'key').find((t) => t.header.join('|') === 'key|type|default|meaning');
const keyRows = new Map((keyTable?.rows ?? []).map((r) => [backticked(r[0]!)[0] ?? r[0]!, r]));

/** Quoted names inside `{ "a", "b" }` groups of a row: the nested keys it documents. */
function documentedNested(row: string[]): string[] {
  const text = row.join(' | ');
  return [...text.matchAll(/\{(\s*"[^"]+"\s*(?:,\s*"[^"]+"\s*)*)\}/g)].flatMap((m) => [...m[1]!.matchAll(/"([^"]+)"/g)].map((n) => n[1]!));
}

/** A valid policy that sets every key of the schema to something other than its default. */
const HASH = `pbkdf2-sha256$600000$${'A'.repeat(22)}$${'B'.repeat(43)}=`;
const SAMPLE: Record<string, unknown> = {
  role: 'staff',
  roleRules: [{ email: '*@governors.example.org', role: 'governor' }],
  timezone: 'Europe/Paris',
  schoolHours: [{ days: ['mon', 'wed'], start: '09:00', end: '15:00' }],
  closedDates: [{ from: '2026-12-21', to: '2026-12-23', label: 'Holiday' }],
  networks: ['facebook', 'x'],
  extraSites: ['forum.example.org'],
  actions: {
    pupil: { schoolHours: 'warn', otherTimes: 'warn' },
    staff: { schoolHours: 'warn', otherTimes: 'block' },
    governor: { schoolHours: 'allow', otherTimes: 'warn' },
  },
  warnMinutes: 30,
  school: { name: 'Ash Grove Academy', policyUrl: 'https://ashgrove.example/policy', logo: 'https://ashgrove.example/logo.png' },
  languages: ['cy', 'en'],
  dsl: { name: 'Gemma Williams', contact: 'safeguarding@ashgrove.example', passphraseHash: HASH },
  device: { label: 'ICT suite PC 12' },
  log: { recordFullUrl: true, retentionDays: 30, flagThreshold: 3 },
  approvedUses: [{ url: 'https://x.com/AshGroveAcademy', roles: ['staff'], purpose: 'School X account', schoolHoursOnly: true }],
  exceptions: { roles: ['staff'], maxMinutes: 30, approval: 'approver-pin', approvers: [{ name: 'Mrs Shah', pinHash: HASH }] },
  hub: { url: 'https://hub.example.org', key: 'hp_0123456789abcdef_secret' },
};

function valuePaths(v: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(v)) return v.length ? valuePaths(v[0], prefix) : [];
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, c]) => [[...prefix, k], ...valuePaths(c, [...prefix, k])]);
}

/** A copy of `policy` without the key at `p` (in the first item of any list on the way). */
function without(policy: Record<string, unknown>, p: string[]): Record<string, unknown> {
  const copy = structuredClone(policy);
  let node: unknown = copy;
  for (const seg of p.slice(0, -1)) {
    node = (node as Record<string, unknown>)[seg];
    if (Array.isArray(node)) node = node[0];
  }
  delete (node as Record<string, unknown>)[p.at(-1)!];
  return copy;
}

/** `a, b, c` split at commas outside brackets and backticks. */
function parts(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let tick = false;
  let cur = '';
  for (const ch of cell) {
    if (ch === '`') tick = !tick;
    if (!tick && '[{'.includes(ch)) depth++;
    if (!tick && ']}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0 && !tick) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  return [...out, cur.trim()];
}

/** A default the README states as a value (`"self"`, `[]`, 15); null for words ("none", "see below"). */
function statedValue(part: string): { value: unknown } | null {
  const m = /^`([^`]+)`$/.exec(part);
  if (m) return { value: JSON.parse(m[1]!) as unknown };
  if (/^\d+$/.test(part)) return { value: Number(part) };
  return null;
}

describe('policy keys', () => {
  const topKeys = Object.keys(SCHEMA.properties ?? {});

  it('finds the README policy reference and a non-trivial schema', () => {
    expect(keyRows.size).toBeGreaterThan(10);
    expect(PATHS.length).toBeGreaterThan(topKeys.length);
  });

  it('the README reference has a row for every top-level key of the schema, and no other', () => {
    expect([...keyRows.keys()].sort()).toEqual([...topKeys].sort());
  });

  it('every nested key of the schema is named in its key’s row', () => {
    const missing = PATHS.filter((p) => p.length > 1).filter((p) => {
      const row = keyRows.get(p[0]!)?.join(' | ') ?? '';
      return !p.slice(1).every((seg) => row.includes(`"${seg}"`) || ((ROLES as readonly string[]).includes(seg) && row.includes('"<role>"')));
    });
    expect(missing.map((p) => p.join('.'))).toEqual([]);
  });

  it('every nested key a row documents exists under that key in the schema', () => {
    const wrong: string[] = [];
    for (const [key, row] of keyRows) {
      const known = new Set(PATHS.filter((p) => p[0] === key).flatMap((p) => p.slice(1)));
      for (const name of documentedNested(row)) if (!known.has(name)) wrong.push(`${key}: "${name}"`);
      if (row.join(' ').includes('"<role>"')) expect(Object.keys(SCHEMA.properties?.[key]?.properties ?? {}).sort(), key).toEqual([...ROLES].sort());
    }
    expect(wrong).toEqual([]);
  });

  it('the test’s sample policy sets every schema key (add a sample value for a new key)', () => {
    const sample = valuePaths(SAMPLE).map((p) => p.join('.'));
    expect(sample.sort()).toEqual(PATHS.map((p) => p.join('.')).sort());
  });

  it('the sample policy parses without a problem', () => {
    expect(parsePolicy(SAMPLE).problems).toEqual([]);
  });

  it.each(PATHS.filter(isLeaf).map((p) => [p.join('.'), p] as const))('parsePolicy reads %s (taking it out changes the result)', (_, p) => {
    const full = parsePolicy(SAMPLE);
    const less = parsePolicy(without(SAMPLE, p));
    expect(JSON.stringify(less)).not.toEqual(JSON.stringify(full));
  });

  it('every default the README states as a value is DEFAULT_POLICY’s', () => {
    let checked = 0;
    for (const [key, row] of keyRows) {
      const def = (DEFAULT_POLICY as unknown as Record<string, unknown>)[key];
      const stated = parts(row[2]!);
      const isObject = typeof def === 'object' && def !== null && !Array.isArray(def);
      // An object's defaults are listed in the order of its fields in the type column.
      const fields = isObject ? (/\{([^{}]*)\}/.exec(row[1]!)?.[1]?.match(/"[^"]+"/g) ?? []).map((f) => f.slice(1, -1)) : [];
      stated.forEach((part, i) => {
        const v = statedValue(part);
        if (!v) return;
        const actual = isObject ? (def as Record<string, unknown>)[fields[i]!] : def;
        expect(v.value, `${key}${isObject ? `.${fields[i]}` : ''}: README says ${part}`).toEqual(actual);
        checked++;
      });
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('the default actions the README shows are DEFAULT_ACTIONS', () => {
    const blocks = [...README.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    const actionBlocks = blocks.filter((b) => Object.keys(b).sort().join() === [...ROLES].sort().join());
    expect(actionBlocks.length).toBeGreaterThan(0);
    for (const b of actionBlocks) expect(b).toEqual(DEFAULT_ACTIONS);
  });

  it('the networks row lists exactly the catalogue’s ids, and the languages row exactly the languages', () => {
    const ids = parts(keyRows.get('networks')![3]!.split(':').at(-1)!).map((s) => s.replace(/\.$/, ''));
    expect(ids.sort()).toEqual(CATALOGUE.map((c) => c.id).sort());
    const langRow = keyRows.get('languages')![3]!;
    const tags = backticked(langRow).filter((t) => /^[a-z]{2,3}$/.test(t));
    expect(tags.sort()).toEqual([...PUPIL_LANGUAGES].sort());
  });

  it('the README’s count of networks and domains is the catalogue’s', () => {
    const m = /(\d+) networks reached by\s+(\d+) domains/.exec(README);
    expect(m).not.toBeNull();
    expect([Number(m![1]), Number(m![2])]).toEqual([CATALOGUE.length, CATALOGUE.reduce((n, c) => n + c.domains.length, 0)]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Environment variables

/** Where the project reads the environment an admin or developer sets. */
const ENV_SOURCES = [
  'hub/src',
  'hub/tests',
  'scripts',
  'bench',
  'tests',
  'utils/cli',
  'wxt.config.ts',
  'vitest.config.ts',
  'playwright.config.ts',
  'screenshots.config.ts',
];
/** Read, but set by the machine rather than documented for people: */
const ENV_NOT_FOR_PEOPLE: Record<string, string> = {
  CI: 'set by CI services; the tests only clear it for the browsers they start',
};

function sourceFiles(p: string): string[] {
  const abs = path.join(ROOT, p);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return [p];
  return readdirSync(abs).flatMap((f) => sourceFiles(`${p}/${f}`));
}

function envRead(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of ENV_SOURCES.flatMap(sourceFiles).filter((f) => /\.(ts|tsx|js|mjs)$/.test(f))) {
    const text = read(file);
    const names = [
      ...text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g),
      ...text.matchAll(/process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g),
      // (not `import.meta.env.X`: those are the build's own constants)
      ...text.matchAll(/(?<!meta\.)\benv\.([A-Z][A-Z0-9_]*)\b/g),
      ...text.matchAll(/\benv\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g),
    ].map((m) => m[1]!);
    for (const n of names) found.set(n, [...new Set([...(found.get(n) ?? []), file])]);
  }
  return found;
}

describe('environment variables', () => {
  const readVars = envRead();
  const tableVars = new Set(DOCS.flatMap(({ text }) => tablesHeaded(text, 'variable').flatMap((t) => t.rows.flatMap((r) => backticked(r[0]!)))));
  /** `NAME=value` in a command or a service file. */
  const assigned = new Set(DOCS.flatMap(({ text }) => [...text.matchAll(/\b([A-Z][A-Z0-9]*_[A-Z0-9_]*)=\S/g)].map((m) => m[1]!)));

  it('finds the variables the code reads and the docs’ variable tables', () => {
    expect(readVars.size).toBeGreaterThan(15);
    expect(tableVars.size).toBeGreaterThan(15);
  });

  it('every variable the code reads is in a variable table of the README or docs', () => {
    const undocumented = [...readVars].filter(([n]) => !(n in ENV_NOT_FOR_PEOPLE) && !tableVars.has(n));
    expect(undocumented.map(([n, files]) => `${n} (${files.join(', ')})`)).toEqual([]);
  });

  it('every variable the docs document or set is read somewhere', () => {
    expect([...tableVars, ...assigned].filter((n) => !readVars.has(n))).toEqual([]);
  });

  it('the defaults the variable tables give for the hub’s settings are the hub’s', async () => {
    const { configFromEnv } = await import('../../hub/src/config.ts');
    const { dslConfigFromEnv } = await import('../../hub/src/dsl/config.ts');
    const hub = configFromEnv({});
    const dsl = dslConfigFromEnv({});
    const actual: Record<string, unknown> = {
      HUB_DATA: hub.dataDir,
      HUB_PORT: hub.port,
      HUB_HOST: hub.host,
      HUB_EXTENSION_IDS: hub.extensionIds.join(','),
      HUB_SILENT_HOURS: hub.silentHours,
      HUB_RETENTION_DAYS: hub.retentionDays,
      HUB_KEY_RATE: hub.keyLimit.perSecond,
      HUB_KEY_BURST: hub.keyLimit.burst,
      HUB_DEVICE_RATE: hub.deviceLimit.perSecond,
      HUB_DEVICE_BURST: hub.deviceLimit.burst,
      HUB_SESSION_IDLE_MINUTES: dsl.idleMinutes,
      HUB_FLAG_THRESHOLD: dsl.flagThreshold,
    };
    const stated = new Map<string, string>();
    for (const { text } of DOCS)
      for (const t of tablesHeaded(text, 'variable'))
        for (const r of t.rows) {
          // `A`, `B` | `1`, `2`: each variable's default in the same order.
          const names = backticked(r[0]!);
          const values = backticked(r[1]!);
          if (values.length === names.length) names.forEach((n, i) => stated.set(n, values[i]!));
        }
    expect(Object.keys(actual).filter((n) => !stated.has(n))).toEqual([]);
    for (const [n, v] of Object.entries(actual)) expect(stated.get(n), n).toBe(String(v));
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The hub's CLI

interface CliSpec {
  words: string[];
  positional: number;
  /** Flag: whether it takes a value, the values it allows (from `<a|b>`), whether it is required. */
  flags: Map<string, { value: boolean; choices: string[] | null; required: boolean }>;
  line: string;
}

function parseArgs(toks: string[], onFlag: (flag: string, value: string | null, optional: boolean) => void): number {
  let positional = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.startsWith('[')) {
      const inner = tokens(t.slice(1, -1));
      if (inner[0]?.startsWith('--')) onFlag(inner[0], inner[1] ?? null, true);
      else positional++;
    } else if (t.startsWith('--')) {
      const next = toks[i + 1];
      const takes = next !== undefined && !next.startsWith('-') && !next.startsWith('[');
      onFlag(t, takes ? next : null, false);
      if (takes) i++;
    } else positional++;
  }
  return positional;
}

function parseUsage(usage: string): CliSpec[] {
  return usage
    .split('\n')
    .filter((l) => /^ {2}[a-z]/.test(l))
    .map((l) => {
      const line = l.trim().split(/\s{2,}/)[0]!;
      const toks = tokens(line);
      const words: string[] = [];
      while (toks.length && /^[a-z][a-z-]*$/.test(toks[0]!)) words.push(toks.shift()!);
      const flags: CliSpec['flags'] = new Map();
      const positional = parseArgs(toks, (flag, value, optional) => {
        const choices = value && /^<[^>]*\|[^>]*>$/.test(value) ? value.slice(1, -1).split('|') : null;
        flags.set(flag, { value: value !== null, choices, required: !optional });
      });
      return { words, positional, flags, line };
    });
}

/** `npm run hub -- ...` as the docs show it, up to the end of the code span, line or comment. */
const hubInvocations = DOCS.flatMap(({ file, text }) =>
  [...text.matchAll(/npm run hub -- ([^`\n#]*)/g)].map((m) => ({ file, args: m[1]!.trim() })).filter((i) => !i.args.startsWith('<')),
);

describe('the hub CLI', async () => {
  const { runCli } = await import('../../hub/src/cli.ts');
  let usage = '';
  const code = await runCli(
    [],
    {},
    () => {},
    (s) => (usage += s),
  );
  const specs = parseUsage(usage);
  const dispatch = ['hub/src/cli.ts', 'hub/src/dsl/cli.ts'].flatMap((f) =>
    [...read(f).matchAll(/cmd === '([a-z-]+)'(?:\s*&&\s*sub === '([a-z-]+)')?/g)].map((m) => [m[1]!, m[2]].filter(Boolean).join(' ')),
  );

  it('prints its usage when given no command, listing its commands', () => {
    expect(code).toBe(2);
    expect(specs.length).toBeGreaterThan(10);
    expect(hubInvocations.length).toBeGreaterThan(10);
  });

  it('every command in the usage is one the CLI dispatches, and every dispatched command is in the usage', () => {
    const inUsage = new Set(specs.map((s) => s.words.join(' ')));
    expect([...inUsage].filter((w) => !dispatch.includes(w) && !dispatch.includes(w.split(' ')[0]!))).toEqual([]);
    expect(dispatch.filter((d) => !inUsage.has(d) && ![...inUsage].some((w) => w.startsWith(`${d} `)))).toEqual([]);
  });

  /** The command an invocation runs: the one whose words are its longest prefix. */
  const specOf = (toks: string[]) => specs.filter((s) => s.words.every((w, i) => toks[i] === w)).sort((a, b) => b.words.length - a.words.length)[0];

  it('every `npm run hub -- ...` in the README and docs is a CLI command with the arguments it takes', () => {
    const wrong: string[] = [];
    for (const { file, args } of hubInvocations) {
      const toks = tokens(args);
      const spec = specOf(toks);
      if (!spec) {
        wrong.push(`${file}: ${args}: no such command`);
        continue;
      }
      const given = new Set<string>();
      const positional = parseArgs(toks.slice(spec.words.length), (flag, value) => {
        const f = spec.flags.get(flag);
        given.add(flag);
        if (!f) wrong.push(`${file}: ${args}: ${spec.words.join(' ')} has no ${flag}`);
        else if (f.value !== (value !== null)) wrong.push(`${file}: ${args}: ${flag} ${f.value ? 'needs' : 'takes no'} value`);
        else if (f.choices && value && !value.startsWith('"<') && !value.startsWith('<') && !f.choices.includes(value))
          wrong.push(`${file}: ${args}: ${flag} ${value} is not one of ${f.choices.join(', ')}`);
      });
      if (positional !== spec.positional) wrong.push(`${file}: ${args}: ${spec.line} takes ${spec.positional} argument(s), not ${positional}`);
      for (const [flag, f] of spec.flags) if (f.required && !given.has(flag)) wrong.push(`${file}: ${args}: ${flag} is required`);
    }
    expect(wrong).toEqual([]);
  });

  it('every CLI command is shown in the README or docs', () => {
    const shown = new Set(hubInvocations.map((i) => specOf(tokens(i.args))));
    const missing = specs.filter((s) => !shown.has(s));
    expect(missing.map((s) => s.line)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Extension ids

describe('extension ids', () => {
  it('every Chrome or Firefox extension id the README and docs give is the build’s', () => {
    const chrome = DOCS.flatMap(({ text }) => text.match(/\b[a-p]{32}\b/g) ?? []);
    const gecko = DOCS.flatMap(({ text }) => text.match(/[\w.-]+@schools\.invalid/g) ?? []);
    expect(chrome.length).toBeGreaterThan(5);
    expect(new Set(chrome)).toEqual(new Set([CHROME_EXTENSION_ID]));
    expect(new Set(gecko)).toEqual(new Set([GECKO_ID]));
  });

  it('the README’s way to work out the Chrome id from the public key gives the build’s id', () => {
    // "the first 32 hex characters of the SHA-256 of that DER key, with 0–f mapped to a–p"
    const der = Buffer.from(CHROME_PUBLIC_KEY, 'base64');
    const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
    expect([...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('')).toBe(CHROME_EXTENSION_ID);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. File paths

/** The repository's own top-level entries (what .gitignore keeps out is made by builds and runs). */
const IGNORED = read('.gitignore')
  .split('\n')
  .map((l) => l.trim().replace(/\/$/, ''))
  .filter((l) => l && !l.startsWith('#'));
const TOP = new Set(readdirSync(ROOT).filter((f) => f !== '.git' && !IGNORED.includes(f)));
const isPlaceholder = (p: string) => /[<*]|\.\.\.|NNN/.test(p);

function allFiles(dir = ''): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (!dir && !TOP.has(e.name)) return [];
    return e.isDirectory() ? allFiles(rel) : [rel];
  });
}

/**
 * The paths the "How the code is laid out" block names: each entry (left column, relative to the
 * folder it is indented under) and each file or folder its description names (relative to the
 * entry, to a folder named earlier in the same description, or to the repository).
 */
function layoutPaths(): { named: string; entry: boolean; candidates: string[] }[] {
  const start = README.indexOf('### How the code is laid out');
  const block = /```\n([\s\S]*?)```/.exec(README.slice(start))![1]!;
  const out: { named: string; entry: boolean; candidates: string[] }[] = [];
  let topDir = '';
  let entryDir = '';
  let dirsNamed: string[] = [];
  for (const line of block.split('\n')) {
    const m = /^( *)(\S.*?)(?: {2,}(.*))?$/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    let description = m[3] ?? '';
    if (indent < 10) {
      for (const name of m[2]!.split(/,\s*/)) {
        const rel = indent === 0 ? name : `${topDir}${name}`;
        out.push({ named: name, entry: true, candidates: [rel] });
        entryDir = rel.endsWith('/') ? rel : `${path.posix.dirname(rel)}/`;
        dirsNamed = [];
        if (indent === 0 && name.endsWith('/')) topDir = name;
      }
    } else description = line;
    // Files and folders named in the description (lower-case names: "CSV/JSON" is not a folder).
    for (const t of description.matchAll(/\b[a-z][\w.-]*(?:\/[\w.-]+)*\.(?:ts|tsx|js|html|css|sql|md)\b|\b[a-z][\w.-]*\/(?:[\w.-]+\/)*/g)) {
      const candidates = [`${entryDir}${t[0]}`, ...dirsNamed.map((d) => `${d}${t[0]}`), t[0]];
      out.push({ named: t[0], entry: false, candidates });
      if (t[0].endsWith('/')) dirsNamed.push(...candidates.filter((c) => existsSync(path.join(ROOT, c))));
    }
  }
  return out;
}

describe('file paths', () => {
  const files = allFiles();
  const basenames = new Set(files.map((f) => path.posix.basename(f)));
  const exists = (p: string) => existsSync(path.join(ROOT, p));

  it('every path in "How the code is laid out" exists', () => {
    const named = layoutPaths();
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((n) => !n.candidates.some(exists)).map((n) => n.named)).toEqual([]);
  });

  it('"How the code is laid out" has an entry for every folder of the repository', () => {
    const entries = layoutPaths()
      .filter((n) => n.entry)
      .map((n) => n.candidates[0]!);
    const folders = [...TOP].filter((f) => statSync(path.join(ROOT, f)).isDirectory());
    expect(folders.filter((f) => !entries.some((e) => e.startsWith(`${f}/`)))).toEqual([]);
  });

  it('every repository path the README and docs name (in code or a link) exists', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { file, text } of DOCS) {
      const named = [...backticked(text), ...[...text.matchAll(/\]\(([^)\s#]+)/g)].map((m) => m[1]!)].filter((t) => !/^[a-z]+:/.test(t));
      for (const n of named) {
        const p = n.replace(/^\.\//, '');
        if (isPlaceholder(p) || /\s/.test(p)) continue;
        if (p.includes('/') && TOP.has(p.split('/')[0]!)) {
          checked++;
          if (!exists(p)) wrong.push(`${file}: ${n}`);
        } else if (/^[\w.-]+\.tsx?$/.test(p)) {
          checked++;
          if (!basenames.has(p)) wrong.push(`${file}: ${n}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });
});
