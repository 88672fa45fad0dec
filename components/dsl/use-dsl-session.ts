import { useCallback, useEffect, useState } from 'preact/hooks';
import { afterFailure, IDLE_LOCK_MS, NO_LOCKOUT, secondsLeft, type LockoutState } from '../../utils/core/log/lockout';

export interface SessionDeps {
  check: (passphrase: string) => Promise<boolean>;
  loadLockout: () => Promise<LockoutState>;
  saveLockout: (s: LockoutState) => Promise<void>;
  /** A wrong passphrase is itself logged for the DSL. */
  onFailure: () => void;
}

/** Why the log did not open; the page says it in its language. */
export type SessionError = 'wrong' | 'too-many';

export type Session = { state: 'locked'; error: SessionError | null; wait: number; busy: boolean } | { state: 'unlocked' };

/** Unlocking with the passphrase, the back-off after wrong ones, and locking again when idle. */
export function useDslSession(deps: SessionDeps) {
  const [session, setSession] = useState<Session>({ state: 'locked', error: null, wait: 0, busy: false });

  const lock = useCallback(() => setSession({ state: 'locked', error: null, wait: 0, busy: false }), []);

  const unlock = useCallback(
    async (passphrase: string) => {
      const lockout = await deps.loadLockout();
      const wait = secondsLeft(lockout, Date.now());
      if (wait > 0) {
        setSession({ state: 'locked', error: 'too-many', wait, busy: false });
        return;
      }
      setSession({ state: 'locked', error: null, wait: 0, busy: true });
      if (await deps.check(passphrase)) {
        await deps.saveLockout(NO_LOCKOUT);
        setSession({ state: 'unlocked' });
        return;
      }
      const next = afterFailure(lockout, Date.now());
      await deps.saveLockout(next);
      deps.onFailure();
      const seconds = secondsLeft(next, Date.now());
      setSession({ state: 'locked', error: 'wrong', wait: seconds, busy: false });
    },
    [deps],
  );

  // Locks again after a few idle minutes, so an unattended screen does not stay open.
  useEffect(() => {
    if (session.state !== 'unlocked') return;
    let timer = setTimeout(lock, IDLE_LOCK_MS);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, IDLE_LOCK_MS);
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, poke));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, poke));
    };
  }, [session.state, lock]);

  return { session, unlock, lock };
}
