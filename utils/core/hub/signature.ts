/**
 * The device's signatures: ECDSA P-256 with SHA-256, IEEE P1363 (64 bytes r||s, what WebCrypto's
 * sign() gives), over exact bytes. Pure apart from WebCrypto, so the hub and the CLI share it.
 */
export const SIGN_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const toBase64Url = (bytes: Uint8Array): string => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  const std = s.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(std + '='.repeat((4 - (std.length % 4)) % 4));
}

const encoder = new TextEncoder();
const bytesOf = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? encoder.encode(data) : data);

export async function sign(privateKey: CryptoKey, data: string | Uint8Array): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign(SIGN_ALGORITHM, privateKey, bytesOf(data) as BufferSource)));
}

/** False for a bad signature, a malformed one, or a key that is not a P-256 SPKI. Never throws. */
export async function verifySignature(publicKeySpkiBase64: string, data: string | Uint8Array, signatureB64url: string): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('spki', fromBase64(publicKeySpkiBase64) as BufferSource, KEY_ALGORITHM, false, ['verify']);
    const sig = fromBase64Url(signatureB64url);
    if (sig.length !== 64) return false;
    return await crypto.subtle.verify(SIGN_ALGORITHM, key, sig as BufferSource, bytesOf(data) as BufferSource);
  } catch {
    return false;
  }
}

/**
 * What a person compares by eye: "SHA256:" and the hex SHA-256 of the SPKI DER public key, in
 * groups of four. The status page, the export check and the hub all print it the same way.
 */
export async function keyFingerprint(publicKeySpkiBase64: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64(publicKeySpkiBase64) as BufferSource));
  const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `SHA256:${hex.match(/.{4}/g)!.join(' ')}`;
}
