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
import type { Network } from '../utils/core/types';
import { STATIC_PAGE_NETWORKS, staticPagePath } from '../utils/core/static-pages';

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

/**
 * A block page of its own for one catalogue network (Firefox, utils/core/static-pages.ts): a
 * pupil's words in English with the network's name, and nothing that only this visit knows (no
 * school name, no address): the full page adds those after the load event.
 */
export function staticBlockMarkup(network: Network): string {
  const status = shellStatus();
  status.parsed.policy.school = { ...status.parsed.policy.school, name: null, logo: null };
  const markup = renderToString(
    <BlockPage status={status} address={`https://${network.domains[0]}/`} now={0} onReport={never} onRequestException={never} onBack={() => undefined} />,
  );
  const address = /<p class="address">.*?<\/p>/;
  if (!address.test(markup)) throw new Error('staticBlockMarkup: the address line was not found');
  return markup.replace(address, '');
}

/** Every network's own block page: its file name, its network and its markup. */
export function staticBlockPages(): { file: string; networkId: string; markup: string }[] {
  return STATIC_PAGE_NETWORKS.map((n) => ({ file: staticPagePath(n.id), networkId: n.id, markup: staticBlockMarkup(n) }));
}
