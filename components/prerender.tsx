/**
 * The block and warning pages' HTML, drawn at build time by the same components the pages use:
 * a pupil's page in English with placeholders the first-paint script fills (page-shell.ts). Run
 * by the build (fast-pages), never shipped.
 */
import { renderToString } from 'preact-render-to-string';
import { BlockPage } from './BlockPage';
import { WarnPage } from './WarnPage';
import { defaultSnapshot } from './status-cache';
import { SHELL_ADDRESS, SHELL_SCHOOL } from './page-shell';
import type { StatusSnapshot } from '../utils/status';

function shellStatus(): StatusSnapshot {
  const status = defaultSnapshot(0);
  status.role = { ...status.role, role: 'pupil' };
  status.parsed.policy.school = { ...status.parsed.policy.school, name: SHELL_SCHOOL, logo: null };
  status.parsed.policy.languages = ['en'];
  return status;
}

const never = () => new Promise<never>(() => undefined);

export function shellMarkup(page: 'block' | 'warn'): string {
  const status = shellStatus();
  return page === 'block'
    ? renderToString(<BlockPage status={status} address={SHELL_ADDRESS} now={0} onReport={never} onRequestException={never} onBack={() => undefined} />)
    : renderToString(<WarnPage status={status} address={SHELL_ADDRESS} onContinue={never} onBack={() => undefined} />);
}
