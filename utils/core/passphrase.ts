/**
 * The DSL passphrase, stored only as a salted PBKDF2-SHA-256 hash (WebCrypto, so the same code
 * runs in the extension and in the `npm run hash-passphrase` tool).
 * Format: `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`, matching PASSPHRASE_HASH_PATTERN.
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; the policy parser refuses anything lower too. */
export const MIN_ITERATIONS = 600_000;
/** The pattern allows 8 digits; more would also freeze the DSL page for minutes. */
const MAX_ITERATIONS = 99_999_999;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** The shortest passphrase or PIN, in characters. */
export const MIN_PASSPHRASE_LENGTH = 8;
const MIN_LENGTH = MIN_PASSPHRASE_LENGTH;

const FORMAT = /^pbkdf2-sha256\$(\d{6,8})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Strict: only canonical, padded base64 decodes (atob alone forgives too much). */
function fromBase64(s: string): Uint8Array | null {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return toBase64(bytes) === s ? bytes : null;
}

async function derive(passphrase: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  // NFC so that an "é" typed as one or two code points is the same passphrase.
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations }, key, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

export async function hashPassphrase(passphrase: string, opts: { iterations?: number; salt?: Uint8Array } = {}): Promise<string> {
  if (typeof passphrase !== 'string' || [...passphrase.normalize('NFC')].length < MIN_LENGTH) {
    throw new Error(`The passphrase must be at least ${MIN_LENGTH} characters long.`);
  }
  const iterations = opts.iterations ?? MIN_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new Error(`Iterations must be a whole number from ${MIN_ITERATIONS} to ${MAX_ITERATIONS}.`);
  }
  const salt = opts.salt ?? crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  if (salt.length < SALT_BYTES) throw new Error(`The salt must be at least ${SALT_BYTES} bytes.`);
  const hash = await derive(passphrase, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** False for a wrong passphrase and for anything stored that is not a hash we would have made. */
export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
  if (typeof passphrase !== 'string' || typeof stored !== 'string') return false;
  const m = FORMAT.exec(stored.trim());
  if (!m) return false;
  const iterations = Number(m[1]);
  const salt = fromBase64(m[2] ?? '');
  const expected = fromBase64(m[3] ?? '');
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) return false;
  if (!salt || salt.length < SALT_BYTES || !expected || expected.length !== HASH_BYTES) return false;
  const actual = await derive(passphrase, salt, iterations);
  // Constant time: every byte is compared whatever the first difference.
  let diff = 0;
  for (let i = 0; i < HASH_BYTES; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}
