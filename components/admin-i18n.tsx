/**
 * The adults' own pages' language (status, safeguarding log, builder): kept apart from i18n.tsx so
 * the pupils' and staff pages, which import that, never carry the adults' catalogue.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadAdminMessages } from '../utils/core/i18n/admin-catalogues';
import { enAdmin, type AdminMessages } from '../utils/core/i18n/admin-en';
import { isFullLang, type Lang } from '../utils/core/i18n/languages';
import { LanguagePicker, Mark, usePageLanguage, type PageLanguage } from './i18n';

const adminLoaded = new Map<Lang, AdminMessages>([['en', enAdmin]]);

export interface AdminPage {
  page: PageLanguage;
  /** The adults' pages' words, in the page's language once loaded (English until then). */
  a: AdminMessages;
}

/**
 * The status page, the safeguarding log and the builder: the same choice as the other adults' pages
 * (the policy's `languages`, kept to languages with every page translated, and the choice on this
 * device), with their own words.
 */
export function useAdminPage(policyLanguages: readonly Lang[]): AdminPage {
  const page = usePageLanguage(policyLanguages, true);
  const [, setTick] = useState(0);
  const ready = adminLoaded.get(page.lang);
  useEffect(() => {
    const lang = page.lang;
    if (!ready && isFullLang(lang)) {
      void loadAdminMessages(lang).then((m) => {
        adminLoaded.set(lang, m);
        setTick((n) => n + 1);
      });
    }
  }, [page.lang, ready]);
  return { page, a: ready ?? enAdmin };
}

/** Text the core writes in English, marked so on a page in another language (screen readers read it as English). */
export function English({ page, children }: { page: PageLanguage; children: ComponentChildren }) {
  return page.lang === 'en' ? <>{children}</> : <span lang="en">{children}</span>;
}

/** An adults' page's heading: the mark, the title, and the language menu when the policy offers more than one. */
export function AdminHeader({ title, page }: { title: string; page: PageLanguage }) {
  return (
    <header class="page-header admin-header">
      <h1 class="with-mark">
        <Mark /> {title}
      </h1>
      <LanguagePicker page={page} />
    </header>
  );
}
