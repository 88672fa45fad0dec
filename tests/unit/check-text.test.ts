import { describe, expect, it } from 'vitest';
import { selfCheck, selfCheckLines, type SelfCheckFacts, type SelfCheckMsg } from '../../utils/core/self-check';
import { hubStatusCodes, type HubFact, type HubMsg, type HubStatusInput } from '../../utils/core/hub/hub-status';
import { enAdmin } from '../../utils/core/i18n/admin-en';
import { loadAdminMessages } from '../../utils/core/i18n/admin-catalogues';
import { checkText, hubFactText, hubText } from '../../utils/core/i18n/check-text';
import { verifyChain, type VerifyOutcome } from '../../utils/core/log/chain';

const NOW = Date.UTC(2026, 10, 24, 10);

/** Each distinct value once, named by its JSON. */
const distinct = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x] as const)).entries()];

/** Every self-check line the core can give, from a spread of devices. */
function allSelfCheckMsgs(): SelfCheckMsg[] {
  const out: SelfCheckMsg[] = [];
  for (const installType of ['admin', 'development', 'normal', null])
    for (const yes of [true, false])
      for (const [policyPresent, policyProblems, seriousProblems] of [
        [false, 0, 0],
        [true, 0, 0],
        [true, 1, 0],
        [true, 3, 1],
      ] as const)
        for (const lastRefresh of [null, NOW - 1000, NOW - 600_000])
          for (const browser of ['chromium', 'firefox'] as const) {
            const f: SelfCheckFacts = {
              installType,
              incognitoAllowed: yes,
              predictionOff: yes,
              hostAccess: yes,
              policyPresent,
              policyProblems,
              seriousProblems,
              lastRefresh,
              browser,
              now: NOW,
            };
            out.push(...selfCheckLines(f).map((l) => l.msg));
          }
  return out;
}

/** Every hub line and fact the core can give. */
function allHub(): { lines: HubMsg[]; facts: HubFact[] } {
  const lines: HubMsg[] = [];
  const facts: HubFact[] = [];
  const base = {
    url: 'https://hub.example.sch.uk',
    cursor: 0,
    failures: 0,
    nextAttemptAt: NOW + 10_000,
    lastDeliveryAt: null,
    lastContactAt: null,
    lastError: null,
    waiting: 0,
    deviceId: 'dev-1',
    fingerprint: 'SHA256:ab',
  };
  const inputs: HubStatusInput[] = [
    { hub: null, problems: [], outbox: null, held: null, now: NOW, timezone: 'Europe/London' },
    { hub: null, problems: [{ key: 'hub.url', problem: 'not https', used: 'none' }], outbox: null, held: null, now: NOW, timezone: 'Europe/London' },
  ];
  for (const lastError of [null, { at: NOW - 5000, message: 'cannot reach the hub' }])
    for (const lastContactAt of [null, NOW - 20_000, NOW - 3 * 3_600_000, NOW - 5 * 86_400_000, NOW - 10 * 60_000])
      for (const waiting of [0, 1, 4])
        for (const held of [null, { count: 1, oldestAt: '2025-01-01T00:00:00Z' }, { count: 3, oldestAt: null }])
          inputs.push({
            hub: { url: base.url },
            problems: [],
            outbox: { ...base, lastError, lastContactAt, lastDeliveryAt: lastContactAt, waiting, cursor: waiting * 7 },
            held,
            now: NOW,
            timezone: 'Europe/London',
          });
  for (const i of inputs) {
    const c = hubStatusCodes(i);
    lines.push(...c.lines.map((l) => l.msg));
    facts.push(...c.facts);
  }
  return { lines, facts };
}

const OUTCOMES: VerifyOutcome[] = [
  { code: 'intact-empty' },
  { code: 'intact-one', seq: 4 },
  { code: 'intact', checked: 2, firstSeq: 1, lastSeq: 2 },
  { code: 'intact', checked: 1200, firstSeq: 1, lastSeq: 1200 },
  ...(['edited', 'broken-link', 'gap', 'out-of-order', 'missing-start', 'truncated', 'filter-mismatch'] as const).flatMap((kind) => [
    { code: 'broken' as const, seq: 12, kind, found: 1 },
    { code: 'broken' as const, seq: null, kind, found: 3 },
  ]),
];

describe('the self-check, hub and Verify lines, said in each language of the adults’ pages', async () => {
  const cy = await loadAdminMessages('cy');
  const sc = allSelfCheckMsgs();
  const hub = allHub();

  it('the core gives every code that the catalogue has words for, and no other', () => {
    expect(new Set(sc.map((m) => m.code))).toEqual(new Set(Object.keys(enAdmin.checks.selfCheck)));
    expect(new Set(hub.lines.map((m) => m.code))).toEqual(new Set(Object.keys(enAdmin.checks.hub)));
    expect(new Set(hub.facts.map((m) => m.id))).toEqual(new Set(Object.keys(enAdmin.checks.hubFacts)));
  });

  const english = (m: SelfCheckMsg) => checkText(enAdmin.checks, m);
  it.each(distinct(sc))('self-check %s: Welsh words, none of them the English', (_, m) => {
    const en = english(m);
    const w = checkText(cy.checks, m);
    expect(w.label).not.toBe('');
    expect(w.detail).not.toBe('');
    expect(w.label).not.toBe(en.label);
    expect(w.detail).not.toBe(en.detail);
    expect(w.fix === '').toBe(en.fix === '');
    if (en.fix) expect(w.fix).not.toBe(en.fix);
    for (const s of [w.label, w.detail, w.fix]) expect(s).not.toMatch(/undefined|\[object|NaN/);
  });

  it.each(distinct(hub.lines))('hub line %s: Welsh words', (_, m) => {
    const en = hubText(enAdmin.checks, m);
    const w = hubText(cy.checks, m);
    expect(w.label).not.toBe(en.label);
    expect(w.detail).not.toBe(en.detail);
    expect(w.detail).not.toMatch(/undefined|\[object|NaN/);
  });

  it.each(distinct(hub.facts))('hub fact %s: a Welsh label, the value itself where it is data', (_, f) => {
    const [enLabel, enValue] = hubFactText(enAdmin.checks, f);
    const [label, value] = hubFactText(cy.checks, f);
    expect(label).not.toBe(enLabel);
    expect(value).not.toBe('');
    expect(value).not.toMatch(/undefined|\[object|NaN/);
    if (f.id === 'address' || f.id === 'deviceId' || f.id === 'deviceKey') expect(value).toBe(enValue);
  });

  it.each(OUTCOMES.map((o) => [JSON.stringify(o), o] as const))('Verify %s: Welsh and English', (_, o) => {
    const en = enAdmin.checks.verify(o);
    const w = cy.checks.verify(o);
    expect(en).toMatch(/^(Intact|Broken)/);
    expect(w).toMatch(/^(Cyfan|Wedi torri)/);
    expect(w).not.toMatch(/undefined|NaN/);
  });

  it.each([
    { code: 'none' as const },
    { code: 'moved' as const, forward: true, byMs: 2 * 3_600_000, from: NOW, to: NOW + 2 * 3_600_000, crossed: 'out' as const, timezone: 'Europe/London' },
    { code: 'moved' as const, forward: false, byMs: 20 * 60_000, from: NOW, to: NOW - 20 * 60_000, crossed: 'into' as const, timezone: 'Europe/London' },
    { code: 'moved' as const, forward: false, byMs: 3 * 86_400_000, from: NOW, to: NOW - 3 * 86_400_000, crossed: 'none' as const, timezone: 'Europe/London' },
  ])('the clock line %j in Welsh', (m) => {
    const w = cy.checks.clock(m);
    expect(w).not.toBe(enAdmin.checks.clock(m));
    expect(w).toMatch(m.code === 'none' ? /^Dim symudiad/ : /^Symudodd cloc y ddyfais (ymlaen|yn ôl) \d/);
    expect(w).not.toMatch(/undefined|NaN/);
  });
  it.each([
    { extraSites: 0, withPatterns: 0, regexLimit: 1000, regexUsed: 40 },
    { extraSites: 2, withPatterns: 2, regexLimit: 1000, regexUsed: 60 },
    { extraSites: 300, withPatterns: 200, regexLimit: 1000, regexUsed: 1000 },
  ])('the coverage line %j in Welsh, with its numbers', (c) => {
    const w = cy.checks.coverage(c);
    expect(w).toMatch(/^Rhwydweithiau rhestredig/);
    expect(w).toContain(c.regexUsed.toLocaleString('cy'));
    if (c.extraSites > c.withPatterns) expect(w).toContain(`${c.extraSites - c.withPatterns} gwefan ychwanegol arall`);
    expect(enAdmin.checks.coverage(c)).toMatch(/^Listed networks/);
  });

  it('says numbers with Welsh plural forms and the facts of the line', () => {
    expect(checkText(cy.checks, { code: 'policy-problems', count: 2, serious: true }).detail).toBe(
      'Wedi’i ganfod, gyda 2 broblem, gan gynnwys y rôl (mae’r ddyfais hon yn cael ei thrin fel dyfais disgybl): defnyddir rhagosodiadau diogel ar gyfer yr allweddi hynny.',
    );
    expect(hubText(cy.checks, { code: 'waiting', count: 2 }).detail).toBe('2 gofnod heb eu cydnabod gan yr hyb eto.');
    expect(hubText(cy.checks, { code: 'delivery-ok', ago: { unit: 'min', n: 2 } }).detail).toBe('Mewn cysylltiad (2 munud yn ôl).');
    expect(cy.checks.verify({ code: 'intact', checked: 3, firstSeq: 1, lastSeq: 3 })).toBe('Cyfan: dilyswyd 3 cofnod (rhif 1 i 3).');
    expect(cy.checks.verify({ code: 'broken', seq: 7, kind: 'edited', found: 2 })).toBe(
      'Wedi torri wrth gofnod 7: newidiwyd ei gynnwys ar ôl ei ysgrifennu (2 broblem i gyd).',
    );
  });

  it('the English words stay those the worker console prints', () => {
    const items = selfCheck({
      installType: 'normal',
      incognitoAllowed: false,
      predictionOff: true,
      hostAccess: false,
      policyPresent: true,
      policyProblems: 2,
      seriousProblems: 0,
      lastRefresh: null,
      browser: 'firefox',
      now: NOW,
    });
    expect(items.find((i) => i.id === 'install')?.detail).toBe('Installed as "normal": a user could remove it.');
    expect(items.find((i) => i.id === 'policy')?.detail).toBe('Found, with 2 problems: safe defaults are used for those keys.');
    expect(items.find((i) => i.id === 'hosts')?.fix).toContain('about:addons');
  });

  it('Verify gives its result as a code beside the English sentence', async () => {
    const r = await verifyChain([], { checkpoints: [] });
    expect(r.outcome).toEqual({ code: 'intact-empty' });
    expect(enAdmin.checks.verify(r.outcome)).toBe(r.summary);
  });
});
