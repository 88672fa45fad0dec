import { describe, expect, it } from 'vitest';
import { canonicalJson, chainEntries, hashEntry } from '../../utils/core/log/chain';
import { GENESIS_HASH, type LogEntry } from '../../utils/core/log/types';
import { encodeBatch, msToUnixNano, type DeviceResource } from '../../utils/core/hub/otlp';
import { BACKOFF_MAX_MS, RETRY_AFTER_MAX_MS, backoffDelay, parseRetryAfter } from '../../utils/core/hub/backoff';
import { BATCH_MAX, heartbeatDue, HEARTBEAT_MS, nextBatchSeqs, purgeLimit, readAnswer, withTrueHashes } from '../../utils/core/hub/outbox-plan';
import { fromBase64Url, keyFingerprint, sign, toBase64, toBase64Url, verifySignature, KEY_ALGORITHM } from '../../utils/core/hub/signature';
import { entryData } from '../fakes/log-entries';
import { DAY, TUESDAY_10AM as NOW } from '../helpers/time';

const RESOURCE: DeviceResource = {
  deviceId: '3f1c2b9e-6a0d-4c55-9a1e-2b7d8c9e0f11',
  publicKey: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE',
  label: 'ICT suite PC 12',
  school: 'Ash Grove Academy',
  version: '0.1.0',
  browser: 'chrome',
  waiting: 7,
  policyProblems: [{ key: 'timezone', message: 'unknown timezone "Mars/Olympus"' }],
};

async function entries(n: number, first = 1): Promise<LogEntry[]> {
  return chainEntries(
    GENESIS_HASH,
    Array.from({ length: n }, (_, i) => entryData(first + i)),
  );
}

type Attr = { key: string; value: Record<string, unknown> };
const attrs = (list: Attr[]) => Object.fromEntries(list.map((a) => [a.key, a.value]));

describe('OTLP/HTTP JSON encoding', () => {
  it('puts the device on the resource, exactly the contract keys in order', () => {
    const body = JSON.parse(encodeBatch(RESOURCE, [], 0));
    const rl = body.resourceLogs;
    expect(rl).toHaveLength(1);
    expect(rl[0].resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'hall-pass' } },
      { key: 'service.version', value: { stringValue: '0.1.0' } },
      { key: 'hallpass.device.id', value: { stringValue: RESOURCE.deviceId } },
      { key: 'hallpass.device.public_key', value: { stringValue: RESOURCE.publicKey } },
      { key: 'hallpass.device.label', value: { stringValue: 'ICT suite PC 12' } },
      { key: 'hallpass.school.name', value: { stringValue: 'Ash Grove Academy' } },
      { key: 'hallpass.browser', value: { stringValue: 'chrome' } },
      { key: 'hallpass.outbox.waiting', value: { intValue: '7' } },
      { key: 'hallpass.policy.problems', value: { stringValue: '[{"key":"timezone","message":"unknown timezone \\"Mars/Olympus\\""}]' } },
    ]);
    expect(rl[0].scopeLogs).toEqual([{ scope: { name: 'hall-pass.access-log', version: '1' }, logRecords: [] }]);
  });

  it('leaves out the label and the school when the policy has none', () => {
    const body = JSON.parse(encodeBatch({ ...RESOURCE, label: null, school: null, browser: 'firefox', policyProblems: [] }, [], 0));
    const a = attrs(body.resourceLogs[0].resource.attributes);
    expect(a).not.toHaveProperty('hallpass.device.label');
    expect(a).not.toHaveProperty('hallpass.school.name');
    expect(a['hallpass.browser']).toEqual({ stringValue: 'firefox' });
    expect(a['hallpass.policy.problems']).toEqual({ stringValue: '[]' });
  });

  it('each record carries the canonical entry as its body, and the hub can recompute its hash from it', async () => {
    const es = await entries(3);
    const sentAt = Date.UTC(2026, 10, 24, 10, 5);
    const records = JSON.parse(encodeBatch(RESOURCE, es, sentAt)).resourceLogs[0].scopeLogs[0].logRecords;
    expect(records).toHaveLength(3);
    for (const [i, r] of records.entries()) {
      const e = es[i]!;
      expect(r.body).toEqual({ stringValue: canonicalJson(e) });
      expect(await hashEntry(e.prevHash, JSON.parse(r.body.stringValue))).toBe(e.hash);
      expect(r.timeUnixNano).toBe(`${Date.parse(e.at)}000000`);
      expect(r.observedTimeUnixNano).toBe(`${sentAt}000000`);
      expect(attrs(r.attributes)).toEqual({
        'hallpass.seq': { intValue: String(e.seq) },
        'hallpass.hash': { stringValue: e.hash },
        'hallpass.prev_hash': { stringValue: e.prevHash },
        'hallpass.event': { stringValue: 'blocked' },
        'hallpass.role': { stringValue: 'pupil' },
        'hallpass.user': { stringValue: 'pupil@example.sch.uk' },
        'hallpass.network.id': { stringValue: 'tiktok' },
        'hallpass.host': { stringValue: 'www.tiktok.com' },
        'hallpass.school_time': { boolValue: true },
      });
    }
    expect(records[1].attributes.map((a: Attr) => a.key)).toEqual([
      'hallpass.seq',
      'hallpass.hash',
      'hallpass.prev_hash',
      'hallpass.event',
      'hallpass.role',
      'hallpass.user',
      'hallpass.network.id',
      'hallpass.host',
      'hallpass.school_time',
    ]);
  });

  it.each([
    ['blocked', 9, 'INFO'],
    ['warned', 9, 'INFO'],
    ['report', 13, 'WARN'],
    ['clock-moved', 13, 'WARN'],
  ])('event %s has severity %i %s', async (event, n, text) => {
    const [e] = await chainEntries(GENESIS_HASH, [entryData(1, { event: event as never })]);
    const r = JSON.parse(encodeBatch(RESOURCE, [e!], 0)).resourceLogs[0].scopeLogs[0].logRecords[0];
    expect([r.severityNumber, r.severityText]).toEqual([n, text]);
  });

  it('leaves out network and host when the entry has none (a report), and keeps school time false', async () => {
    const [e] = await chainEntries(GENESIS_HASH, [
      entryData(1, { event: 'report', networkId: null, networkName: null, host: null, path: null, schoolTime: false, text: 'help' }),
    ]);
    const a = attrs(JSON.parse(encodeBatch(RESOURCE, [e!], 0)).resourceLogs[0].scopeLogs[0].logRecords[0].attributes);
    expect(a).not.toHaveProperty('hallpass.network.id');
    expect(a).not.toHaveProperty('hallpass.host');
    expect(a['hallpass.school_time']).toEqual({ boolValue: false });
  });

  it('refuses a batch that is not consecutive', async () => {
    const es = await entries(3);
    expect(() => encodeBatch(RESOURCE, [es[0]!, es[2]!], 0)).toThrow(/consecutive/);
    expect(() => encodeBatch(RESOURCE, [es[1]!, es[0]!], 0)).toThrow(/consecutive/);
  });

  it.each([
    [0, '0'],
    [1, '1000000'],
    [NOW, '1795514400000000000'],
    // Past 2^53 ns a float would round: the string must stay exact.
    [9_007_199_254_741, '9007199254741000000'],
  ])('ms %d is %s ns', (ms, ns) => expect(msToUnixNano(ms)).toBe(ns));

  it('refuses a time that is not a number', () => expect(() => msToUnixNano(Number.NaN)).toThrow());
});

describe('back-off', () => {
  it.each([
    // failures, random, retryAfter, expected
    [1, 0, null, 2_500],
    [1, 0.999999, null, 5_000],
    [2, 0, null, 5_000],
    [3, 0.5, null, 15_000],
    [10, 0, null, 900_000],
    [10, 1, null, BACKOFF_MAX_MS],
    [11, 1, null, BACKOFF_MAX_MS],
    [500, 1, null, BACKOFF_MAX_MS],
    [0, 1, null, 5_000],
    [1, 0, 120_000, 120_000],
    [8, 1, 1_000, 640_000],
    [1, 0, 10 * DAY, RETRY_AFTER_MAX_MS],
  ])('after %d failures (random %d, Retry-After %s) waits %d ms', (failures, random, retryAfter, expected) => {
    expect(backoffDelay(failures, random, retryAfter)).toBe(expected);
  });

  it('jitter spreads devices that failed together', () => {
    const delays = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((r) => backoffDelay(4, r)));
    expect(delays.size).toBe(5);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(20_000);
    for (const d of delays) expect(d).toBeLessThanOrEqual(40_000);
  });

  it.each([
    [null, null],
    ['120', 120_000],
    [' 0 ', 0],
    ['Tue, 24 Nov 2026 10:01:00 GMT', 60_000],
    ['Tue, 24 Nov 2026 09:00:00 GMT', 0],
    ['soon', null],
    ['-5', null],
    ['1.5', null],
  ])('Retry-After %s is %s ms', (header, ms) => expect(parseRetryAfter(header, NOW)).toBe(ms));
});

describe('outbox plan', () => {
  it.each([
    ['nothing stored', 0, [], []],
    ['everything after the cursor', 3, [4, 5, 6], [4, 5, 6]],
    ['ignores what the hub has', 3, [1, 2, 3, 4], [4]],
    ['capped at 100', 0, Array.from({ length: 250 }, (_, i) => i + 1), Array.from({ length: 100 }, (_, i) => i + 1)],
    ['starts after a purged or deleted stretch', 0, [40, 41, 42], [40, 41, 42]],
    ['stops at a hole, so the batch is consecutive', 5, [6, 7, 9, 10], [6, 7]],
    ['unsorted input', 0, [3, 1, 2], [1, 2, 3]],
  ] as [string, number, number[], number[]][])('%s', (_name, cursor, stored, expected) => {
    expect(nextBatchSeqs(cursor, stored)).toEqual(expected);
  });

  it('an entry edited after it was written is sent with the hash of what it says now, so the hub sees the change', async () => {
    const es = await entries(3);
    const untouched = await withTrueHashes(es);
    expect(untouched).toEqual({ entries: es, rehashed: [] });
    const edited = [es[0]!, { ...es[1]!, path: '/nothing-to-see' }, es[2]!];
    const r = await withTrueHashes(edited);
    expect(r.rehashed).toEqual([2]);
    expect(r.entries[1]!.hash).toBe(await hashEntry(es[1]!.prevHash, edited[1]!));
    expect(r.entries[1]!.hash).not.toBe(es[1]!.hash);
    // The next entry still points at the old hash: the break shows at the hub.
    expect(r.entries[2]!.prevHash).toBe(es[1]!.hash);
  });

  it('BATCH_MAX is the contract limit the device keeps to', () => expect(BATCH_MAX).toBe(100));

  it.each([
    [200, '{"partialSuccess":{}}', 'delivered', null],
    [204, '', 'delivered', null],
    [
      400,
      '{"error":"not a number","field":"resourceLogs[0].scopeLogs[0].logRecords[3].attributes[0]"}',
      false,
      /could not read the batch: not a number \(resourceLogs\[0\]/,
    ],
    [401, '{"error":"unknown key"}', false, /unknown or revoked/],
    [403, '{"error":"key differs from the pinned key"}', false, /refused this device's signature or key: key differs/],
    [413, '', false, /too large/],
    [429, '', true, /slow down/],
    [500, '<html>oops</html>', true, /HTTP 500: <html>oops/],
    [503, '{"error":"database down"}', true, /database is unavailable: database down/],
    [302, '', false, /HTTP 302/],
  ] as [number, string, boolean | 'delivered', RegExp | null][])('HTTP %i', (status, body, retryable, message) => {
    const a = readAnswer(status, body, status === 429 ? 30_000 : null);
    if (retryable === 'delivered') return expect(a).toEqual({ kind: 'delivered' });
    expect(a).toMatchObject({ kind: 'refused', retryable });
    expect(a.kind === 'refused' && a.message).toMatch(message!);
    if (status === 429) expect(a).toMatchObject({ retryAfterMs: 30_000 });
  });

  it.each([
    [false, 0, Number.POSITIVE_INFINITY],
    [false, 50, Number.POSITIVE_INFINITY],
    [true, 0, 0],
    [true, 50, 50],
  ])('hub %s, cursor %i: retention may purge up to %d', (hub, cursor, limit) => expect(purgeLimit(hub, cursor)).toBe(limit));

  it.each([
    [null, 0, true],
    [0, HEARTBEAT_MS - 1, false],
    [0, HEARTBEAT_MS, true],
  ])('last contact %s, now %d: heartbeat due %s', (last, now, due) => expect(heartbeatDue(last, now)).toBe(due));

  it('a heartbeat comes at least every 60 minutes', () => expect(HEARTBEAT_MS).toBeLessThanOrEqual(60 * 60_000));
});

describe('signatures', () => {
  async function keyPair() {
    const pair = (await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify'])) as CryptoKeyPair;
    const spki = toBase64(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)));
    return { pair, spki };
  }

  it('signs exact bytes in IEEE P1363 form (64 bytes), base64url without padding, and verifies them', async () => {
    const { pair, spki } = await keyPair();
    const body = encodeBatch(RESOURCE, await entries(2), 0);
    const sig = await sign(pair.privateKey, body);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(fromBase64Url(sig)).toHaveLength(64);
    expect(await verifySignature(spki, body, sig)).toBe(true);
    // One byte changed, or the same body under another key, fails.
    expect(await verifySignature(spki, body.replace('pupil@', 'pupiL@'), sig)).toBe(false);
    const other = await keyPair();
    expect(await verifySignature(other.spki, body, sig)).toBe(false);
  });

  it('the signature checks with the standard SPKI import any hub would do (node:crypto)', async () => {
    const { createPublicKey, verify } = await import('node:crypto');
    const { pair, spki } = await keyPair();
    const sig = await sign(pair.privateKey, 'hello');
    const key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
    expect(verify('sha256', Buffer.from('hello'), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(fromBase64Url(sig)))).toBe(true);
  });

  it.each([
    ['garbage signature', async (spki: string) => verifySignature(spki, 'x', '!!!')],
    ['short signature', async (spki: string) => verifySignature(spki, 'x', toBase64Url(new Uint8Array(10)))],
    ['not a key', async () => verifySignature('bm90IGEga2V5', 'x', toBase64Url(new Uint8Array(64)))],
  ])('%s is false, not a crash', async (_n, check) => {
    const { spki } = await keyPair();
    expect(await check(spki)).toBe(false);
  });

  it('base64url round-trips every length', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 251) % 256);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('the fingerprint is the grouped SHA-256 of the public key, the same each time, different per key', async () => {
    const a = await keyPair();
    const b = await keyPair();
    const fa = await keyFingerprint(a.spki);
    expect(fa).toMatch(/^SHA256:([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(await keyFingerprint(a.spki)).toBe(fa);
    expect(await keyFingerprint(b.spki)).not.toBe(fa);
    const { createHash } = await import('node:crypto');
    expect(fa.replace('SHA256:', '').replaceAll(' ', '')).toBe(createHash('sha256').update(Buffer.from(a.spki, 'base64')).digest('hex'));
  });
});
