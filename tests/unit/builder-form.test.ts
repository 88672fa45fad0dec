import { describe, expect, it } from 'vitest';
import {
  builderOutputs,
  checkForm,
  defaultForm,
  formNotes,
  formToPolicy,
  makeHashes,
  toggled,
  withoutRow,
  withRow,
  withRowChanged,
  type BuilderForm,
} from '../../utils/core/builder-form';
import { CATALOGUE } from '../../utils/core/catalogue';
import { hashPassphrase } from '../../utils/core/passphrase';
import { parsePolicy, POLICY_KEYS } from '../../utils/core/policy';
import { CHROME_EXTENSION_ID, GECKO_ID } from '../../utils/extension-identity';
import { sayCode } from '../../utils/core/builder-codes';
import { enAdmin } from '../../utils/core/i18n/admin-en';

/** What the English page says for the core's codes. */
const english = enAdmin.builder;

/** Has the form the policy parser accepts (it never checks the hash against anything). */
const HASH = `pbkdf2-sha256$600000$${'A'.repeat(22)}==$${'B'.repeat(43)}=`;
const IDS = { extensionId: CHROME_EXTENSION_ID, geckoId: GECKO_ID };
/** A fast stand-in for hashPassphrase that still refuses what it refuses. */
const fakeHash = async (s: string) => {
  if ([...s].length < 8) throw new Error('The passphrase must be at least 8 characters long.');
  return HASH;
};

/** A form as a sensible admin would fill it in: every field used. */
function sensibleForm(): BuilderForm {
  const f = defaultForm();
  return {
    ...f,
    deviceRole: 'staff',
    schoolName: ' Ash Grove Academy ',
    policyUrl: 'https://ashgrove.example/policies/social-media',
    dslName: 'Gemma Williams',
    dslContact: 'safeguarding@ashgrove.example',
    passphraseHash: HASH,
    deviceLabel: 'ICT suite PC 12',
    timezone: 'Europe/Dublin',
    days: ['mon', 'tue', 'wed', 'thu'],
    start: '08:45',
    end: '15:15',
    closedDates: [
      { from: '2026-12-21', to: '2027-01-01', label: 'Christmas holidays' },
      { from: '2027-01-04', to: '2027-01-04', label: '' },
    ],
    networks: CATALOGUE.map((n) => n.id).filter((id) => id !== 'linkedin'),
    extraSites: 'forum.example.org\n\n  social.test  \n',
    actions: { ...f.actions, staff: { schoolHours: 'block', otherTimes: 'warn' } },
    warnMinutes: '20',
    approvedUses: [{ url: 'https://x.com/AshGroveAcademy', roles: ['staff'], purpose: 'School X account', schoolHoursOnly: true }],
    exceptions: {
      roles: ['staff'],
      maxMinutes: '30',
      approval: 'approver-pin',
      approvers: [{ name: 'Mrs Shah (Head teacher)', pin: '', pinHash: HASH }],
    },
    log: { retentionDays: '180', recordFullUrl: true, flagThreshold: '3' },
    hub: { url: ' https://hub.ashgrove.example ', key: 'hk_ashgrove_1' },
  };
}

describe('formToPolicy', () => {
  it('a sensible form makes a policy with no problems, for every role', () => {
    for (const role of ['pupil', 'staff', 'governor'] as const) {
      const parsed = parsePolicy(formToPolicy(sensibleForm(), role));
      expect(parsed.problems).toEqual([]);
      expect(parsed.present).toBe(true);
      expect(parsed.policy.role).toBe(role);
    }
    expect(checkForm(sensibleForm())).toEqual({ problems: [], droppedByChrome: [] });
  });

  it('maps every field to its documented key', () => {
    const policy = formToPolicy(sensibleForm(), 'staff');
    expect(policy).toEqual({
      role: 'staff',
      timezone: 'Europe/Dublin',
      schoolHours: [{ days: ['mon', 'tue', 'wed', 'thu'], start: '08:45', end: '15:15' }],
      closedDates: [
        { from: '2026-12-21', to: '2027-01-01', label: 'Christmas holidays' },
        { from: '2027-01-04', to: '2027-01-04' },
      ],
      networks: CATALOGUE.map((n) => n.id).filter((id) => id !== 'linkedin'),
      extraSites: ['forum.example.org', 'social.test'],
      actions: {
        pupil: { schoolHours: 'block', otherTimes: 'block' },
        staff: { schoolHours: 'block', otherTimes: 'warn' },
        governor: { schoolHours: 'block', otherTimes: 'allow' },
      },
      warnMinutes: 20,
      school: { name: 'Ash Grove Academy', policyUrl: 'https://ashgrove.example/policies/social-media' },
      dsl: { name: 'Gemma Williams', contact: 'safeguarding@ashgrove.example', passphraseHash: HASH },
      device: { label: 'ICT suite PC 12' },
      log: { recordFullUrl: true, retentionDays: 180, flagThreshold: 3 },
      approvedUses: [{ url: 'https://x.com/AshGroveAcademy', roles: ['staff'], purpose: 'School X account', schoolHoursOnly: true }],
      exceptions: { roles: ['staff'], maxMinutes: 30, approval: 'approver-pin', approvers: [{ name: 'Mrs Shah (Head teacher)', pinHash: HASH }] },
      hub: { url: 'https://hub.ashgrove.example', key: 'hk_ashgrove_1' },
    });
    // Only documented keys, in the README's order.
    const keys = Object.keys(policy);
    expect(keys.every((k) => (POLICY_KEYS as readonly string[]).includes(k))).toBe(true);
    expect(keys).toEqual(POLICY_KEYS.filter((k) => keys.includes(k)));
  });

  it('what the extension reads is what the admin filled in', () => {
    const { policy } = parsePolicy(formToPolicy(sensibleForm(), 'pupil'));
    expect(policy.timezone).toBe('Europe/Dublin');
    expect(policy.school.name).toBe('Ash Grove Academy');
    expect(policy.closedDates).toHaveLength(2);
    expect(policy.networks).not.toContain('linkedin');
    expect(policy.extraSites).toEqual(['forum.example.org', 'social.test']);
    expect(policy.actions.staff.otherTimes).toBe('warn');
    expect(policy.warnMinutes).toBe(20);
    expect(policy.dsl.passphraseHash).toBe(HASH);
    expect(policy.log).toEqual({ recordFullUrl: true, retentionDays: 180, flagThreshold: 3 });
    expect(policy.approvedUses[0]).toMatchObject({ purpose: 'School X account', roles: ['staff'], schoolHoursOnly: true });
    expect(policy.exceptions).toEqual({
      roles: ['staff'],
      maxMinutes: 30,
      approval: 'approver-pin',
      approvers: [{ name: 'Mrs Shah (Head teacher)', pinHash: HASH }],
    });
  });

  it('leaves out empty optional fields, blank rows, and the network list when every network is ticked', () => {
    const f: BuilderForm = {
      ...defaultForm(),
      schoolName: '  ',
      closedDates: [{ from: '', to: '', label: ' ' }],
      approvedUses: [{ url: '', roles: ['staff'], purpose: '', schoolHoursOnly: false }],
      exceptions: { ...defaultForm().exceptions, approvers: [{ name: '', pin: '', pinHash: '' }] },
    };
    const policy = formToPolicy(f, 'pupil');
    expect(policy).toEqual({
      role: 'pupil',
      timezone: 'Europe/London',
      schoolHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '15:30' }],
      actions: {
        pupil: { schoolHours: 'block', otherTimes: 'block' },
        staff: { schoolHours: 'block', otherTimes: 'allow' },
        governor: { schoolHours: 'block', otherTimes: 'allow' },
      },
      log: { recordFullUrl: false },
      exceptions: { roles: ['staff', 'governor'], approval: 'self' },
    });
    expect(Object.values(policy)).not.toContain(undefined);
    // The default form is the seed policy, made explicit.
    const parsed = parsePolicy(policy);
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy).toEqual({ ...parsePolicy({}).policy, role: 'pupil' });
  });

  it('keeps a partly filled group and leaves out only its blank fields', () => {
    const policy = formToPolicy({ ...defaultForm(), dslName: 'Gemma Williams', log: { retentionDays: '', recordFullUrl: false, flagThreshold: '7' } }, 'pupil');
    expect(policy.dsl).toEqual({ name: 'Gemma Williams' });
    expect(policy).not.toHaveProperty('school');
    expect(policy).not.toHaveProperty('device');
    expect(policy.log).toEqual({ recordFullUrl: false, flagThreshold: 7 });
  });

  it('writes the network list once a network is unticked, and an empty one when none is ticked', () => {
    expect(formToPolicy({ ...defaultForm(), networks: ['x', 'facebook'] }, 'pupil').networks).toEqual(['facebook', 'x']);
    expect(formToPolicy({ ...defaultForm(), networks: [] }, 'pupil').networks).toEqual([]);
  });

  it("writes mistakes as given, so the extension's own check reports them", () => {
    const f: BuilderForm = {
      ...defaultForm(),
      timezone: 'Mars/Olympus_Mons',
      days: [],
      end: '25:00',
      closedDates: [{ from: '2027-01-05', to: '2027-01-04', label: 'backwards' }],
      warnMinutes: '1.5',
      policyUrl: 'not a url',
      approvedUses: [{ url: 'https://x.com/', roles: [], purpose: '', schoolHoursOnly: false }],
      exceptions: { roles: ['staff'], maxMinutes: 'lots', approval: 'approver-pin', approvers: [{ name: 'Mrs Shah', pin: '12345678', pinHash: '' }] },
    };
    const keys = checkForm(f).problems.map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'timezone',
        'schoolHours[0]',
        'closedDates[0]',
        'warnMinutes',
        'school.policyUrl',
        'approvedUses[0]',
        'exceptions.maxMinutes',
        'exceptions.approvers[0]',
        'exceptions.approval',
      ]),
    );
    expect(checkForm(f).droppedByChrome.map((p) => p.key)).toEqual(['warnMinutes', 'exceptions.maxMinutes']);
  });
});

describe('secrets', () => {
  it('never puts the plain passphrase or a plain PIN in the policy', () => {
    const f: BuilderForm = {
      ...sensibleForm(),
      passphrase: 'correct horse battery',
      passphraseRepeat: 'correct horse battery',
      exceptions: { ...sensibleForm().exceptions, approvers: [{ name: 'Mrs Shah', pin: '24682468', pinHash: '' }] },
    };
    const everything =
      builderOutputs(f, IDS)
        .map((o) => o.text ?? '')
        .join('\n') + JSON.stringify(formToPolicy(f, 'staff'));
    expect(everything).not.toContain('correct horse battery');
    expect(everything).not.toContain('24682468');
    expect(formNotes(f)).toEqual([{ code: 'passphraseNotHashed' }, { code: 'pinNotHashed', who: { name: 'Mrs Shah', row: 1 } }]);
    expect(formNotes(f).map((n) => sayCode(english.notes, n))).toEqual([
      'The DSL passphrase is not hashed yet: press "Make hashes".',
      'The PIN for Mrs Shah is not hashed yet: press "Make hashes".',
    ]);
  });

  it('makeHashes hashes the passphrase and every PIN, then clears them all', async () => {
    const f: BuilderForm = {
      ...defaultForm(),
      passphrase: 'correct horse battery',
      passphraseRepeat: 'correct horse battery',
      exceptions: {
        ...defaultForm().exceptions,
        approval: 'approver-pin',
        approvers: [
          { name: 'Mrs Shah', pin: '24682468', pinHash: '' },
          { name: 'Mr Jones', pin: '', pinHash: 'kept' },
        ],
      },
    };
    const seen: string[] = [];
    const r = await makeHashes(f, async (s) => {
      seen.push(s);
      return `hash-of-${seen.length}`;
    });
    expect(seen).toEqual(['correct horse battery', '24682468']);
    expect(r.errors).toEqual([]);
    expect(r.made).toBe(2);
    expect(r.form.passphrase).toBe('');
    expect(r.form.passphraseRepeat).toBe('');
    expect(r.form.passphraseHash).toBe('hash-of-1');
    expect(r.form.exceptions.approvers).toEqual([
      { name: 'Mrs Shah', pin: '', pinHash: 'hash-of-2' },
      { name: 'Mr Jones', pin: '', pinHash: 'kept' },
    ]);
    expect(formNotes(r.form)).toEqual([]);
    // The original form is not changed.
    expect(f.passphrase).toBe('correct horse battery');
  });

  it('makeHashes reports mismatched and short secrets, keeps old hashes, and still clears the plain values', async () => {
    const f: BuilderForm = {
      ...defaultForm(),
      passphrase: 'correct horse battery',
      passphraseRepeat: 'correct horse batter',
      passphraseHash: 'old',
      exceptions: { ...defaultForm().exceptions, approvers: [{ name: '', pin: '1234', pinHash: '' }] },
    };
    const r = await makeHashes(f, fakeHash);
    expect(r.made).toBe(0);
    expect(r.errors).toEqual([{ code: 'passphraseMismatch' }, { code: 'pinTooShort', who: { name: '', row: 1 }, min: 8 }]);
    expect(r.errors.map((e) => sayCode(english.hashErrors, e))).toEqual([
      'DSL passphrase: the two passphrases are not the same. Type them again.',
      'PIN for approver 1: it must be at least 8 characters long. Type a longer one.',
    ]);
    expect(r.form.passphraseHash).toBe('old');
    expect(r.form.passphrase + r.form.passphraseRepeat + r.form.exceptions.approvers[0]!.pin).toBe('');
  });

  it('makes real hashes the policy accepts', async () => {
    const r = await makeHashes({ ...sensibleForm(), passphraseHash: '', passphrase: 'correct horse battery', passphraseRepeat: 'correct horse battery' }, (s) =>
      hashPassphrase(s),
    );
    expect(r.form.passphraseHash).toMatch(/^pbkdf2-sha256\$600000\$/);
    const parsed = parsePolicy(formToPolicy(r.form, 'pupil'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy.dsl.passphraseHash).toBe(r.form.passphraseHash);
  });
});

describe('builderOutputs', () => {
  it("makes the five files, each carrying the form's policy for its role", () => {
    const f = sensibleForm();
    const outputs = builderOutputs(f, IDS);
    expect(outputs.map((o) => [english.outputTitles[o.id], o.fileName])).toEqual([
      ['Google Admin JSON (pupils)', 'hall-pass-google-admin-pupils.json'],
      ['Google Admin JSON (staff)', 'hall-pass-google-admin-staff.json'],
      ['Windows .reg (Chrome and Edge)', 'hall-pass.reg'],
      ['Firefox policies.json', 'policies.json'],
      ['Linux Chrome JSON', 'hall-pass.json'],
    ]);
    expect(outputs.every((o) => o.error === null && o.text)).toBe(true);
    const byId = Object.fromEntries(outputs.map((o) => [o.id, o.text!]));

    const unwrap = (text: string) => Object.fromEntries(Object.entries(JSON.parse(text) as Record<string, { Value: unknown }>).map(([k, v]) => [k, v.Value]));
    expect(unwrap(byId['google-pupils']!)).toEqual(formToPolicy(f, 'pupil'));
    expect(unwrap(byId['google-staff']!)).toEqual(formToPolicy(f, 'staff'));

    const linux = JSON.parse(byId.linux!) as Record<string, unknown> & { '3rdparty': { extensions: Record<string, unknown> } };
    expect(linux['3rdparty'].extensions[CHROME_EXTENSION_ID]).toEqual(formToPolicy(f, 'staff'));
    expect(linux.NetworkPredictionOptions).toBe(2);

    const firefox = JSON.parse(byId.firefox!) as {
      policies: { '3rdparty': { Extensions: Record<string, unknown> }; ExtensionSettings: Record<string, { install_url: string }> };
    };
    expect(firefox.policies['3rdparty'].Extensions[GECKO_ID]).toEqual(formToPolicy(f, 'staff'));
    expect(firefox.policies.ExtensionSettings[GECKO_ID]?.install_url).toBe('https://your-server.example/hall-pass.xpi');

    expect(byId.windows).toContain('Google\\Chrome\\3rdparty\\extensions');
    expect(byId.windows).toContain('Microsoft\\Edge\\3rdparty\\extensions');
    expect(byId.windows).toContain('"role"="staff"');
    expect(byId.windows).toContain('"NetworkPredictionOptions"=dword:00000002');
  });

  it('adds the recommended browser policies and force-install only while "recommended" is ticked', () => {
    const on = builderOutputs(sensibleForm(), IDS);
    const off = builderOutputs({ ...sensibleForm(), recommended: false }, IDS);
    const text = (outputs: typeof on, id: string) => outputs.find((o) => o.id === id)!.text!;
    expect(JSON.parse(text(on, 'linux'))).toHaveProperty('ExtensionInstallForcelist');
    expect(JSON.parse(text(off, 'linux'))).toEqual({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: formToPolicy(sensibleForm(), 'staff') } } });
    expect(text(on, 'windows')).toContain('ExtensionInstallForcelist');
    expect(text(off, 'windows')).not.toContain('ExtensionInstallForcelist');
    expect(JSON.parse(text(on, 'firefox')).policies.DisablePrivateBrowsing).toBe(true);
    expect(JSON.parse(text(off, 'firefox')).policies).not.toHaveProperty('DisablePrivateBrowsing');
    // The Google Admin console force-installs through its own settings: its text never changes.
    expect(text(off, 'google-staff')).toBe(text(on, 'google-staff'));
  });

  it('says why a file cannot be made instead of making a broken one', () => {
    const outputs = builderOutputs({ ...defaultForm(), firefoxInstallUrl: 'hall-pass.xpi', chromeUpdateUrl: 'ftp://x.example/u' }, IDS);
    const byId = Object.fromEntries(outputs.map((o) => [o.id, o]));
    expect(byId.firefox?.text).toBeNull();
    expect(byId.firefox?.error).toEqual({ code: 'notXpiUrl', url: 'hall-pass.xpi' });
    expect(byId.linux?.error).toEqual({ code: 'notUpdateUrl', url: 'ftp://x.example/u' });
    expect(byId.windows?.error).toEqual({ code: 'notUpdateUrl', url: 'ftp://x.example/u' });
    expect(sayCode(english.fileErrors, byId.windows!.error!)).toBe('"ftp://x.example/u" is not an http(s) update URL.');
    expect(byId['google-pupils']?.error).toBeNull();
    expect(byId.linux?.text).toBeNull();
  });
});

describe('list helpers', () => {
  it('toggle in a fixed order, and add, change and remove rows without changing the original', () => {
    expect(toggled(['fri', 'mon'], 'wed', true, ['mon', 'tue', 'wed', 'thu', 'fri'])).toEqual(['mon', 'wed', 'fri']);
    expect(toggled(['mon', 'wed'], 'mon', false, ['mon', 'tue', 'wed'])).toEqual(['wed']);
    const rows = [{ a: 1 }, { a: 2 }];
    expect(withRow(rows, { a: 3 })).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(withRowChanged(rows, 1, { a: 9 })).toEqual([{ a: 1 }, { a: 9 }]);
    expect(withoutRow(rows, 0)).toEqual([{ a: 2 }]);
    expect(rows).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
