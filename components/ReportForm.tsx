import { useState } from 'preact/hooks';
import { reportView } from '../utils/core/page-text';
import type { Policy } from '../utils/core/policy';

interface Props {
  policy: Policy;
  onSend: (what: string, talkTo: string) => Promise<string | null>;
}

/** "Tell someone you trust": a child's message for the DSL. Once sent it cannot be read back here. */
export function ReportForm({ policy, onSend }: Props) {
  const view = reportView(policy);
  const [open, setOpen] = useState(false);
  const [what, setWhat] = useState('');
  const [talkTo, setTalkTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  if (sent) {
    return (
      <section class="report" aria-live="polite">
        <p role="status" data-testid="report-sent">
          {view.thanks}
        </p>
      </section>
    );
  }
  if (!open) {
    return (
      <section class="report">
        <button type="button" class="primary" onClick={() => setOpen(true)}>
          Tell someone you trust
        </button>
      </section>
    );
  }
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    const problem = await onSend(what, talkTo);
    setBusy(false);
    if (problem) setError(problem);
    else {
      setSent(true);
      setWhat('');
    }
  }
  return (
    <section class="report" aria-labelledby="report-title">
      <h2 id="report-title">Tell someone you trust</h2>
      <p>{view.who}</p>
      <form onSubmit={submit}>
        <label for="what">What happened?</label>
        <textarea id="what" maxLength={2000} value={what} onInput={(e) => setWhat(e.currentTarget.value)} required />
        <label for="talk-to">Who would you like to talk to? (you can leave this empty)</label>
        <input id="talk-to" maxLength={200} value={talkTo} onInput={(e) => setTalkTo(e.currentTarget.value)} />
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            Send
          </button>
        </div>
      </form>
    </section>
  );
}
