/** Deterministic inputs for the pure-core benchmarks: extra sites, raw policies and a mixed URL list. */
import { CATALOGUE } from '../utils/core/catalogue';
import { encodeTranslateHost } from '../utils/core/url-match';
import { seededRandom, shuffle } from './stats';

const WORDS = ['games', 'chat', 'stream', 'meme', 'unblock', 'quiz', 'video', 'forum', 'anon', 'clips'];
const TLDS = ['com', 'net', 'org', 'io', 'co.uk', 'xyz', 'app', 'gg'];

/** `n` distinct extra sites; the first k of a longer list are the same as a list of k. */
export function extraSites(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${WORDS[i % WORDS.length]}-${i}.${TLDS[i % TLDS.length]}`);
}

/** A raw managed policy as an admin would write it: a role, the default calendar, and extra sites. */
export function rawPolicy(role: 'pupil' | 'staff', extraSiteCount: number): Record<string, unknown> {
  return {
    role,
    school: { name: 'Ash Grove Academy', policyUrl: 'https://school.test/policy' },
    dsl: { name: 'Gemma Williams', contact: 'safeguarding@school.test' },
    device: { label: 'ICT suite PC 12' },
    extraSites: extraSites(extraSiteCount),
  };
}

const UNLISTED = [
  'www.bbc.co.uk',
  'classroom.google.com',
  'docs.google.com',
  'www.wikipedia.org',
  'en.wikipedia.org',
  'www.gov.uk',
  'school.test',
  'www.kent.sch.uk',
  'notfacebook.com',
  'facebook.com.evil.example',
  'www.mathsisfun.com',
  'login.microsoftonline.com',
];
const SUBDOMAINS = ['www', 'm', 'mobile', 'web', 'cdn.static', 'en-gb'];

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

/**
 * At least `count` URLs, shuffled. Per ten: two listed networks (bare or a subdomain), two extra
 * sites from the first `extraCount` of extraSites(), one translation-proxy and one web-archive
 * form of either, one lookalike or non-web address, and three unlisted sites.
 */
export function mixedUrls(count: number, extraCount: number, seed = 42): string[] {
  const random = seededRandom(seed);
  const catalogueDomains = CATALOGUE.flatMap((n) => n.domains);
  const extras = extraSites(extraCount);
  const host = (domain: string) => (random() < 0.5 ? domain : `${pick(SUBDOMAINS, random)}.${domain}`);
  const listed = () => (random() < 0.5 ? pick(catalogueDomains, random) : pick(extras, random));
  const urls: string[] = [];
  for (let i = 0; urls.length < count; i++) {
    urls.push(
      `https://${host(pick(catalogueDomains, random))}/p/${i}?ref=${i % 7}`,
      `http://${host(pick(catalogueDomains, random))}/watch?v=${i}`,
      `https://${host(pick(extras, random))}/page/${i}`,
      `https://${host(pick(extras, random))}/`,
      `https://${encodeTranslateHost(host(listed()))}.translate.goog/p/${i}?_x_tr_sl=auto&_x_tr_tl=en`,
      i % 2 === 0 ? `https://web.archive.org/web/2024${i}/https://${host(listed())}/p/${i}` : `https://archive.ph/newest/https://${host(listed())}/p/${i}`,
      i % 3 === 0 ? `about:blank` : `https://${pick(['my', 'not', 'x'], random)}${pick(catalogueDomains, random)}.example.org/${i}`,
      `https://${pick(UNLISTED, random)}/search?q=${i}`,
      `https://site-${i}.example.com/index.html`,
      `http://${pick(UNLISTED, random)}:8080/p/${i}#top`,
    );
  }
  return shuffle(urls, random);
}
