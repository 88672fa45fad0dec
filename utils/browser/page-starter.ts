/**
 * Firefox only. A network's own block page (utils/core/static-pages.ts) has no script, so that
 * its load event waits for nothing the background is busy with; once that load event has passed
 * (webNavigation.onCompleted, for these pages only) the background adds the page's full script
 * (Preact, the live status, the buttons) to it. Until then the page shows its words with its
 * controls inert, so nothing can be clicked that would do nothing.
 */
import { browser } from 'wxt/browser';

/** Set on the page's root by the build (scripts/fast-pages.ts): its full page's module, and its network. */
const APP_ATTRIBUTE = 'data-app';
/** Must match STATIC_ATTRIBUTE in components/first-paint.ts. */
const STATIC_ATTRIBUTE = 'data-static';
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

/** Must be called while the background starts (a listener added later misses the waking event). */
export function startStaticPages(log: (message: string) => void): void {
  const prefix = `${browser.runtime.getURL('/')}blocked-`;
  browser.webNavigation.onCompleted.addListener(
    (details) => {
      try {
        // Every view of ours in that tab: a static page framed by another of our pages is started too.
        for (const view of browser.extension.getViews({ type: 'tab', tabId: details.tabId }) as unknown as globalThis.Window[]) {
          if (view.location.href.startsWith(prefix)) startFullPage(view.document);
        }
      } catch (e) {
        log(`could not start the block page in tab ${details.tabId}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    { url: [{ urlPrefix: prefix }] },
  );
}
