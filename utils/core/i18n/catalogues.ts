/**
 * Loads one language's words. English is built in (it is every page's fallback); each other
 * language is its own small chunk, fetched only when a page shows it.
 */
import { en, type Messages, type PupilMessages } from './en';
import type { Lang } from './languages';

type Loader = () => Promise<{ pupil: PupilMessages; adult?: Messages['adult'] }>;

const LOADERS: Record<Exclude<Lang, 'en'>, Loader> = {
  cy: () => import('./cy').then((m) => m.cy),
  pl: () => import('./pl').then((m) => ({ pupil: m.pl })),
  ur: () => import('./ur').then((m) => ({ pupil: m.ur })),
  pa: () => import('./pa').then((m) => ({ pupil: m.pa })),
  bn: () => import('./bn').then((m) => ({ pupil: m.bn })),
  so: () => import('./so').then((m) => ({ pupil: m.so })),
  ar: () => import('./ar').then((m) => ({ pupil: m.ar })),
  ro: () => import('./ro').then((m) => ({ pupil: m.ro })),
  pt: () => import('./pt').then((m) => ({ pupil: m.pt })),
};

/** A language's words; adults' words fall back to English where a language has only pupils' pages. */
export async function loadMessages(lang: Lang): Promise<Messages> {
  if (lang === 'en') return en;
  const m = await LOADERS[lang]();
  return { pupil: m.pupil, adult: m.adult ?? en.adult };
}
