/** In-memory stand-ins for the browser behind each port, for testing the enforcer without a browser. */
import type { DnrRule } from '../../utils/core/rules';
import type {
  AlarmsPort,
  DnrPort,
  RegexCheck,
  ExtensionPages,
  IdentityPort,
  JournalPort,
  KvPort,
  OpenTab,
  PolicySource,
  PrivacyPort,
  SiteAccessPort,
  TabsPort,
} from '../../utils/ports';
import type { NewLogEvent } from '../../utils/core/log/types';
import type { EnforcerDeps } from '../../utils/enforcer';
import { CHROME_EXTENSION_ID } from '../../utils/extension-identity';
import { TUESDAY_10AM } from '../helpers/time';

/** As browsers hand rules back: their own key order (alphabetical in Chromium), not ours. */
function asBrowserReturns<T>(value: T): T {
  if (Array.isArray(value)) return value.map(asBrowserReturns) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries.map(([k, v]) => [k, asBrowserReturns(v)])) as T;
}

/**
 * Why the browser would refuse a pattern, as RE2 in Chromium does: lookaround and backreferences
 * are syntax errors (so is anything that does not compile at all); `tooComplex` stands for
 * patterns over the browser's memory limit.
 */
function patternRefusal(regex: string, tooComplex: ReadonlySet<string>): string | null {
  if (tooComplex.has(regex)) return 'memoryLimitExceeded';
  if (/\(\?<?[=!]|\\[1-9]/.test(regex)) return 'syntaxError';
  try {
    new RegExp(regex);
    return null;
  } catch {
    return 'syntaxError';
  }
}

/**
 * As the browser does: an update whose rule ids clash (with kept rules or each other), or with a
 * pattern it cannot take, changes nothing.
 */
function applyUpdate(
  current: DnrRule[],
  { removeRuleIds, addRules }: { removeRuleIds: number[]; addRules: DnrRule[] },
  tooComplex: ReadonlySet<string>,
): DnrRule[] {
  const kept = current.filter((r) => !removeRuleIds.includes(r.id));
  const seen = new Set(kept.map((r) => r.id));
  for (const r of addRules) {
    if (seen.has(r.id)) throw new Error(`Rule with id ${r.id} does not have a unique ID.`);
    seen.add(r.id);
    const refusal = r.condition.regexFilter === undefined ? null : patternRefusal(r.condition.regexFilter, tooComplex);
    if (refusal) throw new Error(`Rule with id ${r.id} specified an unsupported regexFilter (${refusal}).`);
  }
  return [...kept, ...structuredClone(addRules)];
}

export class FakeDnr implements DnrPort {
  dynamic: DnrRule[] = [];
  session: DnrRule[] = [];
  dynamicUpdates = 0;
  /** Set to make the next dynamic update throw, as a browser over its rule budget does. */
  failNextDynamic: Error | null = null;
  /** Patterns this browser finds over its memory limit. */
  tooComplex = new Set<string>();
  /** Patterns asked about through isRegexSupported. */
  regexChecks: string[] = [];
  isRegexSupported?: (regex: string) => Promise<RegexCheck>;

  /** `regexCheck: false` is a browser without isRegexSupported (Firefox ESR). */
  constructor({ regexCheck = true }: { regexCheck?: boolean } = {}) {
    if (regexCheck) {
      this.isRegexSupported = async (regex: string) => {
        this.regexChecks.push(regex);
        const reason = patternRefusal(regex, this.tooComplex);
        return reason ? { supported: false, reason } : { supported: true };
      };
    }
  }

  async getDynamicRules() {
    return asBrowserReturns(this.dynamic);
  }
  async updateDynamicRules(change: { removeRuleIds: number[]; addRules: DnrRule[] }) {
    this.dynamicUpdates += 1;
    if (this.failNextDynamic) {
      const e = this.failNextDynamic;
      this.failNextDynamic = null;
      throw e;
    }
    this.dynamic = applyUpdate(this.dynamic, change, this.tooComplex);
  }
  async getSessionRules() {
    return asBrowserReturns(this.session);
  }
  async updateSessionRules(change: { removeRuleIds: number[]; addRules: DnrRule[] }) {
    this.session = applyUpdate(this.session, change, this.tooComplex);
  }
}

export class FakeTabs implements TabsPort {
  constructor(public tabs: OpenTab[] = []) {}
  navigations: { tabId: number; url: string }[] = [];
  async list() {
    return structuredClone(this.tabs);
  }
  /** As the browser does, a tab that is not there (closed meanwhile) makes navigate reject. */
  async navigate(tabId: number, url: string) {
    const tab = this.tabs.find((t) => t.id === tabId);
    if (!tab) throw new Error(`No tab with id: ${tabId}.`);
    this.navigations.push({ tabId, url });
    tab.url = url;
  }
}

/** Access to sites, granted unless a test takes it away as a Firefox user can. */
export class FakeSiteAccess implements SiteAccessPort {
  constructor(public isGranted = true) {}
  async granted() {
    return this.isGranted;
  }
}

export class FakeKv implements KvPort {
  constructor(readonly area?: 'local' | 'session') {}
  data = new Map<string, unknown>();
  async get<T>(key: string) {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async set(key: string, value: unknown) {
    this.data.set(key, structuredClone(value));
  }
}

export class FakeAlarms implements AlarmsPort {
  alarms = new Map<string, number>();
  async at(name: string, when: number) {
    this.alarms.set(name, when);
  }
  async clear(name: string) {
    this.alarms.delete(name);
  }
}

export class FakePolicy implements PolicySource {
  constructor(public value: unknown = {}) {}
  async read() {
    return structuredClone(this.value);
  }
}

export class FakeJournal implements JournalPort {
  events: (NewLogEvent & { recordFullUrl: boolean })[] = [];
  async append(event: NewLogEvent, recordFullUrl: boolean) {
    this.events.push({ ...structuredClone(event), recordFullUrl });
  }
}

export const fakeIdentity = (email: string | null = null): IdentityPort => ({ email: async () => email });
export const fakePrivacy: PrivacyPort = { turnPredictionOff: async () => true };

export const PAGE_BASE = `chrome-extension://${CHROME_EXTENSION_ID}/`;
export const fakePages: ExtensionPages = {
  ruleBase: PAGE_BASE,
  ruleDialect: 'chromium',
  pageUrl: (page, original) => `${PAGE_BASE}${page}#${original}`,
};

export interface FakeOverrides {
  policy?: FakePolicy;
  identity?: IdentityPort;
  dnr?: FakeDnr;
  tabs?: FakeTabs;
  journal?: FakeJournal;
  siteAccess?: FakeSiteAccess;
  now?: () => number;
  log?: EnforcerDeps['log'];
}

/** Everything the enforcer needs, faked; the clock reads Tuesday 24 November 2026, 10:00 UTC. */
export function fakeDeps(o: FakeOverrides = {}) {
  return {
    policy: o.policy ?? new FakePolicy(),
    identity: o.identity ?? fakeIdentity(),
    dnr: o.dnr ?? new FakeDnr(),
    tabs: o.tabs ?? new FakeTabs(),
    local: new FakeKv('local'),
    session: new FakeKv('session'),
    alarms: new FakeAlarms(),
    privacy: fakePrivacy,
    siteAccess: o.siteAccess ?? new FakeSiteAccess(),
    pages: fakePages,
    journal: o.journal ?? new FakeJournal(),
    now: o.now ?? (() => TUESDAY_10AM),
    log: o.log ?? (() => undefined),
  } satisfies EnforcerDeps;
}
