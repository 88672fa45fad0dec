import { blockView } from '../utils/core/page-text';
import type { StatusSnapshot } from '../utils/status';

export function BlockPage({ status, address, now }: { status: StatusSnapshot; address: string | null; now: number }) {
  const view = blockView(address, status.role.role, now, status.parsed.policy);
  return (
    <main class="page block" aria-labelledby="title">
      <div class="sign" aria-hidden="true">✋</div>
      <h1 id="title">{view.title}</h1>
      <p class="why">{view.why}</p>
      <p class="reopens" data-testid="reopens">{view.reopens}</p>
      {view.permission && (
        <section class="permission" aria-label="Permission">
          <h2>Need it for school?</h2>
          <p>{view.permission}</p>
        </section>
      )}
      {view.talkTo.length > 0 && (
        <ul class="talk-to">
          {view.talkTo.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {view.address && (
        <p class="address">
          Address: <code data-testid="blocked-address">{view.address}</code>
        </p>
      )}
      {view.policyUrl && (
        <p>
          <a href={view.policyUrl} target="_blank" rel="noreferrer noopener">
            Read the school's social media policy
          </a>
        </p>
      )}
    </main>
  );
}
