/**
 * The small interfaces the enforcer needs from the browser. Real ones live in utils/browser/,
 * fakes in tests/fakes/. Keeping them this narrow is what lets the enforcer be tested without a browser.
 */
import type { DnrRule, RuleDialect } from './core/rules';
import type { NewLogEvent } from './core/log/types';

/** The browser's answer on one rule's pattern; `reason` in its own words when refused. */
export type RegexCheck = { supported: true } | { supported: false; reason: string };

export interface DnrPort {
  /**
   * Whether the browser would take this regexFilter (case-insensitive, as the rules use it).
   * Only where the browser can say (Chromium's isRegexSupported); absent elsewhere.
   */
  isRegexSupported?(regex: string): Promise<RegexCheck>;
  getDynamicRules(): Promise<DnrRule[]>;
  updateDynamicRules(change: { removeRuleIds: number[]; addRules: DnrRule[] }): Promise<void>;
  getSessionRules(): Promise<DnrRule[]>;
  updateSessionRules(change: { removeRuleIds: number[]; addRules: DnrRule[] }): Promise<void>;
}

export interface OpenTab {
  id: number;
  url: string;
}

export interface TabsPort {
  list(): Promise<OpenTab[]>;
  navigate(tabId: number, url: string): Promise<void>;
}

/** A key-value area (storage.local or storage.session); what is kept there is declared in stored-state.ts. */
export interface KvPort {
  /** Which area this is, so an item declared for the other one is refused. */
  readonly area?: 'local' | 'session';
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export interface AlarmsPort {
  /** Fire `name` at `when` (epoch ms), replacing an earlier alarm of that name. */
  at(name: string, when: number): Promise<void>;
  clear(name: string): Promise<void>;
}

export interface PolicySource {
  /** The raw managed policy; `{}` when there is none (yet). Never rejects. */
  read(): Promise<unknown>;
}

export interface IdentityPort {
  /** The signed-in browser profile's email, or null. Never rejects. */
  email(): Promise<string | null>;
}

export interface PrivacyPort {
  /** Turns the browser's network prediction (pre-connections) off; true when it is off. */
  turnPredictionOff(): Promise<boolean>;
}

export interface SiteAccessPort {
  /** Whether the browser lets the extension act on every site (redirects need it). Never rejects. */
  granted(): Promise<boolean>;
}

export interface ExtensionPages {
  /** Base for declarativeNetRequest redirects (stable across restarts), ending in '/'. */
  ruleBase: string;
  /** Which browser reads the rules: the two differ on allowAllRequests. */
  ruleDialect: RuleDialect;
  /**
   * Whether the build has a block page of its own per catalogue network, with no script before its
   * load event, and the background starts its full page after that (Firefox: utils/core/static-pages.ts).
   */
  staticBlockPages?: boolean;
  /** A page URL to open in a tab now (may be a per-session URL). */
  pageUrl(page: 'blocked.html' | 'warn.html', original: string): string;
}

/** The access log. Appending resolves once the entry is durable. */
export interface JournalPort {
  append(event: NewLogEvent, recordFullUrl: boolean): Promise<void>;
}
