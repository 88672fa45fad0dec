/**
 * Reads an OTLP/HTTP JSON ExportLogsServiceRequest as docs/hub-protocol.md defines it, and checks
 * everything that can be checked without the database: types, the canonical body, the attributes
 * agreeing with it, and each entry's hash recomputed over exactly what the extension's hashEntry()
 * hashes (chain.ts's hashInput), with Node's synchronous SHA-256: WebCrypto's asynchronous digest
 * costs a thread-pool round trip per entry, which under load made hashing the hub's bottleneck.
 * Anything wrong is a BadRequest naming the field (400); too many records is 413.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, hashInput } from '../../utils/core/log/chain.ts';
import type { LogEntry, LogEntryData } from '../../utils/core/log/types.ts';

export const MAX_RECORDS = 500;
export const MAX_BODY_BYTES = 1024 * 1024;
export const EVENT_NAME = /^[a-z][a-z-]{0,39}$/;
const ROLE_NAME = /^[a-z][a-z-]{0,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX64 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export class BadRequest extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
    this.name = 'BadRequest';
  }
}

export interface ParsedRecord {
  entry: LogEntry;
  /** The canonical JSON exactly as received. */
  body: string;
}

export interface ParsedBatch {
  deviceId: string;
  /** base64 SPKI DER as sent. */
  publicKey: string;
  version: string | null;
  label: string | null;
  schoolName: string | null;
  browser: string | null;
  waiting: number | null;
  policyProblems: unknown[];
  records: ParsedRecord[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, field: string): Obj {
  if (!isObj(v)) throw new BadRequest(field, `${field} must be an object`);
  return v;
}

function arr(v: unknown, field: string, optional = false): unknown[] {
  if (v === undefined && optional) return [];
  if (!Array.isArray(v)) throw new BadRequest(field, `${field} must be an array`);
  return v;
}

function cleanString(v: string, field: string): string {
  if (v.includes('\u0000')) throw new BadRequest(field, `${field} must not contain NUL characters`);
  return v;
}

/** An OTLP attribute list as a map of key -> AnyValue, with the field path of each. */
function attributes(v: unknown, field: string): Map<string, { value: Obj; field: string }> {
  const out = new Map<string, { value: Obj; field: string }>();
  arr(v, field, true).forEach((a, i) => {
    const f = `${field}[${i}]`;
    const kv = obj(a, f);
    if (typeof kv.key !== 'string') throw new BadRequest(`${f}.key`, `${f}.key must be a string`);
    out.set(kv.key, { value: obj(kv.value, `${f}.value`), field: `${f}.value` });
  });
  return out;
}

type Attrs = ReturnType<typeof attributes>;

function str(attrs: Attrs, key: string, where: string, required: true): string;
function str(attrs: Attrs, key: string, where: string, required?: false): string | null;
function str(attrs: Attrs, key: string, where: string, required = false): string | null {
  const a = attrs.get(key);
  if (!a) {
    if (required) throw new BadRequest(`${where}[${key}]`, `attribute ${key} is missing`);
    return null;
  }
  if (typeof a.value.stringValue !== 'string') throw new BadRequest(`${a.field}.stringValue`, `attribute ${key} must be a stringValue`);
  return cleanString(a.value.stringValue, `${a.field}.stringValue`);
}

/** intValue as OTLP JSON allows it: a decimal string or a JSON number. */
function intOf(v: unknown, field: string): number {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v);
  throw new BadRequest(field, `${field} must be an integer (string or number)`);
}

function int(attrs: Attrs, key: string, where: string, required = false): number | null {
  const a = attrs.get(key);
  if (!a) {
    if (required) throw new BadRequest(`${where}[${key}]`, `attribute ${key} is missing`);
    return null;
  }
  return intOf(a.value.intValue, `${a.field}.intValue`);
}

function bool(attrs: Attrs, key: string): { value: boolean; field: string } | null {
  const a = attrs.get(key);
  if (!a) return null;
  if (typeof a.value.boolValue !== 'boolean') throw new BadRequest(`${a.field}.boolValue`, `attribute ${key} must be a boolValue`);
  return { value: a.value.boolValue, field: `${a.field}.boolValue` };
}

const NULLABLE_STRINGS = ['device', 'networkId', 'networkName', 'host', 'path', 'query', 'fragment', 'text', 'person'] as const;

/** The body's LogEntryData, each field's type checked; `field` is the body's path for messages. */
function entryData(body: string, field: string): LogEntryData {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    throw new BadRequest(field, `${field} is not JSON`);
  }
  const o = obj(v, field);
  const bad = (k: string, what: string) => new BadRequest(`${field}.${k}`, `${field}.${k} must be ${what}`);
  if (!Number.isSafeInteger(o.seq) || (o.seq as number) < 1) throw bad('seq', 'a whole number from 1');
  if (typeof o.at !== 'string' || !ISO_UTC.test(o.at) || Number.isNaN(Date.parse(o.at))) throw bad('at', 'an ISO 8601 UTC time');
  if (typeof o.localTime !== 'string' || !LOCAL_TIME.test(o.localTime)) throw bad('localTime', '"YYYY-MM-DD HH:MM:SS"');
  if (typeof o.timezone !== 'string' || !o.timezone) throw bad('timezone', 'a time zone name');
  if (typeof o.user !== 'string') throw bad('user', 'a string');
  if (typeof o.role !== 'string' || !ROLE_NAME.test(o.role)) throw bad('role', 'a role name');
  if (typeof o.event !== 'string' || !EVENT_NAME.test(o.event)) throw bad('event', `an event name matching ${EVENT_NAME.source}`);
  if (typeof o.schoolTime !== 'boolean') throw bad('schoolTime', 'true or false');
  for (const k of NULLABLE_STRINGS) if (o[k] !== null && typeof o[k] !== 'string') throw bad(k, 'a string or null');
  for (const [k, val] of Object.entries(o)) if (typeof val === 'string') cleanString(val, `${field}.${k}`);
  return o as unknown as LogEntryData;
}

/** Parses and checks a request body. `headerDevice` is X-HallPass-Device. */
export async function parseBatch(raw: Buffer | string, headerDevice: string | undefined): Promise<ParsedBatch> {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new BadRequest('body', 'the body is not JSON');
  }
  const root = obj(json, 'body');
  const rls = arr(root.resourceLogs, 'resourceLogs');
  if (rls.length !== 1) throw new BadRequest('resourceLogs', 'resourceLogs must hold exactly one device');
  const rl = obj(rls[0], 'resourceLogs[0]');
  const res = obj(rl.resource, 'resourceLogs[0].resource');
  const where = 'resourceLogs[0].resource.attributes';
  const ra = attributes(res.attributes, where);

  const deviceId = str(ra, 'hallpass.device.id', where, true);
  if (!UUID.test(deviceId)) throw new BadRequest(ra.get('hallpass.device.id')!.field, 'hallpass.device.id must be a UUID');
  if (headerDevice === undefined) throw new BadRequest('X-HallPass-Device', 'the X-HallPass-Device header is missing');
  if (headerDevice.toLowerCase() !== deviceId.toLowerCase())
    throw new BadRequest('X-HallPass-Device', 'X-HallPass-Device differs from the hallpass.device.id attribute');
  const publicKey = str(ra, 'hallpass.device.public_key', where, true);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(publicKey)) throw new BadRequest(ra.get('hallpass.device.public_key')!.field, 'hallpass.device.public_key must be base64');
  const waiting = int(ra, 'hallpass.outbox.waiting', where);
  if (waiting !== null && waiting < 0) throw new BadRequest(ra.get('hallpass.outbox.waiting')!.field, 'hallpass.outbox.waiting must not be negative');
  let policyProblems: unknown[] = [];
  const problemsText = str(ra, 'hallpass.policy.problems', where);
  if (problemsText !== null) {
    const f = `${ra.get('hallpass.policy.problems')!.field}.stringValue`;
    try {
      policyProblems = arr(JSON.parse(problemsText), f);
    } catch {
      throw new BadRequest(f, 'hallpass.policy.problems must be a JSON array');
    }
  }

  const records: ParsedRecord[] = [];
  const scopes = arr(rl.scopeLogs, 'resourceLogs[0].scopeLogs', true);
  const total = scopes.reduce<number>(
    (n, s, i) => n + arr(obj(s, `resourceLogs[0].scopeLogs[${i}]`).logRecords, `resourceLogs[0].scopeLogs[${i}].logRecords`, true).length,
    0,
  );
  if (total > MAX_RECORDS) throw new BadRequest('resourceLogs[0].scopeLogs', `at most ${MAX_RECORDS} log records per request (got ${total})`, 413);
  for (const [si, s] of scopes.entries()) {
    const lrs = arr((s as Obj).logRecords, `resourceLogs[0].scopeLogs[${si}].logRecords`, true);
    for (const [li, lr] of lrs.entries()) records.push(record(lr, `resourceLogs[0].scopeLogs[${si}].logRecords[${li}]`));
  }
  return {
    deviceId: deviceId.toLowerCase(),
    publicKey,
    version: str(ra, 'service.version', where),
    label: str(ra, 'hallpass.device.label', where),
    schoolName: str(ra, 'hallpass.school.name', where),
    browser: str(ra, 'hallpass.browser', where),
    waiting,
    policyProblems,
    records,
  };
}

/** SHA-256 hex, as hashEntry computes it (tests/units.test.ts checks they agree). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function record(v: unknown, f: string): ParsedRecord {
  const lr = obj(v, f);
  if (lr.timeUnixNano !== undefined && !(typeof lr.timeUnixNano === 'string' ? /^\d{1,20}$/.test(lr.timeUnixNano) : Number.isSafeInteger(lr.timeUnixNano))) {
    throw new BadRequest(`${f}.timeUnixNano`, `${f}.timeUnixNano must be a whole number of nanoseconds`);
  }
  const bodyVal = obj(lr.body, `${f}.body`);
  if (typeof bodyVal.stringValue !== 'string') throw new BadRequest(`${f}.body.stringValue`, `${f}.body.stringValue must be a string`);
  const body = bodyVal.stringValue;
  const bodyField = `${f}.body.stringValue`;
  const data = entryData(body, bodyField);
  if (canonicalJson(data) !== body) throw new BadRequest(bodyField, `${bodyField} is not the entry's canonical JSON (fields, order or spacing differ)`);

  const where = `${f}.attributes`;
  const a = attributes(lr.attributes, where);
  const seq = int(a, 'hallpass.seq', where, true)!;
  if (seq !== data.seq) throw new BadRequest(a.get('hallpass.seq')!.field, `hallpass.seq ${seq} differs from the body's seq ${data.seq}`);
  const prevHash = str(a, 'hallpass.prev_hash', where, true);
  if (!HEX64.test(prevHash)) throw new BadRequest(`${a.get('hallpass.prev_hash')!.field}.stringValue`, 'hallpass.prev_hash must be 64 lowercase hex digits');
  const hash = str(a, 'hallpass.hash', where, true);
  if (!HEX64.test(hash)) throw new BadRequest(`${a.get('hallpass.hash')!.field}.stringValue`, 'hallpass.hash must be 64 lowercase hex digits');
  const agree = (key: string, expected: string | null) => {
    const got = str(a, key, where);
    if (got !== null && got !== expected) throw new BadRequest(`${a.get(key)!.field}.stringValue`, `attribute ${key} differs from the body`);
  };
  agree('hallpass.event', data.event);
  agree('hallpass.role', data.role);
  agree('hallpass.user', data.user);
  agree('hallpass.network.id', data.networkId);
  agree('hallpass.host', data.host);
  const st = bool(a, 'hallpass.school_time');
  if (st && st.value !== data.schoolTime) throw new BadRequest(st.field, 'attribute hallpass.school_time differs from the body');
  const recomputed = sha256Hex(hashInput(prevHash, data));
  if (recomputed !== hash)
    throw new BadRequest(`${a.get('hallpass.hash')!.field}.stringValue`, `entry ${seq}: hallpass.hash is not SHA-256(prev_hash + "\\n" + body)`);
  return { entry: { ...data, prevHash, hash }, body };
}
