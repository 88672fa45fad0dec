import { describe, expect, it } from 'vitest';
import {
  EVERY_REQUEST,
  EXTRA_TRANSLATE_PREFIXES,
  PRIORITY,
  RULE_LIMITS,
  budgetProblems,
  compileFallbackRules,
  compileFloorRules,
  compileTabRules,
  compilePolicy,
  refusedRuleProblems,
  countRules,
  extraSitePatterns,
  REGEX_RESERVE,
  requestDomainsFor,
  describeCoverage,
  type ExtraSiteCoverage,
  type RuleDialect,
  type DnrRule,
  type ExceptionRuleInput,
  type PolicyRuleInput,
  type ResourceType,
} from '../../utils/core/rules';
import { CATALOGUE, catalogueById } from '../../utils/core/catalogue';
import { actionFor, approvedUsesFor, decide } from '../../utils/core/decide';
import { networkIndex } from '../../utils/core/networks';
import { scopeRegexFilter } from '../../utils/core/scope';
import { isSchoolTime } from '../../utils/core/calendar';
import { parsePolicy, type Policy } from '../../utils/core/policy';
import { renderProblem, renderUsed } from '../../utils/core/policy-problem-codes';
import { enAdmin } from '../../utils/core/i18n/admin-en';
import { cyAdmin } from '../../utils/core/i18n/admin-cy';
import type { Action, Allowance, ApprovedUse, ExceptionScope, Network, Role, TabAllowance } from '../../utils/core/types';

const BASE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const facebook = catalogueById('facebook')!;
const instagram = catalogueById('instagram')!;

/** The production compiler's rules (compilePolicy, as the enforcer calls it). */
const compilePolicyRules = (input: PolicyRuleInput) => compilePolicy(input).rules;
/** The production compiler (compilePolicy) with nothing else in force: one owner's rules alone. */
const approvedRulesAlone = (approved: readonly ApprovedUse[], dialect: RuleDialect = 'chromium') =>
  compilePolicy({ networks: [], excluded: [], action: 'block', pageBase: BASE, approved, dialect }).rules;
const exceptionRulesAlone = (exceptions: readonly ExceptionRuleInput[], dialect: RuleDialect = 'chromium') =>
  compilePolicy({ networks: [], excluded: [], action: 'block', pageBase: BASE, exceptions, dialect }).rules;

// ---- a small model of Chromium's declarativeNetRequest matching ---------------------------------

/** Neither list: everything but main_frame. Only excludedResourceTypes: everything else, main_frame included. */
function matchesType(rule: DnrRule, type: ResourceType): boolean {
  const c = rule.condition;
  if (c.resourceTypes) return c.resourceTypes.includes(type);
  if (c.excludedResourceTypes) return !c.excludedResourceTypes.includes(type);
  return type !== 'main_frame';
}

const hostMatches = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

function regexMatch(rule: DnrRule, url: string): RegExpExecArray | null {
  return new RegExp(rule.condition.regexFilter ?? '', 'i').exec(url);
}

/**
 * The host as each browser compares it with requestDomains: Chromium drops the trailing dot of a
 * fully qualified name (`facebook.com.`), Firefox keeps it (seen in Firefox ESR 153).
 */
let simulatedBrowser: RuleDialect = 'chromium';
const comparedHost = (url: string) => {
  const host = new URL(url).hostname;
  return simulatedBrowser === 'chromium' ? host.replace(/\.$/, '') : host;
};

/** Runs `fn` with the simulator reading hosts as Firefox does. */
function asFirefox<T>(fn: () => T): T {
  simulatedBrowser = 'firefox';
  try {
    return fn();
  } finally {
    simulatedBrowser = 'chromium';
  }
}

function ruleMatches(rule: DnrRule, url: string, type: ResourceType, tabId = 1, initiator?: string): boolean {
  const c = rule.condition;
  if (!matchesType(rule, type)) return false;
  if (c.initiatorDomains) {
    const from = initiator === undefined ? null : new URL(initiator).hostname;
    if (from === null || !c.initiatorDomains.some((d) => hostMatches(from, d))) return false;
  }
  if (c.tabIds && !c.tabIds.includes(tabId)) return false;
  if (c.requestDomains) {
    const host = comparedHost(url);
    if (!c.requestDomains.some((d) => hostMatches(host, d))) return false;
  }
  if (c.regexFilter !== undefined && !regexMatch(rule, url)) return false;
  return true;
}

/** Same priority: allow beats allowAllRequests beats block beats redirect (Chromium's documented precedence). */
const PRECEDENCE: Record<DnrRule['action']['type'], number> = { allow: 4, allowAllRequests: 3, block: 2, redirect: 1 };

function substitute(rule: DnrRule, url: string): string {
  if (rule.action.type !== 'redirect') throw new Error('not a redirect');
  const r = rule.action.redirect;
  if ('extensionPath' in r) return r.extensionPath;
  const m = regexMatch(rule, url);
  if (!m) throw new Error('regexSubstitution without a match');
  return r.regexSubstitution.replace('\\0', () => m[0]);
}

/**
 * The priority of the allowAllRequests rules a top-level document was loaded under, or null.
 * Chromium records the highest one matching the frame's navigation once it commits, whichever
 * rule let the navigation itself through.
 */
function frameAllowPriority(rules: readonly DnrRule[], frameUrl: string, tabId: number): number | null {
  if (simulate(rules, frameUrl, 'main_frame', tabId) !== 'allow') return null; // it never loaded
  const href = new URL(frameUrl).href;
  const ps = rules.filter((r) => r.action.type === 'allowAllRequests' && ruleMatches(r, href, 'main_frame', tabId)).map((r) => r.priority);
  return ps.length > 0 ? Math.max(...ps) : null;
}

/**
 * What the browser does with a request: 'allow', 'block', or the redirect target. `frameUrl` is
 * the top-level document that made the request (for sub-resources and sub-frames).
 */
function simulate(rules: readonly DnrRule[], url: string, type: ResourceType = 'main_frame', tabId = 1, frameUrl?: string): string {
  const href = new URL(url).href; // the browser matches the canonical form
  const hits: { priority: number; action: DnrRule['action']; rule?: DnrRule }[] = rules
    .filter((r) => ruleMatches(r, href, type, tabId, type === 'main_frame' ? undefined : frameUrl))
    .map((r) => ({ priority: r.priority, action: r.action, rule: r }));
  const framePriority = frameUrl === undefined ? null : frameAllowPriority(rules, frameUrl, tabId);
  if (framePriority !== null) hits.push({ priority: framePriority, action: { type: 'allowAllRequests' } });
  if (hits.length === 0) return 'allow';
  hits.sort((a, b) => b.priority - a.priority || PRECEDENCE[b.action.type] - PRECEDENCE[a.action.type]);
  const top = hits[0]!;
  if (top.action.type === 'redirect') return substitute(top.rule!, href);
  return top.action.type === 'allowAllRequests' ? 'allow' : top.action.type;
}

const blockedPage = (url: string) => `${BASE}blocked.html#${new URL(url).href}`;
const warnPage = (url: string) => `${BASE}warn.html#${new URL(url).href}`;

function policyRules(policy: Policy, action: Action): DnrRule[] {
  const index = networkIndex(policy);
  return compilePolicyRules({ networks: index.networks, excluded: index.excluded, action, pageBase: BASE });
}

const redirectTarget = (r: DnrRule): string | undefined =>
  r.action.type === 'redirect' ? ('regexSubstitution' in r.action.redirect ? r.action.redirect.regexSubstitution : r.action.redirect.extensionPath) : undefined;

/** Resource types Chromium and Firefox both accept in a rule. */
const TYPES_BOTH_BROWSERS_KNOW = [
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'other',
];

/** Rules Chromium would reject outright (one bad rule fails the whole update). */
function expectWellFormed(rules: readonly DnrRule[]): void {
  const ids = rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of rules) {
    expect(Number.isInteger(r.id) && r.id >= 1).toBe(true);
    expect(Number.isInteger(r.priority) && r.priority >= 1).toBe(true);
    if (r.condition.requestDomains) {
      expect(r.condition.requestDomains.length).toBeGreaterThan(0);
      // A fully qualified name (trailing dot) only where Firefox needs it.
      for (const d of r.condition.requestDomains) expect(d).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/);
    }
    if (r.condition.regexFilter !== undefined) expect(() => new RegExp(r.condition.regexFilter!, 'i')).not.toThrow();
    if (r.action.type === 'redirect' && 'regexSubstitution' in r.action.redirect) expect(r.condition.regexFilter).toBeDefined();
    if (r.condition.resourceTypes) expect(r.condition.resourceTypes.length).toBeGreaterThan(0);
    // Firefox refuses the whole rule set over one type it does not know (webtransport, webbundle).
    for (const t of [...(r.condition.resourceTypes ?? []), ...(r.condition.excludedResourceTypes ?? [])]) expect(TYPES_BOTH_BROWSERS_KNOW).toContain(t);
    // Chromium refuses an allowAllRequests rule for anything but frames.
    if (r.action.type === 'allowAllRequests') {
      expect(r.condition.resourceTypes?.length).toBeGreaterThan(0);
      for (const t of r.condition.resourceTypes ?? []) expect(['main_frame', 'sub_frame']).toContain(t);
    }
  }
}

// ---- the static floor ----------------------------------------------------------------------------

describe('compileFloorRules', () => {
  const floor = compileFloorRules(CATALOGUE, BASE);

  it('is well formed, at the floor priority, and within the static budgets', () => {
    expectWellFormed(floor);
    for (const r of floor) expect(r.priority).toBe(PRIORITY.floor);
    const c = countRules(floor);
    expect(c.total).toBeLessThanOrEqual(RULE_LIMITS.staticRuleset);
    expect(c.regex).toBeLessThanOrEqual(RULE_LIMITS.regex);
  });

  it.each(CATALOGUE.flatMap((n) => n.domains.map((d) => [n.id, d] as const)))(
    '%s: %s is in a main_frame redirect to blocked.html#\\0 and its sub-resources are blocked',
    (_id, domain) => {
      const redirects = floor.filter((r) => r.condition.requestDomains?.includes(domain) && r.action.type === 'redirect' && matchesType(r, 'main_frame'));
      expect(redirects).toHaveLength(1);
      expect(redirectTarget(redirects[0]!)).toBe(`${BASE}blocked.html#\\0`);
      const url = `https://www.${domain}/some/page?q=1#top`;
      expect(simulate(floor, url)).toBe(`${BASE}blocked.html#${url}`);
      for (const type of ['sub_frame', 'script', 'xmlhttprequest', 'image', 'websocket'] as const) {
        expect(simulate(floor, `https://${domain}/x`, type)).toBe('block');
      }
    },
  );

  it('has proxy regex rules that redirect main_frame and block the same address in a frame', () => {
    const proxies = floor.filter((r) => r.condition.regexFilter !== undefined && !r.condition.requestDomains);
    expect(proxies.length).toBeGreaterThan(0);
    const redirects = proxies.filter((r) => r.action.type === 'redirect');
    const frames = proxies.filter((r) => r.action.type === 'block');
    expect(redirects.length + frames.length).toBe(proxies.length);
    expect(frames.map((r) => r.condition.regexFilter)).toEqual(redirects.map((r) => r.condition.regexFilter));
    for (const r of redirects) {
      expect(r.condition.resourceTypes).toEqual(['main_frame']);
      expect(redirectTarget(r)).toBe(`${BASE}blocked.html#\\0`);
    }
    for (const r of frames) expect(r.condition.resourceTypes).toEqual(['sub_frame']);
  });

  it.each([
    'https://www-facebook-com.translate.goog/',
    'https://web.archive.org/web/2024/https://www.instagram.com/',
    'https://archive.ph/https://www.tiktok.com/@someone',
    'https://www-facebook-com.translate.goog./',
  ])('a framed proxy or archive page is blocked: %s', (url) => {
    expect(simulate(floor, url, 'sub_frame', 1, 'https://school.test/')).toBe('block');
  });

  it.each([
    'https://www-facebook-com.translate.goog/x',
    'https://www-facebook-com.translate.goog/?_x_tr_sl=auto&_x_tr_tl=en#frag',
    'https://facebook-com.translate.goog:443/',
    'https://web.archive.org/web/2020/https://facebook.com/',
    'https://web.archive.org/web/20200101000000*/www.instagram.com/someone',
    'https://archive.ph/https://www.tiktok.com/@someone',
    'https://m-youtube-com.translate.goog/watch?v=1',
  ])('a proxy regex catches %s and the substitution carries the whole address', (url) => {
    const proxies = floor.filter((r) => r.condition.regexFilter !== undefined && !r.condition.requestDomains);
    const hit = proxies.find((r) => regexMatch(r, url));
    expect(hit).toBeDefined();
    expect(substitute(hit!, url)).toBe(`${BASE}blocked.html#${url}`);
    expect(simulate(floor, url)).toBe(`${BASE}blocked.html#${new URL(url).href}`);
  });

  it.each([
    'https://notfacebook-com.translate.goog/',
    'https://not--facebook-com.translate.goog/',
    'https://www-facebook-com-evil-example.translate.goog/',
    'https://web.archive.org/web/2020/https://notfacebook.com/',
    'https://web.archive.org/web/2020/https://facebook.com.evil.example/',
    'https://www.bbc.co.uk/news',
    'https://translate.google.com/?text=facebook.com',
  ])('no floor rule catches %s', (url) => {
    const proxies = floor.filter((r) => r.condition.regexFilter !== undefined && !r.condition.requestDomains);
    expect(proxies.filter((r) => regexMatch(r, url))).toEqual([]);
    expect(simulate(floor, url)).toBe('allow');
  });

  it('without a page base (Firefox) every redirect goes to /blocked.html by path', () => {
    const paths = compileFloorRules(CATALOGUE, null);
    expectWellFormed(paths);
    const redirects = paths.filter((r) => r.action.type === 'redirect');
    expect(redirects.length).toBeGreaterThan(0);
    for (const r of redirects) expect(r.action).toEqual({ type: 'redirect', redirect: { extensionPath: '/blocked.html' } });
    expect(simulate(paths, 'https://www.facebook.com/')).toBe('/blocked.html');
    expect(simulate(paths, 'https://www-facebook-com.translate.goog/')).toBe('/blocked.html');
  });
});

// ---- the policy layer ----------------------------------------------------------------------------

describe('compilePolicyRules', () => {
  const policy = parsePolicy({ networks: ['facebook', 'instagram'], extraSites: ['example-social.com'] }).policy;

  describe.each<[Action, string | null]>([
    ['block', 'blocked.html'],
    ['warn', 'warn.html'],
    ['allow', null],
  ])('action %s', (action, page) => {
    const rules = policyRules(policy, action);
    const floor = compileFloorRules(CATALOGUE, BASE);

    it('is well formed, above the floor and below tab allowances', () => {
      expectWellFormed(rules);
      for (const r of rules) {
        expect(r.priority).toBeGreaterThan(PRIORITY.floor);
        expect(r.priority).toBeLessThan(PRIORITY.tab);
      }
    });

    it(`main_frame redirects go to ${page ?? 'nothing'}`, () => {
      const targets = new Set(rules.map(redirectTarget).filter((t) => t !== undefined));
      expect([...targets]).toEqual(page ? [`${BASE}${page}#\\0`] : []);
    });

    it('every allow rule lets the page itself (main_frame) through', () => {
      const allows = rules.filter((r) => r.action.type === 'allow');
      if (action === 'allow') expect(allows.length).toBeGreaterThan(0);
      for (const r of allows) expect(matchesType(r, 'main_frame')).toBe(true);
    });

    it('left-out catalogue networks are let through over the floor', () => {
      const excluded = networkIndex(policy).excluded;
      expect(excluded.map((n) => n.id)).not.toContain('facebook');
      for (const n of excluded) {
        for (const d of n.domains) {
          expect(rules.some((r) => r.action.type === 'allow' && r.condition.requestDomains?.includes(d))).toBe(true);
          expect(simulate([...floor, ...rules], `https://www.${d}/`)).toBe('allow');
          expect(simulate([...floor, ...rules], `https://${d}/x.js`, 'script')).toBe('allow');
        }
      }
      expect(simulate([...floor, ...rules], 'https://www-tiktok-com.translate.goog/')).toBe('allow');
    });

    it.each([
      'https://www-example--social-com.translate.goog/',
      'https://deep-sub-example--social-com.translate.goog/',
      'https://web.archive.org/web/2024/https://chat.example-social.com/',
      'https://archive.ph/https://example-social.com/',
    ])('an extra site within the pattern budget is covered in every proxy and archive form, framed too: %s', (url) => {
      const expected = action === 'allow' ? 'allow' : action === 'block' ? blockedPage(url) : warnPage(url);
      expect(simulate([...floor, ...rules], url)).toBe(expected);
      expect(simulate([...floor, ...rules], url, 'sub_frame', 1, 'https://school.test/')).toBe(action === 'allow' ? 'allow' : 'block');
    });

    it.each([
      'https://www.facebook.com/',
      'https://www.instagram.com/reel/1',
      'https://chat.example-social.com/',
      'https://www-example--social-com.translate.goog/',
      'https://www-facebook-com.translate.goog/x',
      'https://web.archive.org/web/2020/https://facebook.com/',
    ])('the browser does what the policy says for %s', (url) => {
      const expected = action === 'allow' ? 'allow' : action === 'block' ? blockedPage(url) : warnPage(url);
      expect(simulate([...floor, ...rules], url)).toBe(expected);
      // A warning cannot be shown inside a frame: frames are blocked unless allowed, proxy and
      // archive forms too.
      expect(simulate([...floor, ...rules], url, 'sub_frame')).toBe(action === 'allow' ? 'allow' : 'block');
    });
  });

  it('no networks in force and nothing excluded compiles to no rules', () => {
    expect(compilePolicyRules({ networks: [], excluded: [], action: 'block', pageBase: BASE })).toEqual([]);
  });
});

describe('compilePolicyRules without access to sites (Firefox lets a user withhold it)', () => {
  const policy = parsePolicy({ networks: ['facebook', 'instagram'], extraSites: ['example-social.com'] }).policy;
  const index = networkIndex(policy);
  // Such a browser ignores every redirect, the static floor's included.
  const floorAsSeen = compileFloorRules(CATALOGUE, BASE).filter((r) => r.action.type !== 'redirect');
  const compile = (action: Action, extra: Partial<Parameters<typeof compilePolicyRules>[0]> = {}) =>
    compilePolicyRules({
      networks: index.networks,
      excluded: index.excluded,
      action,
      pageBase: BASE,
      withoutSiteAccess: { floor: CATALOGUE },
      ...extra,
    });

  it.each<[Action, string, string]>([
    ['block', 'https://www.facebook.com/', 'block'],
    ['warn', 'https://www.facebook.com/', 'block'],
    ['allow', 'https://www.facebook.com/', 'allow'],
    ['block', 'https://chat.example-social.com/', 'block'],
    ['block', 'https://www-facebook-com.translate.goog/x', 'block'],
    ['block', 'https://web.archive.org/web/2020/https://facebook.com/', 'block'],
    // Left out by the policy: the repeated floor must not catch it.
    ['block', 'https://www.tiktok.com/', 'allow'],
    ['block', 'https://school.test/', 'allow'],
  ])('action %s: %s is %s, with no redirect left', (action, url, expected) => {
    const rules = compile(action);
    expectWellFormed(rules);
    expect(rules.filter((r) => r.action.type === 'redirect')).toEqual([]);
    expect(simulate([...floorAsSeen, ...rules], url)).toBe(expected);
  });

  it('repeats the floor, so a network listed nowhere in the policy is still blocked', () => {
    const rules = compilePolicyRules({ networks: [], excluded: [], action: 'block', pageBase: BASE, withoutSiteAccess: { floor: CATALOGUE } });
    expect(simulate(rules, 'https://www.snapchat.com/')).toBe('block');
    expect(rules.every((r) => r.priority === PRIORITY.floor)).toBe(true);
  });

  it('an approved use still loads', () => {
    const withUse = parsePolicy({ approvedUses: [{ url: 'https://x.com/AshGroveAcademy', roles: ['staff'], purpose: 'School X account' }] }).policy;
    const all = networkIndex(withUse);
    const rules = compile('block', { networks: all.networks, excluded: all.excluded, approved: approvedUsesFor(withUse, 'staff', true) });
    expect(simulate([...floorAsSeen, ...rules], 'https://x.com/AshGroveAcademy')).toBe('allow');
    expect(simulate([...floorAsSeen, ...rules], 'https://x.com/someone')).toBe('block');
  });

  it('stays inside the budgets', () => {
    expect(budgetProblems(compile('block'))).toEqual([]);
  });
});

describe("compilePolicyRules for Firefox (it carries an allowAllRequests page's allowance on to the tab's next page)", () => {
  const policy = parsePolicy({
    approvedUses: [{ url: 'https://x.com/AshGroveAcademy', roles: ['staff'], purpose: 'School X account' }],
  }).policy;
  const index = networkIndex(policy);
  const floor = compileFloorRules(CATALOGUE, BASE);
  const dynamic = compilePolicyRules({
    networks: index.networks,
    excluded: index.excluded,
    action: 'block',
    pageBase: BASE,
    approved: approvedUsesFor(policy, 'staff', true),
    exceptions: [{ network: facebook, scope: { kind: 'site' } }],
    dialect: 'firefox',
  });
  const rules = [...floor, ...dynamic];
  const ASH = 'https://x.com/AshGroveAcademy';

  it('uses no allowAllRequests at all', () => {
    expectWellFormed(dynamic);
    expect(rules.filter((r) => r.action.type === 'allowAllRequests')).toEqual([]);
  });

  it.each<[string, ResourceType, string | undefined, string]>([
    [ASH, 'main_frame', undefined, 'allow'],
    ['https://www.x.com/ashgroveacademy/status/1', 'main_frame', undefined, 'allow'],
    ['https://x.com/elonmusk', 'main_frame', undefined, blockedPage('https://x.com/elonmusk')],
    // What the approved page loads from its own network.
    ['https://x.com/i/api/timeline.json', 'xmlhttprequest', ASH, 'allow'],
    ['https://x.com/app.js', 'script', ASH, 'allow'],
    // Frames inside it, and the network loaded from anywhere else, stay blocked.
    ['https://x.com/elonmusk', 'sub_frame', ASH, 'block'],
    ['https://x.com/app.js', 'script', 'https://school.test/', 'block'],
    // The site exception lets Facebook through, and nothing else.
    ['https://www.facebook.com/groups/1', 'main_frame', undefined, 'allow'],
    ['https://www.instagram.com/', 'main_frame', undefined, blockedPage('https://www.instagram.com/')],
  ])('%s (%s, from %s): %s', (url, type, from, expected) => {
    expect(simulate(rules, url, type, 1, from)).toBe(expected);
  });
});

describe('compileFallbackRules (when the browser refuses the policy rules)', () => {
  const manySites = Array.from({ length: 10000 }, (_, i) => `site-${i}.org`);
  const policy = parsePolicy({ extraSites: manySites }).policy;
  const networks = networkIndex(policy).networks;
  const floorAsSeen = compileFloorRules(CATALOGUE, BASE).filter((r) => r.action.type !== 'redirect');

  it.each([
    ['https://www.facebook.com/x', true, blockedPage('https://www.facebook.com/x')],
    ['https://chat.site-9999.org/', true, blockedPage('https://chat.site-9999.org/')],
    ['https://chat.site-9999.org/', false, 'block'],
    ['https://school.test/', true, 'allow'],
  ] as const)('%s with site access %s: %s', (url, access, expected) => {
    const rules = compileFallbackRules(networks, BASE, access);
    expectWellFormed(rules);
    expect(rules).toHaveLength(2);
    expect(budgetProblems(rules)).toEqual([]);
    expect(simulate(access ? rules : [...floorAsSeen, ...rules], url)).toBe(expected);
  });

  it('no networks in force: no rules', () => expect(compileFallbackRules([], BASE)).toEqual([]));
});

// ---- end to end: the browser's verdict equals decide() -------------------------------------------

describe('rules agree with decide()', () => {
  const wedSchool = Date.UTC(2026, 5, 10, 9); // Wed 10 June 2026, 10:00 BST
  const wedEvening = Date.UTC(2026, 5, 10, 17);

  const ASH_USE = { url: 'https://x.com/AshGroveAcademy', roles: ['staff', 'pupil'], purpose: 'School X account' };
  const ashPage: ExceptionScope = { kind: 'page', scope: { host: 'x.com', pathPrefix: '/AshGroveAcademy' } };
  const cases: [string, unknown, Role, number, { networkId: string; scope: ExceptionScope }[]?][] = [
    ['defaults, pupil', {}, 'pupil', wedSchool],
    ['an approved use, staff', { approvedUses: [ASH_USE] }, 'staff', wedSchool],
    ['an approved use, pupil warned', { approvedUses: [ASH_USE], actions: { pupil: { schoolHours: 'warn', otherTimes: 'block' } } }, 'pupil', wedSchool],
    ['an approved use in school hours only, after school', { approvedUses: [{ ...ASH_USE, schoolHoursOnly: true }] }, 'pupil', wedEvening],
    ['an approved use for another role', { approvedUses: [{ ...ASH_USE, roles: ['governor'] }] }, 'staff', wedSchool],
    ['a site exception for Facebook', {}, 'staff', wedSchool, [{ networkId: 'facebook', scope: { kind: 'site' } }]],
    ['a page exception on X', {}, 'staff', wedSchool, [{ networkId: 'x', scope: ashPage }]],
    [
      'a site exception for an extra site',
      { extraSites: ['example-social.com'] },
      'staff',
      wedSchool,
      [{ networkId: 'site:example-social.com', scope: { kind: 'site' } }],
    ],
    ['defaults, staff after school', {}, 'staff', wedEvening],
    ['staff warned', { actions: { staff: { schoolHours: 'warn', otherTimes: 'allow' } } }, 'staff', wedSchool],
    ['Blogger left out, one blog listed', { networks: ['instagram', 'facebook'], extraSites: ['bad-blog.blogspot.com'] }, 'pupil', wedSchool],
    ['Facebook left out but facebook.com listed', { networks: ['instagram'], extraSites: ['facebook.com'] }, 'pupil', wedSchool],
    [
      'Facebook left out but facebook.com listed, warned',
      { networks: ['instagram'], extraSites: ['facebook.com'], actions: { pupil: { schoolHours: 'warn', otherTimes: 'block' } } },
      'pupil',
      wedSchool,
    ],
    ['a catalogue subdomain listed', { extraSites: ['m.facebook.com'] }, 'pupil', wedSchool],
  ];
  const urls = [
    'https://www.facebook.com/',
    'https://m.facebook.com/home.php',
    'https://www.messenger.com/',
    'https://www-facebook-com.translate.goog/',
    'https://www.instagram.com/',
    'https://bad-blog.blogspot.com/2024/01/post.html',
    'https://good-blog.blogspot.com/',
    'https://www.tiktok.com/@someone',
    'https://www.bbc.co.uk/',
    'https://x.com/AshGroveAcademy',
    'https://www.x.com/ashgroveacademy/status/1?s=20',
    'https://x.com/AshGroveAcademy/../elonmusk',
    'https://x.com/AshGroveAcademy%2F..%2Felonmusk',
    'https://x.com/AshGroveAcademyX',
    'https://x.com/elonmusk',
    'https://twitter.com/AshGroveAcademy',
    'https://x-com.translate.goog/AshGroveAcademy',
    'https://example-social.com/',
    'https://www-example--social-com.translate.goog/',
  ];

  describe.each(cases)('%s', (_name, raw, role, now, exceptions = []) => {
    const policy = parsePolicy(raw).policy;
    const schoolTime = isSchoolTime(now, policy);
    const index = networkIndex(policy);
    const networkOf = (id: string) => index.networks.find((n) => n.id === id)!;
    const rules = [
      ...compileFloorRules(CATALOGUE, BASE),
      ...compilePolicyRules({
        networks: index.networks,
        excluded: index.excluded,
        action: actionFor(policy, role, schoolTime),
        pageBase: BASE,
        approved: approvedUsesFor(policy, role, schoolTime),
        exceptions: exceptions.map((e) => ({ network: networkOf(e.networkId), scope: e.scope })),
      }),
    ];
    const allowances: Allowance[] = exceptions.map((e) => ({
      networkId: e.networkId,
      until: now + 60_000,
      ...(e.scope.kind === 'page' ? { scope: e.scope.scope } : {}),
    }));
    it.each(urls)('%s', (url) => {
      const d = decide(url, role, now, policy, allowances);
      const expected = d.action === 'allow' ? 'allow' : d.action === 'block' ? blockedPage(url) : warnPage(url);
      expect(simulate(rules, url)).toBe(expected);
    });
  });
});

// ---- approved uses and exceptions ----------------------------------------------------------------

describe('compileApprovedRules', () => {
  const policy = parsePolicy({
    approvedUses: [
      { url: 'https://x.com/AshGroveAcademy', roles: ['staff'], purpose: 'School X account' },
      { url: 'https://www.x.com/AshGroveAcademy/', roles: ['governor'], purpose: 'The same page again' },
      { url: 'https://www.facebook.com/groups/ash.grove', roles: ['staff'], purpose: 'Parents group' },
    ],
  }).policy;
  const uses = approvedUsesFor(policy, 'staff', true);
  // Staff in school time: every network blocked (the default), the school's pages approved.
  const rules = [...compileFloorRules(CATALOGUE, BASE), ...compilePolicyRules({ ...inputFor(policy, 'block'), approved: uses })];
  const ASH = 'https://x.com/AshGroveAcademy';

  function inputFor(p: Policy, action: Action) {
    const index = networkIndex(p);
    return { networks: index.networks, excluded: index.excluded, action, pageBase: BASE };
  }

  it('gives each page one allowAllRequests rule for its frames, above the policy and below tab allowances', () => {
    const approved = approvedRulesAlone(policy.approvedUses);
    expectWellFormed(approved);
    expect(approved.map((r) => r.condition.regexFilter)).toEqual([
      scopeRegexFilter({ host: 'x.com', pathPrefix: '/AshGroveAcademy' }),
      scopeRegexFilter({ host: 'facebook.com', pathPrefix: '/groups/ash.grove' }),
    ]);
    for (const r of approved) {
      expect(r.action).toEqual({ type: 'allowAllRequests' });
      expect(r.condition.resourceTypes).toEqual(['main_frame', 'sub_frame']);
      expect(r.priority).toBe(PRIORITY.approved);
    }
    expect(PRIORITY.policy).toBeLessThan(PRIORITY.approved);
    expect(PRIORITY.approved).toBeLessThan(PRIORITY.tab);
    expect(approvedRulesAlone([])).toEqual([]);
  });

  it('sits in the one dynamic rule set with unique ids', () => {
    expectWellFormed(compilePolicyRules({ ...inputFor(policy, 'block'), approved: uses }));
    const withoutUses = compilePolicyRules(inputFor(policy, 'block'));
    expect(compilePolicyRules({ ...inputFor(policy, 'block'), approved: uses })).toHaveLength(withoutUses.length + 2);
  });

  it.each([
    [ASH, 'allow'],
    ['https://www.x.com/AshGroveAcademy/status/1', 'allow'],
    ['https://mobile.x.com/ashgroveacademy?lang=en', 'allow'],
    ['https://m.facebook.com/groups/ash.grove/posts/1', 'allow'],
    ['https://x.com/elonmusk', 'blocked'],
    // As the browser would have normalised it: /elonmusk.
    ['https://x.com/AshGroveAcademy/../elonmusk', 'blocked'],
    ['https://x.com/AshGroveAcademy%2F..%2Felonmusk', 'blocked'],
    ['https://x.com/AshGroveAcademyX', 'blocked'],
    ['https://x.com/', 'blocked'],
    ['https://twitter.com/AshGroveAcademy', 'blocked'],
    ['https://x.com.evil.example/AshGroveAcademy', 'allow'],
    ['https://www.facebook.com/groups/other', 'blocked'],
  ])('main frame %s: %s', (url, expected) => {
    expect(simulate(rules, url)).toBe(expected === 'blocked' ? blockedPage(url) : 'allow');
  });

  it.each<[string, ResourceType]>([
    ['https://x.com/i/api/graphql/abc/UserTweets?variables=%7B%7D', 'xmlhttprequest'],
    ['https://api.x.com/1.1/jot/client_event.json', 'ping'],
    ['https://x.com/sw.js', 'script'],
    ['https://pbs.twimg.com/profile_images/1/a.jpg', 'image'],
    ['https://t.co/i/adsct', 'image'],
    ['https://www.youtube.com/embed/abc', 'sub_frame'],
  ])('the approved page loads %s (%s)', (url, type) => {
    expect(simulate(rules, url, type, 1, ASH)).toBe('allow');
  });

  it.each<[string, ResourceType]>([
    ['https://x.com/i/api/graphql/abc/UserTweets', 'xmlhttprequest'],
    ['https://api.x.com/1.1/jot/client_event.json', 'ping'],
    ['https://www.youtube.com/embed/abc', 'sub_frame'],
  ])('another page of the network, or another site, does not load %s (%s)', (url, type) => {
    expect(simulate(rules, url, type, 1, 'https://x.com/elonmusk')).toBe('block');
    expect(simulate(rules, url, type, 1, 'https://www.bbc.co.uk/news')).toBe('block');
  });

  it('the approved page can be embedded in the school website', () => {
    expect(simulate(rules, ASH, 'sub_frame', 1, 'https://ashgrove.sch.uk/')).toBe('allow');
    expect(simulate(rules, 'https://x.com/elonmusk', 'sub_frame', 1, 'https://ashgrove.sch.uk/')).toBe('block');
  });
});

describe('compileExceptionRules', () => {
  const policy = parsePolicy({}).policy;
  const index = networkIndex(policy);
  const input = { networks: index.networks, excluded: index.excluded, action: 'block' as Action, pageBase: BASE };
  const floor = compileFloorRules(CATALOGUE, BASE);
  const page: ExceptionScope = { kind: 'page', scope: { host: 'facebook.com', pathPrefix: '/groups/ash' } };

  it('a site exception: an allow rule for every resource and an allowAllRequests rule for the page', () => {
    const rules = exceptionRulesAlone([{ network: facebook, scope: { kind: 'site' } }]);
    expectWellFormed(rules);
    for (const r of rules) expect(r.priority).toBe(PRIORITY.approved);
    expect(rules).toContainEqual({
      id: expect.any(Number),
      priority: PRIORITY.approved,
      action: { type: 'allow' },
      condition: { requestDomains: facebook.domains, ...EVERY_REQUEST },
    });
    expect(rules).toContainEqual({
      id: expect.any(Number),
      priority: PRIORITY.approved,
      action: { type: 'allowAllRequests' },
      condition: { requestDomains: facebook.domains, resourceTypes: ['main_frame'] },
    });
  });

  it('a page exception: like an approved use', () => {
    const rules = exceptionRulesAlone([{ network: facebook, scope: page }]);
    // The same rules; only the ids differ (each owner has its own range).
    const bodies = (rs: DnrRule[]) => rs.map(({ id: _id, ...body }) => body);
    expect(bodies(rules)).toEqual(bodies(approvedRulesAlone([{ url: '', scope: page.scope, roles: ['staff'], purpose: '', schoolHoursOnly: false }])));
  });

  it('a page too long for a rule is left out, not allowed to fail the whole update', () => {
    const long: ExceptionScope = { kind: 'page', scope: { host: 'facebook.com', pathPrefix: `/groups/${'a'.repeat(60)}` } };
    expect(exceptionRulesAlone([{ network: facebook, scope: long }])).toEqual([]);
  });

  it('the same exception twice compiles once', () => {
    const once = exceptionRulesAlone([
      { network: facebook, scope: { kind: 'site' } },
      { network: instagram, scope: page },
    ]);
    const twice = exceptionRulesAlone([
      { network: facebook, scope: { kind: 'site' } },
      { network: instagram, scope: page },
      { network: facebook, scope: { kind: 'site' } },
      { network: instagram, scope: page },
    ]);
    expect(twice).toEqual(once);
  });

  it('a site exception lets that network through, over the policy and the floor, and nothing else', () => {
    const rules = [...floor, ...compilePolicyRules({ ...input, exceptions: [{ network: facebook, scope: { kind: 'site' } }] })];
    expectWellFormed(rules.slice(floor.length));
    expect(simulate(rules, 'https://www.facebook.com/')).toBe('allow');
    expect(simulate(rules, 'https://www.messenger.com/')).toBe('allow');
    expect(simulate(rules, 'https://www-facebook-com.translate.goog/')).toBe('allow');
    expect(simulate(rules, 'https://facebook.com/x.js', 'script', 1, 'https://www.bbc.co.uk/')).toBe('allow');
    expect(simulate(rules, 'https://www.instagram.com/')).toBe(blockedPage('https://www.instagram.com/'));
    expect(simulate(rules, 'https://www.instagram.com/embed.js', 'script', 1, 'https://www.bbc.co.uk/')).toBe('block');
    // What the Facebook page itself loads from other listed networks is let through with it.
    expect(simulate(rules, 'https://www.instagram.com/embed.js', 'script', 1, 'https://www.facebook.com/')).toBe('allow');
  });

  it('a page exception lets that page and what it loads through, not the rest of the network', () => {
    const rules = [...floor, ...compilePolicyRules({ ...input, exceptions: [{ network: facebook, scope: page }] })];
    expect(simulate(rules, 'https://www.facebook.com/groups/ash/posts/1')).toBe('allow');
    expect(simulate(rules, 'https://www.facebook.com/api/graphql/', 'xmlhttprequest', 1, 'https://www.facebook.com/groups/ash')).toBe('allow');
    expect(simulate(rules, 'https://www.facebook.com/groups/other')).toBe(blockedPage('https://www.facebook.com/groups/other'));
    expect(simulate(rules, 'https://www.facebook.com/api/graphql/', 'xmlhttprequest', 1, 'https://www.bbc.co.uk/')).toBe('block');
  });

  it('approved uses and exceptions together keep ids unique', () => {
    const approved = parsePolicy({ approvedUses: [{ url: 'https://x.com/AshGroveAcademy', purpose: 'p' }] }).policy.approvedUses;
    const rules = compilePolicyRules({
      ...input,
      approved,
      exceptions: [
        { network: facebook, scope: { kind: 'site' } },
        { network: instagram, scope: page },
      ],
    });
    expectWellFormed(rules);
    expect(rules.filter((r) => r.action.type === 'allowAllRequests')).toHaveLength(3);
  });
});

// ---- tab allowances ------------------------------------------------------------------------------

describe('compileTabRules', () => {
  const now = 1_750_000_000_000;
  const stored = (rows: { tabId: number; network: Network; until: number }[]): TabAllowance[] =>
    rows.map(({ tabId, network, until }) => ({ tabId, networkId: network.id, until, reason: 'for a lesson' }));

  it.each<[string, { tabId: number; network: Network; until: number }[], number[]]>([
    ['nothing to allow', [], []],
    ['a live allowance', [{ tabId: 7, network: facebook, until: now + 60_000 }], [7]],
    ['an expired one is dropped', [{ tabId: 7, network: facebook, until: now - 1 }], []],
    ['one ending now is dropped', [{ tabId: 7, network: facebook, until: now }], []],
    [
      'mixed',
      [
        { tabId: 1, network: facebook, until: now + 1 },
        { tabId: 2, network: instagram, until: now - 60_000 },
        { tabId: 3, network: instagram, until: now + 60_000 },
      ],
      [1, 3],
    ],
  ])('%s', (_name, allowances, tabs) => {
    const rules = compileTabRules(stored(allowances), CATALOGUE, now);
    expectWellFormed(rules);
    expect(rules.map((r) => r.condition.tabIds)).toEqual(tabs.map((t) => [t]));
    for (const r of rules) {
      expect(r.action.type).toBe('allow');
      expect(matchesType(r, 'main_frame')).toBe(true);
      expect(r.priority).toBe(PRIORITY.tab);
    }
  });

  it('gives no rule to an allowance whose network is no longer in force', () => {
    const rows = stored([
      { tabId: 7, network: facebook, until: now + 60_000 },
      { tabId: 8, network: instagram, until: now + 60_000 },
    ]);
    expect(compileTabRules(rows, [instagram], now).map((r) => r.condition.tabIds)).toEqual([[8]]);
  });

  it('lets that network through in that tab only, over a warning', () => {
    const policy = parsePolicy({ actions: { pupil: { schoolHours: 'warn', otherTimes: 'warn' } } }).policy;
    const rules = [
      ...compileFloorRules(CATALOGUE, BASE),
      ...policyRules(policy, 'warn'),
      ...compileTabRules(stored([{ tabId: 7, network: facebook, until: now + 60_000 }]), CATALOGUE, now),
    ];
    expect(simulate(rules, 'https://www.facebook.com/', 'main_frame', 7)).toBe('allow');
    expect(simulate(rules, 'https://www.messenger.com/', 'main_frame', 7)).toBe('allow');
    expect(simulate(rules, 'https://www.facebook.com/', 'main_frame', 8)).toBe(warnPage('https://www.facebook.com/'));
    expect(simulate(rules, 'https://www.instagram.com/', 'main_frame', 7)).toBe(warnPage('https://www.instagram.com/'));
  });
});

// ---- budgets -------------------------------------------------------------------------------------

describe('rule budgets', () => {
  const sites = (n: number) => Array.from({ length: n }, (_, i) => `school-site-${i}.example-${i % 97}.com`);

  describe.each([10, 1000, 10000])('%i extra sites', (n) => {
    const policy = parsePolicy({ extraSites: sites(n) }).policy;
    it('parses every site', () => expect(policy.extraSites).toHaveLength(n));
    it.each(['block', 'warn', 'allow'] as Action[])('%s stays within the dynamic budgets', (action) => {
      const rules = policyRules(policy, action);
      const c = countRules(rules);
      expect(c.regex).toBeLessThanOrEqual(RULE_LIMITS.regex);
      expect(c.unsafe).toBeLessThanOrEqual(RULE_LIMITS.unsafeDynamic);
      expect(c.total).toBeLessThanOrEqual(RULE_LIMITS.dynamic);
      expect(budgetProblems(rules)).toEqual([]);
      // Extra sites' patterns stop short of the budget, leaving room for approved uses and exceptions.
      expect(c.regex).toBeLessThanOrEqual(RULE_LIMITS.regex - REGEX_RESERVE);
      const lastSite = sites(n)[n - 1]!;
      const url = `https://www.${lastSite}/`;
      expect(simulate(rules, url)).toBe(action === 'allow' ? 'allow' : action === 'block' ? blockedPage(url) : warnPage(url));
    });
  });

  const rule = (id: number, action: DnrRule['action'], regex: boolean): DnrRule => ({
    id,
    priority: 10,
    action,
    condition: regex ? { regexFilter: '^https://a\\.example/', resourceTypes: ['main_frame'] } : { requestDomains: ['a.example'] },
  });
  const many = (n: number, action: DnrRule['action'], regex: boolean) => Array.from({ length: n }, (_, i) => rule(i + 1, action, regex));
  const redirect: DnrRule['action'] = { type: 'redirect', redirect: { extensionPath: '/blocked.html' } };

  it.each<[string, DnrRule[], RegExp[]]>([
    ['at every limit: fine', [...many(RULE_LIMITS.regex, { type: 'allow' }, true)], []],
    ['unsafe at the limit: fine', many(RULE_LIMITS.unsafeDynamic, redirect, false), []],
    ['total at the limit: fine', many(RULE_LIMITS.dynamic, { type: 'block' }, false), []],
    ['one pattern rule too many', many(RULE_LIMITS.regex + 1, { type: 'allow' }, true), [/1001 pattern rules/]],
    ['one redirect too many', many(RULE_LIMITS.unsafeDynamic + 1, redirect, false), [/5001 redirect rules/]],
    ['one rule too many', many(RULE_LIMITS.dynamic + 1, { type: 'block' }, false), [/30001 rules/]],
    ['everything over', many(RULE_LIMITS.dynamic + 1, redirect, true), [/rules is more/, /redirect rules/, /pattern rules/]],
  ])('%s', (_name, rules, expected) => {
    const problems = budgetProblems(rules);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(problems[i]).toMatch(re));
  });

  it('counts what it says', () => {
    expect(countRules([rule(1, redirect, true), rule(2, { type: 'block' }, false), rule(3, { type: 'allow' }, true)])).toEqual({
      total: 3,
      regex: 2,
      unsafe: 1,
    });
  });

  it('EVERY_REQUEST matches the page itself and every sub-resource but CSP reports', () => {
    const rule: DnrRule = { id: 1, priority: 1, action: { type: 'allow' }, condition: { ...EVERY_REQUEST } };
    for (const t of ['main_frame', 'sub_frame', 'script', 'xmlhttprequest', 'image', 'media', 'websocket', 'other'] as const) {
      expect(matchesType(rule, t)).toBe(true);
    }
    expect(matchesType(rule, 'csp_report')).toBe(false);
  });

  it('the most approved uses a policy may hold, with 10,000 extra sites, stay within the budgets', () => {
    const approvedUses = Array.from({ length: 50 }, (_, i) => ({ url: `https://x.com/school-${i}`, purpose: 'p' }));
    const policy = parsePolicy({ extraSites: sites(10000), approvedUses }).policy;
    const index = networkIndex(policy);
    const rules = compilePolicyRules({
      networks: index.networks,
      excluded: index.excluded,
      action: 'block',
      pageBase: BASE,
      approved: policy.approvedUses,
      exceptions: CATALOGUE.map((network) => ({ network, scope: { kind: 'site' } as const })),
    });
    expect(budgetProblems(rules)).toEqual([]);
  });
});

// ---- every host form, both browsers; extra sites' patterns within the budget ---------------------

describe('every host form the decision knows is blocked by the rules in both browsers', () => {
  const policy = parsePolicy({ extraSites: ['example-social.com'] }).policy;
  const index = networkIndex(policy);
  const compileFor = (dialect: RuleDialect) => [
    ...compileFloorRules(CATALOGUE, BASE, dialect),
    ...compilePolicyRules({ networks: index.networks, excluded: index.excluded, action: 'block', pageBase: BASE, dialect }),
  ];
  const forms = [
    'https://facebook.com./',
    'https://www.facebook.com.:443/',
    'http://m.facebook.com./home.php',
    'HTTPS://WWW.FACEBOOK.COM/',
    'https://facebook.com:8443/x',
    'https://user:secret@m.facebook.com/',
    'https://faceb%6Fok.com/',
    'https://x.com./',
    'https://www-facebook-com.translate.goog/?_x_tr_sl=auto',
    'https://www-facebook-com.translate.goog./',
    'https://WWW-FACEBOOK-COM.TRANSLATE.GOOG/',
    'https://web.archive.org/web/2020/https://facebook.com/',
    'https://web.archive.org./web/2020/https://facebook.com/',
    'https://archive.ph/https://facebook.com/',
    'https://example-social.com./',
    'https://www.example-social.com.:8443/',
  ];
  describe.each(['chromium', 'firefox'] as const)('%s', (dialect) => {
    const rules = compileFor(dialect);
    const run = <T>(fn: () => T) => (dialect === 'firefox' ? asFirefox(fn) : fn());
    it('is well formed', () => {
      expectWellFormed(compileFloorRules(CATALOGUE, BASE, dialect));
      expectWellFormed(compilePolicyRules({ networks: index.networks, excluded: index.excluded, action: 'block', pageBase: BASE, dialect }));
    });
    it.each(forms)('%s', (url) => {
      expect(decide(url, 'pupil', Date.UTC(2026, 5, 10, 9), policy).action).toBe('block');
      expect(run(() => simulate(rules, url))).toBe(blockedPage(url));
      expect(run(() => simulate(rules, url, 'sub_frame', 1, 'https://school.test/'))).toBe('block');
    });
  });

  it('Firefox: without the dotted forms its matcher would let the fully qualified name through', () => {
    const chromiumRules = compileFor('chromium');
    expect(asFirefox(() => simulate(chromiumRules, 'https://facebook.com./'))).toBe('allow');
    expect(requestDomainsFor(['facebook.com'], 'firefox')).toEqual(['facebook.com', 'facebook.com.']);
    expect(requestDomainsFor(['facebook.com'], 'chromium')).toEqual(['facebook.com']);
  });

  it('a left-out network stays allowed in its dotted form in Firefox, over the floor', () => {
    const onlyX = parsePolicy({ networks: ['x'] }).policy;
    const i = networkIndex(onlyX);
    const rules = [
      ...compileFloorRules(CATALOGUE, BASE, 'firefox'),
      ...compilePolicyRules({ networks: i.networks, excluded: i.excluded, action: 'block', pageBase: BASE, dialect: 'firefox' }),
    ];
    expect(asFirefox(() => simulate(rules, 'https://www.facebook.com./'))).toBe('allow');
    expect(asFirefox(() => simulate(rules, 'https://x.com./'))).toBe(blockedPage('https://x.com./'));
  });
});

describe('extra sites: proxy and archive patterns within the pattern budget', () => {
  const sites = (n: number) => Array.from({ length: n }, (_, i) => `school-site-${i}.example-${i % 97}.com`);

  it.each<[number, number]>([
    [10, 10],
    [100, 100],
    [1000, 0],
    [10000, 0],
  ])('%i extra sites: the first ones are covered, up to the budget', (n, atLeast) => {
    const policy = parsePolicy({ extraSites: sites(n) }).policy;
    const index = networkIndex(policy);
    const { rules, coverage } = compilePolicy({ networks: index.networks, excluded: index.excluded, action: 'block', pageBase: BASE });
    expect(coverage.extraSites).toBe(n);
    expect(coverage.withPatterns).toBeGreaterThanOrEqual(atLeast);
    expect(coverage.withPatterns).toBeLessThanOrEqual(n);
    expect(coverage.regexUsed).toBe(countRules(rules).regex);
    expect(coverage.regexUsed).toBeLessThanOrEqual(RULE_LIMITS.regex - REGEX_RESERVE);
    const domains = rules.flatMap((r) => r.condition.requestDomains ?? []);
    const all = sites(n);
    // Covered: every form; beyond: the bare, www- and m- translation-proxy hosts only.
    const firstOut = all[coverage.withPatterns];
    const lastIn = all[coverage.withPatterns - 1];
    if (lastIn) {
      const url = `https://web.archive.org/web/2024/https://${lastIn}/`;
      expect(simulate(rules, url)).toBe(blockedPage(url));
      expect(simulate(rules, url, 'sub_frame', 1, 'https://school.test/')).toBe('block');
    }
    if (firstOut) {
      expect(coverage.withPatterns).toBeLessThan(n);
      for (const p of EXTRA_TRANSLATE_PREFIXES) expect(domains).toContain(`${p}${firstOut.replace(/-/g, '--').replace(/\./g, '-')}.translate.goog`);
      const url = `https://web.archive.org/web/2024/https://${firstOut}/`;
      expect(simulate(rules, url)).toBe('allow'); // the documented limit
    }
  });

  it('packs as many sites as the budget holds, and no more', () => {
    const ds = sites(400);
    for (const budget of [0, 1, 10, 100, 300]) {
      const { covered, regexes } = extraSitePatterns(ds, budget);
      expect(regexes.length * 2).toBeLessThanOrEqual(budget);
      if (covered < ds.length) expect(extraSitePatterns(ds.slice(0, covered + 1), Infinity).regexes.length * 2).toBeGreaterThan(budget);
    }
  });
});

describe('describeCoverage: the status page says what the pattern budget covers, with numbers', () => {
  it.each<[ExtraSiteCoverage, RegExp]>([
    [
      { extraSites: 0, withPatterns: 0, regexLimit: 1000, regexUsed: 235 },
      /^Listed networks: every proxy and archive form, in pages and frames \(235 of the browser's 1,000 pattern rules used\)\.$/,
    ],
    [{ extraSites: 1, withPatterns: 1, regexLimit: 1000, regexUsed: 241 }, /1 of 1 extra site in every proxy and archive form \(241 of/],
    [
      { extraSites: 10000, withPatterns: 198, regexLimit: 1000, regexUsed: 849 },
      /198 of 10,000 extra sites in every proxy and archive form\. The other 9,802 extra sites are blocked directly .* but not in web archives: the browser allows only 1,000 pattern rules \(849 used\)\./,
    ],
  ])('%j', (coverage, text) => expect(describeCoverage(coverage)).toMatch(text));
});

// ---- naming a rule the browser refuses -------------------------------------------------------------

describe('refusedRuleProblems', () => {
  const policy = parsePolicy({
    role: 'staff',
    approvedUses: [
      { url: 'https://x.com/AshGroveAcademy', purpose: 'School X account' },
      { url: 'https://www.facebook.com/groups/ash.grove', purpose: 'Parents group' },
    ],
  }).policy;
  const page: ExceptionScope = { kind: 'page', scope: { host: 'instagram.com', pathPrefix: '/ashgrove.pe' } };
  const input = { approved: policy.approvedUses, exceptions: [{ network: instagram, scope: page }] };
  const rules = compilePolicy({ networks: [], excluded: [], action: 'block', pageBase: BASE, ...input }).rules;
  const withPattern = (scope: { host: string; pathPrefix: string }) => rules.find((r) => r.condition.regexFilter === scopeRegexFilter(scope))!;

  it.each<[string, () => DnrRule, { key: string; problem: RegExp }]>([
    [
      'an approved use, by its key in the policy',
      () => withPattern({ host: 'facebook.com', pathPrefix: '/groups/ash.grove' }),
      { key: 'approvedUses[1]', problem: /facebook\.com\/groups\/ash\.grove.*memoryLimitExceeded/ },
    ],
    ['an exception, by its page', () => withPattern(page.scope), { key: '(exceptions)', problem: /instagram\.com\/ashgrove\.pe/ }],
    ['a rule from neither, by its id', () => ({ ...rules[0]!, id: 7, condition: { regexFilter: '^x' } }), { key: '(blocking rules)', problem: /rule 7/ }],
  ])('%s', (_name, rule, expected) => {
    const problems = refusedRuleProblems([{ rule: rule(), reason: 'memoryLimitExceeded' }], input, policy.approvedUses);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.key).toBe(expected.key);
    expect(problems[0]!.problem).toMatch(expected.problem);
    // The code's English is the same sentence (so the two cannot drift); Welsh has its own words.
    expect(renderProblem(enAdmin.policyProblems, problems[0]!.say!)).toBe(problems[0]!.problem);
    expect(renderUsed(enAdmin.policyProblems, problems[0]!.usedSay!)).toBe(problems[0]!.used);
    expect(renderProblem(cyAdmin.policyProblems, problems[0]!.say!)).toMatch(/^Gwrthododd y porwr .*memoryLimitExceeded/);
    expect(renderUsed(cyAdmin.policyProblems, problems[0]!.usedSay!)).toMatch(/mae pob rheol arall yn berthnasol$/);
  });
});
