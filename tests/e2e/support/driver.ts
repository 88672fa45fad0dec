/**
 * One small interface over both real browsers, so each user-visible flow is written once and run
 * in Chromium (Playwright) and Firefox ESR (puppeteer-core over WebDriver BiDi). It offers only
 * what a user does: go to an address, read the page, click, type, download.
 */
import type { LogEntry } from '../../../utils/core/log/types';
import type { StatusSnapshot } from '../../../utils/status';
import type { HostMap } from './chromium';

/** The status snapshot the background stores: the product's own type, not a copy. */
export type Status = StatusSnapshot;

export type ExtensionPageName = 'blocked.html' | 'warn.html' | 'status.html' | 'popup.html' | 'dsl.html' | 'builder.html';

/** A log entry as the extension stores it in IndexedDB: the product's own type, not a copy. */
export type StoredEntry = LogEntry;

export interface Downloaded {
  filename: string;
  text: string;
}

export interface Tab {
  /** Types an address and goes there; resolves once the tab has left the old page (or failed to load). */
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  /** Waits until the address equals `expected` (a string) or matches it (a RegExp). */
  waitForUrl(expected: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Waits for the first element matching `selector` to have text containing `expected` (or matching it). */
  waitForText(selector: string, expected: string | RegExp, timeoutMs?: number): Promise<string>;
  /** How many elements match `selector` now. */
  count(selector: string): Promise<number>;
  /** How many buttons are labelled `name` now. */
  countButtons(name: string): Promise<number>;
  attribute(selector: string, name: string): Promise<string | null>;
  click(selector: string): Promise<void>;
  clickButton(name: string): Promise<void>;
  /** Types into the control whose label is `label`, replacing what is there. */
  fillLabel(label: string, value: string): Promise<void>;
  /** The current value of the control labelled `label`. */
  inputValue(label: string): Promise<string>;
  /** Ticks the radio button or box labelled `label`. */
  checkLabel(label: string): Promise<void>;
  /** Unticks the box labelled `label` (left as it is when already unticked). */
  uncheckLabel(label: string): Promise<void>;
  /** Follows the link whose text is `name`, as a click on it would. */
  clickLink(name: string): Promise<void>;
  selectLabel(label: string, value: string): Promise<void>;
  /** Opens one of the extension's own pages in this tab. */
  open(page: ExtensionPageName): Promise<void>;
  /**
   * Shows the page as it prints (CSS media "print"). Chromium only: WebDriver BiDi has no media
   * emulation, so in Firefox the printed PDF itself is what a test can check.
   */
  emulatePrint?(): Promise<void>;
  /** Prints the page to PDF, as the browser's print dialog would. */
  pdf(): Promise<Uint8Array>;
  /** Whether the first element matching `selector` is shown (exists and takes up space). */
  isVisible(selector: string): Promise<boolean>;
  /** Runs `action` (a click) and returns the file it made the browser save. */
  download(action: () => Promise<void>): Promise<Downloaded>;
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /**
   * Runs a script's source in the page, as the browser's own tools do (the extension's pages allow
   * no eval, so a library such as axe-core is injected this way). Resolves with its value, awaited.
   */
  runScript(source: string): Promise<unknown>;
  /** Presses a key on the real keyboard (Tab moves focus as a keyboard user's would). */
  press(key: string): Promise<void>;
  /** The window's inner size in CSS pixels (a 320 px wide phone; 1280 px at 200% zoom is 640). */
  setViewport(width: number, height: number): Promise<void>;
  /** A PNG of the page as shown (the whole page). */
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

export interface Session {
  /** The extension's page base, e.g. chrome-extension://<id>/ or moz-extension://<uuid>/. */
  base: string;
  /** The profile directory, for a restart with the same profile. */
  userDataDir: string;
  newTab(): Promise<Tab>;
  status(): Promise<Status | undefined>;
  /** Log entries straight from the extension's IndexedDB (what the DSL page shows is checked separately). */
  storedEntries(): Promise<StoredEntry[]>;
  /**
   * Takes the extension's access to sites away, as a user can: Chromium's chrome://extensions →
   * Site access → "On click"; Firefox's about:addons → Permissions (done here by the extension's
   * own page, since BiDi cannot open about:addons).
   */
  withholdSiteAccess(): Promise<void>;
  /**
   * Types `url` into the address bar of a new tab, as a pupil would, and returns the address the
   * tab shows once it has settled (`endsOn` matched, or after `timeoutMs`). Firefox needs this
   * for addresses web pages and WebDriver may not open, such as view-source:.
   */
  typeAddress(url: string, endsOn: RegExp, timeoutMs?: number): Promise<string>;
  /** Runs `fn` in the extension's own origin (its storage, its IndexedDB), as someone with the profile could. */
  inExtension<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /**
   * Stops the extension's background as the browser does when it idles (Chromium, through CDP).
   * Firefox suspends its event page on its own; there is no switch for a test to pull.
   */
  stopBackground?(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** A profile to reuse (a restart); it is then kept when the session closes. */
  userDataDir?: string;
  /**
   * Installed the way a school does, by the browser's own policy (written with writePolicy's
   * browser policies), rather than as a test install. Firefox only here: Chromium's forced
   * install needs an update server (see chromium/forced-install.spec.ts).
   */
  forcedInstall?: boolean;
  /**
   * Another unpacked build in place of Hall Pass's, carrying Hall Pass's id (the ports-contract
   * extension, see contract-extension.ts).
   */
  extensionDir?: string;
}

/** One real browser; `S` is its session type (with what only that browser has, for its own specs). */
export interface BrowserUnderTest<S extends Session = Session> {
  name: 'chromium' | 'firefox';
  /** Writes the extension's managed policy (and any browser policies) where this browser's admin would. */
  writePolicy(policy: Record<string, unknown> | null, browserPolicies?: Record<string, unknown>): Promise<void>;
  removePolicy(): Promise<void>;
  launch(hosts: HostMap, opts?: LaunchOptions): Promise<S>;
}

export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      error = undefined;
      if (done(last)) return last;
    } catch (e) {
      error = e; // a page in the middle of loading: try again
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} never happened; last seen: ${JSON.stringify(last)?.slice(0, 500)}${error ? ` (${String(error)})` : ''}`);
}

/**
 * In the page: false while a page with a prerendered first paint (the block and warning pages,
 * marked by their first-paint script's `data-app`) shows only that (words, inert controls), true
 * once its full page has drawn; any other extension page once it is parsed; a web page at once.
 */
export const PAGE_READY = (): boolean =>
  !location.protocol.endsWith('-extension:') ||
  (document.readyState !== 'loading' && (!document.querySelector('script[data-app]') || document.getElementById('app')?.dataset.ready === 'true'));

export function matches(value: string, expected: string | RegExp, exact = false): boolean {
  if (typeof expected !== 'string') return expected.test(value);
  return exact ? value === expected : value.includes(expected);
}

/** Waits until the background has applied a policy that satisfies `ready` (managed policy takes seconds). */
export function waitForSessionStatus(session: Session, ready: (s: Status) => boolean, timeoutMs = 30_000): Promise<Status> {
  return poll(
    () => session.status(),
    (s) => s !== undefined && ready(s),
    'the expected status',
    timeoutMs,
  ) as Promise<Status>;
}

/** In-page helpers, run in either browser: find a control by its label or a button by its name. */
export const FIND_BY_LABEL = (label: string): Element | null => {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  for (const l of Array.from(document.querySelectorAll('label'))) {
    const own = l.control ? norm(l.textContent).replace(norm(l.control.textContent), '').trim() : norm(l.textContent);
    if (own === label || norm(l.textContent) === label) return l.control;
  }
  return document.querySelector(`[aria-label="${CSS.escape(label)}"]`);
};

/** In the page: the first shown link whose text is `name`. */
export const FIND_LINK = (name: string): Element | null =>
  Array.from(document.querySelectorAll('a[href]')).find(
    (a) => (a.getAttribute('aria-label') ?? a.textContent ?? '').replace(/\s+/g, ' ').trim() === name && a.getClientRects().length > 0,
  ) ?? null;

export const FIND_BUTTONS = (name: string): Element[] =>
  Array.from(document.querySelectorAll('button, input[type=submit], input[type=button], [role=button]')).filter((b) => {
    const text = (b.getAttribute('aria-label') ?? b.textContent ?? (b as HTMLInputElement).value ?? '').replace(/\s+/g, ' ').trim();
    const visible = (b as HTMLElement).offsetParent !== null || getComputedStyle(b).position === 'fixed';
    return text === name && visible;
  });

/** In the extension's own context: every log entry, straight from its IndexedDB. */
export const READ_LOG_ENTRIES = (): Promise<StoredEntry[]> =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('hall-pass');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('entries').objectStore('entries').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    };
  });

/** In the page: is the first element matching `selector` shown? */
export const IS_VISIBLE = (selector: string): boolean => {
  const el = document.querySelector(selector) as HTMLElement | null;
  return el !== null && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
};
