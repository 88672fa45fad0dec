/**
 * The languages Hall Pass has words for. Tiny and pure: the policy parser checks `languages`
 * against it without loading any catalogue.
 */

/** Every page, adults' pages included. */
export const FULL_LANGUAGES = ['en', 'cy'] as const;
/** The pupils' pages (block, warning, report); adults' pages fall back to the default full language. */
export const PUPIL_LANGUAGES = ['en', 'cy', 'pl', 'ur', 'pa', 'bn', 'so', 'ar', 'ro', 'pt'] as const;

export type Lang = (typeof PUPIL_LANGUAGES)[number];
export type FullLang = (typeof FULL_LANGUAGES)[number];

export const DEFAULT_LANGUAGES: Lang[] = ['en'];

/** Written right to left. */
const RTL: ReadonlySet<string> = new Set(['ur', 'ar']);

export function direction(lang: string): 'rtl' | 'ltr' {
  return RTL.has(lang) ? 'rtl' : 'ltr';
}

export function isLang(tag: string): tag is Lang {
  return (PUPIL_LANGUAGES as readonly string[]).includes(tag);
}

export function isFullLang(tag: string): tag is FullLang {
  return (FULL_LANGUAGES as readonly string[]).includes(tag);
}

/** The name of each language in itself, for the language menu. */
export const LANGUAGE_NAMES: Record<Lang, string> = {
  en: 'English',
  cy: 'Cymraeg',
  pl: 'Polski',
  ur: 'اردو',
  pa: 'ਪੰਜਾਬੀ',
  bn: 'বাংলা',
  so: 'Soomaali',
  ar: 'العربية',
  ro: 'Română',
  pt: 'Português',
};

/** The tag the browser's Intl should use for dates and plurals. */
export function intlTag(lang: Lang): string {
  return lang === 'en' ? 'en-GB' : lang;
}

/**
 * The language a page shows: the one chosen on this device if the policy offers it, else the
 * policy's first. `forAdults` keeps adults' pages to languages with every page translated.
 */
export function pickLanguage(offered: readonly Lang[], chosen: string | null, forAdults = false): Lang {
  const usable = forAdults ? offered.filter(isFullLang) : offered;
  if (chosen && (usable as readonly string[]).includes(chosen)) return chosen as Lang;
  return usable[0] ?? 'en';
}

/** One plural form per CLDR category the language uses; `other` is always there. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Picks the form with the browser's own CLDR rules (Welsh, Polish and Arabic have more than two). */
export function plural(lang: string, n: number, forms: PluralForms): string {
  const form = forms[new Intl.PluralRules(lang).select(n)] ?? forms.other;
  return form.replace('{n}', new Intl.NumberFormat(lang).format(n));
}

/**
 * Text the school wrote (a name) set inside a sentence in another direction: the Unicode first-strong
 * isolate keeps "Mrs Khan" readable inside Urdu, and Urdu inside English.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
