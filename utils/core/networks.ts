/**
 * The networks in force under a policy, and which of them a host or an address belongs to. The
 * one place that knows how an extra site is named (`site:<domain>`), for the decision and the
 * rule compiler alike.
 */
import type { Network } from './types';
import type { Policy } from './policy';
import { CATALOGUE } from './catalogue';
import { hostMatchesDomain, targetHosts, type NetworkMatch } from './url-match';

const EXTRA_SITE_PREFIX = 'site:';

/** Extra sites from the policy behave as networks of their own, named by their domain. */
export function extraSiteNetwork(domain: string): Network {
  return { id: `${EXTRA_SITE_PREFIX}${domain}`, name: domain, domains: [domain] };
}

/** Whether a network is one of the policy's extra sites (rather than a catalogue network). */
export function isExtraSite(network: Network): boolean {
  return network.id.startsWith(EXTRA_SITE_PREFIX);
}

export interface NetworkIndex {
  networks: Network[];
  /** Catalogue networks the policy leaves out: they must be let through despite the static floor. */
  excluded: Network[];
  byDomain: Map<string, Network>;
}

/** An index of these networks by domain (a later network's domain wins a clash). */
export function indexNetworks(networks: readonly Network[], excluded: readonly Network[] = []): NetworkIndex {
  const byDomain = new Map<string, Network>();
  for (const n of networks) for (const d of n.domains) byDomain.set(d, n);
  return { networks: [...networks], excluded: [...excluded], byDomain };
}

const indexes = new WeakMap<Policy, NetworkIndex>();

/** Networks in force under a policy, indexed by domain. Memoised: policies are immutable snapshots. */
export function networkIndex(policy: Policy): NetworkIndex {
  const cached = indexes.get(policy);
  if (cached) return cached;
  const wanted = policy.networks ? new Set(policy.networks) : null;
  const catalogue = CATALOGUE.filter((n) => !wanted || wanted.has(n.id));
  const excluded = CATALOGUE.filter((n) => wanted && !wanted.has(n.id));
  const inForce = indexNetworks(catalogue, excluded);
  for (const d of policy.extraSites) {
    // A catalogue domain (or a subdomain of one) listed again stays with its network, so a
    // warning's Continue for Facebook also covers m.facebook.com.
    if (lookupHost(d, inForce)) continue;
    const n = extraSiteNetwork(d);
    inForce.byDomain.set(d, n);
    inForce.networks.push(n);
  }
  indexes.set(policy, inForce);
  return inForce;
}

/** Walks the host's suffixes (m.facebook.com, facebook.com, com): the most specific listed domain wins. */
export function lookupHost(host: string, index: NetworkIndex): Network | null {
  let rest = host;
  for (;;) {
    const n = index.byDomain.get(rest);
    if (n && hostMatchesDomain(host, rest)) return n;
    const dot = rest.indexOf('.');
    if (dot < 0) return null;
    rest = rest.slice(dot + 1);
  }
}

/**
 * The listed network an address reaches, through a translation proxy or a web archive too: the
 * hosts it stands for are tried most specific first (the archived or translated site, then the
 * address's own host, so a listed archive itself still matches).
 */
export function matchAddress(url: string, index: NetworkIndex): NetworkMatch | null {
  for (const { host, via } of targetHosts(url)) {
    const network = lookupHost(host, index);
    if (network) return { network, host, via };
  }
  return null;
}

/** The listed network an address reaches under this policy, or null. */
export function matchUrl(url: string, policy: Policy): NetworkMatch | null {
  return matchAddress(url, networkIndex(policy));
}
