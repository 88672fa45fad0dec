import type { Policy } from '../../utils/core/policy';
import { Review, type ReviewSource } from './Review';
import { UnlockForm } from './UnlockForm';
import { Mark } from '../i18n';
import { useDslSession, type SessionDeps } from './use-dsl-session';

interface Props {
  policy: Policy;
  source: ReviewSource;
  session: SessionDeps;
}

export function DslPage({ policy, source, session: deps }: Props) {
  const { session, unlock, lock } = useDslSession(deps);
  return (
    <main class="page dsl">
      <h1 class="with-mark">
        <Mark /> Safeguarding log
      </h1>
      {!policy.dsl.passphraseHash ? (
        <section data-testid="dsl-setup">
          <p>No DSL passphrase is set for this device, so the log stays closed.</p>
          <p>To open it, the school's IT admin makes a passphrase hash and puts it in the managed policy as <code>dsl.passphraseHash</code>:</p>
          <ul>
            <li>
              with the form on the Hall Pass status page ("Make a DSL passphrase hash"), or
            </li>
            <li>
              from a copy of the project: <code>npm run hash-passphrase</code>.
            </li>
          </ul>
          <p>Only the hash goes in the policy; the passphrase itself is never stored.</p>
        </section>
      ) : session.state === 'locked' ? (
        <section>
          <p>
            This log is for {policy.dsl.name ?? 'the Designated Safeguarding Lead'}. Enter the passphrase to review it.
          </p>
          <UnlockForm error={session.error} busy={session.busy} wait={session.wait} onUnlock={(p) => void unlock(p)} />
        </section>
      ) : (
        <Review
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
