import { useState } from 'preact/hooks';
import type { LogEntryData } from '../../utils/core/log/types';
import type { ReportMark, ReportStatus } from '../../utils/core/log/report-status';

interface Props {
  reports: LogEntryData[];
  marks: Record<number, ReportMark>;
  onMark: (seq: number, status: ReportStatus, note: string) => Promise<string | null>;
}

const STATUS_WORDS: Record<ReportStatus | 'new', string> = { new: 'New', seen: 'Seen', handled: 'Handled' };

function Report({ r, mark, onMark }: { r: LogEntryData; mark: ReportMark | undefined; onMark: Props['onMark'] }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = mark?.status ?? 'new';
  async function markAs(status: ReportStatus) {
    setBusy(true);
    const problem = await onMark(r.seq, status, note.trim());
    setBusy(false);
    setError(problem);
    if (!problem) setNote('');
  }
  return (
    <li class={`report-card ${state}`} data-testid="report" data-state={state}>
      <p class="report-meta">
        <span class={`state ${state}`}>{STATUS_WORDS[state]}</span> <strong>{r.localTime}</strong> · #{r.seq} · {r.user}
        {r.device ? ` · ${r.device}` : ''}
      </p>
      <p class="report-text">{r.text}</p>
      {r.person && <p>Would like to talk to: {r.person}</p>}
      {mark && (
        <p class="report-mark" data-testid="report-mark">
          Marked {STATUS_WORDS[mark.status].toLowerCase()} {mark.localTime} (log #{mark.seq}){mark.note ? `: ${mark.note}` : ''}
        </p>
      )}
      <div class="report-actions no-print">
        <label for={`note-${r.seq}`}>Note (kept in the log)</label>
        <input id={`note-${r.seq}`} maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <div class="buttons start">
          {state === 'new' && (
            <button type="button" disabled={busy} onClick={() => void markAs('seen')}>
              Mark seen
            </button>
          )}
          {state !== 'handled' && (
            <button type="button" disabled={busy} onClick={() => void markAs('handled')}>
              Mark handled
            </button>
          )}
        </div>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}

/** Pupils' reports first, set apart from the counts: each can be marked seen or handled, with a note. */
export function ReportList({ reports, marks, onMark }: Props) {
  const waiting = reports.filter((r) => marks[r.seq]?.status !== 'handled').length;
  return (
    <section class="reports" aria-labelledby="reports-title" data-testid="reports">
      <h2 id="reports-title">
        Reports from pupils ({reports.length}
        {waiting > 0 ? `, ${waiting} not yet handled` : ''})
      </h2>
      <ul>
        {reports.map((r) => (
          <Report key={r.seq} r={r} mark={marks[r.seq]} onMark={onMark} />
        ))}
      </ul>
    </section>
  );
}
