/** Recognises the extension's own block and warning pages as a redirect target. */
export type BlockingPage = 'blocked.html' | 'warn.html';

/**
 * `hosts` are the extension's own origins' hosts: its id, and on Chromium the per-session host
 * that use_dynamic_url gives its pages. Anything else (a look-alike page, another extension) is not ours.
 */
export function blockingPageOf(redirectUrl: string | undefined, hosts: readonly string[]): BlockingPage | null {
  if (!redirectUrl) return null;
  let u: URL;
  try {
    u = new URL(redirectUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'chrome-extension:' && u.protocol !== 'moz-extension:') return null;
  if (!hosts.includes(u.host)) return null;
  if (u.pathname === '/blocked.html') return 'blocked.html';
  if (u.pathname === '/warn.html') return 'warn.html';
  return null;
}
