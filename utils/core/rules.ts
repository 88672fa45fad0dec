/**
 * Compiles decisions into declarativeNetRequest rules, so the browser itself enforces them, even
 * while the service worker sleeps. Pure: the glue hands in the extension's page base URL.
 *
 * Layers, lowest first (a higher priority wins in declarativeNetRequest):
 * - floor (static ruleset, enabled in the manifest): every catalogue network blocked, from the
 *   first request after the browser starts, before the policy or the worker is there;
 * - policy (dynamic): what the policy says now for this role and time, for every network in force
 *   and for catalogue networks the policy leaves out (allowed);
 * - approved (dynamic, same rule set): the policy's approved uses and granted exceptions;
 * - tab (session): a warning's "Continue", for one network in one tab, until it runs out.
 */
import { ruleFailureEn, type RuleFailure } from './rule-failures';
import type { Action, ApprovedUse, ExceptionScope, Network, TabAllowance, UrlScope } from './types';
import { encodeTranslateHost, proxyRegexFilters } from './url-match';
import { MATCH_NOTHING, scopeFitsRule, scopeHost, scopeRegexFilter } from './scope';
import { numberedFor } from './rule-ids';
import { isExtraSite } from './networks';
import type { PolicyProblem } from './policy';
import { NONE, say, usedSay, type ProblemSay, type UsedSay } from './policy-problem-codes';
import { problemEn, usedEn } from './i18n/policy-problems-en';

/**
 * `excluded` sits under `policy`: an allow rule beats any other action at the same priority, so a
 * left-out network's allow rule must not override an extra site listed under its domains.
 */
export const PRIORITY = { floor: 1, excluded: 5, policy: 10, approved: 20, tab: 30 } as const;

/** Chromium's documented budgets (chrome.declarativeNetRequest.MAX_NUMBER_OF_*). */
export const RULE_LIMITS = {
  dynamic: 30000,
  unsafeDynamic: 5000,
  session: 5000,
  regex: 1000,
  staticRuleset: 30000,
} as const;

/** Subdomain prefixes of an extra site covered on the translation proxy without a regex. */
export const EXTRA_TRANSLATE_PREFIXES = ['', 'www-', 'm-'] as const;

/**
 * Pattern rules kept free for approved uses (up to 50) and exceptions, which are compiled after
 * the networks: extra sites get full proxy and archive patterns only within what is left.
 */
export const REGEX_RESERVE = 150;

/**
 * The domains as the browser compares them. Firefox keeps the trailing dot of a fully qualified
 * name (`facebook.com.`) when it matches a request's host against `requestDomains`, so there
 * each domain is listed in both forms; Chromium drops the dot itself.
 */
export function requestDomainsFor(domains: readonly string[], dialect: RuleDialect = 'chromium'): string[] {
  return dialect === 'firefox' ? domains.flatMap((d) => [d, `${d}.`]) : [...domains];
}

/** The proxy and archive forms given to each set of networks. */
export interface ProxyForms {
  /** Full regexes: any subdomain through the translation proxy, the Wayback Machine, archive.today. */
  regexes: string[];
  /** Plain translation-proxy hosts (bare, www-, m-) for extra sites beyond the pattern budget. */
  translateHosts: string[];
}

/**
 * How many extra sites get the full patterns (every proxy form and every archive), within a
 * budget of pattern rules. Each pattern becomes two rules (the page, and frames), so the budget
 * is halved first. The first `covered` extra sites (in policy order) are covered.
 */
export function extraSitePatterns(extraDomains: readonly string[], regexBudget: number): { covered: number; regexes: string[] } {
  if (extraDomains.length === 0 || regexBudget < 2) return { covered: 0, regexes: [] };
  // The same policy is compiled again on every refresh (every minute at least): keep the last answer.
  const key = `${regexBudget}\n${extraDomains.join(',')}`;
  if (lastPatterns?.key === key) return lastPatterns.value;
  const value = packExtraSitePatterns(extraDomains, regexBudget);
  lastPatterns = { key, value };
  return value;
}

let lastPatterns: { key: string; value: { covered: number; regexes: string[] } } | undefined;

function packExtraSitePatterns(extraDomains: readonly string[], regexBudget: number): { covered: number; regexes: string[] } {
  const cost = (k: number) => proxyRegexFilters(extraDomains.slice(0, k)).length;
  const limit = Math.floor(Math.max(0, regexBudget) / 2);
  // A Wayback pattern holds at most 8 of the shortest domains (`a.bc`): no more than 8 per rule
  // can be covered, which keeps the search short with thousands of sites.
  const most = Math.min(extraDomains.length, 8 * limit);
  if (most === extraDomains.length && cost(most) <= limit) return { covered: most, regexes: proxyRegexFilters(extraDomains) };
  let lo = 0;
  let hi = most;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (cost(mid) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return { covered: lo, regexes: proxyRegexFilters(extraDomains.slice(0, lo)) };
}

/**
 * The proxy and archive forms of the networks' domains. Catalogue networks always get full
 * regexes (any subdomain, translation proxy and web archives). Extra sites get them too while
 * `extraRegexBudget` pattern rules allow (thousands of extra sites would exhaust the browser's
 * 1,000); the rest get their common translation-proxy hosts as plain domains, which cost nothing.
 */
function proxyForms(networks: readonly Network[], extraRegexBudget = Infinity): ProxyForms & { extraCovered: number } {
  const catalogueDomains = networks.filter((n) => !isExtraSite(n)).flatMap((n) => n.domains);
  const extraDomains = networks.filter(isExtraSite).flatMap((n) => n.domains);
  const extras =
    extraRegexBudget === Infinity
      ? { covered: extraDomains.length, regexes: proxyRegexFilters(extraDomains) }
      : extraSitePatterns(extraDomains, extraRegexBudget);
  return {
    // The regexes match the start of the address; `.*` carries the rest into \0.
    regexes: [...proxyRegexFilters(catalogueDomains), ...extras.regexes].map((r) => `(?:${r}).*`),
    translateHosts: extraDomains.slice(extras.covered).flatMap((d) => EXTRA_TRANSLATE_PREFIXES.map((p) => `${p}${encodeTranslateHost(d)}.translate.goog`)),
    extraCovered: extras.covered,
  };
}

export type ResourceType =
  | 'main_frame'
  | 'sub_frame'
  | 'stylesheet'
  | 'script'
  | 'image'
  | 'font'
  | 'object'
  | 'xmlhttprequest'
  | 'ping'
  | 'csp_report'
  | 'media'
  | 'websocket'
  | 'webtransport'
  | 'webbundle'
  | 'other';

/**
 * "Every request, the page itself included", in words both browsers accept. A rule that names no
 * type matches everything *but* main_frame, and the lists of types differ (Chromium has
 * webtransport and webbundle, Firefox has beacon, json, imageset... and refuses the whole rule
 * set over one name it does not know). Excluding one type both know does it: a CSP report to a
 * let-through network is the only request left to the block rules, which costs nobody anything.
 */
export const EVERY_REQUEST: Pick<DnrRule['condition'], 'excludedResourceTypes'> = { excludedResourceTypes: ['csp_report'] };

export interface DnrRule {
  id: number;
  priority: number;
  action: { type: 'allow' | 'allowAllRequests' | 'block' } | { type: 'redirect'; redirect: { regexSubstitution: string } | { extensionPath: string } };
  condition: {
    requestDomains?: string[];
    regexFilter?: string;
    initiatorDomains?: string[];
    resourceTypes?: ResourceType[];
    excludedResourceTypes?: ResourceType[];
    tabIds?: number[];
  };
}

export type BlockingPage = 'blocked.html' | 'warn.html';

/**
 * Where a redirect goes. With a base URL the original address rides in the fragment
 * (`blocked.html#https://...`), matched whole by the regex, never decoded on the way.
 * Without one (Firefox's static floor: its extension origin is random per install) the page is
 * reached by path and cannot show the address.
 */
function redirectTo(page: BlockingPage | string, pageBase: string | null): DnrRule['action'] {
  return pageBase
    ? { type: 'redirect', redirect: { regexSubstitution: `${pageBase}${page}#\\0` } }
    : { type: 'redirect', redirect: { extensionPath: `/${page}` } };
}

export type RuleBody = Omit<DnrRule, 'id'>;

const NO_OWN_PAGES: ReadonlyMap<string, string> = new Map();

/** The rules that give `action` to these networks, at this priority. */
export function rulesForAction(
  networks: readonly Network[],
  action: Action,
  priority: number,
  pageBase: string | null,
  options: { dialect?: RuleDialect; extraRegexBudget?: number } = {},
): RuleBody[] {
  return rulesAndCoverage(networks, action, priority, pageBase, options).bodies;
}

function rulesAndCoverage(
  networks: readonly Network[],
  action: Action,
  priority: number,
  pageBase: string | null,
  {
    dialect = 'chromium',
    extraRegexBudget = Infinity,
    ownPages = NO_OWN_PAGES,
  }: { dialect?: RuleDialect; extraRegexBudget?: number; ownPages?: ReadonlyMap<string, string> },
): { bodies: RuleBody[]; extraCovered: number } {
  if (networks.length === 0) return { bodies: [], extraCovered: 0 };
  const { regexes: proxies, translateHosts, extraCovered } = proxyForms(networks, extraRegexBudget);
  const domains = requestDomainsFor([...networks.flatMap((n) => n.domains), ...translateHosts], dialect);
  if (action === 'allow') {
    const bodies: RuleBody[] = [
      { priority, action: { type: 'allow' }, condition: { requestDomains: domains, ...EVERY_REQUEST } },
      ...proxies.map((regexFilter): RuleBody => ({
        priority,
        action: { type: 'allow' },
        condition: { regexFilter, resourceTypes: ['main_frame', 'sub_frame'] },
      })),
    ];
    return { bodies, extraCovered };
  }
  const page: BlockingPage = action === 'block' ? 'blocked.html' : 'warn.html';
  // A network with a block page of its own (static-pages.ts) is sent there; the rest share one rule.
  const own = action === 'block' && pageBase ? networks.filter((n) => ownPages.has(n.id)) : [];
  const shared = own.length
    ? requestDomainsFor([...networks.filter((n) => !ownPages.has(n.id)).flatMap((n) => n.domains), ...translateHosts], dialect)
    : domains;
  const bodies: RuleBody[] = [
    ...own.map((n): RuleBody => ({
      priority,
      action: redirectTo(ownPages.get(n.id)!, pageBase),
      condition: { requestDomains: requestDomainsFor(n.domains, dialect), regexFilter: '^.*$', resourceTypes: ['main_frame'] },
    })),
    ...(shared.length
      ? [
          {
            priority,
            action: redirectTo(page, pageBase),
            condition: { requestDomains: shared, regexFilter: '^.*$', resourceTypes: ['main_frame'] },
          } satisfies RuleBody,
        ]
      : []),
    // A warning cannot be shown inside another site's frame or script: those are blocked outright.
    { priority, action: { type: 'block' }, condition: { requestDomains: domains, excludedResourceTypes: ['main_frame'] } },
    ...proxies.flatMap((regexFilter): RuleBody[] => [
      { priority, action: redirectTo(page, pageBase), condition: { regexFilter, resourceTypes: ['main_frame'] } },
      // The same proxy or archive page framed by another site.
      { priority, action: { type: 'block' }, condition: { regexFilter, resourceTypes: ['sub_frame'] } },
    ]),
  ];
  return { bodies, extraCovered };
}

function numbered(bodies: RuleBody[], firstId = 1): DnrRule[] {
  return bodies.map((b, i) => ({ id: firstId + i, ...b }));
}

/** The static floor: every catalogue network blocked, whatever the policy. */
export function compileFloorRules(catalogue: readonly Network[], pageBase: string | null, dialect: RuleDialect = 'chromium'): DnrRule[] {
  return numbered(rulesForAction(catalogue, 'block', PRIORITY.floor, pageBase, { dialect }));
}

/** The two browsers read one rule differently (see pageRules); everything else is shared. */
export type RuleDialect = 'chromium' | 'firefox';

/**
 * A page and everything under it, for the page and for whatever it loads, which the policy's
 * sub-resource block would otherwise stop (its scripts, images and API calls on the network's
 * own domains).
 *
 * Chromium: allowAllRequests on the frame. Firefox lets such a document pass its allowance on to
 * the next page loaded in the same tab (seen in Firefox ESR 153: the school's approved page, then
 * any address on that network typed into the tab, loaded), so there the page itself gets a plain
 * allow, and what it loads is allowed by its host as the initiator. Frames inside it stay blocked.
 */
function pageRules(scopes: readonly UrlScope[], dialect: RuleDialect = 'chromium'): RuleBody[] {
  // One regex the browser refuses fails the whole update: a scope too long for a rule (the
  // policy and the request checks refuse them) stays blocked rather than costing every rule.
  const hostOf = new Map<string, string>();
  for (const scope of scopes.filter(scopeFitsRule)) {
    const filter = scopeRegexFilter(scope);
    if (filter !== MATCH_NOTHING) hostOf.set(filter, scopeHost(scope)!);
  }
  if (dialect === 'chromium') {
    return [...hostOf.keys()].map((regexFilter) => ({
      priority: PRIORITY.approved,
      action: { type: 'allowAllRequests' },
      condition: { regexFilter, resourceTypes: ['main_frame', 'sub_frame'] },
    }));
  }
  const hosts = [...new Set(hostOf.values())];
  return [
    ...[...hostOf.keys()].map((regexFilter): RuleBody => ({
      priority: PRIORITY.approved,
      action: { type: 'allow' },
      condition: { regexFilter, resourceTypes: ['main_frame'] },
    })),
    ...(hosts.length > 0
      ? [
          {
            priority: PRIORITY.approved,
            action: { type: 'allow' },
            condition: { initiatorDomains: hosts, excludedResourceTypes: ['main_frame', 'sub_frame', 'csp_report'] },
          } satisfies RuleBody,
        ]
      : []),
  ];
}

export interface ExceptionRuleInput {
  network: Network;
  scope: ExceptionScope;
}

function exceptionBodies(exceptions: readonly ExceptionRuleInput[], dialect: RuleDialect = 'chromium'): RuleBody[] {
  const sites = exceptions.filter((e) => e.scope.kind === 'site').map((e) => e.network);
  const pages = exceptions.flatMap((e) => (e.scope.kind === 'page' ? [e.scope.scope] : []));
  const siteRules = [...new Map(sites.map((n) => [n.id, n])).values()].flatMap((n): RuleBody[] => [
    // The network's domains, translation-proxy and archive forms, as a policy "allow" would.
    ...rulesForAction([n], 'allow', PRIORITY.approved, null, { dialect }),
    // What its pages load from elsewhere. Not in Firefox, where the allowance would carry on to
    // the next page typed into the tab, another network included (see pageRules).
    ...(dialect === 'chromium'
      ? [
          {
            priority: PRIORITY.approved,
            action: { type: 'allowAllRequests' },
            condition: { requestDomains: n.domains, resourceTypes: ['main_frame'] },
          } satisfies RuleBody,
        ]
      : []),
  ]);
  return [...siteRules, ...pageRules(pages, dialect)];
}

export interface PolicyRuleInput {
  /** Networks in force (catalogue ones the policy keeps, and extra sites). */
  networks: readonly Network[];
  /** Catalogue networks the policy leaves out, let through over the floor. */
  excluded: readonly Network[];
  action: Action;
  pageBase: string;
  /** Approved uses in force for this role and time. */
  approved?: readonly ApprovedUse[];
  /** Granted exceptions in force. */
  exceptions?: readonly ExceptionRuleInput[];
  /**
   * Set when the browser withholds access to sites (Firefox lets a user take it away). Redirects
   * then are silently ignored, the static floor's too, so every redirect becomes a plain block
   * and the floor is repeated as blocks: the site still gets nothing, the tab shows the
   * browser's own error until the extension sends it to the block page.
   */
  withoutSiteAccess?: { floor: readonly Network[] };
  /** Which browser reads the rules (default Chromium). */
  dialect?: RuleDialect;
  /** Blocked networks sent to a block page of their own (network id -> page; see static-pages.ts). */
  ownPages?: ReadonlyMap<string, string>;
}

/** The same rules with every redirect turned into a block. */
export function blocksInsteadOfRedirects(bodies: readonly RuleBody[]): RuleBody[] {
  return bodies.map((b) => (b.action.type === 'redirect' ? { ...b, action: { type: 'block' } } : b));
}

/** How far the proxy and archive patterns reach for the policy's extra sites. */
export interface ExtraSiteCoverage {
  /** Extra sites in force. */
  extraSites: number;
  /** Of those, the first ones (in policy order) blocked in every proxy and archive form. */
  withPatterns: number;
  /** The browser's budget of pattern rules, and what the compiled rules use of it. */
  regexLimit: number;
  regexUsed: number;
}

const regexCount = (bodies: readonly RuleBody[]) => bodies.filter((b) => b.condition.regexFilter !== undefined).length;

/** One dynamic rule set for everything; each owner numbers its rules in its own id range (rule-ids.ts). */
export function compilePolicy(input: PolicyRuleInput): { rules: DnrRule[]; coverage: ExtraSiteCoverage } {
  const dialect = input.dialect ?? 'chromium';
  const extraSites = input.networks.filter(isExtraSite).length;
  const excluded = rulesForAction(input.excluded, 'allow', PRIORITY.excluded, input.pageBase, { dialect });
  const approved = pageRules(
    (input.approved ?? []).map((u) => u.scope),
    input.dialect,
  );
  const exceptions = exceptionBodies(input.exceptions ?? [], input.dialect);
  const floorAgain = input.withoutSiteAccess ? rulesForAction(input.withoutSiteAccess.floor, 'block', PRIORITY.floor, input.pageBase, { dialect }) : [];
  // What the networks in force cost without any extra site's patterns, then the rest for those.
  // (Counted, not compiled: with thousands of extra sites a second compilation doubles the time.)
  const catalogueRegexes = proxyRegexFilters(input.networks.filter((n) => !isExtraSite(n)).flatMap((n) => n.domains)).length;
  // + the '^.*$' redirect, one more for each network with a page of its own.
  const ownPages = input.action === 'block' ? input.networks.filter((n) => input.ownPages?.has(n.id)).length : 0;
  const baseCost = input.networks.length === 0 ? 0 : input.action === 'allow' ? catalogueRegexes : 2 * catalogueRegexes + 1 + ownPages;
  const budget = RULE_LIMITS.regex - REGEX_RESERVE - baseCost - regexCount([...floorAgain, ...excluded, ...approved, ...exceptions]);
  const inForce = rulesAndCoverage(input.networks, input.action, PRIORITY.policy, input.pageBase, {
    dialect,
    extraRegexBudget: budget,
    ownPages: input.ownPages,
  });
  const plain = (bodies: RuleBody[]) => (input.withoutSiteAccess ? blocksInsteadOfRedirects(bodies) : bodies);
  const rules = [
    ...numberedFor('policy', plain([...floorAgain, ...inForce.bodies, ...excluded])),
    ...numberedFor('approvedUses', plain(approved)),
    ...numberedFor('exceptions', plain(exceptions)),
  ];
  return {
    rules,
    coverage: { extraSites, withPatterns: inForce.extraCovered, regexLimit: RULE_LIMITS.regex, regexUsed: regexCount(rules) },
  };
}

/**
 * When the browser refuses the policy's rules (over a budget, a rule it will not take), the
 * plainest rules that still block every network in force: two rules, no patterns, no proxies,
 * no allowances. Without them the extra sites would be let through; the floor covers only the
 * catalogue.
 */
export function compileFallbackRules(networks: readonly Network[], pageBase: string, siteAccess = true, dialect: RuleDialect = 'chromium'): DnrRule[] {
  if (networks.length === 0) return [];
  const domains = requestDomainsFor(
    networks.flatMap((n) => n.domains),
    dialect,
  );
  const bodies: RuleBody[] = [
    {
      priority: PRIORITY.policy,
      action: redirectTo('blocked.html', pageBase),
      condition: { requestDomains: domains, regexFilter: '^.*$', resourceTypes: ['main_frame'] },
    },
    { priority: PRIORITY.policy, action: { type: 'block' }, condition: { requestDomains: domains, excludedResourceTypes: ['main_frame'] } },
  ];
  return numberedFor('policy', siteAccess ? bodies : blocksInsteadOfRedirects(bodies));
}

/**
 * Session rules for a warning's "Continue": that network, in that tab only. An allowance whose
 * network is not among `networks` (no longer in force) gets no rule.
 */
export function compileTabRules(allowances: readonly TabAllowance[], networks: readonly Network[], now: number, dialect: RuleDialect = 'chromium'): DnrRule[] {
  const byId = new Map(networks.map((n) => [n.id, n]));
  return numberedFor(
    'tabAllowances',
    allowances.flatMap((a): RuleBody[] => {
      const network = byId.get(a.networkId);
      if (!network || a.until <= now) return [];
      return [
        {
          priority: PRIORITY.tab,
          action: { type: 'allow' },
          condition: { requestDomains: requestDomainsFor(network.domains, dialect), tabIds: [a.tabId], ...EVERY_REQUEST },
        },
      ];
    }),
  );
}

export interface RuleCount {
  total: number;
  regex: number;
  unsafe: number;
}

export function countRules(rules: readonly DnrRule[]): RuleCount {
  return {
    total: rules.length,
    regex: rules.filter((r) => r.condition.regexFilter !== undefined).length,
    unsafe: rules.filter((r) => r.action.type === 'redirect').length,
  };
}

/** Problems a compiled rule set would meet in the browser's budgets, as codes for the status page. */
export function budgetFailures(rules: readonly DnrRule[]): RuleFailure[] {
  const c = countRules(rules);
  const out: RuleFailure[] = [];
  if (c.total > RULE_LIMITS.dynamic) out.push({ code: 'over-total', count: c.total, limit: RULE_LIMITS.dynamic });
  if (c.unsafe > RULE_LIMITS.unsafeDynamic) out.push({ code: 'over-unsafe', count: c.unsafe, limit: RULE_LIMITS.unsafeDynamic });
  if (c.regex > RULE_LIMITS.regex) out.push({ code: 'over-regex', count: c.regex, limit: RULE_LIMITS.regex });
  return out;
}

/** The same problems as English sentences (the console, the benchmark). */
export function budgetProblems(rules: readonly DnrRule[]): string[] {
  return budgetFailures(rules).map(ruleFailureEn);
}

/** The status page's line on proxies and archives: what the pattern budget covers, in numbers. */
export function describeCoverage(c: ExtraSiteCoverage): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  const budget = `${n(c.regexUsed)} of the browser's ${n(c.regexLimit)} pattern rules used`;
  const catalogue = 'Listed networks: every proxy and archive form, in pages and frames';
  if (c.extraSites === 0) return `${catalogue} (${budget}).`;
  const sites = (x: number) => `${n(x)} extra site${x === 1 ? '' : 's'}`;
  const covered = `${n(c.withPatterns)} of ${sites(c.extraSites)} in every proxy and archive form`;
  if (c.withPatterns >= c.extraSites) return `${catalogue}; ${covered} (${budget}).`;
  return (
    `${catalogue}; ${covered}. The other ${sites(c.extraSites - c.withPatterns)} are blocked directly and through the ` +
    `translation proxy as example.org, www.example.org and m.example.org, but not in web archives: the browser ` +
    `allows only ${n(c.regexLimit)} pattern rules (${n(c.regexUsed)} used).`
  );
}

/**
 * The approved uses and exceptions a rule was compiled from (found by its pattern), so a rule
 * the browser refuses can be named by where it came from.
 */
export function ruleSources(
  rule: DnrRule,
  input: Pick<PolicyRuleInput, 'approved' | 'exceptions' | 'dialect'>,
): { approved: ApprovedUse[]; exceptions: ExceptionRuleInput[] } {
  const pattern = rule.condition.regexFilter;
  if (pattern === undefined) return { approved: [], exceptions: [] };
  const has = (bodies: readonly RuleBody[]) => bodies.some((b) => b.condition.regexFilter === pattern);
  return {
    approved: (input.approved ?? []).filter((u) => has(pageRules([u.scope], input.dialect))),
    exceptions: (input.exceptions ?? []).filter((e) => has(exceptionBodies([e], input.dialect))),
  };
}

/**
 * Rules the browser refused one by one (their pattern), as problems for the status page, each
 * named by its source: the policy's approved use (by its key), or the exception.
 */
export function refusedRuleProblems(
  refused: readonly { rule: DnrRule; reason: string }[],
  input: Pick<PolicyRuleInput, 'approved' | 'exceptions' | 'dialect'>,
  allApprovedUses: readonly ApprovedUse[],
): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const seen = new Set<string>();
  const add = (key: string, what: ProblemSay, instead: UsedSay) => {
    const p: PolicyProblem = { key, problem: problemEn(what), used: usedEn(instead), say: what, usedSay: instead };
    const id = JSON.stringify(p);
    if (!seen.has(id)) out.push(p);
    seen.add(id);
  };
  for (const { rule, reason } of refused) {
    const { approved, exceptions } = ruleSources(rule, input);
    for (const u of approved) {
      add(`approvedUses[${allApprovedUses.indexOf(u)}]`, say('refusedApprovedUse', { url: u.url, reason }), usedSay('refusedApprovedUse', NONE));
    }
    for (const e of exceptions) {
      const where = e.scope.kind === 'page' ? `${e.scope.scope.host}${e.scope.scope.pathPrefix}` : e.network.name;
      add('(exceptions)', say('refusedException', { where, reason }), usedSay('refusedException', NONE));
    }
    if (approved.length === 0 && exceptions.length === 0) {
      add('(blocking rules)', say('refusedRule', { id: rule.id, reason }), usedSay('refusedRule', NONE));
    }
  }
  return out;
}
