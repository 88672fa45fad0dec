/** In-memory stand-ins for the browser behind each port, for testing the enforcer without a browser. */
import type { DnrRule } from '../../utils/core/rules';
import type { AlarmsPort, DnrPort, ExtensionPages, IdentityPort, JournalPort, KvPort, OpenTab, PolicySource, PrivacyPort, SiteAccessPort, TabsPort } from '../../utils/ports';
import type { NewLogEvent } from '../../utils/core/log/types';
import type { EnforcerDeps } from '../../utils/enforcer';
import { CHROME_EXTENSION_ID } from '../../utils/extension-identity';

/** As browsers hand rules back: their own key order (alphabetical in Chromium), not ours. */
function asBrowserReturns<T>(value: T): T {
  if (Array.isArray(value)) return value.map(asBrowserReturns) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries.map(([k, v]) => [k, asBrowserReturns(v)])) as T;
}

export class FakeDnr implements DnrPort {
  dynamic: DnrRule[] = [];
  session: DnrRule[] = [];
  dynamicUpdates = 0;
  /** Set to make the next dynamic update throw, as a browser over its rule budget does. */
  failNextDynamic: Error | null = null;

  async getDynamicRules() {
    return asBrowserReturns(this.dynamic);
  }
  async updateDynamicRules({ removeRuleIds, addRules }: { removeRuleIds: number[]; addRules: DnrRule[] }) {
    this.dynamicUpdates += 1;
    if (this.failNextDynamic) {
      const e = this.failNextDynamic;
      this.failNextDynamic = null;
      throw e;
    }
    this.dynamic = [...this.dynamic.filter((r) => !removeRuleIds.includes(r.id)), ...structuredClone(addRules)];
  }
  async getSessionRules() {
    return asBrowserReturns(this.session);
  }
  async updateSessionRules({ removeRuleIds, addRules }: { removeRuleIds: number[]; addRules: DnrRule[] }) {
    this.session = [...this.session.filter((r) => !removeRuleIds.includes(r.id)), ...structuredClone(addRules)];
  }
}

export class FakeTabs implements TabsPort {
  constructor(public tabs: OpenTab[] = []) {}
  navigations: { tabId: number; url: string }[] = [];
  async list() {
    return structuredClone(this.tabs);
  }
  async navigate(tabId: number, url: string) {
    this.navigations.push({ tabId, url });
    const tab = this.tabs.find((t) => t.id === tabId);
    if (tab) tab.url = url;
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
    local: new FakeKv(),
    session: new FakeKv(),
    alarms: new FakeAlarms(),
    privacy: fakePrivacy,
    siteAccess: o.siteAccess ?? new FakeSiteAccess(),
    pages: fakePages,
    journal: o.journal ?? new FakeJournal(),
    now: o.now ?? (() => Date.UTC(2026, 10, 24, 10, 0)),
    log: o.log ?? (() => undefined),
  } satisfies EnforcerDeps;
}
