/** Device signatures: ECDSA P-256 / SHA-256, IEEE P1363 (r||s, 64 bytes), over the exact body bytes. */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

const cache = new Map<string, KeyObject | null>();

/** The key as a Node KeyObject, or null if it is not a P-256 SPKI public key. */
export function p256Key(spkiBase64: string): KeyObject | null {
  let k = cache.get(spkiBase64);
  if (k !== undefined) return k;
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    k = key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? key : null;
  } catch {
    k = null;
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(spkiBase64, k);
  return k;
}

/** The same key as the canonical base64 of its DER, so two spellings of one key compare equal. */
export function normalisedKey(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** base64url (no padding) of 64 bytes, as the X-HallPass-Signature header carries it; null if not that. */
export function signatureBytes(header: string | undefined): Buffer | null {
  if (!header || !/^[A-Za-z0-9_-]{86}$/.test(header)) return null;
  const b = Buffer.from(header, 'base64url');
  return b.length === 64 ? b : null;
}

export function verifySignature(key: KeyObject, body: Buffer, signature: Buffer): boolean {
  try {
    return verify('sha256', body, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
