import { Fragment } from 'preact';
import { hubStatus, type HubStatusInput } from '../utils/core/hub/hub-status';

const BADGE = { ok: 'OK', warn: 'Check', bad: 'Fix' } as const;

/** The status page's "School hub" section: delivery of the log off the device. */
export function HubSection(props: HubStatusInput) {
  const view = hubStatus(props);
  return (
    <section aria-labelledby="hub" data-testid="hub-section">
      <h2 id="hub">School hub</h2>
      {view.lines.length > 0 && (
        <ul class="checks" data-testid="hub-checks">
          {view.lines.map((l) => (
            <li key={l.id} class={`check ${l.state}`} data-check={l.id} data-state={l.state}>
              <span class="badge">{BADGE[l.state]}</span> <strong>{l.label}</strong>: {l.detail}
            </li>
          ))}
        </ul>
      )}
      <dl data-testid="hub-facts">
        {view.facts.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd data-fact={k}>{v}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
