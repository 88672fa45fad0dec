/** Shared page parts. Everything from the database is passed as text: Preact escapes it, nothing is rendered as HTML. */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Viewer } from '../accounts.ts';
import { filterQuery, type HubFilters } from '../filters.ts';
import { enHub, type HubMessages } from './i18n/en.ts';
import { HUB_LANGUAGE_NAMES, HUB_LANGUAGES, type HubLang } from './i18n/index.ts';

/** The page's language and words, and the address the language menu returns to; set once per response by the routes. */
export interface PageLang {
  lang: HubLang;
  w: HubMessages;
  back: string;
}
export const PageLangContext = createContext<PageLang>({ lang: 'en', w: enHub, back: '/' });
export const useLang = (): PageLang => useContext(PageLangContext);

/** A moment in the reader's language, in UTC (the hub's clock; entries keep their own local time). */
export const when = (d: Date | null | undefined, w: HubMessages = enHub): string => (d ? w.when(d) : '');

const NAV: { href: string; key: keyof Omit<HubMessages['nav'], 'label'>; roles: Viewer['role'][] }[] = [
  { href: '/reports', key: 'reports', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/attempts', key: 'attempts', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/entries', key: 'entries', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/devices', key: 'devices', roles: ['school-dsl', 'trust-dsl', 'it-admin'] },
  { href: '/charts', key: 'charts', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/exports', key: 'exports', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/trail', key: 'trail', roles: ['trust-dsl'] },
  { href: '/status', key: 'status', roles: ['trust-dsl', 'it-admin'] },
];

/** Links, not a script: each sets the language cookie and comes back to this page. */
function LanguageMenu() {
  const { lang, w, back } = useLang();
  return (
    <nav aria-label={w.languageMenu} class="lang" data-testid="language-menu">
      <span aria-hidden="true">{w.languageMenu}:</span>{' '}
      {HUB_LANGUAGES.map((l) => (
        <>
          {' '}
          <a href={`/lang?${new URLSearchParams({ to: l, back })}`} lang={l} hrefLang={l} aria-current={l === lang ? 'true' : undefined}>
            {HUB_LANGUAGE_NAMES[l]}
          </a>
        </>
      ))}
    </nav>
  );
}

export function Layout({ viewer, title, current, children }: { viewer: Viewer | null; title: string; current?: string; children: ComponentChildren }) {
  const { w } = useLang();
  return (
    <html lang={w.tag}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{w.titleSuffix(title)}</title>
        <link rel="stylesheet" href="/hub-assets/hub.css" />
      </head>
      <body>
        <header class="top">
          <strong>{w.hub}</strong>
          {viewer && (
            <>
              <nav aria-label={w.nav.label}>
                {NAV.filter((n) => n.roles.includes(viewer.role)).map((n) => (
                  <a href={n.href} aria-current={current === n.href ? 'page' : undefined}>
                    {w.nav[n.key]}
                  </a>
                ))}
              </nav>
              <form method="post" action="/logout" class="who">
                <span data-testid="who">
                  {viewer.email} · {w.roles[viewer.role] ?? viewer.role}
                  {viewer.schoolName ? ` · ${viewer.schoolName}` : ''}
                </span>
                <input type="hidden" name="_csrf" value={viewer.csrf} />
                <button type="submit">{w.signOut}</button>
              </form>
            </>
          )}
          <LanguageMenu />
        </header>
        <main>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

export function FilterForm({
  action,
  filters,
  viewer,
  schools,
  fields,
}: {
  action: string;
  filters: HubFilters;
  viewer: Viewer;
  schools: { id: number; name: string }[];
  fields?: 'all' | 'dates';
}) {
  const all = fields !== 'dates';
  const { w } = useLang();
  const t = w.filters;
  return (
    <form method="get" action={action} class="filters" aria-label={t.label}>
      {viewer.role === 'trust-dsl' && (
        <label>
          {t.school}
          <select name="school">
            <option value="">{t.everySchool}</option>
            {schools.map((s) => (
              <option value={String(s.id)} selected={filters.school === s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {all && (
        <>
          <label>
            {t.device} <input name="device" value={filters.device ?? ''} size={12} />
          </label>
          <label>
            {t.user} <input name="user" value={filters.user ?? ''} />
          </label>
          <label>
            {t.role}
            <select name="role">
              <option value="">{t.any}</option>
              {['pupil', 'staff', 'governor'].map((r) => (
                <option value={r} selected={filters.role === r}>
                  {w.pupilRoles[r] ?? r}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.network} <input name="network" value={filters.network ?? ''} size={10} placeholder={t.networkExample} />
          </label>
          <label>
            {t.event} <input name="event" value={filters.event ?? ''} size={10} placeholder={t.eventExample} />
          </label>
        </>
      )}
      <label>
        {t.from} <input type="date" name="from" value={filters.from ?? ''} />
      </label>
      <label>
        {t.to} <input type="date" name="to" value={filters.to ?? ''} />
      </label>
      {all && (
        <label>
          {t.schoolTime}
          <select name="schoolTime">
            <option value="">{t.any}</option>
            <option value="yes" selected={filters.schoolTime === true}>
              {t.yes}
            </option>
            <option value="no" selected={filters.schoolTime === false}>
              {t.no}
            </option>
          </select>
        </label>
      )}
      <button type="submit">{t.show}</button>
      <a href={action}>{t.clear}</a>
    </form>
  );
}

export const withFilters = (path: string, f: HubFilters, extra: Record<string, string | number> = {}) => `${path}${filterQuery(f, extra)}`;

/** `english`: words a part of the hub wrote in English (a filter parser's complaint), after our sentence, marked as English. */
export function ErrorPage({ viewer, title, message, english }: { viewer: Viewer | null; title: string; message: string; english?: string }) {
  return (
    <Layout viewer={viewer} title={title}>
      <p class="error" role="alert">
        {message}
        {english !== undefined && (
          <>
            {' '}
            <span lang="en">{english}</span>.
          </>
        )}
      </p>
    </Layout>
  );
}
