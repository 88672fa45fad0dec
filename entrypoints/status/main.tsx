import { render } from 'preact';
import '../../components/pages.css';
import { StatusPage } from '../../components/StatusPage';
import { useNow, useStatus, useStored } from '../../components/use-status';
import { LOG_HEALTH_KEY, type LogHealth } from '../../utils/journal/safe-journal';
import { useEffect, useState } from 'preact/hooks';
import { selfCheckFacts } from '../../utils/browser/self-check';
import { selfCheck, type CheckItem } from '../../utils/core/self-check';
import { send } from '../../utils/browser/send-message';
import { browser } from 'wxt/browser';
import { hashPassphrase } from '../../utils/core/passphrase';
import { OUTBOX_KEY, type OutboxState } from '../../utils/hub/outbox';
import { HELD_FOR_HUB_KEY, type HeldForHub } from '../../utils/journal/maintenance';

// Opening the page brings the status up to date (a sleeping worker may hold an old snapshot).
void send({ type: 'status:refresh' }).catch(() => undefined);

function App() {
  const { status, loaded } = useStatus();
  const now = useNow();
  const [checks, setChecks] = useState<CheckItem[] | null>(null);
  useEffect(() => {
    if (loaded) void selfCheckFacts(status, now).then((f) => setChecks(selfCheck(f)));
  }, [loaded, status, now]);
  return (
    <StatusPage
      status={status}
      loaded={loaded}
      now={now}
      makeHash={(p) => hashPassphrase(p)}
      logHealth={useStored<LogHealth>(LOG_HEALTH_KEY)}
      checks={checks}
      hub={{ outbox: useStored<OutboxState>(OUTBOX_KEY), held: useStored<HeldForHub>(HELD_FOR_HUB_KEY) }}
      grantSiteAccess={() =>
        void browser.permissions
          .request({ origins: ['<all_urls>'] })
          .then(() => send({ type: 'status:refresh' }))
          .catch(() => undefined)
      }
    />
  );
}

render(<App />, document.getElementById('app')!);
