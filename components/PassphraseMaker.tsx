import { useState } from 'preact/hooks';

interface Props {
  makeHash: (passphrase: string) => Promise<string>;
}

/** For the admin: turns a passphrase into the hash the policy holds. The passphrase itself is never kept. */
export function PassphraseMaker({ makeHash }: Props) {
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [hash, setHash] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setHash(null);
    if (first !== second) return setError('The two passphrases are not the same.');
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
      <h2 id="maker-title">Make a DSL passphrase hash</h2>
      <p>
        For the IT admin. The hash goes in the managed policy as <code>dsl.passphraseHash</code>; the passphrase is not stored anywhere.
      </p>
      <form onSubmit={submit} class="unlock">
        <label for="new-passphrase">New passphrase</label>
        <input id="new-passphrase" type="password" autoComplete="new-password" value={first} onInput={(e) => setFirst(e.currentTarget.value)} />
        <label for="repeat-passphrase">Repeat it</label>
        <input id="repeat-passphrase" type="password" autoComplete="new-password" value={second} onInput={(e) => setSecond(e.currentTarget.value)} />
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || first.length === 0}>
          {busy ? 'Making the hash…' : 'Make hash'}
        </button>
      </form>
      {hash && (
        <p>
          Hash: <code data-testid="passphrase-hash">{hash}</code>
        </p>
      )}
    </section>
  );
}
