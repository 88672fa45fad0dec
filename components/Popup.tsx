import { ROLE_NAMES, schoolTimeLine } from '../utils/core/page-text';
import { timeLeft } from '../utils/core/exceptions';
import type { StatusSnapshot } from '../utils/status';

interface Props {
  status: StatusSnapshot;
  now: number;
  onOpenStatus: () => void;
  onEndException: (id: string) => void;
}

export function Popup({ status, now, onOpenStatus, onEndException }: Props) {
  const { policy } = status.parsed;
  const problems = status.parsed.problems.length + status.ruleErrors.length;
  const active = status.exceptions.filter((e) => e.until > now);
  return (
    <main class="popup">
      <h1>Hall Pass</h1>
      <p data-testid="popup-role">{ROLE_NAMES[status.role.role]}</p>
      <p data-testid="popup-time">{schoolTimeLine(status.schoolTime, status.nextChange, policy.timezone, now)}</p>
      <p data-testid="popup-protection" class="ok">
        Protection on
      </p>
      {active.length > 0 && (
        <section aria-labelledby="exceptions-title">
          <h2 id="exceptions-title">Exceptions</h2>
          <ul class="exceptions">
            {active.map((e) => (
              <li key={e.id} data-testid="exception">
                {e.networkName}
                {e.scope.kind === 'page' ? ` (${e.scope.scope.host}${e.scope.scope.pathPrefix})` : ''}: {timeLeft(e, now)}{' '}
                <button type="button" onClick={() => onEndException(e.id)}>
                  End now
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {problems > 0 && <p class="warn-text">{problems} policy problem(s): see the status page.</p>}
      <button type="button" onClick={onOpenStatus}>
        Status page
      </button>
    </main>
  );
}
