/** What the DSL takes off the device: CSV for Excel, JSON that can be re-verified anywhere. Pure. */
import { z } from 'zod';
import { ROLES } from '../types';
import { MAX_PROBLEMS, verifyChain, type VerifyProblem, type VerifyReport } from './chain';
import { chainProblemText, chainReasonText, chainWordsEn } from './chain-text';
import { keyFingerprint, verifySignature } from '../hub/signature';
import { activeFilters, matchesFilters } from './filters';
import { EVENT_TEXT, LOG_EVENTS, type Checkpoint, type LogEntry, type LogFilters } from './types';

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

type Cell = string | number | boolean | null;

const COLUMNS: readonly [string, (e: LogEntry) => Cell][] = [
  ['Sequence', (e) => e.seq],
  ['Time (UTC)', (e) => e.at],
  ['Local time', (e) => e.localTime],
  ['Timezone', (e) => e.timezone],
  ['User', (e) => e.user],
  ['Role', (e) => e.role],
  ['Device', (e) => e.device],
  ['What happened', (e) => EVENT_TEXT[e.event] ?? e.event],
  ['Network', (e) => e.networkName ?? e.networkId],
  ['Host', (e) => e.host],
  ['Path', (e) => e.path],
  ['Query', (e) => e.query],
  ['Fragment', (e) => e.fragment],
  ['School time', (e) => e.schoolTime],
  ['Text', (e) => e.text],
  ['Person', (e) => e.person],
  ['Hash', (e) => e.hash],
  ['Previous hash', (e) => e.prevHash],
];

export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

/** Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let s = typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  // Before quoting: a quoted "=1+1" is still a formula to Excel.
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One entry's cells, formula-safe, without the line end (the hub's export adds its own columns before them). */
export function csvRow(e: LogEntry): string {
  return COLUMNS.map(([, get]) => csvCell(get(e))).join(',');
}

/** UTF-8 BOM so Excel reads é and 中文 correctly; CRLF as RFC 4180 and Excel expect. */
export function toCsv(entries: readonly LogEntry[]): string {
  const lines: string[] = [CSV_COLUMNS.map(csvCell).join(',')];
  for (const e of entries) lines.push(csvRow(e));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

/**
 * Version 2 carries the device's signature over the export (its chain head, checkpoints and every
 * entry's seq and hash): a chain has no secret, so without it anyone can edit an entry, recompute
 * every hash and the head, and the file still verifies. Version 1 files (unsigned) still parse.
 */
export interface ExportSignature {
  algorithm: 'ECDSA-P256-SHA256';
  deviceId: string;
  /** Standard base64 SPKI DER: the same key the school's hub pinned for this device. */
  publicKey: string;
  /** base64url (no padding) IEEE P1363 signature over exportStatement(). */
  value: string;
}

export interface LogExport {
  format: 'hall-pass-log';
  version: 1 | 2;
  exportedAt: string;
  school: string | null;
  device: string | null;
  filters: LogFilters;
  range: { from: string | null; to: string | null };
  head: { seq: number; hash: string } | null;
  checkpoints: Checkpoint[];
  verification: { ok: boolean; summary: string };
  entries: LogEntry[];
  /** Present from version 2 on. */
  signature?: ExportSignature;
}

const str = z.string();
const nullableStr = z.string().nullable();
const seq = z.number().int().min(1);

// Strict objects: a field the hash does not cover must not sit in the file looking like evidence.
const entrySchema = z.strictObject({
  seq,
  at: str,
  localTime: str,
  timezone: str,
  user: str,
  role: z.enum(ROLES),
  device: nullableStr,
  event: z.enum(LOG_EVENTS),
  networkId: nullableStr,
  networkName: nullableStr,
  host: nullableStr,
  path: nullableStr,
  query: nullableStr,
  fragment: nullableStr,
  schoolTime: z.boolean(),
  text: nullableStr,
  person: nullableStr,
  // Any string: a mangled hash is for verifyExport to report, with its seq.
  prevHash: str,
  hash: str,
});

const checkpointSchema = z.strictObject({
  at: str,
  purgedCount: z.number().int().min(0),
  firstSeq: seq,
  lastSeq: seq,
  fromAt: str,
  toAt: str,
  lastHash: str,
});

const filtersSchema = z.strictObject({
  from: str.optional(),
  to: str.optional(),
  user: str.optional(),
  role: z.enum(ROLES).optional(),
  networkId: str.optional(),
  event: z.enum(LOG_EVENTS).optional(),
  schoolTime: z.boolean().optional(),
});

const signatureSchema = z.strictObject({
  algorithm: z.literal('ECDSA-P256-SHA256'),
  deviceId: str,
  publicKey: str,
  value: str,
});

const exportFields = {
  format: z.literal('hall-pass-log'),
  exportedAt: str,
  school: nullableStr,
  device: nullableStr,
  filters: filtersSchema,
  range: z.strictObject({ from: nullableStr, to: nullableStr }),
  head: z.strictObject({ seq, hash: str }).nullable(),
  checkpoints: z.array(checkpointSchema),
  verification: z.strictObject({ ok: z.boolean(), summary: str }),
  entries: z.array(entrySchema),
};
const exportSchemaV1 = z.strictObject({ ...exportFields, version: z.literal(1) });
const exportSchemaV2 = z.strictObject({ ...exportFields, version: z.literal(2), signature: signatureSchema });

export type ExportInput = Omit<LogExport, 'format' | 'version' | 'signature'>;

/** An unsigned (version 1) export, as made before devices had a key. */
export function toJsonExport(input: ExportInput): string {
  // A form's "any" ('') is no filter: the file records only what narrowed the entries.
  const exp: LogExport = { format: 'hall-pass-log', version: 1, ...input, filters: activeFilters(input.filters) };
  return `${JSON.stringify(exp, null, 2)}\n`;
}

/**
 * What the device signs: every field a reader relies on, in a fixed order, with each entry as its
 * seq and hash (the hash covers the entry's contents, and the chain check recomputes it).
 */
export function exportStatement(exp: ExportInput, deviceId: string): string {
  const f = activeFilters(exp.filters);
  const filters = Object.fromEntries(
    Object.keys(f)
      .sort()
      .map((k) => [k, f[k as keyof LogFilters]]),
  );
  return JSON.stringify({
    format: 'hall-pass-log',
    version: 2,
    deviceId,
    exportedAt: exp.exportedAt,
    school: exp.school,
    device: exp.device,
    filters,
    range: { from: exp.range.from, to: exp.range.to },
    head: exp.head ? { seq: exp.head.seq, hash: exp.head.hash } : null,
    checkpoints: exp.checkpoints.map((c) => [c.at, c.purgedCount, c.firstSeq, c.lastSeq, c.fromAt, c.toAt, c.lastHash]),
    verification: { ok: exp.verification.ok, summary: exp.verification.summary },
    entries: exp.entries.map((e) => [e.seq, e.hash]),
  });
}

export interface ExportSigner {
  deviceId: string;
  publicKey: string;
  sign(text: string): Promise<string>;
}

/** A signed (version 2) export. */
export async function signedJsonExport(input: ExportInput, signer: ExportSigner): Promise<string> {
  const base = { ...input, filters: activeFilters(input.filters) };
  const value = await signer.sign(exportStatement(base, signer.deviceId));
  const exp: LogExport = {
    format: 'hall-pass-log',
    version: 2,
    ...base,
    signature: { algorithm: 'ECDSA-P256-SHA256', deviceId: signer.deviceId, publicKey: signer.publicKey, value },
  };
  return `${JSON.stringify(exp, null, 2)}\n`;
}

export type SignatureCheck =
  { state: 'signed'; deviceId: string; fingerprint: string } | { state: 'unsigned' } | { state: 'bad'; deviceId: string; fingerprint: string | null };

/** Whether the export is signed, and by which key. Never throws. */
export async function checkExportSignature(exp: LogExport): Promise<SignatureCheck> {
  const sig = exp.signature;
  if (!sig) return { state: 'unsigned' };
  const { signature: _s, format: _f, version: _v, ...input } = exp;
  const ok = await verifySignature(sig.publicKey, exportStatement(input, sig.deviceId), sig.value);
  const fingerprint = await keyFingerprint(sig.publicKey).catch(() => null);
  if (ok && fingerprint) return { state: 'signed', deviceId: sig.deviceId, fingerprint };
  return { state: 'bad', deviceId: sig.deviceId, fingerprint };
}

/** Throws an Error that says what is wrong and where, for a person to read. */
export function parseJsonExport(text: string): LogExport {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`Not a Hall Pass log export: the file is not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const top = raw as Record<string, unknown> | null;
  if (typeof top !== 'object' || top === null || top.format !== 'hall-pass-log') {
    throw new Error('Not a Hall Pass log export: "format" is not "hall-pass-log"');
  }
  if (top.version !== 1 && top.version !== 2) {
    throw new Error(`Unsupported Hall Pass log export version ${JSON.stringify(top.version)} (this tool reads versions 1 and 2)`);
  }
  const r = (top.version === 1 ? exportSchemaV1 : exportSchemaV2).safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : '(top level)';
    throw new Error(`Not a valid Hall Pass log export: at ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

export type ExportProblem = Omit<VerifyProblem, 'kind'> & { kind: VerifyProblem['kind'] | 'filter-mismatch' };
export type ExportVerifyReport = Omit<VerifyReport, 'problems'> & { problems: ExportProblem[] };

/** An empty string is a form's "any", as in the database query. */
export const isFiltered = (f: LogFilters): boolean => Object.keys(activeFilters(f)).length > 0;

/**
 * A full export must be the whole chain, from the checkpoints to the head. A filtered one has gaps
 * by design, so each entry must at least match the filters it claims: otherwise "filtered" would
 * be a free way to hide a deleted entry.
 */
export async function verifyExport(exp: LogExport): Promise<ExportVerifyReport> {
  if (!isFiltered(exp.filters)) {
    return verifyChain(exp.entries, { checkpoints: exp.checkpoints, head: exp.head, allowGaps: false });
  }
  const report = await verifyChain(exp.entries, { checkpoints: exp.checkpoints, allowGaps: true });
  const strays = exp.entries.filter((e) => !matchesFilters(e, exp.filters));
  const first = strays[0];
  if (!first) return report;
  const mismatch = { code: 'filter-mismatch' } as const;
  const reason = chainReasonText(chainWordsEn, mismatch);
  const summary = report.ok
    ? `Broken at entry ${first.seq}: ${reason}${strays.length > 1 ? ` (${strays.length} entries do not match)` : ''}.`
    : `${report.summary} ${strays.length === 1 ? '1 entry does' : `${strays.length} entries do`} not match the export's filters.`;
  const room = Math.max(0, MAX_PROBLEMS - report.problems.length);
  return {
    ...report,
    ok: false,
    outcome: report.ok ? { code: 'broken', seq: first.seq, kind: 'filter-mismatch', found: strays.length } : report.outcome,
    problems: [
      ...report.problems,
      ...strays.slice(0, room).map((e) => ({
        seq: e.seq,
        kind: 'filter-mismatch' as const,
        reason: mismatch,
        message: chainProblemText(chainWordsEn, { seq: e.seq, reason: mismatch }),
      })),
    ],
    summary,
  };
}

// ---------------------------------------------------------------------------
// File name
// ---------------------------------------------------------------------------

const MAX_PART = 40;

/** Lowercase ASCII and dashes: safe on Windows, macOS and Linux, and in a URL. */
function slug(s: string | null): string {
  if (s === null) return '';
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_PART)
    .replace(/-+$/, '');
}

export function exportFileName(parts: {
  school: string | null;
  device: string | null;
  from: string | null;
  to: string | null;
  ext: 'csv' | 'json' | 'html';
}): string {
  const from = slug(parts.from);
  const to = slug(parts.to);
  const range = from && to ? `${from}_to_${to}` : from ? `from_${from}` : to ? `to_${to}` : 'all-dates';
  const name = ['hall-pass', slug(parts.school), slug(parts.device), range].filter((p) => p !== '').join('_');
  return `${name}.${parts.ext}`;
}
