import { ROLE_NAMES, schoolTimeLine } from '../utils/core/page-text';
import type { StatusSnapshot } from '../utils/status';

export function Popup({ status, now, onOpenStatus }: { status: StatusSnapshot; now: number; onOpenStatus: () => void }) {
  const { policy } = status.parsed;
  const problems = status.parsed.problems.length + status.ruleErrors.length;
  return (
    <main class="popup">
      <h1>Hall Pass</h1>
      <p data-testid="popup-role">{ROLE_NAMES[status.role.role]}</p>
      <p data-testid="popup-time">{schoolTimeLine(status.schoolTime, status.nextChange, policy.timezone, now)}</p>
      <p data-testid="popup-protection" class="ok">
        Protection on
      </p>
      {problems > 0 && <p class="warn-text">{problems} policy problem(s): see the status page.</p>}
      <button type="button" onClick={onOpenStatus}>
        Status page
      </button>
    </main>
  );
}
