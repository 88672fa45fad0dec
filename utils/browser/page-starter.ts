/**
 * Firefox only. A network's own block page (utils/core/static-pages.ts) has no script, so that
 * its load event waits for nothing the background is busy with; once that load event has passed
 * (webNavigation.onCompleted, for these pages only) the background adds the page's full script
 * (Preact, the live status, the buttons) to it. Until then the page shows its words with its
 * controls inert, so nothing can be clicked that would do nothing.
 *
 * The background's own work on such a redirect (logging the attempt) is put off until that load
 * too (AfterLoad), at most half a second: the entry is still made from the redirect, with the
 * redirect's time, whatever the page does.
 */
import { browser } from 'wxt/browser';
import { STATIC_ATTRIBUTE } from '../core/static-pages';

/** Set on the page's root by the build (scripts/fast-pages.ts): its full page's module, and its network. */
const APP_ATTRIBUTE = 'data-app';
const STARTED_ATTRIBUTE = 'data-started';

/**
 * Adds the full page's module to a static block page, once. Only a module on the page's own origin
 * (the extension's) is ever added; anything else, or a page that is not a static block page, is
 * left alone. True when the module was added.
 */
export function startFullPage(doc: Document): boolean {
  const root = doc.getElementById('app');
  const app = root?.getAttribute(APP_ATTRIBUTE);
  if (!root || !app || !root.hasAttribute(STATIC_ATTRIBUTE) || root.hasAttribute(STARTED_ATTRIBUTE)) return false;
  let src: URL;
  try {
    src = new URL(app, doc.URL);
  } catch {
    return false;
  }
  if (src.origin !== new URL(doc.URL).origin) return false;
  root.setAttribute(STARTED_ATTRIBUTE, 'true');
  const script = doc.createElement('script');
  script.type = 'module';
  script.src = src.href;
  doc.body.append(script);
  return true;
}

/** How long work put off until a page's load waits at most (a tab closed before its page loaded). */
export const AFTER_LOAD_MAX_MS = 500;

/**
 * Work put off until a tab's page has loaded, or AFTER_LOAD_MAX_MS, whichever comes first; each
 * piece runs exactly once, in the order it was put off.
 */
export class AfterLoad {
  private readonly waiting = new Map<number, (() => void)[]>();

  constructor(
    // Called as a plain function: a browser's setTimeout called on another object throws.
    private readonly timer: (fn: () => void, ms: number) => unknown = (fn, ms) => setTimeout(fn, ms),
    private readonly maxMs = AFTER_LOAD_MAX_MS,
  ) {}

  add(tabId: number, work: () => void): void {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      const list = this.waiting.get(tabId);
      const i = list?.indexOf(once) ?? -1;
      if (list && i >= 0) list.splice(i, 1);
      if (list?.length === 0) this.waiting.delete(tabId);
      work();
    };
    this.waiting.set(tabId, [...(this.waiting.get(tabId) ?? []), once]);
    const timer = this.timer;
    timer(once, this.maxMs);
  }

  /** The tab's page has loaded: everything put off for it runs now. */
  loaded(tabId: number): void {
    for (const once of [...(this.waiting.get(tabId) ?? [])]) once();
  }
}

export interface StaticPages {
  /** Whether a redirect goes to one of these pages. */
  owns(url: string): boolean;
  /** Runs `work` once that tab's page has loaded (at most AFTER_LOAD_MAX_MS later). */
  afterLoad(tabId: number, work: () => void): void;
}

/** Must be called while the background starts (a listener added later misses the waking event). */
export function startStaticPages(log: (message: string) => void): StaticPages {
  const prefix = `${browser.runtime.getURL('/')}blocked-`;
  const after = new AfterLoad();
  browser.webNavigation.onCompleted.addListener(
    (details) => {
      // The full page first: the pupil's buttons, then the background's own work.
      try {
        // Every view of ours in that tab: a static page framed by another of our pages is started too.
        for (const view of browser.extension.getViews({ type: 'tab', tabId: details.tabId }) as unknown as globalThis.Window[]) {
          if (view.location.href.startsWith(prefix)) startFullPage(view.document);
        }
      } catch (e) {
        log(`could not start the block page in tab ${details.tabId}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (details.frameId === 0) after.loaded(details.tabId);
    },
    { url: [{ urlPrefix: prefix }] },
  );
  return {
    owns: (url) => url.startsWith(prefix),
    afterLoad: (tabId, work) => after.add(tabId, work),
  };
}
