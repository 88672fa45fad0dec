import { staticPageNetwork } from './static-pages';
/** Recognises a redirect to the extension's own block or warning page. */
export type BlockingPage = 'blocked.html' | 'warn.html';

/**
 * Chromium gives use_dynamic_url pages a per-session host (a GUID) that the worker cannot look
 * up; such a redirect counts only when it also carries the original address, as our rules write it.
 */
const SESSION_HOST = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `ownHosts` are the hosts the extension knows as its own (its id; Firefox's install UUID).
 * A look-alike page, another extension's page, or a redirect elsewhere is not ours.
 */
export function blockingPageOf(redirectUrl: string | undefined, originalUrl: string, ownHosts: readonly string[]): BlockingPage | null {
  if (!redirectUrl) return null;
  let u: URL;
  try {
    u = new URL(redirectUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'chrome-extension:' && u.protocol !== 'moz-extension:') return null;
  const carriesOriginal = u.hash === `#${originalUrl}`;
  // Firefox has no per-session hosts: another moz-extension host is another extension.
  const sessionHost = u.protocol === 'chrome-extension:' && SESSION_HOST.test(u.host) && carriesOriginal;
  if (!ownHosts.includes(u.host) && !sessionHost) return null;
  if (u.pathname === '/blocked.html' || staticPageNetwork(u.pathname) !== null) return 'blocked.html';
  if (u.pathname === '/warn.html') return 'warn.html';
  return null;
}

/** What a decision must say for a redirect to that page to be Hall Pass's own. */
const PAGE_ACTION = { 'blocked.html': 'block', 'warn.html': 'warn' } as const;

/** The decision (see decide) the rules in force were compiled from, as far as a redirect needs it. */
export interface DecisionInForce {
  action: 'allow' | 'warn' | 'block';
  /** Whether the address belongs to a network in force. */
  listed: boolean;
}

/**
 * Whether a redirect to our block or warning page is an attempt to log: only when the decision in
 * force for the redirected address (its network, the role, the time, the allowances) says block
 * (or warn) too. Anything else was made by a web page, not by our rules: a forged attempt, which
 * is never the pupil's and never logged. `decisions` are the decision at the moment of the
 * redirect and at the last refresh of the rules: the rules change a moment after the school
 * time does, and a real attempt in between must not be lost.
 */
export function attemptFromRedirect(page: BlockingPage, decisions: readonly DecisionInForce[]): 'blocked' | 'warned' | null {
  const wanted = PAGE_ACTION[page];
  if (!decisions.some((d) => d.listed && d.action === wanted)) return null;
  return page === 'blocked.html' ? 'blocked' : 'warned';
}

/**
 * The address a `view-source:` address loads, or null for any other address. Firefox does not
 * apply the extension's rules to a view-source load, so the background checks it itself.
 */
export function viewSourceTarget(url: string): string | null {
  if (typeof url !== 'string' || !/^view-source:/i.test(url)) return null;
  const inner = url.slice('view-source:'.length);
  return /^https?:\/\//i.test(inner) ? inner : null;
}

/** How long after a tab starts a view-source: load its page request is still held for it. */
export const VIEW_SOURCE_HOLD_MS = 10_000;

/**
 * Whether a request belongs to a view-source: load the guard is checking: the page request of
 * the same tab, soon after that load started. (Firefox names the view-source: load before it
 * makes the page's request, and applies no rules to that request.)
 */
export function heldForViewSource(started: { tabId: number; at: number } | undefined, request: { tabId: number; type: string; at: number }): boolean {
  if (!started || request.type !== 'main_frame' || request.tabId !== started.tabId) return false;
  return request.at >= started.at && request.at - started.at <= VIEW_SOURCE_HOLD_MS;
}
