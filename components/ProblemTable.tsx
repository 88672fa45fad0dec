import type { PolicyProblem } from '../utils/core/policy';

interface Props {
  problems: readonly PolicyProblem[];
  caption?: string;
  testId: string;
}

/** Which key, what is wrong, what is used instead: the same table on the status page and the builder. */
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
        {problems.map((p, i) => (
          <tr key={i}>
            <td>
              <code>{p.key}</code>
            </td>
            <td>{p.problem}</td>
            <td>{p.used}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
