/** Which language a hub page is in: the reader's choice (a cookie), else the browser's Accept-Language, else English. */
import { cyHub } from './cy.ts';
import { enHub, type HubMessages } from './en.ts';

export const HUB_LANGUAGES = ['en', 'cy'] as const;
export type HubLang = (typeof HUB_LANGUAGES)[number];
export const HUB_CATALOGUES: Record<HubLang, HubMessages> = { en: enHub, cy: cyHub };
/** Each language named in itself, for the language menu. */
export const HUB_LANGUAGE_NAMES: Record<HubLang, string> = { en: 'English', cy: 'Cymraeg' };

export const isHubLang = (x: unknown): x is HubLang => typeof x === 'string' && (HUB_LANGUAGES as readonly string[]).includes(x);

/** The first of the browser's languages (highest q first, then in order) that the hub has; null when none is. */
export function fromAcceptLanguage(header: string | undefined): HubLang | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 1000)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0 && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find(isHubLang) ?? null;
}

export function pickHubLang(cookie: string | undefined, acceptLanguage: string | undefined): HubLang {
  if (isHubLang(cookie)) return cookie;
  return fromAcceptLanguage(acceptLanguage) ?? 'en';
}

/** Where the language menu may send the reader back to: a path on this hub, nothing else. */
export function safeBack(back: unknown): string {
  if (typeof back !== 'string' || back.length > 2000) return '/';
  return /^\/(?![/\\])[^\s\\]*$/.test(back) ? back : '/';
}
