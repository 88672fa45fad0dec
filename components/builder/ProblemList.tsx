import type { PolicyCheck } from '../../utils/core/policy-builder';
import { ProblemTable } from '../ProblemTable';
import type { AdminMessages } from '../../utils/core/i18n/admin-en';
import { type PageLanguage } from '../i18n';
import { sayCode, sayDropped, type BuilderNote } from '../../utils/core/builder-codes';

interface Props {
  check: PolicyCheck;
  notes: BuilderNote[];
  words: AdminMessages;
  page: PageLanguage;
}

/** What the extension's own check says about the policy, as the status page will show it. */
export function ProblemList({ check, notes, words, page }: Props) {
  const w = words.builder;
  const { problems, droppedByChrome } = check;
  return (
    <section aria-labelledby="check-title" class="check-panel">
      <h2 id="check-title">{w.check}</h2>
      <p class="hint">{w.checkHint}</p>
      <div aria-live="polite">
        {notes.length > 0 && (
          <ul class="notes" data-testid="builder-notes">
            {notes.map((n, i) => (
              <li key={i}>{sayCode(w.notes, n)}</li>
            ))}
          </ul>
        )}
        {problems.length === 0 ? (
          <p class="ok" data-testid="builder-no-problems">
            {w.noProblems}
          </p>
        ) : (
          <ProblemTable problems={problems} caption={w.problems(problems.length)} testId="builder-problems" words={words} page={page} />
        )}
        {droppedByChrome.length > 0 && (
          <ProblemTable
            problems={droppedByChrome}
            caption={w.dropped}
            words={words}
            page={page}
            testId="builder-dropped"
            say={(p) => sayDropped(w.droppedWhy, p.dropped)}
          />
        )}
      </div>
    </section>
  );
}
