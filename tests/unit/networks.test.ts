import { describe, expect, it } from 'vitest';
import { CATALOGUE, catalogueById } from '../../utils/core/catalogue';
import { isUsableDomain } from '../../utils/core/url-match';
import { indexNetworks, matchAddress } from '../../utils/core/networks';

const allDomains = CATALOGUE.flatMap((n) => n.domains.map((domain) => ({ id: n.id, domain })));

describe('catalogue', () => {
  it('lists at least 24 networks with unique lowercase ids and names', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(24);
    const ids = CATALOGUE.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const n of CATALOGUE) {
      expect(n.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(n.name.trim()).not.toBe('');
      expect(n.domains.length).toBeGreaterThan(0);
    }
  });

  it.each(allDomains)('$id: $domain is lowercase and a usable domain', ({ domain }) => {
    expect(domain).toBe(domain.toLowerCase());
    expect(isUsableDomain(domain)).toBe(domain);
  });

  it('never lists a domain (or a subdomain of one) under two networks', () => {
    const owner = new Map<string, string>();
    for (const { id, domain } of allDomains) {
      expect(owner.get(domain), domain).toBeUndefined();
      owner.set(domain, id);
    }
    for (const a of allDomains) {
      for (const b of allDomains) {
        if (a.id !== b.id) expect(a.domain.endsWith(`.${b.domain}`), `${a.domain} / ${b.domain}`).toBe(false);
      }
    }
  });

  it.each([
    'facebook',
    'instagram',
    'x',
    'youtube',
    'tiktok',
    'snapchat',
    'whatsapp',
    'discord',
    'reddit',
    'pinterest',
    'tumblr',
    'threads',
    'bluesky',
    'mastodon',
    'twitch',
    'linkedin',
    'telegram',
    'blogger',
    'netmums',
    'mumsnet',
    'wordpress-com',
    'medium',
    'vk',
    'quora',
    'bereal',
    'kick',
  ])('has %s', (id) => {
    expect(catalogueById(id)?.id).toBe(id);
  });

  it.each([
    ['facebook', ['facebook.com', 'fb.com', 'fb.me', 'fb.watch', 'messenger.com', 'm.me']],
    ['instagram', ['instagram.com', 'instagr.am', 'ig.me']],
    ['x', ['x.com', 'twitter.com', 't.co']],
    ['youtube', ['youtube.com', 'youtu.be', 'youtube-nocookie.com', 'youtube.co.uk']],
    ['whatsapp', ['whatsapp.com', 'wa.me']],
    ['discord', ['discord.com', 'discord.gg', 'discordapp.com']],
    ['reddit', ['reddit.com', 'redd.it']],
    ['pinterest', ['pinterest.com', 'pinterest.co.uk', 'pinterest.fr', 'pinterest.de']],
    ['telegram', ['telegram.org', 't.me', 'telegram.me']],
    ['blogger', ['blogger.com', 'blogspot.com', 'blogspot.co.uk']],
    ['mastodon', ['mastodon.social', 'mastodon.online', 'mstdn.social', 'mas.to', 'fosstodon.org']],
  ] as const)('%s lists %j', (id, domains) => {
    expect(catalogueById(id)?.domains).toEqual(expect.arrayContaining([...domains]));
  });

  it.each(['fbcdn.net', 'facebook.net', 'twimg.com', 'ytimg.com', 'pinimg.com', 'cdninstagram.com', 'licdn.com'])(
    'leaves out the embedded CDN domain %s',
    (cdn) => {
      expect(allDomains.find((d) => d.domain === cdn || cdn.endsWith(`.${d.domain}`))).toBeUndefined();
    },
  );

  it.each([
    ['https://web.whatsapp.com/', 'whatsapp'],
    ['https://web.telegram.org/k/', 'telegram'],
    ['https://someone.blogspot.com/2020/01/post.html', 'blogger'],
    ['https://someone.wordpress.com/', 'wordpress-com'],
    ['https://vm.tiktok.com/abc/', 'tiktok'],
    ['https://music.youtube.com/', 'youtube'],
    ['https://www.mumsnet.com/talk', 'mumsnet'],
    ['https://alice.bsky.social/', 'bluesky'],
  ])('%s belongs to %s', (url, id) => {
    expect(matchAddress(url, indexNetworks(CATALOGUE))?.network.id).toBe(id);
  });

  it('catalogueById returns undefined for unknown ids', () => {
    expect(catalogueById('myspace')).toBeUndefined();
    expect(catalogueById('')).toBeUndefined();
    expect(catalogueById('Facebook')).toBeUndefined();
  });
});
