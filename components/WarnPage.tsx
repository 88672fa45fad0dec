import { useState } from 'preact/hooks';
import { warnView } from '../utils/core/page-text';
import type { StatusSnapshot } from '../utils/status';
import { PageHeader, usePageLanguage } from './i18n';

interface Props {
  status: StatusSnapshot;
  address: string | null;
  onContinue: (reason: string) => Promise<string | null>;
  onBack: () => void;
}

export function WarnPage({ status, address, onContinue, onBack }: Props) {
  const role = status.role.role;
  const pupil = role === 'pupil';
  const { policy } = status.parsed;
  const page = usePageLanguage(policy.languages, !pupil);
  const { t } = page;
  const view = warnView(address, role, policy, t);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (!view.address) return setError(t.pupil.warn.noAddress);
    setBusy(true);
    setError(await onContinue(reason.trim()));
    setBusy(false);
  }

  return (
    <main class={`page warn ${pupil ? 'for-pupil' : 'for-adult'}`} aria-labelledby="title">
      <PageHeader school={policy.school.name} logo={pupil ? policy.school.logo : null} page={page} />
      <h1 id="title">{view.title}</h1>
      <p>{view.intro}</p>
      <ul class="terms" data-testid="terms">
        {view.terms.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {view.address && (
        <p class="address">
          {pupil ? t.pupil.block.address : t.adult.block.address}: <code data-testid="warned-address">{view.address}</code>
        </p>
      )}
      <form onSubmit={submit}>
        <label for="reason">{view.reasonLabel}</label>
        <textarea id="reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        <p class="hint">{view.minutesHint}</p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="buttons">
          <button type="button" onClick={onBack}>
            {t.pupil.goBack}
          </button>
          <button type="submit" class="primary" disabled={busy || !view.address}>
            {t.pupil.warn.continue}
          </button>
        </div>
      </form>
    </main>
  );
}
