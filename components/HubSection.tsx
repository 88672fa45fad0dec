import { Fragment } from 'preact';
import { hubStatusCodes, type HubStatusInput } from '../utils/core/hub/hub-status';
import { enAdmin, type AdminMessages } from '../utils/core/i18n/admin-en';
import { hubFactText, hubText } from '../utils/core/i18n/check-text';
import type { PageLanguage } from './i18n';
import { hubErrorIntro, type HubError } from '../utils/core/hub/hub-error';

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
                {'error' in l.msg && <Foreign words={words} error={l.msg.error} />}
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
              <dd data-fact={key}>
                {value}
                {f.id === 'lastError' && f.error && <Foreign words={words} error={f.error.error} />}
              </dd>
            </Fragment>
          );
        })}
      </dl>
    </section>
  );
}

/**
 * What the hub or the browser said about a failed delivery: foreign text, shown as it was written
 * and marked English, after our own sentence introducing it (in the page's language).
 */
function Foreign({ words, error }: { words: AdminMessages; error: HubError }) {
  if (!error.detail) return null;
  return (
    <span class="foreign" data-foreign={error.code}>
      {' '}
      {hubErrorIntro(words.checks.hubError, error)} <span lang="en">{error.detail}</span>
    </span>
  );
}
