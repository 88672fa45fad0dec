/** The DSL's pages, rendered on the hub (preact-render-to-string): plain HTML and forms, no script. */
import { DayChart } from '../../../../components/dsl/DayChart.tsx';
import { EVENT_TEXT, type LogEvent } from '../../../../utils/core/log/types.ts';
import type { Viewer } from '../accounts.ts';
import type { HubFilters } from '../filters.ts';
import type { Charts, DeviceRow, Flagged, HubEntry, ReportRow, Summary } from '../queries.ts';
import type { TrailRow } from '../trail.ts';
import type { HubMessages } from './i18n/en.ts';
import { enHub } from './i18n/en.ts';
import { FilterForm, Layout, useLang, when, withFilters } from './layout.tsx';

type Schools = { id: number; name: string }[];
const eventText = (w: HubMessages, e: string) => (w.dsl.events as Record<string, string>)[e] ?? EVENT_TEXT[e as LogEvent] ?? e;

/** Why the last sign-in failed, from accounts.signIn; worded in the page's language. */
export type LoginError = { reason: 'waiting' | 'wrong'; waitSeconds: number };

export function LoginPage({ error, csrf, email, expired }: { error: LoginError | null; csrf: string; email: string; expired: boolean }) {
  const { w } = useLang();
  const t = w.login;
  return (
    <Layout viewer={null} title={t.title}>
      {expired && <p class="note">{t.expired}</p>}
      {error && (
        <p class="error" role="alert" data-testid="login-error">
          {error.reason === 'waiting' ? t.tooMany(error.waitSeconds) : t.wrong(error.waitSeconds)}
        </p>
      )}
      <form method="post" action="/login" class="login">
        <input type="hidden" name="_csrf" value={csrf} />
        <label>
          {t.email} <input type="email" name="email" autocomplete="username" required value={email} />
        </label>
        <label>
          {t.password} <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit">{t.submit}</button>
      </form>
    </Layout>
  );
}

/** The device page's columns (components/dsl/LogTable.tsx), with the school and device in front. */
export function EntryTable({ entries }: { entries: HubEntry[] }) {
  const { w } = useLang();
  const t = w.entries;
  if (!entries.length) return <p data-testid="no-entries">{t.none}</p>;
  return (
    <div class="scroll">
      <table class="log" data-testid="entries">
        <thead>
          <tr>
            <th>{t.school}</th>
            <th>{t.device}</th>
            <th>#</th>
            <th>{t.localTime}</th>
            <th>{t.user}</th>
            <th>{t.role}</th>
            <th>{t.what}</th>
            <th>{t.network}</th>
            <th>{t.address}</th>
            <th>{t.schoolTime}</th>
            <th>{t.note}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.deviceId}:${e.seq}`} class={e.conflict ? 'bad' : undefined}>
              <td>{e.school}</td>
              <td title={e.deviceId}>{e.device ?? e.deviceId.slice(0, 8)}</td>
              <td>{e.seq}</td>
              <td>{e.localTime}</td>
              <td>{e.user}</td>
              <td>{w.pupilRoles[e.role] ?? e.role}</td>
              <td>{eventText(w, e.event)}</td>
              <td>{e.networkName ?? ''}</td>
              <td>
                <code>{e.host ? `${e.host}${e.path ?? ''}${e.query ?? ''}${e.fragment ?? ''}` : ''}</code>
              </td>
              <td>{e.schoolTime ? w.filters.yes : w.filters.no}</td>
              <td>{[e.text, e.person].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EntriesPage({
  viewer,
  filters,
  schools,
  entries,
  page,
  more,
}: {
  viewer: Viewer;
  filters: HubFilters;
  schools: Schools;
  entries: HubEntry[];
  page: number;
  more: boolean;
}) {
  const { w } = useLang();
  const t = w.entries;
  return (
    <Layout viewer={viewer} title={t.title} current="/entries">
      <FilterForm action="/entries" filters={filters} viewer={viewer} schools={schools} />
      <EntryTable entries={entries} />
      <nav class="pager" aria-label={t.pager}>
        {page > 0 && <a href={withFilters('/entries', filters, { page: page - 1 })}>{t.newer}</a>}
        <span>{t.page(page + 1)}</span>
        {more && <a href={withFilters('/entries', filters, { page: page + 1 })}>{t.older}</a>}
      </nav>
    </Layout>
  );
}

export function ReportsPage({ viewer, filters, schools, rows }: { viewer: Viewer; filters: HubFilters; schools: Schools; rows: ReportRow[] }) {
  const fresh = rows.filter((r) => r.state === 'new').length;
  const { w } = useLang();
  const t = w.reports;
  const stateText = (s: string) => t.states[s] ?? s;
  return (
    <Layout viewer={viewer} title={t.title} current="/reports">
      <FilterForm action="/reports" filters={filters} viewer={viewer} schools={schools} fields="dates" />
      <p data-testid="reports-count">
        {t.count(rows.length)}, <strong>{t.fresh(fresh)}</strong>.
      </p>
      {rows.length === 0 && <p>{t.none}</p>}
      <ol class="reports">
        {rows.map((r) => (
          <li class={`report ${r.state}`} data-testid="report" data-state={r.state}>
            <div class="meta">
              <span class={`badge ${r.state}`}>{stateText(r.state)}</span> <time>{r.entry.localTime}</time> ({r.entry.timezone}) · {r.entry.school} ·{' '}
              {r.deviceLabel ?? r.entry.device ?? r.entry.deviceId} · {r.entry.user}
            </div>
            <blockquote class="text">{r.entry.text ?? ''}</blockquote>
            {r.entry.person && (
              <p>
                {t.talkTo} {r.entry.person}
              </p>
            )}
            {r.setBy && (
              <p class="set-by">
                {t.setBy(stateText(r.state), r.setBy, when(r.setAt, w))}
                {r.note ? `: ${r.note}` : ''}
              </p>
            )}
            <form method="post" action="/reports/state" class="state">
              <input type="hidden" name="_csrf" value={viewer.csrf} />
              <input type="hidden" name="device" value={r.entry.deviceId} />
              <input type="hidden" name="seq" value={String(r.entry.seq)} />
              <label>
                {t.state}
                <select name="state">
                  {(['new', 'seen', 'handled'] as const).map((s) => (
                    <option value={s} selected={r.state === s}>
                      {stateText(s)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t.note} <input name="note" value={r.note} maxLength={2000} />
              </label>
              <button type="submit">{t.save}</button>
            </form>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

function FlagTable({ rows, what }: { rows: Flagged[]; what: 'User' | 'Device' }) {
  const { w } = useLang();
  const t = w.attempts;
  if (!rows.length) return <p>{t.noneOver}</p>;
  return (
    <table class="log" data-testid={`flagged-${what.toLowerCase()}s`}>
      <thead>
        <tr>
          <th>{what === 'User' ? t.user : t.device}</th>
          <th>{t.school}</th>
          <th>{t.date}</th>
          <th>{t.count}</th>
          {what === 'User' && <th>{t.devices}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={withFilters('/entries', what === 'User' ? { user: r.key, from: r.date, to: r.date } : { device: r.key, from: r.date, to: r.date })}>
                {r.label}
              </a>
            </td>
            <td>{r.school}</td>
            <td>{r.date}</td>
            <td>{r.count}</td>
            {what === 'User' && <td>{r.devices}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AttemptsPage({
  viewer,
  filters,
  schools,
  threshold,
  users,
  devices,
}: {
  viewer: Viewer;
  filters: HubFilters;
  schools: Schools;
  threshold: number;
  users: Flagged[];
  devices: Flagged[];
}) {
  const { w } = useLang();
  const t = w.attempts;
  return (
    <Layout viewer={viewer} title={t.title} current="/attempts">
      <FilterForm action="/attempts" filters={filters} viewer={viewer} schools={schools} fields="dates" />
      <p>
        {t.intro(threshold)}
        {!filters.from && !filters.to && t.last30}
      </p>
      <h2>{t.users}</h2>
      <FlagTable rows={users} what="User" />
      <h2>{t.devices}</h2>
      <FlagTable rows={devices} what="Device" />
    </Layout>
  );
}

/** A device's chain in words, in pieces: `en` marks the chain's own problem text, written by the hub in English. */
function chainPieces(d: DeviceRow, w: HubMessages): { text: string; en?: true }[] {
  const t = w.chain;
  const parts: { text: string; en?: true }[][] = [];
  if (d.keyMismatches > 0) parts.push([{ text: t.keyMismatch(d.keyMismatches) }]);
  if (d.chainState === 'broken')
    parts.push([{ text: t.broken(d.brokenAtSeq) }, ...(d.chainProblem ? [{ text: ': ' }, { text: d.chainProblem, en: true as const }] : [])]);
  if (d.silentDays !== null) parts.push([{ text: t.silent(d.silentDays) }]);
  if (!parts.length) return [{ text: t.intact }];
  return parts.flatMap((p, i) => (i ? [{ text: '; ' }, ...p] : p));
}

/** A device's chain in words (the chain's own problem text shown as written). */
export function chainText(d: DeviceRow, w: HubMessages = enHub): string {
  return chainPieces(d, w)
    .map((p) => p.text)
    .join('');
}

/** chainText on a page: the chain's own problem text marked as English on a page in another language. */
export function ChainWords({ d }: { d: DeviceRow }) {
  const { lang, w } = useLang();
  return <>{chainPieces(d, w).map((p) => (p.en && lang !== 'en' ? <span lang="en">{p.text}</span> : p.text))}</>;
}

export function DevicesPage({ viewer, filters, schools, rows }: { viewer: Viewer; filters: HubFilters; schools: Schools; rows: DeviceRow[] }) {
  const bad = rows.filter((d) => d.chainState === 'broken' || d.keyMismatches > 0 || d.silentDays !== null).length;
  const { w } = useLang();
  const t = w.devices;
  return (
    <Layout viewer={viewer} title={t.title} current="/devices">
      <FilterForm action="/devices" filters={filters} viewer={viewer} schools={schools} fields="dates" />
      <p>
        {t.count(rows.length)}
        {bad ? t.attention(bad) : ''}.
      </p>
      <div class="scroll">
        <table class="log" data-testid="devices">
          <thead>
            <tr>
              <th>{t.school}</th>
              <th>{t.label}</th>
              <th>{t.browser}</th>
              <th>{t.version}</th>
              <th>{t.lastSeen}</th>
              <th>{t.waiting}</th>
              <th>{t.entries}</th>
              <th>{t.chain}</th>
              <th>{t.problems}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => {
              const problem = d.chainState === 'broken' || d.keyMismatches > 0 || d.silentDays !== null;
              return (
                <tr class={problem ? 'bad' : undefined} data-testid="device" data-device={d.id} data-problem={problem ? 'yes' : 'no'}>
                  <td>{d.school}</td>
                  <td title={d.id}>
                    {d.label ?? t.noLabel}
                    {!d.confirmed && <span class="badge new">{t.newBadge}</span>}
                  </td>
                  <td>{d.browser ?? ''}</td>
                  <td>{d.version ?? ''}</td>
                  <td>{when(d.lastSeen, w)}</td>
                  <td>{d.waiting ?? '?'}</td>
                  <td>{d.entries}</td>
                  <td data-testid="chain">
                    <ChainWords d={d} />
                  </td>
                  {/* The device's own report, in the English the extension sends the hub. */}
                  <td lang="en">{d.policyProblems.map((p) => `${p.key ?? ''}: ${p.message ?? ''}`).join('; ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function NetworkBars({ rows }: { rows: Charts['perNetwork'] }) {
  const { w } = useLang();
  if (!rows.length) return <p>{w.charts.none}</p>;
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <table class="bars" data-testid="per-network">
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.network}</th>
            <td>
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" class="bar" aria-hidden="true">
                <rect x="0" y="0" height="10" width={(r.count / max) * 100} fill="#1f5fbf" />
              </svg>
            </td>
            <td>{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChartsBlock({ charts }: { charts: Charts }) {
  const days = charts.perDay;
  const { w } = useLang();
  const t = w.charts;
  return (
    <>
      <h2>{t.perDay}</h2>
      <p data-testid="chart-range">{days.length ? t.range(days.length, days[0]!.date, days[days.length - 1]!.date, charts.total) : t.none}</p>
      <DayChart days={days} words={w.dsl} />
      <h2>{t.perNetwork}</h2>
      <NetworkBars rows={charts.perNetwork} />
    </>
  );
}

export function ChartsPage({ viewer, filters, schools, charts }: { viewer: Viewer; filters: HubFilters; schools: Schools; charts: Charts }) {
  const { w } = useLang();
  return (
    <Layout viewer={viewer} title={w.charts.title} current="/charts">
      <FilterForm action="/charts" filters={filters} viewer={viewer} schools={schools} />
      <ChartsBlock charts={charts} />
    </Layout>
  );
}

export function ExportsPage({ viewer, filters, schools }: { viewer: Viewer; filters: HubFilters; schools: Schools }) {
  const { w } = useLang();
  const t = w.exports;
  return (
    <Layout viewer={viewer} title={t.title} current="/exports">
      <FilterForm action="/exports" filters={filters} viewer={viewer} schools={schools} />
      <p>{t.intro}</p>
      <ul class="exports">
        <li>
          <a href={withFilters('/export/csv', filters)} download>
            {t.csv}
          </a>{' '}
          {t.csvNote}
        </li>
        <li>
          <a href={withFilters('/export/json', filters)} download>
            {t.json}
          </a>{' '}
          {t.jsonNote} <code>npm run hub -- verify FILE.json</code>
        </li>
        <li>
          <a href={withFilters('/summary', filters)}>{t.summary}</a> {t.summaryNote}
        </li>
      </ul>
      <p class="note">{t.englishFiles}</p>
    </Layout>
  );
}

export function SummaryPage({
  viewer,
  filters,
  summary,
  devices,
  printed,
}: {
  viewer: Viewer;
  filters: HubFilters;
  summary: Summary;
  devices: DeviceRow[];
  printed: Date;
}) {
  const attention = devices.filter((d) => d.chainState === 'broken' || d.keyMismatches > 0 || d.silentDays !== null);
  const { w } = useLang();
  const t = w.summary;
  const integrity = attention.length === 0 ? t.intact : t.attention(attention.length, devices.length);
  return (
    <Layout viewer={viewer} title={t.title} current="/exports">
      <p class="confidential" data-testid="confidential">
        {t.confidential(when(printed, w), viewer.email)}
      </p>
      <p>
        {t.filter} {Object.keys(filters).length ? JSON.stringify(filters) : t.noFilter}
      </p>
      <h2>{t.integrity}</h2>
      <p data-testid="integrity" class={attention.length ? 'error' : 'ok'}>
        {integrity}
      </p>
      {attention.length > 0 && (
        <ul>
          {attention.map((d) => (
            <li>
              {d.school} / {d.label ?? d.id}: <ChainWords d={d} />
            </li>
          ))}
        </ul>
      )}
      <h2>{t.totals}</h2>
      <p data-testid="total">{t.total(summary.total)}</p>
      <table class="log">
        <tbody>
          {summary.perSchool.map((s) => (
            <tr>
              <th scope="row">{s.school}</th>
              <td>{s.count}</td>
            </tr>
          ))}
          {summary.perEvent.map((e) => (
            <tr>
              <th scope="row">{eventText(w, e.event)}</th>
              <td>{e.count}</td>
            </tr>
          ))}
          {summary.reports.map((r) => (
            <tr>
              <th scope="row">{t.reportsIn(w.reports.states[r.state] ?? r.state)}</th>
              <td>{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChartsBlock charts={summary.charts} />
      <h2>{t.repeated}</h2>
      <FlagTable rows={summary.flaggedUsers.slice(0, 50)} what="User" />
    </Layout>
  );
}

export function TrailPage({ viewer, rows }: { viewer: Viewer; rows: TrailRow[] }) {
  const { w } = useLang();
  const t = w.trail;
  return (
    <Layout viewer={viewer} title={t.title} current="/trail">
      <p>{t.intro(rows.length)}</p>
      <div class="scroll">
        <table class="log" data-testid="trail">
          <thead>
            <tr>
              <th>{t.when}</th>
              <th>{t.who}</th>
              <th>{t.role}</th>
              <th>{t.school}</th>
              <th>{t.what}</th>
              <th>{t.filter}</th>
              <th>{t.rows}</th>
              <th>{t.from}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{when(r.at, w)}</td>
                <td>{r.email}</td>
                <td>{w.roles[r.role] ?? r.role}</td>
                <td>{r.school ?? ''}</td>
                <td>{r.action}</td>
                <td>
                  <code>{JSON.stringify(r.filter)}</code>
                </td>
                <td>{r.rows ?? ''}</td>
                <td>{r.remoteAddr ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function StatusPage({
  viewer,
  status,
}: {
  viewer: Viewer;
  status: {
    database: 'pglite' | 'postgres';
    migration: number;
    schools: number;
    devices: number;
    unconfirmed: number;
    attention: number;
    refusals: { reason: string; count: number; last: Date }[];
  };
}) {
  const { w } = useLang();
  const t = w.status;
  return (
    <Layout viewer={viewer} title={t.title} current="/status">
      <ul data-testid="status">
        <li>{t.database(status.database === 'pglite' ? t.embedded : t.postgres, status.migration)}</li>
        <li>{t.schools(status.schools)}</li>
        <li>{t.devices(status.devices, status.unconfirmed, status.attention)}</li>
      </ul>
      <h2>{t.refused}</h2>
      {status.refusals.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table class="log">
          <tbody>
            {status.refusals.map((r) => (
              <tr>
                <td lang="en">{r.reason}</td>
                <td>{r.count}</td>
                <td>{when(r.last, w)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
