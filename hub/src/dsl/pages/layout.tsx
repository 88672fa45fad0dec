/** Shared page parts. Everything from the database is passed as text: Preact escapes it, nothing is rendered as HTML. */
import type { ComponentChildren } from 'preact';
import type { Viewer } from '../accounts.ts';
import { filterQuery, type HubFilters } from '../filters.ts';

export const when = (d: Date | null | undefined): string => (d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '');

const NAV: { href: string; text: string; roles: Viewer['role'][] }[] = [
  { href: '/reports', text: 'Reports', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/attempts', text: 'Repeated attempts', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/entries', text: 'All entries', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/devices', text: 'Devices', roles: ['school-dsl', 'trust-dsl', 'it-admin'] },
  { href: '/charts', text: 'Charts', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/exports', text: 'Exports', roles: ['school-dsl', 'trust-dsl'] },
  { href: '/trail', text: 'Access trail', roles: ['trust-dsl'] },
  { href: '/status', text: 'Hub status', roles: ['trust-dsl', 'it-admin'] },
];

export function Layout({ viewer, title, current, children }: { viewer: Viewer | null; title: string; current?: string; children: ComponentChildren }) {
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${title} · Hall Pass hub`}</title>
        <link rel="stylesheet" href="/hub-assets/hub.css" />
      </head>
      <body>
        <header class="top">
          <strong>Hall Pass hub</strong>
          {viewer && (
            <>
              <nav aria-label="Pages">
                {NAV.filter((n) => n.roles.includes(viewer.role)).map((n) => (
                  <a href={n.href} aria-current={current === n.href ? 'page' : undefined}>
                    {n.text}
                  </a>
                ))}
              </nav>
              <form method="post" action="/logout" class="who">
                <span data-testid="who">
                  {viewer.email} · {viewer.role}
                  {viewer.schoolName ? ` · ${viewer.schoolName}` : ''}
                </span>
                <input type="hidden" name="_csrf" value={viewer.csrf} />
                <button type="submit">Sign out</button>
              </form>
            </>
          )}
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
  return (
    <form method="get" action={action} class="filters" aria-label="Filters">
      {viewer.role === 'trust-dsl' && (
        <label>
          School
          <select name="school">
            <option value="">Every school</option>
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
            Device id <input name="device" value={filters.device ?? ''} size={12} />
          </label>
          <label>
            User <input name="user" value={filters.user ?? ''} />
          </label>
          <label>
            Role
            <select name="role">
              <option value="">Any</option>
              {['pupil', 'staff', 'governor'].map((r) => (
                <option value={r} selected={filters.role === r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label>
            Network <input name="network" value={filters.network ?? ''} size={10} placeholder="e.g. tiktok" />
          </label>
          <label>
            Event <input name="event" value={filters.event ?? ''} size={10} placeholder="e.g. blocked" />
          </label>
        </>
      )}
      <label>
        From <input type="date" name="from" value={filters.from ?? ''} />
      </label>
      <label>
        To <input type="date" name="to" value={filters.to ?? ''} />
      </label>
      {all && (
        <label>
          School time
          <select name="schoolTime">
            <option value="">Any</option>
            <option value="yes" selected={filters.schoolTime === true}>
              yes
            </option>
            <option value="no" selected={filters.schoolTime === false}>
              no
            </option>
          </select>
        </label>
      )}
      <button type="submit">Show</button>
      <a href={action}>Clear</a>
    </form>
  );
}

export const withFilters = (path: string, f: HubFilters, extra: Record<string, string | number> = {}) => `${path}${filterQuery(f, extra)}`;

export function ErrorPage({ viewer, title, message }: { viewer: Viewer | null; title: string; message: string }) {
  return (
    <Layout viewer={viewer} title={title}>
      <p class="error" role="alert">
        {message}
      </p>
    </Layout>
  );
}
