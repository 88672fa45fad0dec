import { describe, expect, it } from 'vitest';
import { builderOutputs, defaultForm, formNotes, makeHashes, type BuilderForm } from '../../utils/core/builder-form';
import { checkPolicy, firefoxPoliciesJson, googleAdminJson, linuxChromeJson, windowsReg, type DroppedProblem } from '../../utils/core/policy-builder';
import { OUTPUT_HINTS, OUTPUT_IDS, fileErrorOf, sayCode, sayDropped, type BuilderNote, type FileError, type HashError } from '../../utils/core/builder-codes';
import { enAdmin } from '../../utils/core/i18n/admin-en';
import { cyAdmin } from '../../utils/core/i18n/admin-cy';
import { CHROME_EXTENSION_ID, GECKO_ID } from '../../utils/extension-identity';

const IDS = { extensionId: CHROME_EXTENSION_ID, geckoId: GECKO_ID };
const en = enAdmin.builder;
const cy = cyAdmin.builder;

/** Each distinct value once, named by its JSON. */
const distinct = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x] as const)).entries()];

const withApprovers = (approvers: BuilderForm['exceptions']['approvers'], more: Partial<BuilderForm> = {}): BuilderForm => ({
  ...defaultForm(),
  ...more,
  exceptions: { ...defaultForm().exceptions, approval: 'approver-pin', approvers },
});

/** Forms between them giving every note and hash error the core has. */
const FORMS: [string, BuilderForm][] = [
  ['nothing typed', defaultForm()],
  ['a passphrase typed', { ...defaultForm(), passphrase: 'correct horse battery', passphraseRepeat: 'correct horse battery' }],
  ['passphrases that differ', { ...defaultForm(), passphrase: 'correct horse battery', passphraseRepeat: 'correct horse' }],
  ['a short passphrase', { ...defaultForm(), passphrase: 'short', passphraseRepeat: 'short' }],
  ['only the repeat typed', { ...defaultForm(), passphraseRepeat: 'correct horse battery' }],
  [
    'approvers: named with a PIN, unnamed with a PIN, named without one, short PINs',
    withApprovers([
      { name: 'Mrs Shah', pin: '24682468', pinHash: '' },
      { name: '', pin: '13571357', pinHash: '' },
      { name: 'Mr Jones', pin: '', pinHash: '' },
      { name: ' Ms Evans ', pin: '123', pinHash: '' },
      { name: '', pin: '1', pinHash: '' },
      { name: 'Mr Hughes', pin: '', pinHash: 'kept' },
    ]),
  ],
];

/** A hash function that fails as a browser without WebCrypto would. */
const brokenHash = async () => {
  throw new Error('crypto.subtle is not available');
};
const fastHash = async (s: string) => `hash-of-${s.length}`;

async function allNotesAndErrors(): Promise<{ notes: BuilderNote[]; errors: HashError[] }> {
  const notes: BuilderNote[] = [];
  const errors: HashError[] = [];
  for (const [, f] of FORMS) {
    notes.push(...formNotes(f));
    for (const hash of [fastHash, brokenHash]) errors.push(...(await makeHashes(f, hash)).errors);
  }
  return { notes, errors };
}

/** Calls that between them give every reason a file cannot be made, each with the error it throws. */
const FILE_FAILURES: [string, () => string][] = [
  ['a policy that is not an object', () => googleAdminJson([] as unknown as Record<string, unknown>)],
  ['a bad extension id', () => linuxChromeJson({}, { extensionId: 'abc', recommended: true })],
  ['a bad update URL', () => windowsReg({}, { extensionId: CHROME_EXTENSION_ID, browsers: ['chrome'], recommended: true, updateUrl: 'ftp://x.example/u' })],
  ['no browser', () => windowsReg({}, { extensionId: CHROME_EXTENSION_ID, browsers: [], recommended: true })],
  ['an unknown browser', () => windowsReg({}, { extensionId: CHROME_EXTENSION_ID, browsers: ['opera' as 'chrome'], recommended: true })],
  ['an empty gecko id', () => firefoxPoliciesJson({}, { geckoId: ' ', installUrl: 'https://x.example/a.xpi', recommended: true })],
  ['a bad .xpi address', () => firefoxPoliciesJson({}, { geckoId: GECKO_ID, installUrl: 'hall-pass.xpi', recommended: true })],
];

function thrown(make: () => string): unknown {
  try {
    make();
  } catch (e) {
    return e;
  }
  throw new Error('expected it to throw');
}

/** Policies between them giving every reason Chrome and Edge drop a value. */
const DROPPED: DroppedProblem[] = [
  { role: 'pupil', Role: 'staff' },
  { warnMinutes: '15', schoolHours: [{ days: 'mon', start: 830 }], log: { recordFullUrl: 'yes' }, school: 'Ash Grove', networks: 'facebook' },
  { warnMinutes: 1.5 },
].flatMap((raw) => checkPolicy(raw).droppedByChrome);

const noJunk = (s: string) => expect(s).not.toMatch(/undefined|\[object|NaN|^\s*$/);

describe("the builder's notes, hash errors, files and file errors, said in each language of the adults' pages", async () => {
  const { notes, errors } = await allNotesAndErrors();
  const fileErrors = FILE_FAILURES.map(([, make]) => fileErrorOf(thrown(make))!);

  it('the core gives every code the catalogue has words for, and no other', () => {
    expect(new Set(notes.map((m) => m.code))).toEqual(new Set(Object.keys(en.notes)));
    expect(new Set(errors.map((m) => m.code))).toEqual(new Set(Object.keys(en.hashErrors)));
    expect(new Set(fileErrors.map((m) => m.code))).toEqual(new Set(Object.keys(en.fileErrors)));
    expect(new Set(DROPPED.map((p) => p.dropped.code))).toEqual(new Set(Object.keys(en.droppedWhy)));
    const outputs = [true, false].flatMap((recommended) => builderOutputs({ ...defaultForm(), recommended }, IDS));
    expect(new Set(outputs.map((o) => o.id))).toEqual(new Set(Object.keys(en.outputTitles)));
    expect(new Set(outputs.map((o) => o.hint))).toEqual(new Set(Object.keys(en.outputHints)));
    expect([...OUTPUT_IDS].sort()).toEqual(Object.keys(en.outputTitles).sort());
    expect([...OUTPUT_HINTS].sort()).toEqual(Object.keys(en.outputHints).sort());
  });

  it.each(distinct(notes))('note %s: Welsh words, not the English', (_, m) => {
    const [e, w] = [sayCode(en.notes, m), sayCode(cy.notes, m)];
    noJunk(e);
    noJunk(w);
    expect(w).not.toBe(e);
    if (m.code !== 'passphraseNotHashed') {
      // The approver's name as typed (trimmed), or their row number.
      const who = m.who.name || String(m.who.row);
      expect(e).toContain(who);
      expect(w).toContain(who);
    }
  });

  it.each(distinct(errors))('hash error %s: Welsh words, not the English; a reason from the hash function stays out of both', (_, m) => {
    const [e, w] = [sayCode(en.hashErrors, m), sayCode(cy.hashErrors, m)];
    noJunk(e);
    noJunk(w);
    expect(w).not.toBe(e);
    // The page shows the hash function's own reason after the sentence, marked as English.
    if ('reason' in m) {
      expect(m.reason).toBe('crypto.subtle is not available');
      expect(e + w).not.toContain(m.reason);
    }
    if ('min' in m) expect(w).toContain('8');
  });

  it.each(FILE_FAILURES)('a file cannot be made with %s: the error is a code, its message the English words, and Welsh words for it', (_, make) => {
    const e = thrown(make);
    const code = fileErrorOf(e) as FileError;
    expect(code).not.toBeNull();
    expect(e).toBeInstanceOf(code.code === 'notObject' ? TypeError : RangeError);
    expect((e as Error).message).toBe(sayCode(en.fileErrors, code));
    const w = sayCode(cy.fileErrors, code);
    noJunk(w);
    expect(w).not.toBe((e as Error).message);
    // The address or id the admin typed is shown as typed.
    for (const v of Object.values(code).slice(1)) expect(w).toContain(v);
  });

  it.each(DROPPED.map((p) => [`${p.key}: ${JSON.stringify(p.dropped)}`, p] as const))(
    'dropped by Chrome %s: English from the catalogue, Welsh words',
    (_, p) => {
      expect(sayDropped(en.droppedWhy, p.dropped)).toEqual({ problem: p.problem, used: p.used });
      const w = sayDropped(cy.droppedWhy, p.dropped);
      expect(w.problem).not.toBe(p.problem);
      expect(w.used).not.toBe(p.used);
      noJunk(w.problem);
      noJunk(w.used);
    },
  );

  it.each([...OUTPUT_IDS.map((id) => ['title', id] as const), ...OUTPUT_HINTS.map((h) => ['hint', h] as const)])('the %s of %s in Welsh', (kind, id) => {
    const [e, w] =
      kind === 'title'
        ? [en.outputTitles[id as (typeof OUTPUT_IDS)[number]], cy.outputTitles[id as (typeof OUTPUT_IDS)[number]]]
        : [en.outputHints[id], cy.outputHints[id]];
    noJunk(w);
    expect(w).not.toBe(e);
  });

  it.each(Object.keys(en.examples) as (keyof typeof en.examples)[])('the example in the %s field is a Welsh one', (k) => {
    expect(cy.examples[k]).not.toBe(en.examples[k]);
    noJunk(cy.examples[k]);
  });

  it('says what the admin sees in natural Welsh', () => {
    expect(sayCode(cy.notes, { code: 'pinNotHashed', who: { name: 'Mrs Shah', row: 1 } })).toBe(
      'Nid yw’r PIN ar gyfer Mrs Shah wedi’i stwnshio eto: pwyswch "Gwneud stwnsh".',
    );
    expect(sayCode(cy.notes, { code: 'noPin', who: { name: '', row: 2 } })).toBe('Nid oes PIN gan gymeradwywr 2: teipiwch un a phwyswch "Gwneud stwnsh".');
    expect(sayCode(en.notes, { code: 'noPin', who: { name: '', row: 2 } })).toBe('Approver 2 has no PIN: type one and press "Make hashes".');
    expect(sayCode(cy.hashErrors, { code: 'passphraseMismatch' })).toBe(
      'Cyfrinymadrodd yr Arweinydd Diogelu: nid yw’r ddau gyfrinymadrodd yr un fath. Teipiwch nhw eto.',
    );
    expect(cy.outputTitles.windows).toBe('Ffeil .reg Windows (Chrome ac Edge)');
    expect(cy.examples.deviceLabel).toBe('Ystafell TGCh PC 12');
  });

  it('a value the admin typed is said as typed, markup and all (the page renders it as text)', () => {
    const e = thrown(() => firefoxPoliciesJson({}, { geckoId: GECKO_ID, installUrl: '<b>x</b>', recommended: true }));
    expect(sayCode(cy.fileErrors, fileErrorOf(e)!)).toBe('Nid yw "<b>x</b>" yn gyfeiriad https, http neu file ar gyfer y ffeil .xpi.');
  });

  it('an error that is not a file error is not taken for one', () => {
    expect(fileErrorOf(new Error('x'))).toBeNull();
    expect(fileErrorOf(null)).toBeNull();
    expect(fileErrorOf('x')).toBeNull();
  });
});
