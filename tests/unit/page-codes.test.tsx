// @vitest-environment happy-dom
/**
 * The codes the core gives for what the adults' pages used to show in English (Verify's
 * entry-by-entry list, why the status was worked out, the browser's rule errors, the hub's
 * delivery errors): the core gives every code the catalogues have words for, every code has words
 * in English and Welsh, the English the console and the hub print is the English catalogue's, and
 * what a browser or a server said stays as it said it, marked English, after a sentence of ours.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { chainEntries, verifyChain, type ChainReason, type VerifyProblem } from '../../utils/core/log/chain';
import { chainProblemText, chainReasonText, chainWordsEn } from '../../utils/core/log/chain-text';
import { verifyExport, type LogExport } from '../../utils/core/log/export';
import { GENESIS_HASH, LOG_EVENTS, type LogEntry, type LogFilters } from '../../utils/core/log/types';
import { enAdmin } from '../../utils/core/i18n/admin-en';
import { loadAdminMessages } from '../../utils/core/i18n/admin-catalogues';
import { readTrigger, triggerText, TRIGGERS, type RefreshTrigger } from '../../utils/core/refresh-trigger';
import { ruleFailureEn, ruleFailureText, type RuleFailure, type RuleFailureCode } from '../../utils/core/rule-failures';
import { budgetFailures, RULE_LIMITS, type DnrRule } from '../../utils/core/rules';
import { HUB_ERROR_CODES, hubErrorEn, hubErrorIntro, hubErrorOf, hubErrorText, hubUnreachable, type HubError } from '../../utils/core/hub/hub-error';
import { readAnswer } from '../../utils/core/hub/outbox-plan';
import { HubSection } from '../../components/HubSection';
import { RuleFailureList } from '../../components/StatusPage';
import { ProblemTable } from '../../components/ProblemTable';
import { say } from '../../utils/core/policy-problem-codes';
import type { PageLanguage } from '../../components/i18n';
import { entryData } from '../fakes/log-entries';

const NOW = Date.UTC(2026, 10, 24, 10);
const cy = await loadAdminMessages('cy');
const BAD = /undefined|\[object|NaN/;
const datas = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entryData(from + i));
const chain = (from: number, to: number, prev = GENESIS_HASH) => chainEntries(prev, datas(from, to));

function exportOf(entries: LogEntry[], filters: LogFilters): LogExport {
  return {
    format: 'hall-pass-log',
    version: 1,
    exportedAt: '2026-11-24T16:00:00.000Z',
    school: null,
    device: null,
    filters,
    range: { from: null, to: null },
    head: null,
    checkpoints: [],
    verification: { ok: true, summary: 'fine' },
    entries,
  };
}

/** Every kind of broken chain Verify can meet, made with chain.ts and then tampered with. */
async function everyProblem(): Promise<Pick<VerifyProblem, 'seq' | 'reason' | 'message'>[]> {
  const five = await chain(1, 5);
  const reports = [
    verifyChain([five[0]!, { ...five[1]!, path: '/innocent' }, ...five.slice(2)], { checkpoints: [] }),
    verifyChain([five[0]!, five[2]!, five[1]!], { checkpoints: [] }),
    verifyChain([five[0]!, ...(await chainEntries(five[0]!.hash, [entryData(2, { path: '/other' })])), five[2]!], { checkpoints: [] }),
    verifyChain([five[0]!, five[2]!], { checkpoints: [] }),
    verifyChain([five[0]!, five[3]!], { checkpoints: [] }),
    verifyChain(await chain(1, 2, 'f'.repeat(64)), { checkpoints: [] }),
    verifyChain(await chain(3, 4, 'e'.repeat(64)), { checkpoints: [] }),
    verifyChain(await chain(3, 4, 'e'.repeat(64)), {
      checkpoints: [{ at: '', purgedCount: 2, firstSeq: 1, lastSeq: 2, fromAt: '', toAt: '', lastHash: 'd'.repeat(64) }],
    }),
    verifyChain(five.slice(0, 3), { checkpoints: [], head: { seq: 5, hash: five[4]!.hash } }),
    verifyChain([], { checkpoints: [], head: { seq: 2, hash: five[1]!.hash } }),
    verifyChain(five, { checkpoints: [], head: { seq: 5, hash: 'c'.repeat(64) } }),
    verifyExport(exportOf(five, { event: 'warned' })),
  ];
  return (await Promise.all(reports)).flatMap((r) => r.problems);
}

describe("Verify's entry-by-entry problems", async () => {
  const problems = await everyProblem();
  const distinct = [...new Map(problems.map((p) => [p.reason.code, p] as const)).values()];

  it('the core gives every code the catalogues have words for, and no other', () => {
    expect(new Set(problems.map((p) => p.reason.code))).toEqual(new Set(Object.keys(enAdmin.checks.chain.reason)));
    expect(Object.keys(cy.checks.chain.reason).sort()).toEqual(Object.keys(enAdmin.checks.chain.reason).sort());
  });

  it.each(distinct.map((p) => [p.reason.code, p] as const))('%s: Welsh words, and the English that the hub prints is the catalogue’s', (_, p) => {
    const en = chainProblemText(enAdmin.checks.chain, p);
    const w = chainProblemText(cy.checks.chain, p);
    expect(p.message).toBe(en);
    expect(w).not.toBe(en);
    expect(w).not.toMatch(BAD);
    expect(w).toMatch(p.seq === null ? /^[A-ZÂ]/ : new RegExp(`^Cofnod ${p.seq}: `));
  });

  it('says the numbers of the entries in each language', () => {
    const gap: ChainReason = { code: 'gap', from: 1200, to: 1203 };
    expect(chainProblemText(enAdmin.checks.chain, { seq: 1204, reason: gap })).toBe('Entry 1,204: entries 1,200 to 1,203 before it are missing.');
    expect(chainProblemText(cy.checks.chain, { seq: 1204, reason: gap })).toBe('Cofnod 1,204: mae cofnodion 1,200 i 1,203 o’i flaen ar goll.');
    expect(chainProblemText(cy.checks.chain, { seq: null, reason: { code: 'empty-early', head: 9 } })).toBe(
      'Dylai’r cofnod redeg hyd at gofnod 9 ond mae’n wag; cafodd ei gofnodion eu dileu.',
    );
  });

  it("the summary's reason is the first problem's, in the same English", async () => {
    const five = await chain(1, 3);
    const r = await verifyChain([five[0]!, five[2]!], { checkpoints: [] });
    expect(r.summary).toBe(`Broken at entry 3: ${chainReasonText(chainWordsEn, r.problems[0]!.reason)}.`);
    expect(r.problems[0]!.message).toBe('Entry 3: entry 2 before it is missing.');
  });
});

describe('why the status was last worked out', () => {
  const sources = ['entrypoints/background.ts', 'utils/enforcer.ts', 'utils/browser/message-handler.ts', 'components/status-cache.ts']
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it.each([...TRIGGERS])('%s: used by the extension, with words in English and Welsh', (code) => {
    expect(sources).toContain(`'${code}'`);
    const t = readTrigger(code);
    expect(t).toEqual({ code });
    const en = triggerText(enAdmin.status.triggers, t, enAdmin.dsl.events);
    const w = triggerText(cy.status.triggers, t, cy.dsl.events);
    expect(en).toMatch(/^[a-z]/);
    expect(w).not.toBe(en);
    expect(w).not.toMatch(BAD);
  });

  it.each<[RefreshTrigger, string, string]>([
    ['alarm:hub-outbox', 'the timer hub-outbox', 'yr amserydd hub-outbox'],
    ['entry:report', 'a new log entry: Report', 'cofnod newydd yn y log: Adroddiad'],
    ['entry:exception-granted', 'a new log entry: Exception granted', `cofnod newydd yn y log: ${cy.dsl.events['exception-granted']}`],
  ])('%s is said with its parameter', (stored, en, w) => {
    expect(triggerText(enAdmin.status.triggers, readTrigger(stored), enAdmin.dsl.events)).toBe(en);
    expect(triggerText(cy.status.triggers, readTrigger(stored), cy.dsl.events)).toBe(w);
  });

  it('every log event can be the reason', () => {
    for (const e of LOG_EVENTS) expect(readTrigger(`entry:${e}`)).toEqual({ code: 'entry', event: e });
  });

  it.each(['policy changed', 'timer school-time-change', 'entry:not-an-event', 'alarm:', ''])(
    'an older version’s free text %j is kept as written',
    (stored) => {
      const t = readTrigger(stored);
      expect(t).toEqual({ code: 'text', text: stored });
      expect(triggerText(cy.status.triggers, t, cy.dsl.events)).toBeNull();
    },
  );
});

const manyRules = (n: number, action: DnrRule['action'], regex: boolean): DnrRule[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    priority: 1,
    action,
    condition: regex ? { regexFilter: `^https://x${i}\\.test/` } : { requestDomains: [`x${i}.test`] },
  }));

/** One of each, keyed by code so a new code without a sample fails the type check. */
const REFUSED = "Rule with id 7 specifies an incorrect value for the 'regexFilter' key.";
const FAILURES: Record<RuleFailureCode, RuleFailure> = {
  'over-total': { code: 'over-total', count: 30_001, limit: 30_000 },
  'over-unsafe': { code: 'over-unsafe', count: 5_001, limit: 5_000 },
  'over-regex': { code: 'over-regex', count: 1_001, limit: 1_000 },
  refused: { code: 'refused', error: REFUSED },
  'refused-fallback': { code: 'refused-fallback', error: 'Internal error.' },
  'refused-session': { code: 'refused-session', error: 'Session rules limit exceeded.' },
};

describe("the browser's rule errors", () => {
  it('the budget checks give their codes', () => {
    const codes = budgetFailures(manyRules(RULE_LIMITS.dynamic + 1, { type: 'redirect', redirect: { extensionPath: '/blocked.html' } }, false)).map(
      (f) => f.code,
    );
    expect(codes).toEqual(['over-total', 'over-unsafe']);
    expect(budgetFailures(manyRules(RULE_LIMITS.regex + 1, { type: 'allow' }, true)).map((f) => f.code)).toEqual(['over-regex']);
  });

  it('the catalogues have words for every code, and no other', () => {
    expect(Object.keys(enAdmin.ruleFailures.say).sort()).toEqual(Object.keys(FAILURES).sort());
    expect(Object.keys(cy.ruleFailures.say).sort()).toEqual(Object.keys(FAILURES).sort());
  });

  it.each(Object.values(FAILURES).map((f) => [f.code, f] as const))('%s: Welsh words; the English line keeps the browser’s words', (_, f) => {
    const en = ruleFailureText(enAdmin.ruleFailures, f);
    const w = ruleFailureText(cy.ruleFailures, f);
    expect(w).not.toBe(en);
    expect(w).not.toMatch(BAD);
    if ('error' in f) {
      expect(ruleFailureEn(f)).toBe(`${en} The browser said: ${f.error}`);
      expect(w).not.toContain(f.error);
    } else {
      expect(ruleFailureEn(f)).toBe(en);
      expect(w).toContain(f.count.toLocaleString('cy'));
    }
  });

  it('the Welsh status page says ours in Welsh and shows what the browser said as it said it, marked English', () => {
    const el = document.createElement('div');
    const failures = [FAILURES.refused, FAILURES['over-regex']];
    render(<RuleFailureList failures={failures} english={failures.map(ruleFailureEn)} words={cy} page={{ lang: 'cy' } as PageLanguage} />, el);
    const items = [...el.querySelectorAll('li')];
    expect(items[0]!.textContent).toContain('Gwrthododd y porwr y rheolau blocio');
    expect(items[0]!.textContent).toContain(`Dywedodd y porwr: ${REFUSED}`);
    expect([...el.querySelectorAll('[lang="en"]')].map((e) => e.textContent)).toEqual([REFUSED]);
    expect(items[1]!.textContent).toContain('Mae 1,001 o reolau patrwm');
  });

  it.each([
    [say('refusedApprovedUse', { url: 'x.com/AshGrove', reason: REFUSED }), 'Gwrthododd y porwr y rheol ar gyfer x.com/AshGrove ('],
    [say('refusedException', { where: 'tiktok.com', reason: REFUSED }), 'Gwrthododd y porwr y rheol ar gyfer yr eithriad ar tiktok.com ('],
    [say('refusedRule', { id: 7, reason: REFUSED }), 'Gwrthododd y porwr reol 7 ('],
  ])('a refused rule in the problems table, %j: Welsh around the browser’s reason, which is marked English', (s, start) => {
    const el = document.createElement('div');
    const problem = { key: 'approvedUses[0]', problem: `The browser refused … (${REFUSED}).`, used: 'x', say: s };
    render(<ProblemTable problems={[problem]} testId="problems" words={cy} page={{ lang: 'cy' } as PageLanguage} />, el);
    const cell = el.querySelector('td[data-label="Beth sy’n anghywir"]') ?? el.querySelectorAll('td')[1]!;
    expect(cell.textContent).toBe(`${start}${REFUSED}).`);
    expect([...cell.querySelectorAll('[lang="en"]')].map((e) => e.textContent)).toEqual([REFUSED]);
  });

  it('a failure code this page does not know shows the English sentences, marked English', () => {
    const el = document.createElement('div');
    const odd = [{ code: 'refused-sideways', error: 'x' } as unknown as RuleFailure];
    render(<RuleFailureList failures={odd} english={['The browser refused something new.']} words={cy} page={{ lang: 'cy' } as PageLanguage} />, el);
    expect(el.querySelector('[lang="en"]')?.textContent).toBe('The browser refused something new.');
  });

  it('a snapshot from an older version (English sentences only) is shown marked English', () => {
    const el = document.createElement('div');
    render(<RuleFailureList english={['The browser refused the blocking rules (x).']} words={cy} page={{ lang: 'cy' } as PageLanguage} />, el);
    expect(el.querySelector('[lang="en"]')?.textContent).toBe('The browser refused the blocking rules (x).');
  });
});

describe("the hub's delivery errors", () => {
  const errors: HubError[] = [
    ...[400, 401, 403, 413, 429, 503, 500, 404].map((status) => {
      const a = readAnswer(status, JSON.stringify({ error: `said ${status}` }), null);
      if (a.kind !== 'refused') throw new Error('delivered');
      expect(a.message).toBe(hubErrorEn(a.error));
      return a.error;
    }),
    hubUnreachable('NetworkError when attempting to fetch resource.'),
    hubErrorOf({ message: 'cannot reach the hub (Failed to fetch)' }),
  ];

  it('the core gives every code the catalogues have words for, and no other', () => {
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(HUB_ERROR_CODES));
    expect(Object.keys(enAdmin.checks.hubError.say).sort()).toEqual([...HUB_ERROR_CODES].sort());
    expect(Object.keys(cy.checks.hubError.say).sort()).toEqual([...HUB_ERROR_CODES].sort());
  });

  it.each(errors.map((e) => [`${e.code} ${e.status ?? ''}`, e] as const))('%s: Welsh words, and a Welsh sentence to introduce the foreign text', (_, e) => {
    const w = hubErrorText(cy.checks.hubError, e);
    expect(w).not.toBe(hubErrorText(enAdmin.checks.hubError, e));
    expect(w).not.toMatch(BAD);
    expect(w).not.toContain(e.detail);
    expect(hubErrorIntro(cy.checks.hubError, e)).toMatch(/^(Dywedodd|Fel)/);
    if (e.status === 500) expect(w).toBe('atebodd yr hyb HTTP 500');
  });

  it('an error from another version (no code, or a code this version does not know) is kept as its English message', () => {
    expect(hubErrorOf({ message: 'cannot reach the hub (Failed to fetch)' })).toEqual({
      code: 'recorded',
      status: null,
      detail: 'cannot reach the hub (Failed to fetch)',
    });
    expect(hubErrorOf({ message: 'the hub is on fire', error: { code: 'on-fire', status: 599, detail: 'x' } as unknown as HubError })).toEqual({
      code: 'recorded',
      status: null,
      detail: 'the hub is on fire',
    });
  });

  it('the English line is the sentence and what was said, as the console and the outbox keep it', () => {
    const refused = readAnswer(401, '{"error":"unknown ingest key"}', null);
    expect(refused).toMatchObject({ error: { code: 'unknown-key', status: 401, detail: 'unknown ingest key' } });
    expect(refused.kind === 'refused' && refused.message).toBe('the hub does not know this ingest key (unknown or revoked): unknown ingest key');
    expect(hubErrorEn(hubUnreachable('Failed to fetch'))).toBe('cannot reach the hub: Failed to fetch');
    expect(hubErrorEn(hubErrorOf({ message: 'cannot reach the hub (Failed to fetch)' }))).toBe('cannot reach the hub (Failed to fetch)');
  });

  it.each([
    [
      'the hub refused',
      { code: 'refused-device', status: 403, detail: 'public key differs from the pinned key' } as HubError,
      'Dywedodd yr hyb:',
      'gwrthododd yr hyb lofnod neu allwedd y ddyfais hon',
    ],
    ['the network failed', hubUnreachable('NetworkError when attempting to fetch resource.'), 'Dywedodd y porwr:', 'ni ellir cyrraedd yr hyb'],
    ['an older version recorded it', hubErrorOf({ message: 'cannot reach the hub (Failed to fetch)' }), 'Fel y’i cofnodwyd:', 'methodd y cynnig diwethaf'],
  ])('the Welsh status page, when %s: our words in Welsh, theirs as written, marked English', (_, error, intro, ours) => {
    const el = document.createElement('div');
    const outbox = {
      url: 'https://hub.example.sch.uk',
      cursor: 3,
      failures: 2,
      nextAttemptAt: NOW + 60_000,
      lastDeliveryAt: NOW - 600_000,
      lastContactAt: NOW - 600_000,
      lastError: { at: NOW - 5_000, message: hubErrorEn(error), ...(error.code === 'recorded' ? {} : { error }) },
      waiting: 4,
      deviceId: 'dev-1',
      fingerprint: 'SHA256:ab',
    };
    render(
      <HubSection
        hub={{ url: outbox.url }}
        problems={[]}
        outbox={outbox}
        held={null}
        now={NOW}
        timezone="Europe/London"
        words={cy}
        page={{ lang: 'cy' } as PageLanguage}
      />,
      el,
    );
    const delivery = el.querySelector('[data-check="delivery"]')!.textContent ?? '';
    expect(delivery).toContain(`Yn methu ers y cysylltiad diwethaf 10 munud yn ôl: ${ours}.`);
    expect(delivery).toContain(`${intro} ${error.detail}`);
    const lastError = el.querySelector('[data-fact="Last error"]')!.textContent ?? '';
    expect(lastError).toContain(ours);
    expect(lastError).toContain(`${intro} ${error.detail}`);
    // The only English left is what the hub or the browser said, each marked so.
    expect([...el.querySelectorAll('[lang="en"]')].map((e) => e.textContent)).toEqual([error.detail, error.detail]);
    el.querySelectorAll('[lang="en"]').forEach((e) => e.remove());
    expect(el.textContent).not.toMatch(/cannot reach|the hub refused|Failing since|Delivery|the last try/);
  });
});
