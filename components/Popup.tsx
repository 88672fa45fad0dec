import { schoolTimeWords } from '../utils/core/page-text';
import { timeLeft } from '../utils/core/exceptions';
import type { StatusSnapshot } from '../utils/status';
import { Mark, usePageLanguage } from './i18n';

interface Props {
  status: StatusSnapshot;
  now: number;
  onOpenStatus: () => void;
  onEndException: (id: string) => void;
}

export function Popup({ status, now, onOpenStatus, onEndException }: Props) {
  const { policy } = status.parsed;
  const role = status.role.role;
  const { t, lang } = usePageLanguage(policy.languages, true);
  const p = t.adult.popup;
  const problems = status.parsed.problems.length + status.ruleErrors.length;
  const active = status.exceptions.filter((e) => e.until > now);
  return (
    <main class="popup">
      <h1 class="popup-title">
        <Mark size={28} /> Hall Pass
      </h1>
      <p data-testid="popup-role">{p.role(t.adult.roles[role])}</p>
      <p data-testid="popup-time">{schoolTimeWords(status.schoolTime, status.nextChange, policy, now, lang, t)}</p>
      <p data-testid="popup-protection" class="ok">
        {p.protection}
      </p>
      {role === 'pupil' ? (
        <p class="note">{p.pupilNote}</p>
      ) : (
        <>
          {active.length > 0 && (
            <section aria-labelledby="exceptions-title">
              <h2 id="exceptions-title">{p.exceptions}</h2>
              <ul class="exceptions">
                {active.map((e) => (
                  <li key={e.id} data-testid="exception">
                    {e.networkName}
                    {e.scope.kind === 'page' ? ` (${e.scope.scope.host}${e.scope.scope.pathPrefix})` : ''}: {timeLeft(e, now)}{' '}
                    <button type="button" onClick={() => onEndException(e.id)}>
                      {p.endNow}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {problems > 0 && <p class="warn-text">{p.problems(problems)}</p>}
          <button type="button" onClick={onOpenStatus}>
            {p.statusPage}
          </button>
        </>
      )}
    </main>
  );
}
