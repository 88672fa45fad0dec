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
import type { Action, ApprovedUse, ExceptionScope, Network, UrlScope } from './types';
import { encodeTranslateHost, proxyRegexFilters } from './url-match';
import { MATCH_NOTHING, scopeFitsRule, scopeHost, scopeRegexFilter } from './scope';
import { numberedFor } from './rule-ids';

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

/** Extra sites from the policy carry this id prefix (see extraSiteNetwork). */
const isExtraSite = (n: Network) => n.id.startsWith('site:');

/**
 * The proxy and archive forms of the networks' domains. Catalogue networks get full regexes
 * (any subdomain, translation proxy and web archives); they cost about 4 pattern rules per
 * network, so thousands of extra sites would exhaust the browser's 1,000. Extra sites get their
 * common translation-proxy hosts as plain domains instead, which cost nothing.
 */
function proxyForms(networks: readonly Network[]): { regexes: string[]; translateHosts: string[] } {
  const catalogueDomains = networks.filter((n) => !isExtraSite(n)).flatMap((n) => n.domains);
  const extraDomains = networks.filter(isExtraSite).flatMap((n) => n.domains);
  return {
    // The regexes match the start of the address; `.*` carries the rest into \0.
    regexes: proxyRegexFilters(catalogueDomains).map((r) => `(?:${r}).*`),
    translateHosts: extraDomains.flatMap((d) =>
      EXTRA_TRANSLATE_PREFIXES.map((p) => `${p}${encodeTranslateHost(d)}.translate.goog`),
    ),
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
  action:
    | { type: 'allow' | 'allowAllRequests' | 'block' }
    | { type: 'redirect'; redirect: { regexSubstitution: string } | { extensionPath: string } };
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
function redirectTo(page: BlockingPage, pageBase: string | null): DnrRule['action'] {
  return pageBase
    ? { type: 'redirect', redirect: { regexSubstitution: `${pageBase}${page}#\\0` } }
    : { type: 'redirect', redirect: { extensionPath: `/${page}` } };
}

export type RuleBody = Omit<DnrRule, 'id'>;

/** The rules that give `action` to these networks, at this priority. */
export function rulesForAction(
  networks: readonly Network[],
  action: Action,
  priority: number,
  pageBase: string | null,
): RuleBody[] {
  if (networks.length === 0) return [];
  const { regexes: proxies, translateHosts } = proxyForms(networks);
  const domains = [...networks.flatMap((n) => n.domains), ...translateHosts];
  if (action === 'allow') {
    return [
      { priority, action: { type: 'allow' }, condition: { requestDomains: domains, ...EVERY_REQUEST } },
      ...proxies.map((regexFilter): RuleBody => ({
        priority,
        action: { type: 'allow' },
        condition: { regexFilter, resourceTypes: ['main_frame'] },
      })),
    ];
  }
  const page: BlockingPage = action === 'block' ? 'blocked.html' : 'warn.html';
  return [
    {
      priority,
      action: redirectTo(page, pageBase),
      condition: { requestDomains: domains, regexFilter: '^.*$', resourceTypes: ['main_frame'] },
    },
    // A warning cannot be shown inside another site's frame or script: those are blocked outright.
    { priority, action: { type: 'block' }, condition: { requestDomains: domains, excludedResourceTypes: ['main_frame'] } },
    ...proxies.map((regexFilter): RuleBody => ({
      priority,
      action: redirectTo(page, pageBase),
      condition: { regexFilter, resourceTypes: ['main_frame'] },
    })),
  ];
}

function numbered(bodies: RuleBody[], firstId = 1): DnrRule[] {
  return bodies.map((b, i) => ({ id: firstId + i, ...b }));
}

/** The static floor: every catalogue network blocked, whatever the policy. */
export function compileFloorRules(catalogue: readonly Network[], pageBase: string | null): DnrRule[] {
  return numbered(rulesForAction(catalogue, 'block', PRIORITY.floor, pageBase));
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
    ...[...hostOf.keys()].map(
      (regexFilter): RuleBody => ({ priority: PRIORITY.approved, action: { type: 'allow' }, condition: { regexFilter, resourceTypes: ['main_frame'] } }),
    ),
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

/** The policy's approved uses (already chosen for this role and time: see approvedUsesFor). */
export function compileApprovedRules(uses: readonly ApprovedUse[]): DnrRule[] {
  return numberedFor('approvedUses', pageRules(uses.map((u) => u.scope)));
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
    ...rulesForAction([n], 'allow', PRIORITY.approved, null),
    // What its pages load from elsewhere. Not in Firefox, where the allowance would carry on to
    // the next page typed into the tab, another network included (see pageRules).
    ...(dialect === 'chromium'
      ? [{ priority: PRIORITY.approved, action: { type: 'allowAllRequests' }, condition: { requestDomains: n.domains, resourceTypes: ['main_frame'] } } satisfies RuleBody]
      : []),
  ]);
  return [...siteRules, ...pageRules(pages, dialect)];
}

/** Granted exceptions still in force: a whole network ("site") or a page and below. */
export function compileExceptionRules(exceptions: readonly ExceptionRuleInput[]): DnrRule[] {
  return numberedFor('exceptions', exceptionBodies(exceptions));
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
}

/** The same rules with every redirect turned into a block. */
export function blocksInsteadOfRedirects(bodies: readonly RuleBody[]): RuleBody[] {
  return bodies.map((b) => (b.action.type === 'redirect' ? { ...b, action: { type: 'block' } } : b));
}

/** One dynamic rule set for everything; each owner numbers its rules in its own id range (rule-ids.ts). */
export function compilePolicyRules(input: PolicyRuleInput): DnrRule[] {
  const policy = [
    ...(input.withoutSiteAccess ? rulesForAction(input.withoutSiteAccess.floor, 'block', PRIORITY.floor, input.pageBase) : []),
    ...rulesForAction(input.networks, input.action, PRIORITY.policy, input.pageBase),
    ...rulesForAction(input.excluded, 'allow', PRIORITY.excluded, input.pageBase),
  ];
  const approved = pageRules((input.approved ?? []).map((u) => u.scope), input.dialect);
  const exceptions = exceptionBodies(input.exceptions ?? [], input.dialect);
  const plain = (bodies: RuleBody[]) => (input.withoutSiteAccess ? blocksInsteadOfRedirects(bodies) : bodies);
  return [...numberedFor('policy', plain(policy)), ...numberedFor('approvedUses', plain(approved)), ...numberedFor('exceptions', plain(exceptions))];
}

/**
 * When the browser refuses the policy's rules (over a budget, a rule it will not take), the
 * plainest rules that still block every network in force: two rules, no patterns, no proxies,
 * no allowances. Without them the extra sites would be let through; the floor covers only the
 * catalogue.
 */
export function compileFallbackRules(networks: readonly Network[], pageBase: string, siteAccess = true): DnrRule[] {
  if (networks.length === 0) return [];
  const domains = networks.flatMap((n) => n.domains);
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

export interface TabAllowance {
  tabId: number;
  network: Network;
  until: number;
}

/** Session rules for a warning's "Continue": that network, in that tab only. */
export function compileTabRules(allowances: readonly TabAllowance[], now: number): DnrRule[] {
  return numberedFor(
    'tabAllowances',
    allowances
      .filter((a) => a.until > now)
      .map((a): RuleBody => ({
        priority: PRIORITY.tab,
        action: { type: 'allow' },
        condition: { requestDomains: a.network.domains, tabIds: [a.tabId], ...EVERY_REQUEST },
      })),
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

/** Problems a compiled rule set would meet in the browser's budgets, in words for the status page. */
export function budgetProblems(rules: readonly DnrRule[]): string[] {
  const c = countRules(rules);
  const out: string[] = [];
  if (c.total > RULE_LIMITS.dynamic) out.push(`${c.total} rules is more than the browser's ${RULE_LIMITS.dynamic}`);
  if (c.unsafe > RULE_LIMITS.unsafeDynamic) out.push(`${c.unsafe} redirect rules is more than the browser's ${RULE_LIMITS.unsafeDynamic}`);
  if (c.regex > RULE_LIMITS.regex) out.push(`${c.regex} pattern rules is more than the browser's ${RULE_LIMITS.regex}`);
  return out;
}
