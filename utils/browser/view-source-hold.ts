/**
 * Firefox only. Firefox applies no declarativeNetRequest rule to the page request of a
 * `view-source:` load, and the guard (Enforcer.navigationStarted) can only move the tab once that
 * request has started, so the site got its connection. This blocking listener holds the page
 * request of such a load until the guard has decided, and cancels it unless the site is allowed.
 * It listens only to the hosts the rules can block (refitted to the policy), answers every other
 * request at once, and cancels when anything goes wrong.
 */
import { browser } from 'wxt/browser';
import { redirectPatterns, watchedHosts } from '../core/watch';
import type { Policy } from '../core/policy';

type Hold = (request: { tabId: number; type: string }) => false | Promise<boolean>;
type Details = { tabId: number; type: string };
type BlockingResponse = { cancel?: boolean };
type Listener = (details: Details) => BlockingResponse | Promise<BlockingResponse> | undefined;
type OnBeforeRequest = {
  addListener(fn: Listener, filter: { urls: string[]; types: string[] }, extra: string[]): void;
  removeListener(fn: Listener): void;
};

export function holdViewSourceRequests(hold: Hold, log: (message: string) => void): { fit(policy: Policy | undefined): void } {
  const event = browser.webRequest.onBeforeRequest as unknown as OnBeforeRequest;
  const listener: Listener = (details) => {
    try {
      const held = hold(details);
      if (held === false) return undefined;
      return held.then(
        (cancel) => ({ cancel }),
        () => ({ cancel: true }),
      );
    } catch {
      return { cancel: true };
    }
  };
  let fitted = '';
  const fit = (policy: Policy | undefined) => {
    const urls = redirectPatterns(watchedHosts(policy));
    const key = urls.join('\n');
    if (key === fitted) return;
    try {
      event.removeListener(listener);
      event.addListener(listener, { urls, types: ['main_frame'] }, ['blocking']);
      fitted = key;
    } catch (e) {
      log(`could not hold view-source requests: ${e instanceof Error ? e.message : String(e)}`);
      fitted = '';
    }
  };
  // The catalogue at once (the event that wakes the worker is not missed), the policy's sites later.
  fit(undefined);
  return { fit };
}
