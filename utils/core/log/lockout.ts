/** Slows down passphrase guessing: each wrong try doubles the wait, up to five minutes. */
export interface LockoutState {
  failures: number;
  lockedUntil: number;
}

export const NO_LOCKOUT: LockoutState = { failures: 0, lockedUntil: 0 };
export const MAX_WAIT_SECONDS = 300;

export function afterFailure(state: LockoutState, now: number): LockoutState {
  const failures = state.failures + 1;
  const wait = Math.min(2 ** failures, MAX_WAIT_SECONDS);
  return { failures, lockedUntil: now + wait * 1000 };
}

export function secondsLeft(state: LockoutState, now: number): number {
  return Math.max(0, Math.ceil((state.lockedUntil - now) / 1000));
}

/** The unlocked DSL view locks again after this long without a click or key press. */
export const IDLE_LOCK_MS = 5 * 60_000;
