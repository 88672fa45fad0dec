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
import { ROLE_NAMES } from '../../utils/core/page-text';
import { ACTIONS, APPROVALS, ROLES, WEEKDAYS, type Action, type Approval, type Role } from '../../utils/core/types';
import { Checkboxes, Select, TextField } from './fields';
import { OutputBox } from './OutputBox';
import { ProblemList } from './ProblemList';
import { ApprovedUsesEditor, ApproversEditor, ClosedDatesEditor } from './RowEditors';

interface Props {
  ids: BuilderIds;
  makeHash: (secret: string) => Promise<string>;
  copyText: (text: string) => Promise<void>;
  download: (fileName: string, mimeType: string, text: string) => void;
}

const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
const ACTION_OPTIONS = ACTIONS.map((a) => ({ value: a, label: { block: 'Block', warn: 'Warn first', allow: 'Allow' }[a] }));
const APPROVAL_OPTIONS = APPROVALS.map((a) => ({
  value: a,
  label: { self: 'Self: granted at once and logged', 'approver-pin': 'Approver PIN on the device', off: 'Off: nobody can ask' }[a],
}));
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }));
const OTHER_TZ = '(other)';

/** The policy builder: a form for the admin, the extension's check of it, and the files to deploy. */
export function BuilderPage({ ids, makeHash, copyText, download }: Props) {
  const [form, setForm] = useState<BuilderForm>(defaultForm);
  const [typedTz, setTypedTz] = useState(false);
  const [hashing, setHashing] = useState(false);
  const [hashReport, setHashReport] = useState<{ errors: string[]; made: number } | null>(null);
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
      <h1>Hall Pass policy builder</h1>
      <p class="note">
        For the IT admin. Fill in the form and copy or download the files at the bottom. Everything happens in this page: nothing is sent
        anywhere, and the passphrase and PINs are hashed here and never written out in clear.
      </p>
      <p class="note">
        Blank fields are left out of the policy and their defaults apply. <a href="options.html">Back to the status page</a>
      </p>

      <form onSubmit={(e) => e.preventDefault()} autoComplete="off">
        <section aria-labelledby="who-title">
          <h2 id="who-title">Role</h2>
          <p class="hint">
            The Google Admin console sets the policy per organisational unit, so this page makes one for the pupils' OU (role pupil) and one
            for the staff OU (role staff). The Windows, Firefox and Linux files are per device: choose the role for those.
          </p>
          <Select id="device-role" label="Role in the Windows, Firefox and Linux files" value={form.deviceRole} options={ROLE_OPTIONS} onChange={(r: Role) => set({ deviceRole: r })} />
        </section>

        <section aria-labelledby="school-title">
          <h2 id="school-title">School</h2>
          <div class="grid2">
            <TextField id="school-name" label="School name" value={form.schoolName} placeholder="Ash Grove Academy" onInput={(v) => set({ schoolName: v })} />
            <TextField
              id="policy-url"
              label="Social media policy address"
              type="url"
              value={form.policyUrl}
              placeholder="https://ashgrove.example/policies/social-media"
              onInput={(v) => set({ policyUrl: v })}
            />
            <TextField
              id="device-label"
              label="Device label (optional)"
              value={form.deviceLabel}
              placeholder="ICT suite PC 12"
              hint="Recorded with each log entry."
              onInput={(v) => set({ deviceLabel: v })}
            />
          </div>
        </section>

        <section aria-labelledby="dsl-title">
          <h2 id="dsl-title">Designated Safeguarding Lead</h2>
          <div class="grid2">
            <TextField id="dsl-name" label="DSL name" value={form.dslName} placeholder="Gemma Williams" onInput={(v) => set({ dslName: v })} />
            <TextField
              id="dsl-contact"
              label="DSL contact"
              value={form.dslContact}
              placeholder="safeguarding@ashgrove.example"
              onInput={(v) => set({ dslContact: v })}
            />
            <TextField
              id="dsl-passphrase"
              label="DSL passphrase (at least 8 characters)"
              type="password"
              autoComplete="new-password"
              value={form.passphrase}
              hint='Opens the safeguarding log. Press "Make hashes" below: only the hash goes in the policy.'
              onInput={(v) => set({ passphrase: v })}
            />
            <TextField
              id="dsl-passphrase-repeat"
              label="Repeat the passphrase"
              type="password"
              autoComplete="new-password"
              value={form.passphraseRepeat}
              onInput={(v) => set({ passphraseRepeat: v })}
            />
          </div>
          <TextField
            id="dsl-hash"
            label="Passphrase hash"
            value={form.passphraseHash}
            placeholder="made by Make hashes, or paste one from npm run hash-passphrase"
            hint="Without a hash the safeguarding log stays locked."
            onInput={(v) => set({ passphraseHash: v })}
          />
        </section>

        <section aria-labelledby="time-title">
          <h2 id="time-title">School time</h2>
          <div class="grid2">
            <div class="field">
              <label for="timezone">Timezone</label>
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
                <option value={OTHER_TZ}>Other (type it)</option>
              </select>
            </div>
            {!tzInList && (
              <TextField
                id="timezone-other"
                label="Other timezone (IANA name)"
                value={form.timezone}
                placeholder="Europe/Vienna"
                onInput={(v) => set({ timezone: v })}
              />
            )}
          </div>
          <Checkboxes
            legend="School days"
            name="days"
            class="days"
            options={WEEKDAYS.map((d) => ({ value: d, label: DAY_NAMES[d] }))}
            checked={form.days}
            onChange={(d, on) => set({ days: toggled(form.days, d, on, WEEKDAYS) })}
          />
          <div class="grid2 narrow">
            <TextField id="start" label="School day starts" value={form.start} placeholder="08:30" size={6} hint="HH:MM" onInput={(v) => set({ start: v })} />
            <TextField
              id="end"
              label="School day ends"
              value={form.end}
              placeholder="15:30"
              size={6}
              hint="HH:MM (24:00 for midnight)"
              onInput={(v) => set({ end: v })}
            />
          </div>
          <ClosedDatesEditor rows={form.closedDates} onChange={(closedDates) => set({ closedDates })} />
        </section>

        <section aria-labelledby="networks-title">
          <h2 id="networks-title">Networks</h2>
          <Checkboxes
            legend={`Networks in force (${form.networks.length} of ${CATALOGUE.length})`}
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
              All ticked means every network in the catalogue, including ones added in later versions.{' '}
              <button type="button" class="small" onClick={() => set({ networks: CATALOGUE.map((n) => n.id) })}>
                Tick all
              </button>{' '}
              <button type="button" class="small" onClick={() => set({ networks: [] })}>
                Untick all
              </button>
            </p>
          </Checkboxes>
          <div class="field">
            <label for="extra-sites">More sites the school treats as social networks (one a line)</label>
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
              Subdomains are included. Up to {LIMITS.extraSites.toLocaleString('en-GB')}.
            </span>
          </div>
        </section>

        <section aria-labelledby="actions-title">
          <h2 id="actions-title">What happens</h2>
          <table class="rows actions">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">In school hours</th>
                <th scope="col">At other times</th>
              </tr>
            </thead>
            <tbody>
              {ROLES.map((role) => (
                <tr key={role}>
                  <th scope="row">{ROLE_NAMES[role]}</th>
                  {(['schoolHours', 'otherTimes'] as const).map((slot) => (
                    <td key={slot}>
                      <Select
                        id={`action-${role}-${slot}`}
                        label={`${ROLE_NAMES[role]}, ${slot === 'schoolHours' ? 'in school hours' : 'at other times'}`}
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
            label="Minutes a warning's Continue lasts"
            type="number"
            size={6}
            value={form.warnMinutes}
            placeholder="15"
            hint={`1 to ${LIMITS.warnMinutesMax}; blank means 15.`}
            onInput={(v) => set({ warnMinutes: v })}
          />
        </section>

        <section aria-labelledby="uses-title">
          <h2 id="uses-title">Approved uses</h2>
          <p class="hint">
            Standing exceptions for direct school use, such as the school's own X page: that page and everything under it, never the whole
            network. Up to {LIMITS.approvedUses}.
          </p>
          <ApprovedUsesEditor rows={form.approvedUses} onChange={(approvedUses) => set({ approvedUses })} />
        </section>

        <section aria-labelledby="exceptions-title">
          <h2 id="exceptions-title">Temporary exceptions</h2>
          <Checkboxes
            legend="Who may ask on the block page (pupils never can)"
            name="exception-roles"
            options={(['staff', 'governor'] as const).map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
            checked={form.exceptions.roles}
            onChange={(r, on) => set({ exceptions: { ...form.exceptions, roles: toggled(form.exceptions.roles, r, on, ROLES) } })}
          />
          <div class="grid2">
            <TextField
              id="max-minutes"
              label="Longest exception, in minutes"
              type="number"
              size={6}
              value={form.exceptions.maxMinutes}
              placeholder="60"
              hint={`1 to ${LIMITS.exceptionMinutesMax}; blank means 60.`}
              onInput={(v) => set({ exceptions: { ...form.exceptions, maxMinutes: v } })}
            />
            <Select
              id="approval"
              label="Approval"
              value={form.exceptions.approval}
              options={APPROVAL_OPTIONS}
              onChange={(a: Approval) => set({ exceptions: { ...form.exceptions, approval: a } })}
            />
          </div>
          <ApproversEditor rows={form.exceptions.approvers} onChange={(approvers) => set({ exceptions: { ...form.exceptions, approvers } })} />
        </section>

        <section aria-labelledby="log-title">
          <h2 id="log-title">Access log</h2>
          <div class="grid2">
            <TextField
              id="retention-days"
              label="Keep entries for (days)"
              type="number"
              size={6}
              value={form.log.retentionDays}
              placeholder="365"
              hint={`1 to ${LIMITS.retentionDaysMax}; blank means 365.`}
              onInput={(v) => set({ log: { ...form.log, retentionDays: v } })}
            />
            <TextField
              id="flag-threshold"
              label="Attempts in a day that flag a user"
              type="number"
              size={6}
              value={form.log.flagThreshold}
              placeholder="5"
              hint="Blank means 5."
              onInput={(v) => set({ log: { ...form.log, flagThreshold: v } })}
            />
          </div>
          <label class="check-label">
            <input type="checkbox" checked={form.log.recordFullUrl} onChange={(e) => set({ log: { ...form.log, recordFullUrl: e.currentTarget.checked } })} />{' '}
            Record full addresses (with the query string: a child's search terms)
          </label>
        </section>

        <section aria-labelledby="hub-title">
          <h2 id="hub-title">School hub (optional)</h2>
          <p class="hint">
            Every log entry is also sent to the school's hub. Leave both blank to keep the log on the device only. The key can be read by anyone at
            the machine (on the browser's policy page): it only lets a device add its own entries.
          </p>
          <div class="grid2">
            <TextField
              id="hub-url"
              label="Hub address"
              type="url"
              value={form.hub.url}
              placeholder="https://hub.ashgrove.example"
              hint="https:// (plain http only for localhost)."
              onInput={(v) => set({ hub: { ...form.hub, url: v } })}
            />
            <TextField
              id="hub-key"
              label="Ingest key"
              value={form.hub.key}
              placeholder="from the hub's create-school command"
              onInput={(v) => set({ hub: { ...form.hub, key: v } })}
            />
          </div>
        </section>

        <section aria-labelledby="hash-title">
          <h2 id="hash-title">Passphrase and PINs</h2>
          <p class="hint">Hashing takes a moment for each one. The passphrase and PINs are cleared from the form afterwards.</p>
          <button type="button" class="primary" disabled={hashing} onClick={() => void hashNow()}>
            {hashing ? 'Making hashes…' : 'Make hashes'}
          </button>
          <div role="status" data-testid="hash-report">
            {hashReport && hashReport.errors.length === 0 && <p class="ok">{hashReport.made === 1 ? 'Made 1 hash.' : `Made ${hashReport.made} hashes.`}</p>}
          </div>
          {hashReport && hashReport.errors.length > 0 && (
            <ul role="alert" class="error">
              {hashReport.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </section>
      </form>

      <ProblemList check={check} notes={notes} />

      <section aria-labelledby="outputs-title">
        <h2 id="outputs-title">Files to deploy</h2>
        <div class="grid2">
          <TextField
            id="firefox-install-url"
            label="Firefox: address of the signed .xpi"
            type="url"
            value={form.firefoxInstallUrl}
            onInput={(v) => set({ firefoxInstallUrl: v })}
          />
          <TextField
            id="chrome-update-url"
            label="Chrome and Edge: update URL for force-install"
            type="url"
            value={form.chromeUpdateUrl}
            hint="The Chrome Web Store's, unless the school hosts the extension itself."
            onInput={(v) => set({ chromeUpdateUrl: v })}
          />
        </div>
        <label class="check-label wrap">
          <input type="checkbox" checked={form.recommended} onChange={(e) => set({ recommended: e.currentTarget.checked })} /> Also set the
          recommended browser policies and force-install the extension (Windows, Firefox and Linux files)
        </label>
        <p class="hint">
          No private or incognito windows, no guest or new profiles, no network prediction; Chrome and Edge install the extension from the
          update URL above and nobody can remove it. Untick it if these are set elsewhere.
        </p>
        {outputs.map((o) => (
          <OutputBox key={o.id} output={o} copyText={copyText} download={download} />
        ))}
      </section>
    </main>
  );
}
