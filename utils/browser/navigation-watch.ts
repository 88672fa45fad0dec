/**
 * The worker's navigation and redirect listeners, registered so ordinary browsing does not wake it.
 *
 * Chromium starts a stopped worker for every event it has a listener for, and remembers that
 * listener (with its filter) across stops. So the listeners are first registered wide and at once,
 * while the worker starts (the event that woke it is never missed), then fitted to what the last
 * status needs: redirects and page moves only on the hosts the rules can send to the block or
 * warning page, and navigations only while the browser withholds site access (then the rules cannot
 * redirect and every listed site is checked here). Removing a listener also removes Chromium's
 * record of it; checked in Chromium 156: a stopped worker whose listeners were fitted is not
 * started by navigations or redirects elsewhere, and is started, with its wide listeners back, by a
 * redirect on a listed host, which it then logs.
 *
 * Firefox keeps only the listeners its event page adds at start, so there they stay wide.
 */
import { browser, type Browser } from 'wxt/browser';
import { navigationFilters, redirectPatterns, watchedHosts } from '../core/watch';
import type { StatusSnapshot } from '../status';

export interface NavigationDetails {
  tabId: number;
  frameId: number;
  url: string;
}

export interface RedirectDetails {
  tabId: number;
  url: string;
  redirectUrl: string;
  timeStamp: number;
}

export interface WatchHandlers {
  /** A top-level navigation is starting (needed only while site access is withheld). */
  navigation(details: NavigationDetails): void;
  /** A main-frame request was redirected (by our rules, or anyone). */
  redirect(details: RedirectDetails): void;
  /** A page changed its address with history.pushState. */
  pageMoved(details: NavigationDetails): void;
}

export interface NavigationWatch {
  /** Narrows the listeners to what this status needs; no status leaves them wide. */
  fit(status: StatusSnapshot | null | undefined): void;
  /** Back to every listener, navigations included, until the next fit (site access just changed). */
  widen(): void;
}

const MAIN_FRAME = ['main_frame'] as Browser.webRequest.ResourceType[];

export function watchNavigations(h: WatchHandlers, log: (message: string) => void): NavigationWatch {
  const nav = browser.webNavigation.onBeforeNavigate;
  const redirects = browser.webRequest.onBeforeRedirect;
  const moves = browser.webNavigation.onHistoryStateUpdated;
  const wide = () => {
    nav.addListener(h.navigation);
    redirects.addListener(h.redirect, { urls: ['<all_urls>'], types: MAIN_FRAME });
    moves.addListener(h.pageMoved);
  };
  const removeAll = () => {
    nav.removeListener(h.navigation);
    redirects.removeListener(h.redirect);
    moves.removeListener(h.pageMoved);
  };
  wide();
  if (import.meta.env.FIREFOX) return { fit: () => undefined, widen: () => undefined };

  let fitted = '';
  return {
    widen() {
      removeAll();
      wide();
      fitted = '';
    },
    fit(status) {
      if (!status) return;
      const hosts = watchedHosts(status.parsed.policy);
      const key = `${status.siteAccess}\n${hosts.join('\n')}`;
      if (key === fitted) return;
      try {
        removeAll();
        const url = navigationFilters(hosts);
        if (!status.siteAccess) nav.addListener(h.navigation, { url });
        redirects.addListener(h.redirect, { urls: redirectPatterns(hosts), types: MAIN_FRAME });
        moves.addListener(h.pageMoved, { url });
        fitted = key;
      } catch (e) {
        // Never left deaf: back to listening to everything.
        log(`could not narrow the navigation listeners, listening to all: ${e instanceof Error ? e.message : String(e)}`);
        removeAll();
        wide();
        fitted = '';
      }
    },
  };
}
