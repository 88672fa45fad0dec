import { describe, expect, it } from 'vitest';
import { MATCH_NOTHING, MAX_SCOPE_LENGTH, sameHost, scopeFitsRule, scopeFromUrl, scopeMatches, scopeRegexFilter } from '../../utils/core/scope';
import type { UrlScope } from '../../utils/core/types';

const ASH: UrlScope = { host: 'x.com', pathPrefix: '/AshGroveAcademy' };
const WHOLE_X: UrlScope = { host: 'x.com', pathPrefix: '/' };
const FB_GROUP: UrlScope = { host: 'facebook.com', pathPrefix: '/groups/ash.grove' };
const ENCODED: UrlScope = { host: 'example.org', pathPrefix: '/caf%C3%A9/(a+b)' };
const M_ME: UrlScope = { host: 'm.me', pathPrefix: '/ash' };

describe('scopeFromUrl', () => {
  it.each<[string, UrlScope | null]>([
    ['https://x.com/AshGroveAcademy', ASH],
    ['https://www.x.com/AshGroveAcademy/', ASH],
    ['https://m.x.com/AshGroveAcademy//', ASH],
    ['https://mobile.X.COM./AshGroveAcademy?lang=en#top', ASH],
    ['http://user:pw@x.com:8443/AshGroveAcademy', ASH],
    ['https://x.com/AshGroveAcademy/../elonmusk', { host: 'x.com', pathPrefix: '/elonmusk' }],
    ['https://x.com/AshGroveAcademy/%2e%2e/elonmusk', { host: 'x.com', pathPrefix: '/elonmusk' }],
    ['https://x.com/AshGroveAcademy%2F..%2Felonmusk', { host: 'x.com', pathPrefix: '/AshGroveAcademy%2F..%2Felonmusk' }],
    ['https://x.com/', WHOLE_X],
    ['https://x.com', WHOLE_X],
    ['https://www.facebook.com/groups/ash.grove', FB_GROUP],
    ['https://example.org/café/(a+b)', ENCODED],
    // Facebook's own short domain is not the mobile form of `me`.
    ['https://m.me/ash', M_ME],
    ['https://www.m.x.com/a', { host: 'm.x.com', pathPrefix: '/a' }],
    ['ftp://x.com/AshGroveAcademy', null],
    ['wss://x.com/AshGroveAcademy', null],
    ['javascript:alert(1)', null],
    ['x.com/AshGroveAcademy', null],
    ['', null],
    ['https://', null],
  ])('%s → %j', (url, scope) => {
    expect(scopeFromUrl(url)).toEqual(scope);
  });

  it('never throws on values that are not strings', () => {
    for (const v of [null, undefined, 42, {}, [], 10n]) expect(scopeFromUrl(v as unknown as string)).toBeNull();
  });
});

describe('sameHost', () => {
  it.each<[string, string, boolean]>([
    ['x.com', 'x.com', true],
    ['www.x.com', 'x.com', true],
    ['M.X.COM', 'mobile.x.com', true],
    ['x.com.', 'www.x.com', true],
    ['api.x.com', 'x.com', false],
    ['www.m.x.com', 'x.com', false],
    ['x.com.evil.example', 'x.com', false],
    ['notx.com', 'x.com', false],
    ['m.me', 'me', false],
    ['', '', false],
    ['x.com:443', 'x.com', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameHost(a, b)).toBe(same);
    expect(sameHost(b, a)).toBe(same);
  });
});

// [url, scope, matches]
const TABLE: [string, UrlScope, boolean][] = [
  ['https://x.com/AshGroveAcademy', ASH, true],
  ['http://x.com/AshGroveAcademy', ASH, true],
  ['https://www.x.com/AshGroveAcademy', ASH, true],
  ['https://m.x.com/AshGroveAcademy', ASH, true],
  ['https://mobile.x.com/AshGroveAcademy', ASH, true],
  ['https://x.com/AshGroveAcademy/', ASH, true],
  ['https://x.com/AshGroveAcademy/status/123', ASH, true],
  ['https://x.com/AshGroveAcademy/media?x=1', ASH, true],
  ['https://x.com/AshGroveAcademy?lang=en', ASH, true],
  ['https://x.com/AshGroveAcademy#tweets', ASH, true],
  ['https://x.com/ashgroveacademy', ASH, true],
  ['https://X.COM/ASHGROVEACADEMY/STATUS/1', ASH, true],
  ['https://x.com:443/AshGroveAcademy', ASH, true],
  ['https://x.com:8443/AshGroveAcademy', ASH, true],
  ['https://x.com./AshGroveAcademy', ASH, true],
  ['https://user:pw@x.com/AshGroveAcademy', ASH, true],
  ['https://x.com@x.com/AshGroveAcademy', ASH, true],
  ['https://x.com/AshGroveAcademy/../AshGroveAcademy/x', ASH, true],
  ['https://x.com/AshGroveAcademy/./status', ASH, true],
  // not the school's page
  ['https://x.com/AshGroveAcademy/../elonmusk', ASH, false],
  ['https://x.com/AshGroveAcademy/%2e%2e/elonmusk', ASH, false],
  ['https://x.com/AshGroveAcademy%2F..%2Felonmusk', ASH, false],
  ['https://x.com/AshGroveAcademy%2Felonmusk', ASH, false],
  ['https://x.com/AshGroveAcademyX', ASH, false],
  ['https://x.com/AshGroveAcadem', ASH, false],
  ['https://x.com/elonmusk', ASH, false],
  ['https://x.com/', ASH, false],
  ['https://x.com/search?q=/AshGroveAcademy', ASH, false],
  ['https://x.com/elonmusk#/AshGroveAcademy', ASH, false],
  ['https://x.com/%41shGroveAcademy', ASH, false],
  ['https://x.com//AshGroveAcademy', ASH, false],
  // not the host
  ['https://x.com.evil.example/AshGroveAcademy', ASH, false],
  ['https://notx.com/AshGroveAcademy', ASH, false],
  ['https://api.x.com/AshGroveAcademy', ASH, false],
  ['https://www.m.x.com/AshGroveAcademy', ASH, false],
  ['https://twitter.com/AshGroveAcademy', ASH, false],
  ['https://x.com@evil.example/AshGroveAcademy', ASH, false],
  ['https://x.com:443@evil.example/AshGroveAcademy', ASH, false],
  ['https://evil.example/x.com/AshGroveAcademy', ASH, false],
  ['https://evil.example/?u=https://x.com/AshGroveAcademy', ASH, false],
  ['https://www-x-com.translate.goog/AshGroveAcademy', ASH, false],
  ['https://web.archive.org/web/2020/https://x.com/AshGroveAcademy', ASH, false],
  ['ftp://x.com/AshGroveAcademy', ASH, false],
  ['wss://x.com/AshGroveAcademy', ASH, false],
  // the whole host
  ['https://x.com/', WHOLE_X, true],
  ['https://www.x.com/elonmusk', WHOLE_X, true],
  ['https://x.com:8080/?q=1', WHOLE_X, true],
  ['https://x.com.evil.example/', WHOLE_X, false],
  ['https://api.x.com/', WHOLE_X, false],
  // punctuation and percent-encoding in the prefix
  ['https://facebook.com/groups/ash.grove/posts/1', FB_GROUP, true],
  ['https://m.facebook.com/groups/ash.grove', FB_GROUP, true],
  ['https://facebook.com/groups/ashXgrove', FB_GROUP, false],
  ['https://facebook.com/groups/ash.grove.fake', FB_GROUP, false],
  ['https://example.org/café/(a+b)/x', ENCODED, true],
  ['https://example.org/caf%c3%a9/(a+b)', ENCODED, true],
  ['https://example.org/caf%C3%A9/(aab)', ENCODED, false],
  ['https://example.org/cafe/(a+b)', ENCODED, false],
  // a host that only looks like a mobile form
  ['https://m.me/ash', M_ME, true],
  ['https://www.m.me/ash', M_ME, true],
  ['https://me/ash', M_ME, false],
];

describe('scopeMatches', () => {
  it.each(TABLE)('%s in %j: %s', (url, scope, expected) => {
    expect(scopeMatches(url, scope)).toBe(expected);
  });

  it.each([null, undefined, 42, 'https://x.com/AshGroveAcademy'.repeat(1000), 'not a url'])('never throws on the address %#', (url) => {
    expect(() => scopeMatches(url as unknown as string, ASH)).not.toThrow();
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['no path', { host: 'x.com' }],
    ['a relative path', { host: 'x.com', pathPrefix: 'AshGroveAcademy' }],
    ['a path with a query', { host: 'x.com', pathPrefix: '/a?b' }],
    ['a bad host', { host: 'x .com', pathPrefix: '/a' }],
    ['a number for a host', { host: 7, pathPrefix: '/a' }],
  ])('a scope that names no page (%s) matches nothing and gives a regex that matches nothing', (_name, scope) => {
    expect(scopeMatches('https://x.com/a', scope as UrlScope)).toBe(false);
    expect(scopeRegexFilter(scope as UrlScope)).toBe(MATCH_NOTHING);
    expect(new RegExp(MATCH_NOTHING, 'i').test('https://x.com/a')).toBe(false);
  });

  it('a hand-made prefix means what the browser would make of it', () => {
    expect(scopeMatches('https://x.com/elonmusk', { host: 'x.com', pathPrefix: '/AshGroveAcademy/../elonmusk' })).toBe(true);
    expect(scopeMatches('https://x.com/AshGroveAcademy', { host: 'WWW.X.COM', pathPrefix: '/AshGroveAcademy/' })).toBe(true);
  });
});

describe('scopeRegexFilter', () => {
  it('is the compact form for the school account', () => {
    expect(scopeRegexFilter(ASH)).toBe('^https?://(?:[^/?#@]*@)?(?:www\\.|m\\.|mobile\\.)?x\\.com\\.?(?::[0-9]+)?/AshGroveAcademy(?:[/?#]|$)');
  });

  it('matches the whole host for the prefix "/"', () => {
    expect(scopeRegexFilter(WHOLE_X)).toBe('^https?://(?:[^/?#@]*@)?(?:www\\.|m\\.|mobile\\.)?x\\.com\\.?(?::[0-9]+)?/');
  });

  it.each([ASH, WHOLE_X, FB_GROUP, ENCODED, M_ME])('is ASCII, without lookaround or backreferences: %j', (scope) => {
    const re = scopeRegexFilter(scope);
    expect(re).toMatch(/^[\x20-\x7e]+$/);
    expect(re).not.toMatch(/\(\?[=!<]|\\[1-9]/);
    expect(re.length).toBeLessThan(150);
  });

  it('escapes every regex metacharacter of the prefix', () => {
    const re = scopeRegexFilter(ENCODED);
    expect(re).toContain('/caf%C3%A9/\\(a\\+b\\)');
    expect(scopeRegexFilter(FB_GROUP)).toContain('/groups/ash\\.grove');
  });

  // The browser matches its canonical form of the address (dot segments resolved, host in lower case).
  it.each(TABLE)('agrees with scopeMatches on %s in %j', (url, scope, expected) => {
    let href = url;
    try {
      href = new URL(url).href;
    } catch {
      // matched as written
    }
    expect(new RegExp(scopeRegexFilter(scope), 'i').test(href)).toBe(expected);
  });
});

describe('scopeFitsRule', () => {
  it.each<[UrlScope, boolean]>([
    [ASH, true],
    [{ host: 'x.com', pathPrefix: `/${'a'.repeat(MAX_SCOPE_LENGTH - 6)}` }, true],
    [{ host: 'x.com', pathPrefix: `/${'a'.repeat(MAX_SCOPE_LENGTH - 5)}` }, false],
    // Measured on the form the browser writes: www. does not count, percent-encoding does.
    [{ host: 'www.x.com', pathPrefix: `/${'a'.repeat(MAX_SCOPE_LENGTH - 6)}` }, true],
    [{ host: 'x.com', pathPrefix: `/${'é'.repeat(20)}` }, false],
  ])('%j: %s', (scope, fits) => {
    expect(scopeFitsRule(scope)).toBe(fits);
  });
});
