import { blockView } from '../utils/core/page-text';
import type { StatusSnapshot } from '../utils/status';
import { ReportForm, type ReportInput } from './ReportForm';
import { ExceptionForm, type RequestOutcome } from './ExceptionForm';
import { exceptionOffer } from '../utils/core/exceptions';
import type { ExceptionRequest } from '../utils/core/types';
import { PageHeader, usePageLanguage } from './i18n';

/** For a child: drawn, not an emoji (school machines often lack an emoji font). */
function FriendlyFace() {
  return (
    <svg class="sign" width="72" height="72" viewBox="0 0 72 72" aria-hidden="true" focusable="false">
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
  onReport: (report: ReportInput) => Promise<string | null>;
  onRequestException: (req: ExceptionRequest) => Promise<RequestOutcome>;
  onBack: () => void;
}

export function BlockPage({ status, address, now, onReport, onRequestException, onBack }: Props) {
  const role = status.role.role;
  const pupil = role === 'pupil';
  const { policy } = status.parsed;
  const page = usePageLanguage(policy.languages, !pupil);
  const { t, lang } = page;
  const view = blockView(address, role, now, policy, lang, t);
  const offer = address ? exceptionOffer(role, policy, now) : null;
  return (
    <main class={`page block ${pupil ? 'for-pupil' : 'for-adult'}`} aria-labelledby="title">
      <PageHeader school={policy.school.name} logo={pupil ? policy.school.logo : null} page={page} />
      {pupil && <FriendlyFace />}
      <h1 id="title">{view.title}</h1>
      <p class="why">{view.why}</p>
      {view.reopens && (
        <p class="reopens" data-testid="reopens">
          {view.reopens}
        </p>
      )}
      {view.permission && !offer && (
        <section class="permission" aria-labelledby="permission-title">
          <h2 id="permission-title">{t.adult.block.permissionTitle}</h2>
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
      <div class="buttons start">
        <button type="button" onClick={onBack}>
          {t.pupil.goBack}
        </button>
      </div>
      {offer && address && (
        <ExceptionForm
          url={address}
          choices={offer.choices}
          approvers={offer.approvers}
          dslName={policy.dsl.name}
          timezone={policy.timezone}
          lang={lang}
          t={t}
          onRequest={onRequestException}
        />
      )}
      {view.offerReport && <ReportForm policy={policy} t={t} onSend={onReport} />}
      {view.address && (
        <p class="address">
          {pupil ? t.pupil.block.address : t.adult.block.address}: <code data-testid="blocked-address">{view.address}</code>
        </p>
      )}
      {view.policyUrl && (
        <p>
          <a href={view.policyUrl} target="_blank" rel="noreferrer noopener">
            {t.adult.block.policyLink}
          </a>
        </p>
      )}
    </main>
  );
}
