/**
 * An approver's PIN for a temporary exception, and its lock-out: each wrong PIN doubles the wait
 * before the next try (core/log/lockout.ts), kept in storage.local so a restart does not reset it.
 */
import { afterFailure, NO_LOCKOUT, secondsLeft } from './core/log/lockout';
import { verifyPassphrase } from './core/passphrase';
import type { KvPort } from './ports';
import { readStored, STORED, writeStored } from './stored-state';

export type PinCheck = { ok: true } | { ok: false; error: string; retryAfter: number };

export class PinApproval {
  constructor(private readonly local: KvPort) {}

  /** Whether `pin` is this approver's; refused without checking while locked out. */
  async check(approver: { name: string; pinHash: string }, pin: string, now: number): Promise<PinCheck> {
    const lockout = await readStored(this.local, STORED.pinLockout);
    const wait = secondsLeft(lockout, now);
    if (wait > 0) return { ok: false, error: 'Too many wrong PINs.', retryAfter: wait };
    if (!(await verifyPassphrase(pin, approver.pinHash))) {
      const next = afterFailure(lockout, now);
      await writeStored(this.local, STORED.pinLockout, next);
      return { ok: false, error: `That PIN is not right for ${approver.name}.`, retryAfter: secondsLeft(next, now) };
    }
    await writeStored(this.local, STORED.pinLockout, NO_LOCKOUT);
    return { ok: true };
  }
}
