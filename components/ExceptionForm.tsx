import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExceptionRequest } from '../utils/core/types';
import type { Messages } from '../utils/core/i18n/en';
import type { Lang } from '../utils/core/i18n/languages';
import { whenText } from '../utils/core/i18n/when';

export type RequestOutcome = { ok: true; until: number } | { ok: false; error: string; retryAfter?: number };

interface Props {
  url: string;
  choices: { label: string; minutes: number | 'end-of-day' }[];
  /** Names of those who can approve with a PIN; empty when staff approve their own. */
  approvers: string[];
  dslName: string | null;
  timezone: string;
  lang: Lang;
  t: Messages;
  onRequest: (req: ExceptionRequest) => Promise<RequestOutcome>;
}

/** Seconds left, counting down once a second; announced politely, not on every tick. */
function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (until === 0) return;
    const tick = () => {
      const s = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) setUntil(0);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return [left, (seconds) => setUntil(Date.now() + seconds * 1000)];
}

function Required({ word }: { word: string }) {
  return <span class="required"> ({word})</span>;
}

/** Staff and governors ask for a temporary exception; the background decides. */
export function ExceptionForm({ url, choices, approvers, dslName, timezone, lang, t, onRequest }: Props) {
  const w = t.adult.exception;
  const [scope, setScope] = useState<'site' | 'page'>('site');
  const [minutes, setMinutes] = useState(String(choices[0]?.minutes ?? ''));
  const [reason, setReason] = useState('');
  const [use, setUse] = useState<'school' | 'personal'>('school');
  const [approver, setApprover] = useState(approvers[0] ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [granted, setGranted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [wait, startWait] = useCountdown();
  const grantedRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (granted) grantedRef.current?.focus();
  }, [granted]);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const req: ExceptionRequest = {
      url,
      scope,
      minutes: minutes === 'end-of-day' ? 'end-of-day' : Number(minutes),
      reason: reason.trim(),
      use,
      ...(approvers.length > 0 ? { approver, pin } : {}),
    };
    const outcome = await onRequest(req);
    setBusy(false);
    setPin('');
    if (outcome.ok) {
      const now = Date.now();
      setGranted(w.granted(whenText(outcome.until, timezone, now, lang, { today: (c) => c, tomorrow: t.pupil.when.tomorrow, day: t.adult.popup.day })));
    } else {
      setError(outcome.error);
      if (outcome.retryAfter) startWait(outcome.retryAfter);
    }
  }

  const label = (c: Props['choices'][number]) =>
    c.minutes === 'end-of-day' ? (lang === 'en' ? c.label : w.endOfDay(c.label.replace(/^.*\((.*)\)$/, '$1'))) : w.minutes(c.minutes);

  if (granted) {
    return (
      <section class="exception" aria-labelledby="exception-title">
        <h2 id="exception-title">{w.title}</h2>
        <p class="granted" role="status" tabIndex={-1} ref={grantedRef} data-testid="exception-granted">
          {granted}
        </p>
      </section>
    );
  }

  return (
    <section class="exception" aria-labelledby="exception-title">
      <h2 id="exception-title">{w.title}</h2>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{w.scope}</legend>
          <div class="choice">
            <input id="scope-site" type="radio" name="scope" checked={scope === 'site'} onChange={() => setScope('site')} />
            <label for="scope-site">{w.site}</label>
          </div>
          <div class="choice">
            <input id="scope-page" type="radio" name="scope" checked={scope === 'page'} onChange={() => setScope('page')} />
            <label for="scope-page">{w.page}</label>
          </div>
        </fieldset>
        <div class="field">
          <label for="minutes">{w.howLong}</label>
          <select id="minutes" value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)}>
            {choices.map((c) => (
              <option key={String(c.minutes)} value={String(c.minutes)}>
                {label(c)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{w.use}</legend>
          <div class="choice">
            <input id="use-school" type="radio" name="use" checked={use === 'school'} onChange={() => setUse('school')} />
            <label for="use-school">{w.school}</label>
          </div>
          <div class="choice">
            <input id="use-personal" type="radio" name="use" checked={use === 'personal'} onChange={() => setUse('personal')} />
            <label for="use-personal">{w.personal}</label>
          </div>
        </fieldset>
        <div class="field">
          <label for="exception-reason">{w.reason}</label>
          <Required word={w.required} />
          <textarea id="exception-reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />
        </div>
        {approvers.length > 0 && (
          <>
            <div class="field">
              <label for="approver">{w.approver}</label>
              <select id="approver" value={approver} onChange={(e) => setApprover(e.currentTarget.value)}>
                {approvers.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="pin">{w.pin}</label>
              <Required word={w.required} />
              <input id="pin" type="password" autoComplete="off" value={pin} onInput={(e) => setPin(e.currentTarget.value)} required />
            </div>
          </>
        )}
        <p class="note" data-testid="exception-logged">
          {w.logged(dslName)}
        </p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <p class="countdown" aria-live="polite" data-testid="retry-countdown">
          {wait > 0 ? w.wait(wait) : ''}
        </p>
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy || wait > 0}>
            {busy ? w.sending : w.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
