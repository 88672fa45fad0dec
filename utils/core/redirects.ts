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
export function blockingPageOf(
  redirectUrl: string | undefined,
  originalUrl: string,
  ownHosts: readonly string[],
): BlockingPage | null {
  if (!redirectUrl) return null;
  let u: URL;
  try {
    u = new URL(redirectUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'chrome-extension:' && u.protocol !== 'moz-extension:') return null;
  const carriesOriginal = u.hash === `#${originalUrl}`;
  if (!ownHosts.includes(u.host) && !(SESSION_HOST.test(u.host) && carriesOriginal)) return null;
  if (u.pathname === '/blocked.html') return 'blocked.html';
  if (u.pathname === '/warn.html') return 'warn.html';
  return null;
}
