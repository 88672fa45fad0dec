/**
 * The device's identity for the school hub and for signed exports: made once, at first start, and
 * kept in the log's IndexedDB database. The private key is made non-extractable by WebCrypto:
 * it can sign, and nothing (not even this code) can read it out.
 */
import { KEY_ALGORITHM, keyFingerprint, sign, toBase64 } from '../core/hub/signature';
import type { HallPassDb, StoredIdentity } from '../journal/db';

export interface DeviceIdentity {
  deviceId: string;
  /** Standard base64 SPKI DER. */
  publicKey: string;
  fingerprint: string;
  sign(data: string | Uint8Array): Promise<string>;
}

export interface IdentitySource {
  get(): Promise<DeviceIdentity>;
}

async function make(): Promise<StoredIdentity> {
  const pair = (await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return {
    name: 'device',
    deviceId: crypto.randomUUID(),
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicKeySpki: toBase64(spki),
    createdAt: Date.now(),
  };
}

/**
 * The stored identity, made on first use. Two contexts starting together (the worker and a page)
 * may both make one; the transaction keeps whichever was stored first, so the device has one key.
 */
export async function loadOrCreateIdentity(db: HallPassDb): Promise<DeviceIdentity> {
  let stored = await db.identity.get('device');
  if (!stored) {
    const fresh = await make();
    stored = await db.transaction('rw', db.identity, async () => {
      const existing = await db.identity.get('device');
      if (existing) return existing;
      await db.identity.add(fresh);
      return fresh;
    });
  }
  const { privateKey, deviceId, publicKeySpki } = stored;
  return { deviceId, publicKey: publicKeySpki, fingerprint: await keyFingerprint(publicKeySpki), sign: (data) => sign(privateKey, data) };
}

/** Loads once per worker life; a failed load is tried again next time. */
export function identitySource(db: HallPassDb): IdentitySource {
  let loading: Promise<DeviceIdentity> | null = null;
  return {
    get() {
      loading ??= loadOrCreateIdentity(db).catch((e: unknown) => {
        loading = null;
        throw e;
      });
      return loading;
    },
  };
}
