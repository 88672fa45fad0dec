/**
 * What the worker needs to hear about, and nothing more. Chromium starts a stopped service worker
 * for every event one of its listeners is registered for, so a listener for every navigation or
 * every redirect costs a wake-up on ordinary pages. These are the narrow forms: only the hosts
 * whose pages the rules can send to the block or warning page. Pure.
 */
import { CATALOGUE } from './catalogue';
import { networkIndex } from './networks';
import type { Policy } from './policy';
import { WRAPPER_HOSTS } from './url-match';

/**
 * Every catalogue network (the static floor redirects them all, whatever the policy), the
 * policy's extra sites, and the proxy and archive hosts that can wrap any of them.
 */
export function watchedHosts(policy?: Policy): string[] {
  const hosts = new Set<string>([...CATALOGUE.flatMap((n) => n.domains), ...WRAPPER_HOSTS]);
  if (!policy) return [...hosts].sort();
  for (const n of networkIndex(policy).networks) for (const d of n.domains) hosts.add(d);
  return [...hosts].sort();
}

const isIpLiteral = (host: string) => host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host);

/** webRequest match patterns: each host and its subdomains (an IP address only as itself). */
export function redirectPatterns(hosts: readonly string[]): string[] {
  return hosts.map((h) => (isIpLiteral(h) ? `*://${h}/*` : `*://*.${h}/*`));
}

export type UrlFilter = { hostEquals: string } | { hostSuffix: string };

/** webNavigation URL filters: each host and its subdomains. */
export function navigationFilters(hosts: readonly string[]): UrlFilter[] {
  return hosts.flatMap((h): UrlFilter[] => (isIpLiteral(h) ? [{ hostEquals: h }] : [{ hostEquals: h }, { hostSuffix: `.${h}` }]));
}
