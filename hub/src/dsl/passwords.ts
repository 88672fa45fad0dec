/**
 * Account passwords: argon2id (OWASP's first choice: memory-hard, so guessing on GPUs is costly),
 * through @node-rs/argon2, a napi-rs build of the reference Rust implementation that ships
 * prebuilt per-platform packages (no install script, no compiler) and hashes off the main thread.
 * Parameters: OWASP's minimum for argon2id, 19 MiB memory, 2 passes, 1 lane.
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(pw: string): string | null {
  if (pw.length < MIN_PASSWORD_LENGTH) return `a password is at least ${MIN_PASSWORD_LENGTH} characters`;
  if (pw.length > 1024) return 'a password is at most 1024 characters';
  return null;
}

export async function hashPassword(pw: string): Promise<string> {
  const p = passwordProblem(pw);
  if (p) throw new Error(p);
  return hash(pw, OPTIONS);
}

/** A hash of nothing anyone knows: checked when the email is unknown, so timing does not tell. */
let dummy: Promise<string> | null = null;

export async function checkPassword(stored: string | null, pw: string): Promise<boolean> {
  if (pw.length > 1024) return false;
  if (stored === null) {
    dummy ??= hash('no account has this password ' + Math.random(), OPTIONS);
    await verify(await dummy, pw).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}
