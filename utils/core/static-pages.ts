/**
 * Firefox's block pages with no script before their load event: one page per catalogue network,
 * drawn at build time with that network's name in a pupil's English words
 * (`blocked-<network>.html`, see scripts/fast-pages.ts). In Firefox the extension's background
 * shares its thread with its pages, so any script a page waits for also waits for the background's
 * work on the same redirect (logging the attempt); a page that waits for no script loads as fast
 * as a static page. The rules send a tab to one of these pages only when its words are exactly
 * the ones the full page would show this reader; the full page is started after the load event by
 * the background (utils/browser/page-starter.ts) and takes over with the live status.
 */
import { CATALOGUE } from './catalogue';
import { reopensAt } from './decide';
import type { Policy } from './policy';
import type { Network, Role } from './types';

const PREFIX = 'blocked-';

/** The attribute the build sets on such a page's root, naming its network (scripts/fast-pages.ts keeps a copy). */
export const STATIC_ATTRIBUTE = 'data-static';

/** The catalogue networks that have a page of their own (ids are stable, lower case, dashes). */
export const STATIC_PAGE_NETWORKS: readonly Network[] = CATALOGUE.filter((n) => /^[a-z0-9-]+$/.test(n.id));

/** The page's file name, e.g. `blocked-facebook.html`. */
export function staticPagePath(networkId: string): string {
  return `${PREFIX}${networkId}.html`;
}

/** The network a static block page's path names (`/blocked-facebook.html`), or null for any other path. */
export function staticPageNetwork(pathname: string): string | null {
  const m = /^\/blocked-([a-z0-9-]+)\.html$/.exec(pathname);
  if (!m) return null;
  const id = m[1]!;
  return STATIC_PAGE_NETWORKS.some((n) => n.id === id) ? id : null;
}

/**
 * Whether the prerendered words (a pupil, English, no "opens again" line) are the ones this reader
 * gets now: a pupil, a policy whose only language is English (so no choice on the device can
 * change it), and blocked at every time (blockView then has no "opens again" line).
 */
export function staticPageFits(role: Role, now: number, policy: Policy): boolean {
  if (role !== 'pupil') return false;
  if (policy.languages.length > 1 || (policy.languages[0] ?? 'en') !== 'en') return false;
  return reopensAt(role, now, policy) === null;
}

/**
 * The networks in force that get their own page: catalogue networks drawn at build time, under
 * the same name (an address on them matches that network and no other, so the page's name is
 * the one the full page finds). Empty when the words would not fit this reader.
 */
export function staticPages(networks: readonly Network[], fits: boolean): ReadonlyMap<string, string> {
  if (!fits) return new Map();
  const built = new Map(STATIC_PAGE_NETWORKS.map((n) => [n.id, n.name]));
  return new Map(networks.filter((n) => built.get(n.id) === n.name).map((n) => [n.id, staticPagePath(n.id)]));
}
