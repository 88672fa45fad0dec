import { useEffect, useState } from 'preact/hooks';
import { LOG_EVENTS, type LogEntry, type LogFilters } from '../../utils/core/log/types';
import type { AdminMessages } from '../../utils/core/i18n/admin-en';
import { intlTag } from '../../utils/core/i18n/languages';
import { type PageLanguage } from '../i18n';
import { English } from '../admin-i18n';
import type { LogSummary } from '../../utils/core/log/summary';
import { ROLES } from '../../utils/core/types';
import { DayChart } from './DayChart';
import { ReportList } from './ReportList';
import type { ReportStatus } from '../../utils/core/log/report-status';
import { LogTable } from './LogTable';
import type { ChainReason, VerifyOutcome } from '../../utils/core/log/chain';
import { chainProblemText } from '../../utils/core/log/chain-text';

export interface Verification {
  ok: boolean;
  summary: string;
  /** The result as a code, said in the page's language (the English page keeps the core's sentence). */
  outcome?: VerifyOutcome;
  /** Each problem as a code (said in the page's language) and as the core's English sentence. */
  problems: { seq: number | null; message: string; reason?: ChainReason }[];
  /** The newest entry: compare with an export's head to spot entries deleted from its end. */
  head: { seq: number; hash: string } | null;
}

/** What the review needs; the page wires it to the journal and the export formats. */
export interface ReviewSource {
  page(filters: LogFilters, offset: number, limit: number): Promise<{ entries: LogEntry[]; total: number }>;
  summary(filters: LogFilters): Promise<LogSummary>;
  verify(): Promise<Verification>;
  exportCsv(filters: LogFilters): Promise<void>;
  exportJson(filters: LogFilters): Promise<void>;
  /** Marks a pupil's report seen or handled; the mark is a new entry in the chain. */
  markReport(seq: number, status: ReportStatus, note: string): Promise<string | null>;
  networks: { id: string; name: string }[];
}

interface Props {
  source: ReviewSource;
  school: string | null;
  device: string | null;
  flagThreshold: number;
  onLock: () => void;
  words: AdminMessages;
  page: PageLanguage;
}

const PAGE = 50;

function clean(f: LogFilters): LogFilters {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '' && v !== undefined)) as LogFilters;
}

export function Review({ source, school, device, flagThreshold, onLock, words, page }: Props) {
  const w = words.dsl;
  const verifyWords = (v: Verification) => (page.lang !== 'en' && v.outcome ? words.checks.verify(v.outcome) : <English page={page}>{v.summary}</English>);
  const roles = page.t.adult.roles;
  const stamp = () => new Date().toLocaleString([intlTag(page.lang), 'en-GB'], { dateStyle: 'long', timeStyle: 'short' });
  const [filters, setFilters] = useState<LogFilters>({});
  const [offset, setOffset] = useState(0);
  const [rows, setRows] = useState<{ entries: LogEntry[]; total: number } | null>(null);
  const [summary, setSummary] = useState<LogSummary | null>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [printedAt, setPrintedAt] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const active = clean(filters);
  const key = JSON.stringify(active);
  useEffect(() => {
    void source.page(active, offset, PAGE).then(setRows);
  }, [key, offset, version]);
  useEffect(() => {
    setOffset(0);
    void source.summary(active).then(setSummary);
  }, [key]);
  useEffect(() => {
    if (version > 0) void source.summary(active).then(setSummary);
  }, [version]);
  // Verified once on opening, so a printed summary always carries the result.
  useEffect(() => {
    void source.verify().then((v) => setVerification((before) => before ?? v));
  }, []);

  /** The printed summary carries when it was printed and what Verify said, so a paper copy stands on its own. */
  async function print() {
    setBusy('print');
    try {
      setVerification(await source.verify());
      setPrintedAt(stamp());
    } finally {
      setBusy(null);
    }
    // Let the page show the new lines before the dialog takes its picture.
    requestAnimationFrame(() => setTimeout(() => window.print(), 0));
  }

  const set = (patch: Partial<Record<keyof LogFilters, string>>) =>
    setFilters((f) => {
      const next: Record<string, unknown> = { ...f, ...patch };
      if (patch.schoolTime !== undefined) next.schoolTime = patch.schoolTime === '' ? undefined : patch.schoolTime === 'yes';
      return next as LogFilters;
    });

  async function run(label: string, task: () => Promise<void>) {
    setBusy(label);
    try {
      await task();
    } finally {
      setBusy(null);
    }
  }

  const range = active.from || active.to ? w.range(active.from ?? null, active.to ?? null) : w.allDates;
  return (
    <div class="review">
      <div class="toolbar no-print">
        <button type="button" onClick={() => run('verify', async () => setVerification(await source.verify()))} disabled={busy !== null}>
          {w.verify}
        </button>
        <button type="button" onClick={() => run('csv', () => source.exportCsv(active))} disabled={busy !== null}>
          {w.exportCsv}
        </button>
        <button type="button" onClick={() => run('json', () => source.exportJson(active))} disabled={busy !== null}>
          {w.exportJson}
        </button>
        <button type="button" onClick={() => void print()} disabled={busy !== null}>
          {w.print}
        </button>
        <button type="button" onClick={onLock}>
          {w.lock}
        </button>
      </div>
      {verification && (
        <p role="status" data-testid="verification" class={verification.ok ? 'ok' : 'error'}>
          {verifyWords(verification)}
        </p>
      )}
      {verification?.head && (
        <p class="head" data-testid="head">
          {w.newest(verification.head.seq)} <code>{verification.head.hash}</code>
        </p>
      )}
      {verification && verification.problems.length > 1 && (
        <ul class="error" data-testid="verify-problems">
          {verification.problems.slice(0, 20).map((p, i) => (
            <li key={i}>{p.reason ? chainProblemText(words.checks.chain, { seq: p.seq, reason: p.reason }) : <English page={page}>{p.message}</English>}</li>
          ))}
        </ul>
      )}

      <fieldset class="filters no-print">
        <legend>{w.filters}</legend>
        <label>
          {w.from} <input type="date" value={filters.from ?? ''} onInput={(e) => set({ from: e.currentTarget.value })} />
        </label>
        <label>
          {w.to} <input type="date" value={filters.to ?? ''} onInput={(e) => set({ to: e.currentTarget.value })} />
        </label>
        <label>
          {w.user} <input value={filters.user ?? ''} onChange={(e) => set({ user: e.currentTarget.value.trim() })} />
        </label>
        <label>
          {w.role}
          <select value={filters.role ?? ''} onChange={(e) => set({ role: e.currentTarget.value })}>
            <option value="">{w.any}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roles[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w.network}
          <select value={filters.networkId ?? ''} onChange={(e) => set({ networkId: e.currentTarget.value })}>
            <option value="">{w.any}</option>
            {source.networks.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w.event}
          <select value={filters.event ?? ''} onChange={(e) => set({ event: e.currentTarget.value })}>
            <option value="">{w.any}</option>
            {LOG_EVENTS.map((ev) => (
              <option key={ev} value={ev}>
                {w.events[ev]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w.schoolTime}
          <select
            value={filters.schoolTime === undefined ? '' : filters.schoolTime ? 'yes' : 'no'}
            onChange={(e) => set({ schoolTime: e.currentTarget.value })}
          >
            <option value="">{w.either}</option>
            <option value="yes">{w.yes}</option>
            <option value="no">{w.no}</option>
          </select>
        </label>
      </fieldset>

      {summary && (
        <div class="print-only print-header" data-testid="print-header">
          <p class="confidential">{w.confidential}</p>
          <p>
            {school ?? w.noSchool} · {device ?? w.noDevice} · {range}
          </p>
          <p data-testid="printed-at">{w.printed(printedAt ?? stamp())}</p>
          <p data-testid="printed-verification">
            {w.verifyLine} {verification ? verifyWords(verification) : w.notVerified}
          </p>
        </div>
      )}
      {summary && summary.reports.length > 0 && (
        <ReportList
          reports={summary.reports}
          marks={summary.marks}
          words={w}
          onMark={async (seq, status, note) => {
            const problem = await source.markReport(seq, status, note);
            if (!problem) setVersion((v) => v + 1);
            return problem;
          }}
        />
      )}
      {summary && (
        <section class="summary" aria-labelledby="summary-title">
          <h2 id="summary-title">{w.summary}</h2>
          <div data-testid="flagged">
            <h3>{w.repeated(flagThreshold)}</h3>
            {summary.flagged.length === 0 ? (
              <p>{w.noneShort}</p>
            ) : (
              <ul>
                {summary.flagged.map((f) => (
                  <li key={f.user + f.date}>{w.flaggedLine(f.user, f.count, f.date)}</li>
                ))}
              </ul>
            )}
          </div>
          <h3>{w.perDay}</h3>
          <DayChart days={summary.perDay} words={w} />
          <div class="columns">
            <div>
              <h3>{w.byNetwork}</h3>
              <ul>
                {summary.perNetwork.map((n) => (
                  <li key={n.networkId}>
                    {n.networkName}: {n.count}
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{w.byUser}</h3>
              <ul>
                {summary.perUser.slice(0, 20).map((u) => (
                  <li key={u.user}>
                    {u.user}: {u.count}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </section>
      )}

      <section class="entries no-print" aria-labelledby="entries-title">
        <h2 id="entries-title">
          {w.entries}
          {rows ? ` (${rows.total.toLocaleString(intlTag(page.lang))})` : ''}
        </h2>
        {rows && <LogTable entries={rows.entries} words={words} roles={roles} />}
        {rows && rows.total > PAGE && (
          <div class="pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {w.newer}
            </button>
            <span>{w.pageOf(offset + 1, Math.min(offset + PAGE, rows.total), rows.total)}</span>
            <button type="button" disabled={offset + PAGE >= rows.total} onClick={() => setOffset(offset + PAGE)}>
              {w.older}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
