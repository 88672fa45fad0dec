import { Fragment } from 'preact';
import { hubStatusCodes, type HubStatusInput } from '../utils/core/hub/hub-status';
import { enAdmin, type AdminMessages } from '../utils/core/i18n/admin-en';
import { hubFactText, hubText } from '../utils/core/i18n/check-text';
import type { PageLanguage } from './i18n';

/** The status page's "School hub" section: delivery of the log off the device, in the page's language. */
export function HubSection({ words, page, ...props }: HubStatusInput & { words: AdminMessages; page: PageLanguage }) {
  const view = hubStatusCodes(props);
  return (
    <section aria-labelledby="hub" data-testid="hub-section">
      <h2 id="hub">{words.status.hub}</h2>
      {view.lines.length > 0 && (
        <ul class="checks" data-testid="hub-checks">
          {view.lines.map((l) => {
            const text = hubText(words.checks, l.msg);
            return (
              <li key={l.id} class={`check ${l.state}`} data-check={l.id} data-state={l.state}>
                <span class="badge">{words.badge[l.state]}</span> <strong>{text.label}</strong>: {text.detail}
              </li>
            );
          })}
        </ul>
      )}
      <dl data-testid="hub-facts">
        {view.facts.map((f) => {
          const [label, value] = hubFactText(words.checks, f);
          // data-fact names the fact the same way in every language.
          const key = hubFactText(enAdmin.checks, f)[0];
          return (
            <Fragment key={f.id}>
              <dt>{label}</dt>
              <dd data-fact={key}>{value}</dd>
            </Fragment>
          );
        })}
      </dl>
    </section>
  );
}
