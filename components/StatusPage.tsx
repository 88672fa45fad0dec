import { networkIndex } from '../utils/core/networks';
import { describeCoverage } from '../utils/core/rules';
import { clockLine, clockMsg } from '../utils/core/clock';
import { daysText, schoolTimeWords } from '../utils/core/page-text';
import { AdminHeader, English, useAdminPage } from './admin-i18n';
import { intlTag } from '../utils/core/i18n/languages';
import { LANGUAGE_NAMES } from '../utils/core/i18n/languages';
import type { StatusSnapshot } from '../utils/status';
import { PassphraseMaker } from './PassphraseMaker';
import { ProblemTable } from './ProblemTable';
import type { LogHealth } from '../utils/journal/safe-journal';
import type { CheckItem } from '../utils/core/self-check';
import { HubSection } from './HubSection';
import { checkText } from '../utils/core/i18n/check-text';
import type { HubStatusInput } from '../utils/core/hub/hub-status';
import { readTrigger, triggerText } from '../utils/core/refresh-trigger';
import { browserWords, ruleFailureText, type RuleFailure } from '../utils/core/rule-failures';
import type { AdminMessages } from '../utils/core/i18n/admin-en';
import type { PageLanguage } from './i18n';

interface Props {
  status: StatusSnapshot;
  loaded: boolean;
  now: number;
  makeHash: (passphrase: string) => Promise<string>;
  logHealth: LogHealth | null;
  checks: CheckItem[] | null;
  /** Asks the browser to give back access to sites (needs the click, so it lives on a button). */
  grantSiteAccess?: () => void;
  /** Delivery to the school's hub (outbox state and entries held past retention). */
  hub?: Pick<HubStatusInput, 'outbox' | 'held'>;
}

export function StatusPage({ status, loaded, now, makeHash, logHealth, checks, grantSiteAccess, hub }: Props) {
  const { parsed, role } = status;
  const { policy } = parsed;
  const index = networkIndex(policy);
  const problems = parsed.problems;
  // A role the policy gave but that is not pupil, staff or governor is not "no role": say it is invalid.
  const roleInvalid = role.source === 'default' && problems.some((p) => p.key === 'role');
  const roleFellBack = role.source === 'default' && (roleInvalid || problems.some((p) => p.key.startsWith('roleRules')));
  const { page, a } = useAdminPage(policy.languages);
  const w = a.status;
  const roles = page.t.adult.roles;
  return (
    <main class="page status">
      <AdminHeader title={w.title} page={page} />
      <p class="note">{w.managed}</p>
      <p>
        <a href="dsl.html">{w.dslLink}</a> · <a href="builder.html">{w.builderLink}</a>
      </p>
      {!loaded && <p role="status">{w.working}</p>}

      <section aria-labelledby="now">
        <h2 id="now">{w.now}</h2>
        <dl>
          <dt>{w.role}</dt>
          <dd data-testid="role" class={roleFellBack ? 'error' : undefined}>
            {roles[role.role]} ({roleInvalid ? w.roleInvalid : w.roleSource[role.source]}
            {role.matched ? `: ${role.matched}` : ''})
          </dd>
          <dt>{w.email}</dt>
          <dd>{status.email ?? w.noEmail}</dd>
          <dt>{w.schoolTime}</dt>
          <dd data-testid="school-time">{schoolTimeWords(status.schoolTime, status.nextChange, policy, now, page.lang, page.t)}</dd>
          <dt>{w.listedAre}</dt>
          <dd data-testid="action">{w.actions[status.action]}</dd>
          <dt>{w.protection}</dt>
          <dd data-testid="protection">{status.ruleErrors.length === 0 ? w.protectionOn(status.rules.total) : w.protectionFallback}</dd>
          {status.coverage && (
            <>
              <dt>{w.coverage}</dt>
              <dd data-testid="rule-coverage">{page.lang === 'en' ? describeCoverage(status.coverage) : a.checks.coverage(status.coverage)}</dd>
            </>
          )}
          <dt>{w.clock}</dt>
          <dd data-testid="clock" class={status.clockMoved ? 'error' : undefined}>
            {page.lang === 'en' ? clockLine(status.clockMoved, policy, now) : a.checks.clock(clockMsg(status.clockMoved, policy))}
          </dd>
          <dt>{w.prediction}</dt>
          <dd>{status.predictionOff === null ? w.notChecked : status.predictionOff ? w.predictionOff : w.predictionOn}</dd>
          <dt>{w.log}</dt>
          <dd data-testid="log-health" class={logHealth && !logHealth.ok ? 'error' : undefined}>
            {!logHealth || logHealth.ok ? (
              w.recording
            ) : (
              <>
                {w.logFailing(logHealth.parked)}
                {logHealth.error && (
                  <>
                    {' '}
                    {w.browserSaid} <span lang="en">{logHealth.error}</span>
                  </>
                )}
              </>
            )}
          </dd>
          <dt>{w.keptFor}</dt>
          <dd data-testid="retention">{a.count.days(policy.log.retentionDays)}</dd>
          <dt>{w.languages}</dt>
          <dd data-testid="languages">{policy.languages.map((l) => LANGUAGE_NAMES[l]).join(', ')}</dd>
          <dt>{w.policy}</dt>
          <dd data-testid="policy-present">{parsed.present ? w.policyFound : w.noPolicy}</dd>
          <dt>{w.updated}</dt>
          <dd>
            {new Date(status.computedAt).toLocaleString([intlTag(page.lang), 'en-GB'], { timeZone: policy.timezone, dateStyle: 'long', timeStyle: 'medium' })} (
            <Trigger stored={status.trigger} words={a} page={page} />)
          </dd>
        </dl>
      </section>

      {checks && (
        <section aria-labelledby="self-check">
          <h2 id="self-check">{w.selfCheck}</h2>
          <ul class="checks" data-testid="self-check">
            {checks.map((c) => (
              <li key={c.id} class={`check ${c.state}`} data-check={c.id} data-state={c.state}>
                <span class="badge">{a.badge[c.state]}</span> <CheckWords text={checkText(a.checks, c.msg)} />
                {c.id === 'hosts' && c.state !== 'ok' && grantSiteAccess && (
                  <>
                    {' '}
                    <button type="button" onClick={grantSiteAccess}>
                      {w.grantAccess}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <HubSection
        hub={policy.hub}
        problems={problems}
        outbox={hub?.outbox ?? null}
        held={hub?.held ?? null}
        now={now}
        timezone={policy.timezone}
        words={a}
        page={page}
      />

      <section aria-labelledby="problems">
        <h2 id="problems">{w.problemsTitle}</h2>
        {problems.length === 0 && status.ruleErrors.length === 0 ? (
          <p data-testid="no-problems">{w.none}</p>
        ) : (
          <>
            {status.ruleErrors.length > 0 && <RuleFailureList failures={status.ruleFailures} english={status.ruleErrors} words={a} page={page} />}
            {problems.length > 0 && <ProblemTable testId="problems" words={a} page={page} problems={problems} />}
          </>
        )}
      </section>

      <section aria-labelledby="timetable">
        <h2 id="timetable">{w.calendar(policy.timezone)}</h2>
        <ul>
          {policy.schoolHours.map((h, i) => (
            <li key={i}>
              {daysText(h.days, a.days)}: {h.start}–{h.end}
            </li>
          ))}
        </ul>
        {policy.closedDates.length > 0 && (
          <ul data-testid="closed-dates">
            {policy.closedDates.map((c, i) => (
              <li key={i}>
                {w.closed(c.from, c.to)}
                {c.label ? `: ${c.label}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="approved">
        <h2 id="approved">{w.approved}</h2>
        {policy.approvedUses.length === 0 ? (
          <p>{w.noneShort}</p>
        ) : (
          <ul data-testid="approved-uses">
            {policy.approvedUses.map((u) => (
              <li key={u.url}>
                <code>{u.url}</code>: {u.purpose} ({u.roles.map((r) => roles[r]).join(', ')}
                {u.schoolHoursOnly ? `, ${w.schoolHoursOnly}` : ''})
              </li>
            ))}
          </ul>
        )}
        <p>
          {w.exceptions}:{' '}
          {policy.exceptions.approval === 'off'
            ? w.exceptionsOff
            : w.exceptionsRule(
                policy.exceptions.roles.map((r) => roles[r]),
                a.count.minutes(policy.exceptions.maxMinutes),
                policy.exceptions.approval === 'self',
              )}
          .
        </p>
      </section>

      <section aria-labelledby="networks">
        <h2 id="networks">{w.networks(index.networks.length)}</h2>
        <ul class="networks" data-testid="networks">
          {index.networks.slice(0, 200).map((n) => (
            <li key={n.id}>{n.name}</li>
          ))}
          {index.networks.length > 200 && <li>{w.more(index.networks.length - 200)}</li>}
        </ul>
      </section>
      <PassphraseMaker makeHash={makeHash} words={a.passphrase} />
    </main>
  );
}

function CheckWords({ text }: { text: { label: string; detail: string; fix: string } }) {
  return (
    <>
      <strong>{text.label}</strong>: {text.detail}
      {text.fix && <span class="fix"> {text.fix}</span>}
    </>
  );
}

/** Why the status was last worked out: a code said in the page's language, or an older version's English text, marked so. */
function Trigger({ stored, words, page }: { stored: string; words: AdminMessages; page: PageLanguage }) {
  const said = triggerText(words.status.triggers, readTrigger(stored), words.dsl.events);
  return <span data-testid="trigger">{said ?? <English page={page}>{stored}</English>}</span>;
}

/**
 * The browser refused the blocking rules: our sentence in the page's language, then what the
 * browser said, as it said it (marked English). A snapshot from another version (no codes, or
 * codes this page does not know) has its English sentences shown, marked English.
 */
export function RuleFailureList({ failures, english, words, page }: { failures?: RuleFailure[]; english: string[]; words: AdminMessages; page: PageLanguage }) {
  const w = words.ruleFailures;
  return (
    <ul class="checks" data-testid="rule-failures">
      {failures && failures.every((f) => f.code in w.say)
        ? failures.map((f, i) => {
            const said = browserWords(f);
            return (
              <li key={i} class="check bad" data-state="bad" data-failure={f.code}>
                <span class="badge">{words.badge.bad}</span> <strong>{words.problems.blockingRules}</strong>: {ruleFailureText(w, f)}
                {said && (
                  <>
                    {' '}
                    {w.browserSaid} <span lang="en">{said}</span>
                  </>
                )}
              </li>
            );
          })
        : english.map((e, i) => (
            <li key={i} class="check bad" data-state="bad">
              <span class="badge">{words.badge.bad}</span> <strong>{words.problems.blockingRules}</strong>: <English page={page}>{e}</English>
            </li>
          ))}
    </ul>
  );
}
