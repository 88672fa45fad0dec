import { render } from 'preact';
import '../../components/pages.css';
import { WarnPage } from '../../components/WarnPage';
import { useStatus } from '../../components/use-status';
import { drawWithStatus } from '../../components/first-paint';
import { addressFromFragment } from '../../utils/core/page-text';
import { send } from '../../utils/browser/send-message';
import type { StatusSnapshot } from '../../utils/status';
import { goBack } from '../../components/go-back';

const address = addressFromFragment(location.hash);

async function onContinue(reason: string): Promise<string | null> {
  if (!address) return 'There is no address to continue to.';
  const answer = await send({ type: 'warn:continue', url: address, reason });
  if (!answer.ok) return answer.error;
  location.replace(address);
  return null;
}

function App({ initial }: { initial: StatusSnapshot | null }) {
  const { status } = useStatus(initial);
  return <WarnPage status={status} address={address} onContinue={onContinue} onBack={() => void goBack()} />;
}

const root = document.getElementById('app')!;
drawWithStatus(root, (initial) => render(<App initial={initial} />, root));
