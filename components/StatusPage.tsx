import { networkIndex } from '../utils/core/networks';
import { describeCoverage } from '../utils/core/rules';
import { clockLine } from '../utils/core/clock';
import { daysText, ROLE_NAMES, schoolTimeLine } from '../utils/core/page-text';
import { Mark } from './i18n';
import { LANGUAGE_NAMES } from '../utils/core/i18n/languages';
import type { StatusSnapshot } from '../utils/status';
import { PassphraseMaker } from './PassphraseMaker';
import { ProblemTable } from './ProblemTable';
import type { LogHealth } from '../utils/log/safe-journal';
import type { CheckItem } from '../utils/core/self-check';
import { HubSection } from './HubSection';
import type { HubStatusInput } from '../utils/core/hub/hub-status';

const ROLE_SOURCE: Record<StatusSnapshot['role']['source'], string> = {
  roleRules: 'matched the signed-in email',
  role: 'set for this device by the policy',
  default: 'no role in the policy: treated as a pupil',
};

/** Days, written as days: "3 days", "1 day". */
const days = (n: number) => (n === 1 ? '1 day' : `${n.toLocaleString('en-GB')} days`);
const minutes = (n: number) => (n === 1 ? '1 minute' : `${n.toLocaleString('en-GB')} minutes`);

const ACTION_WORDS = { block: 'Blocked', warn: 'Warning first', allow: 'Allowed' } as const;

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
  return (
    <main class="page status">
      <h1 class="with-mark">
        <Mark /> Hall Pass status
      </h1>
      <p class="note">This device's settings come from the school's managed policy and cannot be changed here.</p>
      <p>
        <a href="dsl.html">Safeguarding log (for the DSL)</a> · <a href="builder.html">Policy builder (for the IT admin)</a>
      </p>
      {!loaded && <p role="status">Working out the policy… the safe defaults apply until then.</p>}

      <section aria-labelledby="now">
        <h2 id="now">Now</h2>
        <dl>
          <dt>Role</dt>
          <dd data-testid="role" class={roleFellBack ? 'error' : undefined}>
            {ROLE_NAMES[role.role]} (
            {roleInvalid ? 'the role in the policy is not valid: treated as a pupil; see Policy problems' : ROLE_SOURCE[role.source]}
            {role.matched ? `: ${role.matched}` : ''})
          </dd>
          <dt>Signed-in email</dt>
          <dd>{status.email ?? 'none seen'}</dd>
          <dt>School time</dt>
          <dd data-testid="school-time">{schoolTimeLine(status.schoolTime, status.nextChange, policy.timezone, now)}</dd>
          <dt>Listed networks are</dt>
          <dd data-testid="action">{ACTION_WORDS[status.action]}</dd>
          <dt>Protection</dt>
          <dd data-testid="protection">
            {status.ruleErrors.length === 0 ? `On (${status.rules.total} rules)` : 'On: every listed network blocked (see problems)'}
          </dd>
          {status.coverage && (
            <>
              <dt>Proxies and archives</dt>
              <dd data-testid="rule-coverage">{describeCoverage(status.coverage)}</dd>
            </>
          )}
          <dt>Device clock</dt>
          <dd data-testid="clock" class={status.clockMoved ? 'error' : undefined}>
            {clockLine(status.clockMoved, policy, now)}
          </dd>
          <dt>Network prediction</dt>
          <dd>{status.predictionOff === null ? 'not checked yet' : status.predictionOff ? 'Off' : 'On: set NetworkPredictionOptions to 2'}</dd>
          <dt>Access log</dt>
          <dd data-testid="log-health" class={logHealth && !logHealth.ok ? 'error' : undefined}>
            {!logHealth || logHealth.ok
              ? 'Recording'
              : `Cannot write to the log (${logHealth.error}); ${logHealth.parked} entries are held safely and will be written when it works again. Free disk space on this device.`}
          </dd>
          <dt>Log kept for</dt>
          <dd data-testid="retention">{days(policy.log.retentionDays)}</dd>
          <dt>Languages</dt>
          <dd data-testid="languages">{policy.languages.map((l) => LANGUAGE_NAMES[l]).join(', ')}</dd>
          <dt>Policy</dt>
          <dd data-testid="policy-present">{parsed.present ? 'Managed policy found' : 'No managed policy: the safe defaults apply'}</dd>
          <dt>Last brought up to date</dt>
          <dd>
            {new Date(status.computedAt).toLocaleString('en-GB', { timeZone: policy.timezone })} ({status.trigger})
          </dd>
        </dl>
      </section>

      {checks && (
        <section aria-labelledby="self-check">
          <h2 id="self-check">Self-check</h2>
          <ul class="checks" data-testid="self-check">
            {checks.map((c) => (
              <li key={c.id} class={`check ${c.state}`} data-check={c.id} data-state={c.state}>
                <span class="badge">{c.state === 'ok' ? 'OK' : c.state === 'warn' ? 'Check' : 'Fix'}</span> <strong>{c.label}</strong>: {c.detail}
                {c.fix && <span class="fix"> {c.fix}</span>}
                {c.id === 'hosts' && c.state !== 'ok' && grantSiteAccess && (
                  <>
                    {' '}
                    <button type="button" onClick={grantSiteAccess}>
                      Grant access to sites
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <HubSection hub={policy.hub} problems={problems} outbox={hub?.outbox ?? null} held={hub?.held ?? null} now={now} timezone={policy.timezone} />

      <section aria-labelledby="problems">
        <h2 id="problems">Policy problems</h2>
        {problems.length === 0 && status.ruleErrors.length === 0 ? (
          <p data-testid="no-problems">None found.</p>
        ) : (
          <ProblemTable
            testId="problems"
            problems={[
              ...problems,
              ...status.ruleErrors.map((e) => ({ key: '(blocking rules)', problem: e, used: 'every listed network blocked' })),
            ]}
          />
        )}
      </section>

      <section aria-labelledby="timetable">
        <h2 id="timetable">School calendar ({policy.timezone})</h2>
        <ul>
          {policy.schoolHours.map((h, i) => (
            <li key={i}>
              {daysText(h.days)}: {h.start}–{h.end}
            </li>
          ))}
        </ul>
        {policy.closedDates.length > 0 && (
          <ul data-testid="closed-dates">
            {policy.closedDates.map((c, i) => (
              <li key={i}>
                {c.from} to {c.to}
                {c.label ? `: ${c.label}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="approved">
        <h2 id="approved">Approved uses</h2>
        {policy.approvedUses.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul data-testid="approved-uses">
            {policy.approvedUses.map((u) => (
              <li key={u.url}>
                <code>{u.url}</code>: {u.purpose} ({u.roles.join(', ')}
                {u.schoolHoursOnly ? ', school hours only' : ''})
              </li>
            ))}
          </ul>
        )}
        <p>
          Temporary exceptions:{' '}
          {policy.exceptions.approval === 'off'
            ? 'off'
            : `${policy.exceptions.roles.join(' and ')} may ask, up to ${minutes(policy.exceptions.maxMinutes)}, ${
                policy.exceptions.approval === 'self' ? 'granted at once and logged' : 'approved with a PIN'
              }`}
          .
        </p>
      </section>

      <section aria-labelledby="networks">
        <h2 id="networks">Networks in force ({index.networks.length})</h2>
        <ul class="networks" data-testid="networks">
          {index.networks.slice(0, 200).map((n) => (
            <li key={n.id}>{n.name}</li>
          ))}
          {index.networks.length > 200 && <li>…and {index.networks.length - 200} more</li>}
        </ul>
      </section>
      <PassphraseMaker makeHash={makeHash} />
    </main>
  );
}
