/** The DSL's pages, rendered on the hub (preact-render-to-string): plain HTML and forms, no script. */
import { DayChart } from '../../../../components/dsl/DayChart.tsx';
import { EVENT_TEXT, type LogEvent } from '../../../../utils/core/log/types.ts';
import type { Viewer } from '../accounts.ts';
import type { HubFilters } from '../filters.ts';
import type { Charts, DeviceRow, Flagged, HubEntry, ReportRow, Summary } from '../queries.ts';
import type { TrailRow } from '../trail.ts';
import { FilterForm, Layout, when, withFilters } from './layout.tsx';

type Schools = { id: number; name: string }[];
const eventText = (e: string) => EVENT_TEXT[e as LogEvent] ?? e;

export function LoginPage({ message, csrf, email, expired }: { message: string | null; csrf: string; email: string; expired: boolean }) {
  return (
    <Layout viewer={null} title="Sign in">
      {expired && <p class="note">Your session ended. Sign in again.</p>}
      {message && (
        <p class="error" role="alert" data-testid="login-error">
          {message}
        </p>
      )}
      <form method="post" action="/login" class="login">
        <input type="hidden" name="_csrf" value={csrf} />
        <label>
          Email <input type="email" name="email" autocomplete="username" required value={email} />
        </label>
        <label>
          Password <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}

/** The device page's columns (components/dsl/LogTable.tsx), with the school and device in front. */
export function EntryTable({ entries }: { entries: HubEntry[] }) {
  if (!entries.length) return <p data-testid="no-entries">No entries match.</p>;
  return (
    <div class="scroll">
      <table class="log" data-testid="entries">
        <thead>
          <tr>
            <th>School</th>
            <th>Device</th>
            <th>#</th>
            <th>Local time</th>
            <th>User</th>
            <th>Role</th>
            <th>What happened</th>
            <th>Network</th>
            <th>Address</th>
            <th>School time</th>
            <th>Note</th>
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
              <td>{e.role}</td>
              <td>{eventText(e.event)}</td>
              <td>{e.networkName ?? ''}</td>
              <td>
                <code>{e.host ? `${e.host}${e.path ?? ''}${e.query ?? ''}${e.fragment ?? ''}` : ''}</code>
              </td>
              <td>{e.schoolTime ? 'yes' : 'no'}</td>
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
  return (
    <Layout viewer={viewer} title="All entries" current="/entries">
      <FilterForm action="/entries" filters={filters} viewer={viewer} schools={schools} />
      <EntryTable entries={entries} />
      <nav class="pager" aria-label="Pages of entries">
        {page > 0 && <a href={withFilters('/entries', filters, { page: page - 1 })}>← Newer</a>}
        <span>Page {page + 1}</span>
        {more && <a href={withFilters('/entries', filters, { page: page + 1 })}>Older →</a>}
      </nav>
    </Layout>
  );
}

export function ReportsPage({ viewer, filters, schools, rows }: { viewer: Viewer; filters: HubFilters; schools: Schools; rows: ReportRow[] }) {
  const fresh = rows.filter((r) => r.state === 'new').length;
  return (
    <Layout viewer={viewer} title="Reports" current="/reports">
      <FilterForm action="/reports" filters={filters} viewer={viewer} schools={schools} fields="dates" />
      <p data-testid="reports-count">
        {rows.length} report{rows.length === 1 ? '' : 's'}, <strong>{fresh} new</strong>.
      </p>
      {rows.length === 0 && <p>No reports.</p>}
      <ol class="reports">
        {rows.map((r) => (
          <li class={`report ${r.state}`} data-testid="report" data-state={r.state}>
            <div class="meta">
              <span class={`badge ${r.state}`}>{r.state}</span> <time>{r.entry.localTime}</time> ({r.entry.timezone}) · {r.entry.school} ·{' '}
              {r.deviceLabel ?? r.entry.device ?? r.entry.deviceId} · {r.entry.user}
            </div>
            <blockquote class="text">{r.entry.text ?? ''}</blockquote>
            {r.entry.person && <p>Would like to talk to: {r.entry.person}</p>}
            {r.setBy && (
              <p class="set-by">
                Set to {r.state} by {r.setBy}, {when(r.setAt)}
                {r.note ? `: ${r.note}` : ''}
              </p>
            )}
            <form method="post" action="/reports/state" class="state">
              <input type="hidden" name="_csrf" value={viewer.csrf} />
              <input type="hidden" name="device" value={r.entry.deviceId} />
              <input type="hidden" name="seq" value={String(r.entry.seq)} />
              <label>
                State
                <select name="state">
                  {(['new', 'seen', 'handled'] as const).map((s) => (
                    <option value={s} selected={r.state === s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Note <input name="note" value={r.note} maxLength={2000} />
              </label>
              <button type="submit">Save</button>
            </form>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

function FlagTable({ rows, what }: { rows: Flagged[]; what: 'User' | 'Device' }) {
  if (!rows.length) return <p>None over the threshold.</p>;
  return (
    <table class="log" data-testid={`flagged-${what.toLowerCase()}s`}>
      <thead>
        <tr>
          <th>{what}</th>
          <th>School</th>
          <th>Date</th>
          <th>Attempts</th>
          {what === 'User' && <th>Devices</th>}
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
  return (
    <Layout viewer={viewer} title="Repeated attempts" current="/attempts">
      <FilterForm action="/attempts" filters={filters} viewer={viewer} schools={schools} fields="dates" />
      <p>
        At least {threshold} attempts (blocked, warned or continued) in one day, counted across every device.
        {!filters.from && !filters.to && ' Last 30 days unless you pick dates.'}
      </p>
      <h2>Users</h2>
      <FlagTable rows={users} what="User" />
      <h2>Devices</h2>
      <FlagTable rows={devices} what="Device" />
    </Layout>
  );
}

export function chainText(d: DeviceRow): string {
  const parts: string[] = [];
  if (d.keyMismatches > 0) parts.push(`key mismatch (${d.keyMismatches} refused)`);
  if (d.chainState === 'broken') parts.push(`broken at entry ${d.brokenAtSeq}${d.chainProblem ? `: ${d.chainProblem}` : ''}`);
  if (d.silentDays !== null) parts.push(`silent for ${d.silentDays} day${d.silentDays === 1 ? '' : 's'}`);
  return parts.length ? parts.join('; ') : 'intact';
}

export function DevicesPage({ viewer, filters, schools, rows }: { viewer: Viewer; filters: HubFilters; schools: Schools; rows: DeviceRow[] }) {
  const bad = rows.filter((d) => d.chainState === 'broken' || d.keyMismatches > 0 || d.silentDays !== null).length;
  return (
    <Layout viewer={viewer} title="Devices" current="/devices">
      <FilterForm action="/devices" filters={filters} viewer={viewer} schools={schools} fields="dates" />
      <p>
        {rows.length} device{rows.length === 1 ? '' : 's'}
        {bad ? `, ${bad} needing attention (at the top, in red)` : ''}.
      </p>
      <div class="scroll">
        <table class="log" data-testid="devices">
          <thead>
            <tr>
              <th>School</th>
              <th>Label</th>
              <th>Browser</th>
              <th>Version</th>
              <th>Last seen</th>
              <th>Entries waiting</th>
              <th>Entries</th>
              <th>Chain</th>
              <th>Policy problems</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => {
              const problem = d.chainState === 'broken' || d.keyMismatches > 0 || d.silentDays !== null;
              return (
                <tr class={problem ? 'bad' : undefined} data-testid="device" data-device={d.id} data-problem={problem ? 'yes' : 'no'}>
                  <td>{d.school}</td>
                  <td title={d.id}>
                    {d.label ?? '(no label)'}
                    {!d.confirmed && <span class="badge new">new</span>}
                  </td>
                  <td>{d.browser ?? ''}</td>
                  <td>{d.version ?? ''}</td>
                  <td>{when(d.lastSeen)}</td>
                  <td>{d.waiting ?? '?'}</td>
                  <td>{d.entries}</td>
                  <td data-testid="chain">{chainText(d)}</td>
                  <td>{d.policyProblems.map((p) => `${p.key ?? ''}: ${p.message ?? ''}`).join('; ')}</td>
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
  if (!rows.length) return <p>No attempts.</p>;
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
  return (
    <>
      <h2>Attempts per day</h2>
      <p data-testid="chart-range">
        {days.length
          ? `${days.length} day${days.length === 1 ? '' : 's'}, ${days[0]!.date} to ${days[days.length - 1]!.date}, ${charts.total} attempts.`
          : 'No attempts.'}
      </p>
      <DayChart days={days} />
      <h2>Attempts per network</h2>
      <NetworkBars rows={charts.perNetwork} />
    </>
  );
}

export function ChartsPage({ viewer, filters, schools, charts }: { viewer: Viewer; filters: HubFilters; schools: Schools; charts: Charts }) {
  return (
    <Layout viewer={viewer} title="Charts" current="/charts">
      <FilterForm action="/charts" filters={filters} viewer={viewer} schools={schools} />
      <ChartsBlock charts={charts} />
    </Layout>
  );
}

export function ExportsPage({ viewer, filters, schools }: { viewer: Viewer; filters: HubFilters; schools: Schools }) {
  return (
    <Layout viewer={viewer} title="Exports" current="/exports">
      <FilterForm action="/exports" filters={filters} viewer={viewer} schools={schools} />
      <p>For the filter above. Every export is recorded in the access trail.</p>
      <ul class="exports">
        <li>
          <a href={withFilters('/export/csv', filters)} download>
            CSV for Excel
          </a>{' '}
          (cells that would run as formulas start with ').
        </li>
        <li>
          <a href={withFilters('/export/json', filters)} download>
            JSON
          </a>{' '}
          that anyone can check per device: <code>npm run hub -- verify FILE.json</code>
        </li>
        <li>
          <a href={withFilters('/summary', filters)}>Printable summary</a> (confidential; print it from the browser).
        </li>
      </ul>
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
  const integrity =
    attention.length === 0
      ? 'Intact: every device’s chain continues and every device has been heard from.'
      : `${attention.length} of ${devices.length} device(s) need attention: their entries may be incomplete or changed.`;
  return (
    <Layout viewer={viewer} title="Safeguarding summary" current="/exports">
      <p class="confidential" data-testid="confidential">
        CONFIDENTIAL: safeguarding information about children. Printed {when(printed)} by {viewer.email}.
      </p>
      <p>Filter: {Object.keys(filters).length ? JSON.stringify(filters) : 'none (everything the account may see)'}</p>
      <h2>Integrity</h2>
      <p data-testid="integrity" class={attention.length ? 'error' : 'ok'}>
        {integrity}
      </p>
      {attention.length > 0 && (
        <ul>
          {attention.map((d) => (
            <li>
              {d.school} / {d.label ?? d.id}: {chainText(d)}
            </li>
          ))}
        </ul>
      )}
      <h2>Totals</h2>
      <p data-testid="total">{summary.total} entries.</p>
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
              <th scope="row">{eventText(e.event)}</th>
              <td>{e.count}</td>
            </tr>
          ))}
          {summary.reports.map((r) => (
            <tr>
              <th scope="row">Reports {r.state}</th>
              <td>{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChartsBlock charts={summary.charts} />
      <h2>Repeated attempts</h2>
      <FlagTable rows={summary.flaggedUsers.slice(0, 50)} what="User" />
    </Layout>
  );
}

export function TrailPage({ viewer, rows }: { viewer: Viewer; rows: TrailRow[] }) {
  return (
    <Layout viewer={viewer} title="Access trail" current="/trail">
      <p>Every view of log contents, every export and every retention purge, newest first (the latest {rows.length}).</p>
      <div class="scroll">
        <table class="log" data-testid="trail">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Role</th>
              <th>School</th>
              <th>What</th>
              <th>Filter</th>
              <th>Rows</th>
              <th>From</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{when(r.at)}</td>
                <td>{r.email}</td>
                <td>{r.role}</td>
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
    database: string;
    migration: number;
    schools: number;
    devices: number;
    unconfirmed: number;
    attention: number;
    refusals: { reason: string; count: number; last: Date }[];
  };
}) {
  return (
    <Layout viewer={viewer} title="Hub status" current="/status">
      <ul data-testid="status">
        <li>
          Database: {status.database}, migration {status.migration}
        </li>
        <li>Schools: {status.schools}</li>
        <li>
          Devices: {status.devices} ({status.unconfirmed} new, unconfirmed; {status.attention} needing attention)
        </li>
      </ul>
      <h2>Refused requests, last 7 days</h2>
      {status.refusals.length === 0 ? (
        <p>None.</p>
      ) : (
        <table class="log">
          <tbody>
            {status.refusals.map((r) => (
              <tr>
                <td>{r.reason}</td>
                <td>{r.count}</td>
                <td>{when(r.last)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
