import type { LogEntry } from '../../utils/core/log/types';
import type { Role } from '../../utils/core/types';
import type { AdminMessages } from '../../utils/core/i18n/admin-en';

export function LogTable({ entries, words, roles }: { entries: LogEntry[]; words: AdminMessages; roles: Record<Role, string> }) {
  const w = words.dsl;
  const c = w.columns;
  if (entries.length === 0) return <p>{w.noEntries}</p>;
  return (
    // Wide on a small screen: the table scrolls on its own, reachable by keyboard, and the page does not.
    <div class="table-scroll" tabIndex={0} role="region" aria-label={w.logEntries}>
      <table class="log" data-testid="log-table">
        <thead>
          <tr>
            <th>{c.seq}</th>
            <th>{c.time}</th>
            <th>{c.user}</th>
            <th>{c.role}</th>
            <th>{c.event}</th>
            <th>{c.network}</th>
            <th>{c.address}</th>
            <th>{c.schoolTime}</th>
            <th>{c.note}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{e.localTime}</td>
              <td>{e.user}</td>
              <td>{roles[e.role] ?? e.role}</td>
              <td>{w.events[e.event]}</td>
              <td>{e.networkName ?? ''}</td>
              <td>{e.host && <code>{`${e.host}${e.path ?? ''}${e.query ?? ''}${e.fragment ?? ''}`}</code>}</td>
              <td>{e.schoolTime ? w.yes : w.no}</td>
              <td>{[e.text, e.person].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
