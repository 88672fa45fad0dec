import { Fragment } from 'preact';
import { hubStatus, type HubStatusInput } from '../utils/core/hub/hub-status';
import type { AdminMessages } from '../utils/core/i18n/admin-en';
import { English, type PageLanguage } from './i18n';

/** The status page's "School hub" section: delivery of the log off the device. */
export function HubSection({ words, page, ...props }: HubStatusInput & { words: AdminMessages; page: PageLanguage }) {
  const view = hubStatus(props);
  return (
    <section aria-labelledby="hub" data-testid="hub-section">
      <h2 id="hub">{words.status.hub}</h2>
      {view.lines.length > 0 && (
        <ul class="checks" data-testid="hub-checks">
          {view.lines.map((l) => (
            <li key={l.id} class={`check ${l.state}`} data-check={l.id} data-state={l.state}>
              <span class="badge">{words.badge[l.state]}</span>{' '}
              <English page={page}>
                <strong>{l.label}</strong>: {l.detail}
              </English>
            </li>
          ))}
        </ul>
      )}
      <dl data-testid="hub-facts">
        {view.facts.map(([k, v]) => (
          <Fragment key={k}>
            <dt>
              <English page={page}>{k}</English>
            </dt>
            <dd data-fact={k}>
              <English page={page}>{v}</English>
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
