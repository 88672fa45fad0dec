/**
 * OTLP/HTTP JSON encoding of a batch of log entries, exactly as docs/hub-protocol.md fixes it.
 * Pure: the caller signs the returned bytes as they are.
 *
 * A small encoder rather than @opentelemetry/otlp-transformer: that package needs the SDK's own
 * log records, resources and providers (sdk-logs, sdk-metrics, sdk-trace, core, resources) to
 * produce the same JSON, and serialises inside the exporter, so the exact bytes to sign are not
 * ours to hold. The wire shape here is a few fixed fields; the tests pin every one of them.
 */
import { canonicalJson } from '../log/chain';
import type { LogEntry } from '../log/types';

export const SCOPE_NAME = 'hall-pass.access-log';
export const SCOPE_VERSION = '1';
export const SERVICE_NAME = 'hall-pass';
/** Events a DSL should notice first: sent as WARN. */
export const WARN_EVENTS: readonly string[] = ['report', 'clock-moved'];

export interface DeviceResource {
  deviceId: string;
  /** Standard base64 of the SPKI DER public key. */
  publicKey: string;
  label: string | null;
  school: string | null;
  version: string;
  browser: 'chrome' | 'firefox';
  /** Entries not yet acknowledged once this batch is. */
  waiting: number;
  policyProblems: { key: string; message: string }[];
}

type AnyValue = { stringValue: string } | { intValue: string } | { boolValue: boolean };
interface KeyValue {
  key: string;
  value: AnyValue;
}

const str = (key: string, v: string): KeyValue => ({ key, value: { stringValue: v } });
const int = (key: string, v: number): KeyValue => ({ key, value: { intValue: String(v) } });
const optStr = (key: string, v: string | null): KeyValue[] => (v === null ? [] : [str(key, v)]);

/** Milliseconds since the epoch as OTLP's nanoseconds, a decimal string (exact: no float maths). */
export function msToUnixNano(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
  return (BigInt(Math.trunc(ms)) * 1_000_000n).toString();
}

export function resourceAttributes(r: DeviceResource): KeyValue[] {
  return [
    str('service.name', SERVICE_NAME),
    str('service.version', r.version),
    str('hallpass.device.id', r.deviceId),
    str('hallpass.device.public_key', r.publicKey),
    ...optStr('hallpass.device.label', r.label),
    ...optStr('hallpass.school.name', r.school),
    str('hallpass.browser', r.browser),
    int('hallpass.outbox.waiting', r.waiting),
    str('hallpass.policy.problems', JSON.stringify(r.policyProblems)),
  ];
}

export function logRecord(entry: LogEntry, sentAtMs: number) {
  const warn = WARN_EVENTS.includes(entry.event);
  return {
    timeUnixNano: msToUnixNano(Date.parse(entry.at)),
    observedTimeUnixNano: msToUnixNano(sentAtMs),
    severityNumber: warn ? 13 : 9,
    severityText: warn ? 'WARN' : 'INFO',
    body: { stringValue: canonicalJson(entry) },
    attributes: [
      int('hallpass.seq', entry.seq),
      str('hallpass.hash', entry.hash),
      str('hallpass.prev_hash', entry.prevHash),
      str('hallpass.event', entry.event),
      str('hallpass.role', entry.role),
      str('hallpass.user', entry.user),
      ...optStr('hallpass.network.id', entry.networkId),
      ...optStr('hallpass.host', entry.host),
      { key: 'hallpass.school_time', value: { boolValue: entry.schoolTime } },
    ] satisfies KeyValue[],
  };
}

/** The request body: one device, entries in ascending seq order (none: a heartbeat). */
export function encodeBatch(resource: DeviceResource, entries: readonly LogEntry[], sentAtMs: number): string {
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]!.seq !== entries[i - 1]!.seq + 1) throw new RangeError('a batch must hold consecutive entries in seq order');
  }
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: resourceAttributes(resource) },
        scopeLogs: [{ scope: { name: SCOPE_NAME, version: SCOPE_VERSION }, logRecords: entries.map((e) => logRecord(e, sentAtMs)) }],
      },
    ],
  });
}
