import { describe, expect, it } from 'vitest';
import { decide } from '../../utils/core/decide';
import { parsePolicy } from '../../utils/core/policy';
import { navigationFilters, redirectPatterns, watchedHosts, type UrlFilter } from '../../utils/core/watch';

/** Chromium's match-pattern rules for the forms redirectPatterns makes: `*://*.host/*` and `*://host/*`. */
function patternMatches(pattern: string, rawUrl: string): boolean {
  const m = /^\*:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
  if (!m) throw new Error(`unexpected pattern ${pattern}`);
  const url = new URL(rawUrl);
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return false;
  // Chromium compares hosts without a trailing dot.
  const host = url.hostname.replace(/\.$/, '');
  const wanted = m[2]!;
  return host === wanted || (m[1] !== undefined && host.endsWith(`.${wanted}`));
}

function filterMatches(filter: UrlFilter, rawUrl: string): boolean {
  const host = new URL(rawUrl).hostname.replace(/\.$/, '');
  return 'hostEquals' in filter ? host === filter.hostEquals : host.endsWith(filter.hostSuffix);
}

const policy = parsePolicy({ role: 'pupil', extraSites: ['coolmathgames.com', 'chat.example.org'], networks: ['facebook', 'youtube', 'x'] }).policy;
const hosts = watchedHosts(policy);
const patterns = redirectPatterns(hosts);
const filters = navigationFilters(hosts);
const redirectsHeard = (url: string) => patterns.some((p) => patternMatches(p, url));
const navigationsHeard = (url: string) => filters.some((f) => filterMatches(f, url));
const SCHOOL_TIME = Date.UTC(2026, 5, 10, 9);

describe('the worker hears every address the rules can send to the block page', () => {
  it.each([
    'https://facebook.com/',
    'https://www.facebook.com/groups/123',
    'http://m.facebook.com/home.php',
    'https://facebook.com./',
    'https://www.facebook.com.:443/',
    'https://WWW.FACEBOOK.COM/',
    'https://www-facebook-com.translate.goog/?_x_tr_sl=auto',
    'https://web.archive.org/web/2020/https://facebook.com/',
    'https://archive.ph/https://facebook.com/',
    'https://archive.today/newest/https://www.youtube.com/',
    'https://youtu.be/dQw4w9WgXcQ',
    'https://t.co/abc',
    'https://coolmathgames.com/run',
    'https://www.coolmathgames.com/',
    'https://chat.example.org/room',
    'https://a.chat.example.org/',
    'https://coolmathgames-com.translate.goog/',
  ])('%s', (url) => {
    // The policy puts it in force: the rules redirect it.
    expect(decide(url, 'pupil', SCHOOL_TIME, policy).action).toBe('block');
    expect(redirectsHeard(url)).toBe(true);
    expect(navigationsHeard(url)).toBe(true);
  });

  it('hears catalogue networks the policy leaves out too (the static floor still redirects them if the policy rules fail)', () => {
    expect(decide('https://www.instagram.com/', 'pupil', SCHOOL_TIME, policy).action).toBe('allow');
    expect(redirectsHeard('https://www.instagram.com/')).toBe(true);
  });
});

describe('ordinary browsing is not heard, so it does not wake the worker', () => {
  it.each([
    'https://www.bbc.co.uk/news',
    'https://en.wikipedia.org/wiki/Facebook',
    'https://www.google.com/search?q=facebook.com',
    'https://notfacebook.com/',
    'https://facebook.com.evil.example/',
    'https://example.org/',
    'https://classroom.google.com/',
    'http://school.test/p/1',
  ])('%s', (url) => {
    expect(decide(url, 'pupil', SCHOOL_TIME, policy).action).toBe('allow');
    expect(redirectsHeard(url)).toBe(false);
    expect(navigationsHeard(url)).toBe(false);
  });
});

describe('pattern forms', () => {
  it('a host listens with its subdomains; an IP address only as itself', () => {
    expect(redirectPatterns(['facebook.com', '192.168.0.10', '[::1]'])).toEqual(['*://*.facebook.com/*', '*://192.168.0.10/*', '*://[::1]/*']);
    expect(navigationFilters(['facebook.com', '10.0.0.1'])).toEqual([
      { hostEquals: 'facebook.com' },
      { hostSuffix: '.facebook.com' },
      { hostEquals: '10.0.0.1' },
    ]);
  });

  it('10,000 extra sites give one pattern each, beside the catalogue', () => {
    const sites = Array.from({ length: 10_000 }, (_, i) => `site-${i}.example.com`);
    const big = parsePolicy({ extraSites: sites }).policy;
    const watched = watchedHosts(big);
    expect(watched.length).toBeGreaterThanOrEqual(10_000);
    expect(redirectPatterns(watched)).toContain('*://*.site-9999.example.com/*');
  });
});

describe('watchedHosts without a policy yet', () => {
  it('already covers every catalogue network and wrapper host, and no extra site', () => {
    const floor = watchedHosts();
    expect(floor).toContain('facebook.com');
    expect(floor).toContain('translate.goog');
    expect(floor).not.toContain('coolmathgames.com');
    expect(hosts.filter((h) => !floor.includes(h))).toEqual(['chat.example.org', 'coolmathgames.com']);
  });
});
