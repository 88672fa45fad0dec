/**
 * Ingest keys: `hp_<key id>_<secret>`. The key id (16 hex characters) is a lookup handle and may
 * be shown; the secret (32 random bytes, base64url) is stored only as a salted scrypt hash.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Uint8Array, len: number, opts: { N: number; r: number; p: number }) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY = /^hp_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  id: string;
  /** The whole key, shown once. */
  key: string;
  salt: Buffer;
  hash: Buffer;
}

export async function makeKey(): Promise<NewKey> {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  return { id, key: `hp_${id}_${secret}`, salt, hash: await scrypt(secret, salt, 32, PARAMS) };
}

/** The key id and secret of a presented key, or null if it is not shaped like one. */
export function parseKey(key: string): { id: string; secret: string } | null {
  const m = KEY.exec(key);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

/** The key from an `Authorization: Bearer ...` header, or null. */
export function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/**
 * Checks secrets against stored hashes. scrypt is slow on purpose (tens of ms, on the thread pool
 * that also hashes entries), so: a secret that has verified once is remembered in memory by its
 * SHA-256 (never stored), requests that arrive together for the same key share one check, and a
 * check that has to run scrypt must first be allowed by `mayRun` (a rate limit per address, so
 * guessing secrets cannot starve the hub). The key row is still read on every request, so
 * revoking takes effect at once.
 */
export class KeyVerifier {
  private readonly verified = new Map<string, string>();
  private readonly inflight = new Map<string, Promise<boolean>>();

  /** true / false, or null when a slow check was needed and `mayRun` refused it. */
  async verify(id: string, secret: string, salt: Uint8Array, hash: Uint8Array, mayRun: () => boolean = () => true): Promise<boolean | null> {
    const fast = createHash('sha256').update(secret).digest('hex');
    if (this.verified.get(id) === fast) return true;
    const slot = `${id}:${fast}`;
    let check = this.inflight.get(slot);
    if (!check) {
      if (!mayRun()) return null;
      check = (async () => {
        const got = await scrypt(secret, salt, hash.length, PARAMS);
        return got.length === hash.length && timingSafeEqual(got, hash);
      })();
      this.inflight.set(slot, check);
      void check.finally(() => this.inflight.delete(slot)).catch(() => {});
    }
    const ok = await check;
    if (ok) {
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(id, fast);
    }
    return ok;
  }

  forget(id: string): void {
    this.verified.delete(id);
  }
}
