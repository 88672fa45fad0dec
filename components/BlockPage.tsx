import { blockView } from '../utils/core/page-text';
import type { StatusSnapshot } from '../utils/status';
import { ReportForm } from './ReportForm';
import { ExceptionForm } from './ExceptionForm';
import { exceptionOffer } from '../utils/core/exceptions';
import type { ExceptionRequest } from '../utils/core/types';

/** Drawn, not an emoji: school machines often lack an emoji font. */
function FriendlyFace() {
  return (
    <svg class="sign" width="72" height="72" viewBox="0 0 72 72" aria-hidden="true">
      <circle cx="36" cy="36" r="34" fill="#1f5fbf" />
      <circle cx="25" cy="29" r="4.5" fill="#fff" />
      <circle cx="47" cy="29" r="4.5" fill="#fff" />
      <path d="M22 45 Q36 56 50 45" stroke="#fff" stroke-width="4" fill="none" stroke-linecap="round" />
    </svg>
  );
}

interface Props {
  status: StatusSnapshot;
  address: string | null;
  now: number;
  onReport: (what: string, talkTo: string) => Promise<string | null>;
  onRequestException: (req: ExceptionRequest) => Promise<string | null>;
}

export function BlockPage({ status, address, now, onReport, onRequestException }: Props) {
  const view = blockView(address, status.role.role, now, status.parsed.policy);
  const offer = address ? exceptionOffer(status.role.role, status.parsed.policy, now) : null;
  return (
    <main class="page block" aria-labelledby="title">
      <FriendlyFace />
      <h1 id="title">{view.title}</h1>
      <p class="why">{view.why}</p>
      <p class="reopens" data-testid="reopens">{view.reopens}</p>
      {view.permission && !offer && (
        <section class="permission" aria-label="Permission">
          <h2>Need it for school?</h2>
          <p>{view.permission}</p>
        </section>
      )}
      {offer && address && (
        <ExceptionForm url={address} choices={offer.choices} approvers={offer.approvers} onRequest={onRequestException} />
      )}
      {view.talkTo.length > 0 && (
        <ul class="talk-to">
          {view.talkTo.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {view.offerReport && <ReportForm policy={status.parsed.policy} onSend={onReport} />}
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
