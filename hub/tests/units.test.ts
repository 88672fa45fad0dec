/** The hub's pure parts: rate limits, allowed origins, ingest keys, signatures, settings. */
import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_CHROME_ID } from '../src/config.ts';
import { bearer, KeyVerifier, makeKey, parseKey } from '../src/keys.ts';
import { RateLimiter } from '../src/rate-limit.ts';
import { originAllowed } from '../src/routes/logs.ts';
import { normalisedKey, p256Key, signatureBytes, verifySignature } from '../src/signature.ts';
import { entryData, makeKeyPair, sign } from './support/device.ts';
import { sha256Hex } from '../src/otlp.ts';
import { hashEntry, hashInput } from '../../utils/core/log/chain.ts';
import type { LogEntryData } from '../../utils/core/log/types.ts';

describe('RateLimiter', () => {
  it('allows a burst, then refuses with the seconds until the next token, then refills', () => {
    let now = 0;
    const rl = new RateLimiter({ perSecond: 0.5, burst: 3 }, () => now);
    expect([rl.take('a'), rl.take('a'), rl.take('a')].every((r) => r.ok)).toBe(true);
    const refused = rl.take('a');
    expect(refused).toEqual({ ok: false, retryAfter: 2, audit: true });
    expect(rl.take('a')).toEqual({ ok: false, retryAfter: 2, audit: false }); // audited once a minute
    expect(rl.take('b').ok).toBe(true); // buckets are separate
    now = 2000;
    expect(rl.take('a').ok).toBe(true);
    expect(rl.take('a').ok).toBe(false);
    now = 62_000;
    expect(rl.take('a').ok).toBe(true);
  });
});

describe('originAllowed', () => {
  const ids = [DEFAULT_CHROME_ID];
  it.each([
    ['chrome-extension://inmnplpadaapkkgaedkmndpllkelbben', true],
    ['moz-extension://3f1e2d4c-5b6a-4789-8abc-def012345678', true],
    ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', false],
    ['chrome-extension://inmnplpadaapkkgaedkmndpllkelbben.evil.example', false],
    ['moz-extension://not-a-uuid', false],
    ['https://hub.example.org', false],
    ['null', false],
  ])('%s -> %s', (origin, ok) => {
    expect(originAllowed(origin, ids)).toBe(ok);
  });
});

describe('ingest keys', () => {
  it('a made key parses, verifies against its stored hash, and a wrong secret does not', async () => {
    const k = await makeKey();
    const p = parseKey(k.key)!;
    expect(p.id).toBe(k.id);
    const v = new KeyVerifier();
    expect(await v.verify(p.id, p.secret, k.salt, k.hash)).toBe(true);
    expect(await v.verify(p.id, p.secret, k.salt, k.hash)).toBe(true); // remembered
    expect(await v.verify(p.id, `${p.secret.slice(0, -1)}${p.secret.endsWith('A') ? 'B' : 'A'}`, k.salt, k.hash)).toBe(false);
    expect(k.hash.toString('hex')).not.toContain(Buffer.from(p.secret).toString('hex'));
  });

  it.each([
    ['Bearer hp_0123456789abcdef_' + 'a'.repeat(43), true],
    ['bearer  hp_0123456789abcdef_' + 'a'.repeat(43), true],
    ['Basic abc', false],
    ['', false],
  ])('bearer(%j) finds a key: %s', (h, found) => {
    expect(bearer(h) !== null && parseKey(bearer(h)!) !== null).toBe(found);
  });
});

describe('signatures', () => {
  it('accepts the device signature over the exact bytes; refuses other bytes, other keys and malformed headers', async () => {
    const a = await makeKeyPair();
    const b = await makeKeyPair();
    const body = '{"resourceLogs":[]}';
    const sig = signatureBytes(await sign(a.keys, body))!;
    const key = p256Key(a.publicKey)!;
    expect(normalisedKey(key)).toBe(a.publicKey);
    expect(verifySignature(key, Buffer.from(body), sig)).toBe(true);
    expect(verifySignature(key, Buffer.from(`${body} `), sig)).toBe(false);
    expect(verifySignature(p256Key(b.publicKey)!, Buffer.from(body), sig)).toBe(false);
    expect(signatureBytes('abc')).toBeNull();
    expect(signatureBytes(`${'A'.repeat(86)}==`)).toBeNull();
    expect(p256Key(Buffer.from('not a key').toString('base64'))).toBeNull();
  });
});

describe('configFromEnv', () => {
  it('defaults, and refuses bad values by name', () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './hub-data',
      silentHours: 48,
      extensionIds: [DEFAULT_CHROME_ID],
      tls: null,
    });
    expect(configFromEnv({ HUB_EXTENSION_IDS: `${DEFAULT_CHROME_ID}, ${'b'.repeat(32)}` }).extensionIds).toEqual([DEFAULT_CHROME_ID, 'b'.repeat(32)]);
    expect(() => configFromEnv({ HUB_PORT: 'eighty' })).toThrow(/HUB_PORT/);
    expect(() => configFromEnv({ HUB_SILENT_HOURS: '0' })).toThrow(/HUB_SILENT_HOURS/);
    expect(() => configFromEnv({ HUB_TLS_CERT: '/x.pem' })).toThrow(/together/);
    expect(() => configFromEnv({ HUB_EXTENSION_IDS: 'https://evil' })).toThrow(/HUB_EXTENSION_IDS/);
  });
});

describe('KeyVerifier under load', () => {
  it('requests arriving together for one key share one slow check; wrong secrets each need leave to run', async () => {
    const k = await makeKey();
    const p = parseKey(k.key)!;
    const v = new KeyVerifier();
    let runs = 0;
    const allow = () => {
      runs += 1;
      return true;
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => v.verify(p.id, p.secret, k.salt, k.hash, allow)));
    expect(results.every((r) => r === true)).toBe(true);
    expect(runs).toBe(1);
    expect(await v.verify(p.id, 'A'.repeat(43), k.salt, k.hash, () => false)).toBeNull();
    expect(await v.verify(p.id, 'A'.repeat(43), k.salt, k.hash, () => true)).toBe(false);
    expect(await v.verify(p.id, p.secret, k.salt, k.hash, () => false)).toBe(true); // remembered, no slow check needed
  });
});

describe("the hub's hash is the extension's hashEntry", () => {
  it.each([
    ['a plain entry', {}],
    ['text with accents, emoji and quotes', { text: 'Zoë said "hi" 👋 \\ and \n a new line', person: 'Mrs O’Brien' }],
    ['nulls everywhere they may be', { networkId: null, networkName: null, host: null, path: null, device: null }],
    ['full URL kept', { query: '?q=ünïcode&x=1', fragment: '#top' }],
  ])('%s', async (_name, over) => {
    const data = entryData(7, over as Partial<LogEntryData>);
    const prev = 'ab'.repeat(32);
    expect(sha256Hex(hashInput(prev, data))).toBe(await hashEntry(prev, data));
  });
});
