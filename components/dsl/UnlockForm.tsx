import { useEffect, useState } from 'preact/hooks';
import type { AdminMessages } from '../../utils/core/i18n/admin-en';
import type { SessionError } from './use-dsl-session';

interface Props {
  error: SessionError | null;
  words: AdminMessages['dsl'];
  busy: boolean;
  /** Seconds before the next try is allowed, counted down on the page. */
  wait: number;
  onUnlock: (passphrase: string) => void;
}

export function UnlockForm({ error, busy, wait, onUnlock, words: w }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (wait <= 0) return setLeft(0);
    const until = Date.now() + wait * 1000;
    const tick = () => setLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [wait, error]);
  return (
    <form
      class="unlock"
      onSubmit={(e) => {
        e.preventDefault();
        onUnlock(passphrase);
        setPassphrase('');
      }}
    >
      <label for="passphrase">{w.passphrase}</label>
      <input id="passphrase" type="password" autoComplete="off" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
      {error && (
        <p role="alert" class="error">
          {error === 'wrong' ? w.wrong : w.tooMany}
        </p>
      )}
      <p class="countdown" aria-live="polite" data-testid="retry-countdown">
        {left > 0 ? w.wait(left) : ''}
      </p>
      <button type="submit" class="primary" disabled={busy || passphrase.length === 0 || left > 0}>
        {busy ? w.checking : w.unlock}
      </button>
    </form>
  );
}
