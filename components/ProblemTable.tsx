import type { PolicyProblem } from '../utils/core/policy';
import { problemSeverity } from '../utils/core/self-check';

interface Props {
  problems: readonly PolicyProblem[];
  caption?: string;
  testId: string;
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

const SEVERITY_WORDS = { bad: 'Serious', warn: 'Check' } as const;

/** Which key, how serious, what is wrong, what is used instead: the same table on the status page and the builder. */
export function ProblemTable({ problems, caption, testId }: Props) {
  return (
    <table class="problems" data-testid={testId}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">What is wrong</th>
          <th scope="col">Used instead</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => {
          const severity = problemSeverity(p.key);
          return (
            <tr key={i} class={`severity-${severity}`} data-severity={severity}>
              <td data-label="Key">
                <span class={`badge ${severity}`}>{SEVERITY_WORDS[severity]}</span> <Key name={p.key} />
              </td>
              <td data-label="What is wrong">{p.problem}</td>
              <td data-label="Used instead">{p.used}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
