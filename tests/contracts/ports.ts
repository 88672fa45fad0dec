/**
 * The ports' contract: one table of cases, run against the fakes (tests/unit/ports-contract.test.ts)
 * and against the real adapters in real Chromium and Firefox (tests/e2e/both/ports-contract.spec.ts). A fake
 * that behaves differently from the browser fails here, not in a misleading enforcer test.
 *
 * Cases use only the ports, plus `openTab`, a test fixture each side provides.
 */
import type { DnrRule } from '../../utils/core/rules';
import type { DnrPort, IdentityPort, KvPort, PolicySource, PrivacyPort, SiteAccessPort, TabsPort } from '../../utils/ports';

export interface PortsUnderTest {
  dnr: DnrPort;
  local: KvPort;
  session: KvPort;
  tabs: TabsPort;
  policy: PolicySource;
  siteAccess: SiteAccessPort;
  privacy: PrivacyPort;
  identity: IdentityPort;
  /** Fixture, not a port: opens a tab at `url` (loaded) and returns its id. */
  openTab(url: string): Promise<number>;
}

export interface ContractEnv {
  /** A local web server's origin, e.g. http://127.0.0.1:4321 */
  site: string;
}

export type ContractBrowser = 'chromium' | 'firefox';

export interface ContractCase {
  name: string;
  run(p: PortsUnderTest, env: ContractEnv): Promise<unknown>;
  /** What every implementation gives: the fakes, Chromium, and Firefox unless `firefox` says otherwise. */
  expected(env: ContractEnv): unknown;
  /**
   * Where Firefox genuinely differs from Chromium (and from the fakes, which follow Chromium), what
   * it gives instead and why. Checked in real Firefox like any other expectation, never skipped.
   */
  firefox?: { because: string; expected(env: ContractEnv): unknown };
}

/** What `c` must give in `browser` (the fakes are held to `expected`). */
export function expectedIn(c: ContractCase, browser: ContractBrowser, env: ContractEnv): unknown {
  return browser === 'firefox' && c.firefox ? c.firefox.expected(env) : c.expected(env);
}

const block = (id: number, domain: string): DnrRule => ({
  id,
  priority: 1,
  action: { type: 'block' },
  condition: { requestDomains: [domain], resourceTypes: ['main_frame'] },
});
const redirect = (id: number): DnrRule => ({
  id,
  priority: 3,
  action: { type: 'redirect', redirect: { regexSubstitution: 'https://example.test/blocked.html#\\0' } },
  condition: { regexFilter: '^https?://([^/]*\\.)?contract\\.test/', resourceTypes: ['main_frame'] },
});

const pattern = (id: number, regexFilter: string): DnrRule => ({
  id,
  priority: 1,
  action: { type: 'allow' },
  condition: { regexFilter, resourceTypes: ['main_frame'] },
});

/**
 * How Firefox reads a rule back: every field of the rule's shape that the rule did not set comes
 * back as null. Hall Pass compares rules by id and by its own digest of what it wrote, never by
 * what it reads back, so this difference is harmless; it is written out so that it is seen.
 */
function firefoxReadBack(rule: DnrRule): unknown {
  const nulls = <K extends string>(keys: K[]) => Object.fromEntries(keys.map((k) => [k, null])) as Record<K, null>;
  const { action, condition } = rule;
  return {
    ...rule,
    action: {
      ...nulls(['redirect', 'requestHeaders', 'responseHeaders']),
      ...action,
      ...('redirect' in action && action.redirect
        ? { redirect: { ...nulls(['extensionPath', 'regexSubstitution', 'transform', 'url']), ...action.redirect } }
        : {}),
    },
    condition: {
      ...nulls([
        'domainType',
        'excludedInitiatorDomains',
        'excludedRequestDomains',
        'excludedRequestMethods',
        'excludedResourceTypes',
        'excludedTabIds',
        'initiatorDomains',
        'isUrlFilterCaseSensitive',
        'regexFilter',
        'requestDomains',
        'requestMethods',
        'tabIds',
        'urlFilter',
      ]),
      ...condition,
    },
  };
}

const ids = (rules: DnrRule[]) => rules.map((r) => r.id).sort((a, b) => a - b);
const byId = (rules: DnrRule[]) => [...rules].sort((a, b) => a.id - b.id);

/** Every case starts from no rules of its own. */
async function noRules(dnr: DnrPort) {
  await dnr.updateDynamicRules({ removeRuleIds: ids(await dnr.getDynamicRules()), addRules: [] });
  await dnr.updateSessionRules({ removeRuleIds: ids(await dnr.getSessionRules()), addRules: [] });
}

async function rejects(p: Promise<unknown>): Promise<boolean> {
  return p.then(
    () => false,
    () => true,
  );
}

async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

export const PORT_CASES: ContractCase[] = [
  {
    name: 'dnr: dynamic rules read back as they were added',
    async run({ dnr }) {
      await noRules(dnr);
      await dnr.updateDynamicRules({ removeRuleIds: [], addRules: [redirect(2), block(1, 'contract.test')] });
      return byId(await dnr.getDynamicRules());
    },
    expected: () => [block(1, 'contract.test'), redirect(2)],
    firefox: {
      because: 'Firefox fills every field a rule did not set with null',
      expected: () => [firefoxReadBack(block(1, 'contract.test')), firefoxReadBack(redirect(2))],
    },
  },
  {
    name: 'dnr: one update removes and adds at once',
    async run({ dnr }) {
      await noRules(dnr);
      await dnr.updateDynamicRules({ removeRuleIds: [], addRules: [block(1, 'a.test'), block(2, 'b.test')] });
      await dnr.updateDynamicRules({ removeRuleIds: [1], addRules: [block(3, 'c.test')] });
      return ids(await dnr.getDynamicRules());
    },
    expected: () => [2, 3],
  },
  {
    name: 'dnr: a rule id already in use is refused, and the whole update with it',
    async run({ dnr }) {
      await noRules(dnr);
      await dnr.updateDynamicRules({ removeRuleIds: [], addRules: [block(1, 'a.test')] });
      const refused = await rejects(dnr.updateDynamicRules({ removeRuleIds: [], addRules: [block(4, 'd.test'), block(1, 'again.test')] }));
      return { refused, ids: ids(await dnr.getDynamicRules()) };
    },
    expected: () => ({ refused: true, ids: [1] }),
  },
  {
    name: 'dnr: a pattern the browser cannot compile is refused by its check and by an update, which then changes nothing',
    async run({ dnr }) {
      await noRules(dnr);
      await dnr.updateDynamicRules({ removeRuleIds: [], addRules: [block(1, 'a.test')] });
      const bad = '^https?://(?=x)school\\.test/';
      const good = '^https?://school\\.test/(?:x|y)';
      const checks = { bad: await dnr.isRegexSupported?.(bad), good: await dnr.isRegexSupported?.(good) };
      const refused = await rejects(dnr.updateDynamicRules({ removeRuleIds: [1], addRules: [pattern(2, good), pattern(3, bad)] }));
      return { checks, refused, ids: ids(await dnr.getDynamicRules()) };
    },
    expected: () => ({ checks: { bad: { supported: false, reason: 'syntaxError' }, good: { supported: true } }, refused: true, ids: [1] }),
    firefox: {
      because: "Firefox compiles patterns with its own JavaScript engine, which accepts the lookahead Chromium's RE2 refuses",
      expected: () => ({ checks: { bad: { supported: true }, good: { supported: true } }, refused: false, ids: [2, 3] }),
    },
  },
  {
    name: 'dnr: two rules with one id in the same update are refused',
    async run({ dnr }) {
      await noRules(dnr);
      const refused = await rejects(dnr.updateSessionRules({ removeRuleIds: [], addRules: [block(7, 'a.test'), block(7, 'b.test')] }));
      return { refused, ids: ids(await dnr.getSessionRules()) };
    },
    expected: () => ({ refused: true, ids: [] }),
  },
  {
    name: 'dnr: removing an id that is not there is no error',
    async run({ dnr }) {
      await noRules(dnr);
      await dnr.updateDynamicRules({ removeRuleIds: [99], addRules: [] });
      return ids(await dnr.getDynamicRules());
    },
    expected: () => [],
  },
  {
    name: 'dnr: session rules and dynamic rules are kept apart',
    async run({ dnr }) {
      await noRules(dnr);
      await dnr.updateDynamicRules({ removeRuleIds: [], addRules: [block(1, 'a.test')] });
      await dnr.updateSessionRules({ removeRuleIds: [], addRules: [block(5, 'b.test')] });
      return { dynamic: ids(await dnr.getDynamicRules()), session: ids(await dnr.getSessionRules()) };
    },
    expected: () => ({ dynamic: [1], session: [5] }),
  },
  {
    name: 'kv: a key never set reads as undefined',
    run: async ({ local }) => ({ value: await local.get('contract:never-set') }),
    expected: () => ({ value: undefined }),
  },
  {
    name: 'kv: a value reads back equal (objects, lists, numbers, text, null, booleans)',
    async run({ local }) {
      const value = { n: 1.5, s: 'é ✓', list: [1, 'two', null], nested: { yes: true, no: false, none: null } };
      await local.set('contract:value', value);
      return local.get('contract:value');
    },
    expected: () => ({ n: 1.5, s: 'é ✓', list: [1, 'two', null], nested: { yes: true, no: false, none: null } }),
  },
  {
    name: 'kv: what get returns is a copy, and set stores a copy',
    async run({ local }) {
      const value = { list: [1] };
      await local.set('contract:copy', value);
      value.list.push(2);
      const read = (await local.get<{ list: number[] }>('contract:copy'))!;
      read.list.push(3);
      return local.get('contract:copy');
    },
    expected: () => ({ list: [1] }),
  },
  {
    name: 'kv: set replaces the whole value under a key',
    async run({ local }) {
      await local.set('contract:replace', { a: 1, b: 2 });
      await local.set('contract:replace', { c: 3 });
      return local.get('contract:replace');
    },
    expected: () => ({ c: 3 }),
  },
  {
    name: 'kv: local and session are separate areas',
    async run({ local, session }) {
      await local.set('contract:area', 'local');
      await session.set('contract:area', 'session');
      return [await local.get('contract:area'), await session.get('contract:area')];
    },
    expected: () => ['local', 'session'],
  },
  {
    name: 'tabs: an open tab is listed with its address',
    async run({ tabs, openTab }, { site }) {
      const id = await openTab(`${site}/contract/a`);
      return (await tabs.list()).filter((t) => t.id === id).map((t) => ({ id: typeof t.id, url: t.url }));
    },
    expected: ({ site }) => [{ id: 'number', url: `${site}/contract/a` }],
  },
  {
    name: 'tabs: navigate takes the tab to the new address',
    async run({ tabs, openTab }, { site }) {
      const id = await openTab(`${site}/contract/b`);
      await tabs.navigate(id, `${site}/contract/c`);
      const listed = await eventually(
        () => tabs.list(),
        (all) => all.some((t) => t.id === id && t.url === `${site}/contract/c`),
      );
      return listed.find((t) => t.id === id)?.url;
    },
    expected: ({ site }) => `${site}/contract/c`,
  },
  {
    name: 'tabs: navigating a tab that does not exist rejects',
    run: async ({ tabs }, { site }) => rejects(tabs.navigate(987_654, `${site}/contract/d`)),
    expected: () => true,
  },
  {
    // Firefox's storage.managed.get() rejects when no policy exists, Chromium's gives {}: the
    // adapter answers {} in both, which is what this case holds it to.
    name: 'policy: with no managed policy, read gives {}',
    run: async ({ policy }) => policy.read(),
    expected: () => ({}),
  },
  {
    name: 'site access: granted to an extension installed with <all_urls>',
    run: async ({ siteAccess }) => siteAccess.granted(),
    expected: () => true,
  },
  {
    name: 'privacy: network prediction can be turned off',
    run: async ({ privacy }) => privacy.turnPredictionOff(),
    expected: () => true,
  },
  {
    name: 'identity: no signed-in profile gives null',
    run: async ({ identity }) => identity.email(),
    expected: () => null,
  },
];
