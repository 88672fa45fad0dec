import { useState } from 'preact/hooks';

interface Props {
  error: string | null;
  busy: boolean;
  onUnlock: (passphrase: string) => void;
}

export function UnlockForm({ error, busy, onUnlock }: Props) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      class="unlock"
      onSubmit={(e) => {
        e.preventDefault();
        onUnlock(passphrase);
        setPassphrase('');
      }}
    >
      <label for="passphrase">Passphrase</label>
      <input id="passphrase" type="password" autoComplete="off" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || passphrase.length === 0}>
        {busy ? 'Checking…' : 'Unlock'}
      </button>
    </form>
  );
}
