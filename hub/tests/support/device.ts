/**
 * A simulated device for hub tests and the benchmark: its own ECDSA P-256 key pair (WebCrypto, as
 * the extension makes it), a hash chain built with the extension's chainEntries(), and OTLP/HTTP
 * JSON batches encoded and signed exactly as docs/hub-protocol.md says.
 */
import { webcrypto } from 'node:crypto';
import { canonicalJson, chainEntries } from '../../../utils/core/log/chain.ts';
import { GENESIS_HASH, type LogEntry, type LogEntryData } from '../../../utils/core/log/types.ts';

const subtle = webcrypto.subtle;

export interface TestDevice {
  id: string;
  publicKey: string;
  keys: CryptoKeyPair;
  entries: LogEntry[];
  label: string | null;
  /** Makes and chains `n` more entries onto this device's log; returns them. */
  write(n: number, over?: Partial<LogEntryData>): Promise<LogEntry[]>;
  /** The request for these entries: body text and headers (Authorization added from ingestKey). */
  request(
    entries: readonly LogEntry[],
    ingestKey: string,
    opts?: { waiting?: number; signWith?: CryptoKeyPair; publicKey?: string },
  ): Promise<{ body: string; headers: Record<string, string> }>;
}

export async function makeKeyPair(): Promise<{ keys: CryptoKeyPair; publicKey: string }> {
  const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = await subtle.exportKey('spki', keys.publicKey);
  return { keys, publicKey: Buffer.from(spki).toString('base64') };
}

export function entryData(seq: number, over: Partial<LogEntryData> = {}): LogEntryData {
  const at = new Date(Date.UTC(2026, 10, 24, 9, 0, 0) + seq * 1000);
  const local = at.toISOString().replace('T', ' ').slice(0, 19);
  return {
    seq,
    at: at.toISOString(),
    localTime: local,
    timezone: 'Europe/London',
    user: `pupil${seq % 7}@school.example`,
    role: 'pupil',
    device: 'ICT suite PC 12',
    event: 'blocked',
    networkId: 'facebook',
    networkName: 'Facebook',
    host: 'www.facebook.com',
    path: `/p/${seq}`,
    query: null,
    fragment: null,
    schoolTime: true,
    text: null,
    person: null,
    ...over,
  };
}

const attr = (key: string, value: Record<string, unknown>) => ({ key, value });
const sv = (key: string, s: string) => attr(key, { stringValue: s });

/** The OTLP JSON body for a device's entries (the contract's shape). */
export function encodeBatch(
  dev: { id: string; publicKey: string; label: string | null },
  entries: readonly LogEntry[],
  waiting = 0,
  version = '0.1.0',
): string {
  const records = entries.map((e) => ({
    timeUnixNano: `${BigInt(Date.parse(e.at)) * 1_000_000n}`,
    observedTimeUnixNano: `${BigInt(Date.now()) * 1_000_000n}`,
    severityNumber: e.event === 'report' ? 13 : 9,
    severityText: e.event === 'report' ? 'WARN' : 'INFO',
    body: { stringValue: canonicalJson(e) },
    attributes: [
      attr('hallpass.seq', { intValue: String(e.seq) }),
      sv('hallpass.hash', e.hash),
      sv('hallpass.prev_hash', e.prevHash),
      sv('hallpass.event', e.event),
      sv('hallpass.role', e.role),
      sv('hallpass.user', e.user),
      ...(e.networkId === null ? [] : [sv('hallpass.network.id', e.networkId)]),
      ...(e.host === null ? [] : [sv('hallpass.host', e.host)]),
      attr('hallpass.school_time', { boolValue: e.schoolTime }),
    ],
  }));
  return JSON.stringify({
    resourceLogs: [
      {
        resource: {
          attributes: [
            sv('service.name', 'hall-pass'),
            sv('service.version', version),
            sv('hallpass.device.id', dev.id),
            sv('hallpass.device.public_key', dev.publicKey),
            ...(dev.label === null ? [] : [sv('hallpass.device.label', dev.label)]),
            sv('hallpass.school.name', 'Test School'),
            sv('hallpass.browser', 'chrome'),
            attr('hallpass.outbox.waiting', { intValue: String(waiting) }),
            sv('hallpass.policy.problems', '[]'),
          ],
        },
        scopeLogs: [{ scope: { name: 'hall-pass.access-log', version: '1' }, logRecords: records }],
      },
    ],
  });
}

export async function sign(keys: CryptoKeyPair, body: string): Promise<string> {
  const sig = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new TextEncoder().encode(body));
  return Buffer.from(sig).toString('base64url');
}

export async function makeTestDevice(opts: { label?: string | null } = {}): Promise<TestDevice> {
  const { keys, publicKey } = await makeKeyPair();
  const dev: TestDevice = {
    id: webcrypto.randomUUID(),
    publicKey,
    keys,
    entries: [],
    label: opts.label === undefined ? 'ICT suite PC 12' : opts.label,
    async write(n, over = {}) {
      const last = dev.entries.at(-1);
      const start = (last?.seq ?? 0) + 1;
      const datas = Array.from({ length: n }, (_, i) => entryData(start + i, over));
      const made = await chainEntries(last?.hash ?? GENESIS_HASH, datas);
      dev.entries.push(...made);
      return made;
    },
    async request(entries, ingestKey, o = {}) {
      const body = encodeBatch({ id: dev.id, publicKey: o.publicKey ?? dev.publicKey, label: dev.label }, entries, o.waiting ?? 0);
      return {
        body,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${ingestKey}`,
          'x-hallpass-device': dev.id,
          'x-hallpass-signature': await sign(o.signWith ?? dev.keys, body),
        },
      };
    },
  };
  return dev;
}
