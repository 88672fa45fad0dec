import type { PolicyCheck } from '../../utils/core/policy-builder';
import { ProblemTable } from '../ProblemTable';

interface Props {
  check: PolicyCheck;
  notes: string[];
}

/** What the extension's own check says about the policy, as the status page will show it. */
export function ProblemList({ check, notes }: Props) {
  const { problems, droppedByChrome } = check;
  return (
    <section aria-labelledby="check-title" class="check-panel">
      <h2 id="check-title">Check</h2>
      <p class="hint">The extension's own check of this policy, live as you type. The status page on each device will show the same list.</p>
      <div aria-live="polite">
        {notes.length > 0 && (
          <ul class="notes" data-testid="builder-notes">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        {problems.length === 0 ? (
          <p class="ok" data-testid="builder-no-problems">
            No policy problems.
          </p>
        ) : (
          <ProblemTable problems={problems} caption={`Policy problems (${problems.length})`} testId="builder-problems" />
        )}
        {droppedByChrome.length > 0 && (
          <ProblemTable
            problems={droppedByChrome}
            caption="Chrome and Edge would drop these before the extension sees them"
            testId="builder-dropped"
          />
        )}
      </div>
    </section>
  );
}
