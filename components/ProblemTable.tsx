import { Fragment } from 'preact';
import type { PolicyProblem } from '../utils/core/policy';
import { problemSeverity } from '../utils/core/self-check';
import type { AdminMessages } from '../utils/core/i18n/admin-en';
import { renderProblem, renderUsed, type ProblemSay } from '../utils/core/policy-problem-codes';
import { type PageLanguage } from './i18n';
import { English } from './admin-i18n';

interface Props<P extends PolicyProblem> {
  problems: readonly P[];
  caption?: string;
  testId: string;
  words: AdminMessages;
  page: PageLanguage;
  /** Says a problem in the page's words (null: its English sentence); by default from its policy problem codes. */
  say?: (p: P) => { problem: string | null; used: string | null };
}

/** A key may break after "." or "[" (a word boundary for the admin), never inside a word. */
function Key({ name }: { name: string }) {
  const parts = name.split(/(?<=[.\]])|(?=\[)/);
  return (
    <code class="key">
      {parts.map((p, i) => (
        <>
          {i > 0 && <wbr />}
          {p}
        </>
      ))}
    </code>
  );
}

/**
 * A problem's sentence in the page's language from its code; the core's English sentence (marked
 * `lang="en"`) for a problem with no code, or a code this page's catalogue does not know.
 * Values the admin wrote are parameters, rendered as text.
 */
function Words({ rendered, english, page }: { rendered: string | null; english: string; page: PageLanguage }) {
  return rendered !== null ? <>{rendered}</> : <English page={page}>{english}</English>;
}

/** The browser's own reason for refusing a rule (its words, never translated), if the problem carries one. */
function browserReason(s: ProblemSay): string | null {
  const reason = (s.params as { reason?: unknown }).reason;
  return s.code.startsWith('refused') && typeof reason === 'string' ? reason : null;
}

const SLOT = '\u0000';

/** A refused rule's problem: our sentence in the page's language, the browser's reason inside it as it wrote it, marked English. */
function WithBrowserWords({ words, say, page, english }: { words: AdminMessages; say: ProblemSay; page: PageLanguage; english: string }) {
  const reason = browserReason(say)!;
  const rendered = renderProblem(words.policyProblems, { ...say, params: { ...say.params, reason: SLOT } } as ProblemSay);
  if (rendered === null) return <Words rendered={null} english={english} page={page} />;
  const parts = rendered.split(SLOT);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <English page={page}>{reason}</English>}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** Which key, how serious, what is wrong, what is used instead: the same table on the status page and the builder. */
export function ProblemTable<P extends PolicyProblem>({ problems, caption, testId, words, page, say }: Props<P>) {
  const w = words.problems;
  const sayProblem =
    say ??
    ((p: P) => ({
      problem: p.say ? renderProblem(words.policyProblems, p.say) : null,
      used: p.usedSay ? renderUsed(words.policyProblems, p.usedSay) : null,
    }));
  const severityWords = { bad: w.serious, warn: w.check } as const;
  return (
    <table class="problems" data-testid={testId}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{w.key}</th>
          <th scope="col">{w.wrong}</th>
          <th scope="col">{w.used}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => {
          const severity = problemSeverity(p.key);
          const said = sayProblem(p);
          return (
            <tr key={i} class={`severity-${severity}`} data-severity={severity}>
              <td data-label={w.key}>
                <span class={`badge ${severity}`}>{severityWords[severity]}</span> <Key name={p.key} />
              </td>
              <td data-label={w.wrong}>
                {!say && p.say && browserReason(p.say) !== null ? (
                  <WithBrowserWords words={words} say={p.say} page={page} english={p.problem} />
                ) : (
                  <Words rendered={said.problem} english={p.problem} page={page} />
                )}
              </td>
              <td data-label={w.used}>
                <Words rendered={said.used} english={p.used} page={page} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
