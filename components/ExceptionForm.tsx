import { useState } from 'preact/hooks';
import type { ExceptionRequest } from '../utils/core/types';

interface Props {
  url: string;
  choices: { label: string; minutes: number | 'end-of-day' }[];
  /** Names of those who can approve with a PIN; empty when staff approve their own. */
  approvers: string[];
  onRequest: (req: ExceptionRequest) => Promise<string | null>;
}

/** Staff and governors ask for a temporary exception; the background decides. */
export function ExceptionForm({ url, choices, approvers, onRequest }: Props) {
  const [scope, setScope] = useState<'site' | 'page'>('site');
  const [minutes, setMinutes] = useState(String(choices[0]?.minutes ?? ''));
  const [reason, setReason] = useState('');
  const [use, setUse] = useState<'school' | 'personal'>('school');
  const [approver, setApprover] = useState(approvers[0] ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    const req: ExceptionRequest = {
      url,
      scope,
      minutes: minutes === 'end-of-day' ? 'end-of-day' : Number(minutes),
      reason: reason.trim(),
      use,
      ...(approvers.length > 0 ? { approver, pin } : {}),
    };
    const problem = await onRequest(req);
    setBusy(false);
    setPin('');
    setError(problem);
  }

  return (
    <section class="exception" aria-labelledby="exception-title">
      <h2 id="exception-title">Ask for a temporary exception</h2>
      <form onSubmit={submit}>
        <fieldset>
          <legend>For</legend>
          <label>
            <input type="radio" name="scope" checked={scope === 'site'} onChange={() => setScope('site')} /> This site
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === 'page'} onChange={() => setScope('page')} /> Just this page and below
          </label>
        </fieldset>
        <label for="minutes">How long</label>
        <select id="minutes" value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)}>
          {choices.map((c) => (
            <option key={String(c.minutes)} value={String(c.minutes)}>
              {c.label}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>Kind of use</legend>
          <label>
            <input type="radio" name="use" checked={use === 'school'} onChange={() => setUse('school')} /> School use
          </label>
          <label>
            <input type="radio" name="use" checked={use === 'personal'} onChange={() => setUse('personal')} /> Personal use, with the head
            teacher's permission
          </label>
        </fieldset>
        <label for="exception-reason">Reason</label>
        <textarea id="exception-reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />
        {approvers.length > 0 && (
          <>
            <label for="approver">Approved by</label>
            <select id="approver" value={approver} onChange={(e) => setApprover(e.currentTarget.value)}>
              {approvers.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
            <label for="pin">Approver's PIN</label>
            <input id="pin" type="password" autoComplete="off" value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
          </>
        )}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            Request exception
          </button>
        </div>
      </form>
    </section>
  );
}
