import { useMemo, useState } from 'preact/hooks';
import {
  COMMON_TIMEZONES,
  builderOutputs,
  checkForm,
  defaultForm,
  formNotes,
  makeHashes,
  toggled,
  type BuilderForm,
  type BuilderIds,
} from '../../utils/core/builder-form';
import { CATALOGUE } from '../../utils/core/catalogue';
import { LIMITS } from '../../utils/core/policy';
import { ACTIONS, APPROVALS, ROLES, WEEKDAYS, type Action, type Approval, type Role } from '../../utils/core/types';
import { Checkboxes, Select, TextField } from './fields';
import { OutputBox } from './OutputBox';
import { ProblemList } from './ProblemList';
import { ApprovedUsesEditor, ApproversEditor, ClosedDatesEditor } from './RowEditors';
import type { Lang } from '../../utils/core/i18n/languages';
import { AdminHeader, English, useAdminPage } from '../admin-i18n';
import { sayCode, type HashError } from '../../utils/core/builder-codes';

interface Props {
  ids: BuilderIds;
  /** The device's policy languages: the builder speaks them as the other adults' pages do. */
  languages: readonly Lang[];
  makeHash: (secret: string) => Promise<string>;
  copyText: (text: string) => Promise<void>;
  download: (fileName: string, mimeType: string, text: string) => void;
}

const OTHER_TZ = '(other)';

/** The policy builder: a form for the admin, the extension's check of it, and the files to deploy. */
export function BuilderPage({ ids, languages, makeHash, copyText, download }: Props) {
  const { page, a } = useAdminPage(languages);
  const w = a.builder;
  const roleNames = page.t.adult.roles;
  const ACTION_OPTIONS = ACTIONS.map((x) => ({ value: x, label: w.actions[x] }));
  const APPROVAL_OPTIONS = APPROVALS.map((x) => ({ value: x, label: w.approvals[x] }));
  const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: roleNames[r] }));
  const [form, setForm] = useState<BuilderForm>(defaultForm);
  const [typedTz, setTypedTz] = useState(false);
  const [hashing, setHashing] = useState(false);
  const [hashReport, setHashReport] = useState<{ errors: HashError[]; made: number } | null>(null);
  const set = (change: Partial<BuilderForm>) => setForm((f) => ({ ...f, ...change }));

  const check = useMemo(() => checkForm(form), [form]);
  const notes = useMemo(() => formNotes(form), [form]);
  const outputs = useMemo(() => builderOutputs(form, ids), [form, ids]);
  const tzInList = (COMMON_TIMEZONES as readonly string[]).includes(form.timezone) && !typedTz;

  async function hashNow() {
    setHashing(true);
    setHashReport(null);
    try {
      const result = await makeHashes(form, makeHash);
      setForm(result.form);
      setHashReport({ errors: result.errors, made: result.made });
    } finally {
      setHashing(false);
    }
  }

  return (
    <main class="page builder">
      <AdminHeader title={w.title} page={page} />
      <p class="note">{w.intro}</p>
      <p class="note">
        {w.blanks} <a href="status.html">{w.back}</a>
      </p>

      <form onSubmit={(e) => e.preventDefault()} autoComplete="off">
        <section aria-labelledby="who-title">
          <h2 id="who-title">{w.role}</h2>
          <p class="hint">{w.roleHint}</p>
          <Select id="device-role" label={w.deviceRole} value={form.deviceRole} options={ROLE_OPTIONS} onChange={(r: Role) => set({ deviceRole: r })} />
        </section>

        <section aria-labelledby="school-title">
          <h2 id="school-title">{w.school}</h2>
          <div class="grid2">
            <TextField
              id="school-name"
              label={w.schoolName}
              value={form.schoolName}
              placeholder={w.examples.schoolName}
              onInput={(v) => set({ schoolName: v })}
            />
            <TextField
              id="policy-url"
              label={w.policyUrl}
              type="url"
              value={form.policyUrl}
              placeholder="https://ashgrove.example/policies/social-media"
              onInput={(v) => set({ policyUrl: v })}
            />
            <TextField
              id="school-logo"
              label={w.logo}
              value={form.schoolLogo}
              placeholder="https://ashgrove.example/logo.png"
              hint={w.logoHint}
              onInput={(v) => set({ schoolLogo: v })}
            />
            <TextField
              id="languages"
              label={w.languages}
              value={form.languages}
              placeholder="en, cy"
              hint={w.languagesHint}
              onInput={(v) => set({ languages: v })}
            />
            <TextField
              id="device-label"
              label={w.deviceLabel}
              value={form.deviceLabel}
              placeholder={w.examples.deviceLabel}
              hint={w.deviceLabelHint}
              onInput={(v) => set({ deviceLabel: v })}
            />
          </div>
        </section>

        <section aria-labelledby="dsl-title">
          <h2 id="dsl-title">{w.dsl}</h2>
          <div class="grid2">
            <TextField id="dsl-name" label={w.dslName} value={form.dslName} placeholder={w.examples.dslName} onInput={(v) => set({ dslName: v })} />
            <TextField
              id="dsl-contact"
              label={w.dslContact}
              value={form.dslContact}
              placeholder="safeguarding@ashgrove.example"
              onInput={(v) => set({ dslContact: v })}
            />
            <TextField
              id="dsl-passphrase"
              label={w.passphrase}
              type="password"
              autoComplete="new-password"
              value={form.passphrase}
              hint={w.passphraseHint}
              onInput={(v) => set({ passphrase: v })}
            />
            <TextField
              id="dsl-passphrase-repeat"
              label={w.repeat}
              type="password"
              autoComplete="new-password"
              value={form.passphraseRepeat}
              onInput={(v) => set({ passphraseRepeat: v })}
            />
          </div>
          <TextField
            id="dsl-hash"
            label={w.hash}
            value={form.passphraseHash}
            placeholder={w.hashPlaceholder}
            hint={w.hashHint}
            onInput={(v) => set({ passphraseHash: v })}
          />
        </section>

        <section aria-labelledby="time-title">
          <h2 id="time-title">{w.time}</h2>
          <div class="grid2">
            <div class="field">
              <label for="timezone">{w.timezone}</label>
              <select
                id="timezone"
                value={tzInList ? form.timezone : OTHER_TZ}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  if (v === OTHER_TZ) setTypedTz(true);
                  else {
                    setTypedTz(false);
                    set({ timezone: v });
                  }
                }}
              >
                {COMMON_TIMEZONES.map((tz) => (
                  <option key={tz} value={tz}>
                    {tz}
                  </option>
                ))}
                <option value={OTHER_TZ}>{w.otherTz}</option>
              </select>
            </div>
            {!tzInList && (
              <TextField id="timezone-other" label={w.otherTzLabel} value={form.timezone} placeholder="Europe/Vienna" onInput={(v) => set({ timezone: v })} />
            )}
          </div>
          <Checkboxes
            legend={w.schoolDays}
            name="days"
            class="days"
            options={WEEKDAYS.map((d) => ({ value: d, label: a.days.short[d] }))}
            checked={form.days}
            onChange={(d, on) => set({ days: toggled(form.days, d, on, WEEKDAYS) })}
          />
          <div class="grid2 narrow">
            <TextField id="start" label={w.starts} value={form.start} placeholder="08:30" size={6} hint={w.clockHint} onInput={(v) => set({ start: v })} />
            <TextField id="end" label={w.ends} value={form.end} placeholder="15:30" size={6} hint={w.endHint} onInput={(v) => set({ end: v })} />
          </div>
          <ClosedDatesEditor words={w} rows={form.closedDates} onChange={(closedDates) => set({ closedDates })} />
        </section>

        <section aria-labelledby="networks-title">
          <h2 id="networks-title">{w.networks}</h2>
          <Checkboxes
            legend={w.networksInForce(form.networks.length, CATALOGUE.length)}
            name="networks"
            class="network-list"
            options={CATALOGUE.map((n) => ({ value: n.id, label: n.name }))}
            checked={form.networks}
            onChange={(id, on) =>
              set({
                networks: toggled(
                  form.networks,
                  id,
                  on,
                  CATALOGUE.map((n) => n.id),
                ),
              })
            }
          >
            <p class="hint">
              {w.allTicked}{' '}
              <button type="button" class="small" onClick={() => set({ networks: CATALOGUE.map((n) => n.id) })}>
                {w.tickAll}
              </button>{' '}
              <button type="button" class="small" onClick={() => set({ networks: [] })}>
                {w.untickAll}
              </button>
            </p>
          </Checkboxes>
          <div class="field">
            <label for="extra-sites">{w.extraSites}</label>
            <textarea
              id="extra-sites"
              rows={4}
              spellcheck={false}
              placeholder="forum.example.org"
              value={form.extraSites}
              aria-describedby="extra-sites-hint"
              onInput={(e) => set({ extraSites: e.currentTarget.value })}
            />
            <span id="extra-sites-hint" class="hint">
              {w.extraSitesHint(LIMITS.extraSites)}
            </span>
          </div>
        </section>

        <section aria-labelledby="actions-title">
          <h2 id="actions-title">{w.whatHappens}</h2>
          <table class="rows actions">
            <thead>
              <tr>
                <th scope="col">{w.role}</th>
                <th scope="col">{w.inSchool}</th>
                <th scope="col">{w.otherTimes}</th>
              </tr>
            </thead>
            <tbody>
              {ROLES.map((role) => (
                <tr key={role}>
                  <th scope="row">{roleNames[role]}</th>
                  {(['schoolHours', 'otherTimes'] as const).map((slot) => (
                    <td key={slot} data-label={slot === 'schoolHours' ? w.inSchool : w.otherTimes}>
                      <Select
                        id={`action-${role}-${slot}`}
                        label={w.slotLabel(roleNames[role], slot === 'schoolHours')}
                        hiddenLabel
                        value={form.actions[role][slot]}
                        options={ACTION_OPTIONS}
                        onChange={(a: Action) => set({ actions: { ...form.actions, [role]: { ...form.actions[role], [slot]: a } } })}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <TextField
            id="warn-minutes"
            label={w.warnMinutes}
            type="number"
            size={6}
            value={form.warnMinutes}
            placeholder="15"
            hint={w.range(LIMITS.warnMinutesMax, 15)}
            onInput={(v) => set({ warnMinutes: v })}
          />
        </section>

        <section aria-labelledby="uses-title">
          <h2 id="uses-title">{w.approved}</h2>
          <p class="hint">{w.approvedHint(LIMITS.approvedUses)}</p>
          <ApprovedUsesEditor words={w} roleNames={roleNames} rows={form.approvedUses} onChange={(approvedUses) => set({ approvedUses })} />
        </section>

        <section aria-labelledby="exceptions-title">
          <h2 id="exceptions-title">{w.exceptions}</h2>
          <Checkboxes
            legend={w.whoMayAsk}
            name="exception-roles"
            options={(['staff', 'governor'] as const).map((r) => ({ value: r, label: roleNames[r] }))}
            checked={form.exceptions.roles}
            onChange={(r, on) => set({ exceptions: { ...form.exceptions, roles: toggled(form.exceptions.roles, r, on, ROLES) } })}
          />
          <div class="grid2">
            <TextField
              id="max-minutes"
              label={w.maxMinutes}
              type="number"
              size={6}
              value={form.exceptions.maxMinutes}
              placeholder="60"
              hint={w.range(LIMITS.exceptionMinutesMax, 60)}
              onInput={(v) => set({ exceptions: { ...form.exceptions, maxMinutes: v } })}
            />
            <Select
              id="approval"
              label={w.approval}
              value={form.exceptions.approval}
              options={APPROVAL_OPTIONS}
              onChange={(a: Approval) => set({ exceptions: { ...form.exceptions, approval: a } })}
            />
          </div>
          <ApproversEditor words={w} rows={form.exceptions.approvers} onChange={(approvers) => set({ exceptions: { ...form.exceptions, approvers } })} />
        </section>

        <section aria-labelledby="log-title">
          <h2 id="log-title">{w.log}</h2>
          <div class="grid2">
            <TextField
              id="retention-days"
              label={w.retention}
              type="number"
              size={6}
              value={form.log.retentionDays}
              placeholder="365"
              hint={w.range(LIMITS.retentionDaysMax, 365)}
              onInput={(v) => set({ log: { ...form.log, retentionDays: v } })}
            />
            <TextField
              id="flag-threshold"
              label={w.flag}
              type="number"
              size={6}
              value={form.log.flagThreshold}
              placeholder="5"
              hint={w.flagHint}
              onInput={(v) => set({ log: { ...form.log, flagThreshold: v } })}
            />
          </div>
          <label class="check-label">
            <input type="checkbox" checked={form.log.recordFullUrl} onChange={(e) => set({ log: { ...form.log, recordFullUrl: e.currentTarget.checked } })} />{' '}
            {w.fullUrl}
          </label>
        </section>

        <section aria-labelledby="hub-title">
          <h2 id="hub-title">{w.hub}</h2>
          <p class="hint">{w.hubHint}</p>
          <div class="grid2">
            <TextField
              id="hub-url"
              label={w.hubUrl}
              type="url"
              value={form.hub.url}
              placeholder="https://hub.ashgrove.example"
              hint={w.hubUrlHint}
              onInput={(v) => set({ hub: { ...form.hub, url: v } })}
            />
            <TextField
              id="hub-key"
              label={w.hubKey}
              value={form.hub.key}
              placeholder={w.hubKeyPlaceholder}
              onInput={(v) => set({ hub: { ...form.hub, key: v } })}
            />
          </div>
        </section>

        <section aria-labelledby="hash-title">
          <h2 id="hash-title">{w.hashes}</h2>
          <p class="hint">{w.hashesHint}</p>
          <button type="button" class="primary" disabled={hashing} onClick={() => void hashNow()}>
            {hashing ? w.makingHashes : w.makeHashes}
          </button>
          <div role="status" data-testid="hash-report">
            {hashReport && hashReport.errors.length === 0 && <p class="ok">{w.made(hashReport.made)}</p>}
          </div>
          {hashReport && hashReport.errors.length > 0 && (
            <div role="alert" data-testid="hash-errors">
              <ul class="error">
                {hashReport.errors.map((e, i) => (
                  <li key={i}>
                    {sayCode(w.hashErrors, e)}
                    {'reason' in e && (
                      <>
                        {' '}
                        <English page={page}>{e.reason}</English>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </form>

      <ProblemList check={check} notes={notes} words={a} page={page} />

      <section aria-labelledby="outputs-title">
        <h2 id="outputs-title">{w.files}</h2>
        <div class="grid2">
          <TextField id="firefox-install-url" label={w.xpi} type="url" value={form.firefoxInstallUrl} onInput={(v) => set({ firefoxInstallUrl: v })} />
          <TextField
            id="chrome-update-url"
            label={w.updateUrl}
            type="url"
            value={form.chromeUpdateUrl}
            hint={w.updateUrlHint}
            onInput={(v) => set({ chromeUpdateUrl: v })}
          />
        </div>
        <label class="check-label wrap">
          <input type="checkbox" checked={form.recommended} onChange={(e) => set({ recommended: e.currentTarget.checked })} /> {w.recommended}
        </label>
        <p class="hint">{w.recommendedHint}</p>
        {outputs.map((o) => (
          <OutputBox key={o.id} output={o} copyText={copyText} download={download} words={w} />
        ))}
      </section>
    </main>
  );
}
