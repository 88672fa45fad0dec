/** The real browser behind each port. Thin on purpose: no decisions are made here. */
import { browser } from 'wxt/browser';
import type { AlarmsPort, DnrPort, ExtensionPages, IdentityPort, KvPort, PolicySource, PrivacyPort, SiteAccessPort, TabsPort } from '../ports';
import type { DnrRule } from '../core/rules';

type BrowserRule = Parameters<typeof browser.declarativeNetRequest.updateDynamicRules>[0]['addRules'];

type RegexSupport = (options: { regex: string; isCaseSensitive?: boolean }) => Promise<{ isSupported: boolean; reason?: string }>;
/** Chromium's check of one pattern, where the browser has one. */
const dnrApi = () => browser.declarativeNetRequest as unknown as { isRegexSupported?: RegexSupport } | undefined;

export const dnrPort: DnrPort = {
  // The rules leave isUrlFilterCaseSensitive at its default (false), so the check does too.
  ...(typeof dnrApi()?.isRegexSupported === 'function'
    ? {
        isRegexSupported: async (regex: string) => {
          const answer = await dnrApi()!.isRegexSupported!({ regex, isCaseSensitive: false });
          return answer.isSupported ? { supported: true as const } : { supported: false as const, reason: answer.reason ?? 'not supported' };
        },
      }
    : {}),
  getDynamicRules: async () => (await browser.declarativeNetRequest.getDynamicRules()) as DnrRule[],
  updateDynamicRules: (change) => browser.declarativeNetRequest.updateDynamicRules({ ...change, addRules: change.addRules as BrowserRule }),
  getSessionRules: async () => (await browser.declarativeNetRequest.getSessionRules()) as DnrRule[],
  updateSessionRules: (change) => browser.declarativeNetRequest.updateSessionRules({ ...change, addRules: change.addRules as BrowserRule }),
};

export const tabsPort: TabsPort = {
  async list() {
    const tabs = await browser.tabs.query({});
    return tabs.flatMap((t) => (t.id !== undefined && t.url ? [{ id: t.id, url: t.url }] : []));
  },
  async navigate(tabId, url) {
    await browser.tabs.update(tabId, { url });
  },
};

export function kvPort(area: 'local' | 'session'): KvPort {
  const store = browser.storage[area];
  return {
    area,
    async get<T>(key: string) {
      return (await store.get(key))[key] as T | undefined;
    },
    set: (key, value) => store.set({ [key]: value }),
  };
}

/**
 * Chromium delays alarms to at least 30 s after they are set; for a change due sooner, a timer
 * in the (then awake) worker fires `onSoon` on time as well.
 */
export function alarmsPort(onSoon: (name: string) => void): AlarmsPort {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    async at(name, when) {
      clearTimeout(timers.get(name));
      const delay = when - Date.now();
      if (delay < 60_000)
        timers.set(
          name,
          setTimeout(() => onSoon(name), Math.max(delay, 0) + 50),
        );
      await browser.alarms.create(name, { when: Math.max(when, Date.now() + 1000) });
    },
    async clear(name) {
      clearTimeout(timers.get(name));
      await browser.alarms.clear(name);
    },
  };
}

/**
 * Managed storage arrives seconds after start in Chromium (get() may hang or return {} first) and
 * rejects in Firefox when no policy exists. Either way the answer until it arrives is "no policy":
 * the fail-closed defaults. A read that answers only after its timeout calls `onLate`, so a
 * policy that turns up late is applied at once rather than at the next check.
 */
export function managedPolicySource(onLate: () => void, timeoutMs = 2000): PolicySource {
  return {
    read() {
      let timedOut = false;
      const read = browser.storage.managed.get().catch(() => ({}));
      void read.then((value) => {
        if (timedOut && Object.keys(value).length > 0) onLate();
      });
      return Promise.race([
        read,
        new Promise<Record<string, unknown>>((resolve) =>
          setTimeout(() => {
            timedOut = true;
            resolve({});
          }, timeoutMs),
        ),
      ]);
    },
  };
}

export const identityPort: IdentityPort = {
  async email() {
    try {
      // Chromium only; Firefox has no profile email.
      const info = await browser.identity?.getProfileUserInfo?.({ accountStatus: 'ANY' } as never);
      return info?.email || null;
    } catch {
      return null;
    }
  },
};

export const privacyPort: PrivacyPort = {
  async turnPredictionOff() {
    const setting = browser.privacy?.network?.networkPredictionEnabled;
    if (!setting) return false;
    await setting.set({ value: false });
    const now = await setting.get({});
    return now.value === false;
  },
};

export const siteAccessPort: SiteAccessPort = {
  granted: () => browser.permissions.contains({ origins: ['<all_urls>'] }).catch(() => false),
};

/**
 * Chromium's pages are web-accessible with use_dynamic_url, so runtime.getURL() changes every
 * session; a stored rule must use the stable chrome-extension://<id>/ base instead.
 */
export function extensionPages(): ExtensionPages {
  const stable = import.meta.env.FIREFOX ? browser.runtime.getURL('/') : `chrome-extension://${browser.runtime.id}/`;
  return {
    ruleBase: stable,
    ruleDialect: import.meta.env.FIREFOX ? 'firefox' : 'chromium',
    // Only Firefox's background can reach a tab's page to start it (extension.getViews).
    staticBlockPages: import.meta.env.FIREFOX,
    pageUrl: (page, original) => `${browser.runtime.getURL(`/${page}`)}#${original}`,
  };
}
