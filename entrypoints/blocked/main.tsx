import { render } from 'preact';
import '../../components/pages.css';
import { BlockPage } from '../../components/BlockPage';
import { useNow, useStatus } from '../../components/use-status';
import { drawWithStatus } from '../../components/first-paint';
import { addressFromFragment } from '../../utils/core/page-text';
import { send } from '../../utils/browser/messages';
import type { ExceptionRequest } from '../../utils/core/types';
import type { StatusSnapshot } from '../../utils/status';

// For npm run bench: the page's modules have loaded and this script starts (see first-paint.ts).
performance.mark('hall-pass:script');

// Read once: the fragment is the original address exactly as the rule passed it (never decoded).
const address = addressFromFragment(location.hash);

async function onReport(what: string, talkTo: string): Promise<string | null> {
  try {
    const answer = await send({ type: 'report:send', what, talkTo });
    return answer.ok ? null : answer.error;
  } catch {
    return 'Sorry, that did not send. Please tell your teacher instead.';
  }
}

async function onRequestException(request: ExceptionRequest): Promise<string | null> {
  try {
    const answer = await send({ type: 'exception:request', request });
    if (!answer.ok) return answer.error;
    location.replace(request.url);
    return null;
  } catch {
    return 'The request could not be sent. Please try again.';
  }
}

function App({ initial }: { initial: StatusSnapshot | null }) {
  const { status } = useStatus(initial);
  return <BlockPage status={status} address={address} now={useNow()} onReport={onReport} onRequestException={onRequestException} />;
}

drawWithStatus((initial) => render(<App initial={initial} />, document.getElementById('app')!));
