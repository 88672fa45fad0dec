import { useState } from 'preact/hooks';
import type { AdminMessages } from '../utils/core/i18n/admin-en';

interface Props {
  makeHash: (passphrase: string) => Promise<string>;
  words: AdminMessages['passphrase'];
}

/** For the admin: turns a passphrase into the hash the policy holds. The passphrase itself is never kept. */
export function PassphraseMaker({ makeHash, words: w }: Props) {
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [hash, setHash] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setHash(null);
    if (first !== second) return setError(w.different);
    setBusy(true);
    try {
      setHash(await makeHash(first));
      setError(null);
      setFirst('');
      setSecond('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="maker-title">
      <h2 id="maker-title">{w.title}</h2>
      <p>
        {w.intro[0]}
        <code>dsl.passphraseHash</code>
        {w.intro[1]}
      </p>
      <form onSubmit={submit} class="unlock">
        <label for="new-passphrase">{w.first}</label>
        <input id="new-passphrase" type="password" autoComplete="new-password" value={first} onInput={(e) => setFirst(e.currentTarget.value)} />
        <label for="repeat-passphrase">{w.second}</label>
        <input id="repeat-passphrase" type="password" autoComplete="new-password" value={second} onInput={(e) => setSecond(e.currentTarget.value)} />
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || first.length === 0}>
          {busy ? w.busy : w.make}
        </button>
      </form>
      {hash && (
        <p>
          {w.hash} <code data-testid="passphrase-hash">{hash}</code>
        </p>
      )}
    </section>
  );
}
