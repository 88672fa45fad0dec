import type { Policy } from '../../utils/core/policy';
import { Review, type ReviewSource } from './Review';
import { UnlockForm } from './UnlockForm';
import { AdminHeader, useAdminPage } from '../admin-i18n';
import { useDslSession, type SessionDeps } from './use-dsl-session';

interface Props {
  policy: Policy;
  source: ReviewSource;
  session: SessionDeps;
}

export function DslPage({ policy, source, session: deps }: Props) {
  const { session, unlock, lock } = useDslSession(deps);
  const { page, a } = useAdminPage(policy.languages);
  const w = a.dsl;
  return (
    <main class="page dsl">
      <AdminHeader title={w.title} page={page} />
      {!policy.dsl.passphraseHash ? (
        <section data-testid="dsl-setup">
          <p>{w.noHash}</p>
          <p>
            {w.howToSet[0]}
            <code>dsl.passphraseHash</code>
            {w.howToSet[1]}
          </p>
          <ul>
            <li>{w.withForm}</li>
            <li>
              {w.withCommand} <code>npm run hash-passphrase</code>.
            </li>
          </ul>
          <p>{w.onlyHash}</p>
        </section>
      ) : session.state === 'locked' ? (
        <section>
          <p>{w.forDsl(policy.dsl.name)}</p>
          <UnlockForm error={session.error} busy={session.busy} wait={session.wait} onUnlock={(p) => void unlock(p)} words={w} />
        </section>
      ) : (
        <Review
          words={a}
          page={page}
          source={source}
          school={policy.school.name}
          device={policy.device.label}
          flagThreshold={policy.log.flagThreshold}
          onLock={lock}
        />
      )}
    </main>
  );
}
