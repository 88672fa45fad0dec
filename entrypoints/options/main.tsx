import { render } from 'preact';
import '../../components/pages.css';
import { StatusPage } from '../../components/StatusPage';
import { useNow, useStatus, useStored } from '../../components/use-status';
import { LOG_HEALTH_KEY, type LogHealth } from '../../utils/log/safe-journal';
import { send } from '../../utils/browser/messages';
import { hashPassphrase } from '../../utils/core/passphrase';

// Opening the page brings the status up to date (a sleeping worker may hold an old snapshot).
void send({ type: 'status:refresh' }).catch(() => undefined);

function App() {
  const { status, loaded } = useStatus();
  return <StatusPage status={status} loaded={loaded} now={useNow()} makeHash={(p) => hashPassphrase(p)} logHealth={useStored<LogHealth>(LOG_HEALTH_KEY)} />;
}

render(<App />, document.getElementById('app')!);
