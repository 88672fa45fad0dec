/**
 * Which listed network an address belongs to, including the ways around a plain block:
 * Google's translation proxy (`www-facebook-com.translate.goog`) and web archives
 * (`web.archive.org/web/<time>/https://facebook.com/`, `archive.ph/https://facebook.com/`).
 * Pure: no browser APIs. Nothing here throws on bad input.
 */
import type { Network } from './types';

export type MatchVia = 'direct' | 'translate-proxy' | 'web-archive';

export interface NetworkMatch {
  network: Network;
  host: string;
  via: MatchVia;
}

export interface TargetHost {
  host: string;
  via: MatchVia;
}

const SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
const TRANSLATE_SUFFIX = '.translate.goog';
const WAYBACK_HOST = 'web.archive.org';
/** archive.today answers under all of these names. */
const ARCHIVE_TODAY_TLDS = ['today', 'ph', 'is', 'li', 'vn', 'md', 'fo'] as const;
/** Hosts that can carry a listed network's pages inside their own addresses (proxy and archives). */
export const WRAPPER_HOSTS: readonly string[] = [TRANSLATE_SUFFIX.slice(1), WAYBACK_HOST, ...ARCHIVE_TODAY_TLDS.map((t) => `archive.${t}`)];

/** Underscores are not valid in hostnames but do occur in the wild; leniency here only means matching more. */
const LOOSE_LABEL = /^[a-z0-9_-]{1,63}$/;
/** Letters, digits and inner hyphens only: what an admin may list. */
const STRICT_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Characters that would make the URL parser read part of the input as something other than a host. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const NOT_HOST = /[\s\x00-\x1f\x7f/\\?#@:%[\]]/;

export function normaliseHost(host: string): string | null {
  if (typeof host !== 'string' || host === '' || host.length > 260) return null;
  if (host.startsWith('[')) {
    // IPv6 literals are kept in the URL parser's canonical bracketed form.
    if (!/^\[[0-9a-f:.]+\]$/i.test(host)) return null;
    try {
      return new URL(`http://${host}/`).hostname;
    } catch {
      return null;
    }
  }
  if (NOT_HOST.test(host)) return null;
  const bare = host.endsWith('.') ? host.slice(0, -1) : host;
  if (bare === '') return null;
  let parsed: string;
  try {
    // Lower-cases, maps IDN to punycode and canonicalises IPv4 forms, as the browser will.
    parsed = new URL(`http://${bare}/`).hostname;
  } catch {
    return null;
  }
  if (parsed.length > 253) return null;
  return parsed.split('.').every((l) => LOOSE_LABEL.test(l)) ? parsed : null;
}

/**
 * Multi-part public suffixes an admin might type by mistake. Not the full Public Suffix List:
 * enough to catch `co.uk` or `sch.uk` blocking a whole country or every school.
 */
const PUBLIC_SUFFIXES = new Set([
  ...['co', 'org', 'me', 'ltd', 'plc', 'net', 'sch', 'ac', 'gov', 'nhs', 'police', 'mod'].map((s) => `${s}.uk`),
  ...['com', 'net', 'org', 'edu', 'gov', 'asn', 'id'].map((s) => `${s}.au`),
  ...['co', 'org', 'net', 'ac', 'govt', 'school'].map((s) => `${s}.nz`),
  ...['co', 'ne', 'or', 'ac', 'go'].map((s) => `${s}.jp`),
  ...['co', 'net', 'org', 'ac', 'gov'].map((s) => `${s}.in`),
  ...['co', 'org', 'ac', 'gov'].map((s) => `${s}.za`),
  ...['com.br', 'com.cn', 'com.mx', 'com.es', 'com.tr', 'com.sg', 'com.hk', 'com.ar', 'co.kr', 'co.il', 'gov.ie'],
]);
/** Suffixes under which every child is also a suffix: schools are `name.county.sch.uk`. */
const WILDCARD_SUFFIXES = new Set(['sch.uk']);

function isPublicSuffix(domain: string): boolean {
  if (PUBLIC_SUFFIXES.has(domain)) return true;
  const dot = domain.indexOf('.');
  return dot > 0 && WILDCARD_SUFFIXES.has(domain.slice(dot + 1));
}

/**
 * An admin-supplied extra site, as the domain to match (subdomains included), or null.
 * IP addresses are refused: a school lists sites by name, an IP literal's "subdomains" mean
 * nothing, and blocking a shared hosting or CDN address would take unrelated sites with it.
 */
export function isUsableDomain(input: string): string | null {
  if (typeof input !== 'string') return null;
  let s = input.trim();
  if (s === '' || s.length > 2048) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    // A pasted address: only its host counts.
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      return null;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    s = url.hostname;
  } else {
    // `example.org/path` or `example.org:443`: the host part.
    const end = s.search(/[/?#]/);
    if (end >= 0) s = s.slice(0, end);
    s = s.replace(/:[0-9]{1,5}$/, '');
  }
  // `*.example.org` and `.example.org` mean what `example.org` means here: subdomains included.
  if (s.startsWith('*.')) s = s.slice(2);
  else if (s.startsWith('.')) s = s.slice(1);
  if (s.includes('*')) return null;
  const host = normaliseHost(s);
  if (!host || host.length > 253) return null;
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || /^[0-9]+$/.test(tld)) return null; // single label, or IPv4 / IPv6
  if (!labels.every((l) => STRICT_LABEL.test(l))) return null;
  return isPublicSuffix(host) ? null : host;
}

export function hostMatchesDomain(host: string, domain: string): boolean {
  return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
}

/** Google's proxy label: `-` doubles, then `.` becomes `-`. */
export function encodeTranslateHost(host: string): string {
  return host.replace(/-/g, '--').replace(/\./g, '-');
}

export function decodeTranslateHost(host: string): string | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h.endsWith(TRANSLATE_SUFFIX)) return null;
  const label = h.slice(0, -TRANSLATE_SUFFIX.length);
  if (!/^[a-z0-9-]+$/.test(label)) return null;
  let out = '';
  for (let i = 0; i < label.length; i++) {
    const c = label.charAt(i);
    if (c !== '-') out += c;
    else if (label.charAt(i + 1) === '-') {
      out += '-';
      i++;
    } else out += '.';
  }
  return out.split('.').every((l) => l !== '') ? out : null;
}

function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.+$/, '');
}

// Path shapes, shared with the regexes in FAMILIES below (keep them in step). Wayback: an optional
// prefix without `:` or `.` (`web/2020*`, `web/2020id_`, `save`), then the archived address, its
// scheme optional. archive.today: an optional prefix without `:` (`newest`, `2020.01.01-000000`),
// then the archived address with its scheme (without one, the path is a short id or a search).
// Either way the prefix can only end at one `/`, so there is a single reading.
const ARCHIVE_PATHS: ReadonlyMap<string, RegExp> = new Map([
  [WAYBACK_HOST, /^\/(?:[^:.]*\/)?((?:[a-z]+:\/*)?)(.*)$/i],
  ...ARCHIVE_TODAY_TLDS.map((t): [string, RegExp] => [`archive.${t}`, /^\/(?:[^:]*\/)?(https?:\/*)(.*)$/i]),
]);

export function archiveTarget(url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const rest = ARCHIVE_PATHS.get(bareHost(url))?.exec(url.pathname)?.[2];
  if (!rest) return null;
  try {
    const target = bareHost(new URL(`http://${rest}`));
    return target.includes('.') ? target : null;
  } catch {
    return null;
  }
}

function parse(rawUrl: string): URL | null {
  if (typeof rawUrl !== 'string') return null;
  try {
    const url = new URL(rawUrl);
    return SCHEMES.has(url.protocol) && url.hostname !== '' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Hosts an address stands for, most specific first: through an archive or the translation
 * proxy (one level each way: a translated archive page, an archived translated page), then the
 * address's own host, so an archive itself can still be listed.
 */
function candidates(url: URL): TargetHost[] {
  const out: TargetHost[] = [];
  const own = bareHost(url);
  const archived = archiveTarget(url);
  if (archived) {
    out.push({ host: decodeTranslateHost(archived) ?? archived, via: 'web-archive' });
  }
  const decoded = decodeTranslateHost(own);
  if (decoded) {
    let inner: string | null;
    try {
      const copy = new URL(url.href);
      copy.hostname = decoded;
      inner = archiveTarget(copy);
    } catch {
      inner = null;
    }
    out.push({ host: inner ?? decoded, via: 'translate-proxy' });
  }
  out.push({ host: own, via: 'direct' });
  return out;
}

/** Every host an address stands for, most specific first (see candidates); none if it isn't a web address. */
export function targetHosts(rawUrl: string): TargetHost[] {
  const url = parse(rawUrl);
  return url ? candidates(url) : [];
}

// ---- declarativeNetRequest regexes -------------------------------------------------------------

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Usable, deduplicated hosts, dropping any already covered by a shorter one in the list. */
function regexDomains(domains: readonly string[]): string[] {
  const hosts = [...new Set(domains.map((d) => normaliseHost(d)).filter((d): d is string => d !== null))];
  hosts.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  const seen = new Set<string>();
  // A host is covered when it, or one of its parent domains, is already kept.
  const covered = (h: string) => {
    for (let rest = h; ; rest = rest.slice(rest.indexOf('.') + 1)) {
      if (seen.has(rest)) return true;
      if (!rest.includes('.')) return false;
    }
  };
  for (const h of hosts) {
    if (h.startsWith('[') || covered(h)) continue;
    kept.push(h);
    seen.add(h);
  }
  return kept;
}

const alt = (parts: readonly string[]) => `(?:${parts.join('|')})`;

// Each family is what follows `^https?://`. An encoded label is `(?:[a-z0-9]|--)+`, so a
// lookalike such as `notfacebook-com` or `not--facebook-com` (not-facebook.com) cannot match.
const FAMILIES = {
  translate: (ds: readonly string[]) => `(?:(?:[a-z0-9]|--)+-)*${alt(ds.map((d) => escapeRegex(encodeTranslateHost(d))))}\\.translate\\.goog\\.?[:/]`,
  wayback: (ds: readonly string[]) => `web\\.archive\\.org\\.?/(?:[^:.?#]*/)?(?:[a-z]+:/*)?(?:[-\\w]+\\.)*${alt(ds.map(escapeRegex))}(?:[/?#:]|$)`,
  archiveToday: (ds: readonly string[]) =>
    `archive\\.${alt(ARCHIVE_TODAY_TLDS)}\\.?/(?:[^:?#]*/)?https?:/*(?:[-\\w]+\\.)*${alt(ds.map(escapeRegex))}(?:[/?#:]|$)`,
} as const;

/**
 * Instructions left for the domains in each family's regex, where a domain costs its length
 * plus one. Measured with RE2 under Chromium's options (Latin-1, case-insensitive, 2 KB) on
 * random domains, the regex wrapped as `(?:…).*`: compiles up to about 75 / 49 / 32; these keep
 * a margin for other RE2 versions.
 */
const DOMAIN_BUDGET: Record<keyof typeof FAMILIES, number> = { translate: 68, wayback: 44, archiveToday: 28 };

/**
 * RE2-compatible regexes, anchored at the start of the address and meant for case-insensitive
 * matching, for the proxy and archive forms of these domains (and their subdomains):
 * - `<encoded subdomains->-<encoded domain>.translate.goog[.]` followed by `/` or a port;
 * - `web.archive.org[.]/[<prefix without : or .>/][scheme:[//]][sub.]domain`;
 * - `archive.{today,ph,is,li,vn,md,fo}[.]/[<prefix without :>/]http[s]:[//][sub.]domain`;
 * the archived domain followed by `/ ? # :` or the end.
 * Not covered, though matchAddress (networks.ts) sees them: userinfo before the proxy or archive host, a
 * translated archive or archived translation, percent-encoded archived addresses, archive.today
 * short ids. An archived address with a password (`facebook.com:pw@evil.example`) over-matches.
 *
 * Chromium compiles each regexFilter under a 2 KB memory cap (about 110 RE2 instructions), so
 * the families are split into regexes Chromium accepts: one family per regex, domains packed up
 * to the budget. A domain too long for a family's budget alone (over
 * 27 characters for archive.today, 43 for the Wayback Machine, 67 encoded for the proxy) is left
 * out of that family: one regex Chromium refuses fails the whole dynamic rule update.
 */
export function proxyRegexFilters(domains: readonly string[]): string[] {
  const ds = regexDomains(domains);
  const out: string[] = [];
  for (const name of Object.keys(FAMILIES) as (keyof typeof FAMILIES)[]) {
    const budget = DOMAIN_BUDGET[name];
    let chunk: string[] = [];
    let used = 0;
    const flush = () => {
      if (chunk.length > 0) out.push(`^https?://${FAMILIES[name](chunk)}`);
      chunk = [];
      used = 0;
    };
    for (const d of ds) {
      const cost = (name === 'translate' ? encodeTranslateHost(d) : d).length + 1;
      if (cost > budget) continue;
      if (used + cost > budget) flush();
      chunk.push(d);
      used += cost;
    }
    flush();
  }
  return out;
}
