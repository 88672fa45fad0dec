import { useState } from 'preact/hooks';
import type { LogEntryData } from '../../utils/core/log/types';
import type { ReportMark, ReportStatus } from '../../utils/core/log/report-status';
import type { AdminMessages } from '../../utils/core/i18n/admin-en';

interface Props {
  reports: LogEntryData[];
  marks: Record<number, ReportMark>;
  onMark: (seq: number, status: ReportStatus, note: string) => Promise<string | null>;
  words: AdminMessages['dsl'];
}

function Report({ r, mark, onMark, words: w }: { r: LogEntryData; mark: ReportMark | undefined; onMark: Props['onMark']; words: Props['words'] }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = mark?.status ?? 'new';
  async function markAs(status: ReportStatus) {
    setBusy(true);
    let problem: string | null;
    try {
      problem = await onMark(r.seq, status, note.trim());
    } catch {
      problem = '';
    }
    setBusy(false);
    setError(problem);
    if (problem === null) setNote('');
  }
  return (
    <li class={`report-card ${state}`} data-testid="report" data-state={state}>
      <p class="report-meta">
        <span class={`state ${state}`}>{w.reportState[state]}</span> <strong>{r.localTime}</strong> · #{r.seq} · {r.user}
        {r.device ? ` · ${r.device}` : ''}
      </p>
      <p class="report-text">{r.text}</p>
      {r.person && <p>{w.talkTo(r.person)}</p>}
      {mark && (
        <p class="report-mark" data-testid="report-mark">
          {w.marked[mark.status](mark.localTime, mark.seq)}
          {mark.note ? `: ${mark.note}` : ''}
        </p>
      )}
      <div class="report-actions no-print">
        <label for={`note-${r.seq}`}>{w.note}</label>
        <input id={`note-${r.seq}`} maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <div class="buttons start">
          {state === 'new' && (
            <button type="button" disabled={busy} onClick={() => void markAs('seen')}>
              {w.markSeen}
            </button>
          )}
          {state !== 'handled' && (
            <button type="button" disabled={busy} onClick={() => void markAs('handled')}>
              {w.markHandled}
            </button>
          )}
        </div>
        {error !== null && (
          <p role="alert" class="error">
            {w.markFailed}
            {error && (
              <>
                {' '}
                <span lang="en">{error}</span>
              </>
            )}
          </p>
        )}
      </div>
    </li>
  );
}

/** Pupils' reports first, set apart from the counts: each can be marked seen or handled, with a note. */
export function ReportList({ reports, marks, onMark, words: w }: Props) {
  const waiting = reports.filter((r) => marks[r.seq]?.status !== 'handled').length;
  return (
    <section class="reports" aria-labelledby="reports-title" data-testid="reports">
      <h2 id="reports-title">{w.reports(reports.length, waiting)}</h2>
      <ul>
        {reports.map((r) => (
          <Report key={r.seq} r={r} mark={marks[r.seq]} onMark={onMark} words={w} />
        ))}
      </ul>
    </section>
  );
}
