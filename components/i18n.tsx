import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { loadMessages } from '../utils/core/i18n/catalogues';
import { en, type Messages } from '../utils/core/i18n/en';
import { direction, isLang, LANGUAGE_NAMES, pickLanguage, type Lang } from '../utils/core/i18n/languages';

/** The pupil's choice, kept on this device (the extension's own storage for its pages). */
const CHOICE_KEY = 'hall-pass-language';

function storedChoice(): string | null {
  try {
    return localStorage.getItem(CHOICE_KEY);
  } catch {
    return null;
  }
}

const loaded = new Map<Lang, Messages>([['en', en]]);
const loading = new Map<Lang, Promise<Messages>>();

function load(lang: Lang): Promise<Messages> {
  let p = loading.get(lang);
  if (!p) {
    p = loadMessages(lang).then((m) => {
      loaded.set(lang, m);
      return m;
    });
    loading.set(lang, p);
  }
  return p;
}

// Start fetching the chosen language before the page has even read the policy.
const early = storedChoice();
if (early && isLang(early)) void load(early).catch(() => undefined);

export interface PageLanguage {
  lang: Lang;
  t: Messages;
  /** The languages this page offers (from the policy); a menu is shown when there is more than one. */
  offered: Lang[];
  choose: (lang: Lang) => void;
}

/**
 * The words for this page: the language chosen on this device if the policy offers it, else the
 * policy's first. Sets the document's lang and dir (right to left for Urdu and Arabic).
 */
export function usePageLanguage(policyLanguages: readonly Lang[], forAdults = false): PageLanguage {
  const offered = forAdults ? policyLanguages.filter((l) => l === 'en' || l === 'cy') : [...policyLanguages];
  const [choice, setChoice] = useState<string | null>(storedChoice());
  const lang = pickLanguage(offered.length > 0 ? offered : ['en'], choice, forAdults);
  const [, setTick] = useState(0);
  const ready = loaded.get(lang);
  useEffect(() => {
    if (!ready) void load(lang).then(() => setTick((n) => n + 1));
  }, [lang, ready]);
  const shown: Lang = ready ? lang : 'en';
  // Before the browser paints: Urdu words are never shown laid out left to right, even for a frame.
  useLayoutEffect(() => {
    document.documentElement.lang = shown === 'en' ? 'en-GB' : shown;
    document.documentElement.dir = direction(shown);
  }, [shown]);
  return {
    lang: shown,
    t: ready ?? en,
    offered,
    choose(next) {
      try {
        localStorage.setItem(CHOICE_KEY, next);
      } catch {
        // a private profile may refuse storage: the choice then lasts for this page only
      }
      setChoice(next);
    },
  };
}

export function LanguagePicker({ page }: { page: PageLanguage }) {
  if (page.offered.length < 2) return null;
  return (
    <div class="language no-print">
      <label for="language">{page.t.pupil.languageLabel}</label>
      <select id="language" value={page.lang} onChange={(e) => page.choose(e.currentTarget.value as Lang)}>
        {page.offered.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Hall Pass's mark: the same drawing as the toolbar icon (public/icon/). */
export function Mark({ size = 40 }: { size?: number }) {
  return (
    <svg class="mark" width={size} height={size} viewBox="0 0 128 128" aria-hidden="true" focusable="false">
      <rect x="4" y="4" width="120" height="120" rx="28" fill="#1f5fbf" />
      <path d="M64 20 L100 34 V62 C100 84 85 100 64 108 C43 100 28 84 28 62 V34 Z" fill="#fff" />
      <path d="M48 64 L60 76 L82 52" stroke="#1f5fbf" stroke-width="10" fill="none" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

/** The page's header: Hall Pass's mark, the school's logo and name as the school wrote them, the language menu. */
export function PageHeader({ school, logo, page }: { school: string | null; logo: string | null; page?: PageLanguage }) {
  return (
    <header class="page-header">
      <div class="brand">
        <Mark />
        {logo && <img class="school-logo" src={logo} alt={school ?? ''} referrerpolicy="no-referrer" />}
        {school && <span class="school-name">{school}</span>}
      </div>
      {page && <LanguagePicker page={page} />}
    </header>
  );
}
