import { useState } from 'preact/hooks';
import { warnView } from '../utils/core/page-text';
import type { StatusSnapshot } from '../utils/status';

interface Props {
  status: StatusSnapshot;
  address: string | null;
  onContinue: (reason: string) => Promise<string | null>;
  onBack: () => void;
}

export function WarnPage({ status, address, onContinue, onBack }: Props) {
  const view = warnView(address, status.parsed.policy);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(await onContinue(reason.trim()));
    setBusy(false);
  }

  return (
    <main class="page warn" aria-labelledby="title">
      <h1 id="title">{view.title}</h1>
      <p>{view.intro}</p>
      <ul class="terms">
        {view.terms.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      {view.address && (
        <p class="address">
          Address: <code data-testid="warned-address">{view.address}</code>
        </p>
      )}
      <form onSubmit={submit}>
        <label for="reason">Why do you need this site? (optional)</label>
        <textarea id="reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        <p class="hint">Continue opens this site in this tab for {view.minutes} minutes.</p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="buttons">
          <button type="button" onClick={onBack}>
            Go back
          </button>
          <button type="submit" class="primary" disabled={busy || !view.address}>
            Continue
          </button>
        </div>
      </form>
    </main>
  );
}
