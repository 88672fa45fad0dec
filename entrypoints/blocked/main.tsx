import { render } from 'preact';
import '../../components/pages.css';
import { BlockPage } from '../../components/BlockPage';
import type { ReportInput } from '../../components/ReportForm';
import type { RequestOutcome } from '../../components/ExceptionForm';
import { goBack } from '../../components/go-back';
import { useNow, useStatus } from '../../components/use-status';
import { drawWithStatus } from '../../components/first-paint';
import { addressFromFragment } from '../../utils/core/page-text';
import { send } from '../../utils/browser/send-message';
import type { ExceptionRequest } from '../../utils/core/types';
import type { StatusSnapshot } from '../../utils/status';

// For npm run bench: the page's modules have loaded and this script starts (see first-paint.ts).
performance.mark('hall-pass:script');

// Read once: the fragment is the original address exactly as the rule passed it (never decoded).
const address = addressFromFragment(location.hash);

/** Null when sent; 'failed' makes the form say so in the child's language. */
async function onReport(report: ReportInput): Promise<string | null> {
  try {
    const answer = await send({ type: 'report:send', what: report.what, talkTo: report.talkTo, name: report.name, group: report.group });
    return answer.ok ? null : 'failed';
  } catch {
    return 'failed';
  }
}

/** Long enough to read "Exception granted until 14:05" before the site opens. */
const GRANTED_PAUSE_MS = 1500;

async function onRequestException(request: ExceptionRequest): Promise<RequestOutcome> {
  try {
    const answer = await send({ type: 'exception:request', request });
    if (answer.ok) setTimeout(() => location.replace(request.url), GRANTED_PAUSE_MS);
    return answer;
  } catch {
    return { ok: false, error: 'The request could not be sent. Please try again.' };
  }
}

function App({ initial }: { initial: StatusSnapshot | null }) {
  const { status } = useStatus(initial);
  return (
    <BlockPage status={status} address={address} now={useNow()} onReport={onReport} onRequestException={onRequestException} onBack={() => void goBack()} />
  );
}

const root = document.getElementById('app')!;
drawWithStatus(root, (initial) => render(<App initial={initial} />, root));
