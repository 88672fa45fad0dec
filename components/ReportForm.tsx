import { useEffect, useRef, useState } from 'preact/hooks';
import { reportView } from '../utils/core/page-text';
import type { Policy } from '../utils/core/policy';
import type { Messages } from '../utils/core/i18n/en';

export interface ReportInput {
  what: string;
  talkTo: string;
  name: string;
  group: string;
}

interface Props {
  policy: Policy;
  t: Messages;
  onSend: (report: ReportInput) => Promise<string | null>;
}

/** "Tell someone you trust": a child's message for the DSL. Once sent it cannot be read back here. */
export function ReportForm({ policy, t, onSend }: Props) {
  const words = t.pupil.report;
  const view = reportView(policy, t);
  const [open, setOpen] = useState(false);
  const [what, setWhat] = useState('');
  const [talkTo, setTalkTo] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const done = useRef<HTMLHeadingElement>(null);

  // Focus follows the child: to the form when it opens, to the confirmation once sent.
  useEffect(() => {
    if (open && !sent) heading.current?.focus();
  }, [open]);
  useEffect(() => {
    if (sent) done.current?.focus();
  }, [sent]);

  if (sent) {
    return (
      <section class="report sent" aria-labelledby="report-sent-title" data-testid="report-sent">
        <h2 id="report-sent-title" tabIndex={-1} ref={done}>
          {words.sentTitle}
        </h2>
        <p role="status">{view.thanks}</p>
      </section>
    );
  }
  if (!open) {
    return (
      <section class="report closed">
        <button type="button" class="primary" onClick={() => setOpen(true)}>
          {words.open}
        </button>
      </section>
    );
  }
  async function submit(e: Event) {
    e.preventDefault();
    if (what.trim().length < 3) return setError(words.tooShort);
    setBusy(true);
    const problem = await onSend({ what, talkTo, name, group });
    setBusy(false);
    if (problem) setError(problem === 'failed' ? words.failed : problem);
    else {
      setSent(true);
      setWhat('');
    }
  }
  const optional = ` (${words.optional})`;
  return (
    <section class="report" aria-labelledby="report-title">
      <h2 id="report-title" tabIndex={-1} ref={heading}>
        {words.open}
      </h2>
      <p>{view.who}</p>
      <form onSubmit={submit}>
        <label for="what">{words.what}</label>
        <textarea
          id="what"
          maxLength={2000}
          value={what}
          onInput={(e) => setWhat(e.currentTarget.value)}
          required
          aria-describedby={error ? 'report-error' : undefined}
        />
        <div class="pair">
          <div>
            <label for="report-name">{words.name + optional}</label>
            <input id="report-name" maxLength={100} autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <div>
            <label for="report-group">{words.group + optional}</label>
            <input id="report-group" maxLength={50} autoComplete="off" value={group} onInput={(e) => setGroup(e.currentTarget.value)} />
          </div>
        </div>
        <label for="talk-to">{words.talkTo + optional}</label>
        <input id="talk-to" maxLength={200} autoComplete="off" value={talkTo} onInput={(e) => setTalkTo(e.currentTarget.value)} />
        {error && (
          <p role="alert" class="error" id="report-error">
            {error}
          </p>
        )}
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? words.sending : words.send}
          </button>
        </div>
      </form>
    </section>
  );
}
