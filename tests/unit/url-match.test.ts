import { describe, expect, it } from 'vitest';
import type { Network } from '../../utils/core/types';
import { CATALOGUE } from '../../utils/core/catalogue';
import {
  archiveTarget,
  decodeTranslateHost,
  encodeTranslateHost,
  hostMatchesDomain,
  isUsableDomain,
  normaliseHost,
  proxyRegexFilters,
  targetHosts,
  type MatchVia,
} from '../../utils/core/url-match';
import { indexNetworks, matchAddress } from '../../utils/core/networks';

const NETWORKS: Network[] = [
  { id: 'facebook', name: 'Facebook', domains: ['facebook.com', 'fb.com'] },
  // More specific than facebook.com: must win for its own hosts.
  { id: 'fbwork', name: 'Workplace', domains: ['work.facebook.com'] },
  { id: 'nocookie', name: 'Embeds', domains: ['youtube-nocookie.com'] },
  { id: 'social', name: 'Test social', domains: ['social.test'] },
  { id: 'idn', name: 'IDN', domains: ['xn--bcher-kva.example'] },
];
const DOMAINS = NETWORKS.flatMap((n) => n.domains);
/** The production matcher (the one decide() uses), over a table of networks. */
const matchIn = (url: string, networks: readonly Network[]) => matchAddress(url, indexNetworks(networks));

type Row = [url: string, id: string | null, host?: string, via?: MatchVia];

const DIRECT: Row[] = [
  ['https://facebook.com', 'facebook', 'facebook.com', 'direct'],
  ['http://facebook.com/', 'facebook', 'facebook.com', 'direct'],
  ['https://www.facebook.com/profile.php?id=1', 'facebook', 'www.facebook.com', 'direct'],
  ['https://m.facebook.com/', 'facebook', 'm.facebook.com', 'direct'],
  ['https://a.b.c.facebook.com/x', 'facebook', 'a.b.c.facebook.com', 'direct'],
  ['HTTPS://WWW.FACEBOOK.COM/X', 'facebook', 'www.facebook.com', 'direct'],
  ['https://facebook.com./', 'facebook', 'facebook.com', 'direct'],
  ['https://www.facebook.com.:8443/', 'facebook', 'www.facebook.com', 'direct'],
  ['https://facebook.com:8443/x', 'facebook', 'facebook.com', 'direct'],
  ['https://user@facebook.com/', 'facebook', 'facebook.com', 'direct'],
  ['https://user:pw@www.facebook.com/', 'facebook', 'www.facebook.com', 'direct'],
  ['https://faceb%6Fok.com/', 'facebook', 'facebook.com', 'direct'],
  ['wss://edge-chat.facebook.com/chat', 'facebook', 'edge-chat.facebook.com', 'direct'],
  ['ws://fb.com/', 'facebook', 'fb.com', 'direct'],
  ['https://work.facebook.com/', 'fbwork', 'work.facebook.com', 'direct'],
  ['https://x.work.facebook.com/', 'fbwork', 'x.work.facebook.com', 'direct'],
  ['https://social.test/', 'social', 'social.test', 'direct'],
  ['http://a.social.test:8080/feed', 'social', 'a.social.test', 'direct'],
  ['https://bücher.example/', 'idn', 'xn--bcher-kva.example', 'direct'],
];

const PROXY: Row[] = [
  ['https://www-facebook-com.translate.goog/?_x_tr_sl=auto&_x_tr_tl=en', 'facebook', 'www.facebook.com', 'translate-proxy'],
  ['https://facebook-com.translate.goog/', 'facebook', 'facebook.com', 'translate-proxy'],
  ['https://m-facebook-com.translate.goog:8443/x', 'facebook', 'm.facebook.com', 'translate-proxy'],
  ['https://my--app-facebook-com.translate.goog/', 'facebook', 'my-app.facebook.com', 'translate-proxy'],
  ['https://WWW-FACEBOOK-COM.TRANSLATE.GOOG/', 'facebook', 'www.facebook.com', 'translate-proxy'],
  ['https://www-facebook-com.translate.goog./', 'facebook', 'www.facebook.com', 'translate-proxy'],
  ['https://work-facebook-com.translate.goog/', 'fbwork', 'work.facebook.com', 'translate-proxy'],
  ['https://www-youtube--nocookie-com.translate.goog/embed/x', 'nocookie', 'www.youtube-nocookie.com', 'translate-proxy'],
  ['https://social-test.translate.goog/', 'social', 'social.test', 'translate-proxy'],
];

const ARCHIVE: Row[] = [
  ['https://web.archive.org/web/20200101000000/https://www.facebook.com/x', 'facebook', 'www.facebook.com', 'web-archive'],
  ['https://web.archive.org/web/2020*/facebook.com', 'facebook', 'facebook.com', 'web-archive'],
  ['https://web.archive.org/web/*/https://facebook.com/*', 'facebook', 'facebook.com', 'web-archive'],
  ['https://web.archive.org/web/20200101000000id_/http://facebook.com', 'facebook', 'facebook.com', 'web-archive'],
  ['https://web.archive.org/save/https://facebook.com', 'facebook', 'facebook.com', 'web-archive'],
  ['https://web.archive.org/web/2020/https://facebook.com:443/x', 'facebook', 'facebook.com', 'web-archive'],
  ['https://web.archive.org/web/2020/https://facebook.com?x=1', 'facebook', 'facebook.com', 'web-archive'],
  ['https://web.archive.org/web/2020/https://facebook.com#top', 'facebook', 'facebook.com', 'web-archive'],
  ['https://web.archive.org/web/2020/HTTPS://M.FACEBOOK.COM/', 'facebook', 'm.facebook.com', 'web-archive'],
  ['https://web.archive.org/web/2020/https:/facebook.com/', 'facebook', 'facebook.com', 'web-archive'],
  ['https://WEB.ARCHIVE.ORG./web/2020/facebook.com/', 'facebook', 'facebook.com', 'web-archive'],
  ['http://web.archive.org/web/2020/social.test/', 'social', 'social.test', 'web-archive'],
  ['https://web.archive.org/web/2020/https://work.facebook.com/', 'fbwork', 'work.facebook.com', 'web-archive'],
  ['https://archive.ph/https://www.facebook.com/page', 'facebook', 'www.facebook.com', 'web-archive'],
  ['https://archive.ph/newest/https://facebook.com', 'facebook', 'facebook.com', 'web-archive'],
  ['https://archive.today/2020.01.01-000000/https://facebook.com/x', 'facebook', 'facebook.com', 'web-archive'],
  ['https://archive.is/oldest/http://m.facebook.com/', 'facebook', 'm.facebook.com', 'web-archive'],
  ['http://archive.md/https://fb.com/', 'facebook', 'fb.com', 'web-archive'],
];

/** Proxy- and archive-shaped addresses that are not the listed sites. */
const PROXY_LOOKALIKES: Row[] = [
  ['https://notfacebook-com.translate.goog/', null],
  ['https://not--facebook-com.translate.goog/', null], // not-facebook.com
  ['https://facebook-com-evil.translate.goog/', null], // facebook.com.evil
  ['https://facebook-commm.translate.goog/', null],
  ['https://facebook-com.translate.goog.evil.example/', null],
  ['https://www-facebook-com.translate.google/', null],
  ['https://web.archive.org/web/2020/https://notfacebook.com/', null],
  ['https://web.archive.org/web/2020/https://facebook.com.evil.example/', null],
  ['https://web.archive.org/web/2020/https://facebook.comm/', null],
  ['https://web.archive.org/web/2020/https://evil.example/facebook.com', null],
  ['https://web.archive.org/web/2020/https://evil.example/?u=https://facebook.com/', null],
  ['https://web.archive.org/web/2020/ftp://evil.example/facebook.com', null],
  ['https://web.archive.org/', null],
  ['https://archive.ph/AbCd1', null],
  ['https://archive.ph/newest/https://notfacebook.com', null],
  ['https://archive.ph/evil.example/https://notfacebook.com/facebook.com', null],
  ['https://web.archive.org.evil.example/web/2020/https://facebook.com/', null],
  ['https://evil.example/web/2020/https://facebook.com/', null],
  ['https://archive.example/https://facebook.com/', null],
];

const NOT_LISTED: Row[] = [
  ['https://notfacebook.com/', null],
  ['https://facebook.com.evil.example/', null],
  ['https://facebook.comm/', null],
  ['https://myfacebook.com/', null],
  ['https://evil.example/facebook.com', null],
  ['https://evil.example/?u=https://facebook.com/', null],
  ['https://facebook.com@evil.example/', null],
  ['chrome://settings/', null],
  ['file:///home/me/facebook.com', null],
  ["javascript:alert('https://facebook.com')", null],
  ['data:text/html,https://facebook.com', null],
  ['about:blank', null],
  ['ftp://facebook.com/', null],
  ['mailto:me@facebook.com', null],
  ['view-source:https://facebook.com/', null],
  ['blob:https://facebook.com/0b1c', null],
  ['facebook.com', null],
  ['', null],
  ['not a url', null],
  ['https://', null],
  ['http://[::1', null],
  ['https://face book.com/', null],
  ['%%%', null],
];

/** The matcher sees these; the regexes do not (documented in proxyRegexFilters). */
const REGEX_GAPS: Row[] = [
  ['https://user@www-facebook-com.translate.goog/', 'facebook', 'www.facebook.com', 'translate-proxy'],
  ['https://web-archive-org.translate.goog/web/2020/https://facebook.com/', 'facebook', 'facebook.com', 'translate-proxy'],
  ['https://web.archive.org/web/2020/https://www-facebook-com.translate.goog/', 'facebook', 'www.facebook.com', 'web-archive'],
  ['https://web.archive.org/web/2020/https://user@facebook.com/', 'facebook', 'facebook.com', 'web-archive'],
];

describe('matchAddress', () => {
  it.each([...DIRECT, ...PROXY, ...ARCHIVE, ...PROXY_LOOKALIKES, ...NOT_LISTED, ...REGEX_GAPS])('%s → %s', (url, id, host, via) => {
    const m = matchIn(url, NETWORKS);
    expect(m?.network.id ?? null).toBe(id);
    if (id !== null) expect(m).toMatchObject({ host, via });
  });

  it('never throws on hostile input', () => {
    for (const input of [undefined, null, 42, {}, 'http://%', 'https://[', 'https://a..b/', 'x'.repeat(100000)]) {
      expect(() => matchIn(input as unknown as string, NETWORKS)).not.toThrow();
    }
  });

  it('still matches a listed archive itself when the archived page is not listed', () => {
    const withArchive = [...NETWORKS, { id: 'site:archive.org', name: 'archive.org', domains: ['archive.org'] }];
    expect(matchIn('https://web.archive.org/web/2020/https://example.com/', withArchive)).toMatchObject({
      network: { id: 'site:archive.org' },
      host: 'web.archive.org',
      via: 'direct',
    });
    expect(matchIn('https://web.archive.org/web/2020/https://facebook.com/', withArchive)?.network.id).toBe('facebook');
  });

  it('reports nothing for an empty network list', () => {
    expect(matchIn('https://facebook.com/', [])).toBeNull();
  });
});

describe('targetHosts: the host an address really reaches comes first', () => {
  it.each([
    ['https://www-facebook-com.translate.goog/', { host: 'www.facebook.com', via: 'translate-proxy' }],
    ['https://web.archive.org/web/2020/https://example.com/', { host: 'example.com', via: 'web-archive' }],
    ['https://Example.COM./x', { host: 'example.com', via: 'direct' }],
    ['chrome://newtab/', null],
    ['garbage', null],
  ] as const)('%s → %j', (url, expected) => {
    expect(targetHosts(url)[0] ?? null).toEqual(expected);
  });
});

/** How Chromium sees an address when it matches a regexFilter: canonicalised. */
const canonical = (url: string) => {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
};

describe('proxy regexes agree with matchAddress', () => {
  const split = proxyRegexFilters(DOMAINS).map((src) => new RegExp(src, 'i'));
  const rows = [...DIRECT, ...PROXY, ...ARCHIVE, ...PROXY_LOOKALIKES, ...NOT_LISTED];

  it.each(rows)('%s', (url) => {
    const m = matchIn(url, NETWORKS);
    const expected = m !== null && m.via !== 'direct';
    for (const form of [canonical(url), url]) {
      expect(
        split.some((r) => r.test(form)),
        `split: ${form}`,
      ).toBe(expected);
    }
  });

  it.each(REGEX_GAPS)('known gap, regex does not match: %s', (url) => {
    expect(split.some((r) => r.test(canonical(url)))).toBe(false);
  });

  it('uses no lookaround or backreference and stays ASCII', () => {
    for (const src of [...proxyRegexFilters(DOMAINS), ...proxyRegexFilters(CATALOGUE.flatMap((n) => n.domains))]) {
      expect(src).toMatch(/^[\x20-\x7e]+$/);
      expect(src).not.toMatch(/\(\?[=!<]|\\[1-9]/);
    }
  });

  it('escapes regex metacharacters in domains', () => {
    const split = proxyRegexFilters(['a.b']).map((src) => new RegExp(src, 'i'));
    expect(split.some((r) => r.test('https://web.archive.org/web/2020/https://axb/'))).toBe(false);
    expect(split.some((r) => r.test('https://web.archive.org/web/2020/https://a.b/'))).toBe(true);
  });

  it('matches nothing for no usable domains', () => {
    expect(proxyRegexFilters([])).toEqual([]);
    expect(proxyRegexFilters(['', 'bad host'])).toEqual([]);
  });
});

describe('proxyRegexFilters for the whole catalogue', () => {
  const all = CATALOGUE.flatMap((n) => n.domains);
  const regexes = proxyRegexFilters(all).map((src) => new RegExp(src, 'i'));
  const hits = (url: string) => regexes.some((r) => r.test(url));

  it('stays within a rule budget, each regex small', () => {
    expect(regexes.length).toBeLessThan(200);
    // Sizes measured against RE2 under Chromium's 2 KB cap; a longer regex means the packing broke.
    for (const src of proxyRegexFilters(all)) expect(src.length).toBeLessThanOrEqual(150);
  });

  it.each(all)('covers every form of %s', (d) => {
    expect(hits(`https://www-${encodeTranslateHost(d)}.translate.goog/`)).toBe(true);
    expect(hits(`https://web.archive.org/web/2020/https://${d}/`)).toBe(true);
    expect(hits(`https://archive.ph/newest/https://m.${d}/`)).toBe(true);
  });

  it('leaves an over-long domain out of the families it cannot fit, not the others', () => {
    const long = 'a-long-domain-name-for-school.example';
    const srcs = proxyRegexFilters([long]);
    const hit = (url: string) => srcs.some((s) => new RegExp(s, 'i').test(url));
    expect(hit(`https://${encodeTranslateHost(long)}.translate.goog/`)).toBe(true);
    expect(hit(`https://web.archive.org/web/2020/https://${long}/`)).toBe(true);
    expect(hit(`https://archive.ph/https://${long}/`)).toBe(false);
  });
});

describe('normaliseHost', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['[::1]', '[::1]'],
    ['127.1', '127.0.0.1'],
    ['under_score.example', 'under_score.example'],
    ['example.com..', null],
    ['', null],
    ['.', null],
    ['.example.com', null],
    ['a..b', null],
    ['a b.com', null],
    ['a/b', null],
    ['user@host.com', null],
    ['host.com:80', null],
    ['exa*mple.com', null],
    ['%65xample.com', null],
    [`${'x'.repeat(64)}.com`, null],
    [`${'a.'.repeat(127)}com`, null],
    ['[::1', null],
    ['[not-ipv6]', null],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHost(input)).toBe(expected);
  });
});

describe('isUsableDomain', () => {
  it.each([
    ['example.org', 'example.org'],
    ['Example.ORG.', 'example.org'],
    ['  example.org  ', 'example.org'],
    ['*.example.org', 'example.org'],
    ['.example.org', 'example.org'],
    ['https://example.org/path', 'example.org'],
    ['http://user@Example.org:8080/x?y#z', 'example.org'],
    ['example.org/path?q', 'example.org'],
    ['example.org:443', 'example.org'],
    ['social.test', 'social.test'],
    ['sub.social.test', 'sub.social.test'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['my-site.co.uk', 'my-site.co.uk'],
    ['stmarys.kent.sch.uk', 'stmarys.kent.sch.uk'],
    ['t.co', 't.co'],
  ])('accepts %j as %j', (input, expected) => {
    expect(isUsableDomain(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'localhost',
    'com',
    'co.uk',
    'org.uk',
    'sch.uk',
    'kent.sch.uk',
    'ac.uk',
    'gov.uk',
    'nhs.uk',
    'com.au',
    '*.co.uk',
    'https://co.uk/',
    '192.168.1.1',
    'http://127.0.0.1/',
    '[::1]',
    '::1',
    'exa mple.org',
    'example .org',
    'foo.*.example.org',
    'ex*ample.org',
    '*',
    '*.',
    '-example.org',
    'example-.org',
    'exa_mple.org',
    'example..org',
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(127)}com`,
    'ftp://example.org',
    'javascript:alert(1)',
    'file:///etc/hosts',
    'user@example.org',
    'http://',
  ])('rejects %j', (input) => {
    expect(isUsableDomain(input)).toBeNull();
  });
});

describe('hostMatchesDomain', () => {
  it.each([
    ['facebook.com', 'facebook.com', true],
    ['www.facebook.com', 'facebook.com', true],
    ['a.b.facebook.com', 'facebook.com', true],
    ['notfacebook.com', 'facebook.com', false],
    ['facebook.com', 'www.facebook.com', false],
    ['facebook.com.evil', 'facebook.com', false],
    ['facebook.comm', 'facebook.com', false],
    ['x', '', false],
    ['', '', false],
  ] as const)('%s in %s → %s', (host, domain, expected) => {
    expect(hostMatchesDomain(host, domain)).toBe(expected);
  });
});

describe('translation proxy host labels', () => {
  it.each([
    ['www.facebook.com', 'www-facebook-com'],
    ['my-site.co.uk', 'my--site-co-uk'],
    ['youtube-nocookie.com', 'youtube--nocookie-com'],
    ['xn--bcher-kva.example', 'xn----bcher--kva-example'],
  ])('%s ⇄ %s', (host, label) => {
    expect(encodeTranslateHost(host)).toBe(label);
    expect(decodeTranslateHost(`${label}.translate.goog`)).toBe(host);
  });

  it.each([
    ['WWW-FACEBOOK-COM.translate.goog.', 'www.facebook.com'],
    ['facebook.com', null],
    ['translate.goog', null],
    ['.translate.goog', null],
    ['a.b.translate.goog', null],
    ['facebook-com-.translate.goog', null],
    ['-facebook-com.translate.goog', null],
    ['facebook--com.translate.google', null],
    ['x.translate.goog.evil', null],
  ])('decodes %j to %j', (host, expected) => {
    expect(decodeTranslateHost(host)).toBe(expected);
  });
});

describe('archiveTarget', () => {
  it.each([
    ['https://web.archive.org/web/20200101000000/https://www.facebook.com/x', 'www.facebook.com'],
    ['https://web.archive.org/web/2020*/facebook.com', 'facebook.com'],
    ['https://web.archive.org/web/*/https://facebook.com/*', 'facebook.com'],
    ['https://web.archive.org/web/20200101000000id_/http://facebook.com', 'facebook.com'],
    ['https://web.archive.org/save/https://facebook.com', 'facebook.com'],
    ['https://archive.ph/https://www.facebook.com/x', 'www.facebook.com'],
    ['https://archive.ph/newest/https://facebook.com', 'facebook.com'],
    ['https://archive.today/2020.01.01-000000/https://facebook.com/', 'facebook.com'],
    ['https://archive.ph/AbCd1', null],
    ['https://archive.ph/facebook.com', null],
    ['https://web.archive.org/', null],
    ['https://web.archive.org/web/2020/', null],
    ['https://example.com/web/2020/https://facebook.com/', null],
    ['ftp://web.archive.org/web/2020/https://facebook.com/', null],
  ])('%s → %j', (url, expected) => {
    expect(archiveTarget(new URL(url))).toBe(expected);
  });
});
