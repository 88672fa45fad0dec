import { EVENT_TEXT, type LogEntry } from '../../utils/core/log/types';

export function LogTable({ entries }: { entries: LogEntry[] }) {
  if (entries.length === 0) return <p>No entries match.</p>;
  return (
    // Wide on a small screen: the table scrolls on its own, reachable by keyboard, and the page does not.
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Log entries">
    <table class="log" data-testid="log-table">
      <thead>
        <tr>
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
          <tr key={e.seq}>
            <td>{e.seq}</td>
            <td>{e.localTime}</td>
            <td>{e.user}</td>
            <td>{e.role}</td>
            <td>{EVENT_TEXT[e.event]}</td>
            <td>{e.networkName ?? ''}</td>
            <td>
              {e.host && <code>{`${e.host}${e.path ?? ''}${e.query ?? ''}${e.fragment ?? ''}`}</code>}
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
