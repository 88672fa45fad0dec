/**
 * A page and everything under it (`x.com` + `/AshGroveAcademy`), for approved uses and page
 * exceptions. Pure; nothing here throws.
 *
 * Paths are compared case-insensitively because declarativeNetRequest's regexFilter is, and the
 * browser rule and the decision must agree on every address.
 */
import type { UrlScope } from './types';
import { normaliseHost } from './url-match';

/** The same account is reached through these hosts (`www.x.com`, `m.facebook.com`). */
const HOST_PREFIXES = ['www.', 'm.', 'mobile.'] as const;

/**
 * Host plus path prefix, in characters, that keeps the scope's regex under Chromium's 2 KB RE2
 * memory cap. Measured with RE2 under Chromium's options (Latin-1, case-insensitive): up to 69
 * compiles; the margin is for other RE2 versions. One refused regex fails the whole rule update.
 */
export const MAX_SCOPE_LENGTH = 60;

function stripPrefix(host: string): string {
  for (const p of HOST_PREFIXES) {
    // `m.me` is Facebook's own domain, not a mobile form of `me`.
    if (host.startsWith(p) && host.slice(p.length).includes('.')) return host.slice(p.length);
  }
  return host;
}

function canonicalHost(host: string): string | null {
  const h = normaliseHost(host);
  return h === null ? null : stripPrefix(h);
}

const trimSlashes = (path: string): string => path.replace(/\/+$/, '') || '/';

function parseHttp(url: string): URL | null {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** The scope of an http(s) address: its host (without www./m./mobile.) and its path. */
export function scopeFromUrl(url: string): UrlScope | null {
  const u = parseHttp(url);
  const host = u ? canonicalHost(u.hostname) : null;
  return u && host ? { host, pathPrefix: trimSlashes(u.pathname) } : null;
}

export function sameHost(a: string, b: string): boolean {
  const x = canonicalHost(a);
  return x !== null && x === canonicalHost(b);
}

/**
 * The prefix as the browser would write it (percent-encoded, dot segments resolved), or null
 * for one no address could have, so a hand-made scope cannot mean more than it says.
 */
function canonicalPrefix(prefix: string): string | null {
  if (typeof prefix !== 'string' || !prefix.startsWith('/')) return null;
  try {
    const u = new URL(`http://h${prefix}`);
    return u.search === '' && u.hash === '' && u.host === 'h' ? trimSlashes(u.pathname) : null;
  } catch {
    return null;
  }
}

/** The scope as the browser would write it, or null when it names no real page. */
function canonical(scope: UrlScope): UrlScope | null {
  if (typeof scope !== 'object' || scope === null) return null;
  const host = canonicalHost(scope.host);
  const pathPrefix = canonicalPrefix(scope.pathPrefix);
  return host !== null && pathPrefix !== null ? { host, pathPrefix } : null;
}

/** The scope's host as the browser writes it (no www./m./mobile.), or null when it names no real page. */
export function scopeHost(scope: UrlScope): string | null {
  return canonical(scope)?.host ?? null;
}

export function scopeMatches(url: string, scope: UrlScope): boolean {
  const u = parseHttp(url);
  const s = canonical(scope);
  if (!u || !s || canonicalHost(u.hostname) !== s.host) return false;
  if (s.pathPrefix === '/') return true;
  const path = u.pathname.toLowerCase();
  const p = s.pathPrefix.toLowerCase();
  return path === p || path.startsWith(`${p}/`);
}

const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** Matches nothing: what a scope that names no real page must give. */
export const MATCH_NOTHING = '[^\\s\\S]';

/**
 * An RE2 regex, for case-insensitive matching against the browser's canonical address, that
 * agrees with scopeMatches: optional userinfo, the host with an optional www./m./mobile. and
 * trailing dot, any port, then the path prefix ending at `/`, `?`, `#` or the end.
 */
export function scopeRegexFilter(scope: UrlScope): string {
  const s = canonical(scope);
  if (!s) return MATCH_NOTHING;
  const path = s.pathPrefix === '/' ? '/' : `${escapeRegex(s.pathPrefix)}(?:[/?#]|$)`;
  return `^https?://(?:[^/?#@]*@)?(?:www\\.|m\\.|mobile\\.)?${escapeRegex(s.host)}\\.?(?::[0-9]+)?${path}`;
}

/** False when the scope's regex could be too big for the browser (see MAX_SCOPE_LENGTH). */
export function scopeFitsRule(scope: UrlScope): boolean {
  const s = canonical(scope);
  return !s || s.host.length + s.pathPrefix.length <= MAX_SCOPE_LENGTH;
}
